"""When: temporal expressions with the precision the text gives, resolved against publication.

"Rabu" / "on Wednesday" -> that weekday on or before the publication day (day);
"pekan lalu" / "last week" -> the previous Monday-Sunday week (week);
"Juli" / "in July" -> July of the publication year, or the year before when July is still to
come (month); "28 September lalu" -> 2017-09-28 (day); "2 November, 2019" (day); "26/01" -> the
reading (day/month or month/day) nearest before publication (day); "mid-2014" / "pertengahan 2014" ->
May-August 2014 (month, a range); "in 2014" (year); ISO dates and "10 June 2014" (day).

Month and weekday names come from CLDR (babel) for every language; the relative words
("last week", "kemarin", "hier") from ``data/claims/<language>.json``. Unlike dateparser,
nothing invents a day the text does not give: a month stays a month.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from geo.parse.lexicon import calendar_names, lexicon
from geo.text.fold import fold

#: Languages that write month names with a capital: a lower-case one alone is another word.
_CAPITALISED_MONTHS = {"en", "id", "ms", "de", "nl", "tr"}


@dataclass(frozen=True)
class TimeExpression:
    """A date the text gives: [date, date_end] with its precision (day, week, month, year)."""

    start: int
    end: int
    text: str
    date: date
    date_end: date
    precision: str


@lru_cache(maxsize=32)
def _calendar_names(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """Folded month names -> 1..12 and weekday names -> 0..6 (Monday 0): the wide and
    abbreviated months, the wide weekdays, and the lexicon's months (which win)."""
    months: dict[str, int] = {}
    days: dict[str, int] = {}
    lexicon_months = {fold(n): int(v) for n, v in lexicon(language).get("months", {}).items()}
    for name, num, kind in calendar_names(language):
        if kind.startswith("month"):
            key = fold(name.strip("."))
            if len(key) >= 3:
                months.setdefault(key, num)
        elif kind == "day":
            days.setdefault(fold(name), num)
    months.update(lexicon_months)
    return months, days


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _year_for_month(month: int, published: date | None) -> int | None:
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=32)
def _patterns(language: str):
    months, days = _calendar_names(language)
    lex = lexicon(language)
    month_alt = _alternation(months)
    day_alt = _alternation(days)
    rel = {k: _alternation(fold(w) for w in v) for k, v in lex.get("relative", {}).items() if v}
    mid = _alternation(fold(w) for w in lex.get("mid_year", []))
    return months, days, month_alt, day_alt, rel, mid


def find_dates(text: str, published: date | None, language: str = "en") -> list[TimeExpression]:
    """Temporal expressions in ``text`` (in order, not overlapping), resolved against ``published``.

    The kinds are tried from the most precise down; a span already taken by an earlier kind is
    not read again ("10 June 2014" is a day, not also June and 2014)."""
    language = (language or "en").lower()[:2]
    low = fold(text)
    months, days, month_alt, day_alt, rel, mid = _patterns(language)
    found: list[TimeExpression] = []
    kinds = (
        _iso_dates(low),
        _month_dates(text, low, language, months, month_alt, published) if month_alt else (),
        _numeric_dates(low, published),
        _mid_years(low, mid) if mid else (),
        _relative_dates(low, published, rel, days, day_alt) if published is not None else (),
        _years(low),
    )
    for kind in kinds:
        for m, d0, d1, precision in kind:
            if d0 is None or d1 is None or any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            found.append(TimeExpression(m.start(), m.end(), text[m.start() : m.end()], d0, d1, precision))
    return sorted(found, key=lambda t: t.start)


def _iso_dates(low: str):
    for m in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", low):
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        yield m, d, d, "day"


def _month_dates(text: str, low: str, language: str, months: dict, month_alt: str, published: date | None):
    """Dates written with a month's name: runs of days, "10 June 2014", "June 10, 2014", "June"."""
    for m, d0, d1 in _day_ranges(low, months, month_alt, published):
        yield m, d0, d1, "day"  # "28-30 January", "on 17 and 21 June": from the first day
    # 10 June 2014 / 10 Juni 2014 / 10 июня 2014 / le 10 juin 2014, and June 10, 2014
    for m in re.finditer(
        rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?:de\s+)?({month_alt})\.?(?:,?\s+(?:de\s+)?(\d{{4}}))?(?!\w)",
        low,
    ):
        mon = months[m[2]]
        year = int(m[3]) if m[3] else _year_for_month(mon, published)
        d = _safe_date(year, mon, int(m[1])) if year else None
        if d and not m[3] and published and d > published:
            d = _safe_date(year - 1, mon, int(m[1]))
        yield m, d, d, "day"
    for m in re.finditer(
        rf"(?<!\w)({month_alt})(?:\.\s*|\s+)(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?(?!\w)", low
    ):
        mon = months[m[1]]
        year = int(m[3]) if m[3] else _year_for_month(mon, published)
        d = _safe_date(year, mon, int(m[2])) if year else None
        yield m, d, d, "day"
    for m in re.finditer(rf"(?<!\w)({month_alt})(?:\s+(?:de\s+|of\s+)?(\d{{4}}))?(?!\w)", low):
        if not m[2] and language in _CAPITALISED_MONTHS and not text[m.start()].isupper():
            continue  # "may" the verb, not May
        mon = months[m[1]]
        year = int(m[2]) if m[2] else _year_for_month(mon, published)
        if year:
            yield m, date(year, mon, 1), _month_end(year, mon), "month"


def _numeric_dates(low: str, published: date | None):
    for m in re.finditer(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])", low):
        d = _numeric_date(int(m[1]), int(m[2]), m[3], published)
        yield m, d, d, "day"


def _mid_years(low: str, mid: str):
    for m in re.finditer(rf"(?<!\w)(?:{mid})[\s\-]*(\d{{4}})\b", low):
        y = int(m[1])
        yield m, date(y, 5, 1), date(y, 8, 31), "month"


def _relative_dates(low: str, published: date, rel: dict, days: dict, day_alt: str):
    """ "last week", "kemarin", "Rabu": resolved against the publication day."""
    for kind, alt in rel.items():
        for m in re.finditer(rf"(?<!\w)(?:{alt})(?!\w)", low):
            span = _relative(kind, published)
            if span:
                yield m, span[0], span[1], span[2]
    if day_alt:
        for m in re.finditer(rf"(?<!\w)({day_alt})(?!\w)", low):
            back = (published.weekday() - days[m[1]]) % 7
            d = published - timedelta(days=back)
            yield m, d, d, "day"


def _years(low: str):
    for m in re.finditer(r"(?<![\w\-/.])((?:19|20)\d{2})(?![\w\-/])", low):
        y = int(m[1])
        yield m, date(y, 1, 1), date(y, 12, 31), "year"


def _day_ranges(low: str, months: dict[str, int], month_alt: str, published: date | None):
    """(match, first day, last day) of each run of days in one month ("28-30 January", "between 21
    and 22 March", "on 17 and 21 June"): the event is dated from its first day."""
    pattern = (
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and|&|au|et|y|al)\s*(\d{{1,2}})(?:er|st|nd|rd|th)?"
        rf"\s+(?:de\s+)?({month_alt})\.?(?:,?\s+(?:de\s+)?(\d{{4}}))?(?!\w)"
    )
    for m in re.finditer(pattern, low):
        mon = months[m[3]]
        year = int(m[4]) if m[4] else _year_for_month(mon, published)
        if not year or int(m[1]) >= int(m[2]):
            continue
        d0, d1 = _safe_date(year, mon, int(m[1])), _safe_date(year, mon, int(m[2]))
        if d0 and d1 and not m[4] and published and d0 > published:
            d0, d1 = _safe_date(year - 1, mon, int(m[1])), _safe_date(year - 1, mon, int(m[2]))
        if d0 and d1:
            yield m, d0, d1


def _numeric_date(a: int, b: int, year: str | None, published: date | None) -> date | None:
    """ "26/01", "03/04/2016": day/month or month/day, whichever reading is a real date on or
    before publication and nearest to it (with no year, the publication's or the year before)."""
    if year is None and published is None:
        return None
    if year is not None:
        years = [int(year) + (2000 if len(year) == 2 else 0)]
    else:
        years = [published.year, published.year - 1]
    readings = [_safe_date(y, m, d) for y in years for d, m in ((a, b), (b, a))]
    readings = [r for r in readings if r and (published is None or r <= published)]
    if not readings:
        return None
    return max(readings) if published else (readings[0] if len(set(readings)) == 1 else None)


def _relative(kind: str, pub: date) -> tuple[date, date, str] | None:
    monday = pub - timedelta(days=pub.weekday())
    if kind == "today":
        return pub, pub, "day"
    if kind == "yesterday":
        d = pub - timedelta(days=1)
        return d, d, "day"
    if kind == "last_week":
        start = monday - timedelta(days=7)
        return start, start + timedelta(days=6), "week"
    if kind == "this_week":
        return monday, pub, "week"
    if kind == "weekend":  # the last Saturday-Sunday on or before publication: a week's precision
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        return saturday, min(saturday + timedelta(days=1), pub), "week"
    if kind == "last_month":
        last = pub.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last, "month"
    if kind == "this_month":
        return pub.replace(day=1), pub, "month"
    if kind == "last_year":
        return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year"
    return None
