"""Label bias of a stance model: per-class offsets added to its log-probabilities, chosen on the dev split.

A model trained on skewed classes (Mawqif: favor 61 %, against 29 %, none 10 %) can place its decision
boundaries where they cost the rare classes' F1, class-weighted loss or not. ``tune_label_bias: true`` in a config
chooses, after training, one offset per class that maximises the dev split's macro-F1; the offsets are saved in
``arapol.json`` (``label_bias``) and every prediction applies them: each probability is multiplied by
``exp(offset)`` and the row normalised again, so ``predict()``'s label stays the argmax of ``predict_proba()``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import numpy as np

log = logging.getLogger(__name__)

GRID = tuple(round(x, 2) for x in np.arange(-3.0, 3.01, 0.25))
"""The offsets tried for each class. Only differences between offsets matter: the chosen ones are shifted so that
the first class's is 0."""
ROUNDS = 4
"""Passes of coordinate ascent over the classes at most (it stops at the first pass that changes nothing)."""


def apply_label_bias(probs: np.ndarray, labels: Sequence[str], bias: Mapping[str, float]) -> np.ndarray:
    """``probs`` (rows over ``labels``) with each class's ``bias`` added in log space, rows normalised again; NaN
    rows (blank texts) stay NaN. An empty ``bias`` returns ``probs`` as it is."""
    if not bias:
        return probs
    offsets = np.array([float(bias.get(label, 0.0)) for label in labels], dtype=np.float64)
    weights = np.exp(offsets - offsets.max())  # in (0, 1]: no overflow, the same rows once normalised
    scaled = probs.astype(np.float64) * weights
    with np.errstate(invalid="ignore"):
        return (scaled / scaled.sum(axis=1, keepdims=True)).astype(probs.dtype)


def fit_label_bias(probs: np.ndarray, gold: Sequence[str], labels: Sequence[str]) -> dict[str, float]:
    """The offsets (one per label, shifted so the first is 0) that maximise the macro-F1 of ``probs``' biased
    argmax against ``gold``: coordinate ascent from no offsets, each class in turn set to the best value of
    :data:`GRID` (raising one class is lowering all the others). A change is kept only when it raises the score,
    and among equal scores the smaller offset wins, so a model whose dev decisions cannot be improved keeps
    offsets of 0. Rows that are NaN (blank texts) are left out. Where a label has no example left (a dev split
    without any ``none``), offsets of 0 are returned: the fit could only learn to avoid predicting it."""
    from ..metrics import stance_scores  # scikit-learn: loaded only where a bias is fitted, not by predict()

    keep = ~np.isnan(probs).any(axis=1)
    logp = np.log(np.clip(probs[keep].astype(np.float64), 1e-12, 1.0))
    gold = [g for g, k in zip(gold, keep) if k]
    names = list(labels)
    unseen = [label for label in names if label not in set(gold)]
    if unseen:
        log.warning("label bias: the dev split has no example of %s: no label bias is chosen", unseen)
        return dict.fromkeys(names, 0.0)

    def score(offsets: np.ndarray) -> float:
        pred = [names[i] for i in (logp + offsets).argmax(axis=1)]
        return stance_scores(gold, pred, names)["macro_f1"]

    offsets = np.zeros(len(names))
    best = score(offsets)
    for _ in range(ROUNDS):
        changed = False
        for c in range(len(names)):
            for value in sorted(GRID, key=abs):
                trial = offsets.copy()
                trial[c] = value
                s = score(trial)
                if s > best + 1e-12:
                    best, offsets, changed = s, trial, True
        if not changed:
            break
    offsets = offsets - offsets[0]
    return {label: float(offsets[i]) + 0.0 for i, label in enumerate(names)}
