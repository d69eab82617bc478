"""Reading and cleaning article text: encodings, repeated paragraphs, ids, one-line errors."""

from datetime import date
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.text.articles import (
    article_id,
    clean_text,
    decode_bytes,
    make_article,
    parse_published,
    read_text_file,
)

SEED = Path(__file__).resolve().parent.parent / "data" / "articles" / "antaranews-iraq-alqaim-rawa.txt"


def test_seed_repeated_paragraphs_kept_once():
    raw = SEED.read_text(encoding="utf-8")
    article = read_text_file(SEED)
    assert raw.count("Kubu kelompok pemberontak itu di Suriah, Raqqa") == 2
    assert article.text.count("Kubu kelompok pemberontak itu di Suriah, Raqqa") == 1
    assert article.language == "id"


def test_id_ignores_case_and_blanks_but_not_words():
    a = make_article("Iraqi forces retook Mosul in July.")
    b = make_article("  iraqi   forces retook mosul in july.  \r\n")
    c = make_article("Iraqi forces retook Raqqa in July.")
    assert a.id == b.id != c.id
    assert article_id(a.text) == a.id


def test_decoding():
    assert decode_bytes("Mossoul, déclaré".encode("latin-1")) == "Mossoul, déclaré"
    assert decode_bytes("\ufeffالموصل".encode("utf-8")) == "الموصل"
    assert decode_bytes("Мосул".encode("utf-16")) == "Мосул"
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x00\x01\x02PK\x03\x04")


def test_clean_text_normalises_unicode_and_blanks():
    assert clean_text("Al Qa\u0304\u2019im\r\n\r\n\tRawa\u00a0 town") == "Al Q\u0101\u2019im\nRawa town"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2017-10-26", date(2017, 10, 26)),
        ("2017-10-26T08:00:00Z", date(2017, 10, 26)),
        (None, None),
        ("", None),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["26/10/2017", "yesterday", "2017-13-01", "<script>"])
def test_parse_published_rejects(value):
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_published(value)


@pytest.mark.parametrize(
    "text, message",
    [("", "empty"), ("   \n ", "empty"), ("123 !!!", "no words"), (b"bytes", "must be a string")],
)
def test_make_article_rejects(text, message):
    with pytest.raises(InputError, match=message):
        make_article(text)
