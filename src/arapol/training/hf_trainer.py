"""The project's ``transformers.Trainer``: the optimizer gives each encoder layer its own learning rate
(``layer_lr_decay``), evaluation reads the dev features in their order, and ``group_by_length`` draws each epoch's
order from the seed and the epoch alone (a run resumed mid-epoch goes on in the uninterrupted run's order). Each
checkpoint records the training time spent to reach it, over every resume (:class:`TrainingTime`), and old checkpoints
are rotated away by their step, not by when their folders were last modified."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import torch
from torch.utils.data import Dataset, Sampler, SequentialSampler
from transformers import Trainer
from transformers.trainer_pt_utils import LengthGroupedSampler, get_length_grouped_indices
from transformers.trainer_utils import PREFIX_CHECKPOINT_DIR, rotate_checkpoints

from ..checkpoint import write_json_atomic
from .optim import layer_rate_groups


class EpochSeededLengthGroupedSampler(LengthGroupedSampler):
    """transformers' ``LengthGroupedSampler`` (batches of texts of similar lengths, in random order) whose order is
    drawn from ``seed + epoch``. The stock one draws it from torch's global generator, whose state at the start of
    an epoch a checkpoint saved in the middle of it does not hold: a run resumed from one took the rest of that epoch
    in another order than the uninterrupted run. The ``Trainer`` tells the sampler its epoch (``set_epoch``) before
    each one, resumed or not, and every process of a multi-process run draws the same order."""

    def __init__(self, sampler: LengthGroupedSampler, seed: int) -> None:
        self.batch_size, self.lengths, self.seed, self.epoch = sampler.batch_size, sampler.lengths, seed, 0

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __iter__(self) -> Iterator[int]:
        generator = torch.Generator().manual_seed(self.seed + self.epoch)
        return iter(get_length_grouped_indices(self.lengths, self.batch_size, generator=generator))


class ArapolTrainer(Trainer):
    """A ``Trainer`` whose optimizer applies ``layer_lr_decay`` and whose dev predictions come in dataset order.

    The dev metrics join each text's windows by position (``owner``), but with ``group_by_length`` (arapol's
    default for training) transformers 5 also sorts the dev set by length; evaluation here never does."""

    loss_is_scaled_for_ga = False
    """Every loss here (the library's BERT heads, arapol's mean-pooled head, the class-weighted stance loss) is a
    batch mean, not a sum over ``num_items_in_batch``: the Trainer must divide it by the accumulation steps. Left to
    guess from the heads' ``**kwargs``, it would not, and ``gradient_accumulation_steps: k`` would scale the loss
    and the gradients by k."""

    def __init__(self, *args: Any, layer_lr_decay: float = 1.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.layer_lr_decay = layer_lr_decay
        self.clock: TrainingTime | None = None  # set by arapol's training loop: each checkpoint records its time

    def _save_checkpoint(self, model: torch.nn.Module, trial: Any) -> None:
        """Save a checkpoint with its training time (written before ``trainer_state.json``, which marks the checkpoint
        finished: a kill between the two had left a finished checkpoint without its time, and ``runtime_s`` short of
        it), then keep ``save_total_limit`` checkpoints by step. transformers rotates by the folders' modification
        times, which a copied output folder (``cp -r``) reorders: a run resumed in the copy deleted the checkpoint it
        had resumed from, and averaged other checkpoints than the uninterrupted run."""
        run_dir = self._get_output_dir(trial=trial)
        if self.clock is not None and self.args.should_save:
            folder = Path(run_dir) / f"{PREFIX_CHECKPOINT_DIR}-{self.state.global_step}"
            folder.mkdir(parents=True, exist_ok=True)
            write_json_atomic(folder / TIME_FILE, {"seconds": round(self.clock.seconds(), 3)})
        limit = self.args.save_total_limit
        self.args.save_total_limit = None  # (the rotation by modification time, below by step)
        try:
            super()._save_checkpoint(model, trial)
        finally:
            self.args.save_total_limit = limit
        if self.args.should_save:
            rotate_checkpoints(output_dir=run_dir, save_total_limit=limit,
                               best_model_checkpoint=self.state.best_model_checkpoint, use_mtime=False)

    def _get_train_sampler(self, train_dataset: Dataset | None = None) -> Sampler | None:
        sampler = super()._get_train_sampler(train_dataset)
        if type(sampler) is LengthGroupedSampler:
            seed = self.args.data_seed if self.args.data_seed is not None else self.args.seed
            return EpochSeededLengthGroupedSampler(sampler, seed)
        return sampler

    def _get_eval_sampler(self, eval_dataset: Dataset) -> Sampler | None:
        if self.args.world_size > 1:
            return None  # accelerate shards the set in order and gathers it back in order
        return SequentialSampler(eval_dataset)

    def create_optimizer(self, model: torch.nn.Module | None = None) -> torch.optim.Optimizer:
        if self.layer_lr_decay == 1.0 or self.optimizer is not None:
            return super().create_optimizer(model)
        opt_model = self.model if model is None else model
        cls, kwargs = self.get_optimizer_cls_and_kwargs(self.args, opt_model)
        groups = layer_rate_groups(opt_model, self.args.learning_rate, self.layer_lr_decay,
                                   self.args.weight_decay, set(self.get_decay_parameter_names(opt_model)))
        self.optimizer = cls(groups, **kwargs)
        return self.optimizer


TIME_FILE = "arapol_training_time.json"
"""In each checkpoint folder: ``{"seconds": ...}``, the training time spent to reach it over every resume."""


def time_before(checkpoint: str | Path | None) -> float:
    """The training seconds recorded in ``checkpoint`` (0 for none, or one saved before checkpoints recorded it)."""
    if checkpoint is None:
        return 0.0
    try:
        return float(json.loads((Path(checkpoint) / TIME_FILE).read_text(encoding="utf-8"))["seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0.0


class TrainingTime:
    """The seconds spent training so far: ``before`` (what the checkpoint this run resumes from had spent) plus this
    run's time, which :meth:`ArapolTrainer._save_checkpoint` writes into each checkpoint. A resumed run's
    ``train_runtime`` counts only its own part."""

    def __init__(self, before: float = 0.0) -> None:
        self.before, self.start = before, time.monotonic()

    def seconds(self) -> float:
        """The training time so far, resumes included."""
        return self.before + time.monotonic() - self.start
