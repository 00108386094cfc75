"""Choosing one IOB2 tag per word from the model's word probabilities.

``argmax`` takes each word's most probable tag on its own, so it can produce an ``I-ORG`` after ``O`` or after
``B-PER``, which the span decoder must then guess about. ``viterbi`` takes the most probable tag sequence that
is valid IOB2 (an ``I-T`` only after ``B-T`` or ``I-T``), the CRF-free decoding fix of the NER literature.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import ArapolError
from ..labels import split_tag

DECODINGS = ("viterbi", "argmax")
AGGREGATIONS = ("first", "average", "max")
"""How a word's tag probabilities come from its pieces': the first piece's, their mean, or their maximum
(renormalised)."""


def check_aggregation(aggregation: str) -> None:
    """``ArapolError`` unless ``aggregation`` is one of :data:`AGGREGATIONS`."""
    if aggregation not in AGGREGATIONS:
        raise ArapolError(f"unknown aggregation {aggregation!r}: expected one of {list(AGGREGATIONS)}")


def allowed_transitions(prefix: np.ndarray, kind: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For tags with ``prefix`` (0 O, 1 B, 2 I) and ``kind`` (type index, -1 for O): ``(start, step)``, where
    ``start[j]`` says tag j may begin a sequence and ``step[i, j]`` says tag j may follow tag i."""
    is_inside = prefix == 2
    start = ~is_inside
    step = ~is_inside[None, :] | ((prefix[:, None] != 0) & (kind[:, None] == kind[None, :]))
    return start, step


VITERBI_SLOTS = 65_536
"""Word slots (texts × the longest of them) decoded together in one vectorised Viterbi pass."""


def iob2_viterbi(probs: Sequence[np.ndarray], start: np.ndarray, step: np.ndarray) -> list[np.ndarray]:
    """The most probable valid tag sequence of each text's ``probs`` (``[n_words, n_tags]``), as tag indices.

    When a text's own best tag per word already forms a valid sequence, that sequence is its answer (checked for
    all texts at once, the common case with a trained model). The other texts are sorted by length and decoded in
    groups, one numpy step per word position for the whole group (a text alone took about ten microseconds a
    word, more than the rest of ``predict()``'s work on the CPU side).
    """
    flat, offsets = _joined(probs)
    best = _best_valid(flat, offsets, start, step)
    return _per_text(best, offsets)


def _joined(probs: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The texts' word probabilities one after another, and where each text starts (its end last)."""
    offsets = np.zeros(len(probs) + 1, dtype=np.int64)
    np.cumsum(np.fromiter((len(p) for p in probs), dtype=np.int64, count=len(probs)), out=offsets[1:])
    if not probs:
        return np.zeros((0, 0), dtype=np.float32), offsets
    return np.concatenate(probs), offsets


def _per_text(joined: np.ndarray, offsets: np.ndarray) -> list[np.ndarray]:
    """``joined`` (one row per word of the joined texts) cut back into one array per text."""
    return [joined[a:b] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]


def _argmax(flat: np.ndarray) -> np.ndarray:
    """Each word's most probable tag (none for no words: ``_joined`` of no texts has no tag axis)."""
    return flat.argmax(-1) if len(flat) else np.zeros(0, dtype=np.int64)


def _heads(offsets: np.ndarray) -> np.ndarray:
    """The positions of the first words of the texts that have words."""
    return offsets[:-1][offsets[1:] > offsets[:-1]]


def _best_valid(flat: np.ndarray, offsets: np.ndarray, start: np.ndarray, step: np.ndarray) -> np.ndarray:
    """:func:`iob2_viterbi` over the joined texts (see :func:`_joined`): one tag index per word."""
    best = _argmax(flat)
    heads = _heads(offsets)
    bad = np.zeros(len(best), dtype=bool)
    bad[1:] = ~step[best[:-1], best[1:]]
    bad[heads] = ~start[best[heads]]  # a text's first word follows nothing
    texts = np.unique(np.searchsorted(offsets, np.flatnonzero(bad), side="right") - 1)
    groups: list[list[int]] = []
    for i in sorted(texts.tolist(), key=lambda i: offsets[i + 1] - offsets[i]):
        if groups and (len(groups[-1]) + 1) * int(offsets[i + 1] - offsets[i]) <= VITERBI_SLOTS:
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        paths = _viterbi_group([flat[offsets[i]: offsets[i + 1]] for i in group], start, step)
        for i, path in zip(group, paths):
            best[offsets[i]: offsets[i + 1]] = path
    return best


def _viterbi_group(probs: Sequence[np.ndarray], start: np.ndarray, step: np.ndarray) -> list[np.ndarray]:
    """:func:`iob2_viterbi`'s loop over word positions, vectorised over texts (each ends at its own length)."""
    lens = np.array([len(p) for p in probs])
    n, t, k = len(probs), int(lens.max()), probs[0].shape[1]
    logp = np.zeros((n, t, k), dtype=np.float64)
    for r, p in enumerate(probs):
        logp[r, : len(p)] = np.log(np.maximum(p, 1e-12))
    barrier = np.where(step, 0.0, -np.inf)
    score = np.where(start, logp[:, 0], -np.inf)
    final = np.where((lens == 1)[:, None], score, 0.0)
    back = np.zeros((n, t, k), dtype=np.int64)
    for i in range(1, t):
        cand = score[:, :, None] + barrier  # [text, previous tag, tag]
        back[:, i] = cand.argmax(1)
        score = cand.max(1) + logp[:, i]  # the value at back[:, i]
        ended = lens == i + 1
        final[ended] = score[ended]
    path = np.zeros((n, t), dtype=np.int64)
    path[np.arange(n), lens - 1] = final.argmax(-1)
    for i in range(t - 1, 0, -1):
        live = np.flatnonzero(lens > i)
        path[live, i - 1] = back[live, i, path[live, i]]
    return [path[r, : lens[r]] for r in range(n)]


@dataclass(frozen=True)
class TagScheme:
    """A model's IOB2 tags (in id order) as arrays: ``prefix`` (0 O, 1 B, 2 I), ``kind`` (index into
    ``types``, -1 for O) and the allowed transitions ``start``/``step`` (see :func:`allowed_transitions`)."""

    tags: tuple[str, ...]
    types: tuple[str, ...]
    prefix: np.ndarray
    kind: np.ndarray
    start: np.ndarray
    step: np.ndarray

    @classmethod
    def of(cls, tags: Sequence[str]) -> TagScheme:
        """The scheme of ``tags``, e.g. ``["O", "B-PER", "I-PER"]``."""
        parts = [split_tag(t) for t in tags]
        types = sorted({t for _, t in parts if t is not None})
        prefix = np.array(["OBI".index(p) for p, _ in parts], dtype=np.int8)
        kind = np.array([-1 if t is None else types.index(t) for _, t in parts], dtype=np.int64)
        return cls(tuple(tags), tuple(types), prefix, kind, *allowed_transitions(prefix, kind))

    def outside(self, probs: np.ndarray, words: np.ndarray) -> None:
        """Put the ``words`` (a boolean mask over the rows of ``probs``) surely outside every entity, in place:
        what a word that tokenised to nothing (its place held by ``unk``) gets, in training scores as in
        ``predict()``."""
        if words.any():
            probs[words] = 0.0
            probs[words, int(np.flatnonzero(self.prefix == 0)[0])] = 1.0

    def word_spans(self, probs: Sequence[np.ndarray], decoding: str = "viterbi",
                   clitics: Sequence[Sequence[bool] | None] | None = None
                   ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """Decode each text's word probabilities into entity word spans: ``(first, last_exclusive, type index,
        mean score)``.

        Tags come from ``decoding`` (all texts at once); with ``argmax`` an ``I-T`` that does not continue a
        ``T`` entity starts a new one (as :func:`arapol.labels.tags_to_spans`), vectorised. With ``clitics``
        flags (see :class:`arapol.alignment.EncodedText`), a split-off letter that the model puts inside a name
        (the ل of لافروف) rejoins the rest of its word, a clitic that would end an entity is left out of it
        (its word is outside), and a clitic alone is never an entity.
        """
        flat, offsets = _joined(probs)
        best = self._best(flat, offsets, decoding)
        n = len(best)
        conf = flat[np.arange(n), best]
        prefix, kind = self.prefix[best], self.kind[best]
        inside = prefix != 0
        same = np.zeros(n, dtype=bool)  # inside the entity type of the word before it, in the same text
        same[1:] = inside[:-1] & (kind[1:] == kind[:-1])
        same[_heads(offsets)] = False
        cont = (prefix == 2) & same
        cl = (np.zeros(n, dtype=bool) if clitics is None else
              np.fromiter(itertools.chain.from_iterable(c if c is not None else itertools.repeat(False, len(p))
                                                        for c, p in zip(clitics, probs)), dtype=bool, count=n))
        # a clitic that starts a name joins the rest of its word (ل + لافروف); one that continues the name
        # before it does not pull in a word the model starts afresh (بوتين و | لافروف: two people)
        starts = cl & inside & ~cont
        cont[1:] |= starts[:-1] & same[1:]
        first = np.flatnonzero(inside & ~cont)
        boundary = np.flatnonzero(~cont)  # every position that does not continue the entity before it
        last = np.append(boundary, n)[np.searchsorted(boundary, first, side="right")]
        while True:  # a clitic that ends an entity belongs to the word after it, outside the entity: drop it
            trail = cl[last - 1] & (last - first > 1)
            if not trail.any():
                break
            last = last - trail
        csum = np.concatenate([[0.0], np.cumsum(conf, dtype=np.float64)])
        score = (csum[last] - csum[first]) / (last - first)
        keep = ~(cl[first] & (last - first == 1))
        first, last, kinds, score = first[keep], last[keep], kind[first[keep]], score[keep]
        cut = np.searchsorted(first, offsets).tolist()
        return [(first[a:b] - o, last[a:b] - o, kinds[a:b], score[a:b])
                for a, b, o in zip(cut[:-1], cut[1:], offsets[:-1].tolist())]

    def _best(self, flat: np.ndarray, offsets: np.ndarray, decoding: str) -> np.ndarray:
        """:meth:`best` over the joined texts (see :func:`_joined`)."""
        if decoding == "viterbi":
            return _best_valid(flat, offsets, self.start, self.step)
        if decoding == "argmax":
            return _argmax(flat)
        raise ArapolError(f"unknown decoding {decoding!r}: expected one of {list(DECODINGS)}")

    def best(self, probs: Sequence[np.ndarray], decoding: str = "viterbi") -> list[np.ndarray]:
        """Tag indices for each text's word probabilities (``[n_words, n_tags]``) under ``decoding``."""
        flat, offsets = _joined(probs)
        best = self._best(flat, offsets, decoding)
        return _per_text(best, offsets)
