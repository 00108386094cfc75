"""Constrained IOB2 decoding: the Viterbi path is the best valid tag sequence, found without enumerating."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch

from arapol.errors import ArapolError
from arapol.inference.decoding import TagScheme, iob2_viterbi
from arapol.inference.ner import TokenClassifier
from arapol.labels import bio_labels

TAGS = bio_labels(["PER", "ORG"])  # O B-PER I-PER B-ORG I-ORG
SCHEME = TagScheme.of(TAGS)
START, STEP = SCHEME.start, SCHEME.step


def _valid(path) -> bool:
    tags = [TAGS[i] for i in path]
    return all(not (t.startswith("I-") and (i == 0 or tags[i - 1][2:] != t[2:])) for i, t in enumerate(tags))


def test_scheme_arrays_follow_the_tags():
    assert SCHEME.types == ("ORG", "PER")
    assert SCHEME.prefix.tolist() == [0, 1, 2, 1, 2] and SCHEME.kind.tolist() == [-1, 1, 1, 0, 0]


def test_transitions_follow_iob2():
    allowed = {(TAGS[i], TAGS[j]) for i in range(len(TAGS)) for j in range(len(TAGS)) if STEP[i, j]}
    assert ("B-PER", "I-PER") in allowed and ("I-PER", "I-PER") in allowed and ("I-PER", "B-ORG") in allowed
    assert ("O", "I-PER") not in allowed and ("B-PER", "I-ORG") not in allowed and ("I-ORG", "I-PER") not in allowed
    assert [TAGS[j] for j in np.flatnonzero(START)] == ["O", "B-PER", "B-ORG"]


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_viterbi_equals_brute_force(n):
    rng = np.random.default_rng(n)
    for _ in range(30):
        probs = rng.dirichlet(np.full(len(TAGS), 0.4), size=n)
        best = max((p for p in itertools.product(range(len(TAGS)), repeat=n) if _valid(p)),
                   key=lambda p: sum(np.log(probs[i, t]) for i, t in enumerate(p)))
        assert tuple(iob2_viterbi([probs], START, STEP)[0]) == best


def test_viterbi_is_always_valid_and_keeps_a_valid_argmax():
    rng = np.random.default_rng(0)
    for n in [0, 5, 40, 300]:
        probs = rng.dirichlet(np.full(len(TAGS), 0.3), size=n)
        path = iob2_viterbi([probs], START, STEP)[0]
        assert len(path) == n and _valid(path)
    # O B-ORG I-ORG O: already valid, so decoding must not change it
    probs = np.full((4, 5), 0.05)
    probs[[0, 1, 2, 3], [0, 3, 4, 0]] = 0.8
    assert iob2_viterbi([probs], START, STEP)[0].tolist() == [0, 3, 4, 0]


def _viterbi_one_text(probs: np.ndarray) -> list[int]:
    """The per-text loop that decoded one text at a time before texts were decoded together (the reference)."""
    n, k = probs.shape
    best = probs.argmax(-1)
    if n == 0 or (START[best[0]] and STEP[best[:-1], best[1:]].all()):
        return best.tolist()
    logp = np.log(np.maximum(probs, 1e-12)).astype(np.float64)
    barrier = np.where(STEP, 0.0, -np.inf)
    score = np.where(START, logp[0], -np.inf)
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + barrier
        back[i] = cand.argmax(0)
        score = cand[back[i], np.arange(k)] + logp[i]
    path = np.empty(n, dtype=np.int64)
    path[-1] = int(score.argmax())
    for i in range(n - 1, 0, -1):
        path[i - 1] = back[i, path[i]]
    return path.tolist()


@pytest.mark.parametrize("slots", [1, 7, 64, 65_536])
def test_viterbi_over_many_texts_equals_the_one_text_loop(slots, monkeypatch):
    import arapol.inference.decoding as decoding

    rng = np.random.default_rng(slots)
    texts = [rng.dirichlet(np.full(len(TAGS), 0.3), size=n).astype(np.float32)
             for n in rng.integers(0, 40, size=60).tolist() + [1, 1, 0, 120, 3000]]
    texts += [np.round(rng.dirichlet(np.ones(len(TAGS)), size=n), 1).astype(np.float32)  # ties
              for n in (2, 9, 30)]
    texts += [np.full((12, len(TAGS)), 1 / len(TAGS), np.float32), np.eye(len(TAGS), dtype=np.float32)[[0, 2, 4, 2]]]
    monkeypatch.setattr(decoding, "VITERBI_SLOTS", slots)  # groups of every size, down to one text each
    together = iob2_viterbi(texts, START, STEP)
    assert [p.tolist() for p in together] == [_viterbi_one_text(p) for p in texts]
    assert all(len(p) == len(t) and _valid(p) for p, t in zip(together, texts))
    for n in (1, 2, 3):  # short texts against brute force, decoded in one group with long ones
        short = [p for p in texts if len(p) == n][:3]
        for p in short:
            best = max((q for q in itertools.product(range(len(TAGS)), repeat=n) if _valid(q)),
                       key=lambda q: sum(np.log(max(float(p[i, t]), 1e-12)) for i, t in enumerate(q)))
            assert tuple(together[[i for i, t in enumerate(texts) if t is p][0]]) == best


def test_an_orphan_inside_tag_is_resolved_by_probability():
    # word 1 leans I-ORG after a confident B-PER: the best valid reading is I-PER when that is the runner-up
    probs = np.array([[0.02, 0.9, 0.02, 0.04, 0.02],
                      [0.05, 0.05, 0.35, 0.05, 0.5]])
    assert [TAGS[i] for i in iob2_viterbi([probs], START, STEP)[0]] == ["B-PER", "I-PER"]


def test_unknown_decoding_is_refused(tiny_ner_model):
    with pytest.raises(ArapolError, match="decoding"):
        TokenClassifier(tiny_ner_model, torch.device("cpu"), decoding="crf")


def _spans_one_text(probs: np.ndarray, best: np.ndarray, clitic) -> tuple:
    """One text's spans, as they were found text by text before all texts were decoded together (the reference)."""
    conf = probs[np.arange(len(best)), best]
    prefix, kind = SCHEME.prefix[best], SCHEME.kind[best]
    inside = prefix != 0
    cont = np.zeros_like(inside)
    cont[1:] = (prefix[1:] == 2) & inside[:-1] & (kind[1:] == kind[:-1])
    cl = np.zeros_like(inside) if clitic is None else np.asarray(clitic, dtype=bool)
    starts = cl & inside & ~cont
    cont[1:] |= starts[:-1] & inside[1:] & (kind[1:] == kind[:-1])
    first = np.flatnonzero(inside & ~cont)
    boundary = np.flatnonzero(~cont)
    last = np.append(boundary, len(best))[np.searchsorted(boundary, first, side="right")]
    while True:
        trail = cl[last - 1] & (last - first > 1)
        if not trail.any():
            break
        last = last - trail
    csum = np.concatenate([[0.0], np.cumsum(conf, dtype=np.float64)])
    score = (csum[last] - csum[first]) / (last - first)
    keep = ~(cl[first] & (last - first == 1))
    return first[keep], last[keep], kind[first][keep], score[keep]


@pytest.mark.parametrize("decoding", ["viterbi", "argmax"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_spans_of_texts_decoded_together_equal_the_one_text_reference(decoding, seed):
    rng = np.random.default_rng(seed)
    lengths = rng.integers(0, 30, size=80).tolist() + [0, 1, 1, 0, 200]
    texts = [rng.dirichlet(np.full(len(TAGS), 0.3), size=n).astype(np.float32) for n in lengths]
    texts[3][:] = np.eye(len(TAGS), dtype=np.float32)[[2] * len(texts[3])]  # a text of orphan I-PERs only
    clitics = [None if i % 5 == 0 else (rng.random(len(t)) < 0.3).tolist() for i, t in enumerate(texts)]
    for flags in (None, clitics):
        together = SCHEME.word_spans(texts, decoding, flags)
        bests = SCHEME.best(texts, decoding)
        assert len(together) == len(texts) == len(bests)
        for i, (t, b, got) in enumerate(zip(texts, bests, together)):
            assert b.tolist() == (t.argmax(-1) if decoding == "argmax" else iob2_viterbi([t], START, STEP)[0]).tolist()
            want = _spans_one_text(t, b, None if flags is None else flags[i])
            for g, w in zip(got[:3], want[:3]):
                assert g.tolist() == w.tolist()
            np.testing.assert_allclose(got[3], want[3], rtol=0, atol=1e-9)  # one running sum, not one a text
    assert SCHEME.word_spans([], decoding) == [] and SCHEME.best([], decoding) == []
