"""Scoring a loaded model on labelled examples, in the original text's characters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from .data import NerExample, StanceExample
from .inference.ner import TokenClassifier
from .inference.stance import SequenceClassifier
from .metrics import ner_scores, span_tags, stance_scores


def predict_spans(model: TokenClassifier, texts: Sequence[str], batch_size: int = 32
                  ) -> list[list[tuple[int, int, str]]]:
    """Predicted ``(start, end, label)`` spans in each original text."""
    preds = model.word_probabilities(texts, batch_size)
    return [[(e["start"], e["end"], e["label"]) for e in model.entities(p)] for p in preds]


def evaluate_ner(model: TokenClassifier, examples: Sequence[NerExample], batch_size: int = 32) -> dict[str, Any]:
    """Strict entity scores of ``model`` on ``examples`` (exact character spans and types)."""
    pred = predict_spans(model, [e.text for e in examples], batch_size)
    gold_tags, pred_tags = [], []
    for ex, p in zip(examples, pred):
        g, q = span_tags(ex.text, [(s.start, s.end, s.label) for s in ex.spans], p)
        gold_tags.append(g)
        pred_tags.append(q)
    return {"n_examples": len(examples), **ner_scores(gold_tags, pred_tags)}


def evaluate_stance(model: SequenceClassifier, examples: Sequence[StanceExample], batch_size: int = 32
                    ) -> dict[str, Any]:
    """Stance scores of ``model`` on ``examples`` (each toward its own target)."""
    by_target: dict[str, list[int]] = defaultdict(list)
    for i, ex in enumerate(examples):
        by_target[ex.target].append(i)
    pred = [""] * len(examples)
    for target, idx in by_target.items():
        probs = model.probabilities([examples[i].text for i in idx], target, batch_size)
        for i, row in zip(idx, probs):
            pred[i] = model.labels[int(row.argmax())]
    return {"n_examples": len(examples), **stance_scores([e.label for e in examples], pred, model.labels)}
