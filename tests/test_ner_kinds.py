"""Kinds of recognition error, each on a sentence written here: teams in score lines, words
read as inflected names, phrases of words in caseless scripts."""

import pytest
from conftest import found

from geo.parse.toponyms.scores import in_score_line


def _at(text: str, name: str) -> bool:
    start = text.index(name)
    return in_score_line(text, start, start + len(name))


@pytest.mark.parametrize(
    "text, name",
    [
        ("Results on Saturday: Nice 1 Bastia 1, Lille 3 Rennes 1", "Nice"),
        ("Standings: Cologne 3 3 0 0 7 1 9", "Cologne"),
        ("the Mariners routed Baltimore 10-3 on Thursday", "Baltimore"),
        ("Hansa Rostock 0 Hamburg 1 (Baeron 64th min)", "Hansa"),
        ("Bristol City 5 Luton 0", "Luton"),
    ],
)
def test_score_lines_are_found(text, name):
    assert _at(text, name)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Madrid 23 may (EFE). El presidente", "Madrid"),
        ("PARIS 1996-08-24 The minister said", "PARIS"),
        ("Dewas 45 Yellow 12,700-12,950", "Dewas"),
        ("Fatih 750 150. Bakırköy 680 130.", "Fatih"),
        ("New Zealand 11 seconds behind the winner", "New Zealand"),
        ("Mosul 3rd division", "Mosul"),
    ],
)
def test_numbers_that_are_no_score(text, name):
    assert not _at(text, name)


def test_a_club_in_a_result_is_no_place_but_the_venue_and_a_country_are(gaz):
    text = "Ligue 1: Nice 1 Bastia 1. Namibia won the second leg in Windhoek 6-0. Brazil 2 Argentina 1."
    names = found(text, gaz, "en")
    assert "Nice" not in names and "Bastia" not in names
    assert "Windhoek" in names and "Brazil" in names and "Argentina" in names


def test_a_frequent_word_read_as_an_inflected_name_is_a_word(gaz):
    # "Вони" (they) reads as a case of "Вон" (Vaughan, Canada); "Тоді" (then) of "Тода".
    text = "Документи підписали у Києві. Вони розташовані на території області. Тоді міністр поїхав."
    names = found(text, gaz, "uk")
    assert "Вони" not in names and "Тоді" not in names
    assert "Києві" in names


def test_a_phrase_of_frequent_words_in_a_caseless_script_is_no_foreign_town(gaz):
    # Persian "خبر داد و" (reported and): "داد و" is a name of Dadu, Pakistan.
    text = "وزیر نفت خبر داد و اظهار داشت که صادرات گاز به ترکیه افزایش یافت."
    names = found(text, gaz, "fa")
    assert "داد و" not in names
    assert "ترکیه" in names


def test_a_place_in_an_event_name_is_the_event(gaz):
    text = "Pantani won a stage of the Giro d'Italia before he rode in Italy again."
    names = found(text, gaz, "en")
    assert names.count("Italy") == 1 and "Italia" not in names
    assert found("Il est parti de la tour de Brest vers Rennes.", gaz, "fr") == ["Brest", "Rennes"]


@pytest.fixture(scope="module")
def ukrainian_morphology():
    from geo.parse.toponyms import morph

    if not morph.available("uk"):
        pytest.skip("pymorphy3 with pymorphy3-dicts-uk is not installed (optional)")
    return morph


def test_a_case_form_the_endings_miss_is_read_by_the_dictionary(gaz, ukrainian_morphology):
    # Трускавець's locative drops its е: "у Трускавці"; Старокостянтинів's genitive is "-ова".
    text = "Санаторій у Трускавці купила фірма зі Старокостянтинова."
    assert found(text, gaz, "uk") == ["Трускавці", "Старокостянтинова"]


def test_names_and_surnames_from_the_dictionary_are_people(gaz, ukrainian_morphology):
    # "Володимир" is a town too, "Василя" reads as Wasilla; "Рогоза", "Ревчука" are surnames.
    text = "Бенефіціаром є Володимир Рогоза. За словами голови сільради Василя Ревчука, земля у Києві."
    names = found(text, gaz, "uk")
    assert names == ["Києві"]
    # A town before a surname stays a town: "мешканкою Кіровограда Поповою".
    assert found("Договір уклали з мешканкою Кіровограда Поповою.", gaz, "uk") == ["Кіровограда"]


def test_an_event_word_heads_only_the_name_right_after_it(gaz):
    text = "World Cup cricket champions Sri Lanka will play two tests in New Zealand."
    assert found(text, gaz, "en") == ["Sri Lanka", "New Zealand"]


def test_an_abbreviation_period_does_not_end_an_organisation_name(gaz):
    # "суду м. Києва": the court of the city of Kyiv, one name; the city alone stays a place.
    text = "Ухвала Печерського районного суду м. Києва набрала сили. Суддя живе у Києві."
    assert found(text, gaz, "uk") == ["Києві"]


def test_a_frequent_word_that_is_a_regions_other_name_is_a_word(gaz):
    # Spanish "Así" (thus) is one of Asia's names; a province's own name stays ("Kocaeli'de").
    text = "El informe llegó ayer. Así consta en una nota del grupo sobre Asia y Europa."
    assert found(text, gaz, "es") == ["Asia", "Europa"]
    assert found("Kocaeli'de deprem oldu.", gaz, "tr") == ["Kocaeli"]


@pytest.mark.parametrize(
    "text, name, language",
    [
        ("Dana itu disimpan di sebuah bank Inggris dan dipindahkan.", "Inggris", "id"),
        ("Ia bekerja di perusahaan pelayaran Belanda, lalu pindah.", "Belanda", "id"),
    ],
)
def test_a_lower_case_organisation_word_names_no_organisation(gaz, text, name, language):
    """ "a British bank": a common noun before the country names no company; "Bank Inggris",
    capitalised, would."""
    assert name in found(text, gaz, language)


def test_a_lower_case_head_still_names_an_organisation_in_ukrainian(gaz):
    text = "Про це йдеться у рішенні суду м. Києва, яке оприлюднено."
    assert "Києва" not in found(text, gaz, "uk")


def test_a_famous_place_frequent_as_a_word_is_the_place_in_arabic(gaz):
    """ "غزة" is as frequent in Arabic as Gaza is in English: the place, named country or not."""
    assert "غزة" in found("قصف الطيران مبنى شرق مدينة غزة أمس.", gaz, "ar")
