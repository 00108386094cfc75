"""The project's ``transformers.Trainer``: the optimizer gives each encoder layer its own learning rate
(``layer_lr_decay``), and evaluation reads the dev features in their order."""

from __future__ import annotations

from typing import Any

import torch
from torch.utils.data import Dataset, Sampler, SequentialSampler
from transformers import Trainer

from .optim import layer_rate_groups


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
