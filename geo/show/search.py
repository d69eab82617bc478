"""Place search on the page: the claims' places first, then the gazetteer."""

from __future__ import annotations

import pandas as pd

from geo.control.timeline import PLACE_COLUMNS
from geo.show.labels import plain
from geo.text.names import normalize_name


def find_places(df: pd.DataFrame, query: str, limit: int = 10) -> pd.DataFrame:
    """Places of the claims whose name or mention holds ``query`` (any case), most claimed first."""
    q = " ".join(str(query).split()).casefold()
    if not q or df.empty:
        return df.iloc[0:0][PLACE_COLUMNS]
    hit = df["place"].str.casefold().str.contains(q, regex=False) | df["mention"].str.casefold().str.contains(
        q, regex=False
    )
    found = df[hit]
    exact = found["place"].str.casefold() == q
    counts = found.groupby("geonameid").size().rename("n_claims")
    places = found.assign(exact=exact).sort_values("exact", ascending=False).drop_duplicates("geonameid")
    places = places[PLACE_COLUMNS + ["exact"]].join(counts, on="geonameid")
    return (
        places.sort_values(["exact", "n_claims"], ascending=False)
        .head(limit)
        .drop(columns="exact")
        .reset_index(drop=True)
    )


def locate_place(df: pd.DataFrame, query: str, gazetteer=None) -> tuple[float, float, str] | None:
    """Where to centre the map for a place search: (lat, lon, name), or None.

    Places of the claims come first; else the gazetteer's best match for the name.
    """
    hits = find_places(df, query, limit=1)
    if not hits.empty:
        return float(hits.loc[0, "lat"]), float(hits.loc[0, "lon"]), str(hits.loc[0, "place"])
    if gazetteer is None or not str(query).strip():
        return None
    found = gazetteer.lookup(normalize_name(str(query)))
    return (found[0].lat, found[0].lon, found[0].name) if found else None


def search_view(df: pd.DataFrame, query: str, gazetteer=None) -> tuple[tuple[float, float] | None, str]:
    """Where a place search centres the map (None: nowhere) and the notice to show ("" for none)."""
    if not str(query).strip():
        return None, ""
    found = locate_place(df, query, gazetteer)
    if found is None:
        return None, "No place of that name in the claims or the gazetteer."
    lat, lon, name = found
    in_claims = not find_places(df, query, limit=1).empty
    return (lat, lon), "" if in_claims else f"{plain(name)}: no claims yet; map centred on it."
