"""The page's data layers on the wire: points as columns (``PointTable.wire``), a few bytes a
point, and ``unwire``, the Python twin of ``tmUnpack`` in ``static/map.js`` that reads them back."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

#: A dictionary-encoded column of at most this many values goes as a string, a character a point:
#: printable ASCII less what JSON or an HTML script must escape (``tmUnpack`` decodes it).
CODE_CHARS = "".join(chr(c) for c in range(35, 127) if chr(c) not in "\\<>&")


@dataclass(frozen=True)
class BasePlaces:
    """The places of the page's base file, in its order: id -> (lon, lat) as the file rounds
    them (``geo.show.basefile.place_coords``); a point at its place is sent as its position."""

    coords: dict[int, tuple[float, float]]

    @cached_property
    def position(self) -> dict[int, int]:
        return {g: i for i, g in enumerate(self.coords)}

    @cached_property
    def ids(self) -> list[int]:
        return list(self.coords)


@dataclass
class PointTable:
    """Point features as columns: ``lon``, ``lat`` and one list per property (``None``: the
    feature has no such property). The page sends them as columns (``wire``), a few bytes a
    point; ``features`` gives the GeoJSON features an embedded map and the tests read."""

    lon: list[float]
    lat: list[float]
    props: dict[str, list] = field(default_factory=dict)
    #: each point's position among the base file's places when every point lies at its place
    #: (``g``): the wire sends the positions, not the ids and coordinates (``place_at``)
    positions: list[int] | None = None

    def __len__(self) -> int:
        return len(self.lon)

    @property
    def placed(self) -> bool:
        return self.positions is not None

    def features(self) -> list[dict]:
        keys = list(self.props)
        return [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [x, y]},
                "properties": {k: v for k, v in zip(keys, values) if v is not None},
            }
            for x, y, *values in zip(self.lon, self.lat, *(self.props[k] for k in keys))
        ]

    def wire(self) -> dict:
        """``{"n", "x", "y", "c"}``, or ``{"n", "p", "c"}`` when ``placed`` (``p``: the base
        file's positions, as runs ``{"r": [start, length, ...]}`` when ascending; no ``g``, no
        coordinates). ``c``: each property's column (``_column``), the same codes as an earlier
        column's sent once (``{"k": values, "as": that column}``); a column of nothing but
        ``None`` is left out. ``tmUnpack`` in ``static/map.js`` (``unwire`` here) makes the
        FeatureCollection again."""
        cols: dict[str, Any] = {}
        codes_of: dict[str, str] = {}
        for name, values in self.props.items():
            if all(v is None for v in values) or (name == "g" and self.placed):
                continue
            col = _column(values)
            codes = col.get("s") if isinstance(col, dict) else None
            if codes is not None and codes in codes_of:
                col = {"k": col["k"], "as": codes_of[codes], **({"w": col["w"]} if "w" in col else {})}
            elif codes is not None:
                codes_of[codes] = name
            cols[name] = col
        if self.placed:
            return {"n": len(self), "p": _runs(self.positions), "c": cols}
        return {"n": len(self), "x": self.lon, "y": self.lat, "c": cols}

    def place_at(self, places: BasePlaces) -> None:
        """Set ``positions`` if every point lies where the base file puts its place ``g``, and
        put the points in the file's order (one place a point: a few runs on the wire)."""
        ids = self.props.get("g") or []
        at = places.coords
        if not (
            len(ids) == len(self) > 0 and all(at.get(g) == (x, y) for g, x, y in zip(ids, self.lon, self.lat))
        ):
            self.positions = None
            return
        positions = [places.position[g] for g in ids]
        order = sorted(range(len(positions)), key=positions.__getitem__)
        self.lon, self.lat = [self.lon[i] for i in order], [self.lat[i] for i in order]
        self.props = {k: [v[i] for i in order] for k, v in self.props.items()}
        self.positions = [positions[i] for i in order]


def _column(values: list) -> list | dict:
    """A column as it is, or dictionary-encoded when its values repeat (colours, flags, labels):
    ``{"k": values}`` (one value), ``{"k", "s"}`` (a ``CODE_CHARS`` character a point; ``"w":
    2``: two, base ``len(CODE_CHARS)``, past that many values) or ``{"k", "v"}`` (an index a
    point, past the square of that)."""
    codes: dict = {}
    try:
        indices = [codes.setdefault(v, len(codes)) for v in values]
    except TypeError:  # lists (a popup's claims): each its own
        return values
    if len(codes) == 1:
        return {"k": list(codes)}
    if len(codes) * 2 >= len(values):
        return values
    base = len(CODE_CHARS)
    if len(codes) <= base:
        return {"k": list(codes), "s": "".join(CODE_CHARS[i] for i in indices)}
    if len(codes) <= base * base:  # two characters a point
        pairs = [CODE_CHARS[i // base] + CODE_CHARS[i % base] for i in range(len(codes))]
        return {"k": list(codes), "s": "".join(pairs[i] for i in indices), "w": 2}
    return {"k": list(codes), "v": indices}


def _runs(positions: list[int]) -> list[int] | dict:
    """Ascending positions as runs of consecutive ones (``{"r": [start, length, ...]}``; all the
    places of the base file are one run), others as they are."""
    if any(b <= a for a, b in zip(positions, positions[1:])):
        return positions
    runs: list[int] = []
    for pos in positions:
        if runs and runs[-2] + runs[-1] == pos:
            runs[-1] += 1
        else:
            runs += [pos, 1]
    return {"r": runs}


def unwire(data: dict, places: BasePlaces | None = None) -> dict:
    """A wired layer as ``tmUnpack`` reads it back: a FeatureCollection (the Python twin of the
    browser's decoder, for the tests and anyone reading the page's messages)."""
    if "n" not in data:
        return data
    n = data["n"]
    if "p" in data:
        p = data["p"]
        pos = (
            p if isinstance(p, list) else [a + i for a, k in zip(p["r"][::2], p["r"][1::2]) for i in range(k)]
        )
        ids = [places.ids[i] for i in pos]
        xy = [places.coords[g] for g in ids]
    else:
        ids, xy = None, list(zip(data["x"], data["y"]))
    cols = {}
    for name, c in data["c"].items():
        if isinstance(c, list):
            cols[name] = c
        elif "as" in c or "s" in c:
            codes, width = data["c"][c["as"]]["s"] if "as" in c else c["s"], c.get("w", 1)
            digits = [CODE_CHARS.index(ch) for ch in codes]
            at = [
                sum(d * len(CODE_CHARS) ** (width - 1 - j) for j, d in enumerate(digits[i : i + width]))
                for i in range(0, len(digits), width)
            ]
            cols[name] = [c["k"][i] for i in at]
        else:
            cols[name] = [c["k"][i] for i in c.get("v", [0] * n)]
    if ids is not None:
        cols = {"g": ids, **cols}
    feats = []
    for i, (x, y) in enumerate(xy):
        props = {k: v[i] for k, v in cols.items() if v[i] is not None}
        feats.append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]}, "properties": props}
        )
    return {"type": "FeatureCollection", "features": feats}


def wired(layer: PointTable | list[dict]) -> dict:
    """A data layer for the wire: points as columns, other geometries as a FeatureCollection."""
    if isinstance(layer, PointTable):
        return layer.wire()
    return {"type": "FeatureCollection", "features": list(layer)}
