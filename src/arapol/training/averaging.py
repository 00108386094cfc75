"""Checkpoint averaging: the final model as the mean of the weights of the last saved checkpoints (one per
epoch by default), instead of the one epoch that scored best on a small dev split. Averaging the end of
a run smooths the choice between near-tied epochs (a 10 % dev carve picks between them by chance)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import torch
from safetensors.torch import load_file
from transformers.trainer_utils import PREFIX_CHECKPOINT_DIR

from ..errors import ModelError

log = logging.getLogger(__name__)
_CHECKPOINT = re.compile(rf"{PREFIX_CHECKPOINT_DIR}-(\d+)")


def checkpoint_folders(folder: str | Path) -> list[Path]:
    """Every ``checkpoint-N`` folder in ``folder``, finished or not, oldest (lowest N) first."""
    found = sorted((int(m.group(1)), p) for p in Path(folder).glob(f"{PREFIX_CHECKPOINT_DIR}-*")
                   if p.is_dir() and (m := _CHECKPOINT.fullmatch(p.name)))
    return [p for _, p in found]


def finished_checkpoints(folder: str | Path) -> list[Path]:
    """The ``checkpoint-N`` folders in ``folder``, oldest first, whose save finished (the ``Trainer`` writes
    ``trainer_state.json`` last); one that a kill cut short is skipped, with a warning."""
    done = []
    for path in checkpoint_folders(folder):
        try:
            json.loads((path / "trainer_state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("%s: incomplete (no readable trainer_state.json: its save was cut short), not used", path)
        else:
            done.append(path)
    return done


def _weights(checkpoint: Path) -> dict[str, torch.Tensor]:
    files = sorted(checkpoint.glob("model*.safetensors"))
    if not files:
        raise ModelError(f"{checkpoint}: no model*.safetensors to average")
    state: dict[str, torch.Tensor] = {}
    for f in files:
        state.update(load_file(str(f)))
    return state


def average_checkpoints(model: torch.nn.Module, checkpoints: list[Path]) -> None:
    """Load into ``model`` the mean of the checkpoints' floating-point weights (other tensors: the last
    checkpoint's). Every checkpoint must hold the same tensors as the model."""
    if not checkpoints:
        raise ModelError("no finished checkpoint to average")
    total: dict[str, torch.Tensor] = {}
    for path in checkpoints:
        state = _weights(path)
        if total and state.keys() != total.keys():
            raise ModelError(f"{path}: holds other tensors than {checkpoints[0]}; cannot average them")
        for name, t in state.items():
            if not t.is_floating_point():
                total[name] = t  # integer buffers (position ids): the last checkpoint's
            else:
                total[name] = total[name] + t.double() if name in total else t.double()
    own = model.state_dict()
    averaged = {}
    for name, t in total.items():
        if name not in own:
            raise ModelError(f"{checkpoints[-1]}: tensor {name!r} is not in the model being trained")
        averaged[name] = (t / len(checkpoints)).to(own[name].dtype) if t.is_floating_point() else t
    missing = model.load_state_dict(averaged, strict=False).missing_keys
    tied = {name for name in missing if own[name].data_ptr() in
            {own[k].data_ptr() for k in averaged}}  # safetensors stores a tied weight once
    if set(missing) - tied:
        raise ModelError(f"{checkpoints[-1]}: lacks the model's tensors {sorted(set(missing) - tied)[:5]}")
