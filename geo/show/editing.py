"""Adding reports from the page: read what was pasted or uploaded, parse it, save it.

The one path from the page's form to the store:
- ``read_inputs``: pasted text and uploaded files (text with a ``.meta.json`` sidecar, HTML,
  JSON/JSON Lines records, RSS/Atom feeds, read by ``geo.text.readers`` as ``ingest`` reads
  them) to Articles, with one message per input that could not be read, and the form's
  limits;
- ``parse``: an Article to a ParseResult, with the store's correction rules preferred;
- ``save``: a result and its corrections in ONE transaction, recording the editor, and a
  sentence saying what was stored and where it appears on the map.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from geo.errors import InputError
from geo.model import Article, ParseResult
from geo.parse.pipeline import parse_article
from geo.show.corrections import place_candidates
from geo.show.labels import actor_label, country_name, language_name, plain, status_label
from geo.show.popups import highlight_spans
from geo.text.articles import make_article
from geo.text.readers import SUFFIXES, read_path, readable

#: The form's limits: characters of pasted text, files and bytes per submission.
MAX_PASTE_CHARS = 100_000
MAX_FILES = 50
MAX_UPLOAD_BYTES = 20_000_000
#: Place names offered for correction on one page of the form.
NAMES_PER_PAGE = 25
UPLOAD_TYPES = sorted({s.lstrip(".") for s in SUFFIXES} | {"md", "meta.json"})


@dataclass(frozen=True)
class Saved:
    """What one save stored: ``outcome`` new/unchanged/updated, counts, and where to look."""

    outcome: str
    claims: int
    corrections: int
    first: date | None
    last: date | None
    places: tuple[str, ...]
    rejected: tuple[str, ...] = ()  # the store's reasons for dates it left out

    def message(self) -> str:
        """One sentence for the page: what was stored and where it appears."""
        if self.outcome == "unchanged":
            return "Already stored: this report was saved before; nothing changed."
        fixes = f", {self.corrections} correction(s)" if self.corrections else ""
        head = f"Saved ({self.outcome}): {self.claims} claim(s){fixes}."
        if self.rejected:
            head += " Left out: " + "; ".join(plain(r) for r in self.rejected[:3]) + "."
        if not self.claims:
            return head + " The report names no claim of control, so the map does not change."
        if self.first is None:
            return head + " Its claims have no date, so the map cannot show them."
        names = ", ".join(self.places[:5]) + (" …" if len(self.places) > 5 else "")
        when = self.first.isoformat() if self.first == self.last else f"{self.first} to {self.last}"
        return f"{head} They appear on the map from {when} at {names}."


def _clean_message(exc: InputError, folder: Path) -> str:
    """An error's message without the temporary folder's path (no server paths on the page)."""
    return str(exc).replace(str(folder) + "/", "").replace(str(folder), "")


def read_inputs(
    pasted: str,
    uploads: list[tuple[str, bytes]],
    *,
    published: date | None = None,
    source: str = "",
    url: str = "",
) -> tuple[list[Article], list[str]]:
    """Articles of a form submission and one message per input that could not be read.

    ``published``/``source``/``url`` from the form fill what a file does not say itself
    (a sidecar's or a record's own values come first).
    """
    errors: list[str] = []
    if len(pasted) > MAX_PASTE_CHARS:
        return [], [f"The pasted text is {len(pasted):,} characters; the limit is {MAX_PASTE_CHARS:,}."]
    if len(uploads) > MAX_FILES:
        return [], [f"{len(uploads)} files; the limit is {MAX_FILES} per submission."]
    if sum(len(b) for _, b in uploads) > MAX_UPLOAD_BYTES:
        return [], [f"The files are over {MAX_UPLOAD_BYTES // 1_000_000} MB together; send fewer at once."]
    articles: list[Article] = []
    if pasted.strip():
        try:
            articles.append(
                make_article(pasted, published=published, source=source, url=url, name="pasted text")
            )
        except InputError as exc:
            errors.append(str(exc))
    found, unread = _read_uploads(uploads, {"published": published, "source": source, "url": url})
    return articles + found, errors + unread


def _upload_path(name: str) -> Path:
    """Where an upload goes in the temporary folder: its name, under the sub-folders a folder
    upload gives it (``a/b.txt``), never outside (no ``..``, no absolute path)."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    return Path(*parts) if parts else Path("unnamed")


def _read_uploads(uploads: list[tuple[str, bytes]], form: dict) -> tuple[list[Article], list[str]]:
    """Uploaded files read as ``ingest`` reads a folder (a text beside its ``.meta.json``); the
    form's values fill what a file leaves empty. Each file name is read once."""
    articles: list[Article] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tidemark-upload-") as tmp:
        folder = Path(tmp)
        names: list[Path] = []
        for name, body in uploads:
            rel = _upload_path(name)
            if rel in names:  # a second file of that name would overwrite the first
                errors.append(f"{rel.as_posix()}: two files of this name; only the first is read")
                continue
            names.append(rel)
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(body)
        for path in (folder / rel for rel in names):
            if not readable(path):
                if not path.name.endswith(".meta.json"):
                    errors.append(f"{path.relative_to(folder).as_posix()}: not a kind of file Tidemark reads")
                continue
            for item in read_path(path):
                if isinstance(item, InputError):
                    errors.append(_clean_message(item, folder))
                    continue
                filled = {k: getattr(item, k) or v for k, v in form.items()}
                articles.append(dataclasses.replace(item, path="", **filled))
    return articles, errors


def with_date(article: Article, published: date) -> Article:
    """The article with its publication date set (the page asks for one when it has none)."""
    return dataclasses.replace(article, published=published)


def parse(article: Article, gazetteer, rules: dict[str, int] | None = None) -> ParseResult:
    """Parse ``article``; the store's correction rules (resolver key -> geonameid) are preferred."""
    return parse_article(article, gazetteer, preferred=rules or None)


def save(store, result: ParseResult, fixes: dict[tuple[int, int], int], editor: str) -> Saved:
    """Store ``result`` with its corrections (span -> geonameid) in one transaction, as ``editor``."""
    rejected: list[str] = []
    outcome = store.add(result, corrections=fixes, editor=editor, rejected=rejected)
    kept = [c for c in result.claims if c.date is not None]
    dated = sorted(c.date for c in kept)
    offered = {p.geonameid: p for rp in result.places for p in place_candidates(rp)}
    stored = [offered.get(fixes.get((c.place.start, c.place.end)), c.place.place) for c in result.claims]
    places = list(dict.fromkeys(plain(p.name) for p in stored))  # as corrected
    return Saved(
        outcome=outcome,
        claims=len(result.claims),
        corrections=len(fixes),
        first=dated[0] if dated else None,
        last=dated[-1] if dated else None,
        places=tuple(places),
        rejected=tuple(rejected),
    )


def needs_date(result: ParseResult) -> bool:
    """Whether a parsed report must be given a publication date before it is saved."""
    return result.article.published is None


def claims_preview(result: ParseResult) -> list[dict[str, str]]:
    """The claims a save would store, as rows a person reads (names, not codes)."""
    return [
        {
            "place": plain(f"{c.place.place.name}, {country_name(c.place.place.country_code)}"),
            "who": actor_label(c.actor),
            "what": status_label(c.status),
            "date": c.date.isoformat() if c.date else "no date",
            "precision": c.date_precision or "",
            "confidence": f"{c.confidence:.2f}",
        }
        for c in result.claims
    ]


def report_title(article: Article, words: int = 8) -> str:
    """How the page names a report: its title, else its source, else its first words (plain text,
    without Markdown's emphasis marks)."""
    first = article.text.split()
    opening = "“" + " ".join(first[:words]) + (" …" if len(first) > words else "") + "”"
    name = article.title.strip() or article.source.strip() or opening
    return plain(name).replace("*", "").replace("_", " ")


def report_heading(n: int, result: ParseResult) -> str:
    """The Markdown heading of the ``n``-th parsed report (its title made plain)."""
    art = result.article
    return (
        f"**{n}. {report_title(art)}** · {len(result.places)} places, {len(result.claims)} claims"
        f" · {language_name(art.language)} · published {art.published or 'unknown'}"
    )


def unsaved_note(results: list[ParseResult]) -> str:
    """What a save left out, in words ("" when nothing): reports still waiting, and why."""
    if not results:
        return ""
    undated = sum(needs_date(r) for r in results)
    why = f"; {undated} of them need(s) a publication date" if undated else ""
    return f"{len(results)} report(s) below not saved yet{why}."


def report_html(result: ParseResult) -> str:
    """The report's text as safe HTML, its places marked, in a scrolling box."""
    marked = highlight_spans(result.article.text, [(p.start, p.end) for p in result.places])
    return (
        '<div class="tm-pop" dir="auto" style="white-space:pre-wrap;max-height:260px;overflow:auto;'
        f'border:1px solid #ddd;padding:8px">{marked}</div>'
    )


def candidate_labels(options) -> dict[int, str]:
    """geonameid -> how a correction dropdown names each candidate place."""
    return {
        o.geonameid: plain(
            f"{o.name} ({o.kind}, {country_name(o.country_code)}, pop. {o.population:,}) #{o.geonameid}"
        )
        for o in options
    }


def readable_frame(frame, text_columns=("editor", "action", "detail", "key", "mention", "place")):
    """A store table (history, rules) as a person reads it: text made plain, countries named."""
    out = frame.copy()
    for col in text_columns:
        if col in out:
            out[col] = out[col].astype(str).map(plain)
    if "country_code" in out:
        out["country_code"] = out["country_code"].astype(str).map(country_name)
        out = out.rename(columns={"country_code": "country"})
    return out
