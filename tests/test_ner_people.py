"""People and organisations whose names hold a town's name: a second surname after a given name,
a given name that a tiny province shares, the head word of a public body. Sentences written here."""

import pytest
from conftest import found


@pytest.mark.parametrize(
    "language, text, person, place",
    [
        # "Seara" and "Cañete" are towns, "González" and "Arias" too: the given name two words back decides.
        ("es", "Lo firmó ayer Luis González Seara antes de viajar a Sevilla.", "Seara", "Sevilla"),
        ("es", "Habló con el ministro Miguel Arias Cañete en Madrid.", "Cañete", "Madrid"),
        # "Isabel" is a province of 2,700 people (Solomon Islands), "Paola" a Maltese council.
        ("es", "La diputada Isabel Salazar presentó la propuesta en Toledo.", "Salazar", "Toledo"),
        ("es", "La ganadora fue Paola Suárez, que entrena en Valencia.", "Suárez", "Valencia"),
    ],
)
def test_a_surname_after_a_given_name_is_no_place(gaz, language, text, person, place):
    names = found(text, gaz, language)
    assert person not in names and place in names


def test_a_big_province_before_a_surname_stays_a_place(gaz):
    assert "California" in found("California Edison raised its prices.", gaz, "en")


@pytest.mark.parametrize(
    "language, text, place",
    [
        ("es", "La Junta de Extremadura aprobó ayer el presupuesto.", "Extremadura"),
        ("es", "Un portavoz de la Presidencia de Colombia lo confirmó.", "Colombia"),
        ("fr", "Selon l’Office de Marseille, le port a grandi.", "Marseille"),
        ("nl", "De Raad van Utrecht vergaderde gisteren.", "Utrecht"),
    ],
)
def test_a_place_in_a_public_body_s_name_is_the_body(gaz, language, text, place):
    assert place not in found(text, gaz, language)


def test_a_lower_case_body_word_does_not_hide_the_place(gaz):
    assert "Madrid" in found("Ayer paseamos por el centro de Madrid con amigos.", gaz, "es")


@pytest.mark.parametrize(
    "language, text, person",
    [
        ("nl", "Gisteren kwam Nico laat thuis, hij was moe.", "Nico"),  # an other name of Nice
        ("es", "Ayer vino Martina a cenar con nosotros.", "Martina"),  # of Martin (Slovakia)
    ],
)
def test_a_given_name_that_names_a_town_only_by_an_other_name_is_a_person(gaz, language, text, person):
    assert person not in found(text, gaz, language)


def test_a_given_name_that_is_a_town_s_main_name_stays(gaz):
    assert "Florence" in found("She flew to Florence on Monday.", gaz, "en")
    assert "Mans" in found("Il est arrivé hier au Mans pour la course.", gaz, "fr")  # a French town's name


@pytest.mark.parametrize(
    "language, text, person, place",
    [
        # Given names that are towns too (Vladimir, Volodymyr), in any case, before a surname.
        ("uk", "Директором фірми є Володимир Ковальчук з Луцька.", "Володимир", "Луцька"),
        ("ru", "Вчера в Москве выступил Владимир Соколов.", "Владимир", "Москве"),
        ("ru", "Он встретился с Виктором Ивановым в Казани.", "Виктором", "Казани"),
    ],
)
def test_a_cyrillic_given_name_before_a_surname_is_a_person(gaz, language, text, person, place):
    names = found(text, gaz, language)
    assert person not in names and place in names


def test_the_town_named_like_a_given_name_stays(gaz):
    assert "Владимир" in found("Поезд прибыл во Владимир утром.", gaz, "ru")


def test_romanised_given_names():
    from geo.parse.toponyms.given import cyrillic_given_name

    assert cyrillic_given_name("Володимира", "uk") and cyrillic_given_name("Ларисою", "uk")
    assert not cyrillic_given_name("Києва", "uk") and not cyrillic_given_name("Москвы", "ru")


@pytest.mark.parametrize(
    "language, text, person, place",
    [
        # Titles these languages write in lower case; "Clinton", "Joffre", "Sofía" name towns too.
        ("es", "Ayer habló el presidente Clinton en Madrid.", "Clinton", "Madrid"),
        ("fr", "Hier, le général Joffre est arrivé à Lyon.", "Joffre", "Lyon"),
        ("es", "La recibió doña Sofía en Toledo.", "Sofía", "Toledo"),
    ],
)
def test_a_name_after_a_lower_case_title_is_a_person(gaz, language, text, person, place):
    names = found(text, gaz, language)
    assert person not in names and place in names


def test_a_country_after_a_lower_case_title_stays_a_place(gaz):
    assert "России" in found("Вчера президент России прилетел в Казань.", gaz, "ru")


def test_an_event_s_head_word_alone_is_the_event(gaz):
    names = found("Hij reed vorig jaar de Tour en won een etappe in Parijs.", gaz, "nl")  # no Tours
    assert "Tour" not in names and "Parijs" in names


@pytest.mark.parametrize(
    "text",
    [
        "Dat klopt, zegt Van Hove, die er lang onderzoek naar deed in Gent.",  # a capitalised particle
        "Het boek van Hildegard van Hove verscheen vorig jaar in Gent.",  # a given name and a particle
    ],
)
def test_a_surname_after_its_particle_is_no_town(gaz, text):
    names = found(text, gaz, "nl")
    assert "Hove" not in names and "Gent" in names


def test_a_big_place_after_a_name_and_de_is_the_place(gaz):
    assert "Madrid" in found("Visitó la Real Academia de San Fernando de Madrid.", gaz, "es")


@pytest.mark.parametrize(
    "text",
    [
        "Перевірку провела ДСНС України у Львові.",  # an acronym's body of Ukraine
        "Про тендер повідомило Міністерство молоді та спорту України у Львові.",  # "та" inside the name
    ],
)
def test_a_place_in_a_ukrainian_body_s_name_is_the_body(gaz, text):
    names = found(text, gaz, "uk")
    assert "України" not in names and "Львові" in names
