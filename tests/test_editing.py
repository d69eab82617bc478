"""geo.show.editing and geo.show.roles: the page's add-report path and who may write, without Streamlit."""

from __future__ import annotations

import json
from datetime import date

import pytest

from geo.show import editing, roles


def test_uploads_read_as_ingest_reads_them_with_sidecars_records_and_clean_errors():
    text = "Iraqi forces captured Rawa from Islamic State on 17 November 2017, the army said."
    uploads = [
        ("rawa.txt", text.encode()),
        ("rawa.meta.json", json.dumps({"published": "2017-11-18", "source": "sidecar wire"}).encode()),
        (
            "batch.jsonl",
            (
                json.dumps({"text": text.replace("Rawa", "Anah"), "published": "2017-11-19"})
                + "\n{not json\n"
                + json.dumps({"text": text.replace("Rawa", "Qaim"), "source": "own source"})
                + "\n"
            ).encode(),
        ),
        ("notes.docx", b"PK\x03\x04"),
    ]
    articles, errors = editing.read_inputs("", uploads, published=date(2017, 12, 1), source="form source")
    by_text = {a.text.split(" ")[3]: a for a in articles}
    assert by_text["Rawa"].published == date(2017, 11, 18) and by_text["Rawa"].source == "sidecar wire"
    assert by_text["Anah"].published == date(2017, 11, 19) and by_text["Anah"].source == "form source"
    assert by_text["Qaim"].published == date(2017, 12, 1) and by_text["Qaim"].source == "own source"
    assert (
        len(errors) == 2
        and any("notes.docx" in e for e in errors)
        and any("batch.jsonl" in e for e in errors)
    )
    assert not any("tidemark-upload-" in e or "/tmp" in e for e in errors), errors
    assert all(a.path == "" for a in articles)


def test_form_limits():
    assert "limit" in editing.read_inputs("x" * (editing.MAX_PASTE_CHARS + 1), [])[1][0]
    many = [(f"{i}.txt", b"text") for i in range(editing.MAX_FILES + 1)]
    assert editing.read_inputs("", many) == (
        [],
        [f"{editing.MAX_FILES + 1} files; the limit is 50 per submission."],
    )
    big = [("a.txt", b"x" * (editing.MAX_UPLOAD_BYTES + 1))]
    assert "MB" in editing.read_inputs("", big)[1][0]


def test_saved_message_says_where_the_claims_appear():
    saved = editing.Saved("new", 2, 1, date(2017, 11, 17), date(2017, 11, 18), ("Rawa", "Anah"))
    assert saved.message() == (
        "Saved (new): 2 claim(s), 1 correction(s). "
        "They appear on the map from 2017-11-17 to 2017-11-18 at Rawa, Anah."
    )
    assert "cannot show" in editing.Saved("new", 1, 0, None, None, ("Rawa",)).message()
    assert "nothing changed" in editing.Saved("unchanged", 1, 0, None, None, ()).message()


ENV_NONE: dict[str, str] = {}


@pytest.mark.parametrize(
    "secrets, environ, user, token, can_edit, editor",
    [
        ({}, ENV_NONE, None, "", False, ""),  # nothing configured: read-only
        ({}, {"TIDEMARK_OPEN_EDITING": "1"}, None, "", True, "local editor"),  # explicit trusted machine
        ({}, {"TIDEMARK_OPEN_EDITING": "yes"}, None, "", False, ""),  # only "1" opens it
        ({}, {"TIDEMARK_EDITOR_TOKEN": "t0k"}, None, "", False, ""),
        ({}, {"TIDEMARK_EDITOR_TOKEN": "t0k"}, None, "t0", False, ""),
        ({}, {"TIDEMARK_EDITOR_TOKEN": "t0k", "TIDEMARK_OPEN_EDITING": "1"}, None, "", False, ""),
        ({}, {"TIDEMARK_EDITOR_TOKEN": "t0k"}, None, "t0k", True, "token editor"),
        ({"tidemark": {"editor_token": "s"}}, ENV_NONE, None, "s", True, "token editor"),
        ({"auth": {}}, {"TIDEMARK_OPEN_EDITING": "1"}, {"is_logged_in": False}, "", False, ""),
        ({"auth": {}}, ENV_NONE, {"is_logged_in": True, "email": "ana@x.org"}, "", True, "ana@x.org"),
        (
            {"auth": {}, "tidemark": {"editors": ["Ana@x.org"]}},
            ENV_NONE,
            {"is_logged_in": True, "email": "ana@x.org"},
            "",
            True,
            "ana@x.org",
        ),
        (
            {"auth": {}, "tidemark": {"editors": ["bo@x.org"]}},
            ENV_NONE,
            {"is_logged_in": True, "email": "ana@x.org"},
            "",
            False,
            "",
        ),
    ],
)
def test_roles(secrets, environ, user, token, can_edit, editor):
    role = roles.resolve_role(secrets=secrets, environ=environ, user=user, entered_token=token)
    assert role.can_edit is can_edit and role.editor == editor
    assert role.can_edit or role.why


def test_a_token_editor_is_recorded_by_name():
    role = roles.resolve_role(
        secrets={}, environ={"TIDEMARK_EDITOR_TOKEN": "k"}, entered_token="k", name=" Ana "
    )
    assert role.editor == "Ana"


def test_an_untouched_choice_is_no_correction_even_where_mentions_of_a_name_disagree():
    from geo.model import Article, ParseResult, Place, ResolvedPlace
    from geo.show import corrections

    rawa_iq = Place(99001, "Rāwah", 34.47, 41.91, "IQ", "city")
    rawa_pl = Place(99002, "Rawa Mazowiecka", 51.76, 20.25, "PL", "city")
    text = "Rawa fell. Later Rawa was calm."
    first = ResolvedPlace(0, 4, "Rawa", rawa_iq, 0.8, key="rawa", alternatives=(rawa_pl,))
    second = ResolvedPlace(17, 21, "Rawa", rawa_pl, 0.4, key="rawa", alternatives=(rawa_iq,))
    result = ParseResult(Article(id="t", text=text), (first, second), ())
    # The dropdown shows the first mention's pick; left as it is, nothing is re-pointed.
    assert corrections.corrections_for(result, {"rawa": rawa_iq.geonameid}) == {}
    # Chosen otherwise, every mention not already there is re-pointed.
    assert corrections.corrections_for(result, {"rawa": rawa_pl.geonameid}) == {(0, 4): rawa_pl.geonameid}


def _rawa_report(text: str):
    """A report naming Rawa, parsed with the real gazetteer, and the Iraqi Rāwah to correct it to."""
    from geo.gazetteer import default_gazetteer
    from geo.show import corrections
    from geo.text.articles import make_article

    result = editing.parse(
        make_article(text, published="2017-11-25", source="test wire"), default_gazetteer()
    )
    rawa = corrections.names_to_correct(result)
    ((name, mentions),) = [(n, m) for n, m in rawa.items() if m[0].mention == "Rawa"]
    iraqi = next(p for p in corrections.place_candidates(mentions[0]) if p.country_code == "IQ")
    other = next(p for p in corrections.place_candidates(mentions[0]) if p.country_code != "IQ")
    return result, name, iraqi, other


def test_a_name_corrected_in_two_mentions_makes_one_rule_and_a_new_choice_replaces_it(tmp_path):
    from geo.show import corrections
    from geo.store import Store

    store = Store(f"sqlite:///{tmp_path / 't.sqlite'}")
    result, name, iraqi, other = _rawa_report(
        "Iraqi forces captured Rawa on 17 November 2017. Rawa was calm later."
    )
    picked = next(rp.place.geonameid for rp in result.places if rp.mention == "Rawa")
    chosen = other if picked == iraqi.geonameid else iraqi  # a choice other than the resolver's
    fixes = corrections.corrections_for(result, {name: chosen.geonameid})
    assert len(fixes) == 2  # both mentions re-pointed
    editing.save(store, result, fixes, "ana")
    rules = store.rules_frame()
    assert list(rules["geonameid"]) == [chosen.geonameid], rules  # one rule for the name, not one a mention
    # Another report re-points the name elsewhere: its rule replaces the first, and its undo restores it.
    again, _, _, _ = _rawa_report("Clashes were reported near Rawa on 21 November 2017.")
    back = iraqi if chosen is other else other
    editing.save(store, again, corrections.corrections_for(again, {name: back.geonameid}), "bo")
    assert list(store.rules_frame()["geonameid"]) == [back.geonameid]
    correction = store.changes().query("action == 'correct'").iloc[0]  # the newest first
    store.undo(int(correction["change_id"]), editor="bo")
    assert store.place_rules() == {rules["key"].iloc[0]: chosen.geonameid}
    store.remove_rule(int(store.rules_frame()["rule_id"].iloc[0]), editor="ana")
    assert store.place_rules() == {}  # removed, no twin left in force


def test_the_save_message_names_the_place_a_mention_was_corrected_to(tmp_path):
    from geo.store import Store

    store = Store(f"sqlite:///{tmp_path / 't.sqlite'}")
    result, _, iraqi, other = _rawa_report("Iraqi forces captured Rawa on 19 November 2017.")
    picked = next(rp.place.geonameid for rp in result.places if rp.mention == "Rawa")
    wrong = other if picked == iraqi.geonameid else iraqi  # what the resolver did not pick
    fixes = {(rp.start, rp.end): wrong.geonameid for rp in result.places if rp.mention == "Rawa"}
    message = editing.save(store, result, fixes, "ana").message()
    assert f"at {wrong.name}" in message, message
