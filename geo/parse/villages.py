"""Villages the gazetteer lacks, placed near the place the report names them by.

Reports name villages no gazetteer holds, and say where they are: "the village of Tuhaniya in
the Tell Abiad countryside", "Sliby village, countryside of Ein Issa", "clashes in Halawa near
Manbij", "captured Tal Sultan in Idleb countryside". Such a name, named as a village or located
by a place (``data/claims/<language>.json``: ``villages``), is placed at the parent the sentence
names next to it, with precision ``near`` and a lower confidence, rather than at a namesake
abroad or nowhere; a village the resolver placed far from its named parent (another country, or
more than ``PARENT_KM`` away and less sure than the parent) is moved to the parent. A village
with no named parent stays unplaced: a guess would be worse than nothing.

A name qualified by its province right after it ("near Pisky, Donetsk", "Qaniyah front (Mahliyah,
Marib)", "Abu Hammad in the Raqqa countryside") lies in that province: a namesake elsewhere gives
way to the resolver's namesake inside it, else to the place near the qualifier (``requalified``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from geo.gazetteer.distance import km_between
from geo.model import Place, ResolvedPlace
from geo.parse.claim_places import is_fragment, province_named
from geo.parse.lexicon import lexicon
from geo.text.names import normalize_name

#: A village's name: up to three capitalised words, joined by hyphens or "al"/"el"-like articles.
_NAME = r"[A-Z][\w'’\-]*(?:\s+(?:(?:al|el|ad|as|ash|at|ar|de|du)[\s\-])?[A-Z][\w'’\-]*){0,2}"
#: How much less sure a place at its parent is than the parent itself.
NEAR_FACTOR = 0.6
#: How far (characters) from the village the parent may be named.
PARENT_WINDOW = 90
_PARENT_KINDS = ("city", "admin1", "admin2", "feature")
#: "(31km NW of Afgooye)": how far and which way from its parent a village lies.
_OFFSET = re.compile(
    r"\(?\s*(?:about\s+|some\s+|approximately\s+)?(\d{1,3}(?:\.\d)?)\s*(?:km|kms|kilometres|kilometers)\s+"
    r"([NSEW]{1,3}|(?:north|south)?(?:east|west)?(?:ern)?|north|south)\s+of\s+$",
    re.IGNORECASE,
)
_BEARINGS = {"n": 0, "e": 90, "s": 180, "w": 270, "ne": 45, "se": 135, "sw": 225, "nw": 315}
_BEARINGS.update({"nne": 22.5, "ene": 67.5, "ese": 112.5, "sse": 157.5, "ssw": 202.5, "wsw": 247.5})
_BEARINGS.update({"wnw": 292.5, "nnw": 337.5})
#: "(12km SE of": a distance and a bearing in brackets after a name, from the place named next.
_DISTANCE = (
    r"\s*\(\s*(?:about\s+|approx\.?\s+|approximately\s+|some\s+)?\d{1,3}(?:\.\d)?\s*(?i:km|kms|kilomet)"
)
#: A village is this close to the place the report names it by.
PARENT_KM = 100.0


@lru_cache(maxsize=16)
def _patterns(language: str) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern] | None:
    lex = lexicon(language).get("villages")
    if not lex:
        return None
    nouns = "|".join(re.escape(w) for w in sorted(lex["nouns"], key=len, reverse=True))
    listed = rf"{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*"
    before = re.compile(rf"(?<!\w)(?i:{nouns})\s+(?:of\s+|called\s+|named\s+)?({listed})")
    after = re.compile(rf"(?<![\w\-])({_NAME})\s+(?i:{nouns})(?!\w)")
    locatives = "|".join(re.escape(w) for w in sorted(lex.get("locatives", []), key=len, reverse=True))
    # "Tal Sultan in Idleb countryside"; "Ceelasha (12km SE of Afgooye)": a distance locates it too
    by_place = rf"\s+(?:{locatives})\s|" if locatives else ""
    located = re.compile(rf"(?<![\w\-])({listed})(?:{by_place}{_DISTANCE})")
    one = re.compile(_NAME)
    return before, after, located, one


def place_villages(
    text: str, places: list[ResolvedPlace], language: str = "en", actors: Sequence = ()
) -> list[ResolvedPlace]:
    """``places`` with the villages the text names as such placed at their named parent
    (``precision="near"``) when unresolved or resolved far from it, in text order; a name
    located by a place ("Tal Sultan in Idleb countryside") counts as a village unless it is one
    of ``actors`` (the text's actor mentions: "Turkish forces in Afrin")."""
    language = (language or "en")[:2]
    pats = _patterns(language)
    if pats is None:
        return places
    before, after, located, one = pats
    not_names = {w.lower() for w in lexicon(language).get("not_names", [])}
    spans = {}  # (start, end) of a village -> the list it is named in, and if only what follows locates it
    for m in before.finditer(text):
        for n in one.finditer(m[1]):
            spans.setdefault((m.start(1) + n.start(), m.start(1) + n.end()), (m.start(), m.end(), False))
    for m in after.finditer(text):
        spans.setdefault((m.start(1), m.end(1)), (m.start(), m.end(), False))
    for m in located.finditer(text):  # "captured Tal Sultan in Idleb countryside"
        for n in one.finditer(m[1]):
            start, end = m.start(1) + n.start(), m.start(1) + n.end()
            if not any(a.start < end and start < a.end for a in actors):
                spans.setdefault((start, end), (m.start(1), m.end(1), True))
    places = requalified(text, places, language)
    by_span = {(p.start, p.end): p for p in places}
    parents = _Parents(text, places, language)
    out = _Spans(places)
    for (start, end), (list_start, list_end, located_by_next) in sorted(spans.items()):
        name = text[start:end]
        if name.split()[0].lower() in not_names:
            continue
        resolved = by_span.get((start, end))
        overlapping = out.overlapping(start, end)
        if resolved is None and any(p.start < start or p.end > end for p in overlapping):
            continue  # part of a place the text names otherwise
        parent = parents.next_to(list_start, list_end, after_only=located_by_next)
        if parent is None or (resolved is not None and _keeps(resolved, parent)):
            continue
        if resolved is None:  # "Tall Rahal" is one village, not At Tall and Rahāl
            out.remove(overlapping)
        if resolved is not None:
            out.remove([resolved])
        out.add(_at_parent(parent, start, end, name, _offset_km(text[list_end : parent.start])))
    return out.in_order()


#: "Pisky, Donetsk", "Qaniyah (Mahliyah, Marib", "Abu Hammad in the Raqqa countryside", "... in the
#: eastern countryside of Raqqa": a comma, a bracket or "in" between a name and its province.
_QUALIFIED = re.compile(
    r"\s*(?:[,(]|\bin\s+(?:the\s+)?(?:(?:north|south|east|west|rural|(?:north|south)-?(?:east|west))(?:ern)?\s+)?"
    r"(?:(?:countryside|outskirts|suburbs|province|district|governorate|region)\s+of\s+(?:the\s+)?)?)\s*",
    re.IGNORECASE,
)
#: A name so big that the resolver's reading stands, whatever follows it ("Aleppo, Idlib").
_BIG_TOWN = 100_000
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)[A-Z]")


def requalified(text: str, places: list[ResolvedPlace], language: str = "en") -> list[ResolvedPlace]:
    """``places`` with each village-sized place that the text qualifies by a province right after
    it ("Pisky, Donetsk", "Abu Hammad in Raqqa") read inside that province: the resolver's namesake
    there (one of its ``alternatives``), else the place near the qualifier (``precision="near"``).
    A name after a locative that the gazetteer lacks ("near Klischiivka, Donetsk") is placed near
    it too. A qualifier that goes on into a list ("Aleppo, Idlib and Hama") qualifies nothing."""
    ordered = sorted(places, key=lambda p: p.start)
    out = list(ordered)
    moves: dict[str, tuple[int, Place | None, ResolvedPlace]] = {}
    for i, q in enumerate(ordered):
        province = province_named(q)
        if province is None or _LIST_GOES_ON.match(text, q.end):
            continue
        p = ordered[i - 1] if i else None
        if p is not None and _QUALIFIED.fullmatch(text, p.end, q.start):
            if p.demonym or p.place.kind not in ("city", "feature") or p.place.population >= _BIG_TOWN:
                continue
            if not _known_province(p.place) or (p.place.country_code, p.place.admin1) == province:
                continue
            inside = next((a for a in p.alternatives if (a.country_code, a.admin1) == province), None)
            moves[p.key] = (p.place.geonameid, inside, q)
        elif (lost := _unknown_before(text, q, p, language)) is not None:
            out.append(_at_parent(q, *lost, text[lost[0] : lost[1]]))
    return sorted((_moved_with(p, moves) for p in out), key=lambda p: p.start)


def _moved_with(p: ResolvedPlace, moves: dict) -> ResolvedPlace:
    """``p`` where ``requalified`` moved its name (one name means one place in a text): to the
    namesake inside the qualifier's province, else near the qualifier."""
    if p.key not in moves or moves[p.key][0] != p.place.geonameid or p.precision != "exact":
        return p
    _, inside, qualifier = moves[p.key]
    return replace(p, place=inside) if inside else _at_parent(qualifier, p.start, p.end, p.mention)


def _known_province(place: Place) -> bool:
    """Whether the gazetteer gives ``place`` a province code to compare: not one the user's places
    lack, nor the bare id GeoNames gives a newly made region (it may be carved from the qualifier:
    "Menaka, Gao")."""
    return 0 < len(place.admin1) <= 3


@lru_cache(maxsize=16)
def _unknown_pattern(language: str) -> re.Pattern | None:
    lex = lexicon(language).get("villages", {})
    words = lex.get("qualified_after", [])
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?i:{alt})\s+({_NAME})\s*[,(]\s*$")


def _unknown_before(
    text: str, q: ResolvedPlace, p: ResolvedPlace | None, language: str
) -> tuple[int, int] | None:
    """The span of a name the gazetteer lacks between a locative and its qualifier ``q``
    ("near Klischiivka, Donetsk"), when no place (``p``, the one before ``q``) lies there."""
    pattern = _unknown_pattern(language)
    lo = max(0, q.start - 80, p.end if p is not None else 0)
    m = pattern.search(text, lo, q.start) if pattern else None
    if m is None or m.end() != q.start:
        return None
    not_names = {w.lower() for w in lexicon(language).get("not_names", [])}
    return None if m[1].split()[0].lower() in not_names else (m.start(1), m.end(1))


def _keeps(place: ResolvedPlace, parent: ResolvedPlace) -> bool:
    """Whether a resolved village stays where the resolver put it: near its parent (in the same
    country, within ``PARENT_KM`` or in the same province), or surer than the parent is."""
    a, b = place.place, parent.place
    if place.confidence >= parent.confidence:
        return True
    if a.country_code != b.country_code:
        return False
    return km_between(a, b) <= PARENT_KM or (a.admin1 and a.admin1 == b.admin1)


def _offset_km(between: str) -> tuple[float, float] | None:
    """(km, bearing in degrees) when the words before the parent say where the village lies
    from it ("Goof Gaduud Village (30km NW of Baidoa)")."""
    m = _OFFSET.search(between)
    if not m:
        return None
    way = m[2].lower().replace("ern", "")
    way = {"north": "n", "south": "s", "east": "e", "west": "w", "northeast": "ne", "northwest": "nw"}.get(
        way, way
    )
    way = {"southeast": "se", "southwest": "sw"}.get(way, way)
    return (float(m[1]), _BEARINGS[way]) if way in _BEARINGS else None


def _moved(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) towards ``bearing`` (great circle)."""
    d, b = km / 6371.0, math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)


def _at_parent(
    parent: ResolvedPlace, start: int, end: int, name: str, offset: tuple[float, float] | None = None
) -> ResolvedPlace:
    """The village as a place near its parent: at the parent, or where the text's distance and
    bearing from it put the village (the parent's id kept: the gazetteer has no other)."""
    place = parent.place
    if offset is not None:
        lat, lon = _moved(place.lat, place.lon, *offset)
        place = replace(
            place, name=f"{name} ({offset[0]:g} km from {place.name})", lat=lat, lon=lon, kind="city"
        )
    return replace(
        parent,
        place=place,
        start=start,
        end=end,
        mention=name,
        confidence=round(parent.confidence * NEAR_FACTOR, 3),
        key=normalize_name(name),
        alternatives=(),
        precision="near",
        demonym=False,
    )


class _Spans:
    """The places found so far, by start: which overlap a span, in time logarithmic in their
    number (a long text names thousands)."""

    def __init__(self, places: list[ResolvedPlace]):
        self.items = sorted(places, key=lambda p: p.start)
        self.starts = [p.start for p in self.items]
        self.longest = max((p.end - p.start for p in self.items), default=0)
        self.seen = {id(p): n for n, p in enumerate(places)}  # places of one start stay in text order

    def overlapping(self, start: int, end: int) -> list[ResolvedPlace]:
        lo = bisect_right(self.starts, start - self.longest - 1)
        hi = bisect_left(self.starts, end)
        return [p for p in self.items[lo:hi] if start < p.end and p.start < end]

    def remove(self, gone: list[ResolvedPlace]) -> None:
        for p in gone:
            i = self.items.index(p, bisect_left(self.starts, p.start))
            del self.items[i], self.starts[i]

    def add(self, place: ResolvedPlace) -> None:
        i = bisect_right(self.starts, place.start)
        self.items.insert(i, place)
        self.starts.insert(i, place.start)
        self.seen.setdefault(id(place), len(self.seen))
        self.longest = max(self.longest, place.end - place.start)

    def in_order(self) -> list[ResolvedPlace]:
        return sorted(self.items, key=lambda p: (p.start, self.seen[id(p)]))


class _Parents:
    """The places a list of villages may be named by (towns and provinces, never a fragment of
    a longer name: "Ceel" of "Ceel Buur"), worked out once per text and kept by start."""

    def __init__(self, text: str, places: list[ResolvedPlace], language: str):
        self.text = text
        fit = [
            p
            for p in places
            if not p.demonym
            and p.place.kind in _PARENT_KINDS
            and p.precision == "exact"
            and not is_fragment(text, max(0, text.rfind(".", 0, p.start) + 1), p, (), language)
        ]
        self.fit = sorted(fit, key=lambda p: p.start)
        self.starts = [p.start for p in self.fit]
        self.longest = max((p.end - p.start for p in self.fit), default=0)

    def next_to(self, start: int, end: int, after_only: bool = False) -> ResolvedPlace | None:
        """The town or province named next to a list of villages (``start``-``end``) in its
        sentence: after it first ("X in the Y countryside"), else before it ("Y's villages of
        X") unless the list is only located by what follows it (``after_only``: "Tal Sultan in
        Idleb")."""
        text = self.text
        stop = re.search(r"[.!?\n]", text[end : end + PARENT_WINDOW])
        limit = end + (stop.start() if stop else PARENT_WINDOW)
        i = bisect_left(self.starts, end)
        if i < len(self.fit) and self.fit[i].start < limit:
            return self.fit[i]
        if after_only:
            return None
        back = max(text.rfind(".", 0, start), start - PARENT_WINDOW)
        lo = bisect_left(self.starts, back - self.longest)
        earlier = [p for p in self.fit[lo : bisect_right(self.starts, start)] if back < p.end <= start]
        return max(earlier, key=lambda p: p.end) if earlier else None
