"""A name placed "in" its province ("X in the Y countryside") is read inside it (geo.parse.villages
``requalified``), and a province the gazetteer spells otherwise is found by its spelling
(geo.parse.respelt), on sentences written for this test and the real gazetteer."""

import pytest

from geo.parse.pipeline import parse_article
from geo.text.articles import make_article


def places_of(text):
    result = parse_article(make_article(text, published="2020-01-01", language="en"))
    return {p.mention: (p.place.name, p.place.country_code, p.precision) for p in result.places}


def test_a_village_in_a_named_province_is_not_read_as_its_namesake_abroad():
    # the gazetteer's only Abu Hammad is in Egypt; the report places it in Raqqa province
    found = places_of("Gunmen killed two farmers in Abu Hammad in the Raqqa countryside.")
    assert found["Abu Hammad"] == ("Ar Raqqah", "SY", "near")


@pytest.mark.parametrize(
    "words", ["in the eastern countryside of", "in rural", "in eastern", "in the province of"]
)
def test_a_village_in_a_part_of_a_named_province_is_read_inside_it(words):
    found = places_of(f"Gunmen killed two farmers in Abu Hammad {words} Raqqa.")
    assert found["Abu Hammad"] == ("Ar Raqqah", "SY", "near")


def test_a_list_of_provinces_after_in_still_qualifies_nothing():
    found = places_of("Regime forces clashed with rebels in Aleppo, Idlib and Hama.")
    assert found["Aleppo"] == ("Aleppo", "SY", "exact")


def test_a_province_spelt_otherwise_is_found_in_the_reports_country():
    found = places_of("Protesters gathered in the public square in Nabatiyeh on Monday, Lebanon.")
    assert found["Nabatiyeh"][:2] == ("Nabatiye", "LB")
