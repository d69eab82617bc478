"""What the words around a name say, each on a sentence written here: a noun naming a kind of
place before it ("Desa Kampal", "استان ..."), an organisation's head word before it."""

from conftest import found


def test_a_noun_naming_a_kind_of_place_makes_the_name_after_it_the_place(gaz):
    # Alone, "Kampal" before a capitalised word reads as a person's name, and "Sukoharjo" as a
    # frequent word naming only a hamlet; after "Desa" (village), "Kabupaten" (regency) they are places.
    assert "Kampal" in found("Ia lahir di Desa Kampal dan besar di sana.", gaz, "id")
    assert "Sukoharjo" in found("Petani dari Kabupaten Sukoharjo datang ke pasar.", gaz, "id")
    assert "Sukoharjo" not in found("Petani Sukoharjo datang ke pasar.", gaz, "id")


def test_a_function_word_after_a_noun_naming_a_kind_of_place_stays_a_word(gaz):
    # Persian "شهر با" (the city with), "روستای ما" (our village): "با" and "ما" name towns too.
    text = "مردم در شهر با شادی جشن گرفتند و در روستای ما نیز چنین بود."
    assert found(text, gaz, "fa") == []


def test_a_country_after_a_state_body_is_part_of_its_name_in_a_caseless_script(gaz):
    # "دولت آمریکا" (the US government), "جيش العراق" (the Iraqi army): an organisation's name;
    # the same countries elsewhere in the sentence stay places.
    assert found("سخنگوی دولت آمریکا گفت که نیروهای آمریکا در عراق می‌مانند.", gaz, "fa") == ["آمریکا", "عراق"]
    assert found("وقالت الحكومة السورية إن جيش العراق دخل إلى سوريا.", gaz, "ar") == ["سوريا"]


def test_a_preposition_ends_an_organisation_name_in_a_caseless_script(gaz):
    # "سفارت میانمار در بانکوک": the embassy of Myanmar, in Bangkok.
    assert found("گروهی سفارت میانمار در بانکوک را اشغال کردند.", gaz, "fa") == ["بانکوک"]


def test_a_word_naming_a_small_foreign_town_is_no_place_without_case_even_where_its_country_is_named(gaz):
    # "کلینتون" names Clinton (US, 36,000 people) and "بیل" Bell (US): without capitals nothing
    # tells the man from the towns, and the text names the United States.
    text = "بیل کلینتون، رئیس‌جمهور آمریکا، روز چهارشنبه از این طرح حمایت کرد."
    assert found(text, gaz, "fa") == ["آمریکا"]
    assert found("وقال كلينتون إن الولايات المتحدة لن تتراجع.", gaz, "ar") == ["الولايات المتحدة"]


LOWER_CASED = (
    "menteri luar negeri as tiba di bandung pada hari senin untuk bertemu dengan para pejabat dari china"
    " dan jepang. ia mengatakan bahwa kerja sama ekonomi antara kedua negara akan terus diperkuat pada"
    " tahun depan, dan bahwa pemerintah akan membuka kantor baru di kota itu."
)


def test_a_lower_cased_text_keeps_its_acronyms_big_towns_and_countries(gaz):
    # Without capitals: "as" (Amerika Serikat) is the language's acronym for the United States;
    # "bandung" a big town of a country speaking the language, which is no word of it; "china"
    # the country's main name, as frequent in Indonesian as in English (CLDR says "Tiongkok").
    assert found(LOWER_CASED, gaz, "id") == ["as", "bandung", "china", "jepang"]


def test_a_german_genitive_names_the_place(gaz):
    # "Portugals", "Bremens": the genitive "-s" of a country and of a big town.
    text = "Die Wirtschaft Portugals wächst, und die Häfen Bremens sind voll."
    assert found(text, gaz, "de") == ["Portugals", "Bremens"]
    # ... but not of a common noun that names small places only ("Tages", "Hauses").
    assert found("Die Kosten des Tages blieben gleich, meinte der Chef des Hauses.", gaz, "de") == []


def test_a_slavic_adjective_of_a_place_before_its_noun_is_no_place(gaz):
    # "Черкаське територіальне відділення" (the Cherkasy office) reads as a village's other name;
    # "Свердловской области" is the province, "Кам'янське" a city of 240,000.
    assert found("Черкаське територіальне відділення АМКУ оштрафувало фірму.", gaz, "uk") == []
    assert found("Завод розташований у Свердловской области.", gaz, "ru") == ["Свердловской"]
    assert found("Кам'янське міськвиконком оголосив тендер.", gaz, "uk") == ["Кам'янське"]


def test_a_headline_in_capitals_ends_before_the_dateline(gaz):
    # The headline's last word in capitals starts no name with the dateline's town after it; an
    # acronym does ("PSV Eindhoven", a club).
    text = "SUBE LA FISCALIDAD DE LOS PRODUCTOS ENERGETICOS Madrid (EFE). El Gobierno aprobó hoy la subida."
    assert found(text, gaz, "es") == ["Madrid"]
    assert "Eindhoven" not in found("Ajax beat PSV Eindhoven 2-0 on Sunday.", gaz, "en")
