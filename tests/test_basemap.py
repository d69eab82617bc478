"""The offline base map's rivers, lakes and province lines, checked on the committed files."""

import json

import folium
import pytest
import shapely
from shapely.geometry import Point, shape

from geo.show import basemap

# (lat, lon) of places the sample's reports are about.
RAQQA, DEIR_EZ_ZOR, AL_QAIM, RAMADI = (35.95, 39.01), (35.33, 40.14), (34.37, 41.09), (33.42, 43.30)
MOSUL, TIKRIT, BAGHDAD = (36.34, 43.13), (34.60, 43.68), (33.31, 44.36)
LAKE_THARTHAR, LAKE_ASSAD = (33.97, 43.20), (35.95, 38.30)
IRAQ_SYRIA = (29.0, 35.0, 38.0, 49.0)


def _geoms(layer, bbox=None):
    return [shape(f["geometry"]) for f in json.loads(basemap.basemap_geojson(layer, bbox))["features"]]


def _near(geoms, lat_lon, within=0.1):
    """The geometries passing within ``within`` degrees of a point."""
    point = Point(lat_lon[1], lat_lon[0])
    return [g for g in geoms if g.distance(point) <= within]


def test_the_euphrates_runs_from_lake_assad_past_raqqa_and_al_qaim_to_ramadi():
    rivers = _geoms("rivers")
    stretches = [_near(rivers, p) for p in (RAQQA, DEIR_EZ_ZOR, AL_QAIM, RAMADI)]
    assert all(stretches), "a river passes within about 10 km of each Euphrates town"
    course = shapely.line_merge(shapely.union_all([g for s in stretches for g in s]))
    through_all = [
        g for g in shapely.get_parts(course) if all(_near([g], p) for p in (RAQQA, AL_QAIM, RAMADI))
    ]
    assert len(through_all) == 1, "the stretches join into one river course"
    lake = [g for g in _geoms("lakes", IRAQ_SYRIA) if g.contains(Point(LAKE_ASSAD[1], LAKE_ASSAD[0]))]
    ends = shapely.get_point(through_all[0], [0, -1])
    assert any(lake[0].distance(end) < 0.1 for end in ends), "the course leaves Lake Assad"


def test_the_tigris_runs_through_mosul_tikrit_and_baghdad():
    rivers = _geoms("rivers")
    through = [set(map(id, _near(rivers, p))) for p in (MOSUL, TIKRIT, BAGHDAD)]
    assert set.intersection(*through), "one river line passes all three cities"
    assert not _near(rivers, (34.0, 42.0), within=0.3), "and no river crosses the desert between"


@pytest.mark.parametrize("lake", [LAKE_THARTHAR, LAKE_ASSAD], ids=["Tharthar", "Assad"])
def test_the_regions_big_lakes_are_there(lake):
    lakes = _geoms("lakes", IRAQ_SYRIA)
    assert any(g.contains(Point(lake[1], lake[0])) for g in lakes)
    assert not any(g.contains(Point(MOSUL[1], MOSUL[0])) for g in lakes)


def test_iraqs_governorate_lines_separate_mosul_from_baghdad():
    lines = _geoms("provinces", IRAQ_SYRIA)
    path = shapely.LineString([(MOSUL[1], MOSUL[0]), (BAGHDAD[1], BAGHDAD[0])])
    assert sum(g.intersects(path) for g in lines) >= 2  # Nineveh | Salah ad-Din | Baghdad
    assert not _near(lines, MOSUL, within=0.05), "a city centre is not on a boundary"


@pytest.mark.parametrize("layer", basemap.LAYERS)
def test_every_feature_is_valid_geojson_within_the_world(layer):
    features = json.loads(basemap.basemap_geojson(layer))["features"]
    assert len(features) > 100
    geoms = [shape(f["geometry"]) for f in features]
    kinds = {"provinces": {"LineString"}, "rivers": {"LineString", "MultiLineString"}}
    assert {g.geom_type for g in geoms} <= kinds.get(layer, {"Polygon", "MultiPolygon"})
    assert all(g.is_valid and not g.is_empty for g in geoms)
    west, south, east, north = shapely.total_bounds(geoms)
    assert -180 <= west and east <= 180 and -90 <= south and north <= 90


@pytest.mark.parametrize("layer", basemap.LAYERS)
def test_files_are_small_and_a_view_gets_a_fraction(layer):
    assert all(p.stat().st_size < 1_500_000 for p in basemap.layer_files(layer))
    world, region = basemap.basemap_geojson(layer), basemap.basemap_geojson(layer, IRAQ_SYRIA)
    assert 0 < len(region) < len(world) / 10


def test_a_zoomed_out_view_gets_coarser_lines_that_still_follow_the_rivers():
    box = basemap.view_bbox(*RAQQA, zoom=5)
    coarse, fine = basemap.basemap_geojson("rivers", box, zoom=5), basemap.basemap_geojson("rivers", box)
    assert len(coarse) < 0.9 * len(fine)
    rivers = [shape(f["geometry"]) for f in json.loads(coarse)["features"]]
    assert all(_near(rivers, p) for p in (RAQQA, AL_QAIM, MOSUL, BAGHDAD))
    assert basemap.basemap_geojson("rivers", box, zoom=9) == fine, "no coarser than the files when close"


def test_a_view_gets_every_feature_that_reaches_into_it():
    region = _geoms("lakes", (33.5, 42.5, 34.5, 43.5))  # a box inside Lake Tharthar's reach
    assert any(g.contains(Point(LAKE_THARTHAR[1], LAKE_THARTHAR[0])) for g in region)
    assert basemap.snap_bbox((33.5, 42.5, 34.5, 43.5)) == (33.0, 42.0, 35.0, 44.0)
    with pytest.raises(ValueError, match="unknown base map layer"):
        basemap.basemap_geojson("roads")


def test_a_views_box_covers_it_and_shrinks_as_one_zooms_in():
    south, west, north, east = basemap.view_bbox(*MOSUL, zoom=8)
    assert south < MOSUL[0] < north and west < MOSUL[1] < east
    assert south < BAGHDAD[0] and east > BAGHDAD[1], "a pan from Mosul to Baghdad stays covered at zoom 8"
    closer = basemap.view_bbox(*MOSUL, zoom=10)
    assert closer[2] - closer[0] < (north - south) / 3 and BAGHDAD[0] < closer[0], "Baghdad is out of view"
    assert basemap.view_bbox(0, 0, zoom=1) == (-90.0, -180.0, 90.0, 180.0)


def test_add_basemap_draws_three_unclickable_layers_under_the_data():
    fmap = folium.Map(location=[35, 42], zoom_start=6, tiles=None)
    pane = basemap.ensure_pane(fmap)  # the country fill would go in it first, under the rivers
    basemap.add_basemap(fmap, IRAQ_SYRIA)
    html = fmap.get_root().render()
    assert html.count(f'createPane(\n                "{pane}")') == 1 and "zIndex = 350" in html
    assert html.count(f'"pane": "{pane}"') == 3 and html.count('"interactive": false') == 3
    assert basemap.LAYER_STYLES["lakes"]["fillColor"] in html
    assert html.index("createPane") < html.index(f'"pane": "{pane}"'), "the pane exists before its layers"
