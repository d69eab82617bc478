"""The schema on open: an old database is upgraded, one at the newest revision opens without
Alembic, and the newest revision follows the migration scripts' content."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from geo.store import Store, database

ROOT = Path(__file__).resolve().parent.parent

NEXT_REVISION = '''"""A test's revision after the newest."""
revision = "{rev}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass
'''


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_the_head_is_alembics():
    assert database.head_revision() == ScriptDirectory(str(database.MIGRATIONS)).get_current_head()


def test_an_older_database_is_brought_to_the_head(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = database.make_engine(f"sqlite:///{path}")
    cfg = Config()
    cfg.set_main_option("script_location", str(database.MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    assert _revision(path) == "0001"
    Store(f"sqlite:///{path}").close()
    assert _revision(path) == database.head_revision()


def test_a_database_at_the_head_opens_without_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    Store(url).close()  # created and upgraded here
    code = f"import sys; from geo.store import Store; Store({url!r}).close(); print('alembic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_kept_head_follows_the_scripts(tmp_path, monkeypatch):
    """A new migration script is a new head at once, whatever head was kept for the old scripts."""
    migrations = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(database, "MIGRATIONS", migrations)
    monkeypatch.setattr(database, "CACHE_DIR", tmp_path / "cache")
    database.head_revision.cache_clear()
    try:
        old = database.head_revision()
        assert list((tmp_path / "cache").iterdir())  # kept for the next process
        (migrations / "versions" / "9999_next.py").write_text(
            NEXT_REVISION.format(rev="9999", down=old), encoding="utf-8"
        )
        database.head_revision.cache_clear()
        assert database.head_revision() == "9999"
    finally:
        database.head_revision.cache_clear()
