"""geo.show.mapview and geo.show.assets: the map's HTML, its evidence, its safety, no CDN."""

from __future__ import annotations

import gzip
import json
import re
from datetime import date

import pandas as pd
import pytest

from geo import control as c
from geo.show import assets as oa
from geo.show import basemap, layers, points, wire
from geo.show import mapview as mv
from geo.show import popups as pp
from geo.show.labels import actor_label
from tests.test_control import claim, frame

IRAQI = actor_label("iraqi_forces")
EVIL = 'Pasukan <script>alert("x")</script> merebut Mosul <img src=x onerror=alert(2)> & "kota"'


@pytest.fixture
def df():
    return frame(
        claim(
            "Mosul",
            "iraqi_forces",
            "captured",
            "2017-07-01",
            "2017-07-31",
            "month",
            quote=EVIL,
            quote_start=100,
            mention_start=100 + EVIL.index("Mosul"),
            mention_end=100 + EVIL.index("Mosul") + 5,
            source="<b>wire</b>",
            url="javascript:alert(3)",
            title="<i>t</i>",
        ),
        claim(
            "Raqqa",
            "sdf",
            "captured",
            "2017-10-16",
            "2017-10-22",
            "week",
            url="https://example.org/a?b=1&c=2",
        ),
        claim("al-Qaim", "islamic_state", "held", "2017-10-25"),
        claim("al-Qaim", "iraqi_forces", "offensive", "2017-10-26"),
    )


def render(df, as_of=date(2017, 11, 1), **kw):
    ctl = c.control_as_of(df, as_of)
    ev = c.events_in_window(df, as_of, "month")
    m = mv.build_map(ctl, ev, c.control_areas(ctl, mv.load_outlines()), **kw)
    return m, m.get_root().render()


def layer_features(html: str, marker: str) -> list[dict]:
    """The features embedded in the page, decoded, of the collections whose text contains
    ``marker`` (base-map towns left out)."""
    out = []
    for blob in re.findall(r"L\.geoJSON\((\{.*?\}), \{", html, flags=re.S):
        data = json.loads(blob)
        if marker in blob:
            out.extend(f for f in data["features"] if "z" not in f["properties"])
    return out


def test_article_text_is_escaped_everywhere(df):
    _, html = render(df)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>wire" not in html
    popup = next(
        pp.popup_html(f["properties"])
        for f in layer_features(html, "Mosul")
        if "Mosul" in f["properties"].get("t", "")
    )
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in popup
    assert "&lt;img src=x onerror=alert(2)&gt;" in popup
    assert "<mark>Mosul</mark>" in popup
    assert "javascript:" not in popup  # unsafe link dropped
    assert "&lt;b&gt;wire&lt;/b&gt;" in popup


def test_popup_has_source_link_date_precision_and_confidence(df):
    _, html = render(df)
    raqqa = next(
        pp.popup_html(f["properties"])
        for f in layer_features(html, "Raqqa")
        if f["properties"].get("t", "").startswith("Raqqa")
    )
    assert 'href="https://example.org/a?b=1&amp;c=2"' in raqqa
    assert "week 2017-10-16 – 2017-10-22 (week)" in raqqa
    assert "confidence 0.80" in raqqa and "wire" in raqqa


def test_quotes_take_the_direction_of_their_script(df):
    """An Arabic quote reads right to left in the popup and the panel: the browser picks the
    direction from the text itself (dir="auto"), for every quote and title."""
    _, html = render(df)
    raqqa = next(
        pp.popup_html(f["properties"])
        for f in layer_features(html, "Raqqa")
        if f["properties"].get("t", "").startswith("Raqqa")
    )
    assert '<blockquote class="tm-quote" dir="auto">' in raqqa
    row = next(df.itertuples())
    assert '<blockquote class="tm-quote" dir="auto">' in pp.evidence_html(row)


def test_layers_colours_and_legend(df):
    _, html = render(df)
    control = [
        f
        for f in layer_features(html, "Held by")
        if f["geometry"]["type"] == "Point" and "i" not in f["properties"]
    ]
    assert {f["properties"]["t"].split(":")[0] for f in control} == {"Mosul", "Raqqa", "al-Qaim"}
    colours = {f["properties"]["t"].split(":")[0]: f["properties"]["c"] for f in control}
    assert colours["Mosul"] == points.actor_colour("iraqi_forces") != colours["Raqqa"]
    events = [f for f in layer_features(html, '"i":') if "i" in f["properties"]]
    assert {f["properties"]["i"] for f in events} == {
        "crosshairs",
        "flag",
    }  # al-Qaim offensive, Raqqa capture
    assert "tm-legend" in html and IRAQI in html


def test_areas_layer_is_switchable(df):
    def areas_added(html):
        var = re.search(r'"Approximate control areas" : (\w+)', html).group(1)
        return f"{var}.addTo(" in html

    assert not areas_added(render(df, show_areas=False)[1])
    assert areas_added(render(df, show_areas=True)[1])


def test_no_request_leaves_the_app(df):
    m, html = render(df)
    urls = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert urls and all(u.startswith(oa.COMPONENT_BASE) for u in urls), urls
    assert "cdn" not in html.lower() and "bootstrap" not in html.lower()
    assert "tile.openstreetmap" not in html
    _, online = render(df, tiles=True)
    assert "tile.openstreetmap.org" in online


def test_inline_page_is_self_contained(df):
    m, _ = render(df)
    page = oa.inline_assets_html(m)
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="', page)
    assert "L.geoJSON" in page and "Leaflet" in page[:300000]
    assert "data:font/woff2;base64," in page and "../webfonts" not in page


def test_ensure_static_copies_assets(tmp_path):
    vendor = oa.ensure_static(tmp_path)
    js, css = oa.asset_links("x")
    for _, url in js + css:
        assert (vendor / url[2:]).stat().st_size > 500
    assert (vendor / "fontawesome/webfonts/fa-solid-900.woff2").exists()
    assert (vendor / "leaflet/images/layers.png").exists()
    # the Font Awesome CSS finds its font where we put it
    assert "../webfonts/fa-solid-900.woff2" in (vendor / "fontawesome/css/solid.min.css").read_text()


def test_highlight_quote_cuts_long_quotes_around_the_place():
    quote = "a" * 500 + " Rawa " + "b" * 500
    out = pp.highlight_quote(quote, "Rawa", limit=100)
    assert "<mark>Rawa</mark>" in out and out.startswith("…") and out.endswith("…")
    assert len(out) < 140
    assert pp.highlight_quote("no place <here>", "Mosul") == "no place &lt;here&gt;"


def test_format_date_follows_precision():
    assert pp.format_date(pd.Timestamp("2017-07-01"), "month") == "July 2017 (month)"
    assert pp.format_date(pd.Timestamp("2017-07-14"), "day") == "2017-07-14 (day)"
    assert pp.format_date(pd.Timestamp("2017-01-01"), "year") == "2017 (year)"
    assert pp.format_date(pd.NaT, "day") == "undated"


def test_safe_json_cannot_close_a_script():
    assert "</script>" not in mv.safe_json({"a": "</script><script>x()</script>"})
    assert json.loads(mv.safe_json({"a": "</script>&"})) == {"a": "</script>&"}


def test_actor_colours_are_hex_and_distinct():
    ids = ["islamic_state", "iraqi_forces", "pmf", "peshmerga", "sdf", "syrian_government"]
    colours = [points.actor_colour(a) for a in ids]
    assert all(re.fullmatch(r"#[0-9a-fA-F]{6}", col) for col in colours)
    assert len(set(colours)) >= 4
    assert points.actor_colour("contested") == points.CONTESTED_COLOUR


def test_template_syntax_in_articles_is_not_evaluated():
    df = frame(
        claim(
            "Mosul",
            "iraqi_forces",
            "captured",
            "2017-07-10",
            quote="Mosul {{ 7 * 7 }} {% for x in range(3) %}{{ x }}{% endfor %} {# c #}",
            source="{{ config }}",
        )
    )
    _, html = render(df, as_of=date(2017, 8, 1))
    popup = next(
        pp.popup_html(f["properties"])
        for f in layer_features(html, "Mosul")
        if f["properties"].get("t", "").startswith("Mosul")
    )
    assert "{{ 7 * 7 }}" in popup and "{% for x in range(3) %}" in popup and "{{ config }}" in popup
    assert "49" not in popup


def test_busy_windows_draw_older_events_as_rings(df):
    ev = c.events_in_window(df, date(2017, 11, 1), "month")
    feats = points.event_features(ev, icons=1)
    assert len(feats) == len(ev) == 2
    assert (
        "i" in feats[0]["properties"]
        and feats[1]["properties"].get("r") == 1
        and "i" not in feats[1]["properties"]
    )


def test_base_map_towns_around_the_places_and_outlines_unfilled_under_tiles(df):
    ctl = c.control_as_of(df, date(2017, 11, 1))
    towns = layers.town_features(ctl)
    names = {f["properties"]["t"] for f in towns}
    assert "Baghdad" in names and "Aleppo" in names and "Shanghai" not in names
    assert len(towns) <= layers.TOWNS_SHOWN
    filled = json.loads(mv._outlines_json(str(mv.OUTLINES_PATH), fill=True))["features"][0]["properties"]
    lines = json.loads(mv._outlines_json(str(mv.OUTLINES_PATH), fill=False))["features"][0]["properties"]
    assert filled["f"] != "none" and lines["f"] == "none"
    html = mv.build_map(ctl, tiles=True).get_root().render()
    assert "tile.openstreetmap.org" in html and '"f":"none"' in html


def test_bidi_controls_never_reach_the_page(df):
    spoof = df.assign(title="invoice\u202egpj.exe", source="wire\u2066x\u2069")
    row = next(spoof.itertuples(index=False))
    html = pp.evidence_html(row)
    assert "\u202e" not in html and "\u2066" not in html and "invoicegpj.exe" in html


def test_a_place_known_only_near_where_it_is_drawn_gets_a_dashed_ring(df):
    near = c.prepare_claims(df.assign(place_precision=["near"] + ["exact"] * (len(df) - 1)))
    feats = points.control_features(c.control_as_of(near, date(2017, 11, 1)))
    rings = {f["properties"]["n"] for f in feats if f["properties"].get("a")}
    assert rings == {near.loc[0, "place"]}
    assert "p.a" in layers.MAP_JS and "dashArray: '3 3'" in layers.MAP_JS


def test_base_map_draws_provinces_lakes_and_rivers_over_the_outlines_and_under_the_data(df):
    _, html = render(df)
    ctl = c.control_as_of(df, date(2017, 11, 1))
    bbox, layers_drawn, detail = basemap.around_places(ctl["lat"].astype(float), ctl["lon"].astype(float))
    assert layers_drawn == basemap.LAYERS
    styles = {name: json.dumps(basemap.LAYER_STYLES[name]["color"]) for name in basemap.LAYERS}
    at = {"provinces": html.find('"dashArray": "4 3"'), "lakes": html.find('"fillColor": "#b3d1ee"')}
    at["rivers"] = html.find(f'"color": {styles["rivers"]}, "opacity"')
    assert all(i > 0 for i in at.values()), at
    # a canvas draws in order: outlines first, then provinces, lakes, rivers, then the dots
    outlines, control = html.find('"t":"Iraq"'), html.find('"Control"')
    assert 0 < outlines < at["provinces"] < at["lakes"] < at["rivers"] < control
    # what is sent is the features around the places: the Euphrates runs through the box
    rivers = json.loads(basemap.basemap_geojson("rivers", bbox, detail))["features"]
    assert any(
        bbox[1] < x < bbox[3] and bbox[0] < y < bbox[2]
        for f in rivers
        for x, y in f["geometry"]["coordinates"]
    )
    over_tiles = mv.build_map(ctl, tiles=True).get_root().render()
    assert '"dashArray": "4 3"' in over_tiles and '"fillColor": "#b3d1ee"' not in over_tiles


def test_base_map_around_places_far_apart_leaves_provinces_out():
    bbox, layers_drawn, _ = basemap.around_places([36.3, -1.3], [43.1, 36.8])  # Mosul and Nairobi
    assert "provinces" not in layers_drawn and "rivers" in layers_drawn
    assert basemap.around_places([], [])[0] is None
    far = pd.DataFrame({"lat": [36.3, -1.3], "lon": [43.1, 36.8]})
    over_tiles = [name for name, _, _ in mv.base_layers(far, tiles=True)]
    assert "provinces" not in over_tiles  # nor over tiles: the world's province lines are too many
    assert over_tiles == ["Country outlines", "Towns (GeoNames)"]  # tiles show rivers and lakes


def test_the_page_base_is_one_file_named_by_its_content(tmp_path):
    """The page's map script names its base file; the same places give the same file (a browser
    may keep it), other places another, the oldest past ``KEEP`` removed; names are escaped."""
    from geo.show import basefile

    places = pd.DataFrame({"geonameid": [99072, 1], "place": ["Mosul", "<b>x</b>"], "lat": [36.3, 35.0],
                           "lon": [43.1, 42.0]})  # fmt: skip
    script = mv.page_base(places, static_dir=tmp_path).get_root().render()
    found = re.search(r'tmBase\([^,]+, "\.\./\.\./app/static/(base/[0-9a-f]+\.json)"', script)
    assert found and "L.geoJSON(" not in script.split("tmBase(")[1].split(");")[0]
    again = mv.page_base(places, static_dir=tmp_path).get_root().render()
    assert found.group(1) in again and len(list((tmp_path / "base").glob("*.json"))) == 1
    data = json.loads((tmp_path / found.group(1)).read_text(encoding="utf-8"))
    assert [name for name, _, _ in data["layers"]][0] == "Country outlines"
    assert data["places"] == {"g": [99072, 1], "n": ["Mosul", "&lt;b&gt;x&lt;/b&gt;"], "x": [43.1, 42.0],
                              "y": [36.3, 35.0]}  # fmt: skip
    packed = tmp_path / (found.group(1) + ".gz")  # what the map fetches: the same bytes, gzipped
    assert gzip.decompress(packed.read_bytes()) == (tmp_path / found.group(1)).read_bytes()
    packed.unlink()  # a file of an earlier version, without its gzip, gets one
    mv.page_base(places, static_dir=tmp_path).get_root().render()
    assert gzip.decompress(packed.read_bytes()) == (tmp_path / found.group(1)).read_bytes()
    for i in range(basefile.KEEP + 3):
        basefile.publish(f'{{"layers":[],"places":{{"g":[{i}],"n":[""]}}}}', tmp_path)
    assert len(list((tmp_path / "base").glob("*.json"))) == basefile.KEEP
    assert {p.name for p in (tmp_path / "base").glob("*.gz")} == {
        p.name + ".gz" for p in (tmp_path / "base").glob("*.json")
    }


def test_an_app_folder_it_cannot_write_gets_the_base_in_the_script(tmp_path):
    blocked = tmp_path / "static"
    blocked.write_text("a file where the folder would be")
    places = pd.DataFrame({"geonameid": [99072], "place": ["Mosul"], "lat": [36.3], "lon": [43.1]})
    script = mv.page_base(places, static_dir=blocked).get_root().render()
    assert 'tmBase(' in script and '"places":{"g":[99072],"n":["Mosul"],"x":[43.1],"y":[36.3]}' in script


def test_points_at_their_places_go_as_positions_in_the_base_file():
    base = wire.BasePlaces({7: (40.0, 30.0), 99072: (43.1, 36.3), 1: (42.0, 35.0)})
    table = wire.PointTable([43.1, 42.0], [36.3, 35.0], {"g": [99072, 1], "t": ["a", None]})
    table.place_at(base)
    wired = table.wire()
    assert table.placed and "x" not in wired and "g" not in wired["c"] and wired["p"] == {"r": [1, 2]}
    assert wire.unwire(wired, base)["features"] == table.features()
    table.place_at(wire.BasePlaces({99072: (43.1, 36.3), 1: (42.0, 35.1)}))  # one is elsewhere
    assert not table.placed and table.wire()["x"] == [43.1, 42.0]
    assert wire.unwire(table.wire())["features"] == table.features()


def test_the_wire_sends_a_character_a_point_and_repeated_codes_once():
    """At 20,000 dots a slider move sent half a megabyte: ids, then an index list per property."""
    n = 1000
    colour = [f"#00000{i % 3}" for i in range(n)]
    props = {
        "g": list(range(1000, 1000 + n)),
        "c": colour,
        "t": [f"held by {c}" for c in colour],  # the same codes as "c": sent once
        "m": [i % 200 for i in range(n)],  # more values than characters: two a point
        "d": [True if i % 7 == 0 else None for i in range(n)],
        "k": ["one"] * n,
    }
    base = wire.BasePlaces({g: (float(g % 90), 10.0) for g in reversed(props["g"])})
    table = wire.PointTable([float(g % 90) for g in props["g"]], [10.0] * n, props)
    table.place_at(base)
    wired = table.wire()
    cols = wired["c"]
    assert len(cols["c"]["s"]) == n and set(cols["c"]["s"]) <= set(wire.CODE_CHARS)
    assert cols["t"]["as"] == "c" and "s" not in cols["t"] and len(cols["t"]["k"]) == 3
    assert cols["m"]["w"] == 2 and len(cols["m"]["s"]) == 2 * n and cols["k"] == {"k": ["one"]}
    assert wired["p"] == {"r": [0, n]}, "in the base file's order: one run"
    assert table.props["g"] == list(reversed(props["g"]))
    assert wire.unwire(wired, base)["features"] == table.features()
    events = wire.PointTable([20.0, 21.0, 20.0], [10.0] * 3, {"g": [1010, 1011, 1010]})
    events.place_at(base)
    assert events.wire()["p"] == [988, 989, 989], "two events at one place: positions, not runs"
    text = layers.safe_json(wired)
    assert "<" not in text and ">" not in text and "&" not in text
    assert len(text) < 12 * n, len(text)
