"""Tidemark's gazetteer behind geopy's ``Geocoder`` interface: offline, no API key.

    from geo.gazetteer.geocoder import TidemarkGeocoder
    geocoder = TidemarkGeocoder()
    geocoder.geocode("Ar-Raqqah")                       # Location(Ar Raqqah, Syria, (35.95, 39.01))
    geocoder.geocode("Rawa", exactly_one=False)         # every Rawa, best first, with populations
    geocoder.geocode("Rawa", country_codes="IQ")        # Rāwah, Iraq
    geocoder.reverse("34.39, 40.99")                    # Al Qā’im

Ambiguity is never hidden: with ``exactly_one=True`` and no country, a name whose best
candidate does not clearly dominate (a country, a province, or a town ten times bigger than
the next namesake) raises ``AmbiguousPlaceError``, which carries the ranked candidates.

An online fallback (Nominatim behind geopy's RateLimiter, answers cached on disk) answers
names the gazetteer lacks; it is off unless ``online=True`` is passed or
``TIDEMARK_ONLINE=1`` is set, and it is never used in tests.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.errors import InputError
from geo.model import Place
from geo.paths import CACHE_DIR

#: A town must be this many times bigger than its next namesake to be picked unasked.
DOMINANCE = 10


class AmbiguousPlaceError(InputError):
    """A name several places share, none clearly meant; ``candidates`` lists them best first."""

    def __init__(self, query: str, candidates: list[Location]):
        self.candidates = candidates
        listed = "; ".join(
            f"{c.raw['name']} ({c.raw['country_code']}, {c.raw['kind']}, pop. {c.raw['population']:,})"
            for c in candidates[:5]
        )
        super().__init__(
            f"{query!r} is ambiguous: {listed}. Give a country (country_codes) or ask for exactly_one=False"
        )


def place_to_location(place: Place, gaz=None) -> Location:
    """A gazetteer Place as a geopy Location (raw keeps the ids and precision)."""
    country = gaz.country(place.country_code) if gaz is not None and place.kind != "country" else None
    address = ", ".join(x for x in (place.name, country.name if country else "") if x)
    raw = {**place.to_dict(), "source": "tidemark"}
    return Location(address, Point(place.lat, place.lon), raw)


def _dominates(places: list[Place]) -> bool:
    if len(places) <= 1:
        return True
    best = places[0]
    rest = [
        p
        for p in places[1:]
        if not (p.kind == "admin1" and (p.country_code, p.admin1) == (best.country_code, best.admin1))
    ]
    if not rest:
        return True
    second = rest[0]
    if (
        best.kind in ("country", "region", "admin1")
        and second.kind == "city"
        and second.population < best.population
    ):
        return True
    return best.population >= DOMINANCE * max(second.population, 1)


class TidemarkGeocoder(Geocoder):
    """geopy Geocoder over the offline gazetteer (and, opt-in, Nominatim for what it lacks)."""

    def __init__(
        self,
        gazetteer=None,
        *,
        online: bool | None = None,
        user_agent: str = "tidemark",
        cache_path: str | Path | None = None,
        **kwargs: Any,
    ):
        super().__init__(user_agent=user_agent, **kwargs)
        self._gaz = gazetteer
        self.online = online if online is not None else os.environ.get("TIDEMARK_ONLINE") == "1"
        self._cache_path = Path(cache_path) if cache_path else CACHE_DIR / "nominatim.json"
        self._fallback = None

    @property
    def gazetteer(self):
        if self._gaz is None:
            from geo.gazetteer import default_gazetteer

            self._gaz = default_gazetteer()
        return self._gaz

    def geocode(
        self,
        query: str,
        exactly_one: bool = True,
        country_codes: str | list[str] | None = None,
        language: str | None = None,
        limit: int | None = None,
        kinds: tuple[str, ...] | None = None,
    ):
        """Location (or a list of them, best first) for ``query``; None when nothing matches."""
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        places = self.gazetteer.search(query, country_codes=country_codes, kinds=kinds)
        if not places and self.online:
            return self._online(query, exactly_one, country_codes, language)
        if not places:
            return None
        locations = [place_to_location(p, self.gazetteer) for p in places[: limit or len(places)]]
        if not exactly_one:
            return locations
        if not country_codes and not _dominates(places):
            raise AmbiguousPlaceError(query, locations)
        return locations[0]

    def reverse(self, query, exactly_one: bool = True, limit: int = 5, language: str | None = None):
        """The nearest town or site to a point ("lat, lon", a tuple, or a geopy Point)."""
        try:
            point = Point(query)
        except (ValueError, TypeError) as exc:
            raise InputError(f"{str(query)[:40]!r} is not a point: {exc}") from None
        found = self.gazetteer.nearest(point.latitude, point.longitude, limit=1 if exactly_one else limit)
        if not found:
            return None
        locations = []
        for km, place in found:
            loc = place_to_location(place, self.gazetteer)
            loc.raw["distance_km"] = round(km, 3)
            locations.append(loc)
        return locations[0] if exactly_one else locations

    # --- opt-in online fallback ---------------------------------------------------------
    def _online(self, query, exactly_one, country_codes, language):
        cache = self._read_cache()
        key = json.dumps([query, country_codes, language, exactly_one])
        if key not in cache:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import Nominatim

            if self._fallback is None:
                self._fallback = RateLimiter(
                    Nominatim(user_agent=self.headers.get("User-Agent", "tidemark")).geocode,
                    min_delay_seconds=1.0,
                )
            found = self._fallback(
                query, exactly_one=exactly_one, country_codes=country_codes, language=language
            )
            items = found if isinstance(found, list) else [found] if found else []
            cache[key] = [
                {"address": f.address, "lat": f.latitude, "lon": f.longitude, "raw": f.raw} for f in items
            ]
            self._write_cache(cache)
        items = [
            Location(i["address"], Point(i["lat"], i["lon"]), {**i["raw"], "source": "nominatim"})
            for i in cache[key]
        ]
        if not items:
            return None
        return items[0] if exactly_one else items

    def _read_cache(self) -> dict:
        try:
            return json.loads(self._cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _write_cache(self, cache: dict) -> None:
        self._cache_path.parent.mkdir(parents=True, exist_ok=True)
        self._cache_path.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
