"""Token classification at inference: windows → batches → word probabilities → spans in the original text.

The hot path has no per-piece Python: each window's owned words are gathered from the batch's logits
with numpy fancy indexing (``first``) or segment reductions (``average``, ``max``) and written into one
flat ``[n_words, n_labels]`` array; decoding IOB2 tags into spans is vectorised too.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tqdm.auto import tqdm

from ..alignment import EncodedText, Window, WordEncoder
from ..checkpoint import ModelInfo, read_info
from ..errors import ArapolError
from ..text import Normalised, Normaliser
from .backend import batch_token_budget, softmax, torch_threads
from .batching import length_sorted_batches, pad_arrays
from .decoding import DECODINGS, TagScheme, check_aggregation
from .loading import Mode, id2label, make_runner, resolve_mode
from .preparation import PreparedTexts, prepare_texts


@dataclass
class WordPredictions:
    """One text's normalisation, words, and per-word label probabilities (``[n_words, n_labels]``)."""

    norm: Normalised
    encoded: EncodedText
    probs: np.ndarray


class TokenClassifier:
    """An arapol NER model folder loaded for prediction.

    ``dtype`` is ``fp32``, ``bf16`` (autocast), ``int8`` (dynamic int8 linear layers, CPU) or ``auto``;
    ``backend`` is ``torch`` or ``onnx``; ``None`` for either takes the folder's saved default
    (``inference.json``), else fp32 on torch. ``threads`` fixes the intra-op thread count (``None``: torch's
    setting, which respects the user's ``torch.set_num_threads``). ``decoding`` picks each word's tag: ``viterbi``
    (the most probable valid IOB2 sequence) or ``argmax`` (each word alone; see :mod:`.decoding`).
    """

    def __init__(self, folder: str | Path, device: torch.device, dtype: str | None = "fp32",
                 allow_pickle: bool = False, *, backend: str | None = None, threads: int | None = None,
                 decoding: str = "viterbi"):
        if decoding not in DECODINGS:
            raise ArapolError(f"unknown decoding {decoding!r}: expected one of {list(DECODINGS)}")
        self.decoding = decoding
        self.folder = Path(folder)
        self.info: ModelInfo = read_info(folder, "ner")
        self.mode: Mode = resolve_mode(folder, device, dtype, backend, threads)
        self.runner, self.tokenizer, self.model = make_runner(folder, "ner", device, self.mode, allow_pickle)
        self.device, self.dtype = device, self.mode.dtype
        self.max_batch_tokens: int | None = batch_token_budget(device)
        """A batch holds at most this many padded pieces (``batch_size`` still caps it); None: no budget."""
        self.normaliser = Normaliser(self.info.normalise)
        self.encoder = WordEncoder(self.tokenizer, self.info.max_length, self.info.stride, self.info.split_clitics,
                                   self.info.clitic_rule)
        names = id2label(self.folder, self.model, self.info.labels)
        self.tags = [names[i] for i in range(len(names))]
        self.scheme = TagScheme.of(self.tags)
        self.pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0

    def prepare(self, texts: Sequence[str]) -> PreparedTexts:
        """Normalise, split into words, tokenise and window ``texts`` (:func:`.preparation.prepare_texts`)."""
        return prepare_texts(self.normaliser, self.encoder, texts)

    def word_probabilities(self, texts: Sequence[str], batch_size: int = 32, aggregation: str = "first",
                           progress: bool = False) -> list[WordPredictions]:
        """Normalise, window and run ``texts``; return per-word probabilities for each text."""
        check_aggregation(aggregation)
        return self.run(self.prepare(texts), batch_size, aggregation, progress)

    def run(self, prep: PreparedTexts, batch_size: int = 32, aggregation: str = "first",
            progress: bool = False) -> list[WordPredictions]:
        """Run the model over prepared texts (length-sorted batches); return per-word probabilities."""
        check_aggregation(aggregation)
        flat = np.zeros((int(prep.word_offset[-1]), len(self.tags)), dtype=np.float32)
        windows = prep.windows
        bar = tqdm(total=len(windows), desc="entities", unit="window", disable=not progress)
        with torch_threads(self.mode.threads if self.mode.backend == "torch" else None):
            for batch in length_sorted_batches([len(w.input_ids) for w in windows], batch_size,
                                               self.max_batch_tokens):
                items = [windows[i] for i in batch]
                logits = self.runner(pad_arrays([{"input_ids": w.input_ids} for w in items], self.pad_id))
                self._scatter(logits, items, prep.word_offset[prep.window_text[batch]], flat, aggregation)
                bar.update(len(items))
        bar.close()
        empty = itertools.chain.from_iterable(e.empty for e in prep.encoded)
        self.scheme.outside(flat, np.fromiter(empty, dtype=bool, count=len(flat)))
        return [WordPredictions(n, e, flat[prep.word_offset[i]: prep.word_offset[i + 1]])
                for i, (n, e) in enumerate(zip(prep.norms, prep.encoded))]

    @staticmethod
    def _scatter(logits: np.ndarray, items: Sequence[Window], text_offsets: np.ndarray, out: np.ndarray,
                 aggregation: str) -> None:
        """Write the word probabilities of each window's owned words (``logits``: ``[B, T, L]``) into ``out``."""
        rows, cols, dest, seg = [], [], [], []
        n = 0
        for b, w in enumerate(items):
            k0, k1 = w.own_first - w.first, w.own_last - w.first
            if k1 <= k0:
                continue
            starts = np.asarray(w.starts, dtype=np.int64)
            dest.append(np.arange(w.own_first, w.own_last, dtype=np.int64) + text_offsets[b])
            if aggregation == "first":
                cols.append(starts[k0:k1])
                rows.append(np.full(k1 - k0, b, dtype=np.int64))
            else:
                lo, hi = int(starts[k0]), int(starts[k1])
                cols.append(np.arange(lo, hi, dtype=np.int64))
                rows.append(np.full(hi - lo, b, dtype=np.int64))
                seg.append(starts[k0:k1] - lo + n)
                n += hi - lo
        if not dest:
            return
        picked = softmax(logits[np.concatenate(rows), np.concatenate(cols)])
        if aggregation == "first":
            words = picked
        else:
            starts_all = np.concatenate(seg)
            if aggregation == "average":
                words = np.add.reduceat(picked, starts_all, axis=0)
                words /= np.diff(np.append(starts_all, len(picked)))[:, None].astype(np.float32)
            else:
                words = np.maximum.reduceat(picked, starts_all, axis=0)
                words /= words.sum(-1, keepdims=True)
        out[np.concatenate(dest)] = words

    def entities(self, preds: Sequence[WordPredictions]) -> list[list[dict[str, Any]]]:
        """Decode each text's word probabilities (all texts at once, under :attr:`decoding`) into entity dicts
        with spans in the original text (:func:`decode_entities`)."""
        return decode_entities(self.scheme, preds, self.decoding)


def decode_entities(scheme: TagScheme, preds: Sequence[WordPredictions], decoding: str = "viterbi"
                    ) -> list[list[dict[str, Any]]]:
    """Decode each text's word probabilities (all texts at once, ``viterbi`` or ``argmax``) into entity dicts with
    spans in the original text: what ``predict()`` returns, and what the dev score that picks the epoch reads."""
    spans = scheme.word_spans([p.probs for p in preds], decoding, [p.encoded.clitic for p in preds])
    out: list[list[dict[str, Any]]] = []
    for pred, (first, last, kind, score) in zip(preds, spans):
        words, original = pred.encoded.words, pred.norm.original
        found: list[dict[str, Any]] = []
        for f, la, k, s in zip(first.tolist(), last.tolist(), kind.tolist(), score.tolist()):
            start, end = pred.norm.to_original(words[f][0], words[la - 1][1])
            entity = {"text": original[start:end], "label": scheme.types[k], "start": start, "end": end,
                      "score": round(s, 4)}
            if found and start < found[-1]["end"]:  # words from one character (ﷺ reads as four): one entity
                if entity["score"] > found[-1]["score"]:
                    found[-1] = entity
                continue
            found.append(entity)
        out.append(found)
    return out
