"""The geoparsing pipeline: recognise -> resolve -> extract claims, for one article."""

from __future__ import annotations

import hashlib
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


def geoparse_text(text: str, language: str = "und", gazetteer=None, actors=None) -> list[ResolvedPlace]:
    """The places ``text`` names, resolved in context (recognise, then rank); ``actors``:
    the text's actor mentions when the caller has them already."""
    from geo.gazetteer import default_gazetteer
    from geo.parse.resolve import resolve_mentions
    from geo.parse.toponyms import find_mentions

    gaz = gazetteer or default_gazetteer()
    return resolve_mentions(find_mentions(text, gaz, language=language), gaz, text=text, actors=actors)


def parse_article(article: Article, gazetteer=None) -> ParseResult:
    """Find the places ``article`` names, resolve them, and read its control claims."""
    from geo.parse.actors import find_actors
    from geo.parse.claims import extract_claims

    actors = find_actors(article.text)  # once: a hint for places, the who of claims
    places = geoparse_text(article.text, article.language, gazetteer, actors=actors)
    claims = extract_claims(article, places, actors=actors)
    return ParseResult(article=article, places=tuple(places), claims=tuple(claims))
