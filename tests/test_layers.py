"""The house rules, as tests: each stage imports only the stages below it, nothing under
``geo/`` imports Streamlit, and the code passes the linter (``pyproject.toml``)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT / "geo"

#: The stages in the order the data flows; a module may import its own stage and those before it.
LAYERS = ["core", "text", "gazetteer", "parse", "store", "control", "show", "evaluate", "cli"]
#: Modules directly under geo/ that every stage may use.
CORE = {"geo", "geo.model", "geo.errors", "geo.paths"}


def _layer(module: str) -> str:
    if module in CORE:
        return "core"
    if module == "geo.__main__":
        return "cli"
    parts = module.split(".")
    assert parts[0] == "geo" and parts[1] in LAYERS, f"{module} is in no stage of {LAYERS}"
    return parts[1]


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (lazy imports inside functions count too)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            out += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return out


SOURCES = sorted(p for p in GEO.rglob("*.py") if "migrations" not in p.parts)


def test_every_module_is_in_a_stage():
    for path in SOURCES:
        _layer(_module_name(path))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down_the_pipeline(path):
    own = LAYERS.index(_layer(_module_name(path)))
    for lineno, name in _imports(path):
        if name.split(".")[0] == "streamlit" or name.startswith("streamlit_folium"):
            pytest.fail(f"{path.name}:{lineno} imports {name}: geo/ never imports Streamlit")
        if not name.startswith("geo.") or name.count(".") < 1:
            continue
        target = name if name.split(".")[1] in LAYERS or name in CORE else None
        if target is None:
            continue
        upper = LAYERS.index(_layer(".".join(target.split(".")[:2]) if target not in CORE else target))
        assert upper <= own, f"{path.relative_to(ROOT)}:{lineno} imports {name}, a later stage"


def test_the_rule_catches_an_upward_import(tmp_path):
    """The check above is not vacuous: a parse module importing the store is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from geo.store import Store\n", encoding="utf-8")
    found = [name for _, name in _imports(bad)]
    assert "geo.store" in found
    assert LAYERS.index(_layer("geo.store")) > LAYERS.index(_layer("geo.parse.claims"))


@pytest.mark.skipif(
    shutil.which("ruff") is None and not any((Path(p) / "ruff").exists() for p in sys.path),
    reason="ruff is not installed (requirements.txt installs it)",
)
def test_lint_is_clean():
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_the_command_line_starts_without_the_data_stack():
    """``python -m geo --help`` registers every command without importing pandas or geopandas
    (they cost a second and 100 MB before anything runs)."""
    code = (
        "import sys, geo.cli; geo.cli.build_parser(); "
        "print(sorted(m for m in ('pandas', 'geopandas') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


#: The size rules of the house (issue 16): small modules with one job, functions a reader takes in at once.
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
PAGE = [ROOT / "app.py", ROOT / "app_data.py", ROOT / "app_edit.py"]


@pytest.mark.parametrize("path", SOURCES + PAGE, ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_and_functions_stay_small(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{path.name} has {len(text.splitlines())} lines"
    long = [
        f"{n.name} ({n.end_lineno - n.lineno + 1} lines)"
        for n in ast.walk(ast.parse(text))
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        and n.end_lineno - n.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{path.name}: {', '.join(long)}"
