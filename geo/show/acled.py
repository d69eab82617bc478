"""Claims in the shape of ACLED's columns, to sit beside an analyst's ACLED export.

ACLED's codes: ``time_precision`` 1 = day, 2 = week or a few days, 3 = month or longer;
``geo_precision`` 1 = the town, 2 = near it or a district, 3 = a province or larger.
Territorial claims are "Strategic developments" or "Battles" with ACLED's sub-event names.
"""

from __future__ import annotations

import pandas as pd

from geo.parse.actors import actor_kind, actor_name

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"city": 1, "feature": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3}
COLUMNS = [
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "tidemark_status",
    "tidemark_confidence",
]


def sub_event(status: str, actor: str) -> tuple[str, str]:
    """ACLED event type and sub-event type for a Tidemark status and actor."""
    state = actor_kind(actor) == "state"
    if status == "captured":
        return (
            ("Battles", "Government regains territory")
            if state
            else ("Battles", "Non-state actor overtakes territory")
        )
    if status in ("contested", "offensive"):
        return "Battles", "Armed clash"
    if status == "withdrawn":
        return "Strategic developments", "Non-violent transfer of territory"
    return "Strategic developments", "Headquarters or base established" if not state else "Other"


def to_acled_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """``Store.claims_frame`` rows as ACLED-shaped rows."""
    from geo.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    rows = []
    for r in claims.itertuples(index=False):
        event_type, sub = sub_event(r.status, r.actor)
        country = gaz.country(r.country_code)
        rows.append(
            [
                r.date.isoformat() if hasattr(r.date, "isoformat") else r.date,
                TIME_PRECISION.get(r.date_precision, 3),
                event_type,
                sub,
                actor_name(r.actor),
                country.name if country else r.country_code,
                r.place,
                round(float(r.lat), 4),
                round(float(r.lon), 4),
                GEO_PRECISION.get(r.kind, 2),
                r.source,
                r.quote,
                r.status,
                round(float(r.confidence), 3),
            ]
        )
    return pd.DataFrame(rows, columns=COLUMNS)
