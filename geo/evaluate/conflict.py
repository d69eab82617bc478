"""Scoring claims and places on real conflict reports (ACLED notes, UCDP headlines).

The gold format and the rules are ``../shared/eval/conflict/FORMAT.md``:

- place recall: a truth place is found when the system names a place (not a country, a region
  or a demonym) within 25 km of it (and, reported beside it, within 161 km);
- claim recall: same status, within 25 km, and the date within a day of the truth ``date`` or
  ``date_alt`` (a week-precise date when the truth day falls within its week, give or take a day;
  a month or a year never); each system claim matches one truth claim at most. Also without the
  status condition, which shows the claims that fail only on their status;
- captured and contested precision: the share of the system's claims of that status that match;
- actor accuracy over recalled claims: against the truth ``actor`` (or ``actor_alt``) where the
  truth has a Tidemark id, and against ACLED's ``actor_raw`` name where it has none;
- negatives: the share of documents with no truth capture in which the system claims one.

Every measure is given for the whole file and per group (country, sub_event_type, in-scope
country or not, truth actor known or not), each as hits / count beside the rate.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Any, Callable, Iterable

from geo.evaluate.claims import match_one_to_one, within_km
from geo.parse.actor_names import find_other_actors, slug
from geo.parse.actors import actor_name, find_actors
from geo.text.fold import fold

NEAR_KM, FAR_KM = 25.0, 161.0
#: The actor ids FORMAT.md maps ACLED names to; any other system actor is judged by its name.
TABLE_ACTORS = frozenset(
    "syrian_government turkish_forces syrian_opposition sdf islamic_state pmf peshmerga iraqi_forces "
    "russian_forces ukrainian_forces us_coalition".split()
)
NOT_PLACES = ("country", "region")
#: Measures in the order they are printed, with what each counts.
MEASURES = (
    ("places_25km", "truth places with a system place within 25 km"),
    ("places_161km", "truth places with a system place within 161 km"),
    ("claims", "truth claims recalled (status, 25 km, date ±1 day)"),
    ("claims_any_status", "truth claims recalled with the status condition dropped"),
    ("captured_precision", "system captures that match a truth capture"),
    ("contested_precision", "system contested claims that match a truth contested claim"),
    ("actor_table", "recalled claims with a table actor: the system names it"),
    ("actor_other", "recalled claims with no table actor: the system's name is ACLED's"),
    ("negatives_with_capture", "documents with no truth capture where the system claims one"),
    ("captures_abroad", "system captures in a country no truth place of the report lies in or borders"),
)


class _Tally:
    """hits / count per (measure, group)."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))

    def add(self, measure: str, groups: Iterable[str], hit: bool) -> None:
        for g in ("all", *groups):
            cell = self.counts[measure][g]
            cell[0] += bool(hit)
            cell[1] += 1

    def report(self) -> dict[str, dict[str, dict[str, Any]]]:
        out = {}
        for measure, _ in MEASURES:
            groups = self.counts.get(measure, {})
            out[measure] = {
                g: {"rate": round(h / n, 3) if n else None, "hits": h, "n": n}
                for g, (h, n) in sorted(groups.items(), key=lambda kv: (kv[0] != "all", -kv[1][1], kv[0]))
            }
        return out


def date_matches(claim: dict[str, Any], truth: dict[str, Any], days: int = 1) -> bool:
    """FORMAT.md's date rule: a day within ``days`` of the truth date (or ``date_alt``); a week
    when the truth day falls within it, give or take ``days``; a month or a year never."""
    if not claim.get("date") or claim.get("date_precision") not in ("day", "week"):
        return False
    start = date.fromisoformat(claim["date"])
    end = date.fromisoformat(claim["date_end"]) if claim.get("date_end") else start
    if claim["date_precision"] == "day":
        end = start
    slack = timedelta(days=days)
    wanted = [date.fromisoformat(d) for d in (truth.get("date"), truth.get("date_alt")) if d]
    return any(start - slack <= w <= end + slack for w in wanted)


def _claim_match(with_status: bool) -> Callable[[dict, dict], bool]:
    def match(claim: dict, truth: dict) -> bool:
        return (
            (not with_status or claim["status"] == truth["status"])
            and within_km(claim, truth, NEAR_KM)
            and date_matches(claim, truth)
        )

    return match


def _raw_name(raw: str | None) -> str:
    """ACLED's actor name without its parenthesised country and years."""
    return re.sub(r"\s*\([^)]*\)", "", raw or "").strip()


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"\w+", fold(name)) if len(w) > 2 and w not in _NAME_STOP}


_NAME_STOP = {"the", "and", "forces", "force", "group", "militia", "movement", "for", "des", "del"}


def _shared(a: set[str], b: set[str]) -> int:
    """How many words of ``a`` are in ``b``, a name of five letters or more counting when spelt
    a letter or two otherwise ("Jajele" and "Jejele", "Wirsheffana" and "Wershefana":
    transliterations); a country and its people's name ("Libya", "Libyan") are two names."""
    return sum(w in b or any(_spelt_alike(w, v) for v in b) for w in a)


def _spelt_alike(w: str, v: str) -> bool:
    if min(len(w), len(v)) < 5 or re.fullmatch(r"(?:i|n|an|ian|ese)", _tail(w, v) or "-"):
        return False
    return SequenceMatcher(None, w, v).ratio() >= 0.8


def _tail(w: str, v: str) -> str | None:
    """What the longer of two words adds to the shorter that opens it, else None."""
    short, long = sorted((w, v), key=len)
    return long[len(short) :] if long.startswith(short) else None


#: System actors that say the text does not name who fought: ACLED's "Unidentified ..." actors.
UNNAMED_ACTORS = frozenset({"unnamed_sides", "unidentified_armed_group"})


def raw_readings(raw: str | None) -> tuple[str, str, list[str]]:
    """What an ACLED actor name says: the whole name without its years, the unit after the years
    ("Military Forces of Yemen (2016-) Supreme Political Council": whose forces these are), and
    the other names it gives: the body before the years, the acronym and the long name ("MS-13:
    Mara Salvatrucha")."""
    raw = (raw or "").strip()
    whole = re.sub(r"\s*\(\d{4}\s*-\s*(?:\d{4})?\)", "", raw).strip()
    years = re.search(r"\s*\(\d{4}\s*-\s*(?:\d{4})?\)\s*", raw)
    unit = raw[years.end() :].strip() if years else ""
    others = [raw[: years.start()].strip()] if years else []
    if ":" in raw:
        acronym, _, long_name = raw.partition(":")
        others += [acronym.strip(), _raw_name(long_name)]
    return whole, unit, [r for r in others if r]


def names_agree(actor_id: str, raw: str | None, gazetteer=None) -> bool:
    """Whether a system actor is the one ACLED names ``raw``. Where the actor table reads the
    unit after the years, or else the whole name, as an actor, that decides ("Military Forces of
    Libya (2014-) Haftar Faction" is the LNA; "Military Forces of Yemen (2016-) Supreme Political
    Council" the Houthis). Else any of its names (``raw_readings``) agrees when Tidemark reads it
    as that actor by its shape ("Military Forces of Somalia": Somalia's state forces), when the
    two names share most of their words, or when the system's name opens with ACLED's acronym
    ("MS-13 members"). Sides the text leaves unnamed agree with ACLED's "Unidentified ..."."""
    whole, unit, others = raw_readings(raw)
    if not whole:
        return False
    if actor_id in UNNAMED_ACTORS:
        return whole.lower().startswith("unidentified")
    for decisive in (unit, whole):
        known = find_actors(decisive) if decisive else []
        if known:
            return any(m.actor == actor_id for m in known)
    for name in [whole, unit, *others]:
        if not name:
            continue
        if any(m.actor == actor_id for m in find_other_actors(name, [], [], gazetteer, "en")):
            return True
        a, b = _words(actor_name(actor_id)), _words(_raw_name(name))
        if a and b and _shared(a, b) / min(len(a), len(b)) >= 0.5:
            return True
        if re.fullmatch(r"[A-Z][A-Z0-9\-/]+", name) and f"{actor_id}_".startswith(f"{slug(name)}_"):
            return True
    return False


def _actor_right(claim: dict, truth: dict, gazetteer=None) -> tuple[str, bool]:
    """("actor_table" or "actor_other", whether the system's actor is right)."""
    known = [a for a in (truth.get("actor"), truth.get("actor_alt")) if a]
    if truth.get("actor"):
        return "actor_table", claim["actor"] in known
    if truth.get("actor_alt") and claim["actor"] == truth["actor_alt"]:
        return "actor_other", True  # the other side of a clash, one the table knows
    raws = [
        r for part in (truth.get("actor_raw"), truth.get("actor_alt_raw")) for r in (part or "").split(" / ")
    ]
    return "actor_other", claim["actor"] not in TABLE_ACTORS and any(
        names_agree(claim["actor"], r, gazetteer) for r in raws
    )


def _score_places(doc: dict, places: list[dict], tally: _Tally) -> list[bool]:
    meta = doc.get("meta", {})
    found = []
    for t in doc["truth"].get("places", []):
        groups = [
            f"set:{doc.get('source_set', '?')}",
            f"precision:{t.get('precision')}",
            f"named_in_text:{str(bool(t.get('named_in_text'))).lower()}",
            f"country:{t.get('country') or meta.get('country', '?')}",
        ]
        for measure, km in (("places_25km", NEAR_KM), ("places_161km", FAR_KM)):
            hit = any(within_km(p, t, km) for p in places)
            tally.add(measure, groups, hit)
            if km == NEAR_KM:
                found.append(hit)
    return found


def _score_claims(doc: dict, claims: list[dict], tally: _Tally, gazetteer=None) -> dict[str, Any]:
    meta = doc.get("meta", {})
    base = [
        f"country:{meta.get('country', '?')}",
        f"in_scope:{str(bool(meta.get('in_scope_country'))).lower()}",
    ]
    truths = doc["truth"].get("claims", [])
    hits = match_one_to_one(truths, claims, _claim_match(True))
    loose = match_one_to_one(truths, claims, _claim_match(False))
    for t, hit, loose_hit in zip(truths, hits, loose):
        groups = [
            *base,
            f"status:{t['status']}",
            f"sub_event_type:{t.get('sub_event_type')}",
            f"truth_actor:{'known' if t.get('actor') else 'null'}",
        ]
        tally.add("claims", groups, hit is not None)
        tally.add("claims_any_status", groups, loose_hit is not None)
        if hit is not None:
            measure, right = _actor_right(claims[hit], t, gazetteer)
            tally.add(measure, [*base, f"status:{t['status']}"], right)
    for status in ("captured", "contested"):
        mine = [c for c in claims if c["status"] == status]
        theirs = [t for t in truths if t["status"] == status]
        matched = {i for i in match_one_to_one(theirs, mine, _claim_match(True)) if i is not None}
        for i, c in enumerate(mine):
            tally.add(f"{status}_precision", base, i in matched)
    _score_abroad(doc, claims, tally, base, gazetteer)
    if not any(t["status"] == "captured" for t in truths):
        types = [f"sub_event_type:{s}" for s in meta.get("sub_event_types", [])]
        tally.add("negatives_with_capture", [*base, *types], any(c["status"] == "captured" for c in claims))
    return {"truth_claims": len(truths), "recalled": sum(h is not None for h in hits)}


def _score_abroad(doc: dict, claims: list[dict], tally: _Tally, groups: list[str], gazetteer) -> None:
    """Each system capture: whether it lies in a country that none of the report's truth places
    lies in (the country of the gazetteer's town nearest each) nor borders."""
    from geo.parse.claim_places import land_neighbours

    captures = [c for c in claims if c["status"] == "captured"]
    if not captures or gazetteer is None:
        return
    home = {
        q.country_code
        for t in doc["truth"].get("places", [])
        for _, q in gazetteer.nearest(t["lat"], t["lon"], limit=1)
    }
    near = home.union(*(land_neighbours().get(cc, frozenset()) for cc in home))
    for c in captures:
        tally.add("captures_abroad", groups, bool(home) and c.get("country_code") not in near)


def _system(doc: dict, gazetteer) -> tuple[list[dict], list[dict]]:
    """The system's places (towns, provinces, features) and claims for one document."""
    from geo.parse.pipeline import parse_article
    from geo.text.articles import make_article

    article = make_article(doc["text"], published=doc.get("published"), language=doc.get("language"))
    result = parse_article(article, gazetteer)
    places = [p.to_dict() for p in result.places if not p.demonym and p.place.kind not in NOT_PLACES]
    return places, [c.to_dict() for c in result.claims]


def evaluate_conflict(docs: Iterable[dict], per_document: bool = False, gazetteer=None) -> dict:
    """Score the pipeline on conflict-report documents (FORMAT.md); returns every measure per group."""
    from geo.gazetteer import default_gazetteer

    gaz = gazetteer or default_gazetteer()
    tally = _Tally()
    rows = []
    n_docs = 0
    for doc in docs:
        n_docs += 1
        places, claims = _system(doc, gaz)
        found = _score_places(doc, places, tally)
        row: dict[str, Any] = {"id": doc.get("id"), "places_found": sum(found), "places": len(found)}
        if doc.get("meta", {}).get("claims_scored", True):
            row.update(_score_claims(doc, claims, tally, gaz))
        if per_document:
            row["claims"] = [{k: c[k] for k in ("place", "actor", "status", "date")} for c in claims]
            rows.append(row)
    report: dict[str, Any] = {"documents": n_docs, "measures": tally.report()}
    if per_document:
        report["per_document"] = rows
    return report


def miss_reason(truth: dict, places: list[dict], claims: list[dict]) -> str:
    """Why a truth claim was not recalled, the first that holds: ``no_claim`` (the document got
    none), ``wrong_status`` (a claim near it on its day says another status), ``wrong_date``
    (near it, not on its day), ``no_place`` (nothing named within 25 km), ``elsewhere`` (the
    place was found but the document's claims are about others)."""
    near = [c for c in claims if within_km(c, truth, NEAR_KM)]
    if not claims:
        return "no_claim"
    if any(date_matches(c, truth) for c in near):
        return "wrong_status"
    if near:
        return "wrong_date"
    if not any(within_km(p, truth, NEAR_KM) for p in places):
        return "no_place"
    return "elsewhere"


def breakdown(docs: Iterable[dict], gazetteer=None) -> dict[str, dict[str, int]]:
    """Per truth status, how many claims were recalled and why the others were missed
    (``miss_reason``); ``no_place`` split by whether the coder's place is named in the text."""
    from geo.gazetteer import default_gazetteer

    gaz = gazetteer or default_gazetteer()
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for doc in docs:
        truths = doc["truth"].get("claims", [])
        if not truths or not doc.get("meta", {}).get("claims_scored", True):
            continue
        places, claims = _system(doc, gaz)
        named = {p["name"]: p.get("named_in_text") for p in doc["truth"].get("places", [])}
        for t, hit in zip(truths, match_one_to_one(truths, claims, _claim_match(True))):
            reason = "recalled" if hit is not None else miss_reason(t, places, claims)
            if reason in ("no_claim", "no_place") and not any(within_km(p, t, NEAR_KM) for p in places):
                reason += ":place_named" if named.get(t.get("place")) else ":place_not_named"
            out[t["status"]][reason] += 1
    return {k: dict(sorted(v.items(), key=lambda kv: -kv[1])) for k, v in out.items()}


def format_conflict(report: dict, max_groups: int = 12) -> str:
    """The report as text: each measure overall, then its largest groups (hits/count, rate)."""
    lines = [f"documents: {report['documents']}"]
    for measure, about in MEASURES:
        groups = report["measures"].get(measure, {})
        overall = groups.get("all")
        if not overall:
            lines.append(f"{measure:24} -      ({about})")
            continue
        lines.append(f"{measure:24} {_cell(overall)}  ({about})")
        by_kind: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        for g, cell in groups.items():
            if g != "all":
                kind, _, name = g.partition(":")
                by_kind[kind].append((name, cell))
        for kind, cells in by_kind.items():
            shown = ", ".join(f"{name} {_cell(c)}" for name, c in cells[:max_groups])
            more = f", +{len(cells) - max_groups} more" if len(cells) > max_groups else ""
            lines.append(f"    {kind}: {shown}{more}")
    return "\n".join(lines)


def _cell(c: dict) -> str:
    rate = "-" if c["rate"] is None else f"{c['rate']:.3f}"
    return f"{rate} ({c['hits']}/{c['n']})"
