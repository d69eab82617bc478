"""Where the product's bundled files live: ``data/`` and ``static/`` beside the package."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
STATIC_DIR = ROOT / "static"
CACHE_DIR = DATA_DIR / "cache"
#: ``<language>.json``: the phrases that say what happened, per language Tidemark reads claims in.
LEXICON_DIR = DATA_DIR / "claims"
