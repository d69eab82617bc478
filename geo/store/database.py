"""Where the store lives: an SQLAlchemy engine for a URL, SQLite tuned for many writers.

``None`` means ``$TIDEMARK_DB`` or ``sqlite:///data/tidemark.sqlite``. SQLite gets WAL mode
(readers never block the writer), a busy timeout (a second ingest waits instead of failing)
and foreign keys. The schema is brought to the newest Alembic revision on every open, so a
database made by an older Tidemark opens in a newer one.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from geo.errors import InputError
from geo.paths import DATA_DIR

DEFAULT_PATH = DATA_DIR / "tidemark.sqlite"
BUSY_TIMEOUT_S = 30


def database_url(url: str | None = None) -> str:
    url = url or os.environ.get("TIDEMARK_DB") or f"sqlite:///{DEFAULT_PATH}"
    if "://" not in url:  # a plain path
        url = f"sqlite:///{Path(url).resolve()}"
    return url


def make_engine(url: str | None = None) -> Engine:
    url = database_url(url)
    try:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # a malformed URL or a missing driver: one line for the user
        raise InputError(f"database {url!r}: {exc}".splitlines()[0]) from None
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic, run in-process)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
