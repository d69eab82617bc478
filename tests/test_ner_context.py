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
