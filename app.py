"""Tidemark: who held what, when, and the sentence that says so.

The page only: widgets <-> URL query parameters, calls into ``geo`` (control, mapview,
store, pipeline) and renders with streamlit-folium. Run: ``streamlit run app.py``.
"""

from __future__ import annotations

import os
import time
from datetime import date

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import control
from geo.errors import InputError
from geo.model import STATUSES
from geo.show import corrections, mapview, search
from geo.show import view as viewstate
from geo.show.assets import ensure_static, inline_assets_html
from geo.show.export import claims_geodataframe

PLAY_DELAY_S = float(os.environ.get("TIDEMARK_PLAY_DELAY", "0.8"))
MAP_HEIGHT = 620

st.set_page_config(page_title="Tidemark", page_icon="🗺️", layout="wide")


# --- resources and data (cached) ------------------------------------------------------------
@st.cache_resource(show_spinner="Opening the database…")
def get_store(db: str):
    """The store for ``$TIDEMARK_DB`` (keyed by it), loaded with the bundled sample when empty."""
    from geo.store import Store
    from geo.store.sample import ensure_sample

    store = Store(db or None)
    ensure_sample(store)
    return store


@st.cache_resource(show_spinner="Loading the gazetteer…")
def get_gazetteer():
    from geo.gazetteer import default_gazetteer

    return default_gazetteer()


@st.cache_resource
def static_assets() -> str:
    return str(ensure_static())


# Frames are cached as shared resources (no copy per run: the page never changes them);
# ``version`` (``Store.version()``: changes with any ingest or correction, in any session) is
# the key that invalidates them.
@st.cache_resource(show_spinner="Reading the claims…", max_entries=2)
def load_claims(db: str, version: str):
    """Prepared claims of the store."""
    return control.prepare_claims(get_store(db).claims_frame())


@st.cache_resource(show_spinner=False, max_entries=16)
def compute_view(db: str, version: str, filters: control.ClaimFilter, as_of: date, window: str, areas: bool):
    df = control.filter_claims(load_claims(db, version), filters)
    ctl = control.control_as_of(df, as_of)
    events = control.events_in_window(df, as_of, window)
    area = control.control_areas(ctl, mapview.load_outlines()) if areas else None
    return df, ctl, events, area


def data_version(store) -> str:
    return store.version()


DB = os.environ.get("TIDEMARK_DB", "")
static_assets()
store = get_store(DB)
version = data_version(store)
claims = load_claims(DB, version)
span = control.data_span(claims) or (date.today(), date.today())
known = viewstate.known_values(claims)
known["statuses"] = list(STATUSES)
ss = st.session_state


# --- the URL sets the widgets once per session; the widgets then write the URL -------------
def load_view_from_url() -> None:
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    view, notices = viewstate.parse_view(params, span, known)
    f = view.filters
    ss.update(
        {
            "as_of": view.as_of or span[1],
            "window": view.window,
            "range": (f.start or span[0], f.end or span[1]),
            "actors": list(f.actors),
            "statuses": list(f.statuses),
            "countries": list(f.countries),
            "languages": list(f.languages),
            "sources": list(f.sources),
            "conf": f.min_confidence,
            "areas": view.areas,
            "tiles": view.tiles,
            "center": view.center,
            "zoom": view.zoom,
            "notices": notices,
            "view_loaded": True,
        }
    )


if not ss.get("view_loaded"):
    load_view_from_url()


def date_bounds() -> tuple[date, date]:
    rng = ss.get("range") or span
    if not isinstance(rng, (tuple, list)) or len(rng) != 2:  # the picker is half-way through a choice
        rng = ss.get("_last_range", span)
    ss["_last_range"] = tuple(rng)
    return rng[0], rng[1]


def clamp_as_of() -> None:
    lo, hi = date_bounds()
    ss["as_of"] = min(max(ss.get("as_of") or hi, lo), hi)


def step(n: int) -> None:
    ss["as_of"] = control.step_date(ss["as_of"], ss["window"], n, span=date_bounds())


def start_play() -> None:
    """Pressing play at the end of the range starts again from its beginning."""
    lo, hi = date_bounds()
    if ss.get("playing") and ss["as_of"] >= hi:
        ss["as_of"] = lo


def search_place() -> None:
    query = ss.get("search", "")
    if not query.strip():
        ss["search_notice"] = ""
        return
    found = search.locate_place(claims, query, get_gazetteer())
    if found is None:
        ss["search_notice"] = "No place of that name in the claims or the gazetteer."
        return
    lat, lon, name = found
    ss["center"], ss["zoom"] = (lat, lon), 9
    ss["search_notice"] = (
        "" if not search.find_places(claims, query).empty else f"{name}: no claims yet; map centred on it."
    )


if ss.pop("_reset_range", False):
    ss["range"] = span
if ss.pop("_advance", False):  # the play button's next frame
    lo, hi = date_bounds()
    ss["as_of"] = control.step_date(ss["as_of"], ss["window"], 1, span=(lo, hi))
    if ss["as_of"] >= hi:
        ss["playing"] = False
clamp_as_of()

# --- sidebar: filters and layers -----------------------------------------------------------
with st.sidebar:
    st.header("Filters")
    st.date_input("Date range", key="range", min_value=span[0], max_value=span[1])
    st.multiselect("Actor", known["actors"], key="actors", format_func=mapview.actor_label)
    st.multiselect("Status", known["statuses"], key="statuses")
    st.multiselect("Country", known["countries"], key="countries")
    st.multiselect("Language", known["languages"], key="languages")
    st.multiselect("Source", known["sources"], key="sources")
    st.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="conf")
    st.text_input("Find a place", key="search", on_change=search_place, placeholder="Mosul, Raqqa…")
    if ss.get("search_notice"):
        st.info(ss["search_notice"])
    st.header("Layers")
    st.toggle("Approximate control areas", key="areas")
    st.toggle("Online map tiles (needs internet)", key="tiles")

lo, hi = date_bounds()
filters = control.ClaimFilter(
    start=lo if lo != span[0] else None,
    end=hi if hi != span[1] else None,
    actors=tuple(ss["actors"]),
    statuses=tuple(ss["statuses"]),
    countries=tuple(ss["countries"]),
    languages=tuple(ss["languages"]),
    sources=tuple(ss["sources"]),
    min_confidence=float(ss["conf"]),
)

st.title("Tidemark")
st.caption(
    "Territorial control from news reports: every dot carries its quote, source, date precision and confidence."
)
for notice in ss.get("notices", []):
    st.warning(notice, icon="⚠️")

tab_map, tab_add = st.tabs(["Map", "Add reports"])

with tab_map:
    # --- timeline ---
    c_prev, c_slider, c_next, c_window, c_play = st.columns([1, 10, 1, 2, 2], vertical_alignment="bottom")
    c_prev.button("−", on_click=step, args=(-1,), help="Back one window", key="prev")
    if lo < hi:
        c_slider.slider("Control as of", min_value=lo, max_value=hi, key="as_of", format="YYYY-MM-DD")
    else:
        c_slider.write(f"Control as of **{lo.isoformat()}** (the range is one day)")
    c_next.button("+", on_click=step, args=(1,), help="Forward one window", key="next")
    c_window.selectbox("Window", control.WINDOWS, key="window")
    c_play.toggle(
        "▶ Play", key="playing", on_change=start_play, help="Animate control over time, one window per frame"
    )

    as_of = ss["as_of"]
    view = viewstate.View(
        as_of=as_of,
        window=ss["window"],
        filters=filters,
        center=ss.get("center"),
        zoom=ss.get("zoom"),
        areas=ss["areas"],
        tiles=ss["tiles"],
    )
    df, ctl, events, areas = compute_view(DB, version, filters, as_of, view.window, view.areas)
    w_start, w_end = control.window_bounds(as_of, view.window)
    st.markdown(
        f"**{len(ctl)}** places with a known controller on **{as_of.isoformat()}** · "
        f"**{len(events)}** events from {w_start.isoformat()} to {w_end.isoformat()} · "
        f"{len(df)} claims pass the filters"
    )

    @st.fragment
    def map_panel(ctl, events, areas, view: viewstate.View) -> None:
        """The map; panning or zooming reruns only this, to keep centre and zoom in the URL.

        The folium map is built afresh on every run (a folium map must not be rendered twice).
        """
        fmap = mapview.build_map(
            ctl,
            events,
            areas,
            center=view.center,
            zoom=view.zoom,
            show_areas=view.areas,
            tiles=view.tiles,
            as_of_label=view.as_of.isoformat(),
        )
        out = st_folium(
            fmap, key="map", height=MAP_HEIGHT, use_container_width=True, returned_objects=["center", "zoom"]
        )
        if out and out.get("center") and out.get("zoom"):
            centre = (round(float(out["center"]["lat"]), 4), round(float(out["center"]["lng"]), 4))
            if (centre, int(out["zoom"])) != (ss.get("center"), ss.get("zoom")):
                ss["center"], ss["zoom"] = centre, int(out["zoom"])
                st.query_params.update(
                    {"center": f"{centre[0]:.4f},{centre[1]:.4f}", "zoom": str(int(out["zoom"]))}
                )

    map_panel(ctl, events, areas, view)

    # --- share ---
    params = viewstate.view_params(view)
    current = {
        k: (st.query_params.get_all(k) if isinstance(v, list) else st.query_params.get(k))
        for k, v in params.items()
    }
    if current != params or set(st.query_params.keys()) != set(params):
        st.query_params.from_dict(params)
    with st.expander("Share this view"):
        base = (st.context.url or "").split("?")[0]
        query = "&".join(
            f"{k}={v}" for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])
        )
        st.caption(
            "The link reopens this date, window, filters, centre and zoom. Copy it with the button at its right."
        )
        st.code(f"{base}?{query}" if query else base, language=None)

    # --- evidence ---
    st.subheader("Evidence")
    if ctl.empty:
        st.info("No place has a known controller on this date with these filters.")
    else:
        names = ctl.sort_values("place")["place"].tolist()
        chosen = st.selectbox("Claims about", names, key="evidence_place")
        gid = int(ctl.loc[ctl["place"] == chosen, "geonameid"].iloc[0])
        rows = (
            df[(df["geonameid"] == gid) & (df["date"] <= pd.Timestamp(as_of))]
            .sort_values("date", ascending=False)
            .head(20)
        )
        st.html(
            "".join(
                f'<div class="tm-pop" style="margin-bottom:10px">{mapview.evidence_html(r)}</div>'
                for r in rows.itertuples(index=False)
            )
        )
    if not events.empty:
        st.caption("Events of the window")
        table = events[
            ["date", "date_precision", "place", "actor", "status", "confidence", "source", "quote"]
        ].copy()
        table["date"] = table["date"].dt.date
        st.dataframe(table, hide_index=True, width="stretch")

    # --- downloads (built only when clicked; the store's own rows, as `python -m geo export` writes them) ---
    def filtered_rows():
        rows = get_store(DB).claims_frame()
        return rows[rows["claim_id"].isin(df["claim_id"])]

    c_csv, c_geo, c_html = st.columns(3)
    c_csv.download_button(
        "Download filtered claims (CSV)",
        lambda: filtered_rows().to_csv(index=False).encode("utf-8"),
        file_name="tidemark-claims.csv",
        mime="text/csv",
        on_click="ignore",
        key="dl_csv",
    )
    c_geo.download_button(
        "Download filtered claims (GeoJSON)",
        lambda: (
            claims_geodataframe(filtered_rows()).to_json(drop_id=True, ensure_ascii=False).encode("utf-8")
        ),
        file_name="tidemark-claims.geojson",
        mime="application/geo+json",
        on_click="ignore",
        key="dl_geojson",
    )

    def standalone_map() -> bytes:
        m = mapview.build_map(ctl, events, areas, show_areas=view.areas, as_of_label=as_of.isoformat())
        return inline_assets_html(m).encode("utf-8")

    c_html.download_button(
        "Download this map (HTML, works offline)",
        standalone_map,
        file_name=f"tidemark-{as_of}.html",
        mime="text/html",
        on_click="ignore",
        key="dl_html",
    )

with tab_add:
    st.subheader("Add reports")
    if ss.get("saved_notice"):
        st.success(ss["saved_notice"])
    st.caption(
        "Paste an article or upload files; check the places found, correct any that point to the wrong place, then save."
    )
    with st.form("add_report"):
        pasted = st.text_area("Article text", height=180, key="add_text")
        uploads = st.file_uploader(
            "…or files (.txt, .html)", accept_multiple_files=True, type=["txt", "html", "htm", "md"]
        )
        c1, c2, c3 = st.columns(3)
        source = c1.text_input("Source", key="add_source")
        published = c2.date_input("Published", value=None, key="add_published")
        url = c3.text_input("Article link (optional)", key="add_url")
        submitted = st.form_submit_button("Parse")
    if submitted:
        from geo.parse.pipeline import parse_article
        from geo.text.articles import decode_bytes, make_article

        texts = [("pasted text", pasted)] if pasted.strip() else []
        texts += [(u.name, u.getvalue()) for u in uploads or []]
        parsed = []
        for name, body in texts:
            try:
                text = decode_bytes(body, name) if isinstance(body, bytes) else body
                article = make_article(text, published=published, source=source, url=url, name=name)
                parsed.append(parse_article(article, get_gazetteer()))
            except InputError as exc:
                st.error(str(exc))
        if not texts:
            st.error("Nothing to parse: paste a text or choose a file.")
        ss["parsed"] = parsed
    for i, result in enumerate(ss.get("parsed", [])):
        art = result.article
        st.markdown(
            f"**{i + 1}.** {len(result.places)} places, {len(result.claims)} claims · language `{art.language}`"
        )
        st.html(
            f'<div class="tm-pop" dir="auto" style="white-space:pre-wrap;max-height:260px;overflow:auto;border:1px solid #ddd;padding:8px">'
            f"{mapview.highlight_spans(art.text, [(p.start, p.end) for p in result.places])}</div>"
        )
        choices = {}
        for name, mentions in corrections.names_to_correct(result).items():
            first = mentions[0]
            options = corrections.place_candidates(first)
            labels = {
                o.geonameid: f"{o.name} ({o.kind}, {o.country_code}, pop. {o.population:,}) #{o.geonameid}"
                for o in options
            }
            choices[name] = st.selectbox(
                f"“{first.mention}” ({len(mentions)} mention{'s' if len(mentions) > 1 else ''})",
                list(labels),
                format_func=labels.get,
                key=f"fix_{art.id}_{name}",
            )
        fixes = corrections.corrections_for(result, choices)
        if st.button("Save to the map", key=f"save_{art.id}"):
            outcome = store.add(result)
            for (start, end), gid in fixes.items():
                store.set_correction(art.id, start, end, gid)
            ss["saved_notice"] = (
                f"Saved ({outcome}); {len(fixes)} correction(s) stored. The map now includes it."
            )
            ss["_reset_range"] = True  # the data's span may have grown
            st.rerun()

# --- play: the next frame ---
if ss.get("playing"):
    if ss["as_of"] < hi:
        time.sleep(PLAY_DELAY_S)
        ss["_advance"] = True
        st.rerun()
