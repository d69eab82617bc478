"""geo.control.state: control as of a date, events of a window, filters, areas, timeline arithmetic.

Frames are built from real places (GeoNames ids and coordinates) and the real
Natural Earth outlines shipped under data/naturalearth/.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from geo import control as c
from geo.show import search
from geo.show import view as viewstate
from geo.show.mapview import load_outlines

PLACES = {
    "Mosul": (99072, 36.335, 43.11889, "IQ"),
    "Raqqa": (172955, 35.95283, 39.00788, "SY"),
    "al-Qaim": (92138, 34.39251, 40.98945, "IQ"),
    "Rawa": (92004, 34.48229, 41.91898, "IQ"),
}


def claim(place, actor, status, day, end=None, precision="day", confidence=0.8, **extra):
    gid, lat, lon, cc = PLACES[place]
    row = dict(
        claim_id=extra.pop("claim_id", None),
        article_id="a1",
        place=place,
        mention=place,
        geonameid=gid,
        country_code=cc,
        lat=lat,
        lon=lon,
        kind="city",
        actor=actor,
        status=status,
        date=day,
        date_end=end,
        date_precision=precision,
        quote=f"{actor} {status} {place}",
        quote_start=0,
        quote_end=40,
        mention_start=-1,
        mention_end=-1,
        confidence=confidence,
        language="en",
        flags="",
        source="wire",
        url="",
        title="",
        published=day,
    )
    row.update(extra)
    return row


def frame(*rows):
    df = pd.DataFrame(list(rows))
    df["claim_id"] = range(1, len(df) + 1)
    return c.prepare_claims(df)


@pytest.fixture
def history():
    return frame(
        claim("Mosul", "islamic_state", "captured", "2014-06-10"),
        claim("Mosul", "iraqi_forces", "offensive", "2016-10-17"),
        claim("Mosul", "iraqi_forces", "captured", "2017-07-01", "2017-07-31", "month"),
        claim("Raqqa", "islamic_state", "held", "2014-01-14"),
        claim(
            "Raqqa", "sdf", "captured", "2017-10-16", "2017-10-22", "week", language="id", source="antaranews"
        ),
        claim("al-Qaim", "islamic_state", "held", "2017-10-25", language="id", source="antaranews"),
        claim("Rawa", "islamic_state", "held", "2017-10-25", confidence=0.3),
    )


def controllers(gdf):
    return dict(zip(gdf["place"], gdf["controller"]))


def test_controller_is_actor_of_latest_capture_or_hold(history):
    assert controllers(c.control_as_of(history, date(2015, 1, 1))) == {
        "Mosul": "islamic_state",
        "Raqqa": "islamic_state",
    }
    on = controllers(c.control_as_of(history, date(2017, 8, 1)))
    assert on["Mosul"] == "iraqi_forces" and on["Raqqa"] == "islamic_state"
    late = controllers(c.control_as_of(history, date(2017, 11, 1)))
    assert late == {
        "Mosul": "iraqi_forces",
        "Raqqa": "sdf",
        "al-Qaim": "islamic_state",
        "Rawa": "islamic_state",
    }


def test_nothing_before_first_claim(history):
    assert c.control_as_of(history, date(2010, 1, 1)).empty


def test_offensive_does_not_change_control(history):
    assert controllers(c.control_as_of(history, date(2016, 12, 1)))["Mosul"] == "islamic_state"


def test_disagreement_within_date_precision_is_contested():
    df = frame(
        claim("Mosul", "iraqi_forces", "captured", "2017-07-01", "2017-07-31", "month"),
        claim("Mosul", "islamic_state", "held", "2017-07-20"),
    )
    row = c.control_as_of(df, date(2017, 8, 1)).iloc[0]
    assert row["controller"] == c.CONTESTED and row["state"] == "contested"
    assert row["rivals"] == "iraqi_forces"


def test_disagreement_outside_precision_is_a_change_of_hands():
    df = frame(
        claim("Mosul", "islamic_state", "held", "2017-06-01"),
        claim("Mosul", "iraqi_forces", "captured", "2017-07-10"),
    )
    assert controllers(c.control_as_of(df, date(2017, 8, 1))) == {"Mosul": "iraqi_forces"}


def test_contested_status_marks_place_contested():
    df = frame(
        claim("Rawa", "islamic_state", "held", "2017-10-01"),
        claim("Rawa", "iraqi_forces", "contested", "2017-11-10"),
    )
    assert controllers(c.control_as_of(df, date(2017, 11, 15)))["Rawa"] == c.CONTESTED
    assert controllers(c.control_as_of(df, date(2017, 11, 1)))["Rawa"] == "islamic_state"


def test_withdrawal_by_controller_vacates():
    df = frame(
        claim("al-Qaim", "islamic_state", "held", "2017-10-01"),
        claim("al-Qaim", "islamic_state", "withdrawn", "2017-11-03"),
    )
    row = c.control_as_of(df, date(2017, 11, 5)).iloc[0]
    assert row["state"] == "vacated" and row["actor"] == "islamic_state"


def test_control_is_a_geodataframe_with_points(history):
    gdf = c.control_as_of(history, date(2017, 11, 1))
    mosul = gdf[gdf["place"] == "Mosul"].iloc[0]
    assert (mosul.geometry.x, mosul.geometry.y) == pytest.approx((43.11889, 36.335))
    assert gdf.crs.to_epsg() == 4326


def test_events_in_window_overlap_by_precision(history):
    ev = c.events_in_window(history, date(2017, 10, 18), "week")
    assert list(ev["place"]) == ["Raqqa"]
    # held is a state, not an event
    assert c.events_in_window(history, date(2017, 10, 25), "day").empty
    # the month-precision capture of Mosul overlaps a day window inside July
    assert list(c.events_in_window(history, date(2017, 7, 15), "day")["place"]) == ["Mosul"]


def test_filters(history):
    f = c.ClaimFilter
    assert set(c.filter_claims(history, f(actors=("sdf",)))["place"]) == {"Raqqa"}
    assert set(c.filter_claims(history, f(languages=("id",)))["place"]) == {"Raqqa", "al-Qaim"}
    assert set(c.filter_claims(history, f(sources=("antaranews",)))["place"]) == {"Raqqa", "al-Qaim"}
    assert set(c.filter_claims(history, f(countries=("SY",)))["place"]) == {"Raqqa"}
    assert "Rawa" not in set(c.filter_claims(history, f(min_confidence=0.5))["place"])
    assert set(c.filter_claims(history, f(statuses=("offensive",)))["place"]) == {"Mosul"}
    ranged = c.filter_claims(history, f(start=date(2017, 7, 20), end=date(2017, 10, 17)))
    assert sorted(ranged["place"]) == [
        "Mosul",
        "Raqqa",
    ]  # the July claim overlaps, the week claim starts inside


def test_data_span_and_steps(history):
    assert c.data_span(history) == (date(2014, 1, 14), date(2017, 10, 25))
    assert c.step_date(date(2017, 1, 31), "month", 1) == date(2017, 2, 28)
    assert c.step_date(date(2017, 1, 31), "week", -1) == date(2017, 1, 24)
    assert c.step_date(date(2017, 10, 24), "week", 1, span=c.data_span(history)) == date(2017, 10, 25)
    assert c.window_bounds(date(2017, 3, 15), "month") == (date(2017, 2, 16), date(2017, 3, 15))
    with pytest.raises(ValueError):
        c.window_bounds(date(2017, 3, 15), "year")


def test_prepare_claims_tolerates_missing_values():
    df = frame(claim("Mosul", "iraqi_forces", "captured", None, precision=None, quote=None, source=None))
    assert df["date"].isna().all() and df["quote"].iloc[0] == ""
    assert c.data_span(df) is None and c.control_as_of(df, date(2017, 1, 1)).empty


def test_find_places(history):
    found = search.find_places(history, "  mosul ")
    assert list(found["geonameid"]) == [99072]
    assert search.find_places(history, "qaim")["place"].tolist() == ["al-Qaim"]
    assert search.find_places(history, "").empty


def test_areas_are_clipped_to_country_and_distance(history):
    outlines = load_outlines()
    ctl = c.control_as_of(history, date(2017, 11, 1))
    areas = c.control_areas(ctl, outlines, max_km=60)
    assert set(areas["controller"]) == {"iraqi_forces", "sdf", "islamic_state"}
    iraq = outlines[outlines["iso_a2"] == "IQ"].geometry.iloc[0]
    is_area = areas[areas["controller"] == "islamic_state"].geometry.iloc[0]
    # al-Qaim sits on the Syrian border: its cell must stop at the Iraqi outline
    assert is_area.difference(iraq.buffer(0.02)).area < 1e-6
    mosul_area = areas[areas["controller"] == "iraqi_forces"].geometry.iloc[0]
    assert mosul_area.bounds[2] - mosul_area.bounds[0] <= 2 * 60 / 111.32 + 0.05
    # al-Qaim and Rawa (both IS) are split from each other by nothing else: one merged area
    assert int(areas.loc[areas["controller"] == "islamic_state", "n_places"].iloc[0]) == 2


SPAN = (date(2014, 1, 14), date(2017, 10, 25))


def test_view_round_trips_through_query_params():
    view = viewstate.View(
        as_of=date(2017, 8, 1),
        window="week",
        filters=c.ClaimFilter(
            start=date(2016, 1, 1), actors=("sdf", "iraqi_forces"), languages=("id",), min_confidence=0.4
        ),
        center=(36.335, 43.11889),
        zoom=8,
        areas=True,
    )
    params = viewstate.view_params(view)
    assert params["actor"] == ["sdf", "iraqi_forces"] and params["center"] == "36.3350,43.1189"
    back, notices = viewstate.parse_view(
        {k: v if isinstance(v, list) else [v] for k, v in params.items()},
        SPAN,
        {"actors": ["sdf", "iraqi_forces", "pmf"], "languages": ["id", "en"]},
    )
    assert notices == []
    assert back.filters == view.filters and back.as_of == view.as_of and back.window == "week"
    assert back.center == (36.335, 43.1189) and back.zoom == 8 and back.areas and not back.tiles
    assert viewstate.view_params(viewstate.View()) == {}


@pytest.mark.parametrize(
    "params, key",
    [
        ({"date": ["2017-02-30"]}, "date"),
        ({"date": ["<script>"]}, "date"),
        ({"window": ["year"]}, "window"),
        ({"actor": ["martians"]}, "actor"),
        ({"conf": ["1.5"]}, "conf"),
        ({"conf": ["nan?"]}, "conf"),
        ({"center": ["91,0"]}, "center"),
        ({"center": ["x"]}, "center"),
        ({"zoom": ["0"]}, "zoom"),
        ({"areas": ["yes"]}, "areas"),
    ],
)
def test_malformed_params_fall_back_with_one_notice(params, key):
    view, notices = viewstate.parse_view(params, SPAN, {"actors": ["sdf"]})
    assert len(notices) == 1 and notices[0].startswith(f"Ignored {key}=")
    assert "<" not in notices[0]  # notices are shown as Markdown: no markup from the URL
    default = viewstate.View()
    assert (view.as_of, view.window, view.filters, view.center, view.zoom, view.areas) == (
        default.as_of,
        default.window,
        default.filters,
        default.center,
        default.zoom,
        default.areas,
    )


def test_stale_dates_are_moved_inside_the_data():
    view, notices = viewstate.parse_view({"date": ["2020-01-01"], "from": ["2010-01-01"]}, SPAN)
    assert view.as_of == SPAN[1] and view.filters.start == SPAN[0] and len(notices) == 2
    view, notices = viewstate.parse_view({"from": ["2017-01-01"], "to": ["2016-01-01"]}, SPAN)
    assert view.filters.start is None and view.filters.end is None and "reset" in notices[0]
    view, notices = viewstate.parse_view({"date": ["2015-01-01"], "from": ["2016-01-01"]}, SPAN)
    assert view.as_of == date(2016, 1, 1) and "outside the chosen range" in notices[0]


def test_locate_place_falls_back_to_the_gazetteer(history):
    from geo.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    assert search.locate_place(history, "raqqa", gaz)[:2] == pytest.approx((35.95283, 39.00788))
    lat, lon, name = search.locate_place(history, "Kirkuk", gaz)
    assert abs(lat - 35.47) < 0.1 and abs(lon - 44.39) < 0.1
    assert search.locate_place(history, "Atlantis of the Seven Seas", gaz) is None


def test_month_steps_keep_the_chosen_day_so_minus_and_plus_are_inverse():
    assert c.step_date(date(2017, 3, 31), "month", -1, anchor_day=31) == date(2017, 2, 28)
    assert c.step_date(date(2017, 2, 28), "month", 1, anchor_day=31) == date(2017, 3, 31)
    assert c.step_date(date(2016, 3, 31), "month", -1) == date(2016, 2, 29)  # leap year
    assert c.step_date(date(2017, 12, 15), "month", 1) == date(2018, 1, 15)
    day = date(2016, 1, 1)
    while day < date(2018, 1, 1):  # every day of two years, both directions, with the anchor kept
        for n in (1, 2, 13):
            there = c.step_date(day, "month", n, anchor_day=day.day)
            assert c.step_date(there, "month", -n, anchor_day=day.day) == day, (day, n)
            back = c.step_date(day, "month", -n, anchor_day=day.day)
            assert c.step_date(back, "month", n, anchor_day=day.day) == day, (day, n)
        day += timedelta(days=1)


def test_implausible_dates_are_not_drawn():
    df = frame(
        claim("al-Qaim", "iraqi_forces", "captured", "1500-01-01"),
        claim("Mosul", "iraqi_forces", "captured", "3000-01-01"),
        claim("Raqqa", "sdf", "captured", "2250-05-01"),
        claim("Rawa", "iraqi_forces", "captured", "2017-11-17"),
    )
    assert df["date"].notna().sum() == 1
    assert c.data_span(df) == (date(2017, 11, 17), date(2017, 11, 17))
    assert c.clamp_range((date(1500, 1, 1), date(3000, 1, 1)), c.PLAUSIBLE) == c.PLAUSIBLE
    assert c.clamp_range(date(2017, 1, 1), c.PLAUSIBLE, (date(2017, 1, 1), date(2017, 2, 1))) == (
        date(2017, 1, 1),
        date(2017, 2, 1),
    )


def test_filters_choose_what_is_shown_never_who_holds_it(history):
    everything = c.control_as_of(history, date(2017, 11, 1))
    f = c.ClaimFilter
    by_is = c.shown_control(everything, f(actors=("islamic_state",)))
    assert set(by_is["controller"]) <= {"islamic_state", "contested"}
    assert set(by_is["place"]) < set(everything["place"])
    assert "Mosul" not in set(by_is["place"])  # Iraqi since July: not IS-held, whatever the filter
    assert set(c.shown_control(everything, f(countries=("SY",)))["place"]) == {"Raqqa"}
    held = everything.set_index("place")["controller"]
    for shown in (by_is, c.shown_control(everything, f(countries=("SY",)))):
        assert all(held[p] == ctl for p, ctl in zip(shown["place"], shown["controller"]))


def test_share_url_round_trips_every_value():
    from geo.show import view as vs

    view = vs.View(
        as_of=date(2017, 8, 1),
        window="week",
        filters=c.ClaimFilter(sources=("A&B", "#1", "x=y z"), actors=("islamic_state",), min_confidence=0.25),
        center=(36.0, 42.5),
        zoom=7,
        areas=True,
    )
    url = vs.share_url("http://host:8501?old=1#frag", view)
    assert url.startswith("http://host:8501/?") and "old=" not in url and "frag" not in url
    back, notices = vs.parse_view(vs.query_of(url), (date(2014, 1, 1), date(2019, 12, 31)))
    assert back == view and notices == []
    assert vs.share_url("https://x.org/app/", vs.View()) == "https://x.org/app/"
