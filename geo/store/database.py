"""Where the store lives: an SQLAlchemy engine for a URL, SQLite tuned for many writers.

``None`` means ``$TIDEMARK_DB`` or ``sqlite:///data/tidemark.sqlite``. SQLite gets WAL mode
(readers never block the writer), a busy timeout (a second ingest waits instead of failing)
and foreign keys. A schema short of the newest Alembic revision is upgraded on open (Alembic
is imported only then: the newest revision's id is kept in ``data/cache/``), under a
lock (a file lock beside an SQLite file, ``pg_advisory_xact_lock`` on PostgreSQL), so several
processes opening a new database at once upgrade it once. A database that cannot be opened is
one ``InputError`` line without server paths (``open_error``), for the command line and the page.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine

from geo.errors import InputError
from geo.paths import CACHE_DIR, DATA_DIR

DEFAULT_PATH = DATA_DIR / "tidemark.sqlite"
BUSY_TIMEOUT_S = 30
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The advisory lock id that serialises schema upgrades on PostgreSQL ("tidemark" in ASCII, folded).
PG_LOCK_ID = 0x7469_6465_6D61


def database_url(url: str | None = None) -> str:
    url = url or os.environ.get("TIDEMARK_DB") or f"sqlite:///{DEFAULT_PATH}"
    if "://" not in url:  # a plain path
        url = f"sqlite:///{Path(url).resolve()}"
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases and in-memory ones)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1] if "///" in url else ""
    return Path(path) if path and path != ":memory:" else None


def make_engine(url: str | None = None) -> Engine:
    url = database_url(url)
    try:
        if url.startswith("sqlite"):
            path = sqlite_path(url)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # a malformed URL, a missing driver, an unwritable folder: one line
        raise InputError(f"database {redact(url)!r}: {redact(str(exc))}".splitlines()[0]) from None
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def open_error(exc: BaseException) -> InputError:
    """One line for a database that cannot be opened or reached, with no paths or server names."""
    msg = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = msg[0] if msg else type(exc).__name__
    low = " ".join(msg).lower()
    if "not a database" in low or "malformed" in low:
        reason = "file is not a database"
    elif "unable to open" in low or "readonly" in low or "read-only" in low:
        reason = "the file cannot be opened for writing"
    elif "refused" in low or "could not connect" in low or "timeout" in low or "timed out" in low:
        reason = "the database server does not answer"
    elif "authentication" in low or "password" in low:
        reason = "the database server refused the login"
    elif "does not exist" in low:
        reason = "no such database on the server"
    else:
        reason = redact(first)
    return InputError(f"the database cannot be opened: {reason}")


def redact(message: str) -> str:
    """``message`` without file paths, host names, users and passwords."""
    message = re.sub(r"[a-z+]+://\S+", "<database>", message)
    message = re.sub(r"(?<![\w.])/[^\s'\"]+", "<path>", message)
    return re.sub(r'(server at|host|port)\s+"?[^\s",]+"?', r"\1 <hidden>", message)


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration's revision id. Alembic works it out once per content of the
    migration scripts and it is kept in ``data/cache/schema-head-<hash>``: a database already
    at the newest revision opens without importing Alembic (about 0.12 CPU-s)."""
    scripts = sorted((MIGRATIONS / "versions").glob("*.py"))
    digest = hashlib.sha256(b"".join(p.name.encode() + b"\0" + p.read_bytes() + b"\0" for p in scripts))
    kept = CACHE_DIR / f"schema-head-{digest.hexdigest()[:16]}"
    with contextlib.suppress(OSError):
        if head := kept.read_text(encoding="utf-8").strip():
            return head
    head = _alembic_head()
    with contextlib.suppress(OSError):  # a read-only cache folder: Alembic again next time
        kept.parent.mkdir(parents=True, exist_ok=True)
        tmp = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
        tmp.write_text(head, encoding="utf-8")
        tmp.replace(kept)
    return head


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def _current_revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` (created beside the database), released on exit or death."""
    import fcntl

    with open(path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic, run in-process), once across processes.

    Raises ``InputError`` (see ``open_error``) when the database cannot be opened.
    """
    from sqlalchemy.exc import DBAPIError

    try:
        if _current_revision(engine) == head_revision():
            return
        path = sqlite_path(str(engine.url))
        lock = _file_lock(path.with_name(path.name + ".lock")) if path else contextlib.nullcontext()
        with lock:
            _run_upgrade(engine)
    except (DBAPIError, OSError) as exc:
        raise open_error(exc) from None


def _run_upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": PG_LOCK_ID})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
