"""The recogniser's given names: gender-guesser's list, read once and then loaded from a cache."""

from __future__ import annotations

import gender_guesser.detector
import pytest

from geo.gazetteer import pickled
from geo.parse.toponyms import filters


@pytest.fixture(scope="module")
def detector() -> gender_guesser.detector.Detector:
    return gender_guesser.detector.Detector(case_sensitive=False)


def test_same_answers_as_the_detector(detector):
    """``is_first_name`` says yes exactly where the detector's ``get_gender`` knows the name."""
    listed = sorted(detector.names)[::50]
    words = [*listed, *(w.upper() for w in listed[::7]), *(w.title() for w in listed[::5])]
    words += ["Mosul", "Raqqa", "Kherson", "Yesterday", "A", "Jean-Pierre", "Jean Pierre", "ΑΝΝΑ", "Łukasz"]
    for word in words:
        expected = len(word) > 1 and detector.get_gender(word) != "unknown"
        assert filters.is_first_name(word) == expected, word


def test_read_once_then_loaded_from_the_cache(tmp_path, monkeypatch, detector):
    monkeypatch.setattr(pickled, "CACHE_DIR", tmp_path)
    filters._first_names.cache_clear()
    try:
        built = filters._first_names()
        assert built == frozenset(detector.names)
        assert [p.name.split("-")[:2] for p in tmp_path.glob("*.pickle")] == [["first", "names"]]

        def no_second_read() -> frozenset[str]:
            raise AssertionError("the list was read again")

        monkeypatch.setattr(filters, "_read_first_names", no_second_read)
        filters._first_names.cache_clear()
        assert filters._first_names() == built
    finally:
        filters._first_names.cache_clear()
