"""Names in the genitive of languages that write it with an "-s" on the name ("Europas",
"Israels", "Bremens"), which the gazetteer's names and the matcher's case endings (Cyrillic and
Arabic) do not reach: a one-word reading of a prominent place (a country, a province, a region or
a big town), judged like any other match."""

from __future__ import annotations

from geo.parse.toponyms.context import named

#: Languages whose names take a genitive "-s" ("Deutschlands", "Europas").
GENITIVE_S_LANGUAGES = frozenset({"de", "lb"})
#: A genitive is at least this many letters ("Roms"; not "Das", "Bus").
MIN_LETTERS = 5


def genitive_match(norms: list[str], i: int, gaz, big: int) -> tuple[int, str, None] | None:
    """(end, key, None) when token ``i`` is the genitive of a prominent place's one-word name:
    a country, province or region, or a town of ``big`` people or more; else None."""
    norm = norms[i]
    if len(norm) < MIN_LETTERS or norm[-1] != "s":
        return None
    key = norm[:-1]
    if not named(gaz, key):
        return None
    best = gaz.places_named(key)[0]
    if best.kind in ("country", "admin1", "region") or (best.kind == "city" and best.population >= big):
        return i + 1, key, None
    return None
