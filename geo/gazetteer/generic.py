"""Generic words of division names ("Province", "Governorate", "Zizhiqu"), stripped the same way
at build time and at look-up time."""

from __future__ import annotations

from geo.text.names import normalize_name

_GENERIC = {
    "governorate",
    "province",
    "state",
    "region",
    "oblast",
    "muhafazat",
    "mayorality of",
    "district",
    "county",
    "prefecture",
    "department",
    "provincia",
    "estado",
    "wilayah",
    "provinsi",
    "sheng",
    "shi",
    "zhuangzu zizhiqu",
    "uygur zizhiqu",
    "huizu zizhiqu",
    "zizhiqu",
    "autonomous region",
    "area",
}

#: The generic words, normalised, longest first so that every build strips the same way.
_GENERIC_KEYS = tuple(normalize_name(w) for w in sorted(_GENERIC, key=lambda w: (-len(w), w)))


def strip_generic(name: str) -> str:
    """The name's key without its generic words ("Xinjiang Uygur Zizhiqu" -> "xinjiang")."""
    key = normalize_name(name)
    for w in _GENERIC_KEYS:
        if key.endswith(" " + w):
            key = key[: -len(w) - 1]
        if key.startswith(w + " "):
            key = key[len(w) + 1 :]
    return key
