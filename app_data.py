"""The page's shared resources, each made once per server and keyed by what changes it: the
store, its claims and their index by date, the views computed ahead, the gazetteer (whose first
build shows its progress in the page) and the map's local assets."""

from __future__ import annotations

import streamlit as st

from geo import control
from geo.show import basefile, evidence, mapview
from geo.show import view as viewstate
from geo.show.ahead import Ahead
from geo.show.assets import ensure_static

#: Seconds after a run before the next dates are computed ahead (``geo.show.ahead``).
AHEAD_DELAY_S = 0.3


@st.cache_resource(show_spinner="Opening the database…")
def get_store(db: str):
    """The store for ``$TIDEMARK_DB`` (keyed by it)."""
    from geo.store import Store

    return Store(db or None)


@st.cache_resource(show_spinner=False)
def _gazetteer_state() -> dict:
    return {}  # "built": the cache on disk was checked (and built) once in this server


@st.cache_resource(show_spinner="Loading the gazetteer…")
def _gazetteer():
    from geo.gazetteer import default_gazetteer

    return default_gazetteer(progress=False)


def get_gazetteer():
    """The gazetteer; a first start builds it (about a minute) with its progress in the page."""
    state = _gazetteer_state()
    if not state.get("built"):
        from geo.gazetteer.index import ensure_built

        bar = st.empty()

        def show(fraction: float, step: str) -> None:
            text = f"Building the gazetteer (once, on the first visit): {step}"
            bar.progress(min(max(float(fraction), 0.0), 1.0), text=text)

        try:
            ensure_built(progress=show)
        finally:
            bar.empty()
        state["built"] = True
    return _gazetteer()


@st.cache_resource
def static_assets() -> str:
    return str(ensure_static())


# Frames are shared resources (the page never changes them); ``version`` (``Store.version()``,
# changed by any write in any session) is the key that invalidates them.
@st.cache_resource(show_spinner="Reading the claims…", max_entries=2)
def load_claims(db: str, version: str):
    return control.prepare_claims(get_store(db).claims_frame())


@st.cache_resource(show_spinner="Indexing the claims by date…", max_entries=2)
def control_index(db: str, version: str) -> control.ControlIndex:
    """The claims sorted once for control on any date (a slider move then costs milliseconds)."""
    return control.ControlIndex(load_claims(db, version))


@st.cache_resource(show_spinner=False, max_entries=2)
def place_points(db: str, version: str):
    """Every place with claims (its id, name, lat, lon): the base map's towns, the names its
    dots' tooltips show and its first fit."""
    return load_claims(db, version)[["geonameid", "place", "lat", "lon"]].drop_duplicates("geonameid")


@st.cache_resource(show_spinner=False, max_entries=2)
def base_places(db: str, version: str):
    """The base file's places in its order (``basefile.base_places``): the data layers' points
    go as positions among them."""
    return basefile.base_places(place_points(db, version))


@st.cache_resource(show_spinner=False, max_entries=4)
def base_text(db: str, version: str, tiles: bool) -> str:
    """The base map file's text (``mapview.base_text``), encoded once per data version."""
    return mapview.base_text(place_points(db, version), tiles)


@st.cache_resource(show_spinner=False, max_entries=2)
def filter_values(db: str, version: str) -> dict[str, list[str]]:
    """The values each list filter can take (``view.known_values``), found once per data version."""
    return viewstate.known_values(load_claims(db, version))


@st.cache_resource(show_spinner=False, max_entries=2)
def views(db: str, version: str) -> Ahead:
    """The page's views of one data version: (filters, date, window, areas) -> what the map
    shows, its areas and its layers' JSON; the neighbouring dates computed ahead."""
    claims, index = load_claims(db, version), control_index(db, version)

    def compute(key: tuple) -> tuple:
        filters, as_of, window, areas = key
        shown = evidence.compute(claims, filters, as_of, window, index)
        area = control.control_areas(shown.control, mapview.load_outlines()) if areas else None
        shown.place_names, shown.events_rows  # noqa: B018 - made here, ahead, not in the page's run
        return shown, area, mapview.view_layers(shown, area, as_of.isoformat(), base_places(db, version))

    return Ahead(compute, delay=AHEAD_DELAY_S)
