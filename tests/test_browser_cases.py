"""Issue 13's numbered cases that ``test_browser.py`` does not drive, in a real headless Chromium.

Cases 2 (a report without a date asks for one; the save says what and where; the preview lists
the claims; a sidecar and a JSON Lines upload saved with one "Save all"), 4 (a correction becomes
a rule the next article uses, shown and removable in the page), 6 (a first visit says what is
coming; names, not codes; the map updated in place), 7 (the offline base map zoomed in) and the
rest of 8 (an empty database is offered the sample, not filled). The server, browser and tab
helpers are ``test_browser.py``'s (one server per module); the empty database gets a server of its
own. Offline like those: any request to another host is recorded and fails the test.
"""

from __future__ import annotations

import json
import random
import re
import time

from geo.store import Store
from geo.text.articles import article_id
from tests import test_browser
from tests.test_app import IRAQI, MOSUL
from tests.test_browser import TOKEN, Page, streamlit_on

# test_browser.py's fixtures, for this module: its seeded server (one per module) and Chromium
server, browser = test_browser.server, test_browser.browser

pytestmark = test_browser.pytestmark  # skipped without Chromium; a wait that runs out is retried


def nonce() -> str:
    """A tag that makes a pasted text new on every try (a rerun must not find it stored already)."""
    return f"(ref. {random.randrange(10**5, 10**6)})"


def sign_in(tab: Page) -> None:
    tab.page.get_by_label("Editor token").fill(TOKEN)
    tab.page.get_by_label("Editor token").press("Enter")
    tab.wait_text("Editing as")
    tab.page.get_by_role("tab", name="Add reports").click()


def give_date(tab: Page, label: str, day: str) -> None:
    """Type ``day`` (YYYY-MM-DD) into the date field named ``label``, as a user does."""
    for part, value in zip(("year", "month", "day"), day.split("-")):
        spin = tab.page.get_by_role("spinbutton", name=f"{part}, {label}", exact=False)
        spin.click()
        spin.press_sequentially(value)
    tab.page.keyboard.press("Enter")
    tab.page.get_by_role("heading", name="Add reports").click()  # the date is taken on leaving it


def parse_text(tab: Page, text: str) -> None:
    tab.page.get_by_label("Article text").fill(text)
    tab.page.get_by_role("button", name="Parse").click()


def settle(tab: Page, timeout: float = 60000) -> None:
    """Wait for the page's run to end: while it runs, the elements it has not drawn again yet
    (a dropdown of the report before) are still there, marked stale."""
    tab.page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
                 && !document.querySelector('[data-testid="stElementContainer"][data-stale="true"]')""",
        timeout=timeout,
    )


def grids(tab: Page) -> list[list[dict[str, str]]]:
    """Every table (``st.dataframe``) on the page as rows of column -> cell text (the grid is
    drawn on a canvas; its accessible table holds the same cells)."""
    return tab.page.evaluate(
        """() => [...document.querySelectorAll('table[role="grid"]')].map(t => {
             const heads = [...t.querySelectorAll('thead th')].map(h => h.textContent.trim());
             return [...t.querySelectorAll('tbody tr')].map(r => Object.fromEntries(
               [...r.querySelectorAll('td')].map((c, i) => [heads[i], c.textContent.trim()]))); })"""
    )


def wait_rows(tab: Page, has: dict[str, str], timeout: float = 60) -> list[dict[str, str]]:
    """The rows of the first table holding a row with the cells ``has`` (waited for)."""
    end = time.time() + timeout
    while True:
        for rows in grids(tab):
            if any(all(r.get(k) == v for k, v in has.items()) for r in rows):
                return rows
        if time.time() > end:
            tab.shot("cases-failed-rows")
            raise AssertionError(f"no table with a row {has}: {grids(tab)}")
        time.sleep(0.3)


def widget(tab: Page, label: str, kind: str = "stSelectbox"):
    """A dropdown (``stSelectbox`` or ``stMultiSelect``) by its label."""
    return tab.page.locator(f'[data-testid="{kind}"]').filter(
        has=tab.page.get_by_role("combobox", name=label, exact=True)
    )


def correction_box(tab: Page, name: str):
    """The dropdown that corrects the place a name means (its label: “name” (n mentions))."""
    return tab.page.locator('[data-testid="stSelectbox"]').filter(has_text=f"“{name}”")


def chosen(box) -> str:
    return box.get_by_role("combobox").input_value().strip()


def pick(tab: Page, box, option=None) -> list[str]:
    """Open the dropdown ``box`` as a user does (a click in it, or its arrow); choose ``option``
    (an option's text, or a function of the options offered giving it; without one, close it
    again); return the options it offered."""
    field, arrow = box.get_by_role("combobox"), box.locator('button[aria-haspopup="listbox"]')
    field.click()  # a multiselect opens so; a selectbox takes the focus, then opens by its arrow
    time.sleep(0.5)
    if field.get_attribute("aria-expanded") != "true":
        arrow.click()
    tab.page.wait_for_function(
        "(e) => e.getAttribute('aria-expanded') === 'true' && e.getAttribute('aria-controls')",
        arg=field.element_handle(),
        timeout=15000,
    )
    listbox = tab.page.locator(f'[id="{field.get_attribute("aria-controls")}"]')
    listbox.wait_for(timeout=15000)
    options = [o.strip() for o in listbox.get_by_role("option").all_text_contents()]
    if option is None:
        tab.page.keyboard.press("Escape")
    else:
        option = option(options) if callable(option) else option
        listbox.get_by_role("option", name=option, exact=True).click()
    return options


def _stored(db: str, **match) -> "object":
    """Claims (the store's frame) whose columns equal ``match``."""
    store = Store(db)
    try:
        claims = store.claims_frame()
    finally:
        store.close()
    for column, value in match.items():
        claims = claims[claims[column] == value]
    return claims


# --- case 6: a first visit --------------------------------------------------------------------
WATCH = """() => { const t0 = performance.now(), seen = {};
  const tick = () => {  /* what the page shows, as of each tick (one time per tick) */
    const now = performance.now() - t0, text = document.body ? document.body.innerText : '';
    for (const f of document.querySelectorAll('iframe')) try {  /* the map, then its dots */
      if (seen.map === undefined && f.contentWindow.map && f.contentWindow.map.getCenter) seen.map = now;
      if (seen.drawn === undefined && f.contentWindow.tmDrawn) seen.drawn = now; } catch (e) {}
    for (const [k, s] of [['title', 'Territorial control'], ['waiting', 'once the map is drawn'],
                          ['evidence', 'Claims about'], ['filters', 'Filters choose what is shown'],
                          ['date', 'Control as of 2017-11-19']])
      if (seen[k] === undefined && text.includes(s)) seen[k] = now;
    if (seen.slider === undefined && document.querySelector('[data-testid="stSlider"]')) seen.slider = now;
    const plus = [...document.querySelectorAll('button')].some(b => b.innerText.trim() === '+');
    if (seen.plus === undefined && plus) seen.plus = now;
    window.__seen = seen; };
  setInterval(tick, 40); }"""


def test_a_first_visit_says_what_is_coming_before_the_map_and_then_brings_it(browser, server):
    """Issue 13.6: nothing is a blank page behind a spinner: the page's title comes before the
    map, and while the map draws the page says the evidence and the filters come once it has;
    then they come. The map's first report is held until its data are drawn (here the base file
    comes 1.5 s late: the map is made long before it can draw), so the panels, the filters and
    the timeline come after the drawn map, and the date is written where the slider comes."""
    tab = Page(browser, server)
    tab.page.add_init_script(f"({WATCH})()")
    tab.page.route("**/app/static/base/**", lambda route: (time.sleep(1.5), route.continue_()))
    tab.open("?date=2017-11-19")
    tab.control()
    tab.wait_text("Claims about")
    tab.wait_text("Filters choose what is shown")
    tab.page.get_by_role("slider", name="Control as of").wait_for(timeout=30000)
    seen = tab.page.evaluate("window.__seen")
    tab.shot("cases-01-first-visit")
    expected = {"title", "waiting", "map", "drawn", "evidence", "filters", "date", "slider", "plus"}
    assert expected <= set(seen), seen
    assert seen["title"] < seen["drawn"], f"the page shows itself before the map is drawn: {seen}"
    assert seen["waiting"] < seen["drawn"], f"while the map draws, the page says what comes: {seen}"
    assert seen["date"] < seen["drawn"], f"the date is written before the slider comes: {seen}"
    assert seen["drawn"] - seen["map"] > 1000, f"the base file came late: {seen}"
    for later in ("evidence", "filters", "slider", "plus"):
        assert seen[later] >= seen["drawn"], f"{later} waits for the map to be drawn: {seen}"
    assert "once the map is drawn" not in tab.body(), "the notes go once what they announce has come"
    assert tab.outside == []


def _options(tab: Page, label: str) -> list[str]:
    """The options a sidebar multiselect offers (opened and closed again as a user would)."""
    offered = pick(tab, widget(tab, label, "stMultiSelect"))
    return [o for o in offered if o != "Select all"]


def test_filters_name_countries_languages_and_actors_not_codes(browser, server):
    """Issue 13.6: "codes instead of names (IQ, ar, iraqi_forces)": the filters a person reads."""
    tab = Page(browser, server).open("?date=2017-11-19")
    tab.control()
    tab.wait_text("Filters choose what is shown")
    countries = _options(tab, "Country")
    languages = _options(tab, "Evidence in language")
    actors = _options(tab, "Places held by / events by")
    tab.shot("cases-02-filter-names")
    assert "Iraq" in countries and "Syria" in countries, countries
    assert not [c for c in countries if re.fullmatch(r"[A-Z]{2}", c)], countries
    assert "English" in languages and not [x for x in languages if re.fullmatch(r"[a-z]{2,3}", x)], languages
    assert IRAQI in actors and "Islamic State" in actors, actors
    assert not [a for a in actors if "_" in a], actors


def test_a_step_of_the_timeline_updates_the_map_in_place(browser, server):
    """Issue 13.6: "each slider move blanks the map to grey": a step redraws the data in the map
    already drawn (the same document, the same Leaflet map, the view kept), not a new map."""
    tab = Page(browser, server).open("?date=2017-06-30&window=month")
    tab.control()
    frame = tab.map_frame()
    frame.evaluate(
        "() => { window.__same = true; window.map.__same = true; window.map.setView([36, 42], 7); }"
    )
    tab.page.wait_for_function("() => location.search.includes('zoom=7')", timeout=30000)
    before = frame.evaluate("window.tmDrawn")
    tab.page.get_by_role("button", name="+").click()
    tab.page.wait_for_function("() => !location.search.includes('date=2017-06-30')", timeout=30000)
    day = re.search(r"date=([\d-]+)", tab.page.url).group(1)
    assert "2017-07-28" <= day <= "2017-07-31", day
    frame.wait_for_function("(day) => window.tmDrawn === day", arg=day, timeout=30000)
    after = frame.evaluate(
        "() => [window.__same === true, window.map.__same === true, window.map.getZoom(),"
        " document.querySelectorAll('.leaflet-container').length]"
    )
    assert before == "2017-06-30"
    assert after == [True, True, 7, 1], "the same map, its zoom kept, with the new date's layers"
    assert tab.control({MOSUL: IRAQI}).get(MOSUL) == IRAQI, "Mosul is Iraqi from July 2017 on the new date"


# --- case 7: the offline base map, zoomed in -------------------------------------------------
BASE_DRAWN = """async () => {
  const spec = await (await fetch(window.tmBaseDrawn)).json();
  const view = window.map.getBounds(), out = {};
  const styles = Object.fromEntries(spec.layers.map(l => [l[0], l[2].style || null]));
  const same = (o, s) => s && o.color === s.color && (o.dashArray || null) === (s.dashArray || null)
                         && (o.fillColor || null) === (s.fillColor || null);
  window.map.eachLayer(l => {
    if (!l.feature || !l.getBounds || l.options.pane !== 'basemap' || !view.intersects(l.getBounds())) return;
    for (const [name, s] of Object.entries(styles)) if (same(l.options, s)) out[name] = (out[name] || 0) + 1;
  });
  return {layers: Object.keys(styles), inView: out}; }"""
PIXELS = """([colours]) => {
  const pane = window.map.getPane('basemap'), canvas = pane && pane.querySelector('canvas');
  if (!canvas) return null;
  const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data, n = {};
  for (const [name, rgb] of Object.entries(colours)) n[name] = 0;
  for (let i = 0; i < px.length; i += 4) for (const [name, rgb] of Object.entries(colours))
    if (Math.abs(px[i] - rgb[0]) + Math.abs(px[i + 1] - rgb[1]) + Math.abs(px[i + 2] - rgb[2]) < 30)
      n[name]++;
  return n; }"""
TOWN_LABELS = """() => { const m = document.querySelector('.leaflet-container').getBoundingClientRect();
  return [...document.querySelectorAll('.leaflet-tooltip.tm-town')].filter(e => {
    const r = e.getBoundingClientRect(); return getComputedStyle(e).display !== 'none'
      && r.width > 0 && r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom;
  }).map(e => e.textContent); }"""


def _hex(colour: str) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def test_zoomed_in_the_offline_base_map_has_provinces_rivers_lakes_and_towns_under_the_data(browser, server):
    """Issue 13.7: "country outlines only" when zoomed in. Around Mosul at zoom 8 the base map
    draws province lines, the Tigris, the lakes and town names, in a pane under the dots."""
    from geo.show.basemap import LAYER_STYLES

    tab = Page(browser, server).open("?date=2017-08-01")
    tab.control()
    frame = tab.map_frame()
    assert frame.evaluate(TOWN_LABELS) == [], "no town names at the first, wide view"
    frame.evaluate("() => { window.map.setView([36.34, 43.13], 8, {animate: false}); }")
    frame.wait_for_function("() => !!window.tmBaseDrawn", timeout=30000)
    tab.page.wait_for_function("() => location.search.includes('zoom=8')", timeout=30000)
    time.sleep(1.0)  # the canvas redraws after the zoom
    base = frame.evaluate(BASE_DRAWN)
    colours = {
        "rivers": _hex(LAYER_STYLES["rivers"]["color"]),
        "lakes": _hex(LAYER_STYLES["lakes"]["fillColor"]),
    }
    pixels = frame.evaluate(PIXELS, [colours])
    towns = frame.evaluate(TOWN_LABELS)
    panes = frame.evaluate(
        """(gid) => { const shown = (window.tmShown ? window.tmShown() : []).some(s => s.p.g === gid);
           const dots = shown ? window.map.getPane('tmpoints') : null;
           const z = e => Number(getComputedStyle(e).zIndex);
           const b = window.map.getPane('basemap');
           return [z(b), dots ? z(dots) : null, dots === b, getComputedStyle(b).pointerEvents]; }""",
        MOSUL,
    )
    tab.shot("cases-03-base-map-zoomed-in")
    assert {"provinces", "lakes", "rivers"} <= set(base["layers"]), base
    assert base["inView"].get("provinces", 0) >= 3, f"province lines around Mosul: {base}"
    assert base["inView"].get("rivers", 0) >= 1, f"the Tigris through Mosul: {base}"
    assert base["inView"].get("lakes", 0) >= 1, f"the Mosul Dam lake: {base}"
    # rivers are stroked in one path (map.js batches a style's lines): ~100 pixels at zoom 8
    assert pixels and pixels["rivers"] > 50 and pixels["lakes"] > 100, f"drawn, not only loaded: {pixels}"
    assert len(towns) >= 3 and all(t.strip() and not re.search(r"\d", t) for t in towns), towns
    assert panes[1] is not None and panes[0] < panes[1] and not panes[2], f"under the dots: {panes}"
    assert panes[3] == "none", "the base map never takes a click meant for a dot"
    assert tab.outside == []


# --- case 2: a save says what it stored and where; no date, no save ---------------------------
def test_a_report_without_a_date_asks_for_one_then_its_place_appears_on_the_map(browser, server):
    """Issue 13.2: "saved but never shown". The preview lists the claim (who, what, date) before
    anything is saved; without a date there is no save; with one, the message says what was
    stored and from when and where it is on the map, and the new place's dot is there."""
    source = f"case two wire {nonce()}"
    tab = Page(browser, server).open("?date=2017-11-25")
    before = tab.control()
    sign_in(tab)
    tab.page.get_by_role("textbox", name="Source", exact=True).fill(source)
    text = f"Iraqi forces captured Samarra from Islamic State fighters yesterday, the army said. {nonce()}"
    parse_text(tab, text)
    tab.wait_text("has no publication date", timeout=180000)  # a first parse loads the gazetteer
    tab.wait_text("Give a publication date to save this report.")
    assert tab.page.get_by_role("button", name="Save to the map").count() == 0, "no save without a date"
    rows = wait_rows(tab, {"who": IRAQI})
    assert [(r["who"], r["what"], r["date"]) for r in rows] == [(IRAQI, "captured", "no date")], rows
    place = rows[0]["place"].split(",")[0]

    give_date(tab, "This report has no publication date", "2017-11-25")
    rows = wait_rows(tab, {"who": IRAQI, "date": "2017-11-24"})  # "yesterday" from the date given
    assert [(r["place"].split(",")[0], r["what"]) for r in rows] == [(place, "captured")]
    assert _stored(server[1], source=source).empty, "the preview saved nothing"
    tab.shot("cases-04-preview-with-date")
    tab.page.get_by_role("button", name="Save to the map").click(timeout=60000)
    note = tab.page.locator('[data-testid="stAlert"]').filter(has_text="Saved (")
    note.first.wait_for(timeout=60000)
    text = note.first.inner_text()
    assert "1 claim(s)" in text and f"They appear on the map from 2017-11-24 at {place}" in text, text

    stored = _stored(server[1], source=source)
    assert len(stored) == 1 and str(stored["date"].iloc[0])[:10] == "2017-11-24", stored
    gid = int(stored["geonameid"].iloc[0])
    assert gid not in before, "a place the map did not show before"
    tab.page.get_by_role("tab", name="Map").click()
    shown = tab.control({gid: IRAQI})
    tab.shot("cases-05-saved-place-on-the-map")
    assert shown.get(gid) == IRAQI, f"the saved place's dot on {place}: {shown.get(gid)}"
    again = Page(browser, server).open("?date=2017-11-25")
    assert again.control({gid: IRAQI}).get(gid) == IRAQI, "and for every visitor"
    assert tab.outside == again.outside == []


def upload_files(tab: Page, label: str, files: list[tuple[str, str]]) -> None:
    chooser = tab.page.locator('[data-testid="stFileUploader"]').filter(has_text=label)
    chooser.locator('input[type="file"]').set_input_files(
        [{"name": n, "mimeType": "application/octet-stream", "buffer": b.encode()} for n, b in files]
    )
    for name, _ in files:  # each is sent to the server as it is chosen
        chooser.get_by_text(name, exact=True).wait_for(timeout=30000)


def test_an_upload_with_a_sidecar_and_a_jsonl_file_is_saved_with_one_save_all(browser, server):
    """Issue 13.2: uploads take ``.meta.json`` sidecars (date, source, link) and JSON Lines
    records; the preview shows each report's claims; one "Save all" stores them all and says
    where each appears."""
    tag = nonce()
    sidecar = {"published": "2014-06-17", "source": "Sidecar Daily", "url": "https://example.org/tal-afar"}
    records = [
        {
            "text": "Iraqi forces recaptured the town of Haditha from Islamic State fighters "
            f"on 5 October 2017, the army said. {tag}",
            "published": "2017-10-06",
            "source": "JSONL wire",
            "title": "Haditha retaken",
        },
        {
            "text": f"Syrian Democratic Forces captured Tabqa from Islamic State on 10 May 2017. {tag}",
            "published": "2017-05-11",
            "source": "Second wire",
            "title": "Tabqa falls",
        },
    ]
    tal_afar = f"Islamic State militants seized Tal Afar on 16 June 2014, residents said. {tag}"
    tab = Page(browser, server).open("?date=2017-11-25")
    tab.control()
    sign_in(tab)
    upload_files(
        tab,
        "…or files",
        [
            ("tal_afar.txt", tal_afar),
            ("tal_afar.meta.json", json.dumps(sidecar)),
            ("wires.jsonl", "\n".join(json.dumps(r) for r in records)),
        ],
    )
    tab.page.get_by_role("button", name="Parse").click()
    save_all = tab.page.get_by_role("button", name="Save all 3 reports")
    save_all.wait_for(timeout=180000)
    main = tab.page.locator('[data-testid="stMain"]').inner_text()
    assert "Sidecar Daily" in main and "published 2014-06-17" in main, "the sidecar's source and date"
    assert "Haditha retaken" in main and "published 2017-10-06" in main and "Tabqa falls" in main
    end = time.time() + 30
    while len(tables := [rows for rows in grids(tab) if rows and "who" in rows[0]]) < 3 and time.time() < end:
        time.sleep(0.3)  # each report's table is drawn in turn
    claims = sorted((r["who"], r["what"], r["date"]) for rows in tables for r in rows)
    assert claims == sorted(
        [
            ("Islamic State", "captured", "2014-06-16"),
            (IRAQI, "captured", "2017-10-05"),
            ("Syrian Democratic Forces", "captured", "2017-05-10"),
        ]
    ), claims
    tab.shot("cases-06-uploads-previewed")
    ids = {article_id(records[0]["text"]), article_id(records[1]["text"]), article_id(tal_afar)}
    save_all.click()
    tab.wait_text("Saved 3 reports.")
    notes = tab.page.locator('[data-testid="stAlert"]').all_inner_texts()
    for head, day in (
        ("Sidecar Daily", "2014-06-16"),
        ("Haditha retaken", "2017-10-05"),
        ("Tabqa falls", "2017-05-10"),
    ):
        said = [n for n in notes if n.startswith(f"{head}: Saved (new)")]
        assert said and f"appear on the map from {day}" in said[0], (head, notes)
    store = Store(server[1])
    try:
        articles = store.articles_frame()
    finally:
        store.close()
    mine = articles[articles["id"].isin(ids)].set_index("source")
    assert set(mine.index) == {"Sidecar Daily", "JSONL wire", "Second wire"}
    assert str(mine.loc["Sidecar Daily", "published"])[:10] == "2014-06-17"
    assert mine.loc["Sidecar Daily", "url"] == "https://example.org/tal-afar"
    assert tab.outside == []


# --- case 4: a correction is a rule -----------------------------------------------------------
def _choose(tab: Page, name: str, want: str) -> tuple[str, list[str]]:
    """Correct the place ``name`` means to the option containing ``want`` (or, when the
    resolver chose that already, to another one); the option chosen and those offered."""
    current = chosen(correction_box(tab, name))

    def target(options: list[str]) -> str:
        return next((o for o in options if want in o and o != current), None) or next(
            o for o in options if o != current
        )

    options = pick(tab, correction_box(tab, name), target)
    return target(options), options


def correct_and_save(tab: Page, text: str, label: str) -> tuple[str, str]:
    """Paste ``text``, correct its "Rawa" (dropdown ``label``) to Rāwah, Iraq (or, where the
    resolver chose that, to another place), give a date and save: the resolver's own reading
    and the place chosen."""
    parse_text(tab, text)
    tab.wait_text(label, timeout=180000)  # a first parse loads the gazetteer
    settle(tab)
    own = chosen(correction_box(tab, "Rawa"))
    target, offered = _choose(tab, "Rawa", "Iraq")
    assert len(offered) > 1 and own in offered, offered
    tab.page.wait_for_function(
        "(t) => [...document.querySelectorAll('input[role=\"combobox\"]')].some(e => e.value === t)",
        arg=target,
        timeout=30000,
    )
    give_date(tab, "This report has no publication date", "2017-11-18")
    tab.page.get_by_role("button", name="Save to the map").click(timeout=60000)
    tab.wait_text("correction(s)")
    return own, target


def rules_for(tab: Page, place: str) -> list[dict[str, str]]:
    """The Place rules tab's rows saying "Rawa" means ``place``."""
    tab.page.get_by_role("tab", name="Place rules").click()
    tab.wait_text("Each correction becomes a rule")
    rows = wait_rows(tab, {"mention": "Rawa", "place": place})
    return [r for r in rows if r["mention"] == "Rawa" and r["place"] == place]


def remove_rule(tab: Page, rule: str) -> None:
    box = widget(tab, "Rule to remove")
    if chosen(box) != rule:
        pick(tab, box, rule)
    tab.page.get_by_role("button", name="Remove rule").click()
    tab.page.wait_for_function(
        "(id) => ![...document.querySelectorAll('table[role=\"grid\"] tbody tr')]"
        ".some(r => r.querySelector('td') && r.querySelector('td').textContent.trim() === id)",
        arg=rule,
        timeout=30000,
    )
    tab.page.get_by_role("tab", name="Add reports").click()


def test_a_correction_becomes_a_rule_the_next_article_uses_shown_and_removable(browser, server):
    """Issue 13.4: after correcting "Rawa" to Rāwah, Iraq, the same article pasted again and the
    next article naming Rawa get Rāwah; the rule is listed in Place rules and, removed there,
    later articles get the resolver's own reading back."""
    first = f"Clashes were reported in Rawa on 17 November 2017, residents said. {nonce()}"
    later = f"Fighting was reported again in Rawa on 20 November 2017. {nonce()}"
    tab = Page(browser, server).open("?date=2017-11-25")
    tab.control()
    sign_in(tab)
    own, target = correct_and_save(tab, first, "“Rawa” (1 mention)")
    tab.shot("cases-07-corrected")

    parse_text(tab, first)  # the same article, pasted again (the saved one is no longer listed)
    tab.wait_text("“Rawa” (1 mention)")
    settle(tab)
    assert chosen(correction_box(tab, "Rawa")) == target, "the same article gets the corrected place"
    parse_text(tab, later)
    tab.wait_text("Fighting was reported again")  # this parse's report, not the one before
    settle(tab)
    assert chosen(correction_box(tab, "Rawa")) == target, "the next article naming Rawa gets it too"

    rules = rules_for(tab, target.split(" (")[0])
    tab.shot("cases-08-place-rules")
    assert len(rules) == 1, rules
    remove_rule(tab, rules[0]["rule_id"])
    parse_text(tab, later.replace("again", "once more"))
    tab.wait_text("Fighting was reported once more")
    settle(tab)
    assert chosen(correction_box(tab, "Rawa")) == own, "without the rule, the resolver's own reading again"
    assert tab.outside == []


def test_a_name_mentioned_twice_makes_one_rule_and_removing_it_undoes_the_correction(browser, server):
    """Issue 13.4, a name mentioned twice: one correction is one rule, and removing that rule in
    Place rules gives later articles the resolver's own reading again."""
    tab = Page(browser, server).open("?date=2017-11-25")
    tab.control()
    sign_in(tab)
    text = f"Fighting was reported in Rawa on 17 November 2017. Rawa was calm later. {nonce()}"
    own, target = correct_and_save(tab, text, "“Rawa” (2 mentions)")
    rules = rules_for(tab, target.split(" (")[0])
    tab.shot("cases-09-one-rule-per-correction")
    assert len(rules) == 1, f"one correction, one rule: {rules}"
    remove_rule(tab, rules[0]["rule_id"])
    later = f"Clashes were reported near Rawa on 21 November 2017. {nonce()}"
    parse_text(tab, later)
    tab.wait_text("Clashes were reported near")
    settle(tab)
    assert chosen(correction_box(tab, "Rawa")) == own, "without the rule, the resolver's own reading again"


def test_the_save_of_a_correction_says_the_corrected_place(browser, server):
    """Issue 13.2 and 13.4: "every save says what it stored and where it appears": a report
    whose Rawa was corrected to Rāwah is on the map at Rāwah, and its save says so."""
    tab = Page(browser, server).open("?date=2017-11-25")
    tab.control()
    sign_in(tab)
    text = f"Heavy clashes were reported in Rawa on 19 November 2017. {nonce()}"
    own, target = correct_and_save(tab, text, "“Rawa” (1 mention)")
    note = tab.page.locator('[data-testid="stAlert"]').filter(has_text="correction(s)").first.inner_text()
    assert f"at {target.split(' (')[0]}" in note and own.split(" (")[0] not in note, note


# --- case 8: an empty database ----------------------------------------------------------------
def _articles(db: str) -> int:
    store = Store(db)
    try:
        return store.counts()["articles"]
    finally:
        store.close()


def test_an_empty_database_is_offered_the_sample_not_filled(browser, tmp_path):
    """Issue 13.8: an empty database says so; a visitor cannot fill it and nothing fills it by
    itself; an editor is offered the sample and, on asking, gets it on the map."""
    db = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    with streamlit_on(db, tmp_path) as base:
        tab = Page(browser, (base, db)).open()
        tab.wait_text("The database holds no claims yet.")
        tab.map_frame()
        tab.wait_text("Enter the editor token")
        assert tab.page.get_by_role("button", name=re.compile("Load the bundled sample")).count() == 0
        time.sleep(2)
        assert _articles(db) == 0, "nothing is loaded by a visit"
        tab.shot("cases-10-empty-database")

        tab.page.get_by_label("Editor token").fill(TOKEN)
        tab.page.get_by_label("Editor token").press("Enter")
        offer = tab.page.get_by_role("button", name=re.compile("Load the bundled sample"))
        offer.wait_for(timeout=60000)
        assert _articles(db) == 0, "offered, not filled"
        settle(tab)  # a click during the sign-in's run would be lost with its button
        offer.click()
        shown = tab.control({MOSUL: IRAQI}, timeout=120)
        tab.shot("cases-11-sample-loaded")
        assert _articles(db) > 0 and MOSUL in shown, shown
        assert "The database holds no claims yet." not in tab.body()
        tab.page.get_by_role("tab", name="Add reports").click()
        tab.wait_text("Sample loaded:")  # what was stored, in the editors' tab
        assert tab.outside == []


def test_a_first_start_builds_the_gazetteer_with_its_progress_in_the_page(browser, tmp_path):
    """Issue 13.6: "the gazetteer's progress bar is only in the terminal". With no gazetteer
    cache yet, an editor's first parse shows the build's progress in the page (the build takes
    minutes: the test ends once the page shows it)."""
    db = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    cache = tmp_path / "cache"
    cache.mkdir()
    with streamlit_on(db, tmp_path, TIDEMARK_CACHE=str(cache)) as base:
        tab = Page(browser, (base, db)).open()
        tab.wait_text("The database holds no claims yet.")
        sign_in(tab)
        parse_text(tab, "Iraqi forces recaptured Samarra from Islamic State on 5 October 2017.")
        bar = tab.page.locator('[data-testid="stProgress"]').filter(has_text="Building the gazetteer")
        bar.first.wait_for(timeout=60000)
        tab.shot("cases-12-gazetteer-progress")
        assert "once, on the first visit" in bar.first.inner_text()
