"""Recognition and resolution on real sentences, with the real gazetteer."""

from pathlib import Path

import pytest

from geo.evaluate.geoparse import haversine_km
from geo.gazetteer import default_gazetteer
from geo.parse.pipeline import geoparse_text
from geo.parse.toponyms import find_mentions
from geo.text.articles import read_text_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "antaranews-iraq-alqaim-rawa.txt"


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.fixture(scope="module")
def seed_places(gaz):
    article = read_text_file(SEED, published="2017-10-26")
    return article.text, geoparse_text(article.text, article.language, gaz)


def near(place, lat, lon, km=25.0):
    return haversine_km(place.lat, place.lon, lat, lon) <= km


def test_seed_places_resolve_within_25_km(seed_places):
    _, places = seed_places
    by_mention = {}
    for p in places:
        by_mention.setdefault(p.mention, p)
    assert near(by_mention["al-Qaim"].place, 34.39251, 40.98945)
    assert near(by_mention["Rawa"].place, 34.48229, 41.91898)
    assert near(by_mention["Mosul"].place, 36.335, 43.11889)
    assert near(by_mention["Raqqa"].place, 35.95283, 39.00788)
    assert near(by_mention["Baghdad"].place, 33.34058, 44.40088)
    assert by_mention["Irak"].place.kind == "country" and by_mention["Irak"].place.country_code == "IQ"
    assert by_mention["Suriah"].place.kind == "country" and by_mention["Suriah"].place.country_code == "SY"


def test_seed_false_friends_are_not_places(seed_places):
    text, places = seed_places
    spans = [(p.start, p.end) for p in places]
    for word in (
        "Rabu",
        "Juli",
        "Tuhan",
        "Reuters",
        "Kurdi",
        "Syiah",
        "Daesh",
        "Abu Bakr",
        "al-Baghdadi",
        "Khilafah",
    ):
        at = text.find(word)
        assert at >= 0, word
        hit = [p.mention for p in places if p.start < at + len(word) and at < p.end]
        assert not hit, f"{word!r} recognised as {hit}"
    assert spans == sorted(spans)


def test_adjectival_country_is_marked(seed_places):
    _, places = seed_places
    # "pasukan Irak" (Iraqi forces): Iraq used as an adjective.
    irak = [p for p in places if p.mention == "Irak"]
    assert any(p.demonym for p in irak)


def test_longest_match_wins(gaz):
    text = "Fighting continued in Deir ez-Zor and Tal Afar on Monday."
    mentions = find_mentions(text, gaz, language="en")
    assert [m.text for m in mentions] == ["Deir ez-Zor", "Tal Afar"]


def test_demonyms_are_recognised_and_marked(gaz):
    text = "Iraqi troops and Syrian rebels met near the border."
    mentions = find_mentions(text, gaz, language="en")
    marked = {m.text: m.demonym for m in mentions}
    assert marked.get("Iraqi") is True
    assert marked.get("Syrian") is True
    assert {m.candidates[0].country_code for m in mentions} == {"IQ", "SY"}


def test_lower_case_common_noun_is_not_a_place(gaz):
    text = "Petani menanam padi di rawa dekat desa itu."
    assert not [m for m in find_mentions(text, gaz, language="id") if m.text.lower() == "rawa"]


def test_person_names_are_not_places(gaz):
    text = "Chiquita Raquel Henry, 19, was arrested. Detectives later led to Henry."
    assert not [m for m in find_mentions(text, gaz, language="en") if m.text == "Henry"]


@pytest.mark.parametrize(
    "text, person, place",
    [
        # given names that also name hamlets ("Adam", "Anthony", "George") still start a person's name
        (
            "“We see that on the streets,” said Salvation Army Captain Adam Moore in Atlanta.",
            "Moore",
            "Atlanta",
        ),
        (
            "A jury found Steven Anthony Eberhart competent. Eberhart was held in Raleigh.",
            "Eberhart",
            "Raleigh",
        ),
        (
            "“It took years,” said Ben Paul, chairman of the centre committee in Charleston.",
            "Paul",
            "Charleston",
        ),
        # a given name that also names a big city abroad ("Mary", Turkmenistan): a person here
        ("Mary Wheeler, a teacher, spoke at the school board in Charleston.", "Mary", "Charleston"),
        # a headline names the mayor before the story gives his full name
        (
            "Harding reminds audience not to fear\n\nMayor Michael Harding spoke in Woodstock on Monday.",
            "Harding",
            "Woodstock",
        ),
    ],
)
def test_people_named_like_hamlets_are_not_places(gaz, text, person, place):
    found = {m.text for m in find_mentions(text, gaz, language="en")}
    assert person not in found and place in found, found


def test_a_big_place_after_a_given_name_stays_a_place(gaz):
    found = {m.text for m in find_mentions("Officials met Mary in Paris on Monday.", gaz, language="en")}
    assert "Paris" in found
    # a given name before a capitalised word is a place when the text names its country
    found = {
        m.text
        for m in find_mentions("Tourists crowded Sydney Harbour, Australia's icon.", gaz, language="en")
    }
    assert "Sydney" in found


def test_airport_codes_are_no_names(gaz):
    """GeoNames lists IATA codes among a town's names ("THE" Teresina, "FOR" Fortaleza, "SIR"
    Sion): folded, they would be the words "the", "for", "sir"; the towns keep their names."""
    cases = [("the", "teresina", "Teresina"), ("for", "fortaleza", "Fortaleza"), ("sir", "sion", "Sitten")]
    for word, name, town in cases:
        assert town not in {p.name for p in gaz.places_named(word)}
        assert town in {p.name for p in gaz.places_named(name)}
    text = "The Sir and the FOR team met. For now, Teresina and Sion wait."
    assert [m.text for m in find_mentions(text, gaz, language="en")] == ["Teresina", "Sion"]


@pytest.mark.parametrize("reference", [False, True])
def test_an_article_joined_to_a_word_is_no_name_alone(gaz, reference):
    """ "Al-Shabaab", "Al-Qaida": "al" is Ål (Norway) as a name, but here the article of a name
    the gazetteer lacks; "al-Qaim" is still found whole, on either recognition path."""
    text = "Al-Shabaab and Al-Qaida fighters left al-Qaim."
    found = [m.text for m in find_mentions(text, gaz, language="en", reference=reference)]
    assert found == ["al-Qaim"]


def test_no_key_is_one_character_or_a_number(gaz):
    """ "An-i" (Anyi) is "i" once its article goes, "El 15" is "15": no such key is indexed, so the
    pronoun "I" and a figure are never looked up as towns."""
    short = [k for k in gaz.name_keys() if len(k) < 2 or k.isdigit()]
    assert short == [] and len(gaz.name_keys()) > 500_000
    assert gaz.places_named("anyi") and not gaz.places_named("i")


@pytest.mark.parametrize(
    "language, text, codes",
    [
        ("nl", "Tweede ronde: Marrero (Spa) - Van Roost 0 - 6 -- Sidot (Fra) - Kremer (Chi)", ["ES", "FR"]),
        ("en", "Lleyton Hewitt (AUS) beat Guillermo Coria (Arg) in the final.", ["AU", "AR"]),
    ],
)
def test_bracketed_nationality_codes_name_countries(gaz, language, text, codes):
    """A competitor's country in brackets: an ISO alpha-3 code, or the first letters of the
    country's name in the paper's language ("Spa", Spanje); "Chi" begins Chili and China."""
    found = [m for m in find_mentions(text, gaz, language=language) if m.candidates[0].kind == "country"]
    assert [m.candidates[0].country_code for m in found] == codes
    assert all(text[m.start - 1] + text[m.end] == "()" for m in found)


def test_the_name_before_a_nationality_code_is_a_competitor(gaz):
    """ "Marrero (Spa)", "Kremer (Ned)": a person or a team, not a town named like them."""
    text = "Tweede ronde: Marrero (Spa) - Kremer (Ned) 0 - 6. Marrero woont in Kremer, Pennsylvania."
    found = [(m.text, m.start) for m in find_mentions(text, gaz, language="nl")]
    assert ("Marrero", text.index("Marrero")) not in found and ("Kremer", text.index("Kremer")) not in found
    assert ("Spa", text.index("Spa")) in found


def test_abbreviated_names(gaz):
    text = "Flights via Turkey reached St. Petersburg, Mt. Pleasant and Washington, D.C. on Monday."
    found = {m.text: m.candidates[0] for m in find_mentions(text, gaz, language="en")}
    assert {"Turkey", "St. Petersburg", "Mt. Pleasant", "Washington", "D.C."} <= set(found), found
    assert found["D.C."].country_code == "US" and near(found["D.C."], 38.895, -77.036)


@pytest.mark.parametrize(
    "name, kind, cc",
    [
        ("Côte d'Ivoire", "country", "CI"),  # the elided article the tokenizer drops still joins the name
        ("Anhui", "admin1", "CN"),  # GeoNames' "Anhui Sheng": the generic word is no part of the name
        ("Xinjiang", "admin1", "CN"),
        ("Red Sea", "region", ""),  # the sea, over Egypt's governorate named after it
    ],
)
def test_names_as_the_press_writes_them(gaz, name, kind, cc):
    places = geoparse_text(f"Officials in {name} said on Monday that the outbreak spread.", "en", gaz)
    assert [(p.mention, p.place.kind, p.place.country_code) for p in places] == [(name, kind, cc)]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Iraqi troops retook Hit from Islamic State on Wednesday.", True),  # Iraq named: the Anbar town
        ("Islamic State still holds Hit, Iraqi officials said.", True),
        ("The strike hit a convoy; Hit is quiet, residents said.", False),  # no country named
        ("In Iraq, lawmakers passed the Clean Air Act on Monday.", False),  # a word of a longer name
    ],
)
def test_a_common_word_is_a_town_of_a_country_the_text_names(gaz, text, found):
    places = geoparse_text(text, "en", gaz)
    assert any(p.mention == "Hit" for p in places) is found
    assert not [p for p in places if p.mention == "Act"]


def test_street_names_are_not_places(gaz):
    text = "The fire at 6016 Dublin Road was investigated."
    assert not [m for m in find_mentions(text, gaz, language="en") if m.text == "Dublin"]


@pytest.mark.parametrize(
    "language, text, mention, lat, lon",
    [
        ("en", "Iraqi forces retook Mosul in July after a nine-month battle.", "Mosul", 36.335, 43.11889),
        ("fr", "Les forces irakiennes ont repris Mossoul en juillet.", "Mossoul", 36.335, 43.11889),
        ("es", "Las fuerzas iraquíes recuperaron Mosul en julio.", "Mosul", 36.335, 43.11889),
        ("ar", "استعادت القوات العراقية الموصل في يوليو.", "الموصل", 36.335, 43.11889),
        ("ru", "Иракские войска освободили Мосул в июле.", "Мосул", 36.335, 43.11889),
        ("uk", "Іракські війська звільнили Мосул у липні.", "Мосул", 36.335, 43.11889),
        ("tr", "Irak güçleri Temmuz ayında Musul'u geri aldı.", "Musul", 36.335, 43.11889),
        ("id", "Pasukan Irak merebut Mosul pada Juli.", "Mosul", 36.335, 43.11889),
        (
            "en",
            "The SDF said Raqqa fell last week, and fighting moved to Deir ez-Zor.",
            "Raqqa",
            35.95283,
            39.00788,
        ),
        ("fr", "Les combattants ont quitté Raqqa, selon des sources à Bagdad.", "Bagdad", 33.34058, 44.40088),
    ],
)
def test_many_languages(gaz, language, text, mention, lat, lon):
    places = geoparse_text(text, language, gaz)
    hits = [p for p in places if p.mention == mention]
    assert hits, f"{mention} not found in {[p.mention for p in places]}"
    assert near(hits[0].place, lat, lon)


def test_context_picks_the_right_namesake(gaz):
    # Rawa alone is ambiguous; beside al-Qaim and Iraq it is the Iraqi town on the Euphrates.
    places = geoparse_text("Iraqi forces advanced on al-Qaim and Rawa near the Syrian border.", "en", gaz)
    rawa = [p for p in places if p.mention == "Rawa"][0]
    assert rawa.place.country_code == "IQ"


def test_a_capital_speaks_for_its_government(gaz):
    # "Washington" beside Tehran is the capital, not the state of Washington.
    places = geoparse_text("Washington and Tehran traded accusations over the strikes in Syria.", "en", gaz)
    washington = [p for p in places if p.mention == "Washington"][0]
    assert near(washington.place, 38.895, -77.036)
    assert washington.place.feature_code == "PPLC"


def test_macro_region_is_not_a_namesake_town(gaz):
    places = geoparse_text("Tensions are rising across the Middle East and the Black Sea.", "en", gaz)
    kinds = {p.mention: p.place.kind for p in places}
    assert kinds == {"Middle East": "region", "Black Sea": "region"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "!!! ... ,,, ???",
        "日本語だけのテキストです。",
        "Ünïcödé ½ ∑ ∂ \u200b\u200d",
        "x" * 100_000,
    ],
)
def test_unusual_text_does_not_crash(gaz, text):
    places = geoparse_text(text, "und", gaz)
    assert isinstance(places, list)


def test_ten_megabyte_text_gets_a_clear_message():
    from geo.errors import InputError
    from geo.text.articles import make_article

    with pytest.raises(InputError, match="too long"):
        make_article("Iraqi forces advanced on Mosul. " * 330_000)


def test_one_megabyte_text_is_parsed(gaz):
    text = "Iraqi forces advanced on Mosul. " * 32_000
    places = geoparse_text(text, "en", gaz)
    assert sum(p.mention == "Mosul" for p in places) == 32_000


# Recognition across languages and scripts (issue 12): one case per kind of error.


def _found(gaz, text, language):
    return {m.text for m in find_mentions(text, gaz, language=language) if not m.demonym}


@pytest.mark.parametrize(
    "language, text, place",
    [
        ("en", "NEW YORK (Reuters) - Stocks fell on Monday.", "NEW YORK"),
        ("en", "RIO DE JANEIRO 1996-08-25 Brazil's central bank said", "RIO DE JANEIRO"),
        ("fa", "سیل در خرم\u200cآباد خسارت زد.", "خرم\u200cآباد"),
        ("uk", "Пожежа сталася у Дніпропетровської області вчора.", "Дніпропетровської області"),
        ("uk", "Він живе у Києві з дружиною.", "Києві"),
        ("ru", "Делегация прибыла в России и Новой Зеландии.", "Новой Зеландии"),
        ("tr", "Maç İngiltere ile oynandı.", "İngiltere"),
        ("es", "El equipo viajó a Inglaterra ayer.", "Inglaterra"),
        ("tr", "ABD ve Rusya anlaştı.", "ABD"),
        ("nl", "De VS en Engeland ondertekenden het verdrag.", "VS"),
        ("ru", "Президент РФ прибыл в Москву.", "РФ"),
        ("fa", "او از آمریکا بازگشت.", "آمریکا"),
    ],
)
def test_names_in_their_language_and_script(gaz, language, text, place):
    assert place in _found(gaz, text, language)


@pytest.mark.parametrize(
    "language, text, word",
    [
        ("de", "Der Mann sagte nichts.", "Mann"),  # countries take the word filter: Isle of Man
        ("es", "Sin embargo, el acuerdo llegó tarde.", "Sin"),  # China in some locale
        ("fa", "وي افزود که این خبر درست است.", "وي"),  # "he added": Eloy
        ("fa", "وي افزود که این خبر درست است.", "خبر"),  # "news": Khobar
        ("ar", "وكان الاجتماع في موعده وقال إنه كان سعيدا.", "كان"),  # "was": Caen
        ("uk", "Федерація хокею України провела збори.", "України"),  # an organisation
        ("es", "El FC Barcelona derrotó al Valencia por tres goles.", "Barcelona"),
        ("es", "El FC Barcelona derrotó al Valencia por tres goles.", "Valencia"),  # a club
        ("uk", "Вони працюють на ПрАТ «Азот».", "ПрАТ"),  # a company form: El Prat
        ("de", "Der US-Präsident kam an.", "US"),  # a compound's first part
    ],
)
def test_words_and_organisations_are_not_places(gaz, language, text, word):
    assert word not in _found(gaz, text, language)


def test_big_cities_under_their_names_in_the_language(gaz):
    assert "Москвы" in _found(gaz, "Мэр Москвы выступил с заявлением.", "ru")
    assert "Londres" in _found(gaz, "Le ministre est arrivé à Londres mardi.", "fr")
    assert "Antwerpen" in _found(gaz, "De haven van Antwerpen groeit.", "nl")


def test_lower_cased_text_is_read_without_case(gaz):
    """No capitals to go by: names are matched in lower case, frequent words are not places
    ("para", Pará; "selama", Salem), and a big town that is also a word needs its country named."""
    text = (
        "kepala dinas tata kota manado amos kenda menyatakan tidak tahu soal pencabutan baliho. "
        "para pejabat di indonesia, selama ini, enggan berkomentar soal surabaya maupun jakarta."
    )
    found = _found(gaz, text, "id")
    assert {"kota manado", "surabaya", "jakarta", "indonesia"} <= found
    assert not {"para", "selama"} & found


def test_regions_and_palestine_under_their_persian_names(gaz):
    """The regions table and the everyday country names carry Persian too ("خاورمیانه", Middle
    East; "خلیج فارس", Persian Gulf; "فلسطین", Palestine, not Palestine, Texas); a Persian name
    that is a common word ("ساحل", coast: the Sahel) is not one of them."""
    text = "تنش در خاورمیانه و خلیج فارس بالا گرفت و فلسطین بار دیگر در ساحل دریا اعتراض کرد."
    found = {m.text: m.candidates[0] for m in find_mentions(text, gaz, language="fa")}
    assert found["خاورمیانه"].name == "Middle East" and found["خلیج فارس"].name == "Persian Gulf"
    assert found["فلسطین"].kind == "country" and found["فلسطین"].country_code == "PS"
    assert "ساحل" not in found
