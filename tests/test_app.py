"""The page through streamlit.testing.v1.AppTest, on a real SQLite store with real data.

Each test gets its own database file (``TIDEMARK_DB``); the page loads the bundled
sample into it when empty. What the map shows is read back from the streamlit-folium
component's arguments: the Leaflet script with its embedded GeoJSON.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import STATIC_DIR
from geo.show.labels import actor_label
from geo.show.wire import BasePlaces, unwire

IRAQI = actor_label("iraqi_forces")
ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


EVIL_TEXT = (
    'Pasukan Irak merebut Rawa <script>window.__pwned = "script"</script> pada 3 November 2017, '
    "kata militer <img src=x onerror=\"window.__pwned = 'img'\"> di Baghdad."
)


def evil_result():
    """A hand-built ParseResult whose article text carries a script and an onerror handler."""
    from geo.model import Claim, Place, ResolvedPlace
    from geo.text.articles import make_article

    article = make_article(
        EVIL_TEXT,
        published="2017-11-04",
        source="<b>evil</b> wire",
        language="id",
        title="<script>t()</script>",
        url="javascript:alert(1)",
    )
    start = article.text.index("Rawa")
    rawa = ResolvedPlace(
        start=start,
        end=start + 4,
        mention="Rawa",
        place=Place(92004, "Rawa", 34.48229, 41.91898, "IQ", "city", population=0),
        confidence=0.9,
    )
    claim = Claim(
        place=rawa,
        actor="iraqi_forces",
        status="captured",
        date=date(2017, 11, 3),
        date_precision="day",
        quote=article.text,
        quote_start=0,
        quote_end=len(article.text),
        confidence=0.9,
        language="id",
        article_id=article.id,
    )
    from geo.model import ParseResult

    return ParseResult(article=article, places=(rawa,), claims=(claim,))


TESTABAD = 9900001  # a made-up place for the contest below


def report_result(text: str, source: str, claims: list[tuple], published: str = "2017-11-20"):
    """A hand-built ParseResult about Testabad: ``claims`` are (actor, status, day, day_end, precision)."""
    from geo.model import Claim, ParseResult, Place, ResolvedPlace
    from geo.text.articles import make_article

    article = make_article(text, published=published, source=source, language="en", title=source)
    start = article.text.index("Testabad")
    place = ResolvedPlace(
        start=start,
        end=start + 8,
        mention="Testabad",
        place=Place(TESTABAD, "Testabad", 34.95, 43.45, "IQ", "city", population=0),
        confidence=0.9,
    )
    made = tuple(
        Claim(
            place=place,
            actor=actor,
            status=status,
            date=date.fromisoformat(day),
            date_end=date.fromisoformat(end),
            date_precision=precision,
            quote=article.text,
            quote_start=0,
            quote_end=len(article.text),
            confidence=0.9,
            language="en",
            article_id=article.id,
        )
        for actor, status, day, end, precision in claims
    )
    return ParseResult(article=article, places=(place,), claims=made)


def contest_results():
    """Testabad held by IS through the week of 13 November 2017 (source "A&B wire") and taken by
    Iraqi forces on the 19th (source "#1 news"), with an offensive the same day: a contest
    whose two sides come from two sources, and two events stacked on one place."""
    return [
        report_result(
            "Islamic State fighters still held Testabad this week, residents said.",
            "A&B wire",
            [("islamic_state", "held", "2017-11-13", "2017-11-19", "week")],
        ),
        report_result(
            "Iraqi forces launched an attack on Testabad and captured Testabad from ISIS on 19 November.",
            "#1 news",
            [
                ("iraqi_forces", "captured", "2017-11-19", "2017-11-19", "day"),
                ("iraqi_forces", "offensive", "2017-11-19", "2017-11-19", "day"),
            ],
        ),
    ]


@pytest.fixture
def db(page_db) -> str:
    """The page's database: a copy of the sample (``page_db``)."""
    return page_db


def open_page(drawn: bool = True, **params) -> AppTest:
    """The page as a visitor opening ``?params`` sees it; ``drawn``: once the map in the browser
    has drawn and reported (the panels under it come then; AppTest has no browser to draw it)."""
    at = AppTest.from_file(APP, default_timeout=120)
    if drawn:
        at.session_state["_map_reported"] = True
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def qp(at: AppTest, key: str) -> list[str]:
    """A query parameter of the page after its run, always as a list."""
    value = at.query_params.get(key)
    return value if isinstance(value, list) else [] if value is None else [value]


def slider_span(at: AppTest) -> tuple[date, date]:
    """The date slider's ends (AppTest reports them in microseconds since the epoch)."""
    s = at.slider(key="as_of")
    day = lambda us: datetime.fromtimestamp(us / 1e6, tz=timezone.utc).date()  # noqa: E731
    return day(s.min), day(s.max)


def map_args(at: AppTest) -> dict:
    comps = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    assert len(comps) == 1
    return json.loads(comps[0].proto.json_args)


def map_data(at: AppTest) -> dict:
    """What the map's data script sends (``tmData``: label, legend, layers, the loaded popup)."""
    found = re.search(r"tmData\(window\.map, (\{.*\})\);", map_args(at)["feature_group"] or "", flags=re.S)
    assert found, "the map's data layers are sent apart from its base map"
    return json.loads(found.group(1))


def base_file(at: AppTest) -> dict:
    """The base map's file the map script names (``tmBase``), as the browser fetches it."""
    found = re.search(r'tmBase\(map_div, "\.\./\.\./app/static/([^"]+)"', map_args(at)["script"])
    assert found, "the base map comes as a file"
    return json.loads((STATIC_DIR / found.group(1)).read_text(encoding="utf-8"))


def layers(at: AppTest) -> list[list[dict]]:
    """Every FeatureCollection the map draws, in order: the base map's (outlines, provinces,
    lakes, rivers, towns), then the data layers updated in place ([areas], control, events),
    read as the browser reads them (``wire.unwire``, the twin of ``tmUnpack``)."""
    base = base_file(at)
    places = base["places"]
    at_place = BasePlaces({g: (x, y) for g, x, y in zip(places["g"], places["x"], places["y"])})
    return [spec[1]["features"] for spec in base["layers"]] + [
        unwire(spec[1], at_place)["features"] for spec in map_data(at)["layers"]
    ]


MOSUL, RAQQA, AL_QAIM, RAWA = 99072, 172955, 92138, 92004  # GeoNames ids


def control_tips(at: AppTest) -> dict[int, str]:
    """geonameid -> controller label, from the control layer (its features carry ``g`` and a tooltip)."""
    for feats in layers(at):
        if (
            feats
            and feats[0]["geometry"]["type"] == "Point"
            and "w" in feats[0]["properties"]
            and "i" not in feats[0]["properties"]
            and "r" not in feats[0]["properties"]
        ):
            return {f["properties"]["g"]: f["properties"]["t"] for f in feats}  # named by id
    return {}


def test_first_visit_loads_sample_and_draws_its_places(db):
    at = open_page()
    tips = control_tips(at)
    assert {MOSUL, RAQQA, AL_QAIM, RAWA} <= set(tips), tips
    args = map_args(at)
    assert args["js_links"] and all(
        u.startswith("../../app/static/vendor/") for u in args["js_links"] + args["css_links"]
    )
    assert not at.warning
    assert len(at.get("download_button")) == 3  # CSV, GeoJSON, standalone map


def test_the_panels_under_the_map_wait_for_the_map_to_draw(db):
    """A first visit sends the map alone; the filters, the evidence and downloads, and the timeline
    ("−", the date slider, "+", the window, Play) follow its first report, with the view the link
    asked for."""
    at = open_page(drawn=False, date="2017-08-01", actor="iraqi_forces")
    assert MOSUL in control_tips(at)
    assert not at.get("download_button") and not [s for s in at.selectbox if s.key == "evidence_place"]
    assert not at.multiselect and any("once the map is drawn" in c.value for c in at.sidebar.caption)
    # the timeline with the panels (its date written where the slider comes)
    assert not [b for b in at.button if b.key in ("prev", "next")] and not at.slider and not at.toggle
    assert not [s for s in at.selectbox if s.key == "window"]
    assert any(m.value == "Control as of **2017-08-01**" for m in at.markdown)
    at.session_state["_map_reported"] = True  # what the map's first report sets
    at.run()
    assert at.multiselect(key="actors").value == ["iraqi_forces"] and len(at.get("download_button")) == 3
    assert at.slider(key="as_of").value == date(2017, 8, 1) and qp(at, "actor") == ["iraqi_forces"]
    assert at.selectbox(key="window").value == "month" and at.toggle(key="playing").value is False
    assert {b.key for b in at.button} >= {"prev", "next"}
    assert not any(m.value.startswith("Control as of") for m in at.markdown)


def test_slider_to_2017_08_01_shows_mosul_held_by_iraqi_forces(db):
    at = open_page()
    at.slider(key="as_of").set_value(date(2017, 8, 1)).run()
    assert control_tips(at)[MOSUL] == IRAQI
    assert qp(at, "date") == ["2017-08-01"]
    on_aug_1 = control_tips(at)
    at.slider(key="as_of").set_value(slider_span(at)[1]).run()
    later = control_tips(at)
    assert later != on_aug_1
    assert on_aug_1[AL_QAIM] == "Islamic State" and later[AL_QAIM] == IRAQI  # retaken in November 2017


def test_step_buttons_move_by_one_window(db):
    at = open_page(date="2017-08-01", window="week")
    at.button(key="prev").click().run()
    assert at.slider(key="as_of").value == date(2017, 7, 25)
    at.button(key="next").click().run()
    at.button(key="next").click().run()
    assert at.slider(key="as_of").value == date(2017, 8, 8)


def test_filters_change_the_map(db):
    at = open_page(date="2017-10-26")
    everything = control_tips(at)
    at.multiselect(key="actors").set_value(["iraqi_forces"]).run()
    only = control_tips(at)
    assert only and set(only.values()) <= {IRAQI, "Contested"} and len(only) < len(everything)
    assert all(everything[g] == v for g, v in only.items()), "a filter never changes who holds a place"
    assert qp(at, "actor") == ["iraqi_forces"]
    at.slider(key="conf").set_value(1.0).run()
    assert control_tips(at) == only, "confidence narrows the evidence, not who holds what"


def test_an_actor_filter_shows_what_that_actor_holds_not_a_recomputed_map(db):
    """Issue 13.1: with Actor = Islamic State on 2017-10-26, Mosul (Iraqi since July) and Raqqa
    (taken by the SDF) are not shown as IS-held; the page says what the map shows."""
    at = open_page(date="2017-10-26")
    everything = control_tips(at)
    assert everything[MOSUL] == IRAQI and everything[RAQQA] != "Islamic State"
    at.multiselect(key="actors").set_value(["islamic_state"]).run()
    shown = control_tips(at)
    assert MOSUL not in shown and RAQQA not in shown
    assert shown and all(everything[g] == v for g, v in shown.items())
    words = " ".join(m.value for m in at.markdown)
    assert f"{len(shown)} places held by Islamic State" in words
    assert "always worked out from all claims" in words
    for key, value in (("languages", ["id"]), ("sources", [sorted(set(stored_sources(db)))[0]])):
        at.multiselect(key=key).set_value(value).run()
        assert control_tips(at) == shown, f"the {key} filter narrows the evidence only"


def stored_sources(db: str) -> list[str]:
    from geo.store import Store

    return [s for s in Store(db).claims_frame()["source"] if s]


def test_query_params_reopen_the_same_view(db):
    at = open_page(
        date="2017-08-01", window="week", actor="iraqi_forces", conf="0.2", center="36.3350,43.1189", zoom="8"
    )
    assert at.slider(key="as_of").value == date(2017, 8, 1)
    assert at.selectbox(key="window").value == "week"
    assert at.multiselect(key="actors").value == ["iraqi_forces"]
    assert at.slider(key="conf").value == pytest.approx(0.2)
    assert "center: [36.335, 43.1189]" in map_args(at)["script"]
    assert '"zoom": 8' in map_args(at)["script"]
    assert qp(at, "center") == ["36.3350,43.1189"] and qp(at, "zoom") == ["8"]
    assert not at.warning


def test_malformed_and_stale_params_fall_back_with_a_notice(db):
    at = open_page(
        date="2017-02-30",
        window="fortnight",
        actor="martians",
        conf="lots",
        center="north",
        zoom="99",
        areas="maybe",
    )
    notices = " ".join(w.value for w in at.warning)
    for key in ("date", "window", "actor", "conf", "center", "zoom", "areas"):
        assert f"Ignored {key}=" in notices
    assert at.selectbox(key="window").value == "month"
    assert control_tips(at)  # the default view still draws
    far = open_page(date="1990-01-01")
    assert "outside the data" in far.warning[0].value
    assert far.slider(key="as_of").value == slider_span(far)[0]


def test_place_search_centres_the_map(db):
    at = open_page()
    at.text_input(key="search").input("raqqa").run()
    lat, lon = (float(x) for x in qp(at, "center")[0].split(","))
    assert abs(lat - 35.95) < 0.1 and abs(lon - 39.01) < 0.1 and qp(at, "zoom") == ["9"]
    at.text_input(key="search").input("Atlantis of the Seven Seas").run()
    assert any("No place" in i.value for i in at.info)
    at.text_input(key="search").input("Basra").run()  # in the gazetteer, not in the claims
    lat, lon = (float(x) for x in qp(at, "center")[0].split(","))
    assert abs(lat - 30.51) < 0.1 and abs(lon - 47.78) < 0.1
    assert any("no claims yet" in i.value for i in at.info)


def test_areas_layer_and_play(db):
    at = open_page(date="2017-08-01", areas="1")
    polys = [
        f
        for feats in layers(at)
        for f in feats
        if f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        and "approximate" in f["properties"].get("t", "")
    ]
    assert polys
    span_end = slider_span(at)[1]
    at.toggle(key="playing").set_value(True).run()
    assert at.slider(key="as_of").value == span_end  # played to the end of the range, then stopped
    assert at.toggle(key="playing").value is False


def test_script_in_an_article_is_shown_as_text(db):
    from geo.store import Store

    Store(db).add(evil_result())
    at = open_page(date="2017-11-03")
    from geo.show.popups import popup_html

    frame = Store(db).claims_frame()
    at.selectbox(key="evidence_place").set_value(frame.loc[frame["geonameid"] == RAWA, "place"].iloc[0]).run()
    args = map_args(at)
    for sent in (args["script"], args["feature_group"]):
        assert "<script>window" not in sent and "<img src=x" not in sent and "javascript:" not in sent
    loaded = map_data(at)["popup"]  # a click on Rawa's dot selects it and loads its claims
    assert loaded["g"] == RAWA
    popup = next(
        popup_html({**f["properties"], **loaded})
        for feats in layers(at)
        for f in feats
        if f["properties"].get("g") == RAWA and "i" not in f["properties"] and "r" not in f["properties"]
    )
    assert (
        "&lt;script&gt;window.__pwned" in popup
        and "&lt;img src=x onerror=" in popup
        and "<mark>Rawa</mark>" in popup
        and IRAQI in popup
    )
    shown = " ".join(h.proto.body for h in at.get("html"))
    assert "&lt;script&gt;" in shown and "<script>" not in shown and "<img" not in shown


NEW_REPORT = (
    "Pasukan Irak merebut kembali kota Rawa dari ISIS pada 17 November 2017, kata militer Irak. "
    "Militer menyebut Rawa sebagai kota terakhir di Irak yang dikuasai kelompok itu."
)


def test_add_a_report_from_the_page_and_correct_its_place(db):
    from geo.store import Store

    at = open_page()
    at.text_area(key="add_text").input(NEW_REPORT)
    at.text_input(key="add_source").input("tidemark test <wire>")
    at.date_input(key="add_published").set_value(date(2017, 11, 18))
    next(b for b in at.button if b.label == "Parse").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    shown = " ".join(h.proto.body for h in at.get("html"))
    assert "<mark>Rawa</mark>" in shown
    fixes = [s for s in at.selectbox if (s.key or "").startswith("fix_") and "Rawa" in s.label]
    assert len(fixes) == 1, "one choice per name, not per mention"
    fix = fixes[0]
    assert "2 mentions" in fix.label
    assert len(fix.options) > 1, "the resolver's other readings of Rawa are offered"
    chosen = int(fix.options[1].rsplit("#", 1)[1])
    fix.set_value(chosen).run()
    save = next(b for b in at.button if (b.key or "").startswith("save_"))
    save.click().run()
    assert at.success, [e.value for e in at.error]
    claims = Store(db).claims_frame()
    added = claims[claims["source"] == "tidemark test <wire>"]
    assert not added.empty
    assert set(added[added["mention"] == "Rawa"]["geonameid"]) == {chosen}, (
        "every mention of the name is corrected"
    )

    # Issue 13.4: the correction is a rule, shown in the page, used by the next report naming Rawa
    rules = next(d.value for d in at.dataframe if "rule_id" in d.value.columns)
    assert chosen in set(rules["geonameid"])
    at.text_area(key="add_text").input(NEW_REPORT.replace("17 November", "18 November") + " Rawa aman.")
    next(b for b in at.button if b.label == "Parse").click().run()
    again = next(s for s in at.selectbox if (s.key or "").startswith("fix_") and "Rawa" in s.label)
    assert again.value == chosen, "the rule picks the corrected place for a later article"

    # every write is in the History with its editor; a rule can be removed in the page
    history = next(d.value for d in at.dataframe if "change_id" in d.value.columns)
    assert "local editor" in set(history["editor"])
    rule_id = int(rules["rule_id"].iloc[0])
    at.selectbox(key="rule_id").set_value(rule_id)
    at.button(key="remove_rule").click().run()
    assert rule_id not in set(Store(db).rules_frame()["rule_id"])


def _set_claim_date(db: str, day: str) -> None:
    """Write an implausible date straight into the file, as an old or foreign writer might."""
    import sqlite3

    con = sqlite3.connect(db.removeprefix("sqlite:///"))
    with con:
        con.execute(
            "UPDATE claims SET date = ?, date_end = ? WHERE rowid = (SELECT min(rowid) FROM claims)",
            (day, day),
        )
    con.close()


@pytest.mark.parametrize("day", ["1500-01-01", "3000-01-01", "2250-06-01"])
def test_a_stored_claim_dated_far_away_cannot_break_the_page(db, day):
    _set_claim_date(db, day)
    at = open_page()
    lo, hi = slider_span(at)
    assert date(1900, 1, 1) <= lo <= hi <= date(2100, 12, 31)
    assert control_tips(at)
    at = open_page(date=day, **{"from": "1400-01-01", "to": "3100-01-01"})
    assert date(1900, 1, 1) <= at.slider(key="as_of").value <= date(2100, 12, 31)


@pytest.mark.parametrize(
    "content", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_an_unreadable_database_gets_one_message_without_paths(tmp_path, monkeypatch, content):
    path = tmp_path / "secret-server-folder" / "broken.sqlite"
    path.parent.mkdir()
    path.write_bytes(content)
    monkeypatch.setenv("TIDEMARK_DB", f"sqlite:///{path}")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "cannot be read" in at.error[0].value
    assert "secret-server-folder" not in at.error[0].value and "/" not in at.error[0].value


def test_an_unreachable_postgresql_gets_the_same_message(monkeypatch):
    monkeypatch.setenv("TIDEMARK_DB", "postgresql://nobody:pw@127.0.0.1:1/tidemark")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception and len(at.error) == 1 and "cannot be read" in at.error[0].value


def test_an_empty_database_is_offered_the_sample_not_filled(tmp_path, monkeypatch):
    from geo.store import Store

    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    monkeypatch.setenv("TIDEMARK_DB", url)
    monkeypatch.delenv("TIDEMARK_OPEN_EDITING", raising=False)
    monkeypatch.delenv("TIDEMARK_EDITOR_TOKEN", raising=False)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert any("no claims yet" in i.value for i in at.info)
    assert not [b for b in at.button if b.key == "load_sample"], "a visitor cannot load anything"
    assert Store(url).counts()["articles"] == 0, "nothing was loaded silently"


def _tab_text(at: AppTest) -> str:
    return " ".join([i.value for i in at.info] + [c.value for c in at.caption])


def test_visitors_read_only_by_default(db, monkeypatch):
    monkeypatch.delenv("TIDEMARK_OPEN_EDITING")
    at = open_page()
    assert not [t for t in at.text_area if t.key == "add_text"], "no form for a visitor"
    assert not [b for b in at.button if (b.key or "") in ("undo", "remove_rule", "load_sample")]
    assert "read-only" in _tab_text(at)


def test_editing_needs_the_editor_token_when_one_is_configured(db, monkeypatch):
    from geo.store import Store

    monkeypatch.delenv("TIDEMARK_OPEN_EDITING")
    monkeypatch.setenv("TIDEMARK_OPEN_EDITING", "1")  # a token, once configured, wins over open editing
    monkeypatch.setenv("TIDEMARK_EDITOR_TOKEN", "s3cret-token")
    at = open_page()
    assert not [t for t in at.text_area if t.key == "add_text"]
    at.text_input(key="editor_token").input("wrong").run()
    assert not [t for t in at.text_area if t.key == "add_text"] and "Wrong editor token" in _tab_text(at)
    at.text_input(key="editor_token").input("s3cret-token").run()
    at.text_input(key="editor_name").input("Ana").run()
    at.text_area(key="add_text").input(NEW_REPORT)
    at.date_input(key="add_published").set_value(date(2017, 11, 18))
    next(b for b in at.button if b.label == "Parse").click().run()
    next(b for b in at.button if (b.key or "").startswith("save_")).click().run()
    assert not at.exception and at.success, [e.value for e in at.error]
    assert "appear on the map from 2017-11-17" in at.success[0].value
    changes = getattr(Store(db), "changes", None)
    if changes is not None:
        assert "Ana" in set(changes()["editor"])


def test_a_report_without_a_date_asks_for_one_before_it_is_saved(db):
    from geo.store import Store

    before = len(Store(db).claims_frame())
    at = open_page()
    at.text_area(key="add_text").input(NEW_REPORT.replace(" pada 17 November 2017", ""))
    next(b for b in at.button if b.label == "Parse").click().run()
    assert not [b for b in at.button if (b.key or "").startswith("save_")], "no save without a date"
    assert any("publication date" in w.value for w in at.warning)
    asked = next(d for d in at.date_input if (d.key or "").startswith("date_"))
    asked.set_value(date(2017, 11, 18)).run()
    table = next(d.value for d in at.dataframe if "who" in d.value.columns)
    assert {"who", "what", "date"} <= set(table.columns) and IRAQI in set(table["who"])
    next(b for b in at.button if (b.key or "").startswith("save_")).click().run()
    assert at.success and "appear on the map" in at.success[0].value
    assert len(Store(db).claims_frame()) > before


def test_the_form_refuses_text_over_its_limit(db):
    from geo.show.editing import MAX_PASTE_CHARS, read_inputs

    articles, errors = read_inputs("x" * (MAX_PASTE_CHARS + 1), [])
    assert articles == [] and "limit" in errors[0]
