"""Recognise place-name mentions in text of any language, driven by the gazetteer's names.

As CLAVIN and GDELT do, every run of tokens that is a gazetteer name is a candidate mention
(longest match wins, ``match``); then linguistic filters (``verdicts``) drop what only looks like a
place: common words of the article's language (wordfreq), month and weekday names (CLDR via
babel), news agencies and other listed non-places, parts of person names ("Abu Bakr
al-Baghdadi"), street, newspaper and organisation names ("FC Barcelona"). Country names used as
adjectives ("pasukan Irak") and demonyms ("Iraqi") are kept and marked ``demonym=True``.

Text without case (Arabic, Persian, a lower-cased corpus) is matched case-insensitively, with
the stricter word filter that such text needs. Which recogniser runs for a language is a plug
point (``recognisers``): the gazetteer matcher by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Callable

from geo.model import Mention
from geo.parse.toponyms.filters import WORD_TOWN_POPULATION, load_filters, official_languages
from geo.parse.toponyms.genitive import GENITIVE_S_LANGUAGES, genitive_match
from geo.parse.toponyms.match import (
    abbreviation_mentions,
    acronym_mentions,
    has_case,
    is_article,
    is_capitalised,
    longest_match,
    sentence_initial,
)
from geo.parse.toponyms.nationalities import nationality_mentions, without_competitors
from geo.parse.toponyms.scan import (
    CASED,
    UPPER,
    case_codes,
    dead_ends,
    first_chars,
    longest_match_cached,
    lower_words,
    plain_tokens,
    start_tokens,
)
from geo.parse.toponyms.statistical import find_mentions_natasha, natasha_available
from geo.parse.toponyms.verdicts import Candidate, Context, Verdict, judge
from geo.text import names

__all__ = ["find_mentions", "recognise", "recogniser_for", "Recogniser", "RECOGNISERS", "load_filters"]

#: A text whose cased words are this rarely capitalised has no case signal (a lower-cased corpus).
NO_CASE_SHARE = 0.01
#: ... judged on the text's first words, this many.
NO_CASE_SAMPLE = 500


@dataclass(frozen=True)
class Recogniser:
    """A way of finding place mentions: ``find(text, gaz, language) -> list[Mention]``; one that
    ``takes_tokens`` is given the text's ``names.tokenize`` as ``tokens=`` too."""

    name: str
    find: Callable[..., list[Mention]]
    takes_tokens: bool = False


def _language(language: str | None) -> str:
    return (language or "und").lower()[:2] if language and language != "und" else "und"


def find_mentions(
    text: str, gaz, language: str = "und", *, tokens: list[names.Token] | None = None, reference: bool = False
) -> list[Mention]:
    """Mentions of places in ``text``, in order, with their gazetteer candidates (the gazetteer
    matcher). ``gaz`` is a ``geo.gazetteer.Gazetteer``; ``language`` an ISO 639-1 code or "und";
    ``tokens``: ``names.tokenize(text)`` when the caller has it; ``reference``: the plainer,
    slower scan (``match.longest_match``), which finds the same mentions."""
    if not text or not text.strip():
        return []
    language = _language(language)
    filters = load_filters(language)
    toks = names.split_clitics(text, names.tokenize(text) if tokens is None else tokens, gaz)
    codes = case_codes(first_chars(text, toks))
    caseless = _no_case_signal(codes)
    ctx = Context(
        text=text,
        toks=toks,
        gaz=gaz,
        filters=filters,
        lang=language if language != "und" else "en",
        caseless=caseless,
        lower_words=set() if caseless else lower_words(text, toks, codes),
    )
    out, words, given = _scan(ctx, codes, reference)
    # A surname met later in a full name was a person before it, too (a headline's "Harding").
    out = [m for m in out if m.demonym or m.key not in ctx.person_parts]
    countries = _named_countries(out)
    out = sorted(
        [
            *out,
            *_towns_of_named_countries(words, countries, ctx.foreign_words, ctx.lang, filters),
            *_places_of_named_countries(given, countries),
        ],
        key=lambda m: m.start,
    )
    nationals = nationality_mentions(text, gaz, language)
    written = [
        *acronym_mentions(text, gaz, filters.caseless_acronyms if caseless else filters.acronyms),
        *abbreviation_mentions(text, gaz, filters.abbreviations, filters.abbreviation_country),
        *nationals,
    ]
    return _merge(written, without_competitors(out, nationals))


def _scan(
    ctx: Context, codes: list[int], reference: bool = False
) -> tuple[list[Mention], list[Mention], list[Mention]]:
    """One pass over the tokens where a name may start: the mentions, the common words that also
    name a town ("Hit"), and the given names that also name a big place ("George", "Mary").
    ``reference``: find each match with ``match.longest_match`` (the slower, plainer path)."""
    text, toks, gaz = ctx.text, ctx.toks, ctx.gaz
    norms = list(map(itemgetter(2), toks))  # the tokens' normal forms
    fast = not reference and plain_tokens(norms)
    starts = start_tokens(toks, codes, gaz, ctx.caseless) if fast else range(len(toks))
    found: tuple[list[Mention], list[Mention], list[Mention]] = ([], [], [])
    after = 0  # the end of the last mention: its tokens start nothing
    dead = dead_ends(gaz) if fast else None  # words known to start no name: not looked up again
    genitive = ctx.lang in GENITIVE_S_LANGUAGES
    big = ctx.filters.big_place_population
    for i in starts:
        if i < after or (fast and not genitive and norms[i] in dead):
            continue
        if fast and norms[i] in dead:
            match = None  # no name, but perhaps a genitive ("Europas")
        elif not fast:
            first = text[toks[i].start]
            if (
                not ctx.caseless
                and first.islower()
                and not is_article(norms[i])
                and not gaz.demonym(norms[i])
            ):
                continue  # a name starts with a capital (or an article: "al-Qaim")
            match = longest_match(text, toks, norms, i, gaz, ctx.lang)
        else:
            match = longest_match_cached(text, toks, norms, i, gaz, ctx.lang, dead)
        if match is None and genitive:
            match = genitive_match(norms, i, gaz, big)  # "Europas", "Bremens"
        if match is not None and _take(ctx, i, *match, found):
            after = match[0]
    return found


def _take(ctx: Context, i: int, j: int, key: str, demonym_cc: str | None, found) -> bool:
    """Judge the match of tokens ``i:j`` and file it in ``found`` (mentions, words, given names);
    whether it is a mention (the scan goes on after it) or not (on from the next token)."""
    if key in ctx.filters.listed:
        return False  # what ``judge`` rejects first, whatever the text
    text, toks, gaz = ctx.text, ctx.toks, ctx.gaz
    out, words, given = found
    if demonym_cc and key in ctx.filters.country_names and key in gaz:
        demonym_cc = None  # Persian "روسیه" (Russia) is Arabic "روسية" (Russian) in one spelling
    verdict = judge(ctx, Candidate.at(ctx, i, j, key, demonym_cc))
    if verdict is Verdict.NOT_PLACE:
        return False
    span_start, span_end = toks[i].start, toks[j - 1].end
    surface = text[span_start:span_end]
    if verdict is Verdict.WORD:
        if ctx.caseless or not has_case(text[span_start]) or _stands_alone(text, toks, i, j):
            words.append(Mention(span_start, span_end, surface, key, False, gaz.places_named(key)))
    elif verdict is Verdict.GIVEN_NAME:
        given.append(Mention(span_start, span_end, surface, key, False, gaz.places_named(key)))
    if verdict is Verdict.WORD or verdict is Verdict.GIVEN_NAME:
        return False
    if demonym_cc:
        country = gaz.country(demonym_cc)
        candidates = (country,) if country else ()
    else:
        candidates = gaz.places_named(key)
    if candidates:
        out.append(Mention(span_start, span_end, surface, key, verdict is Verdict.ADJECTIVE, candidates))
    return True


def _no_case_signal(codes: list[int]) -> bool:
    """Whether the text's words carry no capitals to tell names by (a lower-cased corpus), by
    the ``scan.case_codes`` of their first characters. A caseless script needs no test: its
    words count as capitalised throughout."""
    sample = codes[:NO_CASE_SAMPLE]
    cased = sum(map(_CASED.__getitem__, sample))
    if cased < 20:
        return False
    return sum(map(_CASED_UPPER.__getitem__, sample)) < NO_CASE_SHARE * cased


#: By ``scan.case_codes`` code (0-31): 1 for a cased first letter; 1 for a capital one.
_CASED = [int(bool(code & CASED)) for code in range(32)]
_CASED_UPPER = [int(bool(code & CASED and code & UPPER)) for code in range(32)]


def _stands_alone(text: str, toks, i: int, j: int) -> bool:
    """A capitalised word amid lower-case ones ("retook Hit from"), not the start of a sentence
    nor a word of a longer name ("the Clean Air Act", "World AIDS Day", "Green-winged")."""
    if sentence_initial(text, toks[i].start):
        return False
    for k, gap in (
        (i - 1, text[toks[i - 1].end : toks[i].start] if i > 0 else " "),
        (j, text[toks[j - 1].end : toks[j].start] if j < len(toks) else " "),
    ):
        if "-" in gap:
            return False
        if 0 <= k < len(toks) and not gap.strip() and is_capitalised(text[toks[k].start : toks[k].end]):
            return False
    return True


def _named_countries(mentions: list[Mention]) -> set[str]:
    """The countries a text names, by name or by demonym."""
    return {
        m.candidates[0].country_code for m in mentions if m.candidates and m.candidates[0].kind == "country"
    }


def _places_of_named_countries(given: list[Mention], countries: set[str]) -> list[Mention]:
    """ "George Bush" is a person, "Sydney Harbour" a place: a given name before a capitalised word
    stays a place only when the text names the country of a place it may be."""
    return [m for m in given if any(c.country_code in countries for c in m.candidates)]


def _towns_of_named_countries(
    words: list[Mention],
    countries: set[str],
    foreign_words: set[str] = frozenset(),
    language: str = "en",
    filters=None,
) -> list[Mention]:
    """ "Iraqi troops retook Hit": a common word that names a town of a country the text names
    (or whose demonym it uses) is that town, or a capital ("تهران" is a word too), unless the
    word is one of ``foreign_words``, far more a word than the capital is famous ("rapat").
    Written without case, a word naming a foreign town must name a big one: the capital that
    tells "Hit" from "hit" is missing, and the news names the countries of many towns named
    like people ("کلینتون", Clinton)."""
    big = filters.big_place_population if filters is not None else 0
    out = []
    for m in words:
        capital = m.key not in foreign_words
        uncased = not has_case(m.text[0]) or not any(map(str.isupper, m.text))
        towns = tuple(
            c
            for c in m.candidates
            if c.kind in ("city", "admin1")
            and (c.country_code in countries or (capital and c.feature_code == "PPLC"))
            and c.population >= WORD_TOWN_POPULATION
            and (not uncased or c.population >= big or language in official_languages(c.country_code))
        )
        if towns:
            out.append(Mention(m.start, m.end, m.text, m.key, False, towns))
    return out


def _merge(a: list[Mention], b: list[Mention]) -> list[Mention]:
    """Both lists in text order; where spans overlap, the one from ``a`` stays."""
    if not b:
        return a
    taken = [(m.start, m.end) for m in a]
    extra = [m for m in b if not any(s < m.end and m.start < e for s, e in taken)]
    return sorted([*a, *extra], key=lambda m: m.start)


#: The recogniser for each language; "*" for any language not listed. Decided by measurement
#: (``benchmarks/bench_ner.py``): the gazetteer matcher everywhere, and for Russian natasha's
#: NER with the matcher beside it where natasha is installed (overlap F1 0.88 against 0.79 on
#: factRuEval; on Ukrainian it loses, 0.43 against 0.57).
RECOGNISERS: dict[str, Recogniser] = {"*": Recogniser("gazetteer", find_mentions, takes_tokens=True)}
if natasha_available():
    RECOGNISERS["ru"] = Recogniser("natasha", find_mentions_natasha)


def recogniser_for(language: str) -> Recogniser:
    """The recogniser that runs for ``language``."""
    return RECOGNISERS.get(_language(language), RECOGNISERS["*"])


def recognise(
    text: str, gaz, language: str = "und", tokens: list[names.Token] | None = None
) -> list[Mention]:
    """Mentions of places in ``text`` by the recogniser chosen for ``language`` (``tokens``: the
    text's ``names.tokenize``, when the caller has it)."""
    recogniser = recogniser_for(language)
    if tokens is not None and recogniser.takes_tokens:
        return recogniser.find(text, gaz, language=language, tokens=tokens)
    return recogniser.find(text, gaz, language=language)
