"""The per-language lexicons of the parse stage, read once each.

- ``lexicon(language)``: ``data/claims/<language>.json`` (cues, relative dates, months...);
- ``calendar_names(language)``: month and weekday names from CLDR (babel), wide and
  abbreviated, with the months the lexicon adds (Levantine "آب", August).
"""

from __future__ import annotations

import json
from functools import lru_cache

from geo.paths import LEXICON_DIR

_BABEL_DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


@lru_cache(maxsize=32)
def lexicon(language: str) -> dict:
    """The claim and date lexicon of a language (``data/claims/<lang>.json``), {} if none."""
    path = LEXICON_DIR / f"{language}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=32)
def calendar_names(language: str) -> tuple[tuple[str, int, str], ...]:
    """(name, number, kind) for each month (1..12, "month") and weekday (Monday 0, "day") name
    of ``language``, as written: CLDR's wide and abbreviated forms, then the lexicon's months."""
    from babel import Locale, UnknownLocaleError

    out: list[tuple[str, int, str]] = []
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError, TypeError):
        locale = None
    if locale is not None:
        for kind, table in (("month", locale.months), ("day", locale.days)):
            for context in table.values():
                for width in ("wide", "abbreviated"):
                    for num, name in context.get(width, {}).items():
                        idx = int(num) if kind == "month" else _BABEL_DAYS.get(str(num)[:3], num)
                        if isinstance(idx, int):
                            out.append((str(name), idx, kind + ("" if width == "wide" else "-short")))
    out += [(name, int(num), "month") for name, num in lexicon(language).get("months", {}).items()]
    return tuple(out)
