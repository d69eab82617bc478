"""Claims from the phrasing of real event reports (issue 11), on sentences written for this test in
the style of coders' notes: a fight told in the sentence after the one that names its place, a
wildcard cue that would swallow a plainer one, fire exchanged with heavy weapons, killings of armed
men, captures in other tenses, and fights the report says did not happen."""

import pytest

from geo.parse.cues import find_cues
from geo.parse.pipeline import parse_article
from geo.text.articles import make_article
from geo.text.fold import fold


def claims_of(text, language="en", published="2021-05-10"):
    result = parse_article(make_article(text, published=published, language=language))
    return {(c.status, c.place.mention, str(c.date)) for c in result.claims}


def statuses_at(text, place, language="en"):
    return {s for s, p, _ in claims_of(text, language) if p == place}


# --- cues ---------------------------------------------------------------------------------------


def test_a_wildcard_cue_gives_way_to_a_plainer_cue_of_another_status():
    cues = find_cues(fold("gunmen opened fire on an army checkpoint near tikrit"), "en")
    assert [c.status for c in cues] == ["offensive"]
    text = "On 5 May 2021, gunmen opened fire on an army checkpoint near Tikrit."
    assert statuses_at(text, "Tikrit") == {"contested"}
    assert statuses_at("On 5 May 2021, the army set up a checkpoint in Tikrit.", "Tikrit") == {"held"}


@pytest.mark.parametrize(
    "text",
    [
        "On 5 May 2021, Russian and Ukrainian forces exchanged artillery fire near Kupiansk.",
        "On 5 May 2021, the two armies traded heavy fire near Kupiansk.",
    ],
)
def test_fire_exchanged_with_heavy_weapons_is_a_fight(text):
    assert statuses_at(text, "Kupiansk") == {"contested"}, text


@pytest.mark.parametrize(
    "text",
    [
        "On 6 May 2021, an Islamic State sniper shot a soldier near Kirkuk.",
        "On 6 May 2021, the army killed four armed Islamists near Kirkuk.",
        "On 6 May 2021, security forces eliminated two extremists near Kirkuk.",
        "On 6 May 2021, Iraqi troops encounter Islamic State fighters near Kirkuk.",
    ],
)
def test_killing_and_meeting_armed_men_contests_the_place(text):
    assert statuses_at(text, "Kirkuk") == {"contested"}, text


def test_a_killing_by_armed_men_of_an_unarmed_man_is_no_fight():
    text = "On 6 May 2021, in Kirkuk, a man was killed in a drive-by shooting by armed men."
    assert "contested" not in statuses_at(text, "Kirkuk")


@pytest.mark.parametrize(
    "text",
    [
        "On 7 May 2021, Iraqi forces overtook Tikrit.",
        "On 7 May 2021, Iraqi forces announced taking control of Tikrit.",
        "On 7 May 2021, Iraqi forces ousted the militants from Tikrit.",
    ],
)
def test_captures_in_other_forms(text):
    assert ("captured", "Tikrit", "2021-05-07") in claims_of(text), text
