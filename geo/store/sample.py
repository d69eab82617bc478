"""The bundled sample: the seed article(s) in ``data/articles`` and the chronicle in
``data/chronicle`` (when present), loaded into an empty store so the page never starts blank."""

from __future__ import annotations

from geo.paths import DATA_DIR
from geo.store.ingest import IngestSummary, ingest_paths

DATA = DATA_DIR
SAMPLE_PATHS = (DATA / "articles", DATA / "chronicle")


def load_sample(store, progress: bool = False) -> IngestSummary:
    return ingest_paths([p for p in SAMPLE_PATHS if p.exists()], store, progress=progress)


def ensure_sample(store, progress: bool = False) -> IngestSummary | None:
    """Load the sample only into an empty store; None when it already holds articles."""
    if store.counts()["articles"]:
        return None
    return load_sample(store, progress=progress)
