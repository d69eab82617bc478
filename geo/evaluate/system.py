"""Tidemark's geoparser as an evaluation *system*: ``doc -> predicted places`` (see geo.evaluate.geoparse)."""

from __future__ import annotations

from typing import Any, Callable


def tidemark_system(
    gazetteer=None, include_demonyms: bool = False
) -> Callable[[dict[str, Any]], list[dict[str, Any]]]:
    """A callable that geoparses an evaluation document. Demonyms ("Iraqi") are left out by
    default: the gold standards annotate place names, not adjectives."""
    from geo.gazetteer import default_gazetteer
    from geo.parse.pipeline import geoparse_text

    gaz = gazetteer or default_gazetteer()

    def system(doc: dict[str, Any]) -> list[dict[str, Any]]:
        places = geoparse_text(doc["text"], doc.get("language") or "en", gaz)
        return [
            {
                "start": p.start,
                "end": p.end,
                "lat": p.place.lat,
                "lon": p.place.lon,
                "geonameid": p.place.geonameid,
            }
            for p in places
            if include_demonyms or not p.demonym
        ]

    return system
