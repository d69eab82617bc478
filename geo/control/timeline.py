"""The claims table made ready for the map, and the timeline's arithmetic.

- ``prepare_claims``: typed dates, a ``date_end`` for every dated claim;
- ``filter_claims``: date range, actors, statuses, countries, languages, sources, confidence;
- ``window_bounds`` / ``step_date`` / ``data_span`` / ``clamp_range``: the timeline arithmetic.

Dates outside ``PLAUSIBLE`` (1900-2100) are treated as unknown: the store rejects them at its
door, and the page must still never draw one (a slider to the year 3000 breaks the browser).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

import numpy as np
import pandas as pd

from geo.text.articles import PLAUSIBLE_DATES

#: Window lengths of the timeline.
WINDOWS = ("day", "week", "month")
#: The columns that describe a claim's place.
PLACE_COLUMNS = ["geonameid", "place", "country_code", "lat", "lon", "kind"]
#: The dates the timeline can show (the store's own range); a claim dated outside them counts as undated.
PLAUSIBLE = PLAUSIBLE_DATES


@dataclass(frozen=True)
class ClaimFilter:
    """What the user narrowed the claims to; empty collections mean "all"."""

    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    min_confidence: float = 0.0


def _to_datetime(values: pd.Series) -> pd.Series:
    """ISO days as datetimes; unreadable days and days outside ``PLAUSIBLE`` become NaT."""
    out = pd.to_datetime(values.astype("string").str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
    lo, hi = (pd.Timestamp(d) for d in PLAUSIBLE)
    return out.where((out >= lo) & (out <= hi))


def prepare_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the claims with ``date``/``date_end``/``published`` as datetimes (NaT when unknown).

    ``date_end`` falls back to ``date``; ``confidence`` becomes float; text columns
    never hold NaN (empty string instead), so filters and popups need no special cases.
    """
    df = frame.copy()
    for col in ("date", "date_end", "published"):
        df[col] = (
            _to_datetime(df[col]) if col in df else pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
        )
    df["date_end"] = df["date_end"].fillna(df["date"])
    df.loc[df["date_end"] < df["date"], "date_end"] = df["date"]
    df["confidence"] = pd.to_numeric(df.get("confidence", 0.0), errors="coerce").fillna(0.0).astype(float)
    for col in (
        "actor",
        "status",
        "place",
        "mention",
        "quote",
        "source",
        "url",
        "title",
        "language",
        "country_code",
        "kind",
        "date_precision",
        "article_id",
    ):
        if col not in df:
            df[col] = ""
        df[col] = df[col].fillna("").astype(str)
    for col in ("quote_start", "quote_end", "mention_start", "mention_end"):
        if col not in df:
            df[col] = -1
        df[col] = pd.to_numeric(df[col], errors="coerce").fillna(-1).astype(int)
    # "exact", or "near": the place is drawn at a named parent (``ResolvedPlace.precision``)
    df["place_precision"] = df["place_precision"].fillna("exact") if "place_precision" in df else "exact"
    df["lat"] = pd.to_numeric(df["lat"], errors="coerce")
    df["lon"] = pd.to_numeric(df["lon"], errors="coerce")
    df = df[df["lat"].between(-90, 90) & df["lon"].between(-180, 180)]
    if "claim_id" not in df:
        df["claim_id"] = np.arange(len(df))
    return df.reset_index(drop=True)


def _isin(series: pd.Series, wanted: Iterable[str]) -> pd.Series:
    wanted = list(wanted)
    return series.isin(wanted) if wanted else pd.Series(True, index=series.index)


def filter_claims(df: pd.DataFrame, f: ClaimFilter) -> pd.DataFrame:
    """Claims of a prepared frame that pass every filter of ``f``.

    The date range keeps claims whose date interval overlaps it; undated claims only pass
    when no range is set.
    """
    keep = (
        _isin(df["actor"], f.actors)
        & _isin(df["status"], f.statuses)
        & _isin(df["country_code"], f.countries)
        & _isin(df["language"], f.languages)
        & _isin(df["source"], f.sources)
        & (df["confidence"] >= f.min_confidence)
    )
    if f.start is not None:
        keep &= df["date_end"] >= pd.Timestamp(f.start)
    if f.end is not None:
        keep &= df["date"] <= pd.Timestamp(f.end)
    return df[keep]


def data_span(df: pd.DataFrame) -> tuple[date, date] | None:
    """First and last day the dated claims cover (inside ``PLAUSIBLE``), None when no claim has a date."""
    dated = df["date"].dropna()
    if dated.empty:
        return None
    lo, hi = dated.min().date(), max(dated.max(), df["date_end"].max()).date()
    return clamp_date(lo, PLAUSIBLE), clamp_date(hi, PLAUSIBLE)


def clamp_date(day: date, span: tuple[date, date]) -> date:
    """``day`` moved inside ``span`` (inclusive)."""
    return min(max(day, span[0]), span[1])


def clamp_range(
    chosen: object, span: tuple[date, date], last: tuple[date, date] | None = None
) -> tuple[date, date]:
    """A date-range widget's value as a valid (start, end) inside ``span``.

    A picker half-way through a choice gives one date (or none): ``last`` (the previous
    valid range) stands in, else the whole span. Ends are clamped and put in order.
    """
    if isinstance(chosen, (tuple, list)) and len(chosen) == 2 and all(isinstance(d, date) for d in chosen):
        lo, hi = chosen
    else:
        lo, hi = last or span
    lo, hi = clamp_date(lo, span), clamp_date(hi, span)
    return (lo, hi) if lo <= hi else (hi, lo)


def window_bounds(as_of: date, window: str) -> tuple[date, date]:
    """The window ending on ``as_of`` (inclusive): one day, seven days or one calendar month."""
    if window == "day":
        return as_of, as_of
    if window == "week":
        return as_of - timedelta(days=6), as_of
    if window == "month":
        start = (pd.Timestamp(as_of) - pd.DateOffset(months=1)).date() + timedelta(days=1)
        return start, as_of
    raise ValueError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")


def step_date(
    as_of: date, window: str, steps: int, span: tuple[date, date] | None = None, anchor_day: int | None = None
) -> date:
    """``as_of`` moved by ``steps`` windows (negative: back), kept inside ``span``.

    A month step lands on ``anchor_day`` (the day of month the user chose; default
    ``as_of.day``), or on the month's last day when it is shorter. With the anchor kept,
    − and + are inverse: 03-31 −1 is 02-28 and +1 from there is 03-31 again.
    """
    if window == "month":
        month = as_of.year * 12 + as_of.month - 1 + steps
        year, month = divmod(month, 12)
        last = calendar.monthrange(year, month + 1)[1]
        moved = date(year, month + 1, min(anchor_day or as_of.day, last))
    else:
        moved = as_of + timedelta(days=steps * (1 if window == "day" else 7))
    return clamp_date(moved, span) if span is not None else moved
