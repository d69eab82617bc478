"""Claims in the present tense and plain words of coders' notes (issue 11), on sentences written
for this test: "Military forces engage", "exchanges gunfire", "Army infighting", a bare "military"
as the subject, return of fire, and which cue a place is the object of."""

import pytest

from geo.parse.pipeline import parse_article
from geo.text.articles import make_article


def claims_of(text, published="2021-05-10"):
    result = parse_article(make_article(text, published=published, language="en"))
    return {(c.status, c.place.mention, c.actor) for c in result.claims}


def statuses_at(text, place):
    return {s for s, p, _ in claims_of(text) if p == place}


@pytest.mark.parametrize(
    "text, place",
    [
        ("On 4 May 2021, military forces engage a group of gunmen in Bama.", "Bama"),
        ("On 4 May 2021, two groups of police officers exchanges gunfire in Baidoa.", "Baidoa"),
        ("On 4 May 2021, army infighting kills three in Baidoa.", "Baidoa"),
        ("On 4 May 2021, SPLA soldiers and SPLM-IO fighters trade fire in Yei.", "Yei"),
        (
            "On 4 May 2021, Houthi forces fired mortar shells at government forces in Hays. "
            "Government forces responded with gunfire.",
            "Hays",
        ),
    ],
)
def test_fights_told_in_the_present_or_as_return_of_fire_contest_the_place(text, place):
    assert "contested" in statuses_at(text, place), claims_of(text)


@pytest.mark.parametrize(
    "text, place",
    [
        ("On 4 May 2021, military retake control of Kadugli after heavy fighting.", "Kadugli"),
        ("On 4 May 2021, Somali troops regain control over Baidoa.", "Baidoa"),
        ("On 4 May 2021, AMISOM pushes al Shabaab out of Marka.", "Marka"),
    ],
)
def test_captures_in_the_present_or_by_a_bare_military(text, place):
    assert "captured" in statuses_at(text, place), claims_of(text)


def test_a_bare_military_is_the_state_forces_of_the_country():
    found = claims_of("On 4 May 2021, military retake control of Kadugli after heavy fighting.")
    assert any(s == "captured" and a == "sudanese_forces" for s, _, a in found), found


def test_a_place_is_the_object_of_the_cue_before_it_not_of_a_fight_after_it():
    text = (
        "On 15 May 2021, regime forces captured the police school in the western countryside of "
        "Aleppo following clashes with rebel factions."
    )
    assert statuses_at(text, "Aleppo") == {"captured"}, claims_of(text)


def test_a_place_before_a_passive_cue_is_its_object():
    text = "On 15 May 2021, after heavy shelling, Tikrit was retaken by Iraqi forces."
    assert "captured" in statuses_at(text, "Tikrit"), claims_of(text)


@pytest.mark.parametrize(
    "text, place, taker",
    [
        (
            "On 4 May 2021, Kenyan forces exit Dhobley village, al Shabaab quickly enters the village.",
            "Dhobley",
            "al_shabaab",
        ),
        (
            "On 4 May 2021, AMISOM forces entered Marka. Al Shabaab fighters withdrew from the town "
            "before the arrival of the AMISOM forces.",
            "Marka",
            "amisom",
        ),
        (
            "On 4 May 2021, AMISOM forces leave Baidoa; al Shabaab quickly fills the void.",
            "Baidoa",
            "al_shabaab",
        ),
        (
            "On 4 May 2021, Kenyan forces vacate their base in Baardheere and are replaced by "
            "Ethiopian soldiers.",
            "Baardheere",
            "ethiopian_forces",
        ),
    ],
)
def test_entering_a_place_another_side_left_takes_it(text, place, taker):
    assert ("captured", place, taker) in claims_of(text), claims_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "On 4 May 2021, AMISOM forces entered Marka. Civilians welcomed them.",
        "On 4 May 2021, the governor of Baidoa was replaced by a general of the Somali army.",
    ],
)
def test_an_entry_or_a_replacement_with_no_withdrawal_takes_nothing(text):
    assert not any(s == "captured" for s, _, _ in claims_of(text)), claims_of(text)


def test_a_town_named_before_its_police_station_is_where_the_attack_was():
    text = "On 4 May 2021, al Shabaab fighters attacked Afgooye police station. Both sides exchanged gunfire."
    assert "contested" in statuses_at(text, "Afgooye"), claims_of(text)


def test_a_crowd_named_as_the_subject_far_before_the_clash_makes_it_a_riot():
    text = (
        "On 27 April 2021, rioters demonstrating against the high exchange rate and dire economic and "
        "living conditions clashed with soldiers in Sidon."
    )
    assert not statuses_at(text, "Sidon"), claims_of(text)
    assert "contested" in statuses_at("On 27 April 2021, gunmen clashed with soldiers in Sidon.", "Sidon")


def test_an_alias_two_actors_share_is_the_one_fighting_beside_the_reports_other_actors():
    from geo.parse.actors import disambiguate, find_actors

    text = "Al Shabaab fighters ambushed an SNA convoy on the road."
    found = disambiguate(find_actors(text), {})  # no place to tell the country by
    assert [m.actor for m in found if m.text == "SNA"] == ["somali_government"], found


def test_a_place_after_a_bearing_is_where_the_sides_fought_not_one_of_them():
    text = "On 4 May 2021, clashes between military and SPLA-IO west of Wau. One soldier killed."
    assert "contested" in statuses_at(text, "Wau"), claims_of(text)


def test_a_town_after_its_regions_possessive_is_no_fragment_of_a_name():
    text = "On 4 May 2021, Egyptian forces in North Sinai's Rafah killed three militants in a gunfight."
    assert "contested" in statuses_at(text, "Rafah"), claims_of(text)


def test_a_region_claimed_beside_a_town_in_it_gives_way_to_the_town():
    text = "On 4 May 2021, Egyptian forces in North Sinai's Rafah killed three militants in a gunfight."
    assert not statuses_at(text, "Sinai"), claims_of(text)
    alone = "On 4 May 2021, Egyptian forces killed three militants in an exchange of fire in North Sinai."
    assert "contested" in statuses_at(alone, "Sinai"), claims_of(alone)


def test_the_sides_of_a_fight_that_broke_out_are_no_places():
    text = "On 4 May 2021, clashes that broke out between the Bakonzo and Bamba killed eight in Bundibugyo."
    assert not statuses_at(text, "Bakonzo"), claims_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "On 4 May 2021, Turkish forces captured 2 QSD operatives trying to cross into Ras al Ain.",
        "On 4 May 2021, Somali forces capture two al Shabaab commanders (not identified) outside of Baidoa.",
        "On 4 May 2021, 23 Mayi Mayi militiamen were captured by FARDC soldiers in Uvira.",
        "On 4 May 2021, gunmen seized a vehicle belonging to a councillor in Baidoa.",
    ],
)
def test_people_or_things_taken_are_no_territory(text):
    assert not any(s == "captured" for s, _, _ in claims_of(text)), claims_of(text)


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "On 4 May 2021, FARDC soldiers recaptured 5 locations, including Kanune, from FDLR rebels in the "
            "Lubero area.",
            "Lubero",
        ),
        ("On 4 May 2021, regime forces captured the rebel-held town of Saraqib.", "Saraqib"),
        (
            "On 4 May 2021, Somali troops raided Baidoa. Heavy fighting ensued. Somali troops entered the "
            "town while al Shabaab fighters pulled out.",
            "Baidoa",
        ),
    ],
)
def test_what_a_capture_was_taken_from_is_not_what_it_took(text, place):
    assert "captured" in statuses_at(text, place), claims_of(text)


def test_a_defence_of_the_town_named_before_contests_it():
    text = "On 4 May 2021, Nigerian forces stationed in Dikwa repel a Boko Haram attack on the town."
    assert "contested" in statuses_at(text, "Dikwa"), claims_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "On 4 May 2021, teachers held a peaceful protest in Baidoa over unpaid salaries.",
        "On 4 May 2021, residents of Kirkuk held a sit-in outside the governorate building.",
    ],
)
def test_holding_a_protest_or_a_meeting_holds_no_ground(text):
    assert not claims_of(text), claims_of(text)


def test_holding_a_town_still_holds_it():
    assert "held" in statuses_at("On 4 May 2021, al Shabaab still held the town of Baidoa.", "Baidoa")


def test_a_dateline_with_its_date_and_agency_only_says_where_the_report_was_filed():
    text = "Kirkuk, Jan 2 (INA) - Iraqi soldiers retook Hawija from IS fighters on Monday."
    assert not statuses_at(text, "Kirkuk"), claims_of(text)
    assert "captured" in statuses_at(text, "Hawija"), claims_of(text)


def test_an_assault_on_an_armed_post_is_a_fight():
    text = "On 4 May 2021, armed men staged an assault on a gendarmerie outpost in Bangui."
    assert "contested" in statuses_at(text, "Bangui"), claims_of(text)


def test_the_sdfs_local_military_councils_are_the_sdf():
    text = "On 22 February 2021, clashes took place between Menbij Military Council and rebels near Manbij."
    assert any(s == "contested" and a == "sdf" for s, _, a in claims_of(text)), claims_of(text)


@pytest.mark.parametrize(
    "text, place",
    [
        ("On 4 May 2021, IS militants tried to enter Derna but were repulsed by local forces.", "Derna"),
        ("On 4 May 2021, a military convoy came under attack near Timbuktu.", "Timbuktu"),
    ],
)
def test_an_attack_that_was_met_or_that_armed_men_came_under_is_a_fight(text, place):
    assert "contested" in statuses_at(text, place), claims_of(text)


def test_an_air_raid_on_positions_stays_an_attack_from_afar():
    text = "On 4 May 2021, Israeli warplanes carried out air raids on regime positions near Kisweh."
    assert statuses_at(text, "Kisweh") == {"offensive"}, claims_of(text)
