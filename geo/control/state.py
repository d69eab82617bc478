"""Who controls what, as of a date, and the events of a window.

Input is a prepared claims frame (``geo.control.timeline.prepare_claims``).
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd

from geo.control.asof import ControlIndex
from geo.control.timeline import PLACE_COLUMNS, ClaimFilter, window_bounds

#: Statuses shown as events of a window (``held`` is a state, not an event).
EVENT_STATUSES = ("captured", "offensive", "contested", "withdrawn")
CRS = "EPSG:4326"


def control_as_of(df: pd.DataFrame, as_of: date, index: ControlIndex | None = None) -> gpd.GeoDataFrame:
    """Each place's state of control on ``as_of`` from a prepared (and filtered) claims frame.

    The deciding claim is the latest captured/held/contested claim dated on or before
    ``as_of`` (ties: the more confident). The controller is its actor, or ``contested``
    when the deciding claim says so or when a captured/held claim by another actor
    overlaps it within the claims' date precision, unless the two fight on the same side
    (``geo.parse.actors.are_partners``: the SDF and the US-led coalition). A later ``withdrawn`` claim by the
    controller leaves the place ``vacated``. Columns: the place columns, ``controller``,
    ``state`` (controlled/contested/vacated), ``rivals`` (other actors claiming it),
    ``n_claims`` and the deciding claim's evidence columns. ``index``: ``ControlIndex(df)``
    made once (``geo.control.asof``), for many dates of one frame.
    """
    out = (index if index is not None else ControlIndex(df)).as_of(as_of)
    if out.empty:
        return _empty_control()
    return gpd.GeoDataFrame(out, geometry=gpd.points_from_xy(out["lon"], out["lat"]), crs=CRS)


def _empty_control() -> gpd.GeoDataFrame:
    cols = PLACE_COLUMNS + ["controller", "state", "rivals", "n_claims", "actor", "status", "date"]
    return gpd.GeoDataFrame({c: [] for c in cols}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


def events_in_window(df: pd.DataFrame, as_of: date, window: str) -> gpd.GeoDataFrame:
    """Claims of ``EVENT_STATUSES`` whose date interval overlaps the window ending on ``as_of``."""
    start, end = window_bounds(as_of, window)
    keep = (
        df["status"].isin(EVENT_STATUSES)
        & df["date"].notna()
        & (df["date"] <= pd.Timestamp(end))
        & (df["date_end"] >= pd.Timestamp(start))
    )
    ev = df[keep].sort_values(["date", "confidence"], ascending=[False, False])
    return gpd.GeoDataFrame(ev, geometry=gpd.points_from_xy(ev["lon"], ev["lat"]), crs=CRS)


def shown_control(control: gpd.GeoDataFrame, f: ClaimFilter) -> gpd.GeoDataFrame:
    """The places of ``control`` (computed from ALL claims) that the filters ask to see.

    Control is never recomputed from filtered claims: the actor filter keeps the places
    held by one of the actors, or contested with one of them among the claimants; the
    country filter keeps places in those countries; the status filter keeps places whose
    deciding claim has one of the statuses. Language, source, confidence and date range
    narrow the evidence and the events only.
    """
    keep = pd.Series(True, index=control.index)
    if f.actors:
        wanted = set(f.actors)
        claimants = control["actor"].astype(str) + "," + control["rivals"].astype(str)
        involved = claimants.map(lambda s: bool(wanted & set(s.split(","))))
        keep &= control["controller"].isin(wanted) | ((control["state"] == "contested") & involved)
    if f.countries:
        keep &= control["country_code"].isin(f.countries)
    if f.statuses:
        keep &= control["status"].isin(f.statuses)
    return control[keep]
