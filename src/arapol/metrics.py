"""Scores: strict entity-level NER metrics (seqeval, IOB2) and stance classification metrics."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from seqeval.metrics import classification_report
from seqeval.scheme import IOB2, Entities
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

from .labels import spans_to_tags
from .text import CONTROLS, TASHKEEL, split_words, words_covering


def ner_scores(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], types: Sequence[str] | None = None
               ) -> dict[str, Any]:
    """Strict IOB2 entity scores: micro and macro P/R/F1 and one entry per type (with support).

    Macro averages the types annotated or predicted (seqeval's "macro avg"), as :func:`stance_scores` does its
    classes: on a split without MISC it is the mean over PER, ORG and LOC alone, which reads higher than, and cannot
    be compared with, a mean over all four. ``types`` (the model's, as scored) adds ``absent_types``: those of them
    neither annotated nor predicted, which the macro scores leave out."""
    none = {"precision": 0.0, "recall": 0.0, "f1-score": 0.0}
    if not any(Entities([list(seq) for seq in (*gold, *pred)], IOB2).entities):
        report: dict[str, Any] = {}  # nothing to find, nothing found (seqeval: NaN; an I- tag alone is no entity)
    else:
        report = classification_report(list(map(list, gold)), list(map(list, pred)), mode="strict", scheme=IOB2,
                                       output_dict=True, zero_division=0)
    per_type = {k: {**{m: float(v[m]) for m in ("precision", "recall", "f1-score")}, "support": int(v["support"])}
                for k, v in report.items() if not k.endswith(" avg")}
    micro = report.get("micro avg", none)
    macro = report.get("macro avg", none)
    out = {
        "precision": float(micro["precision"]), "recall": float(micro["recall"]), "f1": float(micro["f1-score"]),
        "macro_precision": float(macro["precision"]), "macro_recall": float(macro["recall"]),
        "macro_f1": float(macro["f1-score"]), "per_type": per_type,
    }
    if types is not None:
        out["absent_types"] = [t for t in types if t not in per_type]
    return out


def stance_scores(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class P/R/F1 and the confusion matrix (rows gold, columns predicted);
    ``unpredicted`` counts predictions outside ``labels`` (``""``: a text blank once normalised), which count as
    wrong and fall outside the matrix.

    Macro-F1 averages the classes of ``labels`` that occur in ``gold`` or ``pred`` (as seqeval does for entity
    types): a class neither annotated nor predicted has no F1 to count as 0; ``absent`` names them."""
    if not len(gold):
        p = r = f = s = [0] * len(labels)
    else:
        p, r, f, s = precision_recall_fscore_support(gold, pred, labels=list(labels), zero_division=0)
    seen = set(gold) | set(pred)
    present = [f[i] for i, lab in enumerate(labels) if lab in seen]
    return {
        "accuracy": float(accuracy_score(gold, pred)) if len(gold) else 0.0,
        "macro_f1": float(sum(present) / len(present)) if present else 0.0,
        "per_class": {lab: {"precision": float(p[i]), "recall": float(r[i]), "f1-score": float(f[i]),
                            "support": int(s[i])} for i, lab in enumerate(labels)},
        "labels": list(labels),
        "absent": [lab for lab in labels if lab not in seen],
        "confusion": confusion_matrix(gold, pred, labels=list(labels)).tolist() if len(gold) else [],
        "unpredicted": sum(p not in labels for p in pred),
    }


def without_edge_marks(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` without the invisible marks (:data:`~arapol.text.CONTROLS`) and whitespace at their edges, and with
    the tashkeel on their last letter: a gold entity that takes in the RLM after a name (106 of ANERcorp's training
    entities do) and a prediction that stops before it are the same entity, as are ``دمشق`` and ``دمشقُ`` (a
    prediction takes in its word's marks). Raises ``ValueError`` for a span outside ``text`` and for spans that
    overlap (one entity a character, as IOB2 tags hold them)."""
    out = []
    for a, b, label in spans:
        if not 0 <= a <= b <= len(text):
            raise ValueError(f"span ({a}, {b}, {label!r}) lies outside the text (length {len(text)})")
        while a < b and (text[a] in CONTROLS or text[a].isspace()):
            a += 1
        while b > a and (text[b - 1] in CONTROLS or text[b - 1].isspace()):
            b -= 1
        while a < b < len(text) and text[b] in TASHKEEL:
            b += 1
        if a < b:  # a span of such marks alone holds no entity (the scores and the error analysis both pass it over)
            out.append((a, b, label))
    ordered = sorted(out)
    for x, y in zip(ordered, ordered[1:]):
        if y[0] < x[1]:
            raise ValueError(f"spans {x} and {y} overlap: one entity a character is scored (text {text[:40]!r})")
    return out


def span_tags(text: str, gold: Sequence[tuple[int, int, str]], pred: Sequence[tuple[int, int, str]]
              ) -> tuple[list[str], list[str]]:
    """IOB2 tag sequences for character spans of ``text``, over its words cut at every span boundary.

    Scoring these with :func:`ner_scores` counts an entity as correct only when its start, end and
    type all match exactly, in the original text's characters, once invisible marks at its edges are left out
    and the tashkeel of its last letter taken in (:func:`without_edge_marks`).
    """
    gold, pred = without_edge_marks(text, gold), without_edge_marks(text, pred)
    cuts = sorted({p for s in (*gold, *pred) for p in s[:2]})
    segments = []
    for a, b in split_words(text):
        inner = cuts[bisect.bisect_right(cuts, a): bisect.bisect_left(cuts, b)]
        for lo, hi in zip([a, *inner], [*inner, b]):
            segments.append((lo, hi))
    n = len(segments)
    return (spans_to_tags(n, words_covering(segments, gold)), spans_to_tags(n, words_covering(segments, pred)))
