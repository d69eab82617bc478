"""The page in a real headless Chromium (Debian's ``chromium`` driven by Playwright).

Starts ``streamlit run app.py`` on a free loopback port with its own SQLite database
(the bundled sample plus an article carrying ``<script>`` and ``<img onerror>``), then
checks what a user sees. The browser is offline except for the app: any request to
another host fails the test. Screenshots go to ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from tests.test_app import (
    AL_QAIM,
    IRAQI,
    MOSUL,
    RAQQA,
    RAWA,
    TESTABAD,
    contest_results,
    evil_result,
    report_result,
)

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("TIDEMARK_CHROMIUM", "/usr/bin/chromium"))
SHOTS = ROOT / "artifacts" / "screenshots"
TOKEN = "browser-editor-token"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install -y chromium) "
        "to run the browser tests",
    ),
    # A real browser on a shared 2-core machine: a wait can run out while another process holds
    # the CPU. A test that fails three times in a row is a failure.
    pytest.mark.flaky(reruns=2, reruns_delay=3),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_on(db: str, folder, **env):
    """``streamlit run app.py`` on ``db`` (a process group of its own, ended whole), its base URL."""
    port = free_port()
    log = open(folder / "streamlit.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.headless", "true"]
        + ["--browser.gatherUsageStats", "false"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "TIDEMARK_OPEN_EDITING"},
            "TIDEMARK_DB": db,
            "TIDEMARK_EDITOR_TOKEN": TOKEN,
            **env,
        },
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        else:
            log.seek(0)
            pytest.fail(f"streamlit did not start: {log.read()[-2000:]}")
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # its forked workers too (a gazetteer build)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from geo.store import Store
    from geo.store.sample import ensure_sample

    db = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'tidemark.sqlite'}"
    store = Store(db)
    ensure_sample(store)
    store.add(evil_result())
    for result in contest_results():
        store.add(result)
    far = report_result(
        "Iraqi forces captured Testabad from ISIS on 1 January 1500.",
        "far wire",
        [("iraqi_forces", "captured", "2017-01-01", "2017-01-01", "day")],
    )
    store.add(far)
    store.close()
    import sqlite3

    con = sqlite3.connect(db.removeprefix("sqlite:///"))
    with con:  # a date no store would accept, written by hand: the page must still stand
        con.execute(
            "UPDATE claims SET date = '3000-01-01', date_end = '3000-01-01' WHERE article_id = ?",
            (far.article.id,),
        )
    con.close()
    with streamlit_on(db, tmp_path_factory.mktemp("log")) as base:
        yield base, db


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A browser tab on the app that records script side effects and outside requests."""

    def __init__(self, browser, server, width: int = 1400, height: int = 1100):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.server = server[0]
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.page.route(re.compile(r"^(?!http://127\.0\.0\.1)(?!data:)(?!blob:)(?!about:).*"), self._block)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def _block(self, route):
        self.outside.append(route.request.url)
        route.abort()

    def open(self, query: str = "") -> "Page":
        self.page.goto(f"{self.server}/{query}")
        return self

    def map_frame(self, timeout: float = 60):
        """The map's iframe once Leaflet has drawn in it (reruns may swap the iframe: retried)."""
        end = time.time() + timeout
        while time.time() < end:
            try:
                handle = self.page.locator('iframe[src*="st_folium"]').first.element_handle(timeout=2000)
                frame = handle.content_frame() if handle else None
                if frame and frame.evaluate(
                    "!!(window.map && window.map.getCenter && document.querySelector('.leaflet-container'))"
                ):
                    return frame
            except Exception:  # noqa: BLE001 - not there yet, or being replaced by a rerun
                pass
            time.sleep(0.3)
        raise AssertionError("the map did not appear")

    def control(self, expect: dict[int, str] | None = None, timeout: float = 30) -> dict[int, str]:
        """geonameid -> controller as the map shows it (the text of each dot's tooltip, "Place:
        controller", as a hover shows it: ``tmShown``); waits for ``expect``."""
        end = time.time() + timeout
        js = """() => { const out = {}; (window.tmShown ? window.tmShown() : []).forEach(s => {
                  if (s.layer === 'Control' && s.p.w && !s.p.i && !s.p.r) {
                    const d = document.createElement('div'); d.innerHTML = s.tip;
                    out[s.p.g] = d.textContent.split(': ')[1]; } }); return out; }"""
        while True:
            try:
                got = self.map_frame().evaluate(js)
            except Exception:  # noqa: BLE001 - a rerun swapped the frame
                got = {}
            got = {int(k): v for k, v in got.items()}
            if (
                expect is None
                and got
                or expect is not None
                and all(got.get(k) == v for k, v in expect.items())
            ):
                return got
            if time.time() > end:
                return got
            time.sleep(0.5)

    def move_slider_to(self, target: str, rounds: int = 12) -> None:
        """Move the date slider with the keyboard (one day per arrow key), as a user would.

        Reruns can swallow key presses, so the thumb is re-read and the rest pressed again.
        """
        goal = date.fromisoformat(target)
        for _ in range(rounds):
            thumb = self.page.get_by_role("slider", name="Control as of")
            now = date.fromisoformat(thumb.get_attribute("aria-valuetext"))
            if now == goal:
                return
            thumb.focus()
            key = "ArrowLeft" if goal < now else "ArrowRight"
            for _ in range(abs((goal - now).days)):
                thumb.press(key)
            time.sleep(1.5)
        raise AssertionError(f"the slider did not reach {target}")

    def slider_value(self) -> str:
        slider = self.page.locator('[data-testid="stSlider"]').filter(has_text="Control as of")
        return slider.locator('[data-testid="stSliderThumbValue"]').inner_text()

    def body(self) -> str:
        return self.page.locator("body").inner_text()

    def wait_text(self, text: str, timeout: float = 60000) -> None:
        try:
            self.page.get_by_text(text).first.wait_for(timeout=timeout)
        except Exception:
            self.shot("failed-wait-" + re.sub(r"\W+", "-", text)[:40])
            raise

    def dot_at(self, gid: int) -> tuple[float, float]:
        """Where a place's dot is on the screen (page coordinates)."""
        frame = self.map_frame()
        xy = frame.evaluate(
            """(gid) => { const s = (window.tmShown ? window.tmShown() : [])
                 .find(s => s.layer === 'Control' && s.p.g === gid);
               if (!s) return null;
               const p = window.map.latLngToContainerPoint(s.ll);
               const r = window.map.getContainer().getBoundingClientRect();
               return [p.x + r.left, p.y + r.top]; }""",
            gid,
        )
        assert xy, f"no dot for {gid}"
        box = frame.frame_element().bounding_box()
        return box["x"] + xy[0], box["y"] + xy[1]

    def popup(self, gid: int, control_layer: bool = True, timeout: float = 60) -> str | None:
        """Click a place's dot (or its first event icon) and return its popup's text once its
        claims have come (a click selects the place; the page then sends its claims). The dot is
        clicked through the map's own hit (``tmClickPoint``): an event icon may cover its centre."""
        frame = self.map_frame()
        if control_layer:
            assert frame.evaluate("(gid) => window.tmClickPoint('Control', gid)", gid), f"no dot for {gid}"
        else:
            frame.evaluate(
                # fired with propagation, as a real click is
                """(gid) => { let done = false; window.map.eachLayer(l => {
                    const p = l.feature && l.feature.properties;
                    if (!done && p && p.g === gid && p.i) {
                      done = true; l.fire('click', {latlng: l.getLatLng()}, true); } });
                  return done || window.tmClickPoint('Events in window', gid); }""",
                gid,
            )
        text, end = None, time.time() + timeout
        while time.time() < end:
            text = self.map_frame().evaluate(
                "() => { const el = document.querySelector('.leaflet-popup-content'); "
                "return el ? el.textContent : null; }"
            )
            if text and "Loading the claims" not in text:
                return text
            time.sleep(0.3)
        return text

    def select_text(self, label: str) -> str:
        box = self.page.locator('[data-testid="stSelectbox"]').filter(has_text=label)
        return box.locator('[data-baseweb="select"]').inner_text()

    def pwned(self) -> list:
        return [f.evaluate("window.__pwned || null") for f in self.page.frames if not f.is_detached()]

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        time.sleep(1.0)  # let Leaflet finish its zoom animation
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_map_shows_the_seed_places_with_local_assets_only(browser, server):
    tab = Page(browser, server).open()
    shown = tab.control()
    tab.shot("01-first-visit")
    assert {MOSUL, RAQQA, AL_QAIM, RAWA} <= set(shown), shown
    frame = tab.map_frame()
    tab.page.mouse.move(*tab.dot_at(MOSUL))  # a hover names the place and who holds it
    tip = frame.locator(".leaflet-tooltip").first
    tip.wait_for(timeout=10000)
    assert tip.inner_text().startswith("Mosul: ") and shown[MOSUL] in tip.inner_text()
    assert frame.evaluate("L.version") == "1.9.3"
    assert frame.evaluate("document.querySelectorAll('.leaflet-tmpoints-pane canvas').length") >= 1
    # the base file (the names the tooltip showed) came as its gzip, unpacked by the map
    fetched = frame.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/base/'))"
    )
    assert len(fetched) == 1 and fetched[0].endswith(".json.gz"), fetched
    assert tab.outside == []


def test_slider_to_2017_08_01_then_share_the_link(browser, server):
    tab = Page(browser, server).open("?date=2017-10-01")
    tab.control()
    tab.move_slider_to("2017-08-01")
    tab.page.wait_for_function("() => location.search.includes('date=2017-08-01')", timeout=90000)
    shown = tab.control({MOSUL: IRAQI})
    tab.shot("02-slider-2017-08-01")
    assert shown.get(MOSUL) == IRAQI, shown
    assert tab.slider_value() == "2017-08-01"

    tab.map_frame().evaluate("() => { window.map.setView([36.0, 42.0], 7); }")
    tab.page.wait_for_function("() => location.search.includes('zoom=7')", timeout=30000)
    link = tab.page.url
    again = Page(browser, server).open(link.split("/", 3)[3])
    assert again.control({MOSUL: IRAQI}) == shown
    assert again.slider_value() == "2017-08-01"
    centre = again.map_frame().evaluate(
        "[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"
    )
    assert centre == pytest.approx([36.0, 42.0, 7], abs=0.01)
    again.shot("03-shared-link")
    assert tab.outside == again.outside == []


def test_script_in_an_article_runs_nowhere(browser, server):
    tab = Page(browser, server).open("?date=2017-11-03")
    assert tab.control({RAWA: IRAQI}).get(RAWA) == IRAQI
    text = tab.popup(RAWA)
    tags = tab.map_frame().evaluate(
        "() => document.querySelector('.leaflet-popup-content').querySelectorAll('script, img').length"
    )
    assert text is not None and "<script>window.__pwned" in text and "onerror=" in text and tags == 0
    tab.page.get_by_text("Claims about").first.scroll_into_view_if_needed()
    tab.shot("04-escaped-article")
    time.sleep(1)
    assert tab.pwned() and all(v is None for v in tab.pwned())
    assert tab.dialogs == []


def test_filters_show_what_an_actor_holds_and_say_so(browser, server):
    """Issue 13.1: Actor = Islamic State on 2017-10-26 shows the places IS holds, not a map
    recomputed from IS's claims alone (Mosul and Raqqa are not IS-held)."""
    everything = Page(browser, server).open("?date=2017-10-26").control()
    tab = Page(browser, server).open("?date=2017-10-26&actor=islamic_state")
    tab.wait_text("places held by Islamic State")
    shown = tab.control()
    tab.shot("05-held-by-islamic-state")
    assert shown and MOSUL not in shown and RAQQA not in shown
    assert all(everything[g] == v for g, v in shown.items()), "the filter never changes who holds a place"
    assert "always worked out from all claims" in tab.body()


def test_share_link_is_the_exact_view_with_encoded_values(browser, server):
    """Issue 13.3 and 16: the offered link carries zoom and centre, and a source named "A&B wire"
    or "#1 news" survives the round trip."""
    tab = Page(browser, server).open("?date=2017-11-20&source=A%26B+wire&source=%231+news")
    tab.control()
    tab.map_frame().evaluate("() => { window.map.setView([35.5, 43.0], 8); }")
    tab.page.wait_for_function("() => location.search.includes('zoom=8')", timeout=30000)
    tab.page.get_by_text("Share this view").click()
    code = tab.page.locator('[data-testid="stCode"]').filter(has_text="zoom=")
    code.wait_for(timeout=30000)
    link = code.inner_text().strip()
    assert "zoom=8" in link and "center=35.5000%2C43.0000" in link
    assert "source=A%26B+wire" in link and "source=%231+news" in link
    again = Page(browser, server).open(link.split("/", 3)[3])
    again.control()
    state = again.map_frame().evaluate(
        "[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"
    )
    assert state == pytest.approx([35.5, 43.0, 8], abs=0.01)
    assert "A&B wire" in again.body() and "#1 news" in again.body()
    assert not [w for w in again.page.locator('[data-testid="stAlert"]').all_inner_texts() if "Ignored" in w]


def test_a_contest_shows_both_sides_stacked_icons_spread_and_a_click_selects_the_evidence(browser, server):
    """Issue 13.5."""
    tab = Page(browser, server).open("?date=2017-11-19&window=week")
    assert tab.control({TESTABAD: "Contested"}).get(TESTABAD) == "Contested"
    assert tab.page.locator('input[aria-label="Claims about"]').get_attribute("value") != "Testabad"
    text = tab.popup(TESTABAD)  # a click on the dot: its popup loads the claims and selects the place
    assert "Islamic State" in text and IRAQI in text, text
    assert "A&B wire" in text and "#1 news" in text, "each side with its source"
    frame = tab.map_frame()
    boxes = frame.evaluate(
        """(gid) => { const out = []; window.map.eachLayer(l => { const f = l.feature;
            if (f && f.properties.g === gid && f.properties.i) {
              const r = l.getElement().getBoundingClientRect(); out.push([r.left, r.top]); } });
            return out; }""",
        TESTABAD,
    )
    assert len(boxes) == 2 and boxes[0] != boxes[1], "stacked icons spread apart"
    assert abs(boxes[0][0] - boxes[1][0]) >= 20
    tab.page.wait_for_function(
        "() => [...document.querySelectorAll('input[aria-label=\"Claims about\"]')]"
        ".some(e => e.value === 'Testabad')",
        timeout=30000,
    )
    tab.shot("06-contest-selected")


def test_legend_and_names_not_codes(browser, server):
    """Issue 13.6: the legend says what dots and icons are; people read names, not codes."""
    tab = Page(browser, server).open("?date=2017-11-19")
    tab.control()
    legend = tab.map_frame().locator(".tm-legend").inner_text()
    assert "Dots: who holds each place" in legend and "Icons: what happened in the window" in legend
    text = tab.popup(MOSUL)
    assert "Iraq" in text and "(city, IQ)" not in text and "iraqi_forces" not in text
    tab.page.get_by_text("Events of the window").first.wait_for(timeout=30000)
    assert "iraqi_forces" not in tab.body()


def test_minus_and_plus_are_inverse(browser, server):
    """Issue 13.8: 03-31 minus a month is 02-28, and plus a month from there is 03-31 again."""
    tab = Page(browser, server).open("?date=2017-03-31")
    tab.control()
    tab.page.get_by_role("button", name="−").click()
    tab.page.wait_for_function("() => location.search.includes('date=2017-02-28')", timeout=30000)
    tab.page.get_by_role("button", name="+").click()
    tab.page.wait_for_function("() => location.search.includes('date=2017-03-31')", timeout=30000)
    assert tab.slider_value() == "2017-03-31"


def test_play_steps_the_timeline_and_stops_when_switched_off(browser, server):
    """Issue 13.8: Play moves the date a window per frame (the map tab reruns alone on a step, so
    Play's frames must still come) and stops where it is when switched off."""
    tab = Page(browser, server).open("?date=2017-01-31&window=month")
    tab.control()
    tab.page.get_by_text("▶ Play").click()
    tab.page.wait_for_function("() => /date=2017-(0[3-9]|1)/.test(location.search)", timeout=90000)
    tab.page.get_by_text("▶ Play").click()
    tab.page.wait_for_timeout(2500)
    stopped = tab.slider_value()
    tab.page.wait_for_timeout(3000)
    assert tab.slider_value() == stopped and stopped > "2017-02-28"


def test_a_phone_sees_the_whole_popup_and_most_of_the_map(browser, server):
    tab = Page(browser, server, width=400, height=800).open("?date=2017-08-01")
    tab.control()
    frame = tab.map_frame()
    tab.popup(MOSUL)
    time.sleep(1.5)  # the map pans to show the popup
    box = frame.evaluate(
        """() => { const p = document.querySelector('.leaflet-popup').getBoundingClientRect();
                   const m = document.querySelector('.leaflet-container').getBoundingClientRect();
                   const g = document.querySelector('.tm-legend').getBoundingClientRect();
                   return [p.left, p.right, m.left, m.right, g.width * g.height, m.width * m.height]; }"""
    )
    tab.shot("07-phone")
    assert box[0] >= box[2] - 1 and box[1] <= box[3] + 1, "the popup fits the map's width"
    assert box[4] < box[5] / 4, "the legend leaves most of the map free"


def test_online_tiles_are_not_hidden_under_the_outlines(browser, server):
    tab = Page(browser, server).open("?date=2017-08-01&tiles=1")
    tab.control()
    filled = tab.map_frame().evaluate(
        """() => { let n = 0; window.map.eachLayer(l => { if (l.feature && l.feature.geometry.type !== 'Point'
                   && l.options.fill !== false && l.options.fillOpacity > 0) n++; }); return n; }"""
    )
    assert filled == 0


def test_a_claim_dated_3000_does_not_break_the_page(browser, server):
    """Issue 14.1: a stored date far outside the data is not drawn and breaks nothing."""
    tab = Page(browser, server).open("?date=3000-01-01")
    tab.control()
    assert "StreamlitJSNumberBoundsError" not in tab.body() and "Traceback" not in tab.body()
    thumb = tab.page.get_by_role("slider", name="Control as of")
    assert date.fromisoformat(thumb.get_attribute("aria-valuetext")) <= date(2100, 12, 31)


def _version(db: str) -> str:
    from geo.store import Store

    store = Store(db)
    try:
        return store.version()
    finally:
        store.close()


def test_a_visitor_cannot_change_anything_an_editor_can(browser, server):
    """Issue 14.2 through the real page: read-only for visitors (whatever the URL says); the
    editor token opens the form; a report without a date asks for one; the save says where
    its claims appear."""
    before = _version(server[1])
    tab = Page(browser, server).open("?add_text=x&editor_token=" + TOKEN + "&undo=1&load_sample=1")
    tab.control()
    tab.page.get_by_role("tab", name="Add reports").click()
    tab.wait_text("Enter the editor token")
    assert tab.page.get_by_label("Article text").count() == 0
    tab.page.get_by_role("tab", name="History").click()
    assert tab.page.get_by_role("button", name="Undo").count() == 0
    assert _version(server[1]) == before, "nothing a visitor does writes"

    tab.page.get_by_label("Editor token").fill(TOKEN)
    tab.page.get_by_label("Editor token").press("Enter")
    tab.wait_text("Editing as")
    tab.page.get_by_role("tab", name="Add reports").click()
    tab.page.get_by_label("Article text").fill(
        "Iraqi forces captured Rawa from Islamic State fighters yesterday, the army said."
    )
    tab.page.get_by_role("button", name="Parse").click()
    tab.wait_text("has no publication date", timeout=180000)  # the first parse loads the gazetteer
    assert tab.page.get_by_role("button", name="Save to the map").count() == 0
    for part, value in (("year", "2017"), ("month", "11"), ("day", "25")):
        spin = tab.page.get_by_role(
            "spinbutton", name=f"{part}, This report has no publication date", exact=False
        )
        spin.click()
        spin.press_sequentially(value)
    tab.page.keyboard.press("Enter")
    tab.page.get_by_role("heading", name="Add reports").click()  # the date is taken on leaving it
    tab.page.get_by_role("button", name="Save to the map").click(timeout=60000)
    tab.wait_text("They appear on the map from 2017-11-24")  # "yesterday" from the date given
    tab.shot("08-editor-saved")
    assert _version(server[1]) != before
