"""The store's door: what a stored row may hold, so nothing stored can break a reader.

A claim dated outside ``PLAUSIBLE_DATES`` is dropped and a publication date outside it is
cleared, each with a one-line reason; the rest of the article is kept.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from geo.model import Claim, ParseResult
from geo.text.articles import PLAUSIBLE_DATES


def plausible(day: date | None) -> bool:
    return day is None or PLAUSIBLE_DATES[0] <= day <= PLAUSIBLE_DATES[1]


def check_dates(result: ParseResult) -> tuple[ParseResult, list[str]]:
    """``result`` with implausible dates removed, and a reason for each removal."""
    art = result.article
    name = art.path or f"article {art.id[:12]}"
    lo, hi = (d.isoformat() for d in PLAUSIBLE_DATES)
    reasons: list[str] = []
    if not plausible(art.published):
        reasons.append(f"{name}: publication date {art.published} is outside {lo}..{hi}; stored without it")
        art = dataclasses.replace(art, published=None)

    def keep(c: Claim) -> bool:
        if plausible(c.date) and plausible(c.date_end):
            return True
        reasons.append(
            f"{name}: claim '{c.actor} {c.status} {c.place.mention}' dated {c.date} is outside {lo}..{hi};"
            " not stored"
        )
        return False

    claims = tuple(c for c in result.claims if keep(c))
    if not reasons:
        return result, reasons
    return dataclasses.replace(result, article=art, claims=claims), reasons
