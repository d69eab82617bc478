"""Score place-name *recognition* on NER corpora (``../shared/eval/ner/FORMAT.md``).

Each document carries ``text``, ``language`` and the gold ``locations`` (character spans). The
system's demonym mentions ("Iraqi") are dropped first and counted. Reported: exact and overlap
precision, recall and F1 with the gold and system counts beside them; recall on the gold spans
whose whole text is a country or a town name (the fairest view of a gazetteer-backed recogniser);
and documents per second, recognition only (start-up, the first document's warm-up run, not
counted).
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any, Callable, Iterable

#: ``recogniser(text, language) -> mentions`` (anything with ``start``, ``end``, ``demonym``).
Recogniser = Callable[[str, str], list]


def default_recogniser() -> Recogniser:
    """The recogniser the pipeline runs for each language (``geo.parse.toponyms.recognise``)."""
    from geo.gazetteer import default_gazetteer
    from geo.parse.toponyms import recognise

    gaz = default_gazetteer()
    return lambda text, language: recognise(text, gaz, language=language)


def _plain_name_test() -> Callable[[str], bool]:
    """Whether a gold span's whole text is a country or town name, by the gazetteer's names
    folded for case and diacritics (its normal form)."""
    from geo.gazetteer import default_gazetteer
    from geo.text.names import normalize_name

    gaz = default_gazetteer()

    def plain(text: str) -> bool:
        key = normalize_name(text)
        return bool(key) and key in gaz and any(p.kind in ("country", "city") for p in gaz.lookup(key))

    return plain


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < a[1] and a[0] < e for s, e in spans)


def _score_document(gold: list[tuple[int, int]], system: list[tuple[int, int]]) -> Counter:
    gold_set, sys_set = set(gold), set(system)
    return Counter(
        gold=len(gold),
        system=len(system),
        exact=len(gold_set & sys_set),
        overlap_p=sum(_overlaps(s, gold) for s in system),
        overlap_r=sum(_overlaps(g, system) for g in gold),
    )


def evaluate_ner(
    docs: Iterable[dict[str, Any]], per_document: bool = False, recogniser: Recogniser | None = None
) -> dict[str, Any]:
    """Recognition scores over ``docs``; ``recogniser`` defaults to Tidemark's own."""
    recognise = recogniser or default_recogniser()
    plain = _plain_name_test()
    totals: Counter = Counter()
    languages: Counter = Counter()
    documents, seconds = [], 0.0
    for doc in docs:
        text, language = doc["text"], doc.get("language") or "und"
        if language not in languages:
            recognise(text, language)  # start-up (word lists, models) is not counted
        languages[language] += 1
        t0 = time.perf_counter()
        found = recognise(text, language)
        seconds += time.perf_counter() - t0
        system = [(m.start, m.end) for m in found if not m.demonym]
        gold = [(g["start"], g["end"]) for g in doc.get("locations", [])]
        counts = _score_document(gold, system)
        counts["demonyms"] = len(found) - len(system)
        named = [g for g in gold if plain(text[g[0] : g[1]])]
        counts["plain_gold"] = len(named)
        counts["plain_found"] = sum(_overlaps(g, system) for g in named)
        counts["docs"] = 1
        totals += counts
        if per_document:
            documents.append({"id": doc.get("id", ""), **_measures(counts)})
    report = {**_measures(totals), "language": languages.most_common(1)[0][0] if languages else "und"}
    report["docs_per_second"] = totals["docs"] / seconds if seconds else 0.0
    if per_document:
        report["documents"] = documents
    return report


def _measures(c: Counter) -> dict[str, Any]:
    return {
        "documents": c["docs"],
        "gold": c["gold"],
        "system": c["system"],
        "demonyms_dropped": c["demonyms"],
        "exact": _prf(c["exact"], c["system"], c["exact"], c["gold"]),
        "overlap": _prf(c["overlap_p"], c["system"], c["overlap_r"], c["gold"]),
        "plain_names": {
            "gold": c["plain_gold"],
            "recall": c["plain_found"] / c["plain_gold"] if c["plain_gold"] else 0.0,
        },
    }


def format_ner(report: dict[str, Any]) -> str:
    """A small table: exact and overlap P/R/F1 with counts, country/town recall, speed."""
    g, s = report["gold"], report["system"]
    lines = [
        f"  language {report['language']}  documents {report['documents']}  gold spans {g}  "
        f"system spans {s}  demonyms dropped {report['demonyms_dropped']}",
        f"  {'':<9} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for kind in ("exact", "overlap"):
        m = report[kind]
        lines.append(
            f"  {kind:<9} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f}   (system {s}, gold {g})"
        )
    plain = report["plain_names"]
    lines.append(f"  recall on country and town spans {plain['recall']:.3f} (gold {plain['gold']})")
    lines.append(f"  speed {report['docs_per_second']:.1f} docs/s (recognition only)")
    return "\n".join(lines)
