"""The page in a real headless Chromium (Debian's ``chromium`` driven by Playwright).

Starts ``streamlit run app.py`` on a free loopback port with its own SQLite database
(the bundled sample plus an article carrying ``<script>`` and ``<img onerror>``), then
checks what a user sees. The browser is offline except for the app: any request to
another host fails the test. Screenshots go to ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from tests.test_app import AL_QAIM, IRAQI, MOSUL, RAQQA, RAWA, evil_result

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("TIDEMARK_CHROMIUM", "/usr/bin/chromium"))
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install -y chromium) to run the browser tests",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from geo.store import Store
    from geo.store.sample import ensure_sample

    db = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'tidemark.sqlite'}"
    store = Store(db)
    ensure_sample(store)
    store.add(evil_result())
    port = free_port()
    log = open(tmp_path_factory.mktemp("log") / "streamlit.log", "w+")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env={**os.environ, "TIDEMARK_DB": db},
        stdout=log,
        stderr=subprocess.STDOUT,
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
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A browser tab on the app that records script side effects and outside requests."""

    def __init__(self, browser, server):
        self.page = browser.new_page(viewport={"width": 1400, "height": 1100})
        self.server = server
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
        """geonameid -> controller as the map shows it (control layer tooltips); waits for ``expect``."""
        end = time.time() + timeout
        js = """() => { const out = {}; window.map.eachLayer(l => {
                  const f = l.feature; if (f && f.geometry.type === 'Point' && f.properties.w && !f.properties.i && !f.properties.r) {
                    const d = document.createElement('div'); d.innerHTML = f.properties.t;
                    out[f.properties.g] = d.textContent.split(': ')[1]; } }); return out; }"""
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
    assert frame.evaluate("L.version") == "1.9.3"
    assert (
        frame.evaluate(
            "document.querySelectorAll('.leaflet-overlay-pane canvas, .leaflet-overlay-pane svg').length"
        )
        >= 1
    )
    assert tab.outside == []


def test_slider_to_2017_08_01_then_share_the_link(browser, server):
    tab = Page(browser, server).open("?date=2017-10-01")
    tab.control()
    tab.move_slider_to("2017-08-01")
    tab.page.wait_for_function("() => location.search.includes('date=2017-08-01')", timeout=30000)
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
    frame = tab.map_frame()
    text = frame.evaluate(
        """() => { let t = null; window.map.eachLayer(l => { const f = l.feature;
            if (f && f.properties.g === %d && f.properties.w && !f.properties.i && !f.properties.r) { l.openPopup();
              const el = l.getPopup().getElement(); t = [el.textContent, el.querySelectorAll('script, img').length]; } });
            return t; }"""
        % RAWA
    )
    assert text is not None and "<script>window.__pwned" in text[0] and "onerror=" in text[0] and text[1] == 0
    tab.page.get_by_text("Claims about").first.scroll_into_view_if_needed()
    tab.shot("04-escaped-article")
    time.sleep(1)
    assert tab.pwned() and all(v is None for v in tab.pwned())
    assert tab.dialogs == []
