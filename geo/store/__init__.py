"""The store: articles and claims in an embedded SQLite file by default, any SQLAlchemy URL
(PostgreSQL included) by ``--db`` or ``$TIDEMARK_DB``. See ``Store``."""

from geo.store.database import database_url
from geo.store.store import CLAIM_COLUMNS, Store
from geo.text.articles import PLAUSIBLE_DATES

__all__ = ["Store", "CLAIM_COLUMNS", "PLAUSIBLE_DATES", "database_url"]
