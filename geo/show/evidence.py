"""What the map shows on a date, computed once for the page, and the words that say it.

Control is computed from ALL claims (``geo.control.control_as_of``); the filters then
choose the places shown (``shown_control``), the events of the window and the evidence
listed. The page says in words what that selection is (``describe``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import islice

import geopandas as gpd
import pandas as pd

from geo import control
from geo.show.labels import actor_label, country_name, language_name, plain, status_label


@dataclass(frozen=True)
class Shown:
    """Everything the map and the Evidence panel draw for one date and filter."""

    control: gpd.GeoDataFrame  # the places shown, their controller from all claims
    all_places: int  # places with a known state on the date, before the filters
    events: gpd.GeoDataFrame  # the filtered claims' events of the window
    claims: pd.DataFrame  # every claim that passes the filters (any date)
    as_of: date

    @cached_property
    def evidence(self) -> pd.DataFrame:
        """The filtered claims of the places shown, dated on or before the date (made when
        asked: at a million claims it is most of them, and a page run needs one place's)."""
        c = self.claims
        return c[c["geonameid"].isin(self.control["geonameid"]) & (c["date"] <= pd.Timestamp(self.as_of))]

    @cached_property
    def place_names(self) -> dict[int, str]:
        """geonameid -> plain name of the places shown, in name order (the Evidence panel's list)."""
        places = self.control.sort_values("place")
        return {int(g): plain(n) for g, n in zip(places["geonameid"], places["place"])}

    @cached_property
    def events_rows(self) -> pd.DataFrame:
        """The window's events as the Evidence panel's table (``events_table``)."""
        return events_table(self)

    def evidence_of(self, geonameid: int) -> pd.DataFrame:
        """The evidence of one place (its filtered claims dated on or before the date)."""
        c = self.claims
        if not (self.control["geonameid"] == geonameid).any():
            return c.iloc[:0]
        picked = c[(c["geonameid"] == geonameid).to_numpy()]
        return picked[picked["date"] <= pd.Timestamp(self.as_of)]


def compute(
    claims: pd.DataFrame,
    f: control.ClaimFilter,
    as_of: date,
    window: str,
    index: control.ControlIndex | None = None,
) -> Shown:
    """The map's content on ``as_of`` for a prepared claims frame and the page's filters
    (``index``: the frame's ``control.ControlIndex``, made once for many dates)."""
    everything = control.control_as_of(claims, as_of, index)
    shown = control.shown_control(everything, f)
    passed = control.filter_claims(claims, f)
    events = control.events_in_window(passed, as_of, window)
    return Shown(shown, len(everything), events, passed, as_of)


#: The Evidence panel lists at most this many places: at a million claims the map shows 20,000,
#: a list no one scrolls, which every slider move sent again and the browser drew again.
CHOICES = 400


def place_choices(shown: Shown, selected: int | None = None, limit: int | None = None) -> dict[int, str]:
    """The places the Evidence panel lists (geonameid -> name, in name order): all of those shown
    up to ``limit`` (``CHOICES``); past that, the one ``selected`` (a dot clicked), those with
    events in the window, then those with the most claims."""
    names, limit = shown.place_names, CHOICES if limit is None else limit
    if len(names) <= limit:
        return names
    ranked = shown.control.sort_values("n_claims", ascending=False, kind="stable")["geonameid"]
    first = [selected] if selected in names else []
    order = dict.fromkeys([*first, *shown.events["geonameid"].astype(int), *ranked.astype(int)])
    picked = set(islice((g for g in order if g in names), limit))
    return {g: n for g, n in names.items() if g in picked}


def evidence_rows(shown: Shown, geonameid: int, limit: int = 50) -> pd.DataFrame:
    """The evidence of one place, latest first (at most ``limit`` claims)."""
    rows = shown.evidence_of(geonameid)
    return rows.sort_values(["date", "confidence"], ascending=False).head(limit)


def events_table(shown: Shown) -> pd.DataFrame:
    """The window's events as a table a person reads (actor names, plain text, days)."""
    cols = ["date", "date_precision", "place", "actor", "status", "confidence", "source"]
    table = shown.events[cols].copy()
    table["date"] = table["date"].dt.date
    table["actor"] = table["actor"].map(actor_label)
    table["status"] = table["status"].map(status_label)
    for col in ("place", "source"):
        table[col] = table[col].map(plain)
    return pd.DataFrame(table)


def place_at(shown: Shown, lat: float, lon: float, tolerance: float = 0.05) -> int | None:
    """The geonameid of the place shown nearest to a clicked point (within ``tolerance`` degrees)."""
    if shown.control.empty:
        return None
    dist = (shown.control["lat"].astype(float) - lat) ** 2 + (shown.control["lon"].astype(float) - lon) ** 2
    best = dist.idxmin()
    return int(shown.control.loc[best, "geonameid"]) if dist[best] <= tolerance**2 else None


def _names(values, label) -> str:
    return ", ".join(label(v) for v in values)


def describe(shown: Shown, f: control.ClaimFilter, as_of: date, window: str) -> str:
    """One plain sentence (no markup) saying what the map shows and how the filters narrowed it."""
    w_start, w_end = control.window_bounds(as_of, window)
    if f.actors:
        what = f"places held by {_names(f.actors, actor_label)} (or contested with them)"
    else:
        what = "places with a known controller"
    if f.countries:
        what += f" in {_names(f.countries, country_name)}"
    if f.statuses:
        what += f" whose latest claim says {_names(f.statuses, status_label)}"
    parts = [
        f"{len(shown.control)} {what} on {as_of.isoformat()}, of {shown.all_places} places known then; "
        "who holds a place is always worked out from all claims, whatever the filters"
    ]
    narrowed = []
    if f.languages:
        narrowed.append(f"in {_names(f.languages, language_name)}")
    if f.sources:
        narrowed.append(f"from {_names(f.sources, plain)}")
    if f.min_confidence > 0:
        narrowed.append(f"of confidence {f.min_confidence:g} or more")
    if f.start or f.end:
        narrowed.append(f"dated {f.start or '…'} to {f.end or '…'}")
    events = f"{len(shown.events)} events from {w_start.isoformat()} to {w_end.isoformat()}"
    if narrowed:
        parts.append(f"the evidence and the {events} are claims {' and '.join(narrowed)}")
    else:
        parts.append(f"{events}")
    return ". ".join(p[0].upper() + p[1:] for p in parts) + "."
