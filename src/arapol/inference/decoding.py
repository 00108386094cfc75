"""Choosing one IOB2 tag per word from the model's word probabilities.

``argmax`` takes each word's most probable tag on its own, so it can produce an ``I-ORG`` after ``O`` or after
``B-PER``, which the span decoder must then guess about. ``viterbi`` takes the most probable tag sequence that
is valid IOB2 (an ``I-T`` only after ``B-T`` or ``I-T``), the CRF-free decoding fix of the NER literature.
"""

from __future__ import annotations

import numpy as np

DECODINGS = ("viterbi", "argmax")


def allowed_transitions(prefix: np.ndarray, kind: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For tags with ``prefix`` (0 O, 1 B, 2 I) and ``kind`` (type index, -1 for O): ``(start, step)``, where
    ``start[j]`` says tag j may begin a sequence and ``step[i, j]`` says tag j may follow tag i."""
    is_inside = prefix == 2
    start = ~is_inside
    step = ~is_inside[None, :] | ((prefix[:, None] != 0) & (kind[:, None] == kind[None, :]))
    return start, step


def iob2_viterbi(probs: np.ndarray, start: np.ndarray, step: np.ndarray) -> np.ndarray:
    """The most probable valid tag sequence for ``probs`` (``[n_words, n_tags]``), as tag indices.

    When each word's own best tag already forms a valid sequence, that sequence is the answer (checked
    vectorised, the common case). Otherwise a loop runs over the words with one ``[n_tags, n_tags]`` numpy
    step each (about ten microseconds a word), small beside the model's own time for the same words.
    """
    n, k = probs.shape
    best = probs.argmax(-1)
    if n == 0 or (start[best[0]] and step[best[:-1], best[1:]].all()):
        return best
    logp = np.log(np.maximum(probs, 1e-12)).astype(np.float64)
    barrier = np.where(step, 0.0, -np.inf)
    score = np.where(start, logp[0], -np.inf)
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + barrier
        back[i] = cand.argmax(0)
        score = cand[back[i], np.arange(k)] + logp[i]
    path = np.empty(n, dtype=np.int64)
    path[-1] = int(score.argmax())
    for i in range(n - 1, 0, -1):
        path[i - 1] = back[i, path[i]]
    return path
