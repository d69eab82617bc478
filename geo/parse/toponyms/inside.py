"""A place's name inside a longer name: an organisation's ("FC Barcelona", "Федерація хокею
України"), an event's ("Tour de France") or a title in quotes ("«Наші гроші. Львів»")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from geo.parse.toponyms.filters import ORGANISATION_LINKS, ORGANISATION_WINDOW, QUOTED_NAME_TOKENS
from geo.parse.toponyms.match import has_case, is_capitalised

if TYPE_CHECKING:
    from geo.parse.toponyms.verdicts import Candidate, Context

#: How far before and after a match a title's quotes are looked for (characters).
QUOTE_REACH = 120
#: An abbreviation before a period has at most this many letters ("м.", "обл.", "вул.").
ABBREVIATION_LETTERS = 4
#: Languages whose organisation names are lower case after their first word.
LOWER_CASE_NAMES = frozenset({"ru", "uk", "be", "pl", "cs", "sk", "bg", "sr", "hr", "bs", "sl", "mk"})
#: Conjunctions a Slavic organisation's name holds ("Міністерство молоді та спорту України").
SLAVIC_LINKS = frozenset({"та", "і", "и", "й"})
#: How many letters an acronym before a place has ("МВС", "ДСНС").
ACRONYM_LETTERS = (2, 6)
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]«»\"“”\n،؛]")


def in_organisation_name(ctx: Context, c: Candidate) -> bool:
    """An organisation's head word within a few words before the match, with no preposition or
    clause break between: "FC Barcelona", "Федерація хокею України", "суду м. Києва"; or an
    event's, capitalised: "Tour de France", "Copa de Europa"."""
    f, toks = ctx.filters, ctx.toks
    if _after_an_acronym(ctx, c):
        return True
    links = ORGANISATION_LINKS | SLAVIC_LINKS if ctx.lang in LOWER_CASE_NAMES else ORGANISATION_LINKS
    for tok in toks[max(0, c.i - ORGANISATION_WINDOW) : c.i]:
        if f.head_word(tok.norm):
            break
    else:
        return False  # no head word within reach: nothing below can find one
    name_so_far = True  # only linking words and capitalised words between ("Grand Prix of")
    for k in range(c.i - 1, max(-1, c.i - 1 - ORGANISATION_WINDOW), -1):
        tok, after = ctx.toks[k], ctx.toks[k + 1]
        gap = ctx.text[tok.end : after.start]
        if _CLAUSE_BREAK.search(gap) and not _abbreviation_dot(ctx, tok, gap):
            return False
        if tok.norm in f.organisation_words or (
            f.organisation_stems and tok.norm.startswith(f.organisation_stems)
        ):
            return _named_organisation(ctx, k, c.i)
        capitalised = is_capitalised(ctx.surface(tok)) and has_case(ctx.surface(tok)[0])
        if tok.norm in f.event_words and capitalised and name_so_far:
            return True  # "Tour de France", "Ronde van Frankrijk"; not "World Cup champions Sri Lanka"
        name_so_far = name_so_far and (capitalised or tok.norm in links)
        if tok.norm in f.directions and tok.norm not in links:
            return False
    return False


def _after_an_acronym(ctx: Context, c: Candidate) -> bool:
    """In a Slavic language, a place in an oblique case right after an acronym names whose body
    it is ("ДСНС України", "МВС России": the genitive of the body's name)."""
    if ctx.lang not in LOWER_CASE_NAMES or c.prev is None or c.j - c.i != 1 or ctx.toks[c.i].norm == c.key:
        return False
    acronym = ctx.surface(c.prev)
    return (
        ACRONYM_LETTERS[0] <= len(acronym) <= ACRONYM_LETTERS[1] and acronym.isupper() and acronym.isalpha()
    )


def _named_organisation(ctx: Context, head: int, match: int) -> bool:
    """Whether the organisation's word at token ``head`` is part of a name: capitalised, or with
    a capitalised word right before it or between it and the match ("Окружний адмінсуд м.
    Києва"); in cased text, "sebuah bank Inggris" (a British bank) or "pasukan keamanan Irak"
    name no organisation. Slavic languages write an organisation's name in lower case after its
    first word and cite it without that word ("рішенням суду м. Києва"): any head word counts."""
    if ctx.caseless or ctx.lang in LOWER_CASE_NAMES:
        return True
    for k in range(max(0, head - 1), match):
        surface = ctx.surface(ctx.toks[k])
        if has_case(surface[0]) and is_capitalised(surface):
            return True
        if k < head and not has_case(surface[0]):
            return True  # a word without case before it: nothing to tell by
    return False


def _abbreviation_dot(ctx: Context, tok, gap: str) -> bool:
    """The period of a short lower-case abbreviation ("м. Києва", "г. Москвы", "st. Petersburg"),
    which ends no clause."""
    surface = ctx.surface(tok)
    return gap.strip() == "." and len(surface) <= ABBREVIATION_LETTERS and surface[:1].islower()


def in_quoted_title(ctx: Context, c: Candidate) -> bool:
    """A place inside a short stretch in guillemets or low-high quotes is part of a title or a
    company's name ("аеропорту «Львів»", "«Наші гроші. Львів»"); a long quote is speech."""
    if not ctx.titles:
        return False
    text, start, end = ctx.text, ctx.toks[c.i].start, ctx.toks[c.j - 1].end
    reach = max(0, start - QUOTE_REACH)
    opened = max(text.rfind("«", reach, start), text.rfind("„", reach, start))
    if opened < 0 or max(text.rfind("»", opened, start), text.rfind("“", opened, start)) >= 0:
        return False
    closed = [
        p for p in (text.find("»", end, end + QUOTE_REACH), text.find("“", end, end + QUOTE_REACH)) if p >= 0
    ]
    if not closed:
        return False
    span = text[opened : min(closed)]
    return len(span.split()) <= QUOTED_NAME_TOKENS
