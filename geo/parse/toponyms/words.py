"""Whether a one-word match (or a phrase in a caseless script) is a word of the article's
language rather than the place: the word statistics (wordfreq) against the place's standing."""

from __future__ import annotations

import math
from functools import lru_cache

from geo.parse.toponyms.context import Candidate, Context, Verdict, named
from geo.parse.toponyms.filters import (
    CASELESS_EXCESS_ZIPF,
    CASELESS_FAMOUS_EXCESS,
    CASELESS_FUNCTION_ZIPF,
    CASELESS_LOCAL_ZIPF,
    CASELESS_TOWN_EXCESS,
    CASELESS_WORD_ZIPF,
    ENGLISH_WORD_ZIPF,
    FOREIGN_WORD_EXCESS,
    FOREIGN_WORD_MIN_ZIPF,
    FOREIGN_WORD_PLACES,
    FUNCTION_WORD_ZIPF,
    HAMLET_POPULATION,
    HAMLET_WORD_ZIPF,
    NOUN_CAPITAL_LANGUAGES,
    VARIANT_MIN_LETTERS,
    VARIANT_WORD_ZIPF,
    Filters,
    is_first_name,
    official_languages,
    zipf,
)
from geo.parse.toponyms.match import ARABIC_PROCLITICS, has_case, sentence_initial
from geo.text import names
from geo.text.names import ARABIC_ARTICLE


def names_a_prominent_place(norm: str, gaz, f: Filters) -> bool:
    """ "Paris", "Georgia": a name a reader takes for the place; "Adam", "Anthony", "Bush" name
    hamlets too, but beside a given name they are people ("Adam Moore", "George Bush")."""
    return any(_well_known(norm, p, f) for p in (gaz.places_named(norm) if named(gaz, norm) else ()))


def _well_known(key: str, place, f: Filters) -> bool:
    """``prominent``, but a province only when it is big: "Isabel" (a province of the Solomon
    Islands, 2,700 people) or "Paola" (a Maltese council) before a surname is a woman's name."""
    if place.kind == "admin1":
        return place.population >= f.big_place_population
    return prominent(key, place, f)


def any_prominent(key: str, places, f: Filters) -> bool:
    """Whether any of the places a name may be is prominent (the first row may be a county)."""
    return any(prominent(key, c, f) for c in places)


def prominent(key: str, best, f: Filters) -> bool:
    """A country, a province, or a big place named by its main name."""
    return best.kind in ("country", "admin1", "region") or (
        best.population >= f.big_place_population and names.normalize_name(best.name) == key
    )


@lru_cache(maxsize=100_000)
def _big_city_named(key: str, gaz, big: int) -> bool:
    """Whether one of the likeliest towns of a name is a big one (``big`` people) named by its main
    name: "Mérida" is Mexico's city of a million as well as Spain's town (whichever comes first)."""
    return any(
        p.kind == "city" and p.population >= big and names.normalize_name(p.name) == key
        for p in gaz.places_named(key)[:FOREIGN_WORD_PLACES]
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


def common_word(ctx: Context, c: Candidate, best) -> Verdict | None:
    """Whether a one-word match is more likely a word of the language than this place: ``WORD``
    (a place only on the text's evidence), ``NOT_PLACE``, or None (no reason to doubt it). The
    word statistics are those of the article's language, for countries and towns alike."""
    f, key = ctx.filters, c.key
    tok = ctx.toks[c.i]
    surface = ctx.text[tok.start : ctx.toks[c.j - 1].end]
    caseless = ctx.caseless or not has_case(surface[0])
    z = zipf(surface.lower() if caseless else key, ctx.lang)
    if tok.norm == key and not caseless:
        # The word as written, not only its folded key: Turkish "Bakanı" (minister) is no "bakani",
        # German "Tür" (door) no "tur" (wordfreq lower-cases it the language's way: "İ", "I").
        z = max(z, zipf(surface, ctx.lang))
    elif tok.norm != key and not caseless and best.kind != "country":
        # An inflected reading ("Вони" as a case of "Вон", Vaughan): the word as written counts too
        # (a country's cases are as frequent as its name: "Канади").
        z = max(z, zipf(surface.lower(), ctx.lang))
    if best.kind == "country":
        # "Mann" (Isle of Man), Spanish "Sin" (China in some locale): a frequent word is a word,
        # unless it is what this language calls the country ("مالی" is Mali in Persian).
        # A country's own main name, as frequent here as in English, is the country ("china" in
        # Indonesian, which CLDR calls "Tiongkok").
        if _article_before_a_country(surface, key, f):
            return Verdict.NOT_PLACE  # "المالي" (the financial) is no Mali, whose name takes no article
        if caseless and _word_before_foreign_country(ctx.lang, best, z):
            return Verdict.NOT_PLACE  # Persian "مالی" (financial, 5.3) is Mali's name too (3.5 in English)
        if z < f.very_common_word_zipf or key in f.country_names:
            return None
        main = names.normalize_name(best.name) == key
        return None if main and z - _english_fame(best) < FOREIGN_WORD_EXCESS else Verdict.NOT_PLACE
    if key in ctx.lower_words:
        return Verdict.WORD  # the same word stands in lower case elsewhere in the text
    if caseless:
        return _caseless_word(ctx, c, best, surface, z)
    if foreign_word(ctx, key, z):
        return Verdict.WORD  # "Wut" (anger) in German is no Wuhu, "Gas" no Garissa
    if best.kind in ("admin1", "region") and _word_before_division(
        ctx, key, best, max(z, zipf(surface.lower(), ctx.lang))
    ):
        return Verdict.WORD  # Spanish "Así" (thus) is no Asia, French "Est" no Cameroon's East
    if (
        prominent(key, best, f)
        or _big_city_named(key, ctx.gaz, f.big_place_population)
        or _big_place_variant(key, surface, best, f, z)
    ):
        return None  # "Paris", "Mérida" (Mexico's, not only Spain's); a big place's other name: "Londres"
    if z >= f.very_common_word_zipf:
        return Verdict.WORD  # "Tuhan", "Chase": capitalised, but words first
    if ctx.lang != "en" and zipf(key, "en") >= ENGLISH_WORD_ZIPF:
        return Verdict.WORD  # "Golden", "Plenty": an English word in a title or a band's name
    towards = bool(c.prev and c.prev.norm in f.directions)  # a preposition pointing at a place
    if z >= f.common_word_zipf and (
        sentence_initial(ctx.text, tok.start) or (ctx.lang in NOUN_CAPITAL_LANGUAGES and not towards)
    ):
        return Verdict.WORD  # a capital at the start of a sentence says nothing, nor on a German noun
    # A real word naming only a hamlet, with no preposition pointing at a place.
    hamlet = best.kind == "city" and best.population < HAMLET_POPULATION
    if z >= HAMLET_WORD_ZIPF and hamlet and not towards:
        return Verdict.WORD
    return None


def _article_before_a_country(surface: str, key: str, f: Filters) -> bool:
    """A country's name that the language writes without the Arabic article, written with it
    (after a one-letter conjunction or preposition, perhaps): a noun or an adjective ("المالي",
    the financial: Mali; "والمالي")."""
    bare = surface[1:] if surface[:1] in ARABIC_PROCLITICS and surface[1:3] == ARABIC_ARTICLE else surface
    return bare.startswith(ARABIC_ARTICLE) and key in f.country_names and key not in f.article_countries


def _word_before_foreign_country(language: str, country, z: float) -> bool:
    """Without case, a foreign country's name in the language that is a far more frequent word
    there than the country is famous in English (``CASELESS_FAMOUS_EXCESS``): the word."""
    return language not in official_languages(country.country_code) and (
        z - _english_fame(country) >= CASELESS_FAMOUS_EXCESS
    )


def after_a_place_class(ctx: Context, c: Candidate, best) -> bool:
    """Whether a match right after a noun naming a kind of place ("Desa Kampal", "استان گیلان")
    is that place: written with a capital, or, without case, not a word far more frequent in
    the language than the place is famous in English ("شهر با", city with: Ba)."""
    if c.prev is None or c.prev.norm not in ctx.filters.place_classes:
        return False
    surface = ctx.text[ctx.toks[c.i].start : ctx.toks[c.j - 1].end]
    if not ctx.caseless and has_case(surface[0]):
        return True
    return zipf(surface.lower(), ctx.lang) - _english_fame(best) < CASELESS_EXCESS_ZIPF


def foreign_word(ctx: Context, key: str, z: float) -> bool:
    """A name of foreign towns only (in no country where the article's language is official, and
    no country or province) whose frequency ``z`` as a word of that language exceeds by
    ``FOREIGN_WORD_EXCESS`` how often English names the most famous of them by its main name:
    the word is what the text means ("Wut", anger, is no Wuhu; "Bakanı", minister, no Bakani);
    famous towns keep their other names ("Londres"). Such a word is noted in
    ``ctx.foreign_words``: a town only where the text names its country, even a capital
    (Indonesian "rapat", meeting, is no Rabat)."""
    if z < FOREIGN_WORD_MIN_ZIPF:
        return False
    fame = _foreign_towns_fame(ctx.gaz, key, ctx.lang)
    if fame is None or z - fame < FOREIGN_WORD_EXCESS:
        return False
    ctx.foreign_words.add(key)
    return True


@lru_cache(maxsize=100_000)
def _foreign_towns_fame(gaz, key: str, language: str) -> float | None:
    """The English fame of the most famous of a name's likeliest places when all are towns abroad
    (``language`` official in none of their countries), else None; worked out once per name."""
    places = gaz.places_named(key)[:FOREIGN_WORD_PLACES]
    if not places or any(p.kind != "city" or language in official_languages(p.country_code) for p in places):
        return None
    return max(map(_english_fame, places))


def initial_phrase(ctx: Context, c: Candidate, places) -> bool:
    """A function word and frequent words at the start of a sentence, where the capital says
    nothing, naming only small places: Spanish "La nueva" (the new), "El plan", English "The
    center"; not "Bowling Green" nor "Henry County" (wordfreq's phrase figure is about that of its
    rarest word, so the phrase must open with a function word)."""
    start = ctx.toks[c.i].start
    if zipf(ctx.toks[c.i].norm, ctx.lang) < FUNCTION_WORD_ZIPF or not sentence_initial(ctx.text, start):
        return False
    phrase = ctx.text[start : ctx.toks[c.j - 1].end]
    return zipf(phrase, ctx.lang) >= ctx.filters.common_word_zipf and not any_prominent(
        c.key, places[:FOREIGN_WORD_PLACES], ctx.filters
    )


def _english_fame(place) -> float:
    """How often English names a place by its main name, as written or folded ("Zürich", "zurich")."""
    return max(zipf(place.name, "en"), zipf(names.normalize_name(place.name), "en"))


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
    if _more_a_word_than_a_town(ctx.gaz, c.key, word_z, unknown_is_small=not ctx.caseless):
        return Verdict.NOT_PLACE  # "اندیشه" (thought): Andisheh, "صحنه" (scene): Sahneh
    local = ctx.lang in official_languages(best.country_code)
    foreign = not local and best.kind != "region"
    if foreign and (
        word_z >= CASELESS_FUNCTION_ZIPF or word_z - zipf(best.name, "en") >= CASELESS_EXCESS_ZIPF
    ):
        return Verdict.NOT_PLACE  # "para" (Pará), "selama" (Salem), "كان" (Caen)
    if foreign and _conjunction_before_function_word(surface, ctx.lang):
        return Verdict.NOT_PLACE  # "وان", "وإن" (and that, and if): Van
    if foreign_word(ctx, c.key, word_z):
        return Verdict.WORD  # "مشهد" (scene): Mashhad only where the text names Iran
    if c.j - c.i > 1:
        return None  # a phrase of words is judged as a foreign word only ("داد و": Dadu)
    if foreign and best.kind == "city" and best.population < f.big_place_population:
        return Verdict.WORD  # a foreign town, or a person named like one ("بلير", Blair; "amos")
    if word_z < CASELESS_WORD_ZIPF:
        return None
    noun = bare[len(ARABIC_ARTICLE) :] if bare.startswith(ARABIC_ARTICLE) else ""
    if noun and zipf(noun, ctx.lang) >= CASELESS_WORD_ZIPF:
        return Verdict.WORD
    big = best.kind in ("country", "admin1", "region") or best.population >= f.big_place_population
    # A lower-cased text of a cased language: its big towns' names are rarely its words ("bandung",
    # 5.4), which the roots of a caseless script are ("الجديدة", the new): below a function word's
    # frequency, the town.
    local_limit = CASELESS_FUNCTION_ZIPF if ctx.caseless else CASELESS_LOCAL_ZIPF
    if big and (not local or word_z < local_limit):
        return None
    if big and word_z - zipf(best.name, "en") < CASELESS_FAMOUS_EXCESS:
        return None  # a place as famous in English as the word is frequent here: "غزة", Gaza
    return Verdict.WORD


def _more_a_word_than_a_town(gaz, key: str, z: float, unknown_is_small: bool) -> bool:
    """Whether a name of towns only (its likeliest places) is far more frequent a word than the
    biggest of them is big (``CASELESS_TOWN_EXCESS``). Where GeoNames gives no population, the
    towns count as small in a caseless script, whose short words meet names everywhere; in a
    lower-cased text of a cased script the test says nothing ("senayan", a district of Jakarta)."""
    places = gaz.places_named(key)[:FOREIGN_WORD_PLACES]
    if any(p.kind != "city" for p in places):
        return False
    people = max(p.population for p in places)
    if people <= 0 and not unknown_is_small:
        return False
    return z - math.log10(max(1, people)) > CASELESS_TOWN_EXCESS


def _conjunction_before_function_word(surface: str, language: str) -> bool:
    """A conjunction written onto a two-letter function word ("وان", and that), which the
    conjunction test of longer words leaves whole."""
    return (
        len(surface) == 3
        and surface[0] in _CONJUNCTIONS
        and zipf(surface[1:], language) >= CASELESS_FUNCTION_ZIPF
    )


#: Arabic and Persian conjunctions written onto the next word ("وكان", and was).
_CONJUNCTIONS = "وف"
