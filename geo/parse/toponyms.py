"""Recognise place-name mentions in text of any language, driven by the gazetteer's names.

No multilingual NER model can be installed offline, so, as CLAVIN and GDELT do, every run of
tokens that is a gazetteer name is a candidate mention (longest match wins); then linguistic
filters drop what only looks like a place: lower-case common nouns, month and weekday names
(CLDR via babel), news agencies and other listed non-places, parts of person names
("Abu Bakr al-Baghdadi"), street and newspaper names, and frequent words at the start of a
sentence. Country names used as adjectives ("pasukan Irak") and demonyms ("Iraqi") are kept
and marked ``demonym=True``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from geo.model import Mention
from geo.parse.lexicon import calendar_names
from geo.paths import DATA_DIR
from geo.text import names

FILTERS_PATH = DATA_DIR / "toponyms" / "filters.json"

_SENTENCE_END = re.compile(r"[.!?\n:;]['\"”’)\]]*\s*$|^\s*$|\)\s*[-–—]+\s*$|\s[-–—]+\s*$")
_ELIDED_ARTICLE_GAP = re.compile(r"^\s[dDlL]['’]$")
_JOINABLE_GAP = re.compile(r"^(?:['’]s)?[\s\-‐‑–'’`]{0,3}$")  # "People's Republic" joins
_QUOTES_OPEN = "\"'“‘«([—–- "


@dataclass(frozen=True)
class Filters:
    """The recogniser's word lists for one language (plus the language-independent ones)."""

    not_places: frozenset[str]
    person_titles: frozenset[str]
    following_blockers: frozenset[str]
    preceding_blockers: frozenset[str]
    directions: frozenset[str]
    adjectival_heads: frozenset[str]
    speech_verbs: frozenset[str]
    calendar_words: frozenset[str]
    acronyms: dict[str, str]  # acronym as written -> country code
    abbreviations: dict[str, str]  # abbreviation as written -> full name of an admin-1 division
    abbreviation_country: str
    common_word_zipf: float
    very_common_word_zipf: float
    big_place_population: int


def _norm_words(words) -> frozenset[str]:
    return frozenset(names.normalize_name(w) for w in words if names.normalize_name(w))


@lru_cache(maxsize=64)
def load_filters(language: str = "und") -> Filters:
    """Filters for ``language`` (ISO 639-1), merged with the ones for every language."""
    data = json.loads(FILTERS_PATH.read_text(encoding="utf-8"))

    def words(section: str) -> frozenset[str]:
        d = data.get(section, {})
        return _norm_words([*d.get("*", []), *d.get(language, [])])

    return Filters(
        not_places=words("not_places"),
        person_titles=words("person_titles"),
        following_blockers=words("following_blockers"),
        preceding_blockers=words("preceding_blockers"),
        directions=words("directions"),
        adjectival_heads=words("adjectival_heads"),
        speech_verbs=words("speech_verbs"),
        calendar_words=_calendar_words(language),
        acronyms={
            **data.get("acronym_places", {}).get("*", {}),
            **data.get("acronym_places", {}).get(language, {}),
        },
        abbreviations=data.get("abbreviations", {}).get(language, {}),
        abbreviation_country=data.get("abbreviation_country", {}).get(language, ""),
        common_word_zipf=float(data.get("common_word_zipf", 4.0)),
        very_common_word_zipf=float(data.get("very_common_word_zipf", 5.3)),
        big_place_population=int(data.get("big_place_population", 100000)),
    )


def _calendar_words(language: str) -> frozenset[str]:
    """Month and weekday names of ``language`` and of English, and the months the claim
    lexicon adds (Levantine "آب", August, is no "إب", Ibb)."""
    names = {name for loc in {"en", language} for name, _, _ in calendar_names(loc)}
    return _norm_words(names)


@lru_cache(maxsize=200_000)
def _zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, language)
    except (LookupError, ValueError):
        return 0.0


@lru_cache(maxsize=1)
def _first_name_detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=100_000)
def _is_first_name(word: str) -> bool:
    """A given name (gender-guesser's international list of about 40,000 names)."""
    return len(word) > 1 and _first_name_detector().get_gender(word) != "unknown"


def _has_case(ch: str) -> bool:
    return ch.lower() != ch.upper()


def _is_capitalised(s: str) -> bool:
    first = next((ch for ch in s if ch.isalpha()), "")
    return bool(first) and (first.isupper() or not _has_case(first))


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start]
    if start == 0 or not before.strip() or _SENTENCE_END.search(before):
        return True
    before = before.rstrip(_QUOTES_OPEN)
    return not before.strip() or bool(_SENTENCE_END.search(before))


def find_mentions(text: str, gaz, language: str = "und") -> list[Mention]:
    """Mentions of places in ``text``, in order, with their gazetteer candidates.

    ``gaz`` is a ``geo.gazetteer.Gazetteer``; ``language`` an ISO 639-1 code or "und".
    """
    if not text or not text.strip():
        return []
    language = (language or "und").lower()[:2] if language != "und" else "und"
    filters = load_filters(language)
    toks = names.split_clitics(text, names.tokenize(text), gaz)
    norms = [t.norm for t in toks]
    lower_words = {t.norm for t in toks if not _is_capitalised(text[t.start : t.end])}
    person_parts: set[str] = set()
    out: list[Mention] = []
    words: list[Mention] = []  # capitalised common words that also name a town ("Hit")
    given: list[Mention] = []  # given names that also name a big place ("George", "Mary")
    n = len(toks)
    i = 0
    while i < n:
        first = text[toks[i].start]
        if first.islower() and not _is_article(norms[i]) and not gaz.demonym(norms[i]):
            i += 1  # a name starts with a capital (or an article: "al-Qaim"); skip the rest fast
            continue
        match = _longest_match(text, toks, norms, i, gaz)
        if match is None:
            i += 1
            continue
        j, key, demonym_cc = match
        span_start, span_end = toks[i].start, toks[j - 1].end
        surface = text[span_start:span_end]
        verdict = _judge(
            text, toks, i, j, key, surface, gaz, filters, language, lower_words, person_parts, demonym_cc
        )
        if verdict is _WORD:
            if _stands_alone(text, toks, i, j):
                words.append(Mention(span_start, span_end, surface, key, False, tuple(gaz.lookup(key))))
            verdict = None
        elif verdict is _GIVEN_NAME:
            given.append(Mention(span_start, span_end, surface, key, False, tuple(gaz.lookup(key))))
            verdict = None
        if verdict is None:
            i += 1
            continue
        demonym = verdict
        if demonym_cc:
            country = gaz.country(demonym_cc)
            candidates = (country,) if country else ()
        else:
            candidates = tuple(gaz.lookup(key))
        if candidates:
            out.append(Mention(span_start, span_end, surface, key, demonym, candidates))
        i = j
    # A surname met later in a full name was a person before it, too (a headline's "Harding").
    out = [m for m in out if m.demonym or m.key not in person_parts]
    countries = _named_countries(out)
    out = sorted(
        [*out, *_towns_of_named_countries(words, countries), *_places_of_named_countries(given, countries)],
        key=lambda m: m.start,
    )
    return _merge([*_acronym_mentions(text, gaz, filters), *_abbreviation_mentions(text, gaz, filters)], out)


#: What _judge returns for a capitalised word too common to be taken for a place on its own.
_WORD = "word"
#: A town at least this big, in a country the text names, is what a capitalised common word means.
WORD_TOWN_POPULATION = 20_000


def _stands_alone(text: str, toks, i: int, j: int) -> bool:
    """A capitalised word amid lower-case ones ("retook Hit from"), not the start of a sentence
    nor a word of a longer name ("the Clean Air Act", "World AIDS Day", "Green-winged")."""
    if _sentence_initial(text, toks[i].start):
        return False
    for k, gap in (
        (i - 1, text[toks[i - 1].end : toks[i].start] if i > 0 else " "),
        (j, text[toks[j - 1].end : toks[j].start] if j < len(toks) else " "),
    ):
        if "-" in gap:
            return False
        if 0 <= k < len(toks) and not gap.strip() and _is_capitalised(text[toks[k].start : toks[k].end]):
            return False
    return True


#: What _judge returns for a given name before a capitalised word that also names a big place.
_GIVEN_NAME = "given name"


def _named_countries(mentions: list[Mention]) -> set[str]:
    """The countries a text names, by name or by demonym."""
    return {
        m.candidates[0].country_code for m in mentions if m.candidates and m.candidates[0].kind == "country"
    }


def _places_of_named_countries(given: list[Mention], countries: set[str]) -> list[Mention]:
    """ "George Bush" is a person, "Sydney Harbour" a place: a given name before a capitalised word
    stays a place only when the text names the country of a place it may be."""
    return [m for m in given if any(c.country_code in countries for c in m.candidates)]


def _towns_of_named_countries(words: list[Mention], countries: set[str]) -> list[Mention]:
    """ "Iraqi troops retook Hit": a capitalised common word mid-sentence is a name, and a town of
    that name in a country the text names (or whose demonym it uses) is the likeliest one."""
    out = []
    for m in words:
        towns = tuple(
            c
            for c in m.candidates
            if c.kind == "city" and c.country_code in countries and c.population >= WORD_TOWN_POPULATION
        )
        if towns:
            out.append(Mention(m.start, m.end, m.text, m.key, False, towns))
    return out


def _acronym_mentions(text: str, gaz, f: Filters) -> list[Mention]:
    """Country acronyms as written ("U.S.", "UAE", Indonesian "AS"), which tokens alone miss."""

    def country(written: str):
        place = gaz.country(f.acronyms[written])
        return (names.normalize_name(place.name), (place,)) if place else None

    return _written_forms(text, f.acronyms, country)


def _abbreviation_mentions(text: str, gaz, f: Filters) -> list[Mention]:
    """Abbreviated divisions and cities as the press writes them: "Kan.", "W.Va." (AP style),
    "D.C.", "L.A."; a division where the name is one ("Wash." is the state), else the city."""

    def division(written: str):
        key = names.normalize_name(f.abbreviations[written])
        home = [p for p in gaz.lookup(key) if p.country_code == f.abbreviation_country]
        cands = tuple(p for p in home if p.kind == "admin1") or tuple(p for p in home if p.kind == "city")[:1]
        return (key, cands) if cands else None

    return _written_forms(text, f.abbreviations, division)


def _written_forms(text: str, table: dict[str, str], resolve) -> list[Mention]:
    """Mentions of the exact written forms in ``table``; ``resolve(form) -> (key, candidates)``."""
    if not table:
        return []
    out = []
    for m in _acronym_pattern(tuple(sorted(table, key=len, reverse=True))).finditer(text):
        found = resolve(m.group(0))
        if found:
            out.append(Mention(m.start(), m.end(), m.group(0), found[0], False, found[1]))
    return out


@lru_cache(maxsize=32)
def _acronym_pattern(acronyms: tuple[str, ...]) -> re.Pattern:
    alts = "|".join(re.escape(a) for a in acronyms)
    return re.compile(rf"(?<![\w.])(?:{alts})(?!\w)(?<!\.\w)")


def _merge(a: list[Mention], b: list[Mention]) -> list[Mention]:
    """Both lists in text order; where spans overlap, the one from ``a`` stays."""
    if not b:
        return a
    taken = [(m.start, m.end) for m in a]
    extra = [m for m in b if not any(s < m.end and m.start < e for s, e in taken)]
    return sorted([*a, *extra], key=lambda m: m.start)


#: In scripts without capitals a word this frequent (wordfreq's Zipf scale) is a word, not a
#: name: "مدينة" (city, also Medina) yes, "القائم" (al-Qaim, also "the standing one", 4.7) no.
CASELESS_COMMON_ZIPF = 5.0


def _longest_match(text, toks, norms, i, gaz):
    """The longest token run from ``i`` that is a place name or a demonym: (end, key, demonym_cc)."""
    best = None
    if _is_article(norms[i]) and not _article_can_start(text, toks, i):
        return None
    j = i + 1
    while j <= len(toks) and j - i <= gaz.max_tokens:
        if j > i + 1 and not _joinable(text, toks[j - 2], toks[j - 1]):
            break
        key = names.key_of(norms[i:j])
        if key:
            cc = gaz.demonym(key)  # "Iraqi" is a demonym before it is a village's other name
            if cc:
                best = (j, key, cc)
            elif key in gaz:
                best = (j, key, None)
        if not key or gaz.has_prefix(key) or names.key_of([*norms[i:j], "x"]) == "x":
            j += 1
        else:
            break
    if best is None:
        key = next((k for k in _inflection_variants(norms[i]) if k in gaz), None)
        if key:
            best = (i + 1, key, None)
    return best


def _joinable(text: str, left, right) -> bool:
    """Whether two tokens may belong to one name: a space or hyphen between them, an elided
    article ("Côte d'Ivoire", which the tokenizer drops), or the stop of an abbreviation
    ("St. Petersburg", "Mt. Pleasant", "Ft. Worth")."""
    gap = text[left.end : right.start]
    if _JOINABLE_GAP.match(gap) or _ELIDED_ARTICLE_GAP.match(gap):
        return True
    return (
        gap in (". ", ".")
        and len(left.norm) <= 2
        and text[left.start].isupper()
        and not text[left.end - 1].isupper()
    )


_ARABIC_PROCLITICS = ("وب", "ول", "فب", "وك", "و", "ف", "ب", "ل", "ك")
_SLAVIC_ENDINGS = (
    "ами",
    "ями",
    "ом",
    "ем",
    "ой",
    "ей",
    "ою",
    "ею",
    "ах",
    "ях",
    "ам",
    "ям",
    "ым",
    "ім",
    "е",
    "у",
    "ю",
    "а",
    "я",
    "і",
    "и",
    "ы",
)


def _inflection_variants(norm: str) -> list[str]:
    """Keys a single inflected word may stand for: Arabic with a proclitic ("والموصل" ->
    "موصل"), Russian and Ukrainian case forms ("Мосуле" -> "мосул", "Ракку" -> "ракка")."""
    if len(norm) < 4:
        return []
    first = norm[0]
    out = []
    if "\u0600" <= first <= "\u06ff":
        for p in _ARABIC_PROCLITICS:
            if norm.startswith(p) and len(norm) - len(p) >= 3:
                out.append(names.key_of([norm[len(p) :]]))
    elif "\u0400" <= first <= "\u04ff":
        for end in _SLAVIC_ENDINGS:
            if norm.endswith(end) and len(norm) - len(end) >= 3:
                stem = norm[: -len(end)]
                out += [stem, stem + "а", stem + "я", stem + "ь"]
    return out


def _judge(text, toks, i, j, key, surface, gaz, f: Filters, language, lower_words, person_parts, demonym_cc):
    """None when the match is not a place mention; else whether it is a demonym/adjective use.
    Two verdicts wait for the whole text: ``_WORD`` (a capitalised common word that may be a town
    of a country the text names) and ``_GIVEN_NAME`` (a given name that may be a place there)."""
    sig = next((t for t in toks[i:j] if not _is_article(t.norm)), toks[i])
    sig_text = text[sig.start : sig.end]
    if not demonym_cc and not _is_capitalised(sig_text):  # demonyms are adjectives: "ejército sirio"
        return None
    if key in f.not_places or key in f.calendar_words or key in f.person_titles:
        return None
    if sig_text.isupper() and len(sig_text) <= 3 and _has_case(sig_text[0]):
        return None  # an acronym: country acronyms are found by _acronym_mentions
    lang = language if language != "und" else "en"
    prev = toks[i - 1] if i > 0 and _JOINABLE_GAP.match(text[toks[i - 1].end : toks[i].start]) else None
    prev_text = text[prev.start : prev.end] if prev else ""
    nxt = (
        toks[j]
        if j < len(toks) and re.match(r"^[ \t]{1,2}$", text[toks[j - 1].end : toks[j].start])
        else None
    )
    if prev and prev.norm in f.preceding_blockers:
        return None  # "Jalan Baghdad", "rue de Paris"
    if nxt and _is_capitalised(text[nxt.start : nxt.end]) and nxt.norm in f.following_blockers:
        return None  # "Dublin Road", "Washington Post"
    cands = gaz.lookup(key) if not demonym_cc else []
    is_country = bool(cands) and cands[0].kind == "country"
    if prev and _is_capitalised(prev_text) and prev.norm in f.person_titles:
        if is_country:
            return True  # "Presiden Suriah": the country as an adjective
        person_parts.add(key)
        return None  # "President Obama", "Gen. Jackson"
    prominent = _any_prominent(key, cands, f)
    if not is_country and not demonym_cc:
        person = _person_evidence(text, toks, i, j, prev, prev_text, nxt, gaz, f, lang)
        if person == "strong" or (person in ("weak", "given") and not prominent):
            if person == "strong":
                person_parts.add(key)  # later "Henry" alone is the same person
            return None
        if _continues_a_name(text, prev, prev_text, gaz, f, lang):
            return None  # "Distinctly Dublin", "Bakr al-Baghdadi"
        if person == "given":
            return _GIVEN_NAME  # "George Bush", "Mary Wheeler": a person unless the country is named
    elif _continues_a_name(text, prev, prev_text, gaz, f, lang) and not is_country:
        return None
    if key in person_parts:
        return None
    if demonym_cc:
        return True
    if not cands:
        return None
    best = cands[0]
    if j - i == 1 and _common_word(key, best, text, toks[i], prev, f, lang, lower_words):
        return _WORD
    if j - i == 1 and nxt and _starts_a_name(key, best, text[nxt.start : nxt.end], nxt.norm, gaz, lang):
        return None
    # "pasukan Irak", "armée syrienne": a country name after a noun it qualifies is an adjective.
    return bool(is_country and prev and prev.norm in f.adjectival_heads)


def _person_evidence(text, toks, i, j, prev, prev_text, nxt, gaz, f: Filters, lang: str) -> str | None:
    """ "strong" when a given name stands before the match ("Mary Jones", "Raquel Henry"),
    "given" when the match is itself a given name before a capitalised word ("Alexandria
    Blizzard", "George Bush"), "weak" when it is the subject of a speech verb ("Jones said");
    None otherwise."""
    if (
        prev
        and _is_capitalised(prev_text)
        and _has_case(prev_text[0])
        and prev.norm not in f.directions
        and not _names_a_prominent_place(prev.norm, gaz, f)
        and _zipf(prev.norm, lang) < 5.8
        and _is_first_name(prev_text)
        and not (_sentence_initial(text, prev.start) and _zipf(prev.norm, lang) >= f.common_word_zipf)
    ):
        return "strong"
    if nxt is None:
        return None
    next_text = text[nxt.start : nxt.end]
    if (
        j - i == 1
        and _is_capitalised(next_text)
        and _has_case(next_text[0])
        and not _names_a_prominent_place(nxt.norm, gaz, f)
        and nxt.norm not in f.calendar_words
        and _is_first_name(text[toks[i].start : toks[i].end])
    ):
        return "given"
    if nxt.norm in f.speech_verbs and not next_text[0].isupper():
        return "weak"
    return None


def _names_a_prominent_place(norm: str, gaz, f: Filters) -> bool:
    """ "Paris", "Georgia": a name a reader takes for the place; "Adam", "Anthony", "Bush" name
    hamlets too, but beside a given name they are people ("Adam Moore", "George Bush")."""
    return _any_prominent(norm, gaz.lookup(norm) if norm in gaz else (), f)


def _any_prominent(key: str, places, f: Filters) -> bool:
    """Whether any of the places a name may be is prominent (the first row may be a county)."""
    return any(_prominent(key, c, f) for c in places)


def _prominent(key: str, best, f: Filters) -> bool:
    """A country, a province, or a big place named by its main name."""
    return best.kind in ("country", "admin1", "region") or (
        best.population >= f.big_place_population and names.normalize_name(best.name) == key
    )


def _continues_a_name(text, prev, prev_text, gaz, f: Filters, lang: str) -> bool:
    """Whether the match is the tail of a longer capitalised name: "Raquel Henry", "Bakr al-Baghdadi"."""
    return bool(
        prev
        and _is_capitalised(prev_text)
        and _has_case(prev_text[0])
        and prev.norm not in f.directions
        and not _is_article(prev.norm)
        and not _sentence_initial(text, prev.start)
        and prev.norm not in gaz
        and not gaz.demonym(prev.norm)
        and _zipf(prev.norm, lang) < f.common_word_zipf
    )


def _article_can_start(text, toks, i) -> bool:
    """An article token starts a name when joined to it ("al-Qaim", "ar-Raqqa") or written
    with a capital ("Al Qaim", "El Paso"); not English "an", "at", "as" before a name."""
    if i + 1 >= len(toks):
        return False
    gap = text[toks[i].end : toks[i + 1].start]
    return gap in ("-", "‐", "'", "’") or (
        gap == " " and text[toks[i].start].isupper() and toks[i].norm in ("al", "el")
    )


def _is_article(norm: str) -> bool:
    """An Arabic article token ("al", "el", "ar"...), which names drop ("al-Qaim" = "Qaim")."""
    return names.key_of([norm, "x"]) == "x"


def _starts_a_name(key, best, next_text, next_norm, gaz, lang) -> bool:
    """A word naming only a hamlet, heading a longer capitalised name: "Komando Operasi Gabungan"."""
    return (
        best.kind == "city"
        and best.population < 5000
        and _has_case(next_text[0])
        and _is_capitalised(next_text)
        and next_norm not in gaz
        and _zipf(key, lang) >= 2.5
    )


def _common_word(key, best, text, tok, prev, f: Filters, lang, lower_words) -> bool:
    """Whether a one-word match is more likely a word of the language than this place."""
    if best.kind == "country":
        return False
    if key in lower_words:
        return True  # the same word stands in lower case elsewhere in the text
    surface = text[tok.start : tok.end]
    if not _has_case(surface[0]):
        # No capitals to tell a name (Arabic, Persian...): a frequent word is a word unless the
        # place is big; frequencies are looked up on the word as written.
        return _zipf(surface, lang) >= CASELESS_COMMON_ZIPF and best.population < f.big_place_population
    # Big places count as prominent under their main name, not under every variant ("We" for Huế).
    if _prominent(key, best, f):
        return False
    z = _zipf(key, lang)
    if z >= f.very_common_word_zipf:
        return True  # "Tuhan", "Chase": capitalised, but words first
    if z >= f.common_word_zipf and _sentence_initial(text, tok.start):
        return True  # a capital at the start of a sentence says nothing
    # A real word naming only a hamlet, with no preposition pointing at a place.
    return (
        z >= 3.0
        and best.kind == "city"
        and best.population < 5000
        and not (prev and prev.norm in f.directions)
    )
