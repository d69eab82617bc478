"""The page's map is drawn once per session and updated in place (issues 13.6 and 15).

streamlit-folium keeps the map it drew while the map's script stays the same (it keys the
component by a hash of that script) and evaluates ``feature_group_to_add`` in the drawn map.
So a slider move, a filter or a search must change only the data layers and leave the base
script as it was; the data carries no quote until a place is selected (a click on its dot).
Read back from the component's arguments on a real page (AppTest, the bundled sample).
"""

from __future__ import annotations

from datetime import date

from tests.test_app import RAWA, db, layers, map_args, map_data, open_page  # noqa: F401


def test_a_slider_move_changes_the_data_layers_only(db):  # noqa: F811
    at = open_page(date="2017-06-01")
    before = map_args(at)
    at.slider(key="as_of").set_value(date(2017, 11, 20)).run()
    after = map_args(at)
    assert after["script"] == before["script"], "the base map is not redrawn"
    assert after["feature_group"] != before["feature_group"]
    assert map_data(at)["label"] == "2017-11-20" and "Control 2017-11-20" in map_data(at)["legend"]
    dots = dict((name, data) for name, data, _, _ in map_data(at)["layers"])["Control"]
    assert "x" not in dots and dots["n"] > 0, "the dots lie at their places: the base file has them"
    at.multiselect(key="actors").set_value(["iraqi_forces"]).run()
    assert map_args(at)["script"] == before["script"]


def test_a_search_moves_the_drawn_map_instead_of_drawing_another(db):  # noqa: F811
    at = open_page(date="2017-08-01")
    script = map_args(at)["script"]
    at.text_input(key="search").input("raqqa").run()
    args = map_args(at)
    assert args["script"] == script
    assert args["zoom"] == 9 and abs(args["center"][0] - 35.95) < 0.1 and abs(args["center"][1] - 39.01) < 0.1


def test_quotes_come_only_for_the_selected_place(db):  # noqa: F811
    at = open_page(date="2017-11-20")
    props = [f["properties"] for feats in layers(at) for f in feats]
    dots = [p for p in props if "w" in p and "i" not in p and "r" not in p]
    assert dots and all("e" not in p and "n" not in p for p in dots)
    from geo.store import Store

    frame = Store(db).claims_frame()
    at.selectbox(key="evidence_place").set_value(frame.loc[frame["geonameid"] == RAWA, "place"].iloc[0]).run()
    loaded = map_data(at)["popup"]
    assert loaded["g"] == RAWA and loaded["e"] and loaded["n"]
    assert len(map_args(at)["feature_group"]) < 2_000_000


def test_past_a_few_hundred_places_the_evidence_list_keeps_the_relevant_ones(db, monkeypatch):  # noqa: F811
    """At a million claims the map shows 20,000 places: the Evidence panel lists the ones with
    events in the window and the most claimed, and says so; a clicked place is always listed."""
    from geo import control
    from geo.show import evidence
    from geo.store import Store

    claims = control.prepare_claims(Store(db).claims_frame())
    shown = evidence.compute(claims, control.ClaimFilter(), date(2017, 11, 20), "month")
    assert len(shown.place_names) > 6
    assert evidence.place_choices(shown) == shown.place_names, "a short list is whole"
    picked = evidence.place_choices(shown, limit=4)
    events = set(shown.events["geonameid"].astype(int))
    assert len(picked) == 4 and list(picked.values()) == sorted(picked.values(), key=str)
    assert set(picked) <= events or events <= set(picked), "the window's events first"
    quiet = max(set(shown.place_names) - set(picked), key=lambda g: g)
    assert quiet in evidence.place_choices(shown, selected=quiet, limit=4)

    monkeypatch.setattr(evidence, "CHOICES", 3)
    at = open_page(date="2017-11-20")
    assert len(at.selectbox(key="evidence_place").options) == 3
    assert any(
        f"3 of the {len(shown.place_names)} places on the map are listed" in c.value for c in at.caption
    )
