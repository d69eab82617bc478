"""Tidemark: who held what, when, and the sentence that says so.

The page only: widgets and layout. What it shows comes from ``geo.show`` (evidence: what
the map shows and the words for it; view: the URL state and share link; editing: reading,
parsing and saving reports; roles: who may change anything). Run: ``streamlit run app.py``.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import date

import streamlit as st
from streamlit_folium import st_folium

import app_edit
from app_data import (
    base_text,
    filter_values,
    get_gazetteer,
    get_store,
    load_claims,
    place_points,
    static_assets,
    views,
)
from geo import control
from geo.model import STATUSES
from geo.show import downloads, evidence, mapview, roles, search
from geo.show import view as viewstate
from geo.show.labels import actor_label, country_name, language_name, plain, status_label
from geo.show.popups import evidence_html

PLAY_DELAY_S = float(os.environ.get("TIDEMARK_PLAY_DELAY", "0.8"))
MAP_HEIGHT = 620
#: The date slider's height with its label (pixels): the place kept for it until it comes.
SLIDER_HEIGHT = 68
DB = os.environ.get("TIDEMARK_DB", "")
UNREADABLE = (
    "The database cannot be read: it is damaged, is not a Tidemark database, or its server does "
    "not answer. Nothing was changed. The operator's log has the details."
)
log = logging.getLogger("tidemark.page")

st.set_page_config(page_title="Tidemark", page_icon="🗺️", layout="wide")
ss = st.session_state


def open_data():
    """The store, its version and its claims; one clear message (no paths) when unreadable."""
    try:
        store = get_store(DB)
        version = store.version()
        return store, version, load_claims(DB, version)
    except Exception:  # noqa: BLE001 - any driver's error: the visitor gets one sentence
        log.exception("the database %s cannot be read", DB or "(default)")
        get_store.clear()
        st.error(UNREADABLE)
        st.stop()


static_assets()
store, version, claims = open_data()
span = control.data_span(claims) or (date.today(), date.today())
known = {**filter_values(DB, version), "statuses": list(STATUSES)}


# --- who is here ------------------------------------------------------------------------------
def current_role() -> roles.Role:
    user = None
    if roles.oidc_configured(st.secrets):
        user = st.user.to_dict()
    return roles.resolve_role(
        secrets=st.secrets,
        environ=os.environ,
        user=user,
        entered_token=ss.get("editor_token", ""),
        name=ss.get("editor_name", ""),
    )


def role_box(role: roles.Role) -> None:
    if roles.oidc_configured(st.secrets):
        if st.user.is_logged_in:
            st.caption(f"Signed in as {plain(role.editor or st.user.get('email') or '')}")
            st.button("Sign out", on_click=st.logout)
        else:
            st.button("Sign in to edit", on_click=st.login)
    elif roles.editor_token(st.secrets, os.environ):
        st.text_input("Editor token", type="password", key="editor_token")
        st.text_input("Your name (recorded with your changes)", key="editor_name")
    st.caption(f"Editing as {plain(role.editor)}" if role.can_edit else role.why)


role = current_role()


# --- the URL sets the widgets once per session; the widgets then write the URL -------------
def load_view_from_url() -> None:
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    view, notices = viewstate.parse_view(params, span, known)
    ss.update({**viewstate.session_values(view, span), "notices": notices, "view_loaded": True})


if not ss.get("view_loaded"):
    load_view_from_url()


def date_bounds() -> tuple[date, date]:
    rng = control.clamp_range(ss.get("range"), span, ss.get("_last_range"))
    ss["_last_range"] = rng
    return rng


def slider_moved() -> None:
    ss["anchor_day"] = ss["as_of"].day  # month steps come back to the day the user chose


def step(n: int) -> None:
    ss["as_of"] = control.step_date(ss["as_of"], ss["window"], n, date_bounds(), ss.get("anchor_day"))


def start_play() -> None:
    """Pressing play at the end of the range starts again from its beginning."""
    lo, hi = date_bounds()
    if ss.get("playing") and ss["as_of"] >= hi:
        ss["as_of"] = lo
    ss["_frame_at"] = time.monotonic()


def search_place() -> None:
    centre, ss["search_notice"] = search.search_view(claims, ss.get("search", ""), get_gazetteer())
    if centre is not None:
        ss["center"], ss["zoom"] = centre, 9
        ss["_goto"] = (list(centre), 9)  # set on the drawn map (its own moves are not sent back)


if ss.pop("_reset_range", False):
    ss["range"] = span
if ss.pop("_advance", False):  # the play button's next frame
    lo, hi = date_bounds()
    ss["as_of"] = control.step_date(ss["as_of"], ss["window"], 1, (lo, hi), ss.get("anchor_day"))
    if ss["as_of"] >= hi:
        ss["playing"] = False
lo, hi = date_bounds()
ss["as_of"] = control.clamp_date(ss.get("as_of") or hi, (lo, hi))

st.title("Tidemark")
st.caption(
    "Territorial control from news reports: every dot carries its quotes, sources, dates and confidence."
)
for notice in ss.get("notices", []):
    st.warning(notice, icon="⚠️")


def offer_sample() -> None:
    """An empty database is offered the bundled sample (to editors), never filled silently."""
    st.info("The database holds no claims yet.")
    if role.can_edit and st.button("Load the bundled sample (the 2014–2019 chronicle)", key="load_sample"):
        from geo.store.sample import ensure_sample

        with st.spinner("Parsing the sample reports…"):
            summary = ensure_sample(store)
        ss["saved_notice"] = [f"Sample loaded: {summary.line() if summary else 'already there'}."]
        ss["_reset_range"] = True
        st.rerun()


if claims.empty:
    offer_sample()

tab_names = ["Map", "Add reports", "History", "Place rules"]
tab_map, tab_add, tab_history, tab_rules = st.tabs(tab_names)


def session_base(view: viewstate.View):
    """The base map: the same script all session (its first view; outlines, towns), so
    streamlit-folium keeps the map it drew; the data layers are replaced in place and later
    views (a pan, a search) are set on the drawn map."""
    home = ss.setdefault("_map_home", (view.center, view.zoom))
    places, text = place_points(DB, version), base_text(DB, version, view.tiles)
    return mapview.page_base(places, center=home[0], zoom=home[1], tiles=view.tiles, text=text)


@st.fragment
def map_panel(shown: evidence.Shown, drawn: str, view: viewstate.View, areas) -> None:
    """The map, its share link, and the evidence and downloads under it; panning or zooming
    reruns only this (centre and zoom go to the URL and the link); a click on a dot selects its
    place in the Evidence panel. The panels under the map come once the map has drawn (its first
    report): a first visit gets its map without waiting for them."""
    out = st_folium(
        session_base(view),
        key="map",
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["center", "zoom", "last_object_clicked"],
        feature_group_to_add=mapview.data_layers(
            drawn, shown, popup_place=ss.get("_select_place", ss.get("evidence_place"))
        ),
        center=ss.get("_goto", (None, None))[0],
        zoom=ss.get("_goto", (None, None))[1],
    )
    out = out or {}
    if out.get("center") and out.get("zoom"):
        centre = (round(float(out["center"]["lat"]), 4), round(float(out["center"]["lng"]), 4))
        if (centre, int(out["zoom"])) != (ss.get("center"), ss.get("zoom")):
            ss["center"], ss["zoom"] = centre, int(out["zoom"])
    # A fragment rerun may come after a newer full run (a step of the timeline): the date is the
    # session's, not this fragment's, so the URL never goes back to an older date.
    here = viewstate.View(
        **{
            **view.__dict__,
            "as_of": ss.get("as_of", view.as_of),
            "center": ss.get("center"),
            "zoom": ss.get("zoom"),
        }
    )
    if viewstate.view_params(here) != viewstate.view_params(view):
        st.query_params.from_dict(viewstate.view_params(here))
    # Made only when opened: ``st.code`` loads the browser's syntax highlighter (1.5 MB of
    # script, a third of a second's work) before the map frame could start.
    share = st.expander("Share this view", key="share_open", on_change="rerun")
    if share.open:
        share.caption("The link reopens this date, window, filters, centre and zoom.")
        share.code(viewstate.share_url(st.context.url or "", here), language=None)
    clicked = out.get("last_object_clicked") or {}
    if clicked.get("lat") is not None and clicked != ss.get("_clicked"):
        ss["_clicked"] = clicked
        gid = evidence.place_at(shown, float(clicked["lat"]), float(clicked["lng"]))
        if gid is not None and gid != ss.get("evidence_place"):
            ss["_select_place"] = gid  # its popup's claims and the Evidence panel take it
            st.rerun(scope="fragment")
    if out.get("center") and not ss.get("_map_reported"):
        ss["_map_reported"] = True
        st.rerun()  # the whole page: the filters, the evidence and downloads come now
    if ss.get("_map_reported"):
        evidence_panel(shown)
        download_buttons(shown, areas, here)
    else:
        st.caption("The evidence for the places on the map comes here once the map is drawn.")


def timeline() -> None:
    """The timeline ("−", the date slider, "+", the window, Play), once the map has drawn (its
    first report reruns the page): their scripts (a button's, a date slider's, a select box's, a
    toggle's) are loaded one after another before the map's frame could start. Until then the
    date is written in the slider's place, as tall as the slider (the map does not move when the
    timeline comes)."""
    c_prev, c_slider, c_next, c_window, c_play = st.columns([1, 10, 1, 2, 2], vertical_alignment="bottom")
    # as tall as the slider, which shows a lower placeholder while its script loads
    c_slider = c_slider.container(height=SLIDER_HEIGHT, border=False)
    if not ss.get("_map_reported"):
        c_slider.markdown(f"Control as of **{ss['as_of'].isoformat()}**")
        return
    c_prev.button("−", on_click=step, args=(-1,), help="Back one window", key="prev")
    if lo < hi:
        c_slider.slider(
            "Control as of",
            min_value=lo,
            max_value=hi,
            key="as_of",
            format="YYYY-MM-DD",
            on_change=slider_moved,
        )
    else:
        c_slider.write(f"Control as of **{lo.isoformat()}** (the range is one day)")
    c_next.button("+", on_click=step, args=(1,), help="Forward one window", key="next")
    c_window.selectbox("Window", control.WINDOWS, key="window")
    c_play.toggle(
        "▶ Play", key="playing", on_change=start_play, help="Animate control over time, one window per frame"
    )


def evidence_panel(shown: evidence.Shown) -> None:
    st.subheader("Evidence")
    clicked = ss.pop("_select_place", None)  # a dot clicked on the map, taken once (or dropped)
    if shown.control.empty:
        st.info("No place shown on this date with these filters.")
        return
    names = evidence.place_choices(shown, clicked if clicked is not None else ss.get("evidence_place"))
    if clicked in names:
        ss["evidence_place"] = clicked
    if ss.get("evidence_place") not in names:
        ss["evidence_place"] = next(iter(names))
    gid = st.selectbox("Claims about", list(names), key="evidence_place", format_func=names.__getitem__)
    if len(names) < len(shown.place_names):
        st.caption(
            f"{len(names):,} of the {len(shown.place_names):,} places on the map are listed: those with "
            "events in the window, then those with the most claims. Click a dot for any other."
        )
    rows = evidence.evidence_rows(shown, gid)
    if rows.empty:
        st.caption("No claim about this place passes the evidence filters.")
        return
    st.html("".join(f'<div class="tm-pop">{evidence_html(r)}</div>' for r in rows.itertuples(index=False)))
    if not shown.events.empty:  # the table is made only when opened (a big grid is slow to draw)
        label = f"Events of the window ({len(shown.events):,})"
        table = st.expander(label, key="events_open", on_change="rerun")
        if table.open:
            table.dataframe(shown.events_rows, hide_index=True, width="stretch")


def download_buttons(shown: evidence.Shown, areas, view: viewstate.View) -> None:
    for column, d in zip(st.columns(3), downloads.downloads(store, shown, areas, view)):
        column.download_button(
            d.label, d.data, file_name=d.file_name, mime=d.mime, on_click="ignore", key=d.key
        )


@st.fragment
def map_tab() -> None:
    """The timeline, what the map shows, the map, its evidence and downloads: a step or a drag
    of the timeline reruns only this (the sidebar and the other tabs stay as they are)."""
    lo, hi = date_bounds()
    ss["as_of"] = control.clamp_date(ss.get("as_of") or hi, (lo, hi))
    timeline()
    view = viewstate.view_from_session(ss, span, (lo, hi))
    page_views = views(DB, version)
    shown, areas, drawn = page_views.get((view.filters, view.as_of, view.window, view.areas))
    st.markdown(
        f"**What the map shows.** {evidence.describe(shown, view.filters, view.as_of, view.window)}",
        help="Dots: who holds each place on the date. Icons: the window's events.",
    )
    map_panel(shown, drawn, view, areas)
    params = viewstate.view_params(view)
    current = {
        k: (st.query_params.get_all(k) if isinstance(v, list) else st.query_params.get(k))
        for k, v in params.items()
    }
    if current != params or set(st.query_params.keys()) != set(params):
        st.query_params.from_dict(params)
    # the dates "+", "−" and Play ask next, computed while the analyst reads this one
    # (``AHEAD_DELAY_S`` later: the thread would slow the messages of this run)
    ahead = [control.step_date(view.as_of, view.window, n, (lo, hi), ss.get("anchor_day")) for n in (1, -1)]
    page_views.warm((view.filters, d, view.window, view.areas) for d in ahead if d != view.as_of)
    if ss.get("playing") and not ss.get("_full_run"):  # Play pressed: its frames are whole runs
        st.rerun(scope="app")


# --- sidebar: role, filters and layers (made after the map: the map's frame starts loading first;
# its widgets' values are in the session already, from the URL or the visitor's last change) -----
def sidebar() -> None:
    """The role, then the filters and layers, which come once the map has drawn (its first report
    reruns the page): a first visit's map does not wait for a dozen widgets to be drawn."""
    with st.sidebar:
        role_box(role)
        if not ss.get("_map_reported"):
            st.caption("The filters come here once the map is drawn.")
            return
        st.header("Filters")
        st.caption("Filters choose what is shown; who holds a place is always worked out from all claims.")
        st.date_input("Date range", key="range", min_value=span[0], max_value=span[1])
        st.multiselect("Places held by / events by", known["actors"], key="actors", format_func=actor_label)
        st.multiselect("Status", known["statuses"], key="statuses", format_func=status_label)
        st.multiselect("Country", known["countries"], key="countries", format_func=country_name)
        st.multiselect("Evidence in language", known["languages"], key="languages", format_func=language_name)
        st.multiselect("Evidence from source", known["sources"], key="sources", format_func=plain)
        st.slider("Minimum confidence of evidence", 0.0, 1.0, step=0.05, key="conf")
        st.text_input("Find a place", key="search", on_change=search_place, placeholder="Mosul, Raqqa…")
        if ss.get("search_notice"):
            st.info(ss["search_notice"])
        st.header("Layers")
        st.toggle("Approximate control areas", key="areas")
        st.toggle("Online map tiles (needs internet)", key="tiles")


ss["_full_run"] = True  # False during a rerun of the map tab alone
with tab_map:
    map_tab()
sidebar()

with tab_add:
    app_edit.add_reports_tab(store, role, get_gazetteer)
with tab_history:
    app_edit.history_tab(store, role)
with tab_rules:
    app_edit.rules_tab(store, role)

ss["_full_run"] = False

# --- play: the next frame, at the set speed (the time the page took counts towards the delay) ---
if ss.get("playing"):
    if ss["as_of"] < hi:
        time.sleep(max(0.0, PLAY_DELAY_S - (time.monotonic() - ss.get("_frame_at", 0.0))))
        ss["_frame_at"] = time.monotonic()
        ss["_advance"] = True
        st.rerun()
