"""What the recogniser's verdicts read: one text (``Context``), one gazetteer match in it
(``Candidate``), and the verdict itself (``Verdict``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

from geo.parse.toponyms.filters import Filters
from geo.parse.toponyms.match import GAP_CACHE_SIZE, is_capitalised, joinable_gap
from geo.parse.toponyms.memo import Remembered

_NEXT_GAP = re.compile(r"^[ \t]{1,2}$")
#: Whether a gap is ``_NEXT_GAP``, by gap (a text has few).
_NEXT_GAPS: Remembered[str, bool] = Remembered(lambda gap: bool(_NEXT_GAP.match(gap)), GAP_CACHE_SIZE)
#: A Candidate made in C, past the NamedTuple's ``__new__`` (written in Python).
_new_tuple = tuple.__new__


def named(gaz, key: str) -> bool:
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
    #: Keys read as words of the language rather than foreign towns (``words.foreign_word``).
    foreign_words: set[str] = field(default_factory=set)
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
