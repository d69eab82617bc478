"""The editors' "Add reports" tab driven through the page (Streamlit's AppTest, which uploads files
for real through the file uploader): several uploads parsed, previewed and stored with one
"Save all", on a real SQLite copy of the sample database and the real gazetteer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")

RECORDS = [
    {
        "text": "Iraqi forces recaptured the town of Haditha from Islamic State fighters on 5 October 2017, "
        "the army said.",
        "published": "2017-10-06",
        "source": "JSONL wire",
        "title": "Haditha retaken",
        "url": "https://example.org/haditha",
    },
    {
        "text": "Syrian Democratic Forces captured Tabqa from Islamic State on 10 May 2017, a spokesman said",
        "published": "2017-05-11",
        "source": "Second wire",
        "title": "Tabqa falls",
    },
]
SIDECAR_TEXT = "Islamic State militants seized Tal Afar on 16 June 2014, residents said."
SIDECAR = {"published": "2014-06-17", "source": "Sidecar Daily", "url": "https://example.org/tal-afar"}
UNDATED_TEXT = (
    "Iraqi forces recaptured the town of Qayyarah from Islamic State fighters on 25 August 2016, "
    "officials said."
)


@pytest.fixture
def db(page_db) -> str:
    """The page's database: a copy of the sample (``page_db``)."""
    return page_db


def uploads() -> list[tuple[str, bytes, str]]:
    """A JSON Lines file of two reports, a text with its sidecar, and a text with no date at all."""
    jsonl = "\n".join(json.dumps(r) for r in RECORDS).encode()
    return [
        ("wires.jsonl", jsonl, "application/json"),
        ("tal_afar.txt", SIDECAR_TEXT.encode(), "text/plain"),
        ("tal_afar.meta.json", json.dumps(SIDECAR).encode(), "application/json"),
        ("undated.txt", UNDATED_TEXT.encode(), "text/plain"),
    ]


def parse_uploads(at: AppTest) -> AppTest:
    at.file_uploader(key="add_files").set_value(uploads())
    next(b for b in at.button if b.label == "Parse").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error] + [e.value for e in at.exception]
    return at


def test_save_all_stores_every_dated_upload_and_asks_a_date_for_the_other(db):
    before = Store(db).articles_frame()
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    parse_uploads(at)
    headings = [m.value for m in at.markdown if m.value.startswith("**")]
    assert len([h for h in headings if " claims · " in h]) == 4, headings
    assert any("publication date" in w.value for w in at.warning), "the undated report asks for a date"
    save_all = at.button(key="save_all")
    assert save_all.label == "Save all 3 reports"

    save_all.click().run()
    assert not at.exception and not at.error
    notes = [s.value for s in at.success]
    assert notes[0] == "Saved 3 reports."
    for title in ("Haditha retaken", "Tabqa falls"):
        assert any(n.startswith(f"{title}: Saved (new)") and "appear on the map from" in n for n in notes)
    assert any(n.startswith("Sidecar Daily: Saved (new)") for n in notes), "untitled: named by its source"

    stored = Store(db).articles_frame()
    added = stored[~stored["id"].isin(before["id"])].set_index("source")
    assert set(added.index) == {"JSONL wire", "Second wire", "Sidecar Daily"}, "the undated one is not saved"
    assert str(added.loc["JSONL wire", "published"])[:10] == "2017-10-06"
    assert added.loc["JSONL wire", "url"] == "https://example.org/haditha"
    assert str(added.loc["Sidecar Daily", "published"])[:10] == "2014-06-17", "the sidecar's date is kept"
    assert added.loc["Sidecar Daily", "url"] == "https://example.org/tal-afar"
    claims = Store(db).claims_frame()
    new = claims[claims["article_id"].isin(added["id"])]
    assert set(new["source"]) == {"JSONL wire", "Second wire", "Sidecar Daily"}
    assert new["date"].notna().all() and not new.empty

    # the undated report is still on the page, saying why, and saves once it has a date
    assert any("not saved yet" in w.value and "publication date" in w.value for w in at.warning)
    asked = next(d for d in at.date_input if (d.key or "").startswith("date_"))
    asked.set_value(date(2016, 8, 26)).run()
    next(b for b in at.button if (b.key or "").startswith("save_")).click().run()
    assert len(at.success) == 1 and "appear on the map from 2016-08-25" in at.success[0].value
    assert at.success[0].value.startswith(
        "“Iraqi forces recaptured the town of Qayyarah from …”: Saved (new)"
    )
    assert not at.warning, "nothing is left waiting"
    last = Store(db).articles_frame()
    latest = last[~last["id"].isin(stored["id"])]
    assert len(latest) == 1 and str(latest["published"].iloc[0])[:10] == "2016-08-26"


def test_saving_one_report_keeps_the_others_waiting(db):
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    parse_uploads(at)
    one = next(b for b in at.button if (b.key or "").startswith("save_") and b.key != "save_all")
    one.click().run()
    assert len(at.success) == 1 and "Saved (new)" in at.success[0].value
    assert any("3 report(s) below not saved yet" in w.value for w in at.warning)
    assert at.button(key="save_all").label == "Save all 2 reports"


FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Feed wire</title>
<item><title>Hit retaken</title><pubDate>Fri, 15 Apr 2016 10:00:00 GMT</pubDate>
<description>Iraqi forces recaptured the town of Hit from Islamic State fighters on 14 April 2016,
officials said.</description></item>
</channel></rss>"""


def test_a_folder_upload_keeps_each_sidecar_with_its_text_and_reads_a_feed(db):
    """Two sub-folders each hold a ``story.txt`` and its own sidecar; a feed lies beside them."""
    folder = [
        ("reports/a/story.txt", SIDECAR_TEXT.encode(), "text/plain"),
        ("reports/a/story.meta.json", json.dumps(SIDECAR).encode(), "application/json"),
        ("reports/b/story.txt", RECORDS[1]["text"].encode(), "text/plain"),
        ("reports/b/story.meta.json", json.dumps({"published": "2017-05-12", "source": "B"}).encode(), "x"),
        ("reports/hit.rss", FEED.encode(), "application/rss+xml"),
    ]
    before = Store(db).articles_frame()
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.file_uploader(key="add_folder").set_value(folder)
    next(b for b in at.button if b.label == "Parse").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.button(key="save_all").click().run()
    assert at.success[0].value == "Saved 3 reports."
    stored = Store(db).articles_frame()
    added = stored[~stored["id"].isin(before["id"])].set_index("source")["published"].astype(str)
    assert {k: v[:10] for k, v in added.items()} == {
        "Sidecar Daily": "2014-06-17",
        "B": "2017-05-12",
        "Feed wire": "2016-04-15",
    }


def test_uploads_of_one_name_are_read_once_and_never_outside_their_folder():
    from geo.show.editing import read_inputs

    articles, errors = read_inputs(
        "",
        [
            ("story.txt", SIDECAR_TEXT.encode()),
            ("story.txt", UNDATED_TEXT.encode()),
            ("../../escape.txt", UNDATED_TEXT.encode()),
        ],
    )
    assert [a.text for a in articles] == [SIDECAR_TEXT, UNDATED_TEXT]
    assert errors == ["story.txt: two files of this name; only the first is read"]
