"""Shared fixtures: a store URL per test, on SQLite and, where it can be started, PostgreSQL.

The PostgreSQL server is a throwaway one from Debian's binaries (``initdb``/``pg_ctl``),
on a free loopback port in a temporary folder, run as the ``postgres`` user when the tests
run as root. Without the binaries the PostgreSQL cases are skipped with the reason.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

_counter = itertools.count()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """(host, port, user) of a running throwaway PostgreSQL server, or a skip."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not binaries:
        pytest.skip("PostgreSQL is not installed (Debian package 'postgresql'; .ci/run installs it)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("the psycopg driver is not installed (pip install -r requirements.txt)")
    bindir = Path(binaries[-1]).parent
    as_root = os.geteuid() == 0
    if as_root and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL as another user")
    folder = Path(tempfile.mkdtemp(prefix="tidemark-pg-"))
    data = folder / "data"
    port = _free_port()
    user = "postgres" if as_root else os.environ.get("USER", "postgres")

    def run(*cmd: str) -> subprocess.CompletedProcess:
        full = ["runuser", "-u", "postgres", "--", *cmd] if as_root else list(cmd)
        return subprocess.run(full, capture_output=True, text=True, timeout=120)

    if as_root:
        shutil.chown(folder, "postgres")
    init = run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", user, "--no-sync")
    if init.returncode != 0:
        reason = init.stderr.strip().splitlines()[-1] if init.stderr.strip() else init.returncode
        pytest.skip(f"initdb failed: {reason}")
    start = run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(folder / "log"),
        "-w",
        "-o",
        f"-h 127.0.0.1 -p {port} -k {folder} -F",
        "start",
    )
    if start.returncode != 0:
        pytest.skip(f"PostgreSQL did not start: {start.stderr.strip() or start.stdout.strip()}")
    try:
        yield ("127.0.0.1", port, user)
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def new_postgres_database(server) -> str:
    import psycopg

    host, port, user = server
    name = f"tidemark_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://{user}@{host}:{port}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    """A fresh, empty store URL: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tidemark.sqlite'}"
    return new_postgres_database(request.getfixturevalue("postgres_server"))


def require_eval_data(path) -> None:
    """Skip a test whose evaluation data (``../shared/eval``) is absent — but never in CI, where it
    is laid beside the checkout: there a missing file is a failure, not a silent skip."""
    from pathlib import Path

    if Path(path).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{path} is absent, but CI always has ../shared/eval beside the checkout")
    pytest.skip(f"{path} is absent: the shared evaluation data is not checked out beside this repository")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """A database file holding the bundled sample, built once (tests copy it)."""
    from geo.store import Store
    from geo.store.sample import ensure_sample

    path = tmp_path_factory.mktemp("sample") / "tidemark.sqlite"
    store = Store(f"sqlite:///{path}")
    ensure_sample(store)
    store.close()
    return path


@pytest.fixture
def page_db(tmp_path, monkeypatch, sample_db) -> str:
    """A test's own copy of the sample database as the page's ``$TIDEMARK_DB``; editing open."""
    path = tmp_path / "tidemark.sqlite"
    shutil.copyfile(sample_db, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("TIDEMARK_DB", url)
    monkeypatch.setenv("TIDEMARK_PLAY_DELAY", "0")
    monkeypatch.setenv("TIDEMARK_OPEN_EDITING", "1")
    monkeypatch.delenv("TIDEMARK_EDITOR_TOKEN", raising=False)
    return url


@pytest.fixture(scope="session")
def gaz():
    """The real gazetteer (a test module may keep its own)."""
    from geo.gazetteer import default_gazetteer

    return default_gazetteer()


def found(text: str, gaz, language: str) -> list[str]:
    """The place names the recogniser finds in ``text`` (demonyms left out)."""
    from geo.parse.toponyms import recognise

    return [m.text for m in recognise(text, gaz, language=language) if not m.demonym]
