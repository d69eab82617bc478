"""Tidemark: territorial control claims from news reports, geoparsed offline.

The package is the product's logic; ``app.py`` is only the page. Stages, in order:
``geo.articles`` (text in) -> ``geo.toponyms`` (recognise) -> ``geo.resolve`` (rank) ->
``geo.claims`` (who/what/when) -> ``geo.store`` -> ``geo.control`` -> ``geo.mapview``.
"""

__version__ = "0.1.0"
