"""Who acts: actor ids, names, map colours and their aliases in many languages, from data.

Aliases live in ``data/actors/actors.csv`` (and in a CSV named by ``$TIDEMARK_ACTORS``, whose
rows extend or override it). Matching works on the same normalised tokens as place names
(case and accents folded), longest alias first; a short all-capital alias ("IS", "EI",
"SDF") matches only when written in capitals, so "it is" never names Islamic State. An alias
two actors share ("SNA": the Syrian or the Somali National Army) names the one whose countries
the text is about (``disambiguate``).

Actors the table lacks (``geo.parse.actor_names`` finds them) get a stable slug id; their name
as the text writes it is registered here (``register_actor``) and their colour is generated from
the id, so the map and its legend show them like any other.
"""

from __future__ import annotations

import colorsys
import csv
import hashlib
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress
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
    state_of: str = ""  # the country whose state forces these are ("Military Forces of Syria")


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    actor: str
    text: str
    others: tuple[str, ...] = ()  # other actors the same alias names, for ``disambiguate``


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
                (row.get("state_of") or "").strip().upper(),
            )
    return out


#: How long a look at the user's actor file's modification time holds (seconds): an edit of
#: the file is seen within this time, and the tables' callers (every sentence, every claim)
#: make no system call.
MTIME_TTL_S = 1.0
_MTIMES: dict[str, tuple[float, float]] = {}  # path -> (monotonic time of the look, mtime or 0)


def _extra_key(extra: str | None) -> tuple[str, float]:
    """The user's actor file (``extra`` or ``$TIDEMARK_ACTORS``) and its modification time: the
    one cache key of every table built from it, so all of them change together. Another file
    counts at once; the same file's time is looked at again after ``MTIME_TTL_S``."""
    path = extra if extra is not None else os.environ.get("TIDEMARK_ACTORS", "")
    if not path:
        return path, 0.0
    now = time.monotonic()
    seen = _MTIMES.get(path)
    if seen is None or now - seen[0] > MTIME_TTL_S:
        try:
            mtime = os.path.getmtime(path)
        except OSError:
            mtime = 0.0
        seen = _MTIMES[path] = (now, mtime)
    return path, seen[1]


def load_actors(extra: str | None = None) -> dict[str, Actor]:
    """Every actor by id: the bundled list, then the user's file (``extra``, else ``$TIDEMARK_ACTORS``)."""
    return _load_actors(*_extra_key(extra))


@lru_cache(maxsize=4)
def _load_actors(extra: str, _mtime: float) -> dict[str, Actor]:
    actors = _read(ACTORS_PATH)
    if extra and Path(extra).is_file():
        for aid, actor in _read(Path(extra)).items():
            base = actors.get(aid)
            actors[aid] = replace(
                actor,
                aliases=(*(base.aliases if base else ()), *actor.aliases),
                partners=actor.partners | (base.partners if base else frozenset()),
                countries=actor.countries or (base.countries if base else ()),
                state_of=actor.state_of or (base.state_of if base else ""),
            )
    return actors


#: Names of actors the table lacks, as the text first wrote them (``register_actor``).
_FOUND: dict[str, str] = {}


def register_actor(actor_id: str, name: str) -> None:
    """Remember the name a text gives an actor the table lacks (the first name given wins)."""
    if actor_id not in load_actors():
        _FOUND.setdefault(actor_id, name)


def state_actor(country_code: str) -> str | None:
    """The table's actor for the state forces of a country ("SY": syrian_government), if any."""
    return _state_actors(*_extra_key(None)).get(country_code.upper())


@lru_cache(maxsize=4)
def _state_actors(extra: str, mtime: float) -> dict[str, str]:
    return {a.state_of: a.id for a in _load_actors(extra, mtime).values() if a.state_of}


def all_actors() -> list[Actor]:
    return list(load_actors().values())


def actor_name(actor_id: str) -> str:
    """The table's name of an actor; for one it lacks, the name a text gave it, else its id in words."""
    actor = load_actors().get(actor_id)
    if actor:
        return actor.name
    return _FOUND.get(actor_id) or actor_id.replace("_", " ").strip().capitalize()


def actor_colour(actor_id: str) -> str:
    """The table's colour of an actor; one it lacks gets a colour generated from its id: the
    same on every run, saturated and mid-dark so that it stands out from the grey of contested."""
    actor = load_actors().get(actor_id)
    if actor:
        return actor.colour
    if not actor_id:
        return FALLBACK_COLOUR
    h = int.from_bytes(hashlib.sha1(actor_id.encode()).digest()[:4], "big")
    hue, light = (h % 360) / 360, (0.32, 0.42, 0.52)[(h // 360) % 3]
    r, g, b = colorsys.hls_to_rgb(hue, light, 0.75)
    return "#{:02x}{:02x}{:02x}".format(*(round(x * 255) for x in (r, g, b)))


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


#: An actor fighting in this many countries or fewer says where a report is ("QSD": Syria).
FEW_COUNTRIES = 3


def where_few_fight(mentions) -> set[str]:
    """The countries of the mentioned actors that fight in ``FEW_COUNTRIES`` or fewer."""
    actors = load_actors() if mentions else {}
    found = (getattr(actors.get(m.actor), "countries", ()) for m in mentions)
    return {cc for countries in found if 0 < len(countries) <= FEW_COUNTRIES for cc in countries}


def actor_kind(actor_id: str) -> str:
    actor = load_actors().get(actor_id)
    if actor:
        return actor.kind
    return "state" if actor_id.startswith(STATE_PREFIX) else "non-state"


#: Ids of the state forces of a country the table lacks: "forces_of_nigeria".
STATE_PREFIX = "forces_of_"

_Entry = tuple[tuple[str, ...], tuple[str, ...], str | None]  # alias tokens, actor ids, exact surface


@lru_cache(maxsize=4)
def _alias_index(extra: str, mtime: float) -> dict[str, list[_Entry]]:
    """First token -> [(alias tokens, actor ids, exact surface or None)], longest first; an
    alias several actors share lists them all, in table order."""
    ids: dict[tuple[tuple[str, ...], str | None], list[str]] = {}
    for actor in _load_actors(extra, mtime).values():
        for alias in actor.aliases:
            norms = tuple(t.norm for t in tokenize(alias))
            if norms:
                exact = alias if alias.isupper() and len(alias) <= 4 else None
                owners = ids.setdefault((norms, exact), [])
                if actor.id not in owners:
                    owners.append(actor.id)
    index: dict[str, list[_Entry]] = {}
    for (norms, exact), owners in ids.items():
        index.setdefault(norms[0], []).append((norms, tuple(owners), exact))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def find_actors(text: str, tokens: list[Token] | None = None) -> list[ActorMention]:
    """Actor mentions of the table's aliases in ``text``, in order, longest alias winning."""
    index = _alias_index(*_extra_key(None))
    toks = split_clitics(text, tokens if tokens is not None else tokenize(text), index)  # "IŞİD'in"
    out: list[ActorMention] = []
    norms = [t.norm for t in toks]
    after = 0  # the end of the last alias found: its tokens start nothing
    for i in compress(range(len(toks)), map(index.__contains__, norms)):  # where an alias may start
        if i < after:
            continue
        for alias, owners, exact in index[norms[i]]:
            n = len(alias)
            if tuple(norms[i : i + n]) != alias:
                continue
            start, end = toks[i].start, toks[i + n - 1].end
            if exact is not None and text[start:end] != exact:
                continue
            out.append(ActorMention(start, end, owners[0], text[start:end], owners[1:]))
            after = i + n
            break
    return out


def disambiguate(mentions: list[ActorMention], countries: Mapping[str, float]) -> list[ActorMention]:
    """Each mention of an alias that several actors share, given to the one that fights in the
    countries the text is about (``countries``: weight per ISO code), and, less, where the text's
    other actors fight ("al Shabaab ambushed an SNA convoy": Somalia's, not Syria's, SNA); table
    order breaks ties."""
    if not any(m.others for m in mentions):
        return mentions
    actors = load_actors()
    theatre: dict[str, float] = {}
    for m in mentions:
        where = getattr(actors.get(m.actor), "countries", ()) if not m.others else ()
        for cc in where:
            theatre[cc] = theatre.get(cc, 0.0) + 0.5 / len(where)

    def weight(aid: str) -> float:
        where = getattr(actors.get(aid), "countries", ())
        return sum(countries.get(cc, 0.0) + theatre.get(cc, 0.0) for cc in where)

    out = []
    for m in mentions:
        if m.others:
            best = max((m.actor, *m.others), key=weight)  # max keeps the first of equals
            m = replace(m, actor=best, others=())
        out.append(m)
    return out
