"""Tidemark's gazetteer behind geopy's ``Geocoder`` interface: offline, no API key.

    from geo.gazetteer.geocoder import TidemarkGeocoder
    geocoder = TidemarkGeocoder()
    geocoder.geocode("Ar-Raqqah")                       # Location(Ar Raqqah, Syria, (35.95, 39.01))
    geocoder.geocode("Rawa, Iraq")                      # Rāwah, Al Anbar, Iraq
    geocoder.geocode({"city": "Paris", "state": "Texas"})
    geocoder.geocode("Mosul", language="ar")            # الموصل، نينوى، العراق
    geocoder.geocode("Rawa", exactly_one=False)         # every Rawa, best first, with populations
    geocoder.reverse("34.39, 40.99")                    # Al Qā’im

Queries are read by ``geo.gazetteer.query`` (name, qualifiers, structured fields), addresses
written by ``geo.gazetteer.address``. A name that is both a town and the division named
after it gives the town ("Arbil", "Deir Ezzor"), unless the query asks for the division
("Arbil Governorate", ``featuretype="state"``, a structured ``state``): ``is_seat_of``, the
same predicate the parser uses.

Ambiguity is never hidden: with ``exactly_one=True`` and neither a country nor a qualifier,
a name whose best candidate does not clearly dominate (a country, a province, or a town ten
times bigger than the next namesake) raises ``AmbiguousPlaceError``, which carries the ranked
candidates. Every error is a geopy ``GeopyError`` and a Tidemark ``InputError`` (a ValueError).

An online fallback (Nominatim behind geopy's RateLimiter, answers cached on disk) answers
names the gazetteer lacks; it is off unless ``online=True`` is passed or
``TIDEMARK_ONLINE=1`` is set, and it is never used in tests.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.errors import InputError
from geo.gazetteer import address as addressing
from geo.gazetteer import is_seat_of
from geo.gazetteer.generic import strip_generic
from geo.gazetteer.query import (
    DIVISION_KINDS,
    GeocoderInputError,
    Query,
    UnknownQualifierError,
    han_variants,
    parse_query,
    unseparated,
    within,
)
from geo.model import Place
from geo.paths import CACHE_DIR

__all__ = ["TidemarkGeocoder", "AmbiguousPlaceError", "GeocoderInputError", "UnknownQualifierError"]

#: A town must be this many times bigger than its next namesake to be picked unasked.
DOMINANCE = 10
#: How many candidates an AmbiguousPlaceError carries.
MAX_LISTED = 10


class AmbiguousPlaceError(GeocoderInputError):
    """A name several places share, none clearly meant; ``candidates`` lists them best first."""

    def __init__(self, query: str, candidates: list[Location]):
        self.candidates = candidates
        listed = "; ".join(
            f"{c.raw['name']} ({c.raw['country_code']}, {c.raw['kind']}, pop. {c.raw['population']:,})"
            for c in candidates[:5]
        )
        super().__init__(
            f"{query!r} is ambiguous: {listed}. Qualify it (\"{query}, <country or province>\"), "
            "pass country_codes, or ask for exactly_one=False"
        )


def place_to_location(place: Place, gaz, language: str | None = None, address: str | None = None) -> Location:
    """A gazetteer Place as a geopy Location (raw keeps the ids and precision)."""
    text = address if address is not None else addressing.address(gaz, place, language)
    raw = {**place.to_dict(), "source": "tidemark"}
    return Location(text, Point(place.lat, place.lon), raw)


def same_answer(a: Place, b: Place) -> bool:
    """A town and the division named after it are one answer to "where" (either order)."""
    return is_seat_of(a, b) or is_seat_of(b, a)


def _dominates(places: list[Place]) -> bool:
    """Whether the best place is clearly the one meant: a town and the division it stands for
    count as one answer, as populous as the larger of them ("Geneva": the city and its canton)."""
    if len(places) <= 1:
        return True
    best = places[0]
    ours = [p for p in places[1:] if same_answer(best, p)]
    rest = [p for p in places[1:] if p not in ours]
    if not rest:
        return True
    second = rest[0]
    if (
        best.kind in ("country", "region", "admin1")
        and second.kind == "city"
        and second.population < best.population
    ):
        return True
    people = max(p.population for p in [best, *ours])
    return people >= DOMINANCE * max(second.population, 1)


def seats_before_divisions(gaz, places: list[Place]) -> list[Place]:
    """Each division preceded by the town it is named after ("Arbil": Erbil, then the
    province), the town looked up by the division's names when the query did not reach it."""
    out: list[Place] = []
    seen: set[int] = set()
    for p in places:
        if p.kind in ("admin1", "admin2") and p.geonameid not in seen:
            seat = next((c for c in places if is_seat_of(c, p)), None) or gaz.seat_of(p)
            if seat is not None and seat.geonameid not in seen:
                out.append(seat)
                seen.add(seat.geonameid)
        if p.geonameid not in seen:
            out.append(p)
            seen.add(p.geonameid)
    return out


def prominent_first(places: list[Place]) -> list[Place]:
    """A town ten times bigger than a division of its name ahead of it ("Sofia": the Bulgarian
    capital, not the Malagasy region); countries, and regions (no population), keep their place."""
    out = list(places)
    for i, p in enumerate(places):
        if p.kind in ("admin1", "admin2") and p.population > 0:
            town = next(
                (
                    t
                    for t in places[i + 1 :]
                    if t.kind == "city" and t.population >= DOMINANCE * max(p.population, 1)
                ),
                None,
            )
            if town is not None and out.index(town) > out.index(p):
                out.remove(town)
                out.insert(out.index(p), town)
    return out


def _limit(limit: int | None, exactly_one: bool) -> int | None:
    """geopy's (Nominatim's) ``limit``: ignored for exactly_one, at least 1 otherwise."""
    if exactly_one or limit is None:
        return None
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        raise GeocoderInputError(f"limit must be a whole number, not {limit!r}") from None
    if limit < 1:
        raise GeocoderInputError("limit cannot be less than 1")
    return limit


class TidemarkGeocoder(Geocoder):
    """geopy Geocoder over the offline gazetteer (and, opt-in, Nominatim for what it lacks).

    geopandas takes the class or an instance: ``geopandas.tools.geocode(names,
    provider=TidemarkGeocoder)`` or ``provider=TidemarkGeocoder(gazetteer)``; geopandas calls
    the provider with its keyword arguments, and an instance answers that call with itself.
    """

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

    def __call__(self, **kwargs: Any) -> TidemarkGeocoder:
        """geopandas builds its coder with ``provider(**kwargs)``: an instance gives itself, or a
        copy with those options."""
        if not kwargs:
            return self
        return TidemarkGeocoder(self._gaz, online=kwargs.pop("online", self.online), **kwargs)

    @property
    def gazetteer(self):
        if self._gaz is None:
            from geo.gazetteer import default_gazetteer

            self._gaz = default_gazetteer()
        return self._gaz

    def geocode(
        self,
        query: str | dict,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        limit: int | None = None,
        language: str | None = None,
        country_codes: str | list[str] | None = None,
        featuretype: str | None = None,
        addressdetails: bool = False,
        kinds: tuple[str, ...] | None = None,
    ):
        """Location (or a list of them, best first) for a free-form or structured query; None
        when nothing matches (or nothing of that name lies in the qualifiers). With
        ``addressdetails``, ``raw["address"]`` holds the parts as Nominatim names them."""
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        count = _limit(limit, exactly_one)
        parsed = parse_query(query, featuretype)
        places = self._candidates(parsed, country_codes, kinds)
        if not places and self.online and isinstance(query, str):
            return self._online(query, exactly_one, country_codes, language)
        if not places:
            return None
        if not exactly_one:
            return self._locations(places[: count or len(places)], language, addressdetails)
        scoped = bool(country_codes or parsed.qualifiers or parsed.division)
        if not scoped and not _dominates(places):
            raise AmbiguousPlaceError(parsed.text, self._locations(places[:MAX_LISTED], language))
        return self._locations(places[:1], language, addressdetails)[0]

    def _locations(self, places: list[Place], language: str | None, details: bool = False) -> list[Location]:
        """The places as Locations, their addresses distinct from one another."""
        texts = addressing.addresses(self.gazetteer, places, language)
        out = [place_to_location(p, self.gazetteer, address=t) for p, t in zip(places, texts)]
        for place, loc in zip(places, out) if details else ():
            loc.raw["address"] = addressing.address_parts(self.gazetteer, place, language)
        return out

    def _candidates(self, q: Query, country_codes, kinds) -> list[Place]:
        """The places a parsed query names, best first: qualifiers, kinds and the seat rule."""
        gaz = self.gazetteer
        places = self._named(q)
        if not places and not q.qualifiers and isinstance(q.name, str):
            split = unseparated(gaz, q)
            if split is not None:
                q, places = split, self._named(split)
        places = within(gaz, places, q.qualifiers, q.text, q.qualifier_kinds)
        if country_codes:
            wanted = {c.upper() for c in country_codes}
            places = [p for p in places if p.country_code in wanted]
        if not q.division:
            places = seats_before_divisions(gaz, prominent_first(places))
        for wanted_kinds in (q.kinds, kinds):
            if wanted_kinds:
                places = [p for p in places if p.kind in wanted_kinds]
        return places

    def _named(self, q: Query) -> list[Place]:
        """Places of the query's name; a division first when the query asks for one."""
        gaz = self.gazetteer
        try:
            places = gaz.search(q.name)
        except InputError as exc:
            raise GeocoderInputError(str(exc)) from None
        for variant in [q.name, *han_variants(q.name)] if not places else ():
            places = places or gaz.search(variant) or addressing.short_name_places(gaz, variant)
        if not q.division:
            return places
        stripped = strip_generic(q.name)
        more = [p for p in gaz.lookup(stripped) if p.kind in DIVISION_KINDS] if stripped else []
        divisions = [p for p in places if p.kind in DIVISION_KINDS]
        ids = {p.geonameid for p in divisions}
        return divisions + [p for p in more if p.geonameid not in ids] or places

    def reverse(
        self,
        query,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        language: str | None = None,
        addressdetails: bool = True,
        limit: int = 5,
    ):
        """The nearest town or site to a point ("lat, lon", a tuple, or a geopy Point)."""
        try:
            point = Point(query)
        except (ValueError, TypeError) as exc:
            raise GeocoderInputError(f"{str(query)[:40]!r} is not a point: {exc}") from None
        count = 1 if exactly_one else _limit(limit, False) or 5
        found = self.gazetteer.nearest(point.latitude, point.longitude, limit=count)
        if not found:
            return None
        locations = self._locations([p for _, p in found], language, addressdetails)
        for (km, _), loc in zip(found, locations):
            loc.raw["distance_km"] = round(km, 3)
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
