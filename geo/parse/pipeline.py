"""The geoparsing pipeline: recognise -> resolve -> extract claims, for one article."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

import geo
from geo.model import Article, ParseResult, ResolvedPlace
from geo.paths import DATA_DIR

DATA = DATA_DIR
#: The rule files a parse depends on, beside the code and the gazetteer.
RULE_FILES = ("toponyms/*.json", "claims/*.json", "actors/*.csv", "gazetteer/*.csv")


@lru_cache(maxsize=1)
def parser_version() -> str:
    """Tidemark's version plus a fingerprint of its rules and gazetteer: when either
    changes, stored articles count as parsed by an older parser (``ingest`` re-parses them)."""
    from geo.gazetteer.index import fingerprint

    h = hashlib.sha256(fingerprint().encode())
    for pattern in RULE_FILES:
        for path in sorted(DATA.glob(pattern)):
            h.update(path.name.encode() + path.read_bytes())
    return f"{geo.__version__}+{h.hexdigest()[:12]}"


def geoparse_text(
    text: str,
    language: str = "und",
    gazetteer=None,
    actors=None,
    *,
    preferred: Mapping[str, int] | None = None,
    tokens=None,
) -> list[ResolvedPlace]:
    """The places ``text`` names, resolved in context (recognise, then rank); ``actors``:
    the text's actor mentions when the caller has them already (a town's name inside an
    actor's, "Boko Haram", is no place); ``preferred``: see ``resolve_mentions``; ``tokens``:
    ``names.tokenize(text)`` when the caller has it (the text is tokenised once)."""
    default_gazetteer, find_actors, resolve_mentions, recognise, tokenize = _stages()
    gaz = gazetteer or default_gazetteer()
    toks = tokenize(text) if tokens is None else tokens
    mentions = recognise(text, gaz, language=language, tokens=toks)
    if actors:
        mentions = [m for m in mentions if not _inside_actor(m, actors)]
    elif actors is None and mentions:
        actors = find_actors(text, toks)  # what resolve would find, from the same tokens
    return resolve_mentions(mentions, gaz, text=text, actors=actors, preferred=preferred)


@lru_cache(maxsize=1)
def _stages():
    """What ``geoparse_text`` calls, imported on its first call (not at start-up: ``geo --help``
    needs none of it) and then kept (an import statement costs a look-up on every call)."""
    from geo.gazetteer import default_gazetteer
    from geo.parse.actors import find_actors
    from geo.parse.resolve import resolve_mentions
    from geo.parse.toponyms import recognise
    from geo.text.names import tokenize

    return default_gazetteer, find_actors, resolve_mentions, recognise, tokenize


def _inside_actor(mention, actors) -> bool:
    """A mention within an actor's name that is not a country's ("Haram" in "Boko Haram"; but
    "Irak" in "pasukan Irak" still tells the country)."""
    inside = any(a.start <= mention.start and mention.end <= a.end for a in actors)
    return inside and not mention.demonym and any(c.kind != "country" for c in mention.candidates)


def parse_article(
    article: Article, gazetteer=None, *, preferred: Mapping[str, int] | None = None
) -> ParseResult:
    """Find the places ``article`` names, resolve them, and read its control claims.

    ``preferred``: resolver key -> geonameid chosen by a person (see ``resolve_mentions``)."""
    from geo.gazetteer import default_gazetteer
    from geo.parse.abroad import read_at_home
    from geo.parse.actor_names import find_other_actors
    from geo.parse.actors import disambiguate, find_actors
    from geo.parse.claims import extract_claims
    from geo.parse.respelt import respelt
    from geo.parse.seats import towns_for_seats
    from geo.parse.villages import place_villages
    from geo.text.names import tokenize

    gaz = gazetteer or default_gazetteer()
    toks = tokenize(article.text)  # once, for places and actors
    actors = find_actors(article.text, toks)  # once: a hint for places, the who of claims
    places = geoparse_text(
        article.text, article.language, gaz, actors=actors, preferred=preferred, tokens=toks
    )
    countries = Counter(p.place.country_code for p in places if p.place.country_code)
    actors = disambiguate(actors, countries)
    actors = find_other_actors(article.text, actors, places, gaz, article.language)
    chosen = frozenset(preferred or ())  # names a person placed: the later readings leave them be
    places = respelt(article.text, places, gaz, article.language, actors, chosen)
    places = towns_for_seats(article.text, places, article.language, chosen)
    places = read_at_home(places, gaz, actors, chosen)
    places = place_villages(article.text, places, article.language, actors)
    claims = extract_claims(article, places, actors=actors)
    return ParseResult(article=article, places=tuple(places), claims=tuple(claims))
