"""The public inference object: one ``Predictor`` holding an NER model, a stance model, or both."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .checkpoint import task_folders
from .errors import ArapolError, ModelError
from .inference.backend import resolve_device, resolve_dtype
from .inference.ner import TokenClassifier
from .inference.stance import SequenceClassifier
from .sentences import split_sentences

AUTO_PROGRESS_MIN = 256
"""``progress=None`` shows a progress bar from this many texts on."""


class Predictor:
    """Runs arapol models over texts; see :meth:`predict` for the result's shape."""

    def __init__(self, ner: TokenClassifier | None = None, stance: SequenceClassifier | None = None) -> None:
        if ner is None and stance is None:
            raise ModelError("a Predictor needs an NER model, a stance model, or both")
        self.ner = ner
        self.stance = stance

    @classmethod
    def load(cls, *paths: str | Path, device: str = "auto", dtype: str = "fp32",
             allow_pickle: bool = False) -> Predictor:
        """Load one folder holding an NER model, a stance model or both, or one folder per task."""
        dev = resolve_device(device)
        dt = resolve_dtype(dtype, dev)
        found: dict[str, Path] = {}
        for p in paths:
            for task, folder in task_folders(p).items():
                if task in found:
                    raise ModelError(f"two {task} models given: {found[task]} and {folder}")
                found[task] = folder
        ner = TokenClassifier(found["ner"], dev, dt, allow_pickle) if "ner" in found else None
        stance = SequenceClassifier(found["stance"], dev, dt, allow_pickle) if "stance" in found else None
        return cls(ner, stance)

    def predict(self, texts: str | Sequence[str], *, target: str | None = None, batch_size: int = 32,
                level: str = "text", aggregation: str = "first", progress: bool | None = None) -> Any:
        """Predict entities (and stance toward ``target`` with a stance model) for each text.

        Returns one dict per text, in input order — or a single dict for a single ``str``::

            {"entities": [{"text", "label", "start", "end", "score"}],   # with an NER model
             "stance": {"label", "scores"},                              # with a stance model
             "sentences": [{"text", "start", "end", "stance"}]}          # with level="sentence"

        ``start``/``end`` index the string passed in: ``text[start:end] == entity["text"]``.
        """
        single = isinstance(texts, str)
        batch = _check_texts([texts] if single else texts)
        if level not in ("text", "sentence"):
            raise ArapolError(f"unknown level {level!r}: expected 'text' or 'sentence'")
        if level == "sentence" and self.stance is None:
            raise ArapolError("level='sentence' gives per-sentence stance and needs a stance model")
        show = len(batch) >= AUTO_PROGRESS_MIN if progress is None else progress
        results: list[dict[str, Any]] = [{} for _ in batch]
        if self.ner is not None:
            live = [i for i, t in enumerate(batch) if t.strip()]
            preds = self.ner.word_probabilities([batch[i] for i in live], batch_size, aggregation, show)
            for r in results:
                r["entities"] = []
            for i, pred in zip(live, preds):
                results[i]["entities"] = self.ner.entities(pred)
        if self.stance is not None:
            probs = self.stance.probabilities(batch, target, batch_size, show)
            for r, s in zip(results, self.stance.as_dicts(probs)):
                r["stance"] = s
            if level == "sentence":
                self._sentences(batch, results, target, batch_size, show)
        return results[0] if single else results

    def _sentences(self, texts: list[str], results: list[dict[str, Any]], target: str | None, batch_size: int,
                   show: bool) -> None:
        spans = [split_sentences(t) for t in texts]
        flat = [t[a:b] for t, ss in zip(texts, spans) for a, b in ss]
        stances = iter(self.stance.as_dicts(self.stance.probabilities(flat, target, batch_size, show)) if flat
                       else [])
        for t, ss, r in zip(texts, spans, results):
            r["sentences"] = [{"text": t[a:b], "start": a, "end": b, "stance": next(stances)} for a, b in ss]

    def predict_stream(self, texts: Iterable[str], *, chunk_size: int = 512, **kwargs: Any) -> Iterator[dict]:
        """Yield one result per text, in order, predicting ``chunk_size`` texts at a time (bounded memory)."""
        if chunk_size < 1:
            raise ArapolError(f"chunk_size must be ≥ 1, got {chunk_size}")
        it = iter(texts)
        while chunk := list(itertools.islice(it, chunk_size)):
            yield from self.predict(chunk, progress=False, **kwargs)


def _check_texts(texts: Sequence[Any]) -> list[str]:
    if not isinstance(texts, Sequence):
        raise ArapolError(f"texts must be a string or a list of strings, found {type(texts).__name__}")
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise ArapolError(f"texts[{i}] is a {type(t).__name__}, expected a string")
    return list(texts)
