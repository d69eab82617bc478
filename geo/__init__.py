"""Tidemark: territorial control claims from news reports, geoparsed offline.

The package is the product's logic; ``app.py`` is only the page. One folder per stage, in the
order the data flows (each imports only the stages before it, ``tests/test_layers.py``):

``geo.text`` (read, clean, names) -> ``geo.gazetteer`` (the offline index, the geocoder) ->
``geo.parse`` (recognise, resolve, actors, dates, claims) -> ``geo.store`` (SQLite/SQLAlchemy,
ingest) -> ``geo.control`` (control as of a date) -> ``geo.show`` (view state, map, exports);
``geo.evaluate`` scores it and ``geo.cli`` is ``python -m geo``.
"""

__version__ = "0.1.0"
