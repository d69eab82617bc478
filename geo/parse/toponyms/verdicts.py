"""Whether a gazetteer match in running text is a place mention: the linguistic filters.

``judge(context, candidate) -> Verdict``. Two verdicts wait for the whole text: ``WORD`` (a
common word that may be a town of a country the text names) and ``GIVEN_NAME`` (a given name
that may be a place there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from geo.parse.toponyms import morph
from geo.parse.toponyms.filters import (
    CASELESS_EXCESS_ZIPF,
    CASELESS_FAMOUS_EXCESS,
    CASELESS_FUNCTION_ZIPF,
    CASELESS_LOCAL_ZIPF,
    CASELESS_WORD_ZIPF,
    FIRST_NAME_MAX_ZIPF,
    HAMLET_HEAD_ZIPF,
    HAMLET_POPULATION,
    HAMLET_WORD_ZIPF,
    VARIANT_MIN_LETTERS,
    VARIANT_WORD_ZIPF,
    Filters,
    is_first_name,
    official_languages,
    zipf,
)
from geo.parse.toponyms.inside import in_organisation_name, in_quoted_title
from geo.parse.toponyms.match import (
    GAP_CACHE_SIZE,
    has_case,
    is_article,
    is_capitalised,
    joinable_gap,
    sentence_initial,
)
from geo.parse.toponyms.memo import Remembered
from geo.parse.toponyms.scores import in_score_line
from geo.text import names

_NEXT_GAP = re.compile(r"^[ \t]{1,2}$")
#: Whether a gap is ``_NEXT_GAP``, by gap (a text has few).
_NEXT_GAPS: Remembered[str, bool] = Remembered(lambda gap: bool(_NEXT_GAP.match(gap)), GAP_CACHE_SIZE)
#: A Candidate made in C, past the NamedTuple's ``__new__`` (written in Python).
_new_tuple = tuple.__new__


def _named(gaz, key: str) -> bool:
    """``key in gaz``, from the gazetteer's cache of the keys asked before (``key_info``)."""
    return gaz.key_info(key)[0]


class Verdict(Enum):
    NOT_PLACE = "not a place"
    PLACE = "place"
    ADJECTIVE = "adjective"  # a demonym, or a country name qualifying a noun ("pasukan Irak")
    WORD = "word"  # a common word; a place only if a town of a country the text names
    GIVEN_NAME = "given name"  # a given name; a place only if of a country the text names


@dataclass
class Context:
    """One text as the recogniser reads it."""

    text: str
    toks: list
    gaz: object
    filters: Filters
    lang: str  # the language for word statistics ("en" when unknown)
    caseless: bool  # the text has no case signal (caseless script, or all lower-case)
    lower_words: set[str]
    person_parts: set[str] = field(default_factory=set)
    #: Whether the text has an opening guillemet or low quote (``inside.in_quoted_title``).
    titles: bool = field(init=False)

    def __post_init__(self) -> None:
        self.titles = "«" in self.text or "„" in self.text

    def surface(self, tok) -> str:
        return self.text[tok.start : tok.end]

    def capitalised(self, tok) -> bool:
        return self.caseless or is_capitalised(self.surface(tok))


class Candidate(NamedTuple):
    """A gazetteer match: tokens ``i:j``, its key, and the country when it is a demonym (a
    tuple: made for every match, it costs a third of a frozen dataclass)."""

    i: int
    j: int
    key: str
    demonym_cc: str | None
    prev: object | None  # the token right before, when joined to the match by a space
    nxt: object | None  # the token right after, when one or two spaces away

    @classmethod
    def at(cls, ctx: Context, i: int, j: int, key: str, demonym_cc: str | None) -> "Candidate":
        toks, text = ctx.toks, ctx.text
        prev = toks[i - 1] if i > 0 and joinable_gap(text[toks[i - 1].end : toks[i].start]) else None
        nxt = toks[j] if j < len(toks) and _NEXT_GAPS[text[toks[j - 1].end : toks[j].start]] else None
        return _new_tuple(cls, (i, j, key, demonym_cc, prev, nxt))


def judge(ctx: Context, c: Candidate) -> Verdict:
    """The verdict on one match (see the module's docstring)."""
    f, toks = ctx.filters, ctx.toks
    sig = toks[c.i]  # the first token that is no article
    if is_article(sig.norm):
        sig = next((t for t in toks[c.i + 1 : c.j] if not is_article(t.norm)), sig)
    sig_text = ctx.surface(sig)
    if not c.demonym_cc and not ctx.capitalised(sig):  # demonyms are adjectives: "ejército sirio"
        return Verdict.NOT_PLACE
    if c.key in f.listed:  # a month, a person's title, an organisation's word, a listed non-place
        return Verdict.NOT_PLACE
    if c.j - c.i == 1 and has_case(sig_text[0]) and _abbreviation(sig_text):
        return Verdict.NOT_PLACE  # "IS", "ПрАТ": country acronyms are found as written
    if _blocked(ctx, c):
        return Verdict.NOT_PLACE
    cands = ctx.gaz.places_named(c.key) if not c.demonym_cc else ()
    is_country = bool(cands) and cands[0].kind == "country"
    if cands and not is_country and _team_in_score_line(ctx, c):
        return Verdict.NOT_PLACE  # "Nice 1 Bastia 1": a club (a country's team is the country)
    prev_text = ctx.surface(c.prev) if c.prev else ""
    if c.prev and is_capitalised(prev_text) and names.key_of([c.prev.norm]) in f.person_titles:
        if is_country:
            return Verdict.ADJECTIVE  # "Presiden Suriah": the country as an adjective
        ctx.person_parts.add(c.key)
        return Verdict.NOT_PLACE  # "President Obama", "Gen. Jackson"
    if not is_country and not c.demonym_cc:
        person = _person_evidence(ctx, c)
        if person == "strong" or (person in ("weak", "given") and not _any_prominent(c.key, cands, f)):
            if person == "strong":
                ctx.person_parts.add(c.key)  # later "Henry" alone is the same person
            return Verdict.NOT_PLACE
        if _continues_a_name(ctx, c.prev):
            return Verdict.NOT_PLACE  # "Distinctly Dublin", "Bakr al-Baghdadi"
        if person == "given":
            return Verdict.GIVEN_NAME  # "George Bush", "Mary Wheeler": a person unless the country is named
    elif _continues_a_name(ctx, c.prev) and not is_country:
        return Verdict.NOT_PLACE
    if c.key in ctx.person_parts:
        return Verdict.NOT_PLACE
    if c.demonym_cc:
        return Verdict.ADJECTIVE
    if not cands:
        return Verdict.NOT_PLACE
    if cands[0].kind == "city" and c.prev and c.prev.norm in f.club_articles and not ctx.capitalised(c.prev):
        return Verdict.NOT_PLACE  # "derrotar al Valencia": a club
    if _compound_modifier(ctx, c):
        return Verdict.ADJECTIVE  # "US-Präsident", "Berlin-Besuch", "U.S.-led"
    if c.j - c.i == 1 and morph.no_noun(sig_text, ctx.lang):
        return Verdict.NOT_PLACE  # "Вони" (they), "Нині" (now): the dictionary knows no noun
    if c.j - c.i == 1 or ctx.caseless or not has_case(sig_text[0]):  # a phrase too: "داد و", gave and
        word = _common_word(ctx, c, cands[0])
        if word is not None:
            return word
        if c.j - c.i == 1 and c.nxt and _starts_a_name(ctx, c.key, cands[0], c.nxt):
            return Verdict.NOT_PLACE
    # "pasukan Irak", "armée syrienne": a country name after a noun it qualifies is an adjective.
    return Verdict.ADJECTIVE if is_country and c.prev and c.prev.norm in f.adjectival_heads else Verdict.PLACE


def _team_in_score_line(ctx: Context, c: Candidate) -> bool:
    """A town's name in a result or standings line ("Nice 1 Bastia 1"), not after a preposition
    that makes it the venue ("won the second leg in Windhoek 6-0")."""
    if c.prev is not None and c.prev.norm in ctx.filters.directions:
        return False
    return in_score_line(ctx.text, ctx.toks[c.i].start, ctx.toks[c.j - 1].end)


def _blocked(ctx: Context, c: Candidate) -> bool:
    """A street, newspaper or company word beside the match ("Jalan Baghdad", "Dublin Road"), or
    an organisation's head word shortly before it ("FC Barcelona", "Федерація хокею України")."""
    f = ctx.filters
    if c.prev and c.prev.norm in f.preceding_blockers:
        return True
    if c.nxt and ctx.capitalised(c.nxt) and c.nxt.norm in f.following_blockers:
        return True
    return in_organisation_name(ctx, c) or in_quoted_title(ctx, c)


@lru_cache(maxsize=100_000)
def _abbreviation(word: str) -> bool:
    """An acronym ("IS", "ДП") or a short abbreviation with inner capitals ("ПрАТ", "ТзОВ")."""
    capitals = sum(ch.isupper() for ch in word)
    return (word.isupper() and len(word) <= 3) or (len(word) <= 5 and capitals >= 2 and not word.isupper())


def _compound_modifier(ctx: Context, c: Candidate) -> bool:
    """A name joined by a hyphen to a following word that is no place: the first part of a
    compound ("US-Präsident", "Irak-Krieg"), not a place pair ("Irak-Suriah")."""
    if c.j >= len(ctx.toks):
        return False
    nxt = ctx.toks[c.j]
    if ctx.text[ctx.toks[c.j - 1].end : nxt.start] != "-":
        return False
    return not _named(ctx.gaz, nxt.norm) and not ctx.gaz.demonym(nxt.norm)


def _person_evidence(ctx: Context, c: Candidate) -> str | None:
    """ "strong" when a given name stands before the match ("Mary Jones", "Raquel Henry"),
    "given" when the match is itself a given name before a capitalised word ("Alexandria
    Blizzard", "George Bush"), "weak" when it is the subject of a speech verb ("Jones said");
    None otherwise."""
    f, prev, nxt = ctx.filters, c.prev, c.nxt
    prev_text = ctx.surface(prev) if prev else ""
    if (
        prev
        and is_capitalised(prev_text)
        and has_case(prev_text[0])
        and _given_name(ctx, prev_text)  # the pure tests in order of cost, the cheapest first
        and prev.norm not in f.directions
        and zipf(prev.norm, ctx.lang) < FIRST_NAME_MAX_ZIPF
        and not _names_a_prominent_place(prev.norm, ctx.gaz, f)
        and ctx.text[prev.end : ctx.toks[c.i].start].isspace()  # "Івано-Франківськ" is no "Іван"
        and not (sentence_initial(ctx.text, prev.start) and zipf(prev.norm, ctx.lang) >= f.common_word_zipf)
    ):
        return "strong"
    if nxt is None:
        return None
    next_text = ctx.surface(nxt)
    if (
        c.j - c.i == 1
        and is_capitalised(next_text)
        and morph.person_part(next_text, ctx.lang) == "surname"
        and morph.may_be_a_person(ctx.surface(ctx.toks[c.i]), ctx.lang)
    ):
        ctx.person_parts.add(names.key_of([nxt.norm]))  # the surname is no place either
        return "strong"  # "Володимир Рогоза": a name before a surname (not "мешканкою Кіровограда Поповою")
    if (
        c.j - c.i == 1
        and is_capitalised(next_text)
        and has_case(next_text[0])
        and _given_name(ctx, ctx.surface(ctx.toks[c.i]))
        and nxt.norm not in f.calendar_words
        and not _names_a_prominent_place(nxt.norm, ctx.gaz, f)
    ):
        return "given"
    if nxt.norm in f.speech_verbs and not next_text[0].isupper():
        return "weak"
    return None


def _given_name(ctx: Context, word: str) -> bool:
    """A given name: gender-guesser's list, or a Name reading in the language's dictionary
    ("Володимира", "Василя")."""
    return is_first_name(word) or morph.person_part(word, ctx.lang) == "given"


def _names_a_prominent_place(norm: str, gaz, f: Filters) -> bool:
    """ "Paris", "Georgia": a name a reader takes for the place; "Adam", "Anthony", "Bush" name
    hamlets too, but beside a given name they are people ("Adam Moore", "George Bush")."""
    return _any_prominent(norm, gaz.places_named(norm) if _named(gaz, norm) else (), f)


def _any_prominent(key: str, places, f: Filters) -> bool:
    """Whether any of the places a name may be is prominent (the first row may be a county)."""
    return any(_prominent(key, c, f) for c in places)


def _prominent(key: str, best, f: Filters) -> bool:
    """A country, a province, or a big place named by its main name."""
    return best.kind in ("country", "admin1", "region") or (
        best.population >= f.big_place_population and names.normalize_name(best.name) == key
    )


def _big_place_variant(key: str, surface: str, best, f: Filters, z: float) -> bool:
    """A big place's other name, not too frequent a word of the language nor a given name:
    "Москва", "Londres", "Antwerpen" are the cities; "We" (Huế), "Ben" (Benghazi) are not."""
    return (
        best.population >= f.big_place_population
        and z < VARIANT_WORD_ZIPF
        and len(key) >= VARIANT_MIN_LETTERS
        and not is_first_name(surface)
    )


def _continues_a_name(ctx: Context, prev) -> bool:
    """Whether the match is the tail of a longer capitalised name: "Raquel Henry", "Bakr al-Baghdadi"."""
    if prev is None:
        return False
    prev_text = ctx.surface(prev)
    return bool(
        is_capitalised(prev_text)
        and has_case(prev_text[0])
        and prev.norm not in ctx.filters.directions
        and not is_article(prev.norm)
        and not sentence_initial(ctx.text, prev.start)
        and not _named(ctx.gaz, prev.norm)
        and not ctx.gaz.demonym(prev.norm)
        and zipf(prev.norm, ctx.lang) < ctx.filters.common_word_zipf
    )


def _starts_a_name(ctx: Context, key: str, best, nxt) -> bool:
    """A word naming only a hamlet, heading a longer capitalised name: "Komando Operasi Gabungan"."""
    next_text = ctx.surface(nxt)
    return (
        best.kind == "city"
        and best.population < HAMLET_POPULATION
        and has_case(next_text[0])
        and is_capitalised(next_text)
        and not _named(ctx.gaz, nxt.norm)
        and zipf(key, ctx.lang) >= HAMLET_HEAD_ZIPF
    )


def _common_word(ctx: Context, c: Candidate, best) -> Verdict | None:
    """Whether a one-word match is more likely a word of the language than this place: ``WORD``
    (a place only on the text's evidence), ``NOT_PLACE``, or None (no reason to doubt it). The
    word statistics are those of the article's language, for countries and towns alike."""
    f, key = ctx.filters, c.key
    tok = ctx.toks[c.i]
    surface = ctx.text[tok.start : ctx.toks[c.j - 1].end]
    caseless = ctx.caseless or not has_case(surface[0])
    z = zipf(surface.lower() if caseless else key, ctx.lang)
    if tok.norm != key and not caseless and best.kind != "country":
        # An inflected reading ("Вони" as a case of "Вон", Vaughan): the word as written counts too
        # (a country's cases are as frequent as its name: "Канади").
        z = max(z, zipf(surface.lower(), ctx.lang))
    if best.kind == "country":
        # "Mann" (Isle of Man), Spanish "Sin" (China in some locale): a frequent word is a word,
        # unless it is what this language calls the country ("مالی" is Mali in Persian).
        return Verdict.NOT_PLACE if z >= f.very_common_word_zipf and key not in f.country_names else None
    if key in ctx.lower_words:
        return Verdict.WORD  # the same word stands in lower case elsewhere in the text
    if caseless:
        return _caseless_word(ctx, c, best, surface, z)
    if best.kind in ("admin1", "region") and _word_before_division(
        ctx, key, best, max(z, zipf(surface.lower(), ctx.lang))
    ):
        return Verdict.WORD  # Spanish "Así" (thus) is no Asia, French "Est" no Cameroon's East
    if _prominent(key, best, f) or _big_place_variant(key, surface, best, f, z):
        return None  # "Paris"; a big place's other name: "Москвы", "Londres", "Brussel"
    if z >= f.very_common_word_zipf:
        return Verdict.WORD  # "Tuhan", "Chase": capitalised, but words first
    if z >= f.common_word_zipf and sentence_initial(ctx.text, tok.start):
        return Verdict.WORD  # a capital at the start of a sentence says nothing
    # A real word naming only a hamlet, with no preposition pointing at a place.
    hamlet = best.kind == "city" and best.population < HAMLET_POPULATION
    if z >= HAMLET_WORD_ZIPF and hamlet and not (c.prev and c.prev.norm in f.directions):
        return Verdict.WORD
    return None


def _word_before_division(ctx: Context, key: str, best, z: float) -> bool:
    """A province's or region's name that is a frequent word of the language: one of its other
    names as frequent as few names are ("así": Asia), or, for a province abroad, a word far more
    frequent than its English name ("Capital" in Spanish; not "Kocaeli" in Turkish)."""
    main = names.normalize_name(best.name)
    if z >= VARIANT_WORD_ZIPF and key != main:
        return True
    foreign = best.kind == "admin1" and ctx.lang not in official_languages(best.country_code)
    return foreign and z - zipf(main, "en") >= CASELESS_EXCESS_ZIPF


def _caseless_word(ctx: Context, c: Candidate, best, surface: str, z: float) -> Verdict | None:
    """Without capitals (Arabic, Persian, lower-cased text) a frequent word is a place only on
    evidence. A foreign place's name far more frequent in the language than the place's own name
    is in English is a word ("كان", was: Caen; "روی", on: Roy); so is an article before a common
    noun ("الجديدة", the new: El Jadida). A foreign town that is not big, and a frequent word
    naming a place that is not big, are places only when the text names their country (``WORD``)."""
    f = ctx.filters
    bare = surface[1:] if len(surface) > 3 and surface[0] in _CONJUNCTIONS else surface
    word_z = max(z, zipf(bare, ctx.lang))
    local = ctx.lang in official_languages(best.country_code)
    foreign = not local and best.kind != "region"
    if foreign and (
        word_z >= CASELESS_FUNCTION_ZIPF or word_z - zipf(best.name, "en") >= CASELESS_EXCESS_ZIPF
    ):
        return Verdict.NOT_PLACE  # "para" (Pará), "selama" (Salem), "كان" (Caen)
    if c.j - c.i > 1:
        return None  # a phrase of words is judged as a foreign word only ("داد و": Dadu)
    if foreign and best.kind == "city" and best.population < f.big_place_population:
        return Verdict.WORD  # a foreign town, or a person named like one ("بلير", Blair; "amos")
    if word_z < CASELESS_WORD_ZIPF:
        return None
    noun = bare[len(_ARABIC_ARTICLE) :] if bare.startswith(_ARABIC_ARTICLE) else ""
    if noun and zipf(noun, ctx.lang) >= CASELESS_WORD_ZIPF:
        return Verdict.WORD
    big = best.kind in ("country", "admin1", "region") or best.population >= f.big_place_population
    if big and (not local or word_z < CASELESS_LOCAL_ZIPF):
        return None
    if big and word_z - zipf(best.name, "en") < CASELESS_FAMOUS_EXCESS:
        return None  # a place as famous in English as the word is frequent here: "غزة", Gaza
    return Verdict.WORD


#: Arabic and Persian conjunctions written onto the next word ("وكان", and was).
_CONJUNCTIONS = "وف"
_ARABIC_ARTICLE = "ال"
