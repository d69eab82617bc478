"""Romanisation of Cyrillic words by language."""

from geo.text.translit import is_cyrillic, romanise


def test_ukrainian_and_russian_spellings():
    assert romanise("Володимир", "uk") == "volodymyr"
    assert romanise("Владимир", "ru") == "vladimir"
    assert romanise("Василь", "uk") == "vasyl"  # the soft sign is not written
    assert romanise("Ганна", "uk") == "hanna" and romanise("Галина", "ru") == "galina"


def test_other_scripts_are_not_cyrillic():
    assert is_cyrillic("Київ") and not is_cyrillic("Kyiv") and not is_cyrillic("")
