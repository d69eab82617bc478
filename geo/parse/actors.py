"""Who acts: actor ids, names, map colours and their aliases in many languages, from data.

Aliases live in ``data/actors/actors.csv`` (and in a CSV named by ``$TIDEMARK_ACTORS``, whose
rows extend or override it). Matching works on the same normalised tokens as place names
(case and accents folded), longest alias first; a short all-capital alias ("IS", "EI",
"SDF") matches only when written in capitals, so "it is" never names Islamic State.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.paths import DATA_DIR
from geo.text.names import Token, split_clitics, tokenize

ACTORS_PATH = DATA_DIR / "actors" / "actors.csv"
FALLBACK_COLOUR = "#757575"


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str  # "state" or "non-state"
    colour: str
    aliases: tuple[str, ...]
    partners: frozenset[str] = frozenset()  # actors fighting on the same side: their claims agree
    countries: tuple[str, ...] = ()  # where the actor fights: a hint for resolving places


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    actor: str
    text: str


def _read(path: Path) -> dict[str, Actor]:
    out = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            aid = (row.get("id") or "").strip()
            if not aid:
                continue
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
            partners = frozenset(p.strip() for p in (row.get("partners") or "").split("|") if p.strip())
            countries = tuple(c.strip().upper() for c in (row.get("countries") or "").split("|") if c.strip())
            out[aid] = Actor(
                aid,
                (row.get("name") or aid).strip(),
                (row.get("kind") or "non-state").strip(),
                (row.get("colour") or FALLBACK_COLOUR).strip(),
                aliases,
                partners,
                countries,
            )
    return out


@lru_cache(maxsize=4)
def load_actors(extra: str | None = None) -> dict[str, Actor]:
    """Every actor by id: the bundled list, then the user's ``$TIDEMARK_ACTORS`` file."""
    actors = _read(ACTORS_PATH)
    extra = extra if extra is not None else os.environ.get("TIDEMARK_ACTORS")
    if extra and Path(extra).exists():
        for aid, actor in _read(Path(extra)).items():
            base = actors.get(aid)
            actors[aid] = Actor(
                aid,
                actor.name,
                actor.kind,
                actor.colour,
                (*(base.aliases if base else ()), *actor.aliases),
                actor.partners | (base.partners if base else frozenset()),
                actor.countries or (base.countries if base else ()),
            )
    return actors


def all_actors() -> list[Actor]:
    return list(load_actors().values())


def actor_name(actor_id: str) -> str:
    actor = load_actors().get(actor_id)
    return actor.name if actor else actor_id


def actor_colour(actor_id: str) -> str:
    actor = load_actors().get(actor_id)
    return actor.colour if actor else FALLBACK_COLOUR


def are_partners(a: str, b: str) -> bool:
    """Whether two actors fight on the same side, so that their claims on a place agree."""
    actors = load_actors()
    return (
        a == b or b in getattr(actors.get(a), "partners", ()) or a in getattr(actors.get(b), "partners", ())
    )


def theatre_countries(mentions: list[ActorMention]) -> dict[str, float]:
    """Countries the mentioned actors fight in, weighted by how often they are named."""
    out: dict[str, float] = {}
    actors = load_actors()
    for m in mentions:
        cs = getattr(actors.get(m.actor), "countries", ())
        for cc in cs:
            out[cc] = out.get(cc, 0.0) + 1.0 / len(cs)
    return out


def actor_kind(actor_id: str) -> str:
    actor = load_actors().get(actor_id)
    return actor.kind if actor else "non-state"


@lru_cache(maxsize=4)
def _alias_index(extra: str | None = None) -> dict[str, list[tuple[tuple[str, ...], str, str | None]]]:
    """First token -> [(alias tokens, actor id, exact surface or None)], longest first."""
    index: dict[str, list] = {}
    for actor in load_actors(extra).values():
        for alias in actor.aliases:
            norms = tuple(t.norm for t in tokenize(alias))
            if not norms:
                continue
            exact = alias if alias.isupper() and len(alias) <= 4 else None
            index.setdefault(norms[0], []).append((norms, actor.id, exact))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def find_actors(text: str, tokens: list[Token] | None = None) -> list[ActorMention]:
    """Actor mentions in ``text``, in order, longest alias winning."""
    index = _alias_index(os.environ.get("TIDEMARK_ACTORS"))
    toks = split_clitics(text, tokens if tokens is not None else tokenize(text), index)  # "IŞİD'in"
    out: list[ActorMention] = []
    i = 0
    while i < len(toks):
        hit = None
        for norms, aid, exact in index.get(toks[i].norm, ()):
            n = len(norms)
            if tuple(t.norm for t in toks[i : i + n]) != norms:
                continue
            start, end = toks[i].start, toks[i + n - 1].end
            if exact is not None and text[start:end] != exact:
                continue
            hit = (n, ActorMention(start, end, aid, text[start:end]))
            break
        if hit:
            out.append(hit[1])
            i += hit[0]
        else:
            i += 1
    return out
