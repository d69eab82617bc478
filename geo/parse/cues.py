"""What happened, as the text says it: sentences, and the cue phrases of each status.

Cues come from ``data/claims/<language>.json``: *active* phrases have the actor before them
("ISIS captured Mosul"), *passive* ones after ("Raqqa fell to the SDF"); ``*`` in a phrase
stands for one to four words; ``not_cues`` ("took place") are no cue, and their words none either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.parse.lexicon import lexicon
from geo.text.fold import fold

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")


@dataclass(frozen=True)
class Cue:
    """A cue phrase found in the folded text, with the status it says and its voice."""

    start: int
    end: int
    status: str
    passive: bool


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: ends at . ! ? (with closing quotes) or a line break."""
    out = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


@lru_cache(maxsize=32)
def _cue_patterns(language: str) -> tuple[re.Pattern | None, dict[str, tuple[str, bool]]]:
    lex = lexicon(language)
    phrases: dict[str, tuple[str, bool]] = {}
    for status, groups in lex.get("statuses", {}).items():
        for voice in ("active", "passive"):
            for phrase in groups.get(voice, []):
                phrases.setdefault(
                    " * ".join(fold(part.strip()) for part in phrase.split("*")), (status, voice == "passive")
                )
    for phrase in lex.get("not_cues", []):  # "took place": no cue, and "took" in it is none either
        phrases[fold(phrase)] = ("", False)
    if not phrases:
        return None, {}
    alt = "|".join(_cue_regex(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)"), phrases


def _cue_regex(phrase: str) -> str:
    """A cue as a regex; ``*`` stands for one to four words ("drove * out of": "drove Islamic
    State out of")."""
    return r"\s+(?:\S+\s+){1,4}?".join(re.escape(part) for part in phrase.split(" * "))


def find_cues(folded: str, language: str) -> list[Cue]:
    """The cues of ``folded`` (the sentence through ``geo.text.fold``), longest phrase first."""
    pattern, phrases = _cue_patterns(language)
    if pattern is None:
        return []
    cues = (Cue(m.start(), m.end(), *_phrase_of(m.group(0), phrases)) for m in pattern.finditer(folded))
    return [c for c in cues if c.status]


def _phrase_of(matched: str, phrases: dict[str, tuple[str, bool]]) -> tuple[str, bool]:
    """The (status, passive) of the cue a match comes from; a wildcard cue matched other words."""
    if matched in phrases:
        return phrases[matched]
    return next(v for p, v in phrases.items() if " * " in p and re.fullmatch(_cue_regex(p), matched))
