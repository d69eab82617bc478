"""Who controls what, as of a date, and the events of a window.

Input is a prepared claims frame (``geo.control.timeline.prepare_claims``).
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.control.timeline import PLACE_COLUMNS, ClaimFilter, window_bounds
from geo.parse.actors import are_partners

#: Statuses that say who holds a place.
CONTROL_STATUSES = ("captured", "held")
#: Statuses shown as events of a window (``held`` is a state, not an event).
EVENT_STATUSES = ("captured", "offensive", "contested", "withdrawn")
#: Controller value of a place whose claims disagree.
CONTESTED = "contested"
CRS = "EPSG:4326"


def control_as_of(df: pd.DataFrame, as_of: date) -> gpd.GeoDataFrame:
    """Each place's state of control on ``as_of`` from a prepared (and filtered) claims frame.

    The deciding claim is the latest captured/held/contested claim dated on or before
    ``as_of`` (ties: the more confident). The controller is its actor, or ``contested``
    when the deciding claim says so or when a captured/held claim by another actor
    overlaps it within the claims' date precision, unless the two fight on the same side
    (``geo.parse.actors.are_partners``: the SDF and the US-led coalition). A later ``withdrawn`` claim by the
    controller leaves the place ``vacated``. Columns: the place columns, ``controller``,
    ``state`` (controlled/contested/vacated), ``rivals`` (other actors claiming it),
    ``n_claims`` and the deciding claim's evidence columns.
    """
    cutoff = pd.Timestamp(as_of)
    dated = df[df["date"].notna() & (df["date"] <= cutoff)]
    decisive = dated[dated["status"].isin(CONTROL_STATUSES + (CONTESTED,))]
    if decisive.empty:
        return _empty_control()
    decisive = decisive.sort_values(["geonameid", "date", "confidence"], kind="stable")
    last = decisive.groupby("geonameid", sort=False).tail(1).set_index("geonameid")

    holding = decisive[decisive["status"].isin(CONTROL_STATUSES)]
    joined = holding[["geonameid", "actor", "date_end"]].join(
        last[["actor", "date"]].rename(columns={"actor": "last_actor", "date": "last_date"}), on="geonameid"
    )
    # One string key per row keeps this vectorised: zipping Arrow strings row by row is 5x slower.
    pairs = joined["actor"].astype(str) + "\x1f" + joined["last_actor"].astype(str)
    allied = {
        pair: are_partners(*pair.split("\x1f")) for pair in pairs.unique()
    }  # a few dozen pairs, not a row each
    rival = ~pairs.map(allied).astype(bool)
    disagree = joined[rival & (joined["date_end"] >= joined["last_date"])]
    rivals = disagree.groupby("geonameid")["actor"].agg(lambda s: ",".join(sorted(set(s))))

    withdrawn = dated[dated["status"] == "withdrawn"][["geonameid", "actor", "date"]].join(
        last[["actor", "date"]].rename(columns={"actor": "last_actor", "date": "last_date"}),
        on="geonameid",
        how="inner",
    )
    vacated_ids = set(
        withdrawn[
            (withdrawn["actor"] == withdrawn["last_actor"]) & (withdrawn["date"] > withdrawn["last_date"])
        ]["geonameid"]
    )

    out = last.reset_index()
    out["rivals"] = out["geonameid"].map(rivals).astype(object).fillna("").astype(str)
    contested = (out["status"] == CONTESTED) | (out["rivals"] != "")
    vacated = out["geonameid"].isin(vacated_ids) & ~contested
    out["state"] = np.where(contested, "contested", np.where(vacated, "vacated", "controlled"))
    out["controller"] = np.where(contested, CONTESTED, out["actor"])
    out["n_claims"] = out["geonameid"].map(dated.groupby("geonameid").size()).astype(int)
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
