"""The offline gazetteer: every name of every place, in every language we have, to places.

    gaz = default_gazetteer()           # built once (progress bar), then loaded from cache
    gaz.lookup(normalize_name("Ar-Raqqah"))   # -> [Place(Ar Raqqah, SY, city), ...] best first
    gaz.search("Rawa", country_codes=["IQ"])  # names as users type them

Best first means: countries, continents and first-level divisions before towns of the
same name, then by population. Places GeoNames has no id for (admin-1 divisions found by
name, the user's own places) get ids from ``sources.OWN_ID_BASE`` up.
"""

from __future__ import annotations

import os
import threading
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import numpy as np

from geo.errors import InputError
from geo.gazetteer import columns, index, sources
from geo.gazetteer.distance import haversine_km, haversine_km_many
from geo.gazetteer.generic import strip_generic
from geo.model import Place
from geo.text import names
from geo.text.names import normalize_name

__all__ = ["Gazetteer", "default_gazetteer", "is_seat_of", "names", "normalize_name", "MAX_QUERY_CHARS"]

MAX_QUERY_CHARS = 300
#: A town stands for the division named like it when it holds at least this share of its people.
SEAT_SHARE = 0.05
#: A county and a town of its name are one answer when this close (GeoNames gives towns no county).
SEAT_COUNTY_KM = 50.0
#: A city that is a division of its own stands for the province around it within this distance.
SEAT_CAPITAL_KM = 100.0
#: Look-ups remembered per gazetteer (each cache is emptied when it reaches this many keys).
KEY_CACHE_SIZE = 200_000


@lru_cache(maxsize=100_000)
def main_keys(place: Place) -> frozenset[str]:
    """The keys of a place's main name; a division's also without its generic words
    ("Mayorality of Baghdad": baghdad), so that its seat is recognised by name."""
    keys = names.name_variants(place.name)
    if place.kind in ("admin1", "admin2"):
        stripped = strip_generic(place.name)
        if stripped:
            keys = keys | names.name_variants(stripped)
    return frozenset(keys)


def seats_first(places: list[Place], key: str) -> list[Place]:
    """ "Raqqa", "Kirkuk" name a province and its seat, a town called the same: the town comes
    first, the province right after it (rows are otherwise ordered countries, provinces, towns
    by population). "New York" is the state: New York City is called otherwise."""
    provinces = {(p.country_code, p.admin1): main_keys(p) | {key} for p in places if p.kind == "admin1"}
    seats = {
        (p.country_code, p.admin1)
        for p in places
        if p.kind == "city" and main_keys(p) & provinces.get((p.country_code, p.admin1), set())
    }
    if not seats:
        return places
    out, held = [], {}
    for p in places:
        if p.kind == "admin1" and (p.country_code, p.admin1) in seats:
            held.setdefault((p.country_code, p.admin1), []).append(p)
            continue
        out.append(p)
        if p.kind == "city":
            out.extend(held.pop((p.country_code, p.admin1), []))
    return out + [p for ps in held.values() for p in ps]


def is_seat_of(town: Place, division: Place) -> bool:
    """Whether a town and a division, two readings of one name ("Raqqa", "Arbil"), are one
    answer to "where": the division's own town, big enough to stand for it, not a hamlet of
    the same name. A city that is a division of its own ("Minsk", "Kyiv City") counts for the
    province around it. Both readings must come from one name; the predicate checks the rest."""
    if town.kind != "city" or division.kind not in ("admin1", "admin2"):
        return False
    if town.country_code != division.country_code or town.population < SEAT_SHARE * division.population:
        return False
    km = haversine_km(town.lat, town.lon, division.lat, division.lon)
    if town.admin1 != division.admin1:
        return division.kind == "admin1" and km < SEAT_CAPITAL_KM
    return division.kind == "admin1" or km < SEAT_COUNTY_KM


class Gazetteer:
    """Look-ups over the cached names index plus the user's custom places."""

    def __init__(self, folder: Path, custom_places: Path | str | None = None):
        index_ = columns.NameIndex(folder)
        self._names, self._prefixes, self._rows_of = index_.trie, index_.prefixes, index_.rows
        self._columns = cols = columns.Places(folder)
        self._row_of_id: dict[int, int] | None = None
        self._cache: dict[int, Place] = {}
        self._demonyms: dict[str, str] = cols.meta["demonyms"]
        self.max_tokens: int = min(int(cols.meta["max_tokens"]), 8)
        self.warnings: list[str] = list(cols.meta.get("warnings", []))
        country_rows = cols.rows_of_kind("country").tolist()
        ccs = cols.values["country_code"]
        self._country_rows = {ccs[cols.codes["country_code"][r]]: r for r in country_rows}
        self._custom: dict[str, list[Place]] = defaultdict(list)
        self._custom_prefixes: set[str] = set()
        self._custom_by_id: dict[int, Place] = {}
        self._load_custom(custom_places)
        self._grid = None
        self._divisions: dict[tuple[str, str], Place] | None = None
        self._key_info: dict[str, tuple[bool, bool, str | None]] = {}
        self._named: dict[str, tuple[Place, ...]] = {}

    # --- the recogniser's interface -------------------------------------------------
    def __contains__(self, key: str) -> bool:
        return key in self._names or key in self._custom

    def has_prefix(self, key: str) -> bool:
        """Whether some name continues ``key`` with more tokens."""
        return key in self._prefixes or key in self._custom_prefixes

    def key_info(self, key: str) -> tuple[bool, bool, str | None]:
        """``(key in self, self.has_prefix(key), self.demonym(key))`` in one call, asked of the
        tries once per distinct key (the recogniser meets the same words in every article)."""
        info = self._key_info.get(key)
        if info is None:
            if len(self._key_info) >= KEY_CACHE_SIZE:
                self._key_info.clear()
            info = self._key_info[key] = (key in self, self.has_prefix(key), self._demonyms.get(key))
        return info

    def lookup(self, key: str) -> list[Place]:
        """Places named ``key`` (a normalised name), best first."""
        return list(self.places_named(key))

    def places_named(self, key: str) -> tuple[Place, ...]:
        """``lookup`` as a tuple, computed once per distinct key (kept for the next articles)."""
        found = self._named.get(key)
        if found is None:
            if len(self._named) >= KEY_CACHE_SIZE:
                self._named.clear()
            found = tuple(seats_first(list(map(self._place, self._rows_of(key))), key))
            custom = self._custom.get(key)
            found = self._named[key] = (*custom, *found) if custom else found
        return found

    def name_keys(self) -> list[str]:
        """Every distinct name key of the index (not the custom places'): about a million."""
        return self._names.keys()

    def demonym(self, key: str) -> str | None:
        """Country code of a demonym or national adjective ("iraqi", "irakiens"), else None."""
        return self._demonyms.get(key)

    @property
    def demonyms(self) -> dict[str, str]:
        """Every demonym's key and its country code (read-only)."""
        return self._demonyms

    def get(self, geonameid: int) -> Place | None:
        if geonameid in self._custom_by_id:
            return self._custom_by_id[geonameid]
        if self._row_of_id is None:
            self._row_of_id = {g: r for r, g in enumerate(self._columns.numbers["geonameid"].tolist())}
        row = self._row_of_id.get(int(geonameid))
        return None if row is None else self._place(row)

    def country(self, cc: str) -> Place | None:
        row = self._country_rows.get((cc or "").upper())
        return None if row is None else self._place(row)

    def division(self, cc: str, admin1: str) -> Place | None:
        """The first-level division of a country by its GeoNames admin-1 code ("IQ", "15": Ninawa)."""
        if self._divisions is None:
            self._divisions = {}
            for row in self._columns.rows_of_kind("admin1").tolist():
                place = self._place(row)
                self._divisions.setdefault((place.country_code, place.admin1), place)
        return self._divisions.get(((cc or "").upper(), admin1 or ""))

    def seat_of(self, division: Place) -> Place | None:
        """The town a division is named after ("Deir ez-Zor" the province: the city), if any."""
        towns = [p for key in main_keys(division) for p in self.lookup(key) if is_seat_of(p, division)]
        return max(towns, key=lambda p: p.population, default=None)

    # --- users' look-ups --------------------------------------------------------------
    def search(
        self,
        query: str,
        country_codes: list[str] | tuple[str, ...] | None = None,
        kinds: tuple[str, ...] | None = None,
    ) -> list[Place]:
        """Places a user's query names, best first; raises InputError on unusable queries."""
        if not isinstance(query, str):
            raise InputError(f"a place name must be text, not {type(query).__name__}")
        if not query.strip():
            raise InputError("empty place name")
        if len(query) > MAX_QUERY_CHARS:
            raise InputError(
                f"place name too long ({len(query):,} characters; the limit is {MAX_QUERY_CHARS})"
            )
        key = normalize_name(query)
        if not key:
            raise InputError(f"{query[:40]!r} has no letters to look up")
        found = self.lookup(key)
        if not found and " " in key:  # "Mosul, Iraq" / "Mosul Iraq": the first part
            found = self.lookup(normalize_name(query.split(",")[0]))
        if not found and self.demonym(key):
            found = [p for p in [self.country(self.demonym(key))] if p]
        if country_codes:
            wanted = {c.upper() for c in country_codes}
            found = [p for p in found if p.country_code in wanted]
        if kinds:
            found = [p for p in found if p.kind in kinds]
        return found

    def places(self, kind: str | None = None, min_population: int = 0) -> list[Place]:
        """Every indexed place of a kind (all kinds when None) with at least that many people."""
        cols = self._columns
        rows = cols.rows_of_kind(kind) if kind is not None else np.arange(len(cols))
        rows = rows[cols.numbers["population"][rows] >= min_population]
        return list(map(self._place, rows.tolist()))

    def places_in(self, country_code: str, kinds: tuple[str, ...] = ("city",)) -> list[Place]:
        """Every indexed place of these kinds in one country (the user's places too)."""
        cols = self._columns
        codes = cols.values["country_code"]
        if country_code not in codes:
            return []
        rows = cols.rows_of_kind(*kinds)
        rows = rows[cols.codes["country_code"][rows] == codes.index(country_code)]
        custom = self._custom_by_id.values()
        mine = [p for p in custom if p.country_code == country_code and p.kind in kinds]
        return [*map(self._place, rows.tolist()), *mine]

    def nearest(
        self, lat: float, lon: float, limit: int = 1, kinds: tuple[str, ...] = ("city", "feature")
    ) -> list[tuple[float, Place]]:
        """The places nearest to a point, with their distances in km."""
        if self._grid is None:
            rows = self._columns.rows_of_kind("city", "feature")
            lat_a = np.radians(self._columns.numbers["lat"][rows])
            lon_a = np.radians(self._columns.numbers["lon"][rows])
            self._grid = (rows, lat_a, lon_a)
        rows, lat_a, lon_a = self._grid
        dist = haversine_km_many(lat, lon, lat_a, lon_a)
        take = min(max(limit * 4, limit), len(dist))
        nearest = np.argpartition(dist, take - 1)[:take] if 0 < take < len(dist) else np.arange(len(dist))
        order = nearest[np.argsort(dist[nearest])]
        out = [(float(dist[i]), self._place(int(rows[i]))) for i in order]
        out += [(haversine_km(lat, lon, p.lat, p.lon), p) for p in self._custom_by_id.values()]
        out = [(d, p) for d, p in out if p.kind in kinds]
        return sorted(out, key=lambda t: t[0])[:limit]

    # --- internals -------------------------------------------------------------------
    def _place(self, row: int) -> Place:
        place = self._cache.get(row)
        if place is None:
            place = self._cache[row] = self._columns.place(row)
        return place

    def _load_custom(self, path: Path | str | None) -> None:
        for rec in sources.custom(Path(path) if path else None, warnings=self.warnings):
            place = Place(
                rec.geonameid, rec.name, rec.lat, rec.lon, rec.country_code, rec.kind, 0, "", rec.feature_code
            )
            self._custom_by_id[place.geonameid] = place
            keys = {key for name in rec.names for key in names.name_variants(name)}  # once per place
            for key in keys:
                self._custom[key].append(place)
                parts = key.split(" ")
                self._custom_prefixes.update(" ".join(parts[:n]) for n in range(1, len(parts)))
                self.max_tokens = max(self.max_tokens, min(len(parts), 8))


_default: Gazetteer | None = None
_lock = threading.Lock()


def default_gazetteer(progress: bool | None = None) -> Gazetteer:
    """The process-wide gazetteer, built on first use (with a progress bar) and cached on disk."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                show = progress if progress is not None else os.environ.get("TIDEMARK_PROGRESS", "1") != "0"
                _default = Gazetteer(index.ensure_built(progress=show))
    return _default
