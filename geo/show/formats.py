"""The export formats, by name: kept apart from ``geo.show.export`` so that ``python -m geo --help``
lists them without importing pandas and geopandas."""

FORMATS = ("csv", "geojson", "gpkg", "acled")
