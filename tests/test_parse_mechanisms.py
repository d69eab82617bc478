"""The parse stage's mechanisms for real conflict reporting (issue 11), each on sentences written
for this test: actors no list names, statuses from reporters' phrasing, dates, villages the
gazetteer lacks, far namesakes, and the correction hook (``preferred``)."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from geo.gazetteer import default_gazetteer
from geo.gazetteer.distance import haversine_km
from geo.model import Mention
from geo.parse import actors as actors_mod
from geo.parse.actor_names import find_other_actors, slug
from geo.parse.actors import actor_colour, actor_kind, actor_name, disambiguate, find_actors
from geo.parse.dates import find_dates
from geo.parse.pipeline import geoparse_text, parse_article
from geo.parse.resolve import PREFERRED_CONFIDENCE, resolve_mentions
from geo.text.articles import make_article
from geo.text.names import normalize_name

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def claims_of(text, published="2020-05-10"):
    result = parse_article(make_article(text, published=published, language="en"))
    return {(c.actor, c.status, c.place.mention, str(c.date), c.date_precision) for c in result.claims}


# --- actors ---------------------------------------------------------------------------------


def test_the_env_actor_file_reaches_names_colours_and_matching_alike(tmp_path, monkeypatch):
    """Issue 16: every actor table follows $TIDEMARK_ACTORS, not only the alias index."""
    assert actor_name("zulu_brigade") == "Zulu brigade"  # warm the caches without the file
    extra = tmp_path / "more.csv"
    extra.write_text(
        "id,name,kind,colour,aliases\nzulu_brigade,Zulu Brigade,non-state,#123456,Zulu Brigade|ZB\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TIDEMARK_ACTORS", str(extra))
    assert [m.actor for m in find_actors("Fighters of the Zulu Brigade entered the town.")] == [
        "zulu_brigade"
    ]
    assert actor_name("zulu_brigade") == "Zulu Brigade"
    assert actor_colour("zulu_brigade") == "#123456"


def test_the_table_covers_the_last_decades_wars():
    for text, actor in [
        ("QSD", "sdf"),
        ("Harakat al-Shabaab al-Mujahideen", "al_shabaab"),
        ("Boko Haram", "boko_haram"),
        ("ISWAP", "islamic_state"),
        ("JNIM", "jnim"),
        ("the Houthis", "houthis"),
        ("Hezbollah", "hezbollah"),
        ("LNA", "lna"),
        ("Wagner Group", "wagner"),
        ("Rapid Support Forces", "rsf"),
        ("M23", "m23"),
        ("Tatmadaw", "myanmar_military"),
        ("the Taliban", "taliban"),
        ("NAF", "donbas_separatists"),
    ]:
        assert [m.actor for m in find_actors(text)] == [actor], text


def test_an_alias_two_actors_share_goes_to_the_one_fighting_there():
    mentions = find_actors("The SNA advanced.")
    assert {mentions[0].actor, *mentions[0].others} >= {"turkish_forces", "somali_government"}
    assert disambiguate(mentions, {"SO": 2.0})[0].actor == "somali_government"
    assert disambiguate(mentions, {"SY": 1.0, "TR": 1.0})[0].actor == "turkish_forces"


def test_armed_actors_in_no_list_are_recognised_by_their_shape(gaz):
    text = (
        "Fighters of the Black Lions Brigade clashed with the Zawiya Defence Forces (ZDF) on Monday. "
        "ZDF units held the bridge while the Qaraqosh militia watched."
    )
    found = [(m.text, m.actor) for m in find_other_actors(text, find_actors(text), [], gaz, "en")]
    assert ("Black Lions Brigade", "black_lions_brigade") in found
    assert ("Zawiya Defence Forces", "zawiya_defence_forces") in found
    assert [t for t, a in found if a == "zawiya_defence_forces"].count("ZDF") == 2  # a defined acronym
    assert ("Qaraqosh militia", "qaraqosh_militia") in found
    assert actor_name("black_lions_brigade") == "Black Lions Brigade"
    colour = actor_colour("qaraqosh_militia")
    assert colour.startswith("#") and len(colour) == 7 and colour != actors_mod.FALLBACK_COLOUR
    assert colour == actor_colour("qaraqosh_militia")  # stable
    assert slug("The Black Lions Brigade") == "black_lions_brigade"


def test_state_forces_by_acled_name_by_demonym_and_unnamed(gaz):
    text = "Military Forces of Syria (2000-) and Military Forces of Nigeria (2015-) were named."
    assert [m.actor for m in find_other_actors(text, find_actors(text), [], gaz, "en")] == [
        "syrian_government",
        "forces_of_nigeria",
    ]
    assert actor_kind("forces_of_nigeria") == "state"
    result = parse_article(
        make_article("Kenyan troops attacked al-Shabaab positions near Kismayo.", language="en")
    )
    ids = {c.actor for c in result.claims}
    assert ids & {"forces_of_kenya", "al_shabaab"}


def test_a_name_tells_whose_gunmen_they_are(gaz):
    text = "Renamo gunmen attacked a convoy. Gunmen hailing from the Warsame clan exchanged fire with police."
    found = [(m.text, m.actor) for m in find_other_actors(text, find_actors(text), [], gaz, "en")]
    assert ("Renamo gunmen", "renamo_gunmen") in found
    assert ("Gunmen hailing from the Warsame", "warsame") in found
    assert "unidentified_armed_group" not in {a for _, a in found}
    alone = "Gunmen attacked a convoy."
    assert [m.actor for m in find_other_actors(alone, find_actors(alone), [], gaz, "en")] == [
        "unidentified_armed_group"
    ]


def test_armed_men_from_a_place_leave_the_place_to_the_claim():
    got = claims_of(
        "Eleven people died in fighting on 3 May between Wirsheffana militants and armed men from Zawiya."
    )
    assert any(s == "contested" and m == "Zawiya" for _, s, m, *_ in got)


def test_a_claim_by_a_group_the_table_lacks_is_still_a_claim():
    got = claims_of("On 3 May 2020, fighters of the Zarqan Hills Brigade captured Saraqib.")
    assert ("zarqan_hills_brigade", "captured", "Saraqib", "2020-05-03", "day") in got
    assert actor_name("zarqan_hills_brigade") == "Zarqan Hills Brigade"


def test_joined_subjects_act_as_the_first():
    got = claims_of("On 3 May 2020, regime forces and Hezbollah captured Saraqib.")
    assert {a for a, s, *_ in got if s == "captured"} == {"syrian_government"}


# --- statuses ---------------------------------------------------------------------------------


def test_clashes_and_fire_on_positions_are_contested():
    assert ("turkish_forces", "contested", "Manbij", "2019-11-02", "day") in claims_of(
        "On 2 November, 2019, Turkish forces clashed with the SDF near Manbij.", "2019-11-05"
    )
    assert {
        s
        for _, s, *_ in claims_of("On 2 May 2020, Russian forces fired at Ukrainian positions near Avdiivka.")
    } == {"contested"}


def test_an_attack_with_no_armed_side_stays_an_offensive():
    assert {s for _, s, *_ in claims_of("On 2 May 2020, Russian forces attacked Avdiivka.")} == {"offensive"}


def test_took_place_and_patrols_are_no_capture():
    assert not claims_of("A joint patrol of Turkish and Russian forces took place in Kobani on 5 May 2020.")
    got = claims_of("On 2 November, 2019, clashes took place between Turkish forces and the SDF near Manbij.")
    assert {s for _, s, *_ in got} == {"contested"}


def test_real_phrasings_of_a_capture():
    for text in (
        "On 17 February 2020, Russian forces captured and took control over Avdiivka.",
        "On 17 February 2020, Russian forces took control over Avdiivka.",
        "On 17 February 2020, Russian forces regained control of Avdiivka.",
    ):
        assert ("russian_forces", "captured", "Avdiivka", "2020-02-17", "day") in claims_of(text), text


def test_boilerplate_never_hides_a_claim():
    for tail in (
        "with no fatalities reported",
        "according to local sources",
        "with neither injuries nor fatalities reported",
    ):
        text = f"On 4 May 2020, the Turkish forces captured Azaz {tail}."
        assert ("turkish_forces", "captured", "Azaz", "2020-05-04", "day") in claims_of(text), tail


def test_taking_things_or_people_is_no_capture_of_the_place():
    assert not {s for _, s, *_ in claims_of("On 4 May 2020, Iraqi forces seized weapons in Mosul.")} & {
        "captured"
    }
    assert not {
        s for _, s, *_ in claims_of("On 4 May 2020, Iraqi forces captured two commanders in Mosul.")
    } & {"captured"}


def test_people_taken_by_a_passive_cue_or_crowds_in_the_streets_are_no_capture():
    for text in (
        "On 4 May 2020, ten doctors were captured by Islamic State gunmen in Sirte.",
        "On 4 May 2020, dozens of residents took to the streets of Sirte to protest.",
        "On 4 May 2020, three PKK militants were killed, injured or captured in Kagizman.",
        "On 4 May 2020, in Floresta, police forces seized 3,1 tons of marijuana hidden in a truck.",
        "On 4 May 2020, in Baalbek, soldiers took down the protesters' tents.",
    ):
        assert "captured" not in {s for _, s, *_ in claims_of(text)}, text
    assert "captured" in {s for _, s, *_ in claims_of("On 4 May 2020, Sirte was captured by Islamic State.")}


def test_a_cue_after_to_is_the_aim_not_the_deed():
    got = claims_of("On 4 May 2020, Iraqi forces launched an offensive to retake Mosul.")
    assert {s for _, s, *_ in got} == {"offensive"}


def test_a_grenade_thrown_at_soldiers_is_a_fight_not_shelling():
    """A cue with a wildcard ("hurled * against") is two-sided like its plain forms."""
    got = claims_of("On 5 May 2020, al Shabaab fighters hurled a hand grenade against soldiers in Afgooye.")
    assert {s for _, s, *_ in got} == {"contested"}


def test_killing_a_fighter_contests_the_place_killing_a_civilian_does_not():
    got = claims_of("On 17 February 2020, unidentified gunmen shot and killed a regime fighter in Kafr Nubl.")
    assert {(s, p) for _, s, p, *_ in got} == {("contested", "Kafr Nubl")}
    assert not claims_of("On 17 February 2020, unidentified gunmen shot and killed a shepherd in Kafr Nubl.")
    # passive: the victim stands before the cue, the killers after it
    got = claims_of("On 8 May 2020, a soldier was shot and killed by IS militants in Khanaqin.")
    assert {s for _, s, *_ in got} == {"contested"}
    assert not claims_of("On 8 May 2020, a farmer was shot and killed by IS militants in Khanaqin.")


def test_managed_to_take_is_the_deed():
    got = claims_of("On 16 February 2020, al Shabaab fighters managed to take full control of Afgooye.")
    assert ("al_shabaab", "captured", "Afgooye", "2020-02-16", "day") in got


def test_taking_the_village_is_about_the_place_named_before():
    text = (
        "On 4 January 2020, al Shabaab fighters clashed with SNA forces in Afgooye. "
        "Al Shabaab fighters then overran the town."
    )
    got = claims_of(text)
    assert ("al_shabaab", "captured", "Afgooye", "2020-01-04", "day") in got  # dated as the fight
    assert not {s for _, s, *_ in got} & {"contested"}  # the fight ended in the capture
    assert {s for _, s, *_ in claims_of("On 4 January 2020, al Shabaab fighters overran the town.")} == set()
    text = (
        "On 21 March 2020, al Shabaab fighters attacked an army base in Afgooye. "
        "After an hour of fighting the attackers took over the base."
    )
    assert ("al_shabaab", "captured", "Afgooye", "2020-03-21", "day") in claims_of(text)  # who: as before


def test_a_place_taken_and_retaken_the_same_day_is_contested():
    text = (
        "On 1 February 2020, opposition forces took control of Saraqib before regime forces "
        "regained control of the town."
    )
    got = claims_of(text)
    assert {(a, s) for a, s, *_ in got} == {
        ("syrian_opposition", "contested"),
        ("syrian_government", "contested"),
    }


def test_a_base_set_up_holds_the_place():
    got = claims_of("On 14 February 2020, Turkish forces set up a new military post in Taftanaz.")
    assert ("turkish_forces", "held", "Taftanaz", "2020-02-14", "day") in got
    got = claims_of("On 12 February 2020, the Turkish army is stationed in Atarib.")
    assert {s for _, s, *_ in got} == {"held"}


# --- dates --------------------------------------------------------------------------------------


def test_full_dates_keep_their_day():
    [d] = find_dates("On 2 November, 2019, clashes took place", date(2019, 11, 5), "en")
    assert (d.date, d.precision) == (date(2019, 11, 2), "day")
    [d] = find_dates("al Shabaab entered the town on 26/01", date(2016, 1, 30), "en")
    assert (d.date, d.precision) == (date(2016, 1, 26), "day")
    [d] = find_dates("an operation launched on Jan.9", date(2016, 3, 1), "en")
    assert d.date == date(2016, 1, 9)


# --- places -----------------------------------------------------------------------------------


def test_a_village_the_gazetteer_lacks_is_placed_near_its_named_parent():
    text = "On 3 February 2020, regime forces captured the village of Zzyqat near Saraqib."
    result = parse_article(make_article(text, published="2020-02-05", language="en"))
    village = next(p for p in result.places if p.mention == "Zzyqat")
    parent = next(p for p in result.places if p.mention == "Saraqib")
    assert village.precision == "near" and parent.precision == "exact"
    assert village.place.geonameid == parent.place.geonameid
    assert village.confidence < parent.confidence
    assert [(c.place.mention, c.status) for c in result.claims] == [("Zzyqat", "captured")]  # not its parent


def test_a_village_located_by_its_distance_from_a_town_is_placed_there():
    text = "On 26 March 2020, al Shabaab attacked an army base in Qwzzelasha (12km SE of Afgooye)."
    result = parse_article(make_article(text, published="2020-03-27", language="en"))
    village = next(p for p in result.places if p.mention == "Qwzzelasha")
    parent = next(p for p in result.places if p.mention == "Afgooye")
    assert village.precision == "near"
    assert 11 < haversine_km(village.place.lat, village.place.lon, parent.place.lat, parent.place.lon) < 13
    assert [(c.place.mention, c.status) for c in result.claims] == [("Qwzzelasha", "contested")]


def test_a_village_whose_words_are_other_places_is_one_village():
    text = "On 1 February 2020, regime forces took Tall Rahal in the north eastern countryside of Aleppo."
    result = parse_article(make_article(text, published="2020-02-02", language="en"))
    assert [(p.mention, p.precision) for p in result.places] == [("Tall Rahal", "near"), ("Aleppo", "exact")]
    assert [(c.place.mention, c.status) for c in result.claims] == [("Tall Rahal", "captured")]


def test_a_fragment_of_a_longer_name_is_no_villages_parent():
    text = "On 20 April 2020, SNA forces clashed with al Shabaab in Qwzzarad village (21km SE of Ceel Buur)."
    result = parse_article(make_article(text, published="2020-04-21", language="en"))
    assert not [p for p in result.places if p.mention == "Qwzzarad"]  # "Ceel" is not Eyl: no parent


def test_a_namesake_thousands_of_km_away_in_a_country_not_named_is_left_unresolved(gaz):
    def mention(start, name, cands):
        return Mention(start, start + len(name), name, normalize_name(name), candidates=tuple(cands))

    manbij = gaz.lookup("manbij")
    raqqa = gaz.lookup(normalize_name("Raqqa"))
    honolulu = gaz.lookup("honolulu")
    mentions = [mention(0, "Manbij", manbij), mention(10, "Raqqa", raqqa), mention(20, "Halawa", honolulu)]
    resolved = resolve_mentions(mentions, gaz, text="", actors=[])
    assert [p.mention for p in resolved] == ["Manbij", "Raqqa"]
    alone = resolve_mentions([mention(0, "Halawa", honolulu)], gaz, text="", actors=[])
    assert [p.place.name for p in alone] == ["Honolulu"]  # nothing else named: nothing to be far from


def test_towns_of_a_country_not_named_that_cluster_are_no_namesakes_abroad(gaz):
    """A report names Canada and a Canadian town, and then Texas, Houston and Dallas, which lie
    together: they are what it is about, not namesakes far from the towns of the named country."""

    def mention(start, name):
        key = normalize_name(name)
        return Mention(start, start + len(name), name, key, candidates=tuple(gaz.lookup(key)))

    names = ["Canada", "Montreal", "Texas", "Houston", "Dallas"]
    mentions = [mention(20 * i, name) for i, name in enumerate(names)]
    resolved = {p.mention: p.place for p in resolve_mentions(mentions, gaz, text="", actors=[])}
    assert set(resolved) == set(names)
    assert resolved["Texas"].kind == "admin1" and resolved["Texas"].country_code == "US"
    assert resolved["Houston"].country_code == resolved["Dallas"].country_code == "US"
    assert resolved["Montreal"].country_code == "CA"
    # Two far towns alone do not make a cluster: the namesake in Hawaii still goes.
    lone = [mention(0, "Manbij"), mention(10, "Raqqa"), mention(20, "Canada"), mention(30, "Honolulu")]
    assert "Honolulu" not in {p.mention for p in resolve_mentions(lone, gaz, text="", actors=[])}


def test_a_town_written_as_a_modifier_names_no_country(gaz):
    """ "Komo-Mondah" reads as Como, Italy, written as the first part of a compound (an
    adjective's mention): it must not make Italy a country the report names, which would turn
    Libreville into Charleville-Mézières (once called Libreville) and drop Gabon's Estuaire."""
    text = "Teachers demonstrated in Libreville city (Komo-Mondah, Estuaire) over unpaid salaries."
    found = {text[p.start : p.end]: p.place.country_code for p in geoparse_text(text, "en", gaz)}
    assert found.get("Libreville") == "GA" and found.get("Estuaire") == "GA"
    assert "IT" not in found.values()


def test_preferred_places_win_and_keep_the_resolvers_readings(gaz):
    text = "On 4 May 2020, fighting was reported in Tripoli."
    article = make_article(text, published="2020-05-05", language="en")
    first = next(p for p in parse_article(article, gaz).places if p.mention == "Tripoli")
    other = next(p for p in first.alternatives if p.country_code != first.place.country_code)
    chosen = next(p for p in parse_article(article, gaz, preferred={first.key: other.geonameid}).places)
    assert chosen.place.geonameid == other.geonameid and chosen.confidence == PREFERRED_CONFIDENCE
    assert first.place.geonameid in {p.geonameid for p in chosen.alternatives}
    unknown = parse_article(article, gaz, preferred={first.key: 1}).places[0]  # not a candidate: unchanged
    assert unknown.place.geonameid == first.place.geonameid


# --- the command line ---------------------------------------------------------------------------


def run_geo(*args):
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_parse_jsonl_prints_claims_with_each_lines_date_and_language(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        json.dumps(
            {
                "id": "a",
                "text": "Russian forces captured Avdiivka on Saturday.",
                "published": "2024-02-19",
                "language": "en",
            }
        )
        + "\n"
        + json.dumps({"id": "b", "text": "Les forces russes ont pris Avdiivka.", "language": "fr"})
        + "\n",
        encoding="utf-8",
    )
    proc = run_geo("parse", "--jsonl", str(docs))
    assert proc.returncode == 0, proc.stderr
    a, b = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(c["actor"], c["status"], c["date"]) for c in a["claims"]] == [
        ("russian_forces", "captured", "2024-02-17")
    ]
    assert a["places"] and "precision" in a["places"][0]
    assert "claims" in b


def test_parse_reads_html_as_ingest_does(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(
        "<html><head><title>Front</title></head><body><nav>Home | World</nav><article><h1>Avdiivka</h1>"
        "<p>Russian forces captured Avdiivka on 17 February 2024 after months of fighting.</p>"
        "<p>Ukrainian units withdrew to new lines west of the town, the general staff said.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    proc = run_geo("parse", str(page), "--published", "2024-02-18", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert "<p>" not in json.dumps(out) and out["article"]["published"] == "2024-02-18"
    assert ("russian_forces", "captured") in {(c["actor"], c["status"]) for c in out["claims"]}


def test_a_name_qualified_by_its_province_is_read_inside_it():
    """In "Pisky, Donetsk" the gazetteer's Piskys lie in other provinces, so the village is placed
    near the province's town (precision near), and the qualifier gets no claim of its own."""
    text = "On 3 May 2020, separatists attacked Ukrainian positions near Pisky, Donetsk. Shots near Pisky."
    result = parse_article(make_article(text, published="2020-05-04", language="en"))
    piskys = [p for p in result.places if p.mention == "Pisky"]
    assert len(piskys) == 2 and all((p.place.admin1, p.precision) == ("05", "near") for p in piskys)
    assert {c.place.mention for c in result.claims} == {"Pisky"}


def test_a_name_the_gazetteer_lacks_before_its_province_is_placed_near_it():
    text = "On 3 May 2020, Russian forces clashed with Ukrainian forces near Qwzzivka, Donetsk."
    result = parse_article(make_article(text, published="2020-05-04", language="en"))
    village = next(p for p in result.places if p.mention == "Qwzzivka")
    assert (village.place.country_code, village.place.admin1, village.precision) == ("UA", "05", "near")
    assert [c.place.mention for c in result.claims] == ["Qwzzivka"]


def test_a_list_of_provinces_qualifies_none_of_its_towns():
    text = "On 3 May 2020, regime forces clashed with rebels in Aleppo, Idlib and Hama."
    result = parse_article(make_article(text, published="2020-05-04", language="en"))
    aleppo = next(p for p in result.places if p.mention == "Aleppo")
    assert aleppo.precision == "exact" and aleppo.place.name == "Aleppo"


def test_a_place_in_a_country_the_report_gives_no_ground_for_gets_no_claim():
    """The gazetteer's only Mundri is in Indonesia; the SPLM-IO fights in South Sudan, so the
    report's ground is South Sudan and its neighbours, and Indonesia gets no claim."""
    claims = claims_of("On 3 May 2020, SPLM-IO fighters clashed with government troops in Mundri.")
    assert claims == set()
    lone = parse_article(make_article("On 3 May 2020, fighting was reported in Mundri.", language="en"))
    assert [c.place.mention for c in lone.claims] == ["Mundri"]  # no ground at all: nothing to weigh


def test_a_country_the_report_names_is_ground_for_its_places():
    claims = claims_of("On 3 May 2020, Turkish forces clashed with LNA fighters in Gharyan, Libya.")
    assert {(status, place) for _, status, place, *_ in claims} == {("contested", "Gharyan")}


def test_a_defence_against_an_attack_is_a_fight_for_the_place():
    """Repelling an attack takes two sides, named or not: the place is contested."""
    assert claims_of("On 3 July 2023, Russian forces repelled Ukrainian attacks near Kupiansk.") == {
        ("russian_forces", "contested", "Kupiansk", "2023-07-03", "day")
    }
    thwarted = claims_of("On 3 May 2020, pro-Hadi forces thwarted a Houthi attack on Marib.")
    assert {(status, place) for _, status, place, *_ in thwarted} == {("contested", "Marib")}


def test_fire_from_aircraft_is_an_offensive_not_a_fight():
    """Aircraft over armed positions fire from afar: an offensive on the place, no clash."""
    claims = claims_of("On 9 May 2020, the LNA air force targeted GNA positions in Gharyan.")
    assert {(status, place) for _, status, place, *_ in claims} == {("offensive", "Gharyan")}
    mob = claims_of("On 2 May 2020, villagers clashed with police officers in Gharyan over a land dispute.")
    assert mob == set()


def test_a_demonym_before_a_state_noun_names_that_states_forces():
    """ "Rwandan soldiers", "Tunisian forces": the state forces of that country, whether or not
    the gazetteer's demonyms list it (English demonyms come from countryinfo)."""
    claims = claims_of("On 8 May 2020, Rwandan soldiers clashed with M23 rebels in Gisenyi.")
    assert {actor for actor, *_ in claims} == {"forces_of_rwanda"}


def test_a_town_that_names_the_province_of_the_place_before_it_is_its_container():
    """ "near Krynky, Kherson": Kherson names the province Krynky lies in, whatever its size,
    and gets no claim; a list goes on only into another name ("Luhansk, but were repelled")."""
    text = "On 10 March 2024, Russian forces clashed with Ukrainian forces near Krynky, Kherson."
    assert [place for _, _, place, *_ in claims_of(text, "2024-03-11")] == ["Krynky"]
    text = "On 16 March 2023, Russian forces clashed with Ukrainians near Qwzzivka, Luhansk, but withdrew."
    result = parse_article(make_article(text, published="2023-03-17", language="en"))
    assert [(c.place.mention, c.place.precision) for c in result.claims] == [("Qwzzivka", "near")]


# --- real phrasing of attacks and clashes (issue 11) -----------------------------------------


def test_an_abbreviation_or_an_initial_ends_no_sentence():
    from geo.parse.cues import sentences

    text = "Al Shabaab ambushed a convoy near Laas (approx. 16km W of Marka). U.S. forces left 1.5 km away."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Al Shabaab ambushed a convoy near Laas (approx. 16km W of Marka).",
        "U.S. forces left 1.5 km away.",
    ]


def test_an_attack_contests_a_place_only_when_what_it_hits_is_armed():
    """The other side is the attack's object, not any actor the sentence names."""
    got = claims_of("On 2 May 2020, suspected al Shabaab gunmen attacked and injured a judge in Baardheere.")
    assert "contested" not in {s for _, s, *_ in got}
    got = claims_of(
        "On 5 May 2020, the NAF rebel forces fired grenade launchers, heavy machine guns and small arms at "
        "the governmental positions near Avdiivka."
    )
    assert {s for _, s, *_ in got} == {"contested"}


def test_a_bomb_is_fire_from_afar_no_fight():
    got = claims_of("On 3 May 2020, an IED planted by al Shabaab killed four soldiers in Lamu.")
    assert "contested" not in {s for _, s, *_ in got}


def test_a_negated_cue_takes_no_place_from_the_clash():
    got = claims_of(
        "On 10 February 2020 clashes took place between regime forces and opposition rebels in Kafr Nubl "
        "with no advances reported."
    )
    assert ("syrian_government", "contested", "Kafr Nubl", "2020-02-10", "day") in got


def test_people_captured_in_a_fight_do_not_make_it_a_capture():
    """People "captured" take no place: the fight for the town stays a contest."""
    got = claims_of(
        "On 21 May 2020, one al-Shabaab commander was killed and another captured during heavy fighting "
        "between the militants and Somali National Army (SNA) in Baidoa town."
    )
    assert "contested" in {s for _, s, *_ in got}


def test_a_crowd_word_far_from_the_clash_is_no_side_of_it():
    got = claims_of(
        "On 25 February 2020, clashes in Sabratha resulted in the death of Mohamed Falah, a colleague of a "
        "prominent Islamic State activist."
    )
    assert "contested" in {s for _, s, *_ in got}
    assert not claims_of("On 25 February 2020, protesters clashed with police in Sabratha.")
    assert not claims_of(
        "On 6 January 2020, two people were injured in Mbale as police clashed with the opposition "
        "presidential candidate's supporters."
    )
    assert not claims_of("On 3 May 2020, petroleum marketers clashed with security forces in Udu.")


def test_villages_placed_at_one_namesake_abroad_are_one_piece_of_evidence():
    """Two names placed at the same gazetteer entry abroad do not vouch for each other against the
    actor's countries; a place in an actor's country stays."""
    from geo.model import Place, ResolvedPlace
    from geo.parse.actors import ActorMention
    from geo.parse.claim_places import foreign_places

    basel = Place(1, "Basel", 47.56, 7.57, "CH", "city", 170000, "BS")
    bale = ResolvedPlace(40, 44, "Bale", basel, 0.5, key="bale")
    hofi = ResolvedPlace(30, 34, "Hofi", basel, 0.3, key="hofi", precision="near")
    ola = ActorMention(0, 3, "ola", "OLA")
    assert foreign_places([hofi, bale], [ola]) == {30, 40}
    robe = ResolvedPlace(50, 54, "Robe", Place(2, "Robe", 7.11, 40.0, "ET", "city", 50000, "44"), 0.5)
    assert foreign_places([robe], [ola]) == set()


def test_a_front_named_by_its_village_is_placed_near_its_province():
    got = claims_of(
        "On 10 February 2020 clashes took place between regime forces and opposition rebels on Talhiyeh "
        "front in Idleb."
    )
    assert {(s, p) for _, s, p, *_ in got} == {("contested", "Talhiyeh")}


def test_fire_observed_with_small_arms_is_a_clash_whoever_fired():
    """Small-arms fire, or fire "in both directions of the frontline", is fighting at the place
    even when the report names neither side; explosions alone are shelling, no claim."""
    got = claims_of("On 7 May 2020, the OSCE SMM observed 97 shots involving small arms near Avdiivka.")
    assert {(a, s, p) for a, s, p, *_ in got} == {("unnamed_sides", "contested", "Avdiivka")}
    assert not claims_of("On 7 May 2020, the OSCE SMM observed 97 explosions of mortars near Avdiivka.")


def test_present_tense_killings_and_assassinations_of_armed_men_contest_the_place():
    got = claims_of("On 2 February 2020, security forces kill four members of al Shabaab in Afgooye.")
    assert "contested" in {s for _, s, *_ in got}
    assert "contested" in {
        s
        for _, s, *_ in claims_of(
            "On 30 April 2020, an IS member assassinated a regime military intelligence officer in Kafr Nubl."
        )
    }


def test_an_attack_in_a_sentence_of_clashes_is_part_of_the_fight():
    got = claims_of(
        "On 9 May 2020, clashes took place between former rebels and regime forces in Kafr Nubl amid regime "
        "artillery attacks on Maarrat al-Numan."
    )
    assert ("contested", "Maarrat al-Numan") in {(s, p) for _, s, p, *_ in got}


def test_a_place_that_is_only_the_head_of_an_arabic_name_gets_no_claim():
    """ "Wadi" of "Wadi al-Rabi", "Dar" of "Dar'a": part of a longer name, not a namesake of it."""
    from geo.model import Place, ResolvedPlace
    from geo.parse.claim_places import is_fragment

    oued = Place(3, "El Oued", 33.37, 6.86, "DZ", "city", 130000, "01")
    for text, name in (
        ("GNA and LNA forces clashed in Wadi al-Rabi.", "Wadi"),
        ("Clashes in Dar'a countryside.", "Dar"),
        ("IS fighters attacked Ras Al Ain.", "Ras"),
    ):
        start = text.index(name)
        place = ResolvedPlace(start, start + len(name), name, oued, 0.5, key=name.lower())
        assert is_fragment(text, 0, place, [], "en"), text
    text = "Turkish forces captured Raqqa's outskirts at dawn."
    raqqa = ResolvedPlace(24, 29, "Raqqa", oued, 0.5, key="raqqa")
    assert not is_fragment(text, 0, raqqa, [], "en")
