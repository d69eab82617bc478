"""Whether a gazetteer match in running text is a place mention: the linguistic filters.

``judge(context, candidate) -> Verdict``. Two verdicts wait for the whole text: ``WORD`` (a
common word that may be a town of a country the text names) and ``GIVEN_NAME`` (a given name
that may be a place there).
"""

from __future__ import annotations

from functools import lru_cache

from geo.parse.toponyms import morph
from geo.parse.toponyms.context import Candidate, Context, Verdict, named
from geo.parse.toponyms.filters import (
    FIRST_NAME_MAX_ZIPF,
    HAMLET_HEAD_ZIPF,
    HAMLET_POPULATION,
    TOWNS_ONLY_PLACES,
    is_first_name,
    zipf,
)
from geo.parse.toponyms.given import cyrillic_given_name
from geo.parse.toponyms.inside import in_organisation_name, in_quoted_title
from geo.parse.toponyms.match import has_case, is_article, is_capitalised, sentence_initial
from geo.parse.toponyms.scores import in_score_line
from geo.parse.toponyms.words import any_prominent, common_word, foreign_word, names_a_prominent_place
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
    cands = ctx.gaz.places_named(c.key) if not c.demonym_cc else ()
    is_country = bool(cands) and cands[0].kind == "country"
    if cands and not is_country and _team_in_score_line(ctx, c):
        return Verdict.NOT_PLACE  # "Nice 1 Bastia 1": a club (a country's team is the country)
    title = _title_before(ctx, c)
    if title == "capitalised" and is_country:
        return Verdict.ADJECTIVE  # "Presiden Suriah": the country as an adjective
    if (
        title and not is_country and not c.demonym_cc
    ):  # "президент России" is Russia's president: Russia stays
        ctx.person_parts.add(c.key)
        return Verdict.NOT_PLACE  # "President Obama", "Gen. Jackson", "le général Joffre"
    if not is_country and not c.demonym_cc:
        person = _person_evidence(ctx, c)
        if person == "strong" or (person in ("weak", "given") and not any_prominent(c.key, cands, f)):
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
    if c.j - c.i == 1 or ctx.caseless or not has_case(sig_text[0]):  # a phrase too: "داد و", gave and
        word = common_word(ctx, c, cands[0])
        if word is not None:
            return word
        if c.j - c.i == 1 and c.nxt and _starts_a_name(ctx, c.key, cands[0], c.nxt):
            return Verdict.NOT_PLACE
        if c.j - c.i == 1 and _given_name_for_a_town(c.key, sig_text, cands):
            return Verdict.GIVEN_NAME  # "Nico" (Nice's other name): a place only if its country is named
    elif foreign_word(ctx, c.key, zipf(c.key, ctx.lang)):
        return Verdict.WORD  # a phrase of the language: French "A la" (Arrah), Turkish "Bu arada"
    # "pasukan Irak", "armée syrienne": a country name after a noun it qualifies is an adjective.
    return Verdict.ADJECTIVE if is_country and c.prev and c.prev.norm in f.adjectival_heads else Verdict.PLACE


def _given_name_for_a_town(key: str, surface: str, places) -> bool:
    """A given name that names towns only by their other names, never the main one: "Nico"
    (Nice), "Martina" (Martin), "Lewis" (Isle of Lewis); not "Florence" nor "Victoria"."""
    return (
        is_first_name(surface)
        and _towns_only(places)
        and not any(names.normalize_name(p.name) == key for p in places[:TOWNS_ONLY_PLACES])
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


#: Languages that write a person's title in lower case before the name.
LOWER_CASE_TITLES = frozenset({"es", "fr", "it", "pt", "nl", "ru", "uk"})


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


def _person_evidence(ctx: Context, c: Candidate) -> str | None:
    """ "strong" when a given name stands before the match ("Mary Jones", "Raquel Henry"),
    "given" when the match is itself a given name before a capitalised word ("Alexandria
    Blizzard", "George Bush"), "weak" when it is the subject of a speech verb ("Jones said");
    None otherwise."""
    f, prev, nxt = ctx.filters, c.prev, c.nxt
    if prev and (_given_name_at(ctx, c.i - 1) or _surname_after_given_name(ctx, c.i - 1)):
        return "strong"
    if nxt is None:
        return None
    next_text = ctx.surface(nxt)
    if (
        c.j - c.i == 1
        and is_capitalised(next_text)
        and (
            morph.person_part(next_text, ctx.lang) == "surname"
            and morph.may_be_a_person(ctx.surface(ctx.toks[c.i]), ctx.lang)
            or _cyrillic_name_before_surname(ctx, ctx.surface(ctx.toks[c.i]), nxt, next_text)
        )
    ):
        ctx.person_parts.add(names.key_of([nxt.norm]))  # the surname is no place either
        return "strong"  # "Володимир Рогоза": a name before a surname (not "мешканкою Кіровограда Поповою")
    if (
        c.j - c.i == 1
        and is_capitalised(next_text)
        and has_case(next_text[0])
        and _given_name(ctx, ctx.surface(ctx.toks[c.i]))
        and nxt.norm not in f.calendar_words
        and not names_a_prominent_place(nxt.norm, ctx.gaz, f)
    ):
        return "given"
    if nxt.norm in f.speech_verbs and not next_text[0].isupper():
        return "weak"
    return None


def _cyrillic_name_before_surname(ctx: Context, word: str, nxt, next_text: str) -> bool:
    """A Cyrillic given name in any case before a capitalised word that is no place a reader
    knows: "Володимира Вакарева", "Виктором Януковичем" (without a morphological dictionary)."""
    return (
        has_case(next_text[0])
        and cyrillic_given_name(word, ctx.lang)
        and not names_a_prominent_place(nxt.norm, ctx.gaz, ctx.filters)
    )


def _given_name_at(ctx: Context, k: int) -> bool:
    """Whether token ``k`` is a given name before the next token: capitalised, not too frequent
    a word, no place a reader knows, a space after it ("Івано-Франківськ" is no "Іван")."""
    tok, f = ctx.toks[k], ctx.filters
    surface = ctx.surface(tok)
    return (
        is_capitalised(surface)
        and has_case(surface[0])
        and _given_name(ctx, surface)  # the pure tests in order of cost, the cheapest first
        and tok.norm not in f.directions
        and zipf(tok.norm, ctx.lang) < FIRST_NAME_MAX_ZIPF
        and not names_a_prominent_place(tok.norm, ctx.gaz, f)
        and ctx.text[tok.end : ctx.toks[k + 1].start].isspace()
        and not (sentence_initial(ctx.text, tok.start) and zipf(tok.norm, ctx.lang) >= f.common_word_zipf)
    )


def _surname_after_given_name(ctx: Context, k: int) -> bool:
    """Whether token ``k`` is a first surname or a middle name after a given name, so that the
    match is the name's last word: "Miguel Arias Cañete", "Isabel García Salazar" (surnames name
    towns too, so the test is on the given name two words back)."""
    if k < 1 or ctx.text[ctx.toks[k].end : ctx.toks[k + 1].start] != " ":
        return False
    surface = ctx.surface(ctx.toks[k])
    return (
        is_capitalised(surface)
        and has_case(surface[0])
        and ctx.text[ctx.toks[k - 1].end : ctx.toks[k].start] == " "
        and not sentence_initial(ctx.text, ctx.toks[k].start)
        and not names_a_prominent_place(ctx.toks[k].norm, ctx.gaz, ctx.filters)
        and _given_name_at(ctx, k - 1)
    )


def _given_name(ctx: Context, word: str) -> bool:
    """A given name: gender-guesser's list, or a Name reading in the language's dictionary
    ("Володимира", "Василя")."""
    return is_first_name(word) or morph.person_part(word, ctx.lang) == "given"


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
