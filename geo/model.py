"""Value objects that every stage of the pipeline passes on.

article text -> Mention (a span that names a place, with candidates)
             -> ResolvedPlace (the span and the one place it means)
             -> Claim (who did what to that place, when, and the quote that says so)

They are plain frozen dataclasses with a ``to_dict`` giving the JSON contract of
ARCHITECTURE.md, so the CLI, the store and the page all speak the same shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

#: What a place is, coarsest first. A place knows its own precision.
PLACE_KINDS = ("region", "country", "admin1", "admin2", "city", "feature")
#: What a claim says happened to a place.
STATUSES = ("captured", "held", "contested", "offensive", "withdrawn")
#: How precise a claim's date is, finest first.
DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry (a GeoNames feature or a user's own place)."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str
    kind: str  # one of PLACE_KINDS (region = continent)
    population: int = 0
    admin1: str = ""  # admin1 code (GeoNames) of the place, "" when unknown
    feature_code: str = ""  # GeoNames feature code where known (PPLA, ADM1, PCLI, ...)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Article:
    """A report as the pipeline sees it: cleaned text plus provenance."""

    id: str  # sha256 of the normalised text (see geo.text.articles.article_id)
    text: str
    language: str = "und"
    published: date | None = None
    source: str = ""
    title: str = ""
    url: str = ""
    path: str = ""  # where it was read from, "" for pasted text

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        del d["text"]
        d["chars"] = len(self.text)
        return d


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the text that may name a place, before resolution."""

    start: int
    end: int
    text: str
    key: str  # the normalised name used to look the span up in the gazetteer
    demonym: bool = False  # "Iraqi", "Syrian": refers to a country without naming it
    candidates: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A mention resolved to one place, with how sure the resolver is."""

    start: int
    end: int
    mention: str
    place: Place
    confidence: float
    demonym: bool = False
    #: The gazetteer key the mention was looked up by ("U.S." -> "us", "والموصل" -> "موصل").
    key: str = ""
    #: The other readings the resolver weighed, best first (for corrections).
    alternatives: tuple[Place, ...] = ()
    #: "exact": the place itself; "near": placed at a named parent (a village the gazetteer lacks).
    precision: str = "exact"

    def to_dict(self) -> dict[str, Any]:
        p = self.place
        return {
            "mention": self.mention,
            "start": self.start,
            "end": self.end,
            "geonameid": p.geonameid,
            "name": p.name,
            "country_code": p.country_code,
            "lat": p.lat,
            "lon": p.lon,
            "kind": p.kind,
            "population": p.population,
            "confidence": round(self.confidence, 3),
            "demonym": self.demonym,
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """Who captured, holds, attacks or left a place, and when, with its evidence."""

    place: ResolvedPlace
    actor: str  # actor id from data/actors (e.g. "islamic_state")
    status: str  # one of STATUSES
    date: date | None
    date_precision: str | None  # one of DATE_PRECISIONS, None when no date
    quote: str
    quote_start: int
    quote_end: int
    confidence: float
    language: str
    article_id: str
    date_end: date | None = None  # last day the date may mean (a week, a month, a range)
    flags: tuple[str, ...] = field(default_factory=tuple)  # e.g. ("future_date", "hedged")

    def to_dict(self) -> dict[str, Any]:
        p = self.place.place
        return {
            "place": p.name,
            "mention": self.place.mention,
            "geonameid": p.geonameid,
            "country_code": p.country_code,
            "lat": p.lat,
            "lon": p.lon,
            "kind": p.kind,
            "actor": self.actor,
            "status": self.status,
            "date": self.date.isoformat() if self.date else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "date_precision": self.date_precision,
            "quote": self.quote,
            "quote_start": self.quote_start,
            "quote_end": self.quote_end,
            "mention_start": self.place.start,
            "mention_end": self.place.end,
            "confidence": round(self.confidence, 3),
            "language": self.language,
            "article_id": self.article_id,
            "flags": list(self.flags),
        }


@dataclass(frozen=True, slots=True)
class ParseResult:
    """Everything the pipeline found in one article."""

    article: Article
    places: tuple[ResolvedPlace, ...]
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "places": [p.to_dict() for p in self.places],
            "claims": [c.to_dict() for c in self.claims],
        }
