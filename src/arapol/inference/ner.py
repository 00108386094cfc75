"""Token classification at inference: windows → batches → word probabilities → spans in the original text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tqdm.auto import tqdm

from ..alignment import EncodedText, WordEncoder
from ..checkpoint import ModelInfo, read_info
from ..errors import ArapolError
from ..labels import tags_to_spans
from ..text import Normalised, Normaliser
from .backend import precision
from .batching import length_sorted_batches, pad_batch
from .loading import load_model_and_tokenizer

AGGREGATIONS = ("first", "average", "max")


@dataclass
class WordPredictions:
    """One text's normalisation, words, and per-word label probabilities (``[n_words, n_labels]``)."""

    norm: Normalised
    encoded: EncodedText
    probs: np.ndarray


class TokenClassifier:
    """An arapol NER model folder loaded for prediction."""

    def __init__(self, folder: str | Path, device: torch.device, dtype: str = "fp32", allow_pickle: bool = False):
        self.folder = Path(folder)
        self.info: ModelInfo = read_info(folder)
        self.model, self.tokenizer = load_model_and_tokenizer(folder, "ner", device, allow_pickle=allow_pickle)
        self.device, self.dtype = device, dtype
        self.normaliser = Normaliser(self.info.normalise)
        self.encoder = WordEncoder(self.tokenizer, self.info.max_length, self.info.stride, self.info.split_clitics)
        id2label = self.model.config.id2label
        self.tags = [id2label[i] for i in range(len(id2label))]
        self.pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0

    def word_probabilities(self, texts: Sequence[str], batch_size: int = 32, aggregation: str = "first",
                           progress: bool = False) -> list[WordPredictions]:
        """Normalise, window and run ``texts``; return per-word probabilities for each text."""
        if aggregation not in AGGREGATIONS:
            raise ArapolError(f"unknown aggregation {aggregation!r}: expected one of {list(AGGREGATIONS)}")
        norms = [self.normaliser(t) for t in texts]
        encoded = self.encoder.encode([n.text for n in norms])
        probs = [np.zeros((len(e.pieces), len(self.tags)), dtype=np.float32) for e in encoded]
        windows = [(ti, w) for ti, e in enumerate(encoded) for w in self.encoder.windows(e)]
        bar = tqdm(total=len(windows), desc="entities", unit="window", disable=not progress)
        for batch in length_sorted_batches([len(w.input_ids) for _, w in windows], batch_size):
            items = [windows[i] for i in batch]
            inputs = pad_batch([{"input_ids": w.input_ids} for _, w in items], self.pad_id, self.device)
            with torch.inference_mode(), precision(self.dtype, self.device):
                logits = self.model(**inputs).logits
            p = torch.softmax(logits.float(), dim=-1)
            self._scatter(p, items, probs, aggregation)
            bar.update(len(items))
        bar.close()
        return [WordPredictions(n, e, pr) for n, e, pr in zip(norms, encoded, probs)]

    @staticmethod
    def _scatter(p: torch.Tensor, items: list, probs: list[np.ndarray], aggregation: str) -> None:
        """Aggregate piece probabilities ``p`` ``[B, T, L]`` of a batch into each owned word's row."""
        rows_b, rows_pos, seg, dest = [], [], [], []
        for b, (ti, w) in enumerate(items):
            for k in range(w.own_first - w.first, w.own_last - w.first):
                lo = w.starts[k]
                hi = w.starts[k + 1] if aggregation != "first" else lo + 1
                rows_b.extend([b] * (hi - lo))
                rows_pos.extend(range(lo, hi))
                seg.extend([len(dest)] * (hi - lo))
                dest.append((ti, w.first + k))
        if not dest:
            return
        picked = p[torch.as_tensor(rows_b), torch.as_tensor(rows_pos)]
        if aggregation == "first":
            out = picked
        else:
            index = torch.as_tensor(seg)
            out = torch.zeros((len(dest), p.shape[-1]), dtype=p.dtype, device=p.device)
            if aggregation == "average":
                out.index_add_(0, index, picked)
                out /= torch.bincount(index, minlength=len(dest)).unsqueeze(1)
            else:
                out.index_reduce_(0, index, picked, "amax", include_self=False)
                out /= out.sum(-1, keepdim=True)
        out_np = out.cpu().numpy()
        for r, (ti, wi) in enumerate(dest):
            probs[ti][wi] = out_np[r]

    def entities(self, pred: WordPredictions) -> list[dict[str, Any]]:
        """Decode one text's word probabilities into entity dicts with spans in the original text."""
        if len(pred.probs) == 0:
            return []
        best = pred.probs.argmax(-1)
        tags = [self.tags[i] for i in best]
        conf = pred.probs[np.arange(len(best)), best]
        words, original = pred.encoded.words, pred.norm.original
        out = []
        for first, last, label in tags_to_spans(tags):
            start, end = pred.norm.to_original(words[first][0], words[last - 1][1])
            out.append({"text": original[start:end], "label": label, "start": start, "end": end,
                        "score": round(float(conf[first:last].mean()), 4)})
        return out
