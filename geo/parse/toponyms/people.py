"""Whether a match is part of a person's name: a given name before it ("Mary Jones"), a given
name and a first surname ("Miguel Arias Cañete"), a given name and a particle ("Hildegard van
Hove"), a Dutch surname's capitalised particle ("Van Hove"), a Cyrillic given name before a
surname ("Володимира Вакарева"), or a speech verb after it ("Jones said")."""

from __future__ import annotations

from geo.parse.toponyms import morph
from geo.parse.toponyms.context import Candidate, Context
from geo.parse.toponyms.filters import FIRST_NAME_MAX_ZIPF, is_first_name, zipf
from geo.parse.toponyms.given import cyrillic_given_name
from geo.parse.toponyms.match import has_case, is_capitalised, sentence_initial
from geo.parse.toponyms.words import names_a_prominent_place
from geo.text import names


def person_evidence(ctx: Context, c: Candidate) -> str | None:
    """ "strong" when a given name stands before the match ("Mary Jones", "Raquel Henry"),
    "given" when the match is itself a given name before a capitalised word ("Alexandria
    Blizzard", "George Bush"), "weak" when it is the subject of a speech verb ("Jones said");
    None otherwise."""
    f, prev, nxt = ctx.filters, c.prev, c.nxt
    if prev and (_given_name_at(ctx, c.i - 1) or _surname_after_given_name(ctx, c.i - 1)):
        return "strong"
    if (
        c.j - c.i == 1
        and (_after_a_particle(ctx, c.i) or _a_capitalised_particle(ctx, c))
        and not names_a_prominent_place(c.key, ctx.gaz, f)  # "San Fernando de Madrid": of Madrid
    ):
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
        and given_name(ctx, ctx.surface(ctx.toks[c.i]))
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


def _given_name_at(ctx: Context, k: int, gap_checked: bool = False) -> bool:
    """Whether token ``k`` is a given name before the next token: capitalised, not too frequent
    a word, no place a reader knows, a space after it ("Івано-Франківськ" is no "Іван")."""
    tok, f = ctx.toks[k], ctx.filters
    surface = ctx.surface(tok)
    return (
        is_capitalised(surface)
        and has_case(surface[0])
        and given_name(ctx, surface)  # the pure tests in order of cost, the cheapest first
        and tok.norm not in f.directions
        and zipf(tok.norm, ctx.lang) < FIRST_NAME_MAX_ZIPF
        and not names_a_prominent_place(tok.norm, ctx.gaz, f)
        and (gap_checked or ctx.text[tok.end : ctx.toks[k + 1].start].isspace())
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
        and given_name(ctx, ctx.surface(ctx.toks[k - 1]))  # the cheapest of the given name's tests first
        and not sentence_initial(ctx.text, ctx.toks[k].start)
        and _given_name_at(ctx, k - 1)
        and not names_a_prominent_place(ctx.toks[k].norm, ctx.gaz, ctx.filters)
    )


def _after_a_particle(ctx: Context, i: int) -> bool:
    """The surname after a given name and a particle or two ("Hildegard van Hove", "Rob de
    Graaf", "Françoise d'Amboise"), or, in Dutch, after a capitalised particle amid a sentence
    ("zegt Van Hove")."""
    toks, text, particles = ctx.toks, ctx.text, ctx.filters.name_particles
    k = i - 1
    if k >= 0 and text[toks[k].end : toks[i].start] in (" d'", " d’"):
        return _given_name_at(ctx, k, gap_checked=True)  # the elided "d'" the tokens leave out
    while k >= 0 and toks[k].norm in particles and text[toks[k].end : toks[k + 1].start] == " ":
        if ctx.lang in CAPITAL_PARTICLES and _capitalised_mid_sentence(ctx, toks[k]):
            return True
        k -= 1
    return k < i - 1 and k >= 0 and _given_name_at(ctx, k)


def _a_capitalised_particle(ctx: Context, c: Candidate) -> bool:
    """A Dutch surname's capitalised particle amid a sentence, before the surname ("Van Roost",
    "De Lone"): no town (Van, Turkey)."""
    tok = ctx.toks[c.i]
    return (
        ctx.lang in CAPITAL_PARTICLES
        and tok.norm in ctx.filters.name_particles
        and c.nxt is not None
        and is_capitalised(ctx.surface(c.nxt))
        and _capitalised_mid_sentence(ctx, tok)
    )


def _capitalised_mid_sentence(ctx: Context, tok) -> bool:
    surface = ctx.surface(tok)
    return has_case(surface[0]) and surface[0].isupper() and not sentence_initial(ctx.text, tok.start)


#: Languages that capitalise a surname's particle where no given name precedes it ("Van Hove").
CAPITAL_PARTICLES = frozenset({"nl"})


def given_name(ctx: Context, word: str) -> bool:
    """A given name: gender-guesser's list, or a Name reading in the language's dictionary
    ("Володимира", "Василя")."""
    return is_first_name(word) or morph.person_part(word, ctx.lang) == "given"
