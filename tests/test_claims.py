"""Dates, actors and claims on real sentences in several languages, through the real pipeline."""

import itertools
from datetime import date
from pathlib import Path

import pytest

from geo.evaluate.claims import claim_matches
from geo.parse.actors import actor_colour, actor_name, all_actors, find_actors
from geo.parse.dates import find_dates
from geo.parse.pipeline import parse_article
from geo.text.articles import make_article, read_text_file

SEED = Path(__file__).resolve().parent.parent / "data" / "articles" / "antaranews-iraq-alqaim-rawa.txt"
PUB = date(2017, 10, 26)  # a Thursday


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("id", "kata militer pada Rabu", ("Rabu", "2017-10-25", "2017-10-25", "day")),
        ("en", "the army said on Wednesday", ("Wednesday", "2017-10-25", "2017-10-25", "day")),
        ("id", "jatuh pada pekan lalu", ("pekan lalu", "2017-10-16", "2017-10-22", "week")),
        ("en", "fell last week", ("last week", "2017-10-16", "2017-10-22", "week")),
        ("en", "retaken over the weekend", ("over the weekend", "2017-10-21", "2017-10-22", "week")),
        ("id", "runtuh pada Juli", ("Juli", "2017-07-01", "2017-07-31", "month")),
        ("en", "retaken in November", ("November", "2016-11-01", "2016-11-30", "month")),
        ("id", "pada 28 September lalu", ("28 September", "2017-09-28", "2017-09-28", "day")),
        ("id", "pada pertengahan 2014", ("pertengahan 2014", "2014-05-01", "2014-08-31", "month")),
        ("en", "in mid-2014", ("mid-2014", "2014-05-01", "2014-08-31", "month")),
        ("en", "on June 10, 2014", ("June 10, 2014", "2014-06-10", "2014-06-10", "day")),
        ("fr", "le 10 juin 2014", ("10 juin 2014", "2014-06-10", "2014-06-10", "day")),
        ("fr", "hier soir", ("hier", "2017-10-25", "2017-10-25", "day")),
        ("ar", "في 10 حزيران 2014", ("10 حزيران 2014", "2014-06-10", "2014-06-10", "day")),
        ("ru", "10 июня 2014 года", ("10 июня 2014", "2014-06-10", "2014-06-10", "day")),
        ("uk", "минулого тижня", ("минулого тижня", "2017-10-16", "2017-10-22", "week")),
        ("es", "ayer por la tarde", ("ayer", "2017-10-25", "2017-10-25", "day")),
        ("en", "in 2015", ("2015", "2015-01-01", "2015-12-31", "year")),
    ],
)
def test_dates_keep_the_precision_the_text_gives(language, text, expected):
    found = find_dates(text, PUB, language)
    assert found, text
    t = found[0]
    assert (t.text, t.date.isoformat(), t.date_end.isoformat(), t.precision) == expected
    assert text[t.start : t.end] == t.text


def test_may_the_verb_is_no_month():
    assert [t.text for t in find_dates("Iraqi forces may retake Mosul soon.", PUB, "en")] == []


def test_actors_from_data():
    ids = {a.id for a in all_actors()}
    assert {
        "islamic_state",
        "iraqi_forces",
        "pmf",
        "peshmerga",
        "syrian_government",
        "sdf",
        "us_coalition",
        "turkish_forces",
        "russian_forces",
        "ukrainian_forces",
    } <= ids
    assert all(actor_colour(i).startswith("#") and len(actor_colour(i)) == 7 for i in ids)
    assert actor_name("islamic_state") == "Islamic State"
    text = (
        "Daesh, ISIL, Negara Islam, داعش, l'État islamique and ИГИЛ are one group; the town is not IS-free."
    )
    found = [(m.text, m.actor) for m in find_actors(text)]
    assert [t for t, _ in found] == ["Daesh", "ISIL", "Negara Islam", "داعش", "État islamique", "ИГИЛ", "IS"]
    assert {a for _, a in found} == {"islamic_state"}
    assert not [m for m in find_actors("This is what it is.") if m.actor == "islamic_state"]
    assert [m.actor for m in find_actors("pasukan sekutu pimpinan Kurdi dan pasukan pemerintah Suriah")] == [
        "sdf",
        "syrian_government",
    ]


def test_actors_on_one_battlefield_have_colours_a_reader_tells_apart():
    """Actors that fight in a common country never share a hue on the map (RGB distance >= 80)."""

    def rgb(colour):
        return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]

    for a, b in itertools.combinations(all_actors(), 2):
        if set(a.countries) & set(b.countries):
            distance = sum((x - y) ** 2 for x, y in zip(rgb(a.colour), rgb(b.colour))) ** 0.5
            assert distance >= 80, (a.id, a.colour, b.id, b.colour)


def test_user_actor_file_extends_the_list(tmp_path, monkeypatch):
    extra = tmp_path / "more.csv"
    extra.write_text(
        "id,name,kind,colour,aliases\nwagner,Wagner Group,non-state,#333333,Wagner|PMC Wagner|ЧВК Вагнер\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TIDEMARK_ACTORS", str(extra))
    assert [m.actor for m in find_actors("Fighters of PMC Wagner entered the town.")] == ["wagner"]


@pytest.fixture(scope="module")
def seed_claims():
    return [c.to_dict() for c in parse_article(read_text_file(SEED, published="2017-10-26")).claims]


SEED_EXPECTED = [
    {
        "place": "Mosul",
        "lat": 36.335,
        "lon": 43.11889,
        "actor": "iraqi_forces",
        "status": "captured",
        "date": "2017-07-01",
        "date_precision": "month",
    },
    {
        "place": "Raqqa",
        "lat": 35.95283,
        "lon": 39.00788,
        "actor": "us_coalition",
        "status": "captured",
        "date": "2017-10-16",
        "date_precision": "week",
    },
    {
        "place": "al-Qaim",
        "lat": 34.39251,
        "lon": 40.98945,
        "actor": "islamic_state",
        "status": "held",
        "date": "2017-10-25",
        "date_precision": "day",
    },
    {
        "place": "Rawa",
        "lat": 34.48229,
        "lon": 41.91898,
        "actor": "islamic_state",
        "status": "held",
        "date": "2017-10-25",
        "date_precision": "day",
    },
    {
        "place": "al-Qaim",
        "lat": 34.39251,
        "lon": 40.98945,
        "actor": "iraqi_forces",
        "status": "offensive",
        "date": "2017-10-25",
        "date_precision": "day",
    },
]


@pytest.mark.parametrize("expected", SEED_EXPECTED, ids=lambda e: f"{e['place']}-{e['status']}")
def test_seed_claims_each_once_with_their_quote(seed_claims, expected):
    hits = [c for c in seed_claims if claim_matches(c, expected)]
    assert len(hits) == 1, seed_claims
    assert hits[0]["quote"] and hits[0]["mention"] in hits[0]["quote"]


def test_seed_raqqa_week_and_no_baghdad(seed_claims):
    raqqa = next(c for c in seed_claims if c["place"] == "Ar Raqqah")
    assert (raqqa["date"], raqqa["date_end"]) == ("2017-10-16", "2017-10-22")
    assert not [c for c in seed_claims if c["place"] == "Baghdad"]
    assert not [c for c in seed_claims if c["date"] and c["date"] < "2017-01-01"]  # mid-2014 is no capture


@pytest.mark.parametrize(
    "language, published, text, expected",
    [
        (
            "en",
            "2017-07-12",
            "Iraqi forces retook Mosul in July after a nine-month battle.",
            ("iraqi_forces", "captured", "Mosul", "2017-07-01"),
        ),
        (
            "en",
            "2017-10-26",
            "Raqqa fell to the Syrian Democratic Forces last week.",
            ("sdf", "captured", "Ar Raqqah", "2017-10-16"),
        ),
        (
            "en",
            "2015-05-20",
            "Islamic State militants seized Ramadi on Sunday.",
            ("islamic_state", "captured", "Ramadi", "2015-05-17"),
        ),
        (
            "en",
            "2016-10-17",
            "Iraqi troops launched an offensive to retake Mosul on Monday.",
            ("iraqi_forces", "offensive", "Mosul", "2016-10-17"),
        ),
        (
            "en",
            "2016-08-31",
            "Islamic State fighters withdrew from Manbij on Friday.",
            ("islamic_state", "withdrawn", "Manbij", "2016-08-26"),
        ),
        (
            "id",
            "2017-07-11",
            "Pasukan Irak merebut kembali Mosul dari ISIS kemarin.",
            ("iraqi_forces", "captured", "Mosul", "2017-07-10"),
        ),
        (
            "id",
            "2016-02-01",
            "Kota Raqqa masih dikuasai kelompok Negara Islam.",
            ("islamic_state", "held", "Ar Raqqah", "2016-02-01"),
        ),
        (
            "fr",
            "2017-10-20",
            "Les Forces démocratiques syriennes ont repris Raqqa mardi.",
            ("sdf", "captured", "Ar Raqqah", "2017-10-17"),
        ),
        (
            "es",
            "2017-07-11",
            "Las fuerzas iraquíes recuperaron Mosul ayer.",
            ("iraqi_forces", "captured", "Mosul", "2017-07-10"),
        ),
        (
            "ar",
            "2014-06-12",
            "سيطر تنظيم داعش على الموصل في 10 حزيران 2014.",
            ("islamic_state", "captured", "Mosul", "2014-06-10"),
        ),
        (
            "ar",
            "2014-08-05",
            "سيطر تنظيم داعش على البوكمال في تموز، بحسب مصادر محلية.",
            ("islamic_state", "captured", "Ālbū Kamāl", "2014-07-01"),
        ),
        (
            "ar",
            "2016-01-09",
            "أربيل (تايدمارك) - ما زالت تلعفر تحت سيطرة تنظيم الدولة.",
            ("islamic_state", "held", "Tall ‘Afar", "2016-01-09"),
        ),
        (
            "ru",
            "2017-03-03",
            "Сирийская армия освободила Пальмиру вчера.",
            ("syrian_government", "captured", "Tadmur", "2017-03-02"),
        ),
        (
            "uk",
            "2022-11-12",
            "Українські війська звільнили Херсон вчора.",
            ("ukrainian_forces", "captured", "Kherson", "2022-11-11"),
        ),
        # Turkish: verb last, a case suffix after an apostrophe, "IŞİD'den" (from ISIS) is no agent
        (
            "tr",
            "2017-07-11",
            "Irak ordusu dün Musul'u IŞİD'den geri aldı.",
            ("iraqi_forces", "captured", "Mosul", "2017-07-10"),
        ),
        (
            "tr",
            "2016-01-09",
            "Tel Afer hâlâ IŞİD'in kontrolünde.",
            ("islamic_state", "held", "Tall ‘Afar", "2016-01-09"),
        ),
        (
            "en",
            "2018-04-15",
            "Syrian government forces retook Eastern Ghouta on Saturday.",
            ("syrian_government", "captured", "Eastern Ghouta", "2018-04-14"),
        ),
        (
            "en",
            "2022-05-21",
            "Russian forces took full control of Mariupol on Friday.",
            ("russian_forces", "captured", "Mariupol", "2022-05-20"),
        ),
        (
            "en",
            "2015-01-27",
            "Kurdish YPG fighters drove Islamic State out of Kobani on Monday.",
            ("sdf", "captured", "‘Ayn al ‘Arab", "2015-01-26"),
        ),
        # entering a town the other side left is taking it
        (
            "en",
            "2022-11-12",
            "Ukrainian forces entered Kherson on Friday after Russian troops withdrew.",
            ("ukrainian_forces", "captured", "Kherson", "2022-11-11"),
        ),
        (
            "id",
            "2022-11-12",
            "Pasukan Ukraina memasuki Kherson pada Jumat setelah tentara Rusia mundur.",
            ("russian_forces", "withdrawn", "Kherson", "2022-11-11"),
        ),
        (
            "en",
            "2014-12-11",
            "Fighting raged in Baiji yesterday, with Iraqi security forces holding parts of the city.",
            ("iraqi_forces", "contested", "Bayjī", "2014-12-10"),
        ),
        (
            "fr",
            "2017-08-22",
            "L'armée irakienne a déclenché dimanche l'assaut pour reprendre Tal Afar, "
            "selon des sources sur place.",
            ("iraqi_forces", "offensive", "Tall ‘Afar", "2017-08-20"),
        ),
        (
            "ar",
            "2018-09-11",
            "بدأت قوات سوريا الديمقراطية عملية عسكرية لاستعادة هجين في 10 أيلول.",
            ("sdf", "offensive", "Hajīn", "2018-09-10"),
        ),
        (
            "id",
            "2014-07-08",
            "Militan ISIS menguasai Shirqat pada Juni setelah pertempuran sengit.",
            ("islamic_state", "captured", "Ash Sharqāt", "2014-06-01"),
        ),
        (
            "en",
            "2016-12-12",
            "Islamic State fighters recaptured Palmyra on Sunday as Syrian troops withdrew.",
            ("syrian_government", "withdrawn", "Tadmur", "2016-12-11"),
        ),
        # "menguasai" dated to a day is the taking; with "masih" (still) it is the holding
        (
            "id",
            "2014-06-13",
            "Militan Negara Islam menguasai Tikrit pada Rabu, kata warga.",
            ("islamic_state", "captured", "Tikrīt", "2014-06-11"),
        ),
        (
            "id",
            "2017-06-15",
            "ISIS masih menguasai Hawija pada Rabu.",
            ("islamic_state", "held", "Al Ḩawījah", "2017-06-14"),
        ),
    ],
)
def test_claims_in_many_languages(language, published, text, expected):
    claims = parse_article(make_article(text, published=published, language=language)).claims
    got = {(c.actor, c.status, c.place.place.name, c.date.isoformat()) for c in claims}
    assert expected in got, got


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi forces failed to take Tal Afar on Monday.",  # negation
        "The weather in Mosul was hot on Monday.",  # no actor, no cue
        "Islamic State captured the hearts of no one.",  # no place
        "Iraqi forces took control of the Middle East on Monday.",  # a macro-region is nobody's ground
        "Russian forces seized the Black Sea on Monday.",  # nor is a sea
        # a dateline
        "BAGHDAD (Reuters) - Iraqi forces said they were ready, "
        "according to a statement from the ministry in Baghdad.",
        # where fighters go is not where they left: a withdrawal's destination is no claim
        "Islamic State fighters retreated to Raqqa after the battle, the army said.",
        "Islamic State fighters withdrew to Raqqa on Monday.",
        # declaring is no capture
        "Pemimpin ISIS Abu Bakr al-Baghdadi menyatakan berdirinya Khilafah dari Mosul.",
    ],
)
def test_no_claim_rather_than_a_guess(text):
    language = "id" if "Pemimpin" in text else "en"
    assert parse_article(make_article(text, published="2017-10-26", language=language)).claims == ()


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Baghdad said Iraqi forces retook Mosul on Monday.",  # the speaker before "said"
        "Iraqi forces retook Mosul on Monday, the defence ministry in Baghdad said.",
        "Iraqi forces retook Mosul on Monday, said a spokesman in Baghdad.",  # the speaker after it
    ],
)
def test_where_a_statement_is_made_is_no_claim(text):
    claims = parse_article(make_article(text, published="2017-07-11", language="en")).claims
    assert {(c.place.place.name, c.actor, c.status) for c in claims} == {
        ("Mosul", "iraqi_forces", "captured")
    }


def test_hedge_lowers_confidence_and_is_flagged():
    plain = parse_article(
        make_article("IS still holds Hajin.", published="2017-10-26", language="en")
    ).claims[0]
    hedged = parse_article(
        make_article("IS reportedly still holds Hajin.", published="2017-10-26", language="en")
    ).claims[0]
    assert "hedged" in hedged.flags and hedged.confidence < plain.confidence
    assert "publication_date" in plain.flags and plain.date == date(2017, 10, 26)


def test_future_date_is_flagged_not_dropped():
    claims = parse_article(
        make_article("Iraqi forces retook Mosul on 10 July 2018.", published="2017-10-26", language="en")
    ).claims
    assert claims and "future_date" in claims[0].flags


def test_repeated_paragraphs_give_one_claim():
    text = "Raqqa fell to the SDF last week.\n\nRaqqa fell to the SDF last week."
    assert len(parse_article(make_article(text, published="2017-10-26", language="en")).claims) == 1


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Islamic State fighters withdrew from Tabqa to Raqqa on Monday."),
        ("en", "Islamic State fighters withdrew from Tabqa towards the city of Raqqa on Monday."),
        ("fr", "Les combattants de l'EI se sont retirés de Tabqa vers Raqqa lundi."),
        ("id", "Pasukan ISIS mundur dari Tabqa ke Raqqa pada hari Senin."),
    ],
)
def test_a_withdrawal_leaves_the_place_it_names_first_not_where_it_goes(language, text):
    claims = parse_article(make_article(text, published="2017-05-10", language=language)).claims
    got = {(c.actor, c.status, c.place.mention) for c in claims}
    assert got == {("islamic_state", "withdrawn", "Tabqa")}, got
