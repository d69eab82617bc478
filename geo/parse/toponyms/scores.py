"""Sports results and standings: a town's name in a score line names a team, not the place.

"Nice 1 Bastia 1", "Bayern Munich 3 2 1 0 7 2 7", "CHICAGO 69 59 .539", "routed Baltimore
10-3", "Bristol City 5 Luton 0": a name followed by a bare score (a small integer that is no
year, date, amount or unit: "Madrid 23 may", "Dewas 45 Yellow 12,700" are not) that goes on as
a score does: a second score ("2 - 1", "3 3 0 0"), or the other side's name and its score.
Written in digits, so one test serves every language and script.
"""

from __future__ import annotations

import re

#: A bare score: up to three digits, not part of a longer number ("12,700", "1996-08-24",
#: "11.25") nor of a word ("3rd", "10th").
_SCORE = re.compile(r"[ \t]+\d{1,3}(?![\d.,:/'’]?\d)(?![^\W\d_])")
#: A standings column after it, one or two digits ("3 3 0 0"; "Fatih 750 150" is a table of figures).
_COLUMN = re.compile(r"[ \t]+\d{1,2}(?![\d.,:/'’]?\d)(?![^\W\d_])")
#: The other side's score after a dash ("10-3", "4 - 2", "85 – 65").
_DASH_SCORE = re.compile(r"[ \t]*[-–][ \t]*\d{1,3}(?!\d)")
#: A word of a team's name ("Rostock", "Bulldogs", "St.").
_WORD = re.compile(r"[ \t]+([^\W\d_][\w.'’]*)")
#: A score just before the name, after the other side's name ("Bristol City 5 Luton 0").
_SCORE_BEFORE = re.compile(r"[^\W\d_][\w.'’]*[ \t]+\d{1,3}[ \t]+$")
#: ``_SCORE`` (group 1), else ``_WORD`` (its first letter: group 2), in one match.
_SCORE_OR_WORD = re.compile(r"[ \t]+(?:(\d{1,3}(?![\d.,:/'’]?\d)(?![^\W\d_]))|([^\W\d_])[\w.'’]*)")
#: What starts a score and a word of a team's name alike (``_SCORE``, ``_WORD``).
_BLANKS = (" ", "\t")
#: How many words of a team's name may stand between a name and its score ("Sydney Bulldogs 17").
TEAM_NAME_WORDS = 2


def _capitalised_word(text: str, pos: int) -> int | None:
    """The end of a capitalised word starting after spaces at ``pos``, or None."""
    m = _WORD.match(text, pos)
    return m.end() if m and m.group(1)[0].isupper() else None


def _score_goes_on(text: str, pos: int) -> bool:
    """After a first score at ``pos``: a second one, or the other side's name and score."""
    if _DASH_SCORE.match(text, pos) or _COLUMN.match(text, pos):
        return True
    for _ in range(TEAM_NAME_WORDS + 1):
        end = _capitalised_word(text, pos)
        if end is None:
            return False
        pos = end
        if _SCORE.match(text, pos):
            return True
    return False


def _score_before(text: str, start: int) -> bool:
    return bool(_SCORE_BEFORE.search(text, max(0, start - 60), start))


def in_score_line(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` stands in a sports result or standings line."""
    pos = end
    for _ in range(TEAM_NAME_WORDS + 1):
        if text[pos : pos + 1] not in _BLANKS or text[pos + 1 : pos + 2].islower():
            return False  # a score and a team's word start after a blank, with no lower case
        m = _SCORE_OR_WORD.match(text, pos)
        if m is None:
            return False
        if m.group(1) is not None:
            return _score_goes_on(text, m.end()) or _score_before(text, start)
        if not m.group(2).isupper():
            return False  # a lower-case word: no team's name
        pos = m.end()
    return False
