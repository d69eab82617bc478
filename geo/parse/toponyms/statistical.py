"""A statistical recogniser as a plug point: natasha (Russian news NER, weights in its wheel).

Optional: ``pip install natasha``. Its LOC spans are the mentions; each is looked up in the
gazetteer as written, then through the matcher's inflected forms ("Москвы" -> "москва"); a span
the gazetteer cannot place is kept with no candidates only for scoring (``keep_unplaced``).
"""

from __future__ import annotations

from functools import lru_cache

from geo.model import Mention
from geo.parse.toponyms.match import longest_match
from geo.text import names


def natasha_available() -> bool:
    """Whether natasha is installed (it is optional: ``pip install natasha``)."""
    import importlib.util

    return importlib.util.find_spec("natasha") is not None


@lru_cache(maxsize=1)
def _natasha():
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def _candidates(span: str, gaz, language: str = "ru") -> tuple[str, tuple]:
    """The key and gazetteer places of a span the NER found (inflected forms allowed)."""
    toks = names.tokenize(span)
    if not toks:
        return "", ()
    norms = [t.norm for t in toks]
    key = names.key_of(norms)
    if key in gaz:
        return key, tuple(gaz.lookup(key))
    match = longest_match(span, toks, norms, 0, gaz, language)
    if match and match[0] == len(toks):
        return match[1], tuple(gaz.lookup(match[1]))
    return key, ()


def find_mentions_natasha(text: str, gaz, language: str = "ru", keep_unplaced: bool = False) -> list[Mention]:
    """The places natasha's NER tags LOC in ``text``, with their gazetteer candidates; then the
    gazetteer matcher's mentions where the NER tagged nothing (a place it missed), never inside
    a person's or an organisation's name it found."""
    from natasha import Doc

    from geo.parse.toponyms import find_mentions

    segmenter, tagger = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    out, tagged = [], []
    for s in doc.spans:
        tagged.append((s.start, s.stop))
        if s.type != "LOC":
            continue
        surface = text[s.start : s.stop]
        key, cands = _candidates(surface, gaz)
        if cands or keep_unplaced:
            out.append(Mention(s.start, s.stop, surface, key, False, cands))
        else:
            tagged.pop()  # a place the gazetteer cannot read as a whole: the matcher may ("РФ")
    for m in find_mentions(text, gaz, language=language):
        if not any(a < m.end and m.start < b for a, b in tagged):
            out.append(m)
    return sorted(out, key=lambda m: m.start)
