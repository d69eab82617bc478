"""Control claims: who captured, holds, contests, attacks or left a place, and when.

For each sentence the extractor finds the actors it names (``geo.parse.actors``), the phrases that
say what happened (``data/claims/<language>.json``: *active* phrases have the actor before
them, "ISIS captured Mosul"; *passive* ones after, "Raqqa fell to the SDF"), the places
(from the geoparser) and the dates (``geo.parse.dates``). Each place takes the nearest cue; each cue
its actor by voice; each claim the date nearest to it in the sentence, else the publication
date (flag ``publication_date``: "IS still holds Hajin" is true as of the report).

- A sentence that names actor and cue but no place lends them to the next sentence's places
  after an apposition ("...the last ground still in the grip of ISIS ... namely al-Qaim and
  Rawa"): flag ``carried``.
- An entry into a place that another side left that day, whichever sentence tells the withdrawal,
  is its capture ("AMISOM entered Janaale. Al Shabaab had withdrawn from the town.").
- Datelines ("Baghdad (CB) -"), places after an attribution ("according to ... in Baghdad"),
  containers, sides and fragments of longer names (``geo.parse.claim_places``), countries,
  continents and demonyms get no claim.
- An attack on another armed side is a clash (contested), unless all its fire is from heavy
  weapons (shelling); a killing is a claim only then; a clash whose sides go unnamed contests its
  place all the same (actor ``unnamed_sides``); a clash of protesters or a mob is a riot, none.
- A negated cue ("failed to take") gives no claim; a hedge ("reportedly") lowers the
  confidence (flag ``hedged``); a cue in the future ("will retake") becomes an offensive.
- A date after publication is flagged ``future_date``, not dropped.
- A capture cue on "the village", "the base" (no place in its sentence) is about the places of
  the sentence before: flag ``carried``; a contest for a place the report has it taken that day
  is subsumed by the capture; a place taken and retaken the same day is contested (``retaken``).
- The same (actor, place, status, date) once per article, with its best confidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from geo.model import Article, Claim, ResolvedPlace
from geo.parse.actors import ActorMention, are_partners, find_actors
from geo.parse.claim_places import (
    excluded_places,
    foreign_places,
    marked_as_source,
    masked,
    named_targets,
    quoted,
    without_containers,
    without_qualifiers,
)
from geo.parse.claim_records import (
    UNNAMED_SIDES,
    add_claim,
    entered_after_withdrawal,
    without_coarse,
    without_subsumed,
    without_unnamed_twins,
)
from geo.parse.cues import (
    Cue,
    CueWords,
    crowd,
    cue_words,
    find_cues,
    from_afar,
    goes_to,
    is_clash,
    negated,
    other_side,
    outcomes,
    owning_cue,
    sentences,
    takes_a_thing,
    takes_control_when_dated,
)
from geo.parse.dates import TimeExpression, find_dates
from geo.parse.lexicon import lexicon
from geo.text.fold import fold

NO_CLAIM_KINDS = ("country", "region")


def _claimable(place) -> bool:
    """Control is claimed of towns, provinces and features, and of a country's own regions
    ("Eastern Ghouta", "Donbas"); never of a whole country, a continent or a sea."""
    return place.kind not in NO_CLAIM_KINDS or (place.kind == "region" and bool(place.country_code))


@dataclass(frozen=True)
class _Pending:
    """Actor and cue of a sentence that named no place, lent to the next sentence."""

    claims: tuple[tuple[str, str, TimeExpression | None, float, tuple[str, ...]], ...]
    start: int  # where the lending sentence starts: the quote covers both sentences


def _pick_actor(
    cue: Cue, actors: list[ActorMention], text: str = "", coordination: re.Pattern | None = None
) -> ActorMention | None:
    """The actor a cue is about: the first after a passive cue, else the last before it; of
    actors joined before an active cue ("regime forces and Hezbollah captured", "SNGF, with the
    support of AMISOM, took over"), the first, the subject the others join."""
    before = [a for a in actors if a.end <= cue.start]
    after = [a for a in actors if a.start >= cue.end]
    if cue.passive:
        return after[0] if after else (before[-1] if before else None)
    if not before:
        return after[0] if after else None
    i = len(before) - 1
    while i > 0 and coordination and coordination.fullmatch(fold(text[before[i - 1].end : before[i].start])):
        i -= 1
    return before[i]


def _nearest(items, pos: int):
    return min(items, key=lambda x: min(abs(x.start - pos), abs(x.end - pos)), default=None)


@dataclass(frozen=True)
class _Before:
    """The last sentence before that named places: where it starts, its places, dates and the
    actors of its claims ("... in Lantabuur. The attackers took over the base.")."""

    start: int
    targets: list[ResolvedPlace]
    dates: list[TimeExpression]
    actors: tuple[str, ...]
    index: int = 0  # which sentence of the text it is
    folded: str = ""


@dataclass
class _Sentence:
    """What one sentence holds, offsets in the article's text."""

    s0: int
    s1: int
    folded: str
    targets: list[ResolvedPlace]
    actors: list[ActorMention]
    cues: list[Cue]
    dates: list[TimeExpression]
    hedged: bool
    #: The last sentence before that named places: its start, its targets and its dates.
    previous: _Before | None = None
    index: int = 0


def extract_claims(
    article: Article, places: list[ResolvedPlace], actors: list[ActorMention] | None = None
) -> list[Claim]:
    """The control claims of ``article`` about ``places`` (its resolved mentions); ``actors``:
    the article's actor mentions (found here when not given)."""
    text, language = article.text, (article.language or "en")[:2]
    if not lexicon(language):
        return []
    words = cue_words(language)
    all_actors = actors if actors is not None else find_actors(text)
    claims: dict[tuple, Claim] = {}
    pending: _Pending | None = None
    previous = None
    foreign = foreign_places(places, all_actors)  # "Mundri" in Indonesia beside the SPLM-IO
    places = sorted((p for p in places if p.start not in foreign), key=lambda p: p.start)
    all_actors = sorted(all_actors, key=lambda a: a.start)
    place_starts, actor_starts = [p.start for p in places], [a.start for a in all_actors]
    for index, (s0, s1) in enumerate(sentences(text)):
        # only the places and actors within the sentence: found by their sorted offsets
        in_places = places[bisect_left(place_starts, s0) : bisect_left(place_starts, s1)]
        in_actors = all_actors[bisect_left(actor_starts, s0) : bisect_left(actor_starts, s1)]
        sent = _sentence(article, s0, s1, in_places, in_actors, language, words)
        sent.previous, sent.index = previous, index
        found_here = _cue_claims(article, sent, words, claims)
        if sent.targets:
            previous = _Before(
                s0, sent.targets, sent.dates, tuple(a for a, *_ in found_here), index, sent.folded
            )
        if found_here and not sent.targets:
            pending = _Pending(tuple(found_here), s0)
            continue
        if pending:
            _carry(article, sent, pending, words, claims)
        pending = None
    found = without_coarse(without_unnamed_twins(without_subsumed(entered_after_withdrawal(claims.values()))))
    return sorted(found, key=lambda c: (c.quote_start, c.place.start, c.status))


def _sentence(
    article: Article,
    s0: int,
    s1: int,
    places: list[ResolvedPlace],
    all_actors: list[ActorMention],
    language: str,
    words: CueWords,
) -> _Sentence:
    text = article.text
    sent = text[s0:s1]
    folded = fold(sent)
    in_sentence = [p for p in places if s0 <= p.start < s1]
    excluded = excluded_places(sent, folded, s0, in_sentence, language)
    targets = [p for p in in_sentence if not p.demonym and _claimable(p.place) and p.start not in excluded]
    actors = [a for a in all_actors if s0 <= a.start < s1 and not marked_as_source(text, a, language)]
    targets = named_targets(text, s0, folded, targets, all_actors, language)
    targets = without_qualifiers(text, without_containers(text, targets, language), in_sentence, language)
    quotes = quoted(sent, s0)
    cues = [Cue(c.start + s0, c.end + s0, c.status, c.passive) for c in find_cues(folded, language)]
    cues = [  # a negated cue ("failed to take") claims nothing, nor takes another cue's places
        c
        for c in cues
        if not any(a <= c.start < b for a, b in quotes) and not negated(folded, c.start - s0, words.negations)
    ]
    cues = outcomes(folded, s0, cues, words)
    dates = [
        TimeExpression(d.start + s0, d.end + s0, d.text, d.date, d.date_end, d.precision)
        for d in find_dates(sent, article.published, language)
    ]
    hedged = bool(words.hedges and words.hedges.search(masked(folded, language)))
    return _Sentence(s0, s1, folded, targets, actors, cues, dates, hedged)


def _cue_claims(article: Article, sent: _Sentence, words: CueWords, claims: dict) -> list[tuple]:
    """Add the claims each cue of the sentence makes about its places; returns each cue's
    (actor, status, date, confidence, flags), for a next sentence that names the places."""
    found_here: list[tuple[str, str, TimeExpression | None, float, tuple[str, ...]]] = []
    withdrawers = {
        a.actor
        for c in sent.cues
        if c.status == "withdrawn"
        for a in [_pick_actor(c, sent.actors, article.text, words.coordination)]
        if a
    }
    confidence = 0.8 * (0.6 if sent.hedged else 1.0)
    picked = [(c, _pick_actor(c, sent.actors, article.text, words.coordination)) for c in sent.cues]
    # "another captured": a cue that owns no place
    owner_of = [owning_cue(sent.cues, p, sent.folded, sent.s0) for p in sent.targets]  # once a sentence
    owners = {id(c) for c in owner_of}
    takers = {a.actor for c, a in picked if a and c.status == "captured" and id(c) in owners}
    for cue, actor in picked:
        if actor is None and is_clash(sent.folded, sent.s0, cue, words):  # "clashes broke out in Tripoli"
            actor = ActorMention(cue.start, cue.start, UNNAMED_SIDES, "")
        actor = actor or _subject_before(sent, cue, words)
        if actor is None or negated(sent.folded, cue.start - sent.s0, words.negations):
            continue
        status, flags = _status(cue, actor, sent, words, withdrawers)
        if status is None or (status == "contested" and _how_taken(sent, cue, actor.actor, takers, words)):
            continue  # "captured X following clashes with Y": the clash is how X was taken
        if status == "contested" and crowd(sent.folded, sent.s0, cue, words):
            continue  # "youth clashed with police": a riot, not a fight for ground
        when = _nearest(sent.dates, cue.start)  # none in the sentence: the publication date
        found_here.append((actor.actor, status, when, confidence, flags))
        back = _refers_back(article.text, sent, cue, words)
        own = [p for p, owner in zip(sent.targets, owner_of) if owner is cue and not back]
        if (
            not own
            and status == "withdrawn"
            and len(sent.targets) == 1
            and all(a != actor.actor for a, *_ in found_here[:-1])
        ):
            own = sent.targets  # "IS retook Palmyra as Syrian troops withdrew": the place left
        span = (sent.s0, sent.s1)
        if back:
            own = [p for p in sent.targets if p.end <= cue.start]  # "took X before Y retook the village"
        if sent.previous and not own and (back or _fight_before(sent, status, words, claims)):
            own, span, flags, when, actor = _borrowed(sent, back, flags, when, actor)
        for place in own:
            if actor.start <= place.start <= actor.end:
                continue  # "pasukan Irak": the place is part of the actor's name
            if status == "captured" and not back and takes_a_thing(article.text, cue, place, words):
                continue
            if status == "withdrawn" and goes_to(article.text, cue, place, words):
                continue  # "withdrew from Tabqa to Raqqa": Raqqa is where they went
            add_claim(claims, article, place, actor.actor, status, when, span, confidence, flags)
    return found_here


def _borrowed(
    sent: _Sentence, back: bool, flags: tuple[str, ...], when: TimeExpression | None, actor: ActorMention
) -> tuple[list[ResolvedPlace], tuple[int, int], tuple[str, ...], TimeExpression | None, ActorMention]:
    """What a cue takes from the sentence before (flag ``carried``): its places ("... in Warmahan.
    Al Shabaab overran the town."), for a fight only the first, the report's place ("On 3 May, in
    Itaborai, police carried out an operation. A shoot-out broke out."); the quote from there, its
    date when the cue's sentence has none, and for a fight whose sides go unnamed that sentence's
    actor."""
    prev = sent.previous
    assert prev is not None
    if actor.actor == UNNAMED_SIDES and prev.actors:
        actor = ActorMention(actor.start, actor.end, prev.actors[0], "")
    own = prev.targets if back else prev.targets[:1]
    when = when or (prev.dates[0] if prev.dates else None)
    return own, (prev.start, sent.s1), (*flags, "carried"), when, actor


def _fight_before(sent: _Sentence, status: str, words: CueWords, claims: dict) -> bool:
    """Whether a fight in a sentence that names no place is about the places of the sentence
    right before ("On 3 May, in Itaborai, police patrolled a neighbourhood. A shoot-out broke
    out."): not when that sentence claims them already ("captured X after clashes. Clashes were
    accompanied by shelling") or its people are a crowd ("youths gathered ... They clashed")."""
    prev = sent.previous
    if status != "contested" or sent.targets or prev is None or prev.index != sent.index - 1:
        return False
    if words.crowds is not None and words.crowds.search(prev.folded):
        return False
    claimed = {c.place.start for c in claims.values() if c.status != "offensive"}
    return not any(p.start in claimed for p in prev.targets)


def _subject_before(sent: _Sentence, cue: Cue, words: CueWords) -> ActorMention | None:
    """The actor of the sentence before, when a cue's subject refers to it ("The attackers took
    over the base", "The joint forces overran the village")."""
    if not (sent.previous and sent.previous.actors and words.subject_anaphora):
        return None
    if not words.subject_anaphora.search(sent.folded[: cue.start - sent.s0]):
        return None
    return ActorMention(cue.start, cue.start, sent.previous.actors[0], "")


def _refers_back(text: str, sent: _Sentence, cue: Cue, words: CueWords) -> bool:
    """Whether what a cue acts on is a place named before it ("took over the village", "overran
    the base", "repel a Boko Haram attack on the town"): a definite noun right after the cue, not
    followed by the name ("the village of Tadif", "the town Kafr Nubl"); or a cue that ends with
    one ("filled the void")."""
    if words.anaphora is None:
        return False
    tail = words.anaphora.search(sent.folded, max(sent.s0, cue.end - 20) - sent.s0, cue.end - sent.s0)
    if tail is not None and tail.end() == cue.end - sent.s0:
        return True  # "filled the void": the cue names what it took, a place named before
    at = re.match(
        r" (?:on|against|in|into|at|inside) ", sent.folded[cue.end - sent.s0 :]
    )  # "an attack on the town"
    m = words.anaphora.match(sent.folded, cue.end - sent.s0 + (at.end() if at else 1))
    return bool(m) and not re.match(r"\s+(?:of|called|named)\b|\s+[A-Z]", text[sent.s0 + m.end() :])


def _status(
    cue: Cue, actor: ActorMention, sent: _Sentence, words: CueWords, withdrawers: set[str]
) -> tuple[str | None, tuple[str, ...]]:
    """The status a cue gives its actor in this sentence, with the claim's flags."""
    status, s0, folded = cue.status, sent.s0, sent.folded
    flags: tuple[str, ...] = ("hedged",) if sent.hedged else ()
    cue_text = folded[cue.start - s0 : cue.end - s0]
    before = folded[max(0, cue.start - s0 - 40) : cue.start - s0]
    achieved = bool(words.achieved and words.achieved.search(before))
    if (
        status == "captured"
        and not achieved
        and any(p and p.search(before) for p in (words.future, words.intent))
    ):
        return "offensive", (*flags, "announced")  # "will retake", "launched an offensive to retake"
    when = _nearest(sent.dates, cue.start)
    if status == "held" and takes_control_when_dated(
        folded, cue_text, when, words.held_as_event, words.durative
    ):
        return "captured", flags
    if status == "offensive" and words.entry and words.entry.fullmatch(cue_text):
        if any(not are_partners(w, actor.actor) for w in withdrawers):
            return "captured", flags  # "Ukrainian forces entered Kherson after Russian troops withdrew"
    if status == "offensive" and any(c.status == "contested" for c in sent.cues):
        return "contested", flags  # "tried to enter Derna but were repulsed by local forces": met, a fight
    if status == "offensive" and words.entry and words.entry.fullmatch(cue_text):
        if cue.passive:
            return None, flags  # "were replaced by Ethiopian troops" says nothing of ground on its own
        return status, (*flags, "entry")  # a withdrawal told in another sentence may make it a capture
    if status == "offensive" and words.two_sided and words.two_sided.fullmatch(cue_text):
        killing = bool(words.only_two_sided and words.only_two_sided.fullmatch(cue_text))
        if cue.passive and actor.end <= cue.start and not killing:
            return "contested", flags  # "a military convoy came under attack near Timbuktu": armed men
        if words.clash_words and words.clash_words.search(folded):
            return "contested", flags  # "clashes ... amid regime artillery attacks on the area": one fight
        if from_afar(folded, words):
            return status, flags  # "fired 120mm mortars at the positions": shelling, no clash
        only = bool(words.only_two_sided and words.only_two_sided.fullmatch(cue_text))
        if other_side(folded, s0, cue, words, actor.actor, sent.actors):
            return "contested", flags  # an attack on another armed side: the place is fought over
        if only:
            return None, flags  # "gunmen killed three people": violence, no claim on the place
    return status, flags


def _how_taken(sent: _Sentence, cue: Cue, actor: str, takers: set[str], words: CueWords) -> bool:
    """Whether a clash is how a place of its sentence was taken: fought by a side that takes a
    place there (or with it), or said to come before the capture, whoever the text names as its
    side ("took control of Dhirwah from the Houthis following clashes that started on 2 May")."""
    if any(t == actor or are_partners(t, actor) for t in takers):
        return True
    before = sent.folded[: cue.start - sent.s0]
    return bool(takers and words.following and words.following.search(before))


def _carry(article: Article, sent: _Sentence, pending: _Pending, words: CueWords, claims: dict) -> None:
    """The previous sentence's actor and cue, lent to this one's places after an apposition."""
    m = words.apposition.search(sent.folded) if words.apposition else None
    if m is None:
        return
    claimed = {c.place.start for c in claims.values()}
    for place in sent.targets:
        if place.start >= sent.s0 + m.start() and place.start not in claimed:
            for actor, status, when, conf, flags in pending.claims:
                span = (pending.start, sent.s1)
                add_claim(claims, article, place, actor, status, when, span, conf * 0.85, (*flags, "carried"))
