"""Tidemark: territorial control claims from news reports, geoparsed offline.

The package is the product's logic; ``app.py`` is only the page. Stages, in order:
``geo.text.articles`` (text in) -> ``geo.parse.toponyms`` (recognise) -> ``geo.parse.resolve`` (rank) ->
``geo.parse.claims`` (who/what/when) -> ``geo.store`` -> ``geo.control.state`` -> ``geo.show.mapview``.
"""

__version__ = "0.1.0"
