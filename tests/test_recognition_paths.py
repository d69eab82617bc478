"""The fast recognition path finds what the reference path finds, on the bundled real texts.

``find_mentions`` picks the tokens where names may start in one pass and asks the gazetteer
once per distinct key (``geo.parse.toponyms.scan``); ``reference=True`` walks every token with
``match.longest_match``. Both run here over the sample articles and the 328 chronicle reports
(five languages) with the real gazetteer; ``benchmarks/bench_geoparse.py --compare`` does the
same over the evaluation corpora.
"""

import json
from pathlib import Path

import pytest

from geo.gazetteer import default_gazetteer
from geo.parse.actors import find_actors
from geo.parse.pipeline import geoparse_text
from geo.parse.toponyms import find_mentions
from geo.parse.toponyms.scan import plain_tokens
from geo.text import names
from geo.text.articles import read_text_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.fixture(scope="module")
def texts() -> list[tuple[str, str]]:
    out = [(a.text, a.language) for a in map(read_text_file, sorted((ROOT / "data/articles").glob("*.txt")))]
    with (ROOT / "data/chronicle/reports.jsonl").open(encoding="utf-8") as fh:
        out += [(r["text"], r["language"]) for r in map(json.loads, fh)]
    return out


def spans(mentions):
    return [(m.start, m.end, m.key, m.demonym, tuple(c.geonameid for c in m.candidates)) for m in mentions]


def test_fast_and_reference_paths_find_the_same_mentions(gaz, texts):
    assert len({lang for _, lang in texts}) >= 5
    found = 0
    for text, lang in texts:
        fast = spans(find_mentions(text, gaz, lang))
        assert fast == spans(find_mentions(text, gaz, lang, reference=True)), text[:80]
        found += len(fast)
    assert found > 500  # the texts name places: the comparison is not of two empty lists


def test_given_tokens_change_nothing(gaz, texts):
    for text, lang in texts[:60]:
        toks = names.tokenize(text)
        assert spans(find_mentions(text, gaz, lang, tokens=toks)) == spans(find_mentions(text, gaz, lang))
        assert find_actors(text, toks) == find_actors(text)
        assert geoparse_text(text, lang, gaz, tokens=toks) == geoparse_text(text, lang, gaz)


def test_tokens_keep_offsets_elisions_and_possessives():
    text = "Mosul's fall, l'EI à d'Alep; Qa'im and Ar-Raqqah."
    toks = names.tokenize(text)
    assert [(text[t.start : t.end], t.norm) for t in toks] == [
        ("Mosul", "mosul"),
        ("fall", "fall"),
        ("EI", "ei"),
        ("à", "a"),
        ("Alep", "alep"),
        ("Qa'im", "qaim"),
        ("and", "and"),
        ("Ar", "ar"),
        ("Raqqah", "raqqah"),
    ]
    assert names.tokenize("") == [] and names.tokenize(" ,. ") == []


def test_a_ligature_that_folds_to_several_words_takes_the_reference_path(gaz):
    text = "قال النبي ﷺ في المدينة المنورة ثم في مكة"
    assert not plain_tokens([t.norm for t in names.tokenize(text)])  # "ﷺ" folds to four words
    assert spans(find_mentions(text, gaz, "ar")) == spans(find_mentions(text, gaz, "ar", reference=True))
    assert any(m.key == "مكه" or "مدينه" in m.key for m in find_mentions(text, gaz, "ar"))
