"""The geoparsing pipeline: recognise -> resolve -> extract claims, for one article."""
from __future__ import annotations

from geo.model import Article, ParseResult, ResolvedPlace


def geoparse_text(text: str, language: str = "und", gazetteer=None) -> list[ResolvedPlace]:
    """The places ``text`` names, resolved in context (recognise, then rank)."""
    from geo.gazetteer import default_gazetteer
    from geo.resolve import resolve_mentions
    from geo.toponyms import find_mentions

    gaz = gazetteer or default_gazetteer()
    return resolve_mentions(find_mentions(text, gaz, language=language), gaz, text=text)


def parse_article(article: Article, gazetteer=None) -> ParseResult:
    """Find the places ``article`` names, resolve them, and read its control claims."""
    from geo.claims import extract_claims

    places = geoparse_text(article.text, article.language, gazetteer)
    claims = extract_claims(article, places)
    return ParseResult(article=article, places=tuple(places), claims=tuple(claims))
