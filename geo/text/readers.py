"""Files to Articles: plain text (with a ``.meta.json`` sidecar), HTML, JSON/JSON Lines
records and RSS/Atom feeds. Each reader yields Articles, or an ``InputError`` for each part
it could not read, so one bad record never hides the others; ``read_path`` is the one way
to read a file for ``ingest``, ``parse`` and the page alike.

Limits on every kind: a text, HTML, JSON or feed file of at most ``MAX_ARTICLE_BYTES``;
JSON Lines streamed, each line at most that; each article at most ``MAX_ARTICLE_CHARS``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from geo.errors import InputError
from geo.model import Article
from geo.text.articles import MAX_ARTICLE_BYTES, decode_bytes, make_article, read_text_file
from geo.text.jsonl import parse_json_lines, read_json_lines

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | FEED_SUFFIXES
RECORD_FIELDS = ("published", "source", "language", "title", "url")
#: Streamed line by line: no limit on the file, only on each line.
STREAMED_SUFFIXES = {".jsonl", ".ndjson"}

Item = Article | InputError


def readable(path: Path) -> bool:
    """Whether a file in a folder is an article file (sidecars and notes are not)."""
    return path.suffix.lower() in SUFFIXES and not path.name.endswith(".meta.json")


def is_url(path: str | Path) -> bool:
    return str(path).startswith(("http://", "https://"))


def read_url(url: str, online: bool = False) -> Iterator[Item]:
    """Articles behind a URL: a feed's entries, or a page's main text. Only with ``online``."""
    if not online:
        yield InputError(f"{url}: a URL needs --online (Tidemark uses no network unless asked)")
        return
    import feedparser
    import trafilatura

    try:
        html = trafilatura.fetch_url(url)
    except Exception as exc:  # network errors of every kind: one line
        yield InputError(f"{url}: could not fetch ({exc})".splitlines()[0])
        return
    if not html:
        yield InputError(f"{url}: could not fetch (no answer)")
        return
    if feedparser.parse(html).entries:
        yield from _feed_articles(feedparser.parse(html), url)
        return
    try:
        yield _html_article(html, url, url)
    except InputError as exc:
        yield exc


def read_path(path: str | Path, online: bool = False) -> Iterator[Item]:
    """Articles of one file (or URL, with ``online``), by its kind."""
    if is_url(path):
        yield from read_url(str(path), online)
        return
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        if not p.is_file():
            raise InputError(f"{p}: no such file")
        size = p.stat().st_size
        if size > MAX_ARTICLE_BYTES and suffix not in STREAMED_SUFFIXES:
            raise InputError(f"{p}: too large ({size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,})")
        if suffix in TEXT_SUFFIXES:
            yield read_text_file(p, **_sidecar(p))
        elif suffix in HTML_SUFFIXES:
            yield _read_html(p)
        elif suffix in RECORD_SUFFIXES:
            yield from _read_records(p)
        elif suffix in FEED_SUFFIXES:
            yield from _read_feed(p)
        else:
            raise InputError(f"{p}: unknown kind of file (read: {', '.join(sorted(SUFFIXES))})")
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(f"{p}: cannot be read ({exc.strerror or type(exc).__name__})")
    except (RecursionError, MemoryError, ValueError, LookupError) as exc:  # a reader's limit, not ours
        yield InputError(f"{p}: could not be read ({type(exc).__name__})")


def _sidecar(p: Path) -> dict:
    meta = p.with_suffix(".meta.json")
    if not meta.exists():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{meta}: not valid JSON ({exc})") from None
    return {k: data.get(k) for k in RECORD_FIELDS if data.get(k) is not None}


def _read_html(p: Path) -> Article:
    return _html_article(decode_bytes(p.read_bytes(), str(p)), str(p), "")


def _html_article(html: str, name: str, url: str) -> Article:
    """The main text of a page (trafilatura), with its title, site and date."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # lxml and trafilatura give up on some markup: one line, not a traceback
        raise InputError(f"{name}: the HTML could not be read ({type(exc).__name__})") from None
    if not text.strip():
        raise InputError(f"{name}: no article text found in the HTML")
    return make_article(
        text,
        name=name,
        path=name,
        title=(meta.title if meta and meta.title else ""),
        url=(meta.url if meta and meta.url else url),
        source=(meta.sitename if meta and meta.sitename else ""),
        published=_iso_day(meta.date if meta else None),
    )


def _iso_day(value) -> str | None:
    return str(value)[:10] if value else None


def _record_article(record: dict, name: str, path: Path) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"{name}: a record must be an object with a 'text'")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{name}: no 'text' string")
    meta = {k: record.get(k) for k in RECORD_FIELDS if record.get(k) not in (None, "")}
    meta = {k: (str(v) if k != "published" else v) for k, v in meta.items()}
    try:
        return make_article(text, name=name, path=str(path), **meta)
    except InputError:
        raise
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name}: {exc}") from None


def _read_records(p: Path) -> Iterator[Item]:
    if p.suffix.lower() in STREAMED_SUFFIXES:
        yield from records_to_articles(read_json_lines(p), p)
        return
    raw = decode_bytes(p.read_bytes(), str(p))
    if p.suffix.lower() == ".json" and raw.lstrip()[:1] in ("[", "{"):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{p}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
        except RecursionError:
            raise InputError(f"{p}: JSON nested too deeply") from None
        for i, record in enumerate(data if isinstance(data, list) else [data], 1):
            try:
                yield _record_article(record, f"{p}[{i}]", p)
            except InputError as exc:
                yield exc
        return
    yield from records_to_articles(parse_json_lines(raw, str(p)), p)


def records_to_articles(lines, p: Path) -> Iterator[Item]:
    """Numbered JSON records (``(line number, record or InputError)``) of file ``p`` as articles,
    each bad one an ``InputError`` naming ``p:line`` (the rest go on)."""
    for lineno, record in lines:
        if isinstance(record, InputError):
            yield record
            continue
        try:
            yield _record_article(record, f"{p}:{lineno}", p)
        except InputError as exc:
            yield exc


def _read_feed(p: Path) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(p.read_bytes())
    if feed.bozo and not feed.entries:
        raise InputError(f"{p}: not a readable RSS/Atom feed ({feed.bozo_exception})".splitlines()[0])
    yield from _feed_articles(feed, str(p))


def _html_text(body: str | None) -> str:
    """The text of an entry's HTML; "" for none, or for markup with no element (``<!-- ad -->``)."""
    from lxml import etree
    from lxml import html as lxml_html

    if not body or not body.strip():
        return ""
    try:
        return lxml_html.fromstring(body).text_content()
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""


def _feed_articles(feed, p: str) -> Iterator[Item]:
    """Each entry of a parsed feed as an Article (its HTML reduced to text)."""
    source = feed.feed.get("title", "") if feed.get("feed") else ""
    for i, entry in enumerate(feed.entries, 1):
        body = (
            entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary", "")
        )
        text = _html_text(body)
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        try:
            yield make_article(
                "\n".join(x for x in (entry.get("title", ""), text) if x),
                name=f"{p} entry {i}",
                path=str(p),
                title=entry.get("title", ""),
                url=entry.get("link", ""),
                source=source,
                published=f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}"
                if published
                else None,
            )
        except InputError as exc:
            yield exc
