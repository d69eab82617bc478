"""Scoring against gold standards: geoparsing (LGL, GeoVirus) and claims."""
