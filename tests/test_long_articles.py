"""Long articles (digests, transcripts): a name is read with the text near it, not the whole text.

Through the full pipeline on the real gazetteer: reports far apart in one long text are resolved
as they are alone, and reports side by side still lend each other context.
"""

from __future__ import annotations

import pytest

from geo.gazetteer import default_gazetteer
from geo.parse.pipeline import parse_article
from geo.parse.resolve import BLOCK_CHARS, WINDOW_CHARS
from geo.text.articles import make_article

EGYPT = "Protesters gathered in Alexandria on Friday, witnesses said."
VIRGINIA = (
    "Storms hit Richmond, Norfolk, Arlington and Roanoke in Virginia. "
    "Fairfax and Virginia Beach lost power across Virginia."
)
IRAQ = "Iraqi forces retook Rawa and al-Qaim near the Syrian border, officials in Baghdad said."
ENGLAND = "Flooding closed roads around Cambridge and Peterborough, police in England said."


def filler(part: int = 0) -> str:
    """More than ``WINDOW_CHARS + BLOCK_CHARS`` (the farthest a window reaches) of distinct
    paragraphs naming no place (repeated paragraphs would be dropped as boilerplate, so each
    ``part`` is worded apart)."""
    return "\n\n".join(
        f"Item {part}.{i}: the committee heard statement number {i} and adjourned until the next sitting."
        for i in range((WINDOW_CHARS + BLOCK_CHARS) // 80 + 10)
    )


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def places(text: str, gaz, shift: str = "") -> list[tuple[int, str, int, float]]:
    """(start, mention, geonameid, confidence) of each place the pipeline finds in ``text``;
    with ``shift``, starts count from where ``shift`` begins in the cleaned text."""
    result = parse_article(make_article(text, language="en"), gaz)
    origin = result.article.text.index(shift) if shift else 0
    return [(p.start - origin, p.mention, p.place.geonameid, round(p.confidence, 6)) for p in result.places]


def test_the_filler_is_longer_than_the_window_and_names_no_place(gaz):
    assert len(make_article(filler(), language="en").text) > WINDOW_CHARS + BLOCK_CHARS
    assert places(filler(), gaz) == []


def test_reports_far_apart_in_one_text_are_resolved_as_they_are_alone(gaz):
    reports = [EGYPT, VIRGINIA, IRAQ, ENGLAND]
    text = "\n\n".join(part for i, report in enumerate(reports) for part in (filler(i), report))
    result = parse_article(make_article(text, language="en"), gaz)
    expected = []
    for report in reports:
        alone = places(report, gaz)
        assert alone, report
        origin = result.article.text.index(report)
        expected += [(start + origin, *rest) for start, *rest in alone]
    found = [(p.start, p.mention, p.place.geonameid, round(p.confidence, 6)) for p in result.places]
    assert found == expected


def test_a_place_far_away_in_the_text_does_not_vote(gaz):
    egypt_alone = places(EGYPT, gaz)
    side_by_side = places(EGYPT + "\n\n" + VIRGINIA, gaz)
    far_apart = places(EGYPT + "\n\n" + filler() + "\n\n" + VIRGINIA, gaz)
    alexandria = [p[2] for p in egypt_alone if p[1] == "Alexandria"]
    assert alexandria  # Alexandria, Egypt, on its own
    # Beside a report on Virginia, the Virginian town; 20,000 characters away, not.
    assert [p[2] for p in side_by_side if p[1] == "Alexandria"] != alexandria
    assert [p[2] for p in far_apart if p[1] == "Alexandria"] == alexandria


def test_reports_side_by_side_in_a_long_text_still_lend_each_other_context(gaz):
    side_by_side = places(EGYPT + "\n\n" + VIRGINIA, gaz)
    long_text = filler(1) + "\n\n" + EGYPT + "\n\n" + VIRGINIA + "\n\n" + filler(2)
    assert places(long_text, gaz, shift=EGYPT) == side_by_side
