"""A small town read abroad in a report about another country is read at home where it can be
(geo.parse.abroad), on sentences written for this test and the real gazetteer."""

from geo.parse.pipeline import geoparse_text, parse_article
from geo.text.articles import make_article

TEXT = "Regime forces and former rebels fought near Tafas in Dar'a on Saturday."


def places_of(text):
    result = parse_article(make_article(text, published="2020-01-01", language="en"))
    return {p.mention: (p.place.name, p.place.country_code) for p in result.places}


def test_a_hamlet_abroad_gives_way_to_its_namesake_near_the_reports_other_places():
    # the resolver alone reads "Dar" as a hamlet in Turkey, 500 km from Tafas
    assert next(p.place.country_code for p in geoparse_text(TEXT, "en") if p.mention == "Dar") == "TR"
    assert places_of(TEXT)["Dar"] == ("Dar‘ā", "SY")


def test_a_town_in_a_country_the_report_names_stays():
    found = places_of("Egyptian police arrested students in Mansoura and Tanta.")
    assert found["Mansoura"][1] == "EG"
