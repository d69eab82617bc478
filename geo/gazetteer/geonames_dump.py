"""Read the full GeoNames dumps, for users who have them (https://download.geonames.org/export/dump/).

Point ``$TIDEMARK_GEONAMES_DIR`` at a folder holding ``allCountries.txt`` (or any
``cities*.txt`` / ``XX.txt`` country file, same 19-column format) and, optionally,
``alternateNamesV2.txt``; the gazetteer is then built from them instead of the packaged
cities500 extract, with every feature they hold: towns, first-level divisions with their
own GeoNames ids, and sites (dams, airports, bases, crossings).
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from geo.gazetteer.sources import PlaceRecord

ENV = "TIDEMARK_GEONAMES_DIR"
#: GeoNames feature classes and codes -> Tidemark place kinds (None: left out).
_KINDS = {
    "P": "city",
    "S": "feature",
    "H": "feature",
    "T": "feature",
    "L": "feature",
    "R": "feature",
    "V": "feature",
    "U": None,
}
_ADMIN1_CODES = {"ADM1", "ADM1H"}
_COUNTRY_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR"}


def dump_folder() -> Path | None:
    folder = os.environ.get(ENV)
    return Path(folder) if folder else None


def dump_files(folder: Path) -> list[Path]:
    """The main-table files of a dump folder (alternate names apart)."""
    names = sorted(
        p
        for p in folder.glob("*.txt")
        if p.name not in {"alternateNamesV2.txt", "alternateNames.txt"}
        and not p.name.startswith(("admin", "country", "feature", "timeZones", "iso-"))
    )
    return names


def _kind(feature_class: str, feature_code: str) -> str | None:
    if feature_code in _COUNTRY_CODES:
        return "country"
    if feature_code in _ADMIN1_CODES:
        return "admin1"
    return _KINDS.get(feature_class)


def read_alternate_names(path: Path) -> dict[int, set[str]]:
    """alternateNamesV2.txt: geonameid -> names (links and postal codes left out)."""
    out: dict[int, set[str]] = defaultdict(set)
    if not path.exists():
        return out
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 4 or row[2] in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc"):
                continue
            try:
                out[int(row[1])].add(row[3])
            except ValueError:
                continue
    return out


def read_dump(folder: Path, warnings: list[str] | None = None) -> Iterator[PlaceRecord]:
    """Places of a GeoNames dump folder; malformed lines are reported and skipped."""
    warnings = warnings if warnings is not None else []
    alternates = read_alternate_names(folder / "alternateNamesV2.txt")
    for path in dump_files(folder):
        with path.open(encoding="utf-8", newline="") as fh:
            for lineno, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
                if len(row) < 15:
                    warnings.append(f"{path}:{lineno}: {len(row)} columns, GeoNames has 19; line skipped")
                    continue
                kind = _kind(row[6], row[7])
                if kind is None:
                    continue
                try:
                    gid, lat, lon = int(row[0]), float(row[4]), float(row[5])
                    pop = int(row[14] or 0)
                except ValueError:
                    warnings.append(
                        f"{path}:{lineno}: id, coordinates or population not a number; line skipped"
                    )
                    continue
                names = {row[1], row[2], *(n for n in row[3].split(",") if n), *alternates.get(gid, ())}
                names = {n for n in names if 1 < len(n) < 80}
                yield PlaceRecord(gid, row[1], lat, lon, row[8], kind, pop, row[10], row[7], names)
