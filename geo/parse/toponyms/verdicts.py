"""Whether a gazetteer match in running text is a place mention: the linguistic filters.

``judge(context, candidate) -> Verdict``. Two verdicts wait for the whole text: ``WORD`` (a
common word that may be a town of a country the text names) and ``GIVEN_NAME`` (a given name
that may be a place there).
"""

from __future__ import annotations

from functools import lru_cache

from geo.parse.toponyms import morph
from geo.parse.toponyms.adjectives import qualifies_a_noun
from geo.parse.toponyms.context import Candidate, Context, Verdict, named
from geo.parse.toponyms.filters import (
    HAMLET_HEAD_ZIPF,
    HAMLET_POPULATION,
    TOWNS_ONLY_PLACES,
    is_first_name,
    official_languages,
    zipf,
)
from geo.parse.toponyms.inside import in_organisation_name, in_quoted_title
from geo.parse.toponyms.match import has_case, is_article, is_capitalised, sentence_initial
from geo.parse.toponyms.people import person_evidence
from geo.parse.toponyms.scores import in_score_line
from geo.parse.toponyms.words import (
    after_a_place_class,
    any_prominent,
    common_word,
    foreign_word,
    initial_phrase,
)
from geo.text import names

__all__ = ["Candidate", "Context", "Verdict", "judge"]


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
    if _in_a_joined_word(ctx, c):
        return Verdict.NOT_PLACE  # "زمین‌داران" (landowners) holds no Daran, "اندیشه‌ها" no Andisheh
    cands = ctx.gaz.places_named(c.key) if not c.demonym_cc else ()
    is_country = bool(cands) and cands[0].kind == "country"
    if cands and not is_country and _team_in_score_line(ctx, c):
        return Verdict.NOT_PLACE  # "Nice 1 Bastia 1": a club (a country's team is the country)
    if cands and after_a_place_class(ctx, c, cands[0]):
        return Verdict.PLACE  # "Desa Kampal", "استان گیلان": the noun before says what the name names
    title = _title_before(ctx, c)
    if title == "capitalised" and is_country:
        return Verdict.ADJECTIVE  # "Presiden Suriah": the country as an adjective
    if (
        title and not is_country and not c.demonym_cc
    ):  # "президент России" is Russia's president: Russia stays
        ctx.person_parts.add(c.key)
        return Verdict.NOT_PLACE  # "President Obama", "Gen. Jackson", "le général Joffre"
    if not is_country and not c.demonym_cc:
        person = person_evidence(ctx, c)
        if person == "strong" or (person in ("weak", "given") and not any_prominent(c.key, cands, f)):
            if person == "strong":
                ctx.person_parts.add(c.key)  # later "Henry" alone is the same person
            return Verdict.NOT_PLACE
        if _continues_a_name(ctx, c.prev, ctx.surface(ctx.toks[c.i])):
            return Verdict.NOT_PLACE  # "Distinctly Dublin", "Bakr al-Baghdadi"
        if person == "given":
            return Verdict.GIVEN_NAME  # "George Bush", "Mary Wheeler": a person unless the country is named
    elif _continues_a_name(ctx, c.prev, ctx.surface(ctx.toks[c.i])) and not is_country:
        return Verdict.NOT_PLACE
    if c.key in ctx.person_parts:
        return Verdict.NOT_PLACE
    if c.demonym_cc:
        return Verdict.ADJECTIVE
    if not cands:
        return Verdict.NOT_PLACE
    return _judge_named(ctx, c, cands, sig_text)


def _judge_named(ctx: Context, c: Candidate, cands: tuple, sig_text: str) -> Verdict:
    """The verdict on a match that is no part of a person's name, by its places ``cands`` and
    its first significant word ``sig_text``: a club, a compound, a noun, a word, or the place."""
    f = ctx.filters
    is_country = cands[0].kind == "country"
    if cands[0].kind == "city" and c.prev and c.prev.norm in f.club_articles and not ctx.capitalised(c.prev):
        return Verdict.NOT_PLACE  # "derrotar al Valencia": a club
    if _compound_modifier(ctx, c):
        return Verdict.ADJECTIVE  # "US-Präsident", "Berlin-Besuch", "U.S.-led"
    if c.prev and c.prev.norm in f.noun_articles and _towns_only(cands):
        return Verdict.NOT_PLACE  # "die Burg", "im Tal": a German noun (a town takes no article)
    if c.j - c.i == 1 and morph.no_noun(sig_text, ctx.lang):
        return Verdict.NOT_PLACE  # "Вони" (they), "Нині" (now): the dictionary knows no noun
    if (
        c.j - c.i == 1
        and c.nxt is not None
        and c.nxt.norm not in f.place_classes  # "Свердловской области": the province
        and qualifies_a_noun(sig_text, ctx.surface(c.nxt), ctx.lang)
        and not any(p.population >= f.big_place_population for p in cands[:TOWNS_ONLY_PLACES])
    ):
        return Verdict.NOT_PLACE  # "Черкаське територіальне відділення": of Cherkasy, a body
    if c.j - c.i == 1 or ctx.caseless or not has_case(sig_text[0]):  # a phrase too: "داد و", gave and
        word = common_word(ctx, c, cands[0])
        if word is not None:
            return word
        if c.j - c.i == 1 and c.nxt and _starts_a_name(ctx, c.key, cands[0], c.nxt):
            return Verdict.NOT_PLACE
        if c.j - c.i == 1 and _given_name_for_a_town(ctx, c.key, sig_text, cands):
            return Verdict.GIVEN_NAME  # "Nico" (Nice's other name): a place only if its country is named
    elif foreign_word(ctx, c.key, zipf(c.key, ctx.lang)) or initial_phrase(ctx, c, cands):
        return Verdict.WORD  # a phrase of the language: French "A la" (Arrah), Spanish "La nueva"
    # "pasukan Irak", "armée syrienne": a country name after a noun it qualifies is an adjective.
    return Verdict.ADJECTIVE if is_country and c.prev and c.prev.norm in f.adjectival_heads else Verdict.PLACE


def _given_name_for_a_town(ctx: Context, key: str, surface: str, places) -> bool:
    """A given name that names foreign towns only by their other names, never the main one:
    "Nico" (Nice) in Dutch, "Martina" (Martin); not "Florence", nor French "Mans" (Le Mans)."""
    places = places[:TOWNS_ONLY_PLACES]
    return (
        is_first_name(surface)
        and _towns_only(places)
        and not any(names.normalize_name(p.name) == key for p in places)
        and not any(ctx.lang in official_languages(p.country_code) for p in places)
    )


def _title_before(ctx: Context, c: Candidate) -> str | None:
    """A person's title right before the match, after a space or its abbreviation's period
    ("President Obama", "M. Maurice", "Gen. Jackson"); in lower case too in a language that
    writes titles so ("el presidente Clinton", "le général Joffre"): "capitalised", "lower" or
    None."""
    if c.i == 0:
        return None
    tok = ctx.toks[c.i - 1]
    gap = ctx.text[tok.end : ctx.toks[c.i].start]
    if gap not in (" ", ". ") or names.key_of([tok.norm]) not in ctx.filters.person_titles:
        return None
    if is_capitalised(ctx.surface(tok)):
        return "capitalised"
    return "lower" if ctx.lang in LOWER_CASE_TITLES else None


#: A word in capitals longer than this is a headline's, not an acronym ("PSV", "GKS").
HEADLINE_WORD = 4
#: Languages that write a person's title in lower case before the name.
LOWER_CASE_TITLES = frozenset({"es", "fr", "it", "pt", "nl", "ru", "uk"})


def _in_a_joined_word(ctx: Context, c: Candidate) -> bool:
    """Whether the match is joined by a zero-width non-joiner to a word outside it: Persian writes
    a compound's parts and a word's suffixes so, and a name across one is matched whole ("خرم‌آباد")."""
    start, end = ctx.toks[c.i].start, ctx.toks[c.j - 1].end
    return ctx.text[start - 1 : start] == _ZWNJ or ctx.text[end : end + 1] == _ZWNJ


_ZWNJ = "\u200c"


def _towns_only(places) -> bool:
    """Whether a name names only towns (of its likeliest places): no country, province or region."""
    return all(p.kind == "city" for p in places[:TOWNS_ONLY_PLACES])


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
    return not named(ctx.gaz, nxt.norm) and not ctx.gaz.demonym(nxt.norm)


def _continues_a_name(ctx: Context, prev, first: str) -> bool:
    """Whether the match (its first word ``first``) is the tail of a longer capitalised name:
    "Raquel Henry", "Bakr al-Baghdadi"; not after a headline's word in capitals ("PRODUCTOS
    ENERGETICOS Madrid (EFE)"), longer than an acronym ("PSV Eindhoven" is a club's name)."""
    if prev is None:
        return False
    prev_text = ctx.surface(prev)
    return bool(
        is_capitalised(prev_text)
        and not (len(prev_text) > HEADLINE_WORD and prev_text.isupper() and not first.isupper())
        and has_case(prev_text[0])
        and prev.norm not in ctx.filters.directions
        and not is_article(prev.norm)
        and not sentence_initial(ctx.text, prev.start)
        and not named(ctx.gaz, prev.norm)
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
        and not named(ctx.gaz, nxt.norm)
        and zipf(key, ctx.lang) >= HAMLET_HEAD_ZIPF
    )
