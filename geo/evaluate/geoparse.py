"""Geoparsing evaluation in the measures of the literature (Gritta et al. 2018/2019).

Documents follow ``shared/eval/FORMAT.md``: ``{"id", "language", "published", "text",
"toponyms": [{"start", "end", "text", "lat", "lon", "geonameid"}]}``. A *system* is any
callable ``(doc) -> list[dict]`` returning predicted places with ``start``, ``end`` and,
when resolved, ``lat``/``lon`` — Tidemark's geoparser and the geotext baseline alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from statistics import mean, median
from typing import Any

from geo.gazetteer.distance import haversine_km

#: Half the Earth's circumference, the largest possible error (km): AUC's normaliser.
MAX_ERROR_KM = 20039.0
ACC_KM = 161.0

System = Callable[[dict[str, Any]], list[dict[str, Any]]]


@dataclass
class Counts:
    """Running tallies for one document or a whole corpus."""

    gold: int = 0
    predicted: int = 0
    exact_tp: int = 0
    overlap_tp: int = 0
    resolved: int = 0  # gold mentions found (overlap) and given coordinates
    errors_km: list[float] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.exact_tp += other.exact_tp
        self.overlap_tp += other.overlap_tp
        self.resolved += other.resolved
        self.errors_km.extend(other.errors_km)


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def auc_of_errors(errors_km: list[float]) -> float:
    """Area under the curve of sorted log errors, normalised to [0, 1] (lower is better)."""
    if not errors_km:
        return float("nan")
    scaled = sorted(min(1.0, math.log(1 + e) / math.log(1 + MAX_ERROR_KM)) for e in errors_km)
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:]))
    return area / (len(scaled) - 1)


def score_document(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> Counts:
    """Match predictions to gold spans (exact, then overlap one-to-one) and measure errors."""
    c = Counts(gold=len(gold), predicted=len(predicted))
    gold_spans = {(g["start"], g["end"]) for g in gold}
    c.exact_tp = sum(1 for p in {(p["start"], p["end"]) for p in predicted} if p in gold_spans)
    used: set[int] = set()
    for g in sorted(gold, key=lambda g: g["start"]):
        best = None
        for i, p in enumerate(predicted):
            if i in used or p["end"] <= g["start"] or p["start"] >= g["end"]:
                continue
            if (p["start"], p["end"]) == (g["start"], g["end"]):
                best = i
                break
            best = i if best is None else best
        if best is None:
            continue
        used.add(best)
        c.overlap_tp += 1
        p = predicted[best]
        if p.get("lat") is not None and g.get("lat") is not None:
            c.resolved += 1
            c.errors_km.append(haversine_km(g["lat"], g["lon"], p["lat"], p["lon"]))
    return c


def summarise(c: Counts) -> dict[str, Any]:
    """The FORMAT.md measures from tallies."""
    errs = c.errors_km
    return {
        "documents_gold_mentions": c.gold,
        "predicted_mentions": c.predicted,
        "exact": _prf(c.exact_tp, c.predicted, c.gold),
        "overlap": _prf(c.overlap_tp, c.predicted, c.gold),
        "acc_at_161km": round(sum(e <= ACC_KM for e in errs) / len(errs), 4) if errs else None,
        "median_error_km": round(median(errs), 1) if errs else None,
        "mean_error_km": round(mean(errs), 1) if errs else None,
        "auc": round(auc_of_errors(errs), 4) if errs else None,
        "coverage": round(c.resolved / c.gold, 4) if c.gold else None,
    }


def evaluate(
    documents: Iterable[dict[str, Any]], system: System, per_document: bool = False
) -> dict[str, Any]:
    """Run ``system`` over ``documents`` and score it against their gold toponyms."""
    total = Counts()
    docs_out = []
    n = 0
    for doc in documents:
        n += 1
        gold = [t for t in doc.get("toponyms") or [] if "start" in t and "end" in t]
        counts = score_document(gold, system(doc))
        total.add(counts)
        if per_document:
            docs_out.append({"id": doc["id"], **summarise(counts)})
    out = {"documents": n, **summarise(total)}
    if per_document:
        out["per_document"] = docs_out
    return out


def format_geoparse(report: dict[str, Any]) -> str:
    """The report's headline figures as a few lines of text."""
    ov, ex = report["overlap"], report["exact"]
    return (
        f"  {report['documents']} documents, {report['documents_gold_mentions']} gold mentions\n"
        f"  overlap P/R/F1 {ov['precision']:.3f}/{ov['recall']:.3f}/{ov['f1']:.3f}"
        f"   exact F1 {ex['f1']:.3f}\n"
        f"  acc@161km {report['acc_at_161km']}  median {report['median_error_km']} km  "
        f"mean {report['mean_error_km']} km  AUC {report['auc']}"
    )
