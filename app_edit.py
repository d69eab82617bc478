"""The editors' tabs of the page: add reports, history with undo, place rules.

Widgets only, like ``app.py`` (which calls these with its store, the visitor's role and the
gazetteer); what they do is ``geo.show.editing`` and the store's API.
"""

from __future__ import annotations

import streamlit as st

from geo import control
from geo.errors import InputError
from geo.show import corrections, editing
from geo.show.labels import plain

ss = st.session_state


def parse_form(store, gazetteer) -> None:
    """Read and parse the form's text and files into ``ss["parsed"]`` (results waiting to be saved)."""
    chosen = [*(ss.get("add_files") or []), *(ss.get("add_folder") or [])]
    uploads = [(u.name, u.getvalue()) for u in chosen]
    articles, errors = editing.read_inputs(
        ss.get("add_text", ""),
        uploads,
        published=ss.get("add_published"),
        source=ss.get("add_source", ""),
        url=ss.get("add_url", ""),
    )
    if not articles and not errors:
        errors = ["Nothing to parse: paste a text or choose a file."]
    rules = store.place_rules()
    bar = st.progress(0.0, text="Parsing…") if len(articles) > 1 else None
    parsed = []
    for i, article in enumerate(articles):
        parsed.append(editing.parse(article, gazetteer(), rules))
        if bar:
            bar.progress((i + 1) / len(articles), text=f"Parsed {i + 1} of {len(articles)}")
    ss["parsed"], ss["parse_errors"] = parsed, errors
    ss["saved_notice"], ss["unsaved_notice"] = [], ""


def correction_choices(i: int, result) -> dict[str, int]:
    """One dropdown per place name (paged for long texts); the chosen geonameid per name."""
    groups = list(corrections.names_to_correct(result).items())
    pages = max(1, -(-len(groups) // editing.NAMES_PER_PAGE))
    page = 1
    if pages > 1:
        page = int(st.number_input(f"Names page (of {pages})", 1, pages, key=f"names_page_{i}"))
    choices = {}
    for name, mentions in groups[(page - 1) * editing.NAMES_PER_PAGE : page * editing.NAMES_PER_PAGE]:
        labels = editing.candidate_labels(corrections.place_candidates(mentions[0]))
        n = len(mentions)
        choices[name] = st.selectbox(
            plain(f"“{mentions[0].mention}” ({n} mention{'s' if n > 1 else ''})"),
            list(labels),
            format_func=labels.get,
            key=f"fix_{result.article.id}_{name}",
        )
    return choices


def preview(i: int, result, store, gazetteer) -> dict:
    """One parsed report: its text with places marked, the claims it would store, corrections."""
    art = result.article
    st.markdown(editing.report_heading(i + 1, result))
    if editing.needs_date(result):
        day = st.date_input(
            "This report has no publication date: give one (its claims are dated from it)",
            value=None,
            min_value=control.PLAUSIBLE[0],
            max_value=control.PLAUSIBLE[1],
            key=f"date_{art.id}",
        )
        if day is not None:
            ss["parsed"][i] = result = editing.parse(
                editing.with_date(art, day), gazetteer(), store.place_rules()
            )
    st.html(editing.report_html(result))
    st.dataframe(editing.claims_preview(result), hide_index=True, width="stretch")
    return corrections.corrections_for(result, correction_choices(i, result))


def save_reports(items: list, store, role) -> None:
    """Save ``items`` (result, fixes) with a progress bar; every other parsed report stays listed."""
    bar = st.progress(0.0, text="Saving…")
    notes, saved = [], set()
    for n, (result, fixes) in enumerate(items):
        note = editing.save(store, result, fixes, role.editor).message()
        notes.append(f"{editing.report_title(result.article)}: {note}")
        saved.add(result.article.id)
        bar.progress((n + 1) / len(items), text=f"Saved {n + 1} of {len(items)}")
    left = [r for r in ss.get("parsed") or [] if r.article.id not in saved]
    if len(items) > 1:
        notes.insert(0, f"Saved {len(items)} reports.")
    ss["saved_notice"], ss["parsed"], ss["_reset_range"] = notes, left, True
    ss["unsaved_notice"] = editing.unsaved_note(left)
    st.rerun()


def add_reports_tab(store, role, gazetteer) -> None:
    st.subheader("Add reports")
    for note in ss.get("saved_notice") or []:
        st.success(note)
    if ss.get("unsaved_notice"):
        st.warning(ss["unsaved_notice"])
    if not role.can_edit:
        st.info(role.why)
        return
    st.caption(
        "Paste an article or upload files or a folder (text with its .meta.json, HTML, "
        "JSON/JSONL records, RSS/Atom); "
        f"at most {editing.MAX_PASTE_CHARS:,} characters pasted and {editing.MAX_FILES} files at once."
    )
    with st.form("add_report"):
        st.text_area("Article text", height=180, key="add_text", max_chars=editing.MAX_PASTE_CHARS)
        st.file_uploader("…or files", accept_multiple_files=True, type=editing.UPLOAD_TYPES, key="add_files")
        st.file_uploader(
            "…or a folder (its sub-folders too)",
            accept_multiple_files="directory",
            type=editing.UPLOAD_TYPES,
            key="add_folder",
        )
        c1, c2, c3 = st.columns(3)
        c1.text_input("Source", key="add_source")
        c2.date_input(
            "Published",
            value=None,
            key="add_published",
            min_value=control.PLAUSIBLE[0],
            max_value=control.PLAUSIBLE[1],
        )
        c3.text_input("Article link (optional)", key="add_url")
        if st.form_submit_button("Parse"):
            parse_form(store, gazetteer)
    for error in ss.get("parse_errors") or []:
        st.error(plain(error))
    ready = []
    for i, result in enumerate(list(ss.get("parsed") or [])):
        fixes = preview(i, result, store, gazetteer)
        result = ss["parsed"][i]
        if editing.needs_date(result):
            st.warning("Give a publication date to save this report.")
        elif st.button("Save to the map", key=f"save_{result.article.id}"):
            save_reports([(result, fixes)], store, role)
        else:
            ready.append((result, fixes))
    if len(ready) > 1 and st.button(f"Save all {len(ready)} reports", key="save_all"):
        save_reports(ready, store, role)


def history_tab(store, role) -> None:
    frame = store.changes(limit=200)
    if frame.empty:
        st.info("No change recorded yet.")
        return
    st.dataframe(editing.readable_frame(frame), hide_index=True, width="stretch")
    if role.can_edit:
        open_ids = [int(c) for c in frame.loc[~frame["undone"].astype(bool), "change_id"]]
        if open_ids:
            chosen = st.selectbox("Change to undo", open_ids, key="undo_id")
            if st.button("Undo", key="undo"):
                try:
                    ss["saved_notice"] = [f"Undone: {plain(store.undo(chosen, editor=role.editor))}"]
                except InputError as exc:
                    st.error(plain(exc))
                    return
                st.rerun()


def rules_tab(store, role) -> None:
    st.caption(
        "Each correction becomes a rule: later reports that name the place the same way get the same place."
    )
    rules = store.rules_frame()
    if rules.empty:
        st.info("No rule yet: correct a place in Add reports to make one.")
        return
    st.dataframe(editing.readable_frame(rules), hide_index=True, width="stretch")
    if role.can_edit:
        chosen = st.selectbox("Rule to remove", [int(r) for r in rules["rule_id"]], key="rule_id")
        if st.button("Remove rule", key="remove_rule"):
            store.remove_rule(chosen, editor=role.editor)
            st.rerun()
