"""Calibration for int8: the largest absolute input of every linear layer, per channel, measured by running
real texts through the model in fp32 (the inference path: normalisation, windows, batches). Saved beside the
weights as ``int8_calibration.safetensors``; ``dtype='int8'`` smooths each layer with it (see
:mod:`.quantize`). Training writes it from the training texts; :func:`calibrate` adds it to an older model.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path

import torch
from torch import nn

from ..checkpoint import (
    CALIBRATION_FILE,
    CALIBRATION_TEXTS,
    MODEL_WEIGHTS,
    atomic_writer,
    file_intact,
    read_info,
    sha256_of,
)
from ..errors import ArapolError, ModelError
from .onednn import LINEAR_LAYERS

log = logging.getLogger(__name__)

REDO = "`arapol calibrate MODEL TEXTS` (or arapol.inference.calibration.calibrate(folder, texts))"
"""How a user redoes a calibration (named in errors)."""


def calibrate(folder: str | Path, texts: str | Sequence[str], *, target: str | Sequence[str] | None = None,
              max_texts: int = CALIBRATION_TEXTS) -> Path:
    """Run up to ``max_texts`` of ``texts`` (evenly spread; one string is one text, as ``predict`` reads it, not
    a text a character) through the model in ``folder`` (one task's folder;
    a stance model reads them toward ``target``, its own by default, or each toward its own when ``target`` is a
    list of one target per text, as a multi-target model's training texts are) and save each linear layer's largest
    absolute input per channel as ``folder/int8_calibration.safetensors`` (one float32 tensor ``[in_features]``
    per layer, by module name; written atomically). Return its path. A target predict refuses (blank, or given to
    a model trained with ``text_only``) is refused here too.

    The texts should look like what the model will read: its training texts are a good choice."""
    from safetensors.torch import save

    from ..predictor import check_target, check_texts
    from .ner import TokenClassifier
    from .stance import SequenceClassifier

    folder = Path(folder)
    texts = check_texts([texts] if isinstance(texts, str) else texts)  # an item not a string: refused, not dropped
    targets = [target] * len(texts) if target is None or isinstance(target, str) else list(target)
    if len(targets) != len(texts):
        raise ArapolError(f"calibrate: {len(targets)} targets for {len(texts)} texts (give one target, or one a text)")
    pairs = [(t, g) for t, g in zip(texts, targets) if t.strip()]
    if not pairs:
        raise ArapolError("calibrate: no texts given (int8 calibration needs texts like those the model reads)")
    if max_texts < 1:
        raise ArapolError(f"calibrate: max_texts must be at least 1, got {max_texts}")
    count = min(len(pairs), max_texts)
    sample = [pairs[(i * len(pairs)) // count] for i in range(count)]
    task = read_info(folder).task
    cpu = torch.device("cpu")
    clf = (TokenClassifier(folder, cpu, "fp32", backend="torch") if task == "ner"
           else SequenceClassifier(folder, cpu, "fp32", backend="torch"))
    if target is None or isinstance(target, str):  # one target for every text: refused where predict refuses it
        check_target(clf if task == "stance" else None, target)  # (blank; a text-only model's)
    maxima: dict[str, torch.Tensor] = {}

    def hook(name: str):
        def record(_module: nn.Module, args: tuple[torch.Tensor, ...]) -> None:
            x = args[0].detach()
            peak = x.reshape(-1, x.shape[-1]).abs().amax(dim=0).float()
            maxima[name] = peak if name not in maxima else torch.maximum(maxima[name], peak)
        return record

    handles = [m.register_forward_pre_hook(hook(n)) for n, m in clf.model.named_modules()
               if isinstance(m, LINEAR_LAYERS)]
    try:
        if task == "ner":
            clf.word_probabilities([t for t, _g in sample], batch_size=1)
        else:
            for g in dict.fromkeys(g for _t, g in sample):
                clf.probabilities([t for t, h in sample if h == g], g, batch_size=1)
    finally:
        for h in handles:
            h.remove()
    if not maxima:
        raise ArapolError(f"calibrate {folder}: none of the {len(sample)} texts reached the model (each is empty "
                          "once normalised: only tatweel, diacritics or invisible characters); nothing saved")
    path = folder / CALIBRATION_FILE
    meta = {"texts": str(len(sample)), "statistic": "max |input| per channel, fp32"}
    if (folder / MODEL_WEIGHTS).is_file():  # the weights it was measured on (read_calibration names a change)
        meta["weights_sha256"] = sha256_of([folder / MODEL_WEIGHTS])
    try:
        with atomic_writer(path, "wb") as fh:
            fh.write(save({n: t.contiguous() for n, t in sorted(maxima.items())}, metadata=meta))
    except OSError as exc:  # (a raw OSError reached Python callers: every error of arapol's is an ArapolError)
        raise ArapolError(f"{folder}: cannot write its calibration there ({exc.strerror or exc}): calibrate a copy "
                          "of the model, or its export, in a folder you can write to") from exc
    return path


def damaged_maxima(peak: torch.Tensor) -> bool:
    """Whether a calibration entry holds what no input's largest magnitude can be: a negative or non-finite value."""
    return bool(not torch.isfinite(peak).all() or (peak < 0).any())


def _read_file(path: Path) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """The tensors and the metadata of the calibration file ``path``, in one read."""
    from safetensors import SafetensorError, safe_open

    try:
        with safe_open(str(path), "pt") as fh:
            return {name: fh.get_tensor(name) for name in fh.keys()}, fh.metadata() or {}
    except (OSError, SafetensorError) as exc:
        raise ModelError(f"{path}: unreadable int8 calibration ({exc}); delete it or redo it with "
                         f"{REDO}") from exc


def calibration_digest(folder: str | Path) -> str | None:
    """The sha256 of what the int8 calibration in ``folder`` holds (None when there is none): its tensors, by name,
    and its metadata, not the file's bytes, in which safetensors writes the metadata in no fixed order (a
    calibration redone on the same texts holds the same, in other bytes)."""
    path = Path(folder) / CALIBRATION_FILE
    if not path.is_file():
        return None
    maxima, meta = _read_file(path)
    digest = hashlib.sha256(json.dumps(meta, sort_keys=True).encode("utf-8"))
    for name in sorted(maxima):
        peak = maxima[name]
        digest.update(json.dumps([name, str(peak.dtype), list(peak.shape)]).encode("utf-8"))
        digest.update(peak.float().contiguous().numpy().tobytes())
    return digest.hexdigest()


def read_calibration(folder: str | Path, model: nn.Module) -> dict[str, torch.Tensor] | None:
    """The calibration saved in ``folder`` for ``model`` (None when there is none); refused when it does not
    fit the model's linear layers (another model's file, or damaged)."""
    path = Path(folder) / CALIBRATION_FILE
    if not path.is_file():
        return None
    maxima, meta = _read_file(path)  # the tensors and the weights they were measured on, in one read
    measured_on = meta.get("weights_sha256")
    linears = {n: m for n, m in model.named_modules() if isinstance(m, nn.Linear)}
    for name, peak in maxima.items():
        layer = linears.get(name)
        if layer is None or tuple(peak.shape) != (layer.in_features,):
            want = "no such linear layer" if layer is None else f"shape ({layer.in_features},)"
            raise ModelError(f"{path}: entry {name!r} with shape {tuple(peak.shape)} does not fit this model "
                             f"({want}): a calibration of another model? Redo it with {REDO}")
        if damaged_maxima(peak):
            raise ModelError(f"{path}: entry {name!r} holds negative or non-finite maxima: damaged")
    # measured on other weights (the model retrained or replaced by hand since): int8 smoothed with it without a
    # word (one measured before calibrations recorded their weights says nothing)
    weights = Path(folder) / MODEL_WEIGHTS
    if measured_on and weights.is_file() and not file_intact(weights, measured_on):
        log.warning("%s: measured on other weights than %s holds now (the model was retrained or replaced since): "
                    "int8 smooths with it all the same; redo it with %s", path, weights.name, REDO)
    return maxima or None  # an empty file smooths nothing: as good as none
