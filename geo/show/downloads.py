"""The page's downloads, each built only when clicked: the filtered claims as the store holds
them (spreadsheet-safe CSV, GeoJSON: what ``python -m geo export`` writes) and the map as one
HTML file that works offline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from geo.show import mapview
from geo.show.assets import inline_assets_html
from geo.show.export import claims_csv, claims_geodataframe


@dataclass(frozen=True)
class Download:
    label: str
    data: Callable[[], bytes]
    file_name: str
    mime: str
    key: str


def downloads(store, shown, areas, view) -> list[Download]:
    """The three downloads of a page view (``shown``: ``geo.show.evidence.Shown``)."""

    def rows():
        frame = store.claims_frame()
        return frame[frame["claim_id"].isin(shown.claims["claim_id"])]

    def geojson() -> bytes:
        return claims_geodataframe(rows()).to_json(drop_id=True, ensure_ascii=False).encode("utf-8")

    def page() -> bytes:
        return inline_assets_html(mapview.map_of(shown, areas, view, placed=False)).encode("utf-8")

    return [
        Download(
            "Download filtered claims (CSV)",
            lambda: claims_csv(rows()),
            "tidemark-claims.csv",
            "text/csv",
            "dl_csv",
        ),
        Download(
            "Download filtered claims (GeoJSON)",
            geojson,
            "tidemark-claims.geojson",
            "application/geo+json",
            "dl_geojson",
        ),
        Download(
            "Download this map (HTML, works offline)",
            page,
            f"tidemark-{view.as_of}.html",
            "text/html",
            "dl_html",
        ),
    ]
