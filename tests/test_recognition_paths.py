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


def _plain_tokenize(text: str) -> list[tuple[int, int, str]]:
    """``names.tokenize`` as one loop over the words: every word with an apostrophe looked at."""
    out = []
    for m in names._WORD.finditer(text):
        word = m.group(0)
        if "'" in word or "’" in word:
            out.append(tuple(names._apostrophe_token(m.start(), m.end(), word)))
        else:
            out.append((m.start(), m.end(), names.normalize_token(word)))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "'Mosul' and ‘Raqqa’, rock 'n' roll, a'b'c, Mosul's and Idlib’s; l'EI, d’Alep, dell'Iraq.",
        "'s ’s l' d’ ''Aleppo'' x'y' 'z",
        "Qa'im's, L’Aquila’s, 2000's, O'Brien, Ma’arrat al-Nu’man",
        "no apostrophe at all",
    ],
)
def test_tokenize_agrees_with_a_plain_loop(text, texts):
    assert [tuple(t) for t in names.tokenize(text)] == _plain_tokenize(text)
    for sample, _ in texts[:80]:
        assert [tuple(t) for t in names.tokenize(sample)] == _plain_tokenize(sample)


def test_norms_cache_gives_normalize_token(monkeypatch):
    monkeypatch.setattr(names, "_NORMS", {})
    monkeypatch.setattr(names, "NORMS_CACHE_SIZE", 3)
    words = ["Mosul", "MOSUL", "Ḥalab", "İzmir", "Mosul", "Ḥalab", "x"]
    assert names._norms(words) == [names.normalize_token(w) for w in words]
    names._NORMS.clear()
    assert names._norms(["Mosul", "Ḥalab", "Mosul"]) == ["mosul", "halab", "mosul"]
    assert names._norms(["İzmir", "x"]) == ["izmir", "x"]
    assert set(names._NORMS) == {"İzmir", "x"}  # emptied when full, then given the text's words


def test_acronym_pattern_finds_what_a_plain_alternation_finds():
    import re

    from geo.parse.toponyms.filters import load_filters
    from geo.parse.toponyms.match import _acronym_pattern

    text = (
        "U.S. and US-led, the U.S.-backed UAE, xUS, .US, USA, U.K.'s, AS said, W.Va. and W. Va.,"
        " N.Y.C., N.Y., D.C.-based, Calif.; Ark.x, L.A. US"
    )
    for language in ("en", "id", "de"):
        f = load_filters(language)
        for table in (f.acronyms, f.abbreviations):
            if not table:
                continue
            forms = tuple(sorted(table, key=len, reverse=True))
            alts = "|".join(map(re.escape, forms))
            plain = re.compile(rf"(?<![\w.])(?:{alts})(?!\w)(?<!\.\w)(?!-[^\W\d_])")
            found = [(m.start(), m.group(0)) for m in _acronym_pattern(forms).finditer(text)]
            assert found == [(m.start(), m.group(0)) for m in plain.finditer(text)]
    assert [m.group(0) for m in _acronym_pattern(("U.S.", "US", "UAE")).finditer(text)][:3] == [
        "U.S.",
        "UAE",
        "US",
    ]


def test_listed_words_and_head_words():
    from geo.parse.toponyms.filters import load_filters

    f = load_filters("en")
    assert (
        f.listed == f.not_places | f.calendar_words | f.person_titles | f.organisation_words | f.event_words
    )
    assert "march" in f.listed and "baghdad" not in f.listed
    heads = {w for w in f.organisation_words | f.event_words}
    assert heads and all(f.head_word(w) for w in heads)
    assert not f.head_word("baghdad") and not f.head_word("the")
    uk = load_filters("uk")
    assert uk.organisation_stems and all(uk.head_word(s + "у") for s in uk.organisation_stems)


def test_start_tokens_and_gap_cache_agree_with_plain_forms(gaz, texts):
    from geo.parse.toponyms import match, scan

    for text, _ in texts[:80]:
        toks = names.tokenize(text)
        codes = scan.case_codes(scan.first_chars(text, toks))
        plain = sorted(
            {k for k, c in enumerate(codes) if not c & scan.LOWER}
            | {k for k, t in enumerate(toks) if t.norm in scan._starting_words(gaz)}
        )
        assert scan.start_tokens(toks, codes, gaz, False) == plain
        for left, right in zip(toks, toks[1:]):
            gap = text[left.end : right.start]
            plain_join = bool(match._JOINABLE_GAP.match(gap) or match._ELIDED_ARTICLE_GAP.match(gap))
            assert match._joinable(text, left, right) is True or not plain_join
            if match._JOINING_GAPS.get(gap) is not None:
                assert match._JOINING_GAPS[gap] == plain_join


def test_remembered_answers_are_the_plain_ones(gaz, texts):
    """``sentence_initial`` and ``joinable_gap`` remember their answers, ``split_clitics`` its cuts:
    asked again and again, they answer as the plain forms do (the caches are emptied first)."""
    from geo.parse.toponyms import match

    def plain_initial(text, start):
        before = text[max(0, start - 8) : start]
        if start == 0 or not before.strip() or match._SENTENCE_END.search(before):
            return True
        before = before.rstrip(match._QUOTES_OPEN)
        return not before.strip() or bool(match._SENTENCE_END.search(before))

    match._INITIAL.clear()
    match._JOINABLE.clear()
    names._CLITIC_CUTS.clear()
    cut = 0
    clitics = "Les combats d'Alep et de l'Irak; Musul'u aldı, Bağdat'ta, Qa'im, IŞİD'in."
    for text, _ in [*texts, *texts[:60], (clitics, 'fr'), (clitics, 'tr')]:
        toks = names.tokenize(text)
        assert [match.sentence_initial(text, t.start) for t in toks] == [
            plain_initial(text, t.start) for t in toks
        ]
        gaps = [text[a.end : b.start] for a, b in zip(toks, toks[1:])]
        assert list(map(match.joinable_gap, gaps)) == [bool(match._JOINABLE_GAP.match(g)) for g in gaps]
        split = names.split_clitics(text, toks, gaz)
        marks = [m.start() for m in names._CLITIC_APOSTROPHE.finditer(text)]
        plain = [
            names._split_clitic(text, t, gaz) if any(t.start <= p < t.end for p in marks) else t for t in toks
        ]
        assert split == plain
        cut += sum(a != b for a, b in zip(split, toks))
    assert cut and match._INITIAL and match._JOINABLE and names._CLITIC_CUTS  # the caches were used


def test_a_word_that_starts_no_name_here_is_still_looked_up_in_another_gazetteer(gaz, tmp_path):
    """The scan skips the words it has found to start no name, per gazetteer: a user's own
    place of that name, in a gazetteer with their places, is still found."""
    from geo.gazetteer import Gazetteer, index

    text = "Reporters reached Quillabrook on Monday."
    assert "quillabrook" not in gaz
    for _ in range(2):  # the second time, from what the first remembered
        assert [m.text for m in find_mentions(text, gaz, "en")] == []
    csv = tmp_path / "custom.csv"
    csv.write_text(
        "name,alternate_names,lat,lon,country,kind\nQuillabrook,,34.6,43.5,IQ,city\n", encoding="utf-8"
    )
    own = Gazetteer(index.ensure_built(progress=False), custom_places=csv)
    assert [m.text for m in find_mentions(text, own, "en")] == ["Quillabrook"]
