"""Stance at inference: (target, text) pairs, overlapping windows for long texts, probabilities averaged."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from tqdm.auto import tqdm

from ..alignment import WORDLIKE, blank_pieces, spells_nothing
from ..checkpoint import ModelInfo, read_info
from ..errors import ArapolError, UnseenTargetWarning, callers_stacklevel, first_few
from ..sentences import shows_something
from ..text import Normaliser
from .backend import batch_token_budget, softmax, torch_threads
from .batching import length_sorted_batches, pad_arrays
from .label_bias import apply_label_bias
from .loading import Mode, id2label, make_runner, resolve_mode


def encode_pairs(tokenizer, texts: Sequence[str], targets: Sequence[str] | None, max_length: int,
                 stride: int, prefix: str = "") -> tuple[list[dict[str, list[int]]], list[int]]:
    """Tokenise (target, text) pairs — or texts alone when ``targets`` is None — into windows of at most
    ``max_length`` that overlap by ``stride`` tokens; return the windows and each one's text index.
    ``prefix`` goes before the first segment (the target, else the text). Whitespace at the ends of a text or
    target is left out: an XLM-R tokenizer reads a final space or line end as a piece of its own, which moved the
    stance of a line read from a file (``"…\n"``) away from the same line without it."""
    if not texts:
        return [], []
    texts = [t.strip() for t in texts]
    targets = None if targets is None else [t.strip() for t in targets]
    if prefix and targets is None:
        texts = [prefix + t for t in texts]
    elif prefix:
        targets = [prefix + t for t in targets]
    kwargs = dict(max_length=max_length, return_overflowing_tokens=True, return_token_type_ids=True)
    if targets is None:
        enc = tokenizer(list(texts), truncation=True, stride=stride, **kwargs)
    else:
        # verbose=False: no warning that a target is longer than the model reads, which the error below says
        pieces = tokenizer(list(set(targets)), add_special_tokens=False, verbose=False)["input_ids"]
        longest = max(map(len, pieces), default=0)
        room = max_length - longest - 4
        if room < 8:
            raise ArapolError(f"target: too long ({longest} pieces); with max_length {max_length} it must leave at "
                              "least 8 pieces for the text")
        enc = tokenizer(list(targets), list(texts), truncation="only_second", stride=min(stride, room // 2),
                        **kwargs)
    keys = [k for k in ("input_ids", "token_type_ids") if k in enc]
    rows = [{k: enc[k][i] for k in keys} for i in range(len(enc["input_ids"]))]
    return rows, list(enc["overflow_to_sample_mapping"])


class SequenceClassifier:
    """An arapol stance model folder loaded for prediction (modes as :class:`~arapol.inference.ner.TokenClassifier`)."""

    def __init__(self, folder: str | Path, device: torch.device, dtype: str | None = "fp32",
                 allow_pickle: bool = False, *, backend: str | None = None, threads: int | None = None):
        self.folder = Path(folder)
        self.info: ModelInfo = read_info(folder, "stance")
        self.mode: Mode = resolve_mode(folder, device, dtype, backend, threads)
        self.runner, self.tokenizer, self.model = make_runner(folder, "stance", device, self.mode, allow_pickle)
        self.device, self.dtype = device, self.mode.dtype
        self.max_batch_tokens: int | None = batch_token_budget(device)
        self.normaliser = Normaliser(self.info.normalise)
        names = id2label(self.folder, self.model, self.info.labels)
        self.labels = [names[i] for i in range(len(names))]
        self.blank = blank_pieces(self.tokenizer)
        self.pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        # held while the tokenizer runs: each call first sets its truncation on the shared Rust tokenizer, so two
        # threads' calls could run under each other's (an untruncated window of 700 pieces, or a changed score)
        self._tokenizer_lock = threading.Lock()
        self._checked_targets: set[str] = set()

    @property
    def default_target(self) -> str | None:
        """The target a text is read toward when none is given (:attr:`ModelInfo.default_target`)."""
        return self.info.default_target

    def lacks_target(self, target: str | None) -> bool:
        """Whether a text read toward ``target`` (None: the model's own) has none: a model of several targets, none
        of them its default, reads no text without one."""
        return not self.info.text_only and not target and self.default_target is None

    def no_default_target(self) -> str:
        """Why a text without a target cannot be read by this model (:attr:`default_target` is ``None``)."""
        learned = [repr(t) for t in self.info.learned_targets]
        return (f"{self.folder}: no stance target given, and this model has no default one: it learned "
                f"{len(learned):,} targets ({first_few(learned, 10)}), not its saved target {self.info.target!r}; "
                "give the target (predict(target=...), --target, or a target field in each record)")

    def _check_learned(self, target: str) -> None:
        """Warn, once per target, when ``target`` (given at prediction) is none of the targets the model learned,
        compared as the alias table matches names (:func:`~arapol.actors.aliases.normalise_key`: marks, tatweel,
        hamza on alef, ta marbuta and spacing aside); and when it is one of them spelled otherwise, in pieces the
        model reads apart (``وقف اطلاق النار`` for the learned ``وقف إطلاق النار``: ``ا ##ط ##ل``...): the pair is read
        as spelled, not as the learned target, so the warning names the learned spelling. Not for a model that
        records none, nor for one whose targets are claims (:attr:`ModelInfo.reads_claims`): every claim it reads is
        a new one."""
        from ..actors.aliases import normalise_key

        learned = self.info.learned_targets
        if not learned or self.info.reads_claims or target in self._checked_targets:
            return
        self._checked_targets.add(target)
        same = [t for t in learned if normalise_key(t) == normalise_key(target)]
        if same:
            pieces = self._target_pieces(target)
            if any(self._target_pieces(t) == pieces for t in same):
                return
            message = (f"{self.folder}: target {target!r} is read as spelled; the model learned {same[0]!r} (pass "
                       "that spelling): it reads the two in other pieces, and its stance toward this spelling has not "
                       "been measured")
        else:
            shown = first_few([repr(t) for t in learned])
            message = (f"{self.folder}: target {target!r} is none of the {len(learned)} this model learned ({shown}): "
                       "it reads the pair all the same, but its stance toward an unseen target has not been measured")
        warnings.warn(UnseenTargetWarning(message, target), stacklevel=callers_stacklevel())

    def _target_pieces(self, target: str) -> list[int]:
        """The pieces the model reads ``target`` as (normalised, its ends stripped as :func:`encode_pairs` strips
        them); with the tokenizer to itself."""
        return self.tokenizer(self.normaliser.text(target).strip(), add_special_tokens=False,
                              verbose=False)["input_ids"]

    def prepare(self, texts: Sequence[str], target: str | None = None) -> tuple[list[dict[str, list[int]]], list[int]]:
        """Normalise and tokenise ``texts`` (with ``target``, the model's default if None) into windows. A
        blank text (nothing that shows by itself, :func:`~arapol.sentences.shows_something`: spaces, combining
        marks alone, tatweel, invisible characters; or no letter or digit and only pieces that spell nothing,
        :func:`~arapol.alignment.spells_nothing`, such as NUL and U+FFFD)
        gets no window: nothing to classify."""
        norm_texts = [self.normaliser.text(t) for t in texts]
        with self._tokenizer_lock:
            return self._windows(norm_texts, target)

    def _windows(self, norm_texts: list[str], target: str | None) -> tuple[list[dict[str, list[int]]], list[int]]:
        """:meth:`prepare` once the texts are normalised (with the tokenizer to itself)."""
        live = [i for i, t in enumerate(norm_texts) if shows_something(t)]  # as sentences: marks alone are blank
        # only a text without a letter or digit can tokenise to nothing: check those with the tokenizer
        doubtful = [i for i in live if not WORDLIKE.search(norm_texts[i])]
        if doubtful:
            pieces = self.tokenizer([norm_texts[i] for i in doubtful], add_special_tokens=False,
                                    verbose=False)["input_ids"]  # (a long one is windowed: no length warning)
            empty = {i for i, ids in zip(doubtful, pieces) if spells_nothing(norm_texts[i], ids, self.blank)}
            live = [i for i in live if i not in empty]
        targets = None
        if self.lacks_target(target):
            if not norm_texts:  # nothing to read toward it (predict([]) checks options); a blank text is refused too
                return [], []
            raise ArapolError(self.no_default_target())
        if not self.info.text_only:
            norm_target = self.normaliser.text(target or self.default_target)
            if not norm_target.strip() or spells_nothing(
                    norm_target, self.tokenizer(norm_target, add_special_tokens=False, verbose=False)["input_ids"],
                    self.blank):
                raise ArapolError(f"target {target!r} is blank once normalised (only marks, tatweel, invisible "
                                  "characters, or symbols the tokenizer cannot spell such as U+FFFD): give the stance "
                                  "target, or leave it out (None) for the model's own")
            targets = [norm_target] * len(live)
        rows, owner = encode_pairs(self.tokenizer, [norm_texts[i] for i in live], targets, self.info.max_length,
                                   self.info.stride, self.info.input_prefix)
        if target and targets is not None:  # once the target is known to be readable
            self._check_learned(target)
        return rows, [live[k] for k in owner]

    def probabilities(self, texts: Sequence[str], target: str | None = None, batch_size: int = 32,
                      progress: bool = False) -> np.ndarray:
        """Return ``[len(texts), n_labels]`` stance probabilities toward ``target`` (the model's default if None);
        a blank text's row is NaN."""
        return self.run(self.prepare(texts, target), len(texts), batch_size, progress)

    def run(self, prepared: tuple[list[dict[str, list[int]]], list[int]], n_texts: int, batch_size: int = 32,
            progress: bool = False) -> np.ndarray:
        """Run prepared windows (length-sorted batches); average each text's window probabilities (NaN for a
        text without windows, a blank one), then apply the model's label bias (:mod:`.label_bias`) if it has one."""
        rows, owner_list = prepared
        owner = np.asarray(owner_list, dtype=np.int64)
        sums = np.zeros((n_texts, len(self.labels)), dtype=np.float64)
        counts = np.bincount(owner, minlength=n_texts) if len(owner) else np.zeros(n_texts, dtype=np.int64)
        bar = tqdm(total=len(rows), desc="stance", unit="window", disable=not progress)
        with torch_threads(self.mode.threads if self.mode.backend == "torch" else None):
            for batch in length_sorted_batches([len(r["input_ids"]) for r in rows], batch_size,
                                               self.max_batch_tokens):
                logits = self.runner(pad_arrays([rows[i] for i in batch], self.pad_id))
                np.add.at(sums, owner[batch], softmax(logits))
                bar.update(len(batch))
        bar.close()
        with np.errstate(invalid="ignore", divide="ignore"):
            probs = (sums / counts[:, None]).astype(np.float32)
        return apply_label_bias(probs, self.labels, self.info.label_bias)

    def as_dicts(self, probs: np.ndarray) -> list[dict | None]:
        """Turn probability rows into ``{"label", "scores"}`` dicts; a NaN row (a blank text) into ``None``."""
        return [None if np.isnan(row).any() else
                {"label": self.labels[int(row.argmax())],
                 "scores": {lab: round(float(v), 4) for lab, v in zip(self.labels, row)}} for row in probs]

