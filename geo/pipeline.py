"""The geoparsing pipeline: recognise -> resolve -> extract claims, for one article."""
from __future__ import annotations

from geo.model import Article, ParseResult


def parse_article(article: Article, gazetteer=None) -> ParseResult:
    """Find the places ``article`` names, resolve them, and read its control claims."""
    from geo.claims import extract_claims
    from geo.gazetteer import default_gazetteer
    from geo.resolve import resolve_mentions
    from geo.toponyms import find_mentions

    gaz = gazetteer or default_gazetteer()
    mentions = find_mentions(article.text, gaz, language=article.language)
    places = resolve_mentions(mentions, gaz, text=article.text)
    claims = extract_claims(article, places)
    return ParseResult(article=article, places=tuple(places), claims=tuple(claims))
