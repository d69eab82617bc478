"""geo.evaluate.conflict's rules (FORMAT.md), on records written for this test."""

from geo.evaluate.conflict import (
    breakdown,
    date_matches,
    evaluate_conflict,
    format_conflict,
    miss_reason,
    names_agree,
)
from geo.gazetteer import default_gazetteer


def test_dates_match_within_a_day_or_a_week_never_a_month():
    truth = {"date": "2020-05-04", "date_alt": "2020-05-01"}
    assert date_matches({"date": "2020-05-05", "date_precision": "day"}, truth)
    assert date_matches({"date": "2020-05-01", "date_precision": "day"}, truth)  # the date the notes give
    assert not date_matches({"date": "2020-05-07", "date_precision": "day"}, truth)
    week = {"date": "2020-04-27", "date_end": "2020-05-03", "date_precision": "week"}
    assert date_matches(week, {"date": "2020-05-04"}) and not date_matches(week, {"date": "2020-05-06"})
    assert not date_matches(
        {"date": "2020-05-01", "date_end": "2020-05-31", "date_precision": "month"}, truth
    )


def test_actor_names_are_read_as_the_parser_reads_them():
    gaz = default_gazetteer()
    assert names_agree("somali_government", "Military Forces of Somalia (2012-)", gaz)
    assert names_agree("lna", "Military Forces of Libya (2014-) Haftar Faction", gaz)
    assert names_agree("al_shabaab", "Al Shabaab", gaz)
    assert not names_agree("al_shabaab", "Military Forces of Somalia (2012-)", gaz)


def test_an_actor_name_is_read_by_its_unit_body_and_acronym():
    """ACLED's "Forces of X (years) Unit": the unit decides where the table knows it; else the
    body or the unit may agree; "ACR: Long Name" agrees by either; "Unidentified ..." with sides
    the text leaves unnamed."""
    gaz = default_gazetteer()
    council = "Military Forces of Yemen (2016-) Supreme Political Council"
    assert names_agree("houthis", council, gaz) and not names_agree("yemeni_government", council, gaz)
    assert names_agree("forces_of_brazil", "Military Forces of Brazil (2019-) Military Police", gaz)
    assert names_agree("zz_brigade", "Military Forces of Yemen (2012-) ZZ Brigade", gaz)
    assert names_agree("ms_13_members", "MS-13: Mara Salvatrucha", gaz)
    assert not names_agree("ms_13_members", "MS-14: Mara Other", gaz)
    assert names_agree("unnamed_sides", "Unidentified Clan Militia (Somalia)", gaz)
    assert not names_agree("unnamed_sides", "Al Shabaab", gaz)


def test_names_spelt_two_ways_agree_but_a_people_is_not_its_country():
    from geo.parse.actors import register_actor

    gaz = default_gazetteer()
    register_actor("jajele_militia", "Jajele militia")
    assert names_agree("jajele_militia", "Jejele Clan Militia (Somalia)", gaz)
    assert not names_agree("jajele_militia", "Gaaljecel Clan Militia (Somalia)", gaz)
    register_actor("libyan_brigade", "Libyan brigade")
    assert not names_agree("libyan_brigade", "Libya Clan Militia (Libya)", gaz)


def test_the_other_side_the_table_knows_is_a_right_actor():
    from geo.evaluate.conflict import _actor_right

    truth = {"actor": None, "actor_raw": "NAF: United Armed Forces of Novorossiya"}
    truth["actor_alt"] = "ukrainian_forces"
    assert _actor_right({"actor": "ukrainian_forces"}, truth) == ("actor_other", True)
    assert _actor_right({"actor": "russian_forces"}, truth) == ("actor_other", False)


def test_a_document_is_scored_on_places_claims_and_negatives():
    doc = {
        "id": "t1",
        "source_set": "acled",
        "language": "en",
        "published": "2020-05-04",
        "text": "On 4 May 2020, Russian forces clashed with Ukrainian forces near Avdiivka.",
        "truth": {
            "places": [
                {"name": "Avdiivka", "lat": 48.14, "lon": 37.74, "precision": 1, "named_in_text": True}
            ],
            "claims": [
                {
                    "status": "contested",
                    "actor": "russian_forces",
                    "actor_alt": "ukrainian_forces",
                    "actor_raw": "Military Forces of Russia (2000-)",
                    "place": "Avdiivka",
                    "lat": 48.14,
                    "lon": 37.74,
                    "date": "2020-05-04",
                    "date_alt": None,
                    "sub_event_type": "Armed clash",
                }
            ],
        },
        "meta": {"country": "Ukraine", "in_scope_country": True, "sub_event_types": ["Armed clash"]},
    }
    report = evaluate_conflict([doc], per_document=True)
    m = report["measures"]
    assert m["places_25km"]["all"] == {"rate": 1.0, "hits": 1, "n": 1}
    assert m["claims"]["status:contested"]["hits"] == 1 and m["actor_table"]["all"]["rate"] == 1.0
    assert m["negatives_with_capture"]["all"] == {"rate": 0.0, "hits": 0, "n": 1}
    assert report["per_document"][0]["recalled"] == 1
    assert "claims" in format_conflict(report) and "(1/1)" in format_conflict(report)


def test_a_missed_claim_is_told_why():
    truth = {"status": "captured", "lat": 48.14, "lon": 37.74, "date": "2020-05-04", "date_alt": None}
    here = {"lat": 48.15, "lon": 37.75}
    far = {"lat": 50.45, "lon": 30.52}  # Kyiv, 600 km away
    on_day = {"date": "2020-05-04", "date_precision": "day"}
    assert miss_reason(truth, [here], []) == "no_claim"
    assert miss_reason(truth, [here], [{**here, **on_day, "status": "contested"}]) == "wrong_status"
    assert (
        miss_reason(truth, [here], [{**here, "date": "2020-04-20", "date_precision": "day"}]) == "wrong_date"
    )
    assert miss_reason(truth, [far], [{**far, **on_day, "status": "captured"}]) == "no_place"
    assert miss_reason(truth, [here, far], [{**far, **on_day, "status": "captured"}]) == "elsewhere"


def test_the_breakdown_counts_recalled_and_missed_claims_per_status():
    text = "On 4 May 2020, Russian forces captured Avdiivka. On 4 May 2020, clashes near Zzyqatovka."
    claim = {"status": "captured", "lat": 48.14, "lon": 37.74, "date": "2020-05-04", "place": "Avdiivka"}
    missed = {"status": "contested", "lat": 47.0, "lon": 35.0, "date": "2020-05-04", "place": "Zzyqatovka"}
    doc = {
        "id": "t2",
        "language": "en",
        "published": "2020-05-04",
        "text": text,
        "truth": {"places": [{"name": "Zzyqatovka", "named_in_text": True}], "claims": [claim, missed]},
    }
    got = breakdown([doc])
    assert got["captured"] == {"recalled": 1}
    assert got["contested"] == {"no_place:place_named": 1}  # a village the gazetteer lacks, named


def test_a_capture_in_a_country_the_reports_places_neither_lie_in_nor_border_counts_abroad():
    def doc(lat, lon):
        return {
            "id": "t2",
            "language": "en",
            "published": "2020-05-04",
            "text": "On 4 May 2020, Russian forces captured Avdiivka.",
            "truth": {"places": [{"name": "X", "lat": lat, "lon": lon, "precision": 1}], "claims": []},
            "meta": {"country": "?", "sub_event_types": []},
        }

    home = evaluate_conflict([doc(48.14, 37.74)])["measures"]["captures_abroad"]["all"]
    assert home == {"rate": 0.0, "hits": 0, "n": 1}
    border = evaluate_conflict([doc(47.24, 39.71)])["measures"]["captures_abroad"]["all"]  # Rostov, Russia
    assert border["hits"] == 0
    far = evaluate_conflict([doc(-23.55, -46.63)])["measures"]["captures_abroad"]["all"]  # São Paulo
    assert far == {"rate": 1.0, "hits": 1, "n": 1}
