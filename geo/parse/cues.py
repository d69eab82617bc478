"""What happened, as the text says it: sentences, and the cue phrases of each status.

Cues come from ``data/claims/<language>.json``: *active* phrases have the actor before them
("ISIS captured Mosul"), *passive* ones after ("Raqqa fell to the SDF"); ``*`` in a phrase
stands for one to four words; ``not_cues`` ("took place") are no cue, and their words none either.
``CueWords`` are the other word lists that tell what a cue means in its sentence: the victims of
a killing, fire from afar, things taken rather than ground, negations.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from geo.model import ResolvedPlace
from geo.parse.claim_places import word_pattern
from geo.parse.dates import TimeExpression
from geo.parse.lexicon import lexicon
from geo.text.fold import fold

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")
#: A full stop that ends no sentence: after an abbreviation ("(approx. 16km W of Marka)", "Lt.
#: Gen."), an initial ("U.S. forces"), or before a lower-case word or a digit with no space ("1.5").
_NO_END = re.compile(
    r"(?:(?<![\w.])(?i:approx|est|ca|appr|lt|gen|col|maj|capt|cpt|sgt|cpl|brig|adm|gov|sen|rep|dr|mr|mrs|"
    r"ms|st|mt|no|nos|vs|etc|al|fig|jr|sr)|(?<![\w.])[A-Z]|(?<=\.)[A-Z])\.$"
)


@dataclass(frozen=True)
class Cue:
    """A cue phrase found in the folded text, with the status it says and its voice."""

    start: int
    end: int
    status: str
    passive: bool


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: ends at . ! ? (with closing quotes) or a line break."""
    out = []
    for start, end in _joined(text):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _joined(text: str):
    """The spans of ``_SENTENCE``, each joined to the next where its full stop ends no sentence
    (``_NO_END``; or the next span opens with a lower-case letter: "(approx. 8km", "1.5 km")."""
    start = None
    for m in _SENTENCE.finditer(text):
        if start is None:
            start = m.start()
        end = m.end()
        nxt = text[end : end + 2].lstrip()[:1]
        if (
            text[end - 1 : end] == "."
            and end < len(text)
            and (
                _NO_END.search(text, max(start, end - 8), end)
                or nxt.islower()
                or text[end : end + 1].isdigit()
            )
        ):
            continue
        yield start, end
        start = None
    if start is not None:
        yield start, len(text)


@lru_cache(maxsize=32)
def _cue_patterns(
    language: str,
) -> tuple[re.Pattern | None, dict[str, tuple[str, bool]], re.Pattern | None]:
    """The cues of a language as one pattern (longest phrase first), the (status, passive) of
    each folded phrase, and the pattern of the phrases with no wildcard."""
    lex = lexicon(language)
    phrases: dict[str, tuple[str, bool]] = {}
    for status, groups in lex.get("statuses", {}).items():
        for voice in ("active", "passive"):
            for phrase in groups.get(voice, []):
                phrases.setdefault(
                    " * ".join(fold(part.strip()) for part in phrase.split("*")), (status, voice == "passive")
                )
    for phrase in lex.get("not_cues", []):  # "took place": no cue, and "took" in it is none either
        phrases[fold(phrase)] = ("", False)
    if not phrases:
        return None, {}, None
    return _alternation(phrases), phrases, _alternation([p for p in phrases if " * " not in p])


def _alternation(phrases) -> re.Pattern:
    """The phrases as one pattern of whole words, longest first; a word hyphened to the one
    before is part of an adjective, no cue ("rebel-controlled parts of Layramoun", "IS-held
    villages"). The phrases are grouped by their first word (longest word first), so that where
    a word starts only the phrases that open with it are tried (the pattern is scanned at every
    word of every sentence)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for p in phrases:
        groups[p.split(" ", 1)[0]].append(p)
    alts = []
    for first in sorted(groups, key=len, reverse=True):
        head = re.escape(first)
        rests = [_cue_regex(p)[len(head) :] for p in sorted(groups[first], key=len, reverse=True)]
        alts.append(head + (f"(?:{'|'.join(rests)})" if rests != [""] else ""))
    return re.compile(rf"(?<!\w)(?<!\w-)(?:{'|'.join(alts)})(?!\w)")


def _cue_regex(phrase: str) -> str:
    """A cue as a regex; ``*`` stands for one to four words ("drove * out of": "drove Islamic
    State out of")."""
    return r"\s+(?:\S+\s+){1,4}?".join(re.escape(part) for part in phrase.split(" * "))


def find_cues(folded: str, language: str) -> list[Cue]:
    """The cues of ``folded`` (the sentence through ``geo.text.fold``), longest phrase first; a
    wildcard cue gives way to a plain cue of another status where both start ("opened fire on a
    checkpoint" is fire on the checkpoint, not "opened * checkpoint", a checkpoint set up)."""
    pattern, phrases, plain = _cue_patterns(language)
    if pattern is None:
        return []
    cues, pos = [], 0
    while (m := pattern.search(folded, pos)) is not None:
        status, passive = _phrase_of(m.group(0), phrases)
        if status and m.group(0) not in phrases and plain is not None:  # a wildcard no-cue stays one
            inner = plain.match(folded, m.start())
            if inner is not None and phrases[inner.group(0)][0] != status:
                m, (status, passive) = inner, phrases[inner.group(0)]
        if status:
            cues.append(Cue(m.start(), m.end(), status, passive))
        pos = m.end()
    return cues


def _phrase_of(matched: str, phrases: dict[str, tuple[str, bool]]) -> tuple[str, bool]:
    """The (status, passive) of the cue a match comes from; a wildcard cue matched other words."""
    if matched in phrases:
        return phrases[matched]
    return next(v for p, v in phrases.items() if " * " in p and re.fullmatch(_cue_regex(p), matched))


@dataclass(frozen=True)
class CueWords:
    """The language's word lists the extractor uses, as patterns (None when it has none)."""

    hedges: re.Pattern | None
    negations: re.Pattern | None
    future: re.Pattern | None
    apposition: re.Pattern | None
    held_as_event: re.Pattern | None
    durative: re.Pattern | None
    entry: re.Pattern | None
    two_sided: re.Pattern | None
    intent: re.Pattern | None  # "to", "in order to": right before a cue, the aim, not the deed
    achieved: re.Pattern | None  # "managed to": right before a cue, the deed after all
    coordination: re.Pattern | None  # "and", "backed by": actors that act together
    not_territory: re.Pattern | None  # "seized weapons", "captured two commanders": no place taken
    military_targets: re.Pattern | None  # "attacked army positions": the other side is armed
    only_two_sided: re.Pattern | None  # "killed": a claim only when the other side is armed
    remote_weapons: re.Pattern | None  # "fired mortars at": shelling, from afar, not a fight
    clash_words: re.Pattern | None  # "clashes", "shoot-out": fighting, whether or not its sides are named
    crowds: re.Pattern | None  # "protesters clashed with police": a riot, no ground is fought over
    sites: re.Pattern | None  # "a building": of the things taken, one that may be a site
    direct_weapons: re.Pattern | None  # "small arms": the sides are within sight, a fight
    anaphora: re.Pattern | None  # "the village": right after a cue, a place named before
    subject_anaphora: re.Pattern | None  # "the attackers": right before a cue, an actor named before
    destination: re.Pattern | None  # "to": right before a place a withdrawal names, where they went
    objectless: re.Pattern | None  # "advanced": an attack cue with no object; its other side is anywhere
    agent: re.Pattern | None  # "by": right before an actor, the one who acts in a passive clause
    sequence: re.Pattern | None  # "and": between two cues, the second is what came of the first
    following: re.Pattern | None  # "following": right before a fight, the fight a capture came of


@lru_cache(maxsize=32)
def cue_words(language: str) -> CueWords:
    """The word lists of ``data/claims/<language>.json`` the extractor reads a cue's sentence by."""
    patterns = {k: word_pattern(language, k) for k in CueWords.__dataclass_fields__}
    for key in ("intent", "achieved", "destination", "agent"):  # right before the cue, place or actor
        if patterns[key] is not None:
            patterns[key] = re.compile(rf"(?:{patterns[key].pattern})\s+$")
    if patterns["sequence"] is not None:  # all that stands between two cues
        patterns["sequence"] = re.compile(rf"\s*,?\s*(?:{patterns['sequence'].pattern})\s*")
    if patterns["following"] is not None:  # right before the fight, perhaps with an adjective
        patterns["following"] = re.compile(rf"(?:{patterns['following'].pattern})(?:\s+\S+)?\s+$")
    if patterns["subject_anaphora"] is not None:  # the subject: at most two words before the cue
        patterns["subject_anaphora"] = re.compile(
            rf"(?:{patterns['subject_anaphora'].pattern})(?:\s+\S+){{0,2}}\s+$"
        )
    if patterns["coordination"] is not None:  # all that stands between two actors
        patterns["coordination"] = re.compile(
            rf"[\s,]*(?:{patterns['coordination'].pattern})[\s,]*(?:the\s+)?"
        )
    return CueWords(**patterns)


def outcomes(folded: str, s0: int, cues: list[Cue], words: CueWords) -> list[Cue]:
    """The cues without those a capture right after them says the outcome of ("attacked and
    overran an al Shabaab base", "stormed and captured the town"): the places are taken."""
    if words.sequence is None:
        return cues
    return [
        c
        for c, nxt in zip(cues, [*cues[1:], None])
        if not (
            nxt is not None
            and c.status != "captured"
            and nxt.status == "captured"
            and words.sequence.fullmatch(folded, c.end - s0, nxt.start - s0)
        )
    ]


def owning_cue(cues: list[Cue], place: ResolvedPlace, folded: str, s0: int) -> Cue | None:
    """The cue a place is the object of: the nearest before it in its clause (an active cue's
    object follows it: "captured the Police School in the countryside of Aleppo following
    clashes" is a capture of Aleppo's countryside, not a clash), unless a passive cue right after
    it is nearer ("Tikrit, retaken by"); with none before, the nearest."""
    before = [c for c in cues if c.end <= place.start and ";" not in folded[c.end - s0 : place.start - s0]]
    after = [c for c in cues if c.start >= place.end and c.passive]
    prev = before[-1] if before else None
    nxt = after[0] if after else None
    if prev is not None and (nxt is None or place.start - prev.end <= nxt.start - place.end):
        return prev
    return nxt or min(
        cues, key=lambda c: min(abs(c.start - place.start), abs(c.end - place.start)), default=None
    )


def victims(folded: str, cue: Cue, s0: int) -> str:
    """The words that name who a killing cue's victims are: after an active cue ("shot and
    killed a regime fighter"), before a passive one ("a soldier was killed by gunmen")."""
    if cue.passive:
        return folded[max(0, cue.start - s0 - 60) : cue.start - s0]
    return folded[cue.end - s0 : cue.end - s0 + 60]


def other_side(folded: str, s0: int, cue: Cue, words: CueWords, actor: str, actors) -> bool:
    """Whether what an attack cue acts on is an armed side: a military target ("fired at the
    positions", "a police officer was shot dead by") or an actor that is no partner of ``actor``,
    named in the cue's object, after an active cue up to the clause's end, before a passive one.
    An actor named elsewhere in the sentence ("gunmen attacked a judge ... suspected al Shabaab")
    makes no fight."""
    from geo.parse.actors import are_partners

    lo, hi = cue.start - s0, cue.end - s0
    if words.objectless and words.objectless.fullmatch(folded[lo:hi]):
        lo, hi = 0, len(folded)  # "clashed with Russian forces and advanced near Pivdenne"
    elif cue.passive:
        lo, hi = max(0, lo - _OBJECT_CHARS), lo
        lo += max(folded.rfind(c, lo, hi) + 1 - lo for c in ";.")
    else:
        stop = re.search(r"[;.]", folded[hi : hi + _OBJECT_CHARS])
        lo, hi = hi, hi + (stop.start() if stop else _OBJECT_CHARS)
    window = _without_own_side(folded, s0, lo, hi, actor, actors, words.agent)
    if words.military_targets and words.military_targets.search(window):
        return True
    return any(lo <= a.start - s0 < hi and not are_partners(a.actor, actor) for a in actors)


def _without_own_side(
    folded: str, s0: int, lo: int, hi: int, actor: str, actors, agent: re.Pattern | None
) -> str:
    """``folded[lo:hi]`` with the names of the cue's own side blanked out where the text makes it
    the agent (``agent``: "by"): "a shepherd was killed by Afghan forces" names no armed victim,
    whatever "forces" says."""
    from geo.parse.actors import are_partners

    chars = list(folded[lo:hi])
    for a in actors:
        if agent is None or not agent.search(folded, max(0, a.start - s0 - 12), a.start - s0):
            continue
        if a.actor == actor or are_partners(a.actor, actor):
            for i in range(max(lo, a.start - s0), min(hi, a.end - s0)):
                chars[i - lo] = " "
    return "".join(chars)


#: How far (characters) after an attack cue its object is looked for.
_OBJECT_CHARS = 160


def is_clash(folded: str, s0: int, cue: Cue, words: CueWords) -> bool:
    """Whether a cue says there was fighting ("clashes", "a shoot-out"), not only a contest."""
    cue_text = folded[cue.start - s0 : cue.end - s0]
    return cue.status == "contested" and bool(words.clash_words and words.clash_words.search(cue_text))


def crowd(folded: str, s0: int, cue: Cue, words: CueWords) -> bool:
    """Whether a clash's sides, named around its cue, are a crowd ("youths clash in Udu",
    "clashes between police and protesters"), or the subject clause before an active cue; a crowd
    word further off is no side of it ("clashes in Sabratha ... a colleague of a prominent IS
    activist")."""
    if words.crowds is None:
        return False
    lo, hi = cue.start - s0, cue.end - s0
    clause = re.search(r"[,;]", folded[hi : hi + _CLAUSE_CHARS])
    end = hi + (max(_SIDES_CHARS, clause.start()) if clause else _CLAUSE_CHARS)
    # the subject of an active cue is its clause up to it, however long ("rioters demonstrating
    # against the high exchange rate and living conditions clashed with soldiers")
    opens = max(folded.rfind(c, max(0, lo - _CLAUSE_CHARS * 2), lo) for c in ",;:")
    start = min(lo - _SIDES_CHARS, opens + 1) if not cue.passive and opens >= 0 else lo - _SIDES_CHARS
    return bool(words.crowds.search(folded[max(0, start) : end]))


#: How far (characters) around a clash cue its sides are named; after it, on to the clause's end
#: within ``_CLAUSE_CHARS`` ("police clashed with the presidential candidate Besigye's supporters").
_SIDES_CHARS = 60
_CLAUSE_CHARS = 100


def from_afar(folded: str, words: CueWords) -> bool:
    """Whether a sentence's fire is all from afar: heavy weapons named, no small arms."""
    if words.remote_weapons is None or not words.remote_weapons.search(folded):
        return False
    return not (words.direct_weapons and words.direct_weapons.search(folded))


def goes_to(text: str, cue: Cue, place: ResolvedPlace, words: CueWords) -> bool:
    """Whether a place after a withdrawal is where the withdrawers went ("withdrew from Tabqa to
    Raqqa", "retreated towards the town of Raqqa"), not a place they left."""
    if words.destination is None or place.start < cue.end:
        return False
    before = fold(text[max(cue.end, place.start - 40) : place.start])
    before = re.sub(r"(?:the\s+)?(?:\w+\s+of\s+)?(?:the\s+)?$", "", before)  # "to the town of"
    return bool(words.destination.search(before))


#: The object right after a cue: up to six words, to a preposition or a clause's end ("seized 3,1
#: tons of marijuana": a number's comma ends no object).
_OBJECT = re.compile(
    r"(?:\s*[\w'’-]+(?:[,.]\d+)*){1,6}?"
    r"(?=\s*(?:\b(?:in|at|near|from|on|during|and|after|outside|inside|around|belonging|attempting)\b|[,;.(]|$))"
)
_WORDS = re.compile(r"(?:\s*[\w'’-]+){1,6}")


def takes_a_thing(text: str, cue: Cue, place: ResolvedPlace, words: CueWords) -> bool:
    """Whether what a capture cue takes, before the place, is a thing or people ("seized 20 kg of
    TNT in Teaalba", "captured two commanders outside Diinsoor"; after a passive cue, its subject:
    "doctors were captured by gunmen in Sirte"): no territory changes hands."""
    if words.not_territory is None:
        return False
    if cue.passive:  # "15 doctors were captured by IS gunmen from the hospital in Sirte": its subject
        if place.start < cue.end:
            return False
        subject = re.split(r"[.;:]", text[max(0, cue.start - 60) : cue.start])[-1]
        return bool(words.not_territory.search(fold(subject)))
    # its object, right after it ("seized 3,1 tons of marijuana in Itaquirai"; not what it was taken
    # from: "recaptured 5 locations, including X, from FDLR rebels"), wherever the place is
    after = text[cue.end : place.start].rstrip() if place.start > cue.end else text[cue.end :]
    obj = _OBJECT.match(after) or _WORDS.match(after)  # else its first words
    things = words.not_territory.findall(fold(obj.group(0))) if obj else []
    if place.start > cue.end:  # "occupied a building in Baidoa": the building, not Baidoa
        return bool(things)
    return any(
        not (words.sites and words.sites.fullmatch(t)) for t in things
    )  # "in Baidoa, gunmen occupied a building": a site of the place


def negated(folded: str, cue_pos: int, negations: re.Pattern | None) -> bool:
    """Whether a negation ("failed to", "did not") stands just before the cue."""
    if negations is None:
        return False
    window = folded[max(0, cue_pos - 25) : cue_pos]
    return bool(negations.search(window))


def takes_control_when_dated(
    folded: str,
    cue_text: str,
    when: TimeExpression | None,
    held_as_event: re.Pattern | None,
    durative: re.Pattern | None,
) -> bool:
    """Indonesian "menguasai" is both "to hold" and "to take": dated by the sentence ("menguasai
    Tikrit pada Rabu", "pada Juni") and with no "masih"/"sejak" (still, since), it is the taking."""
    if held_as_event is None or when is None or not held_as_event.fullmatch(cue_text):
        return False
    return not (durative and durative.search(folded))
