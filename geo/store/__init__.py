"""The store: articles and claims in an embedded SQLite file by default, any SQLAlchemy URL
(PostgreSQL included) by ``--db`` or ``$TIDEMARK_DB``. See ``Store``.

The names below are imported when first used (PEP 562), so ``geo.store.pool`` and the other
submodules load without SQLAlchemy: ``parse --jsonl`` starts that much sooner.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.store.database import database_url
    from geo.store.store import CLAIM_COLUMNS, Store
    from geo.text.articles import PLAUSIBLE_DATES

__all__ = ["Store", "CLAIM_COLUMNS", "PLAUSIBLE_DATES", "database_url"]

_WHERE = {
    "Store": "geo.store.store",
    "CLAIM_COLUMNS": "geo.store.store",
    "PLAUSIBLE_DATES": "geo.text.articles",
    "database_url": "geo.store.database",
}


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name]), name)
    globals()[name] = value
    return value
