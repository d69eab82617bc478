"""Armed actors that no list names: recognised by how reports name armed groups.

The actor table (``geo.parse.actors``) knows the main actors of the last decade's wars; reports
name many more. A phrase names an armed actor when it has the shape of one (the words come from
``data/claims/<language>.json``):

- the state forces of a country: "Military Forces of Nigeria (2015-)", "forces of Artsakh",
  "Kenyan troops", "Jubaland forces" (not "Afgooye police station": a site at the place); the
  table's actor for that state where it has one
  (``state_of``: "Military Forces of Syria" are syrian_government), else ``forces_of_<place>``;
- a name before an armed noun: "NAF rebel forces", "Abuok militia", "Mayi Mayi militiamen";
- an armed noun before a name: "fighters of the Sultan Murad Division";
- the sides of a clash: "clashes between the Nuer and Anuak";
- an acronym the text defines: "the Tigray Defence Forces (TDF)", "ADF (Allied Democratic
  Forces)"; later mentions of the acronym name the same actor;
- unnamed state forces ("security forces", "soldiers", "the army"): the forces of the
  country the report is about, when the places it names are mostly in one.

Each actor the table lacks gets a stable slug of its name as id ("abuok_militia"), and its name
as the text writes it is registered for the map's legend.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from geo.model import ResolvedPlace
from geo.parse.actors import STATE_PREFIX, ActorMention, find_actors, register_actor, state_actor
from geo.parse.lexicon import lexicon
from geo.text.fold import fold
from geo.text.names import normalize_name

#: A capitalised name of up to five words ("Sultan Murad Division", "al-Hamza", "SPLM-N").
_NAME = r"[A-Z][\w'’\-/]*(?:\s+(?:(?:al|el|ad|ash|as|of|the|de|du|des)\s+)?[A-Z0-9][\w'’\-/]*){0,4}"
_ACRONYM = r"[A-Z][A-Z0-9]*(?:[\-/][A-Z0-9]+)*"
_YEARS = r"(?:\s*\(\d{4}\s*-\s*(?:\d{4})?\))?"


def slug(name: str) -> str:
    """A stable id for a name: folded, without a leading article, words joined by "_"."""
    folded = re.sub(r"^(?:the|al|el)\s+", "", fold(name).strip())
    return re.sub(r"\W+", "_", folded).strip("_")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=16)
def _patterns(language: str) -> dict[str, re.Pattern] | None:
    lex = lexicon(language).get("armed_actors")
    if not lex:
        return None
    armed, state = _alt(lex["armed_nouns"]), _alt(lex["state_nouns"])
    modifiers = _alt(lex["modifiers"])
    mods = rf"(?:(?:{modifiers})\s+){{0,2}}"
    members = rf"(?:(?i:{_alt(lex.get('party_members', ['members of']))})\s+)?"  # "residents of Bulana"
    return {
        "forces_of": re.compile(rf"(?<!\w)(?i:{_alt(lex['forces_of'])})\s+(?:the\s+)?({_NAME}){_YEARS}"),
        "name_noun": re.compile(rf"(?<![\w\-])({_NAME})\s+{mods}(?i:{armed}|{state})(?!\w)"),
        "noun_of": re.compile(rf"(?<!\w)(?i:{_alt(lex['members_of'])})\s+(?:the\s+)?({_NAME})"),
        "parties": re.compile(
            rf"(?<!\w)(?i:{_alt(lex['parties_of'])})\s+{members}(?:the\s+)?({_NAME})"
            rf"\s+(?:and|&|vs\.?)\s+{members}(?:the\s+)?({_NAME})"
        ),
        "state_after": re.compile(rf"\s+{mods}(?i:{state})(?!\w)"),
        # "Afgooye police station": a site at the place, not the place's forces
        "site_after": re.compile(rf"\s+(?i:{_alt(lex.get('sites_after', []) or ['-'])})(?!\w)"),
        "unnamed": re.compile(rf"(?<!\w)(?i:{_alt(lex['unnamed_state'])})(?!\w)"),
        "defined": re.compile(rf"({_NAME})\s*\(({_ACRONYM})\)|(?<!\w)({_ACRONYM})\s*\(({_NAME})\)"),
        "armed_word": re.compile(rf"(?<!\w)(?:{_alt(fold(w) for w in lex['armed_name_words'])})(?!\w)"),
        "stop": re.compile(
            rf"^(?:(?:{_alt(lexicon(language)['not_names'])}|\d[\d,.:/]*)(?:\s+|$))+", re.IGNORECASE
        ),
    }


def find_other_actors(
    text: str,
    known: list[ActorMention],
    places: list[ResolvedPlace],
    gazetteer=None,
    language: str = "en",
) -> list[ActorMention]:
    """``known`` (the table's mentions) with the armed actors the table lacks added, in order;
    ``places``: the text's resolved places (demonyms and the country it is about)."""
    pats = _patterns((language or "en")[:2])
    if pats is None:
        return known
    taken = [(m.start, m.end) for m in known if m.actor not in GENERIC_ACTORS]
    found: list[ActorMention] = []

    def add(start: int, end: int, actor: str | None, name: str = "") -> None:
        if actor and end > start and not any(start < b and a < end for a, b in taken):
            taken.append((start, end))
            found.append(ActorMention(start, end, actor, text[start:end]))
            register_actor(actor, name or text[start:end])

    by_start = {p.start: p for p in places}
    for m in pats["forces_of"].finditer(text):
        add(m.start(), m.end(1), _forces_of(m[1], by_start.get(m.start(1)), gazetteer))
    _defined_acronyms(text, pats, add)
    for p in places:  # "Kenyan troops", "Somali security forces", "Jubaland forces"
        after = pats["state_after"].match(text, p.end)
        if after and p.place.kind != "region" and not pats["site_after"].match(text, after.end()):
            add(p.start, after.end(), _forces_of(p.mention, p, gazetteer))
    for m in pats["name_noun"].finditer(text):
        start, name = _strip_stop(m.start(1), m[1], pats)
        if name and start not in by_start:  # "Rwandan soldiers": a state's forces
            state = _state_named(name, text[m.end(1) : m.end()], pats, gazetteer)
            add(start, m.end(), state or slug(text[start : m.end()]))
    for m in pats["noun_of"].finditer(text):
        start, name = _strip_stop(m.start(1), m[1], pats)
        if name:  # "armed men from Zawiya": the place stays a place the claim can be about
            end = m.start(1) - 1 if m.start(1) in by_start else m.end()
            add(m.start(), end, find_one(name) or slug(name), name)
    for m in pats["parties"].finditer(text):  # "clashes between the Nuer and Anuak": both are sides
        for group in (1, 2):
            start, name = _strip_stop(m.start(group), m[group], pats)
            if name and start not in by_start:
                add(start, m.end(group), find_one(name) or slug(name))
    country = _main_country(places)
    for m in pats["unnamed"].finditer(text) if country else ():
        add(
            m.start(), m.end(), state_actor(country) or STATE_PREFIX + slug(_country_name(country, gazetteer))
        )
    return sorted([*_named_generics(text, known, found), *found], key=lambda a: a.start)


#: Table actors that say who fought without a name ("gunmen", "armed men"): a name the text
#: gives them ("Renamo gunmen", "gunmen from the Dir clan") tells who they are.
GENERIC_ACTORS = frozenset({"unidentified_armed_group"})


def _named_generics(text: str, known: list[ActorMention], found: list[ActorMention]) -> list[ActorMention]:
    """``known`` without the generic mentions a found name covers, nor those right after another
    actor's name ("Al Shabaab gunmen": Al Shabaab's)."""
    names = [m for m in [*known, *found] if m.actor not in GENERIC_ACTORS]
    return [
        m
        for m in known
        if m.actor not in GENERIC_ACTORS
        or not any(
            (n.start < m.end and m.start < n.end) or (n.end <= m.start and not text[n.end : m.start].strip())
            for n in names
        )
    ]


def find_one(name: str) -> str | None:
    """The table's actor a whole name reads as ("Syrian Democratic Forces": sdf), else None."""
    hits = find_actors(name)
    return hits[0].actor if len(hits) == 1 and hits[0].end - hits[0].start >= len(name.strip()) - 1 else None


def _strip_stop(start: int, name: str, pats: dict[str, re.Pattern]) -> tuple[int, str]:
    """The name without the capitalised words that open a sentence ("Suspected", "On")."""
    stop = pats["stop"].match(name)
    if stop:
        start, name = start + stop.end(), name[stop.end() :]
    return start, name.strip()


def _forces_of(name: str, place: ResolvedPlace | None, gazetteer) -> str:
    """The id of the forces of a country or a place ("Nigeria", "Kenyan", "Jubaland")."""
    cc = None
    if place is not None and (place.demonym or place.place.kind == "country"):
        cc = place.place.country_code
    elif gazetteer is not None:
        key = normalize_name(name)
        cc = (
            gazetteer.demonym(key)
            or next((p.country_code for p in gazetteer.lookup(key) if p.kind == "country"), None)
            or _english_demonyms().get(key)  # "Malian forces"
        )
    if cc:
        return state_actor(cc) or STATE_PREFIX + slug(_country_name(cc, gazetteer))
    return STATE_PREFIX + slug(name)


def _state_named(name: str, noun: str, pats: dict[str, re.Pattern], gazetteer) -> str | None:
    """The id of a state's forces when a name before a state noun is its country or demonym
    ("Rwandan soldiers", "Somali government forces", "Tunisian forces"), else None."""
    if gazetteer is None or not pats["state_after"].fullmatch(noun):
        return None
    key = normalize_name(name)
    if gazetteer.demonym(key) or any(p.kind == "country" for p in gazetteer.lookup(key)):
        return _forces_of(name, None, gazetteer)
    cc = _english_demonyms().get(key)  # the gazetteer's demonyms cover fewer countries
    return (state_actor(cc) or STATE_PREFIX + slug(_country_name(cc, gazetteer))) if cc else None


@lru_cache(maxsize=1)
def _english_demonyms() -> dict[str, str]:
    """Every country's English demonym ("Rwandan": RW), as the ``countryinfo`` package has them."""
    import json

    from geo.gazetteer.sources import package_data_dir

    out = {}
    for path in (package_data_dir("countryinfo") / "data").glob("*.json"):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
            out.setdefault(normalize_name(info["demonym"]), info["ISO"]["alpha2"])
        except (KeyError, ValueError, TypeError, AttributeError):
            continue
    return out


def _country_name(cc: str, gazetteer) -> str:
    country = gazetteer.country(cc) if gazetteer is not None else None
    return country.name if country else cc


def _defined_acronyms(text: str, pats: dict[str, re.Pattern], add) -> None:
    """ "Long Name (ACR)" and "ACR (Long Name)" of an armed group: the name and every later use
    of the acronym name one actor (the table's, when it knows the long name)."""
    for m in pats["defined"].finditer(text):
        if m[1]:
            start, name = _strip_stop(m.start(1), m[1], pats)
            acronym, span = m[2], (start, m.end(1))
        else:
            name, acronym, span = m[4], m[3], (m.start(3), m.end(3))
        if not name or not pats["armed_word"].search(fold(name)):
            continue
        actor = find_one(name) or slug(name)
        add(*span, actor)
        register_actor(actor, name)
        for use in re.finditer(rf"(?<![\w\-]){re.escape(acronym)}(?![\w\-])", text):
            add(use.start(), use.end(), actor)


def _main_country(places: list[ResolvedPlace]) -> str | None:
    """The country most of the text's places lie in, when it has most of them."""
    counts = Counter(p.place.country_code for p in places if p.place.country_code)
    if not counts:
        return None
    cc, n = counts.most_common(1)[0]
    return cc if n * 2 > sum(counts.values()) else None
