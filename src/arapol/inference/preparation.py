"""Texts → what a token classifier reads: normalised, split into words, tokenised and windowed (no model).

:func:`prepare_texts` does it in this process (``predict()``, and ``predict_stream()``'s background thread).
:class:`PreparePool` does it in worker processes (``predict_stream(prepare_workers=N)``): on a GPU the host side
bounds ``predict_stream()`` (an H200 ran the model at 1.4 million pieces/s, the host side at about 200,000), and
its Python work holds the interpreter's lock, so a second thread cannot share it; worker processes can. Each worker
holds a copy of the model's normaliser and word encoder (its tokenizer, not its weights) and prepares a contiguous
part of each chunk; the parts are joined in order, so results are those of :func:`prepare_texts` on the whole chunk.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from ..alignment import EncodedText, Window, WordEncoder
from ..text import Normalised, Normaliser
from .gcpause import paused_gc


@dataclass
class PreparedTexts:
    """Texts normalised, tokenised and windowed, ready for the model (see :func:`prepare_texts`)."""

    norms: list[Normalised]
    encoded: list[EncodedText]
    windows: list[Window]
    window_text: np.ndarray
    """The text index of each window."""
    word_offset: np.ndarray
    """Where each text's words start in the flat word array (``len(texts) + 1`` entries)."""


def prepare_texts(normaliser: Normaliser, encoder: WordEncoder, texts: Sequence[str]) -> PreparedTexts:
    """Normalise, split into words, tokenise (one batched call of the fast tokenizer) and window ``texts``."""
    norms = [normaliser(t) for t in texts]
    encoded = encoder.encode([n.text for n in norms])
    windows: list[Window] = []
    owner: list[int] = []
    for ti, e in enumerate(encoded):
        ws = encoder.windows(e)
        windows += ws
        owner += [ti] * len(ws)
    offset = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e.pieces) for e in encoded], out=offset[1:])
    return PreparedTexts(norms, encoded, windows, np.asarray(owner, dtype=np.int64), offset)


def join_prepared(parts: Sequence[PreparedTexts]) -> PreparedTexts:
    """The parts' texts one after another, as :func:`prepare_texts` of all of them would give."""
    texts = np.cumsum([0] + [len(p.norms) for p in parts[:-1]])
    words = np.cumsum([0] + [int(p.word_offset[-1]) for p in parts[:-1]])
    return PreparedTexts([n for p in parts for n in p.norms], [e for p in parts for e in p.encoded],
                         [w for p in parts for w in p.windows],
                         np.concatenate([p.window_text + t for p, t in zip(parts, texts)]),
                         np.concatenate([parts[0].word_offset[:1]] +
                                        [p.word_offset[1:] + w for p, w in zip(parts, words)]))


def split_even(texts: Sequence[str], parts: int) -> list[Sequence[str]]:
    """``texts`` in at most ``parts`` contiguous runs of about the same number of characters (none empty)."""
    if not texts:
        return []
    ends = np.cumsum([len(t) + 1 for t in texts])
    cuts = np.searchsorted(ends, ends[-1] * np.arange(1, parts) / parts, side="right").tolist()
    bounds = sorted({0, *cuts, len(texts)})
    return [texts[a:b] for a, b in zip(bounds[:-1], bounds[1:])]


_WORKER: tuple[Normaliser, WordEncoder] | None = None
"""In a worker process: the normaliser and word encoder it prepares with (set by :func:`_start_worker`)."""


def _start_worker(normaliser: Normaliser, encoder: WordEncoder) -> None:
    global _WORKER
    _WORKER = (normaliser, encoder)


def _prepare_in_worker(texts: Sequence[str]) -> PreparedTexts:
    assert _WORKER is not None, "a PreparePool task outside a PreparePool worker"
    with paused_gc():
        return prepare_texts(*_WORKER, texts)


class PreparePool:
    """``workers`` processes that prepare texts for a token classifier (see the module's note). Started with
    ``spawn`` (a forked copy of a process that runs torch's or the tokenizer's threads may hang): a script that
    uses it needs the usual ``if __name__ == "__main__":`` guard. Use as a context manager, or :meth:`close` it."""

    def __init__(self, normaliser: Normaliser, encoder: WordEncoder, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_start_worker, initargs=(normaliser, encoder))

    def prepare(self, texts: Sequence[str]) -> PreparedTexts:
        """:func:`prepare_texts` of ``texts``, in parts across the workers."""
        parts = split_even(texts, self.workers)
        if not parts:
            return PreparedTexts([], [], [], np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64))
        return join_prepared(list(self._pool.map(_prepare_in_worker, parts)))

    def close(self) -> None:
        """Stop the workers (a task still running is waited for)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> PreparePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
