"""A name a province shares with its seat is read as the town unless the text says province
(geo.parse.seats), on sentences written for this test and the real gazetteer."""

from geo.parse.pipeline import parse_article
from geo.text.articles import make_article


def readings(text):
    result = parse_article(make_article(text, published="2020-01-01", language="en"))
    return [(p.mention, p.place.kind) for p in result.places if p.place.kind != "country"]


def test_a_bare_name_is_the_seat_town():
    # the resolver alone picks the governorate: the town is the smaller of the two
    assert readings("Teachers marched through Tataouine on Monday to ask for a new school.") == [
        ("Tataouine", "city")
    ]


def test_a_name_the_text_calls_a_province_stays_the_province():
    assert readings("Teachers went on strike across Tataouine governorate on Monday.") == [
        ("Tataouine", "admin1")
    ]
    assert readings("Teachers went on strike across the governorate of Tataouine.") == [
        ("Tataouine", "admin1")
    ]


def test_a_town_then_its_province_of_the_same_name():
    found = readings("A drone hit a warehouse in Vinnytsia, Vinnytsia, at night.")
    assert found == [("Vinnytsia", "city"), ("Vinnytsia", "admin1")]


def test_a_province_a_person_chose_for_the_name_stays_the_province():
    from geo.gazetteer import default_gazetteer

    province = next(p for p in default_gazetteer().lookup("tataouine") if p.kind == "admin1")
    text = "Teachers marched through Tataouine on Monday to ask for a new school."
    result = parse_article(
        make_article(text, published="2020-01-01", language="en"), preferred={"tataouine": province.geonameid}
    )
    assert [(p.mention, p.place.kind) for p in result.places] == [("Tataouine", "admin1")]
