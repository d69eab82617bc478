"""geotext (offline, pip) as a peer geoparser, scored by the same ``geo.evaluate.geoparse`` code.

geotext finds capitalised runs that are city or country names in its own GeoNames
cities15000 index; it does not resolve them. To score resolution we give each city
name the coordinates of its most populous namesake in geotext's own data file, and
each country the coordinates Tidemark's gazetteer has for it (so both systems agree
on where a country is). That is the usual population baseline.
"""

from __future__ import annotations

import os
import re
from typing import Any, Callable

import geotext
from geotext import GeoText

_CITY_REGEX = re.compile(r"[A-ZÀ-Ú]+[a-zà-ú]+[ \-]?(?:d[a-u].)?(?:[A-ZÀ-Ú]+[a-zà-ú]+)*")


def _city_coordinates() -> dict[str, tuple[float, float]]:
    best: dict[str, tuple[int, float, float]] = {}
    path = os.path.join(os.path.dirname(geotext.__file__), "data", "cities15000.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 15:
                continue
            pop, lat, lon = int(f[14] or 0), float(f[4]), float(f[5])
            for name in {f[1].lower(), f[2].lower()}:
                if name not in best or pop > best[name][0]:
                    best[name] = (pop, lat, lon)
    return {k: (v[1], v[2]) for k, v in best.items()}


def geotext_system(gazetteer) -> Callable[[dict[str, Any]], list[dict[str, Any]]]:
    """``doc -> predicted places`` with geotext's recognition and a population-first resolution."""
    cities = _city_coordinates()
    index = GeoText.index

    def system(doc: dict[str, Any]) -> list[dict[str, Any]]:
        out = []
        for m in _CITY_REGEX.finditer(doc["text"]):
            raw = m.group(0)
            name = raw.strip()
            low = name.lower()
            start = m.start()
            end = start + len(name)
            if low in index.countries:
                country = gazetteer.country(index.countries[low])
                lat, lon = (country.lat, country.lon) if country else (None, None)
            elif low in index.cities:
                lat, lon = cities.get(low, (None, None))
            else:
                continue
            out.append({"start": start, "end": end, "lat": lat, "lon": lon})
        return out

    return system


_NON_WORD = re.compile(r"[\W_]+")


def scan_system(gazetteer) -> Callable[[dict[str, Any]], list[tuple[int, int]]] | None:
    """A plain scan, the speed limit of gazetteer matching: one pass of pyahocorasick over the
    lower-cased text (non-word runs as one space) for every name key of the gazetteer, with
    no judging and no resolution. None when pyahocorasick is not installed."""
    try:
        import ahocorasick
    except ImportError:
        return None
    automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    for key in gazetteer.name_keys():
        automaton.add_word(f" {key} ")
    automaton.make_automaton()

    def system(doc: dict[str, Any]) -> list[tuple[int, int]]:
        text = f" {_NON_WORD.sub(' ', doc['text'].lower())} "
        return [(end - length + 1, end + 1) for end, length in automaton.iter(text)]

    return system
