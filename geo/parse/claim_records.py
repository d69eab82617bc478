"""The claims of one report as records: each (actor, place, status, day) once, with its best
confidence and its flags (``add_claim``), then made consistent with each other: a contest the
report's capture ended is subsumed, a place taken and retaken the same day contested
(``without_subsumed``), an entry into a place another side left that day a capture
(``entered_after_withdrawal``), a claim on a region or province dropped where the report makes
the same claim that day of a town in it (``without_coarse``), a fight with unnamed sides dropped
where the report names who fought there that day (``without_unnamed_twins``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from geo.gazetteer.distance import km_between
from geo.model import Article, Claim, Place, ResolvedPlace
from geo.parse.actors import are_partners
from geo.parse.dates import TimeExpression

#: The actor of a clash whose sides the text does not name: the place is fought over all the same.
UNNAMED_SIDES = "unnamed_sides"


def without_subsumed(claims) -> list[Claim]:
    """The claims without a contest for a place the same report has taken that day ("clashed
    in Warmahan. Al Shabaab overran the town"): the fight ended in the capture. A place taken
    that day by two sides that are no partners ("took control of Tall Rahal before the regime
    forces regained control of the village") changed hands and back: a contest."""
    takers: dict[tuple, set[str]] = defaultdict(set)
    for c in claims:
        if c.status == "captured":
            takers[_spot(c)].add(c.actor)
    retaken = {
        k for k, who in takers.items() if any(not are_partners(a, b) for a in who for b in who if a != b)
    }
    out = []
    for c in claims:
        if c.status == "captured" and _spot(c) in retaken:
            out.append(replace(c, status="contested", flags=(*c.flags, "retaken")))
        elif c.status != "contested" or _spot(c) not in takers or _spot(c) in retaken:
            out.append(c)
    return out


def entered_after_withdrawal(claims) -> list[Claim]:
    """The claims with an entry (an offensive flagged ``entry``: "AMISOM forces entered Janaale")
    into a place that a side no partner of the one entering left that day ("Al Shabaab withdrew
    from the town before their arrival"), in whichever sentence, made its capture; each (actor,
    place, status, day) once."""
    claims = list(claims)
    left: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.status == "withdrawn":
            left[_spot(c)[:2]].append(c)
    out: dict[tuple, Claim] = {}
    for c in claims:
        if (
            c.status == "offensive"
            and "entry" in c.flags
            and any(
                w.actor != c.actor
                and not are_partners(w.actor, c.actor)
                and (
                    w.date == c.date or "publication_date" in w.flags
                )  # a withdrawal the text leaves undated
                for w in left.get(_spot(c)[:2], ())
            )
        ):
            c = replace(c, status="captured", flags=(*c.flags, "after_withdrawal"))
        key = (c.actor, c.place.place.geonameid, _spot(c), c.status)
        if key not in out or out[key].confidence < c.confidence:
            out[key] = c
    return list(out.values())


#: How far from a region's point (km) a town may lie to be taken as inside it.
REGION_KM = 400.0


def without_coarse(claims: list[Claim]) -> list[Claim]:
    """The claims without one on a region or province where the report makes the same claim
    (status and day) of a town or site inside it ("killed three militants in North Sinai's
    Rafah"): the towns say where. A district is small enough to stand ("Nihm (Sanaa)")."""
    fine = [c for c in claims if c.place.place.kind in ("city", "feature")]
    return [
        c
        for c in claims
        if c.place.place.kind not in ("admin1", "region")
        or not any(
            f.status == c.status and f.date == c.date and _inside(c.place.place, f.place.place) for f in fine
        )
    ]


def _inside(division: Place, town: Place) -> bool:
    """Whether ``town`` lies in ``division``: its province, or near a region's point in its country."""
    if not division.country_code or division.country_code != town.country_code:
        return False
    if division.kind == "admin1":
        return bool(division.admin1) and division.admin1 == town.admin1
    return km_between(division, town) <= REGION_KM


def without_unnamed_twins(claims: list[Claim]) -> list[Claim]:
    """The claims without a fight whose sides go unnamed where the report names who fought at
    that place that day ("Ukrainian forces fired at the positions near Pisky. The OSCE observed
    shots near Pisky."): one fight, and the report says whose."""
    named = {_spot(c) for c in claims if c.status == "contested" and c.actor != UNNAMED_SIDES}
    return [
        c for c in claims if not (c.actor == UNNAMED_SIDES and c.status == "contested" and _spot(c) in named)
    ]


def _spot(claim: Claim) -> tuple:
    return (claim.place.place.lat, claim.place.place.lon, claim.date)


def add_claim(
    claims: dict,
    article: Article,
    place: ResolvedPlace,
    actor: str,
    status: str,
    when: TimeExpression | None,
    span: tuple[int, int],
    confidence: float,
    flags: tuple[str, ...],
) -> None:
    """Put the claim into ``claims`` (keyed by actor, place, status and day) unless it is there
    already with a confidence as high; dated by ``when``, else by the publication day (flag
    ``publication_date``), else undated; a day after publication is flagged ``future_date``."""
    if when is not None:
        day, end, precision = when.date, when.date_end, when.precision
    elif article.published is not None:
        day, end, precision = article.published, article.published, "day"
        flags = (*flags, "publication_date")
    else:
        day = end = precision = None
        flags = (*flags, "undated")
    if day is not None and article.published is not None and day > article.published:
        flags = (*flags, "future_date")
    confidence = round(confidence * place.confidence, 3)
    key = (actor, place.place.geonameid, place.place.lat, place.place.lon, status, day)
    if key in claims and claims[key].confidence >= confidence:
        return
    claims[key] = Claim(
        place=place,
        actor=actor,
        status=status,
        date=day,
        date_precision=precision,
        quote=article.text[span[0] : span[1]],
        quote_start=span[0],
        quote_end=span[1],
        confidence=confidence,
        language=article.language,
        article_id=article.id,
        date_end=end,
        flags=tuple(dict.fromkeys(flags)),
    )
