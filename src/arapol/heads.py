"""Task heads and the one place that loads a task model from a folder.

NER uses ``AutoModelForTokenClassification``. Stance uses ``AutoModelForSequenceClassification`` (its head reads
the ``[CLS]`` vector through the base's pooler) or, with ``pooling: mean``, :class:`BertMeanPooledClassifier`:
the mean of the last hidden states over the real tokens, the pooling that multilingual-e5 was trained with
(its converted base has no pooler, so the ``[CLS]`` head would start from a random one). The folder's
``config.json`` names the architecture, so loading picks the right class by itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import (
    AutoConfig,
    AutoModelForSequenceClassification,
    AutoModelForTokenClassification,
    BertModel,
    BertPreTrainedModel,
)
from transformers.modeling_outputs import SequenceClassifierOutput

from .config import POOLINGS
from .errors import ModelError


@dataclass
class StanceOutput(SequenceClassifierOutput):
    """The stance logits and loss; ``aux_loss``: the weighted auxiliary tasks' loss, already inside ``loss``."""

    aux_loss: torch.FloatTensor | None = None


class BertMeanPooledClassifier(BertPreTrainedModel):
    """A BERT encoder, mean pooling over the attention mask, dropout and a linear classifier; optionally
    auxiliary heads on the same pooled vector (``config.aux_labels``), trained beside it (multi-task)."""

    def __init__(self, config) -> None:
        super().__init__(config)
        self.num_labels = config.num_labels
        self.bert = BertModel(config, add_pooling_layer=False)
        p = config.classifier_dropout if config.classifier_dropout is not None else config.hidden_dropout_prob
        self.dropout = torch.nn.Dropout(p)
        self.classifier = torch.nn.Linear(config.hidden_size, config.num_labels)
        self.aux = self._aux_heads()
        self.post_init()

    def _aux_heads(self) -> torch.nn.ModuleDict:
        """One linear head per task of ``config.aux_labels``, in name order (``config.json`` sorts its keys;
        this is also the order of ``aux_targets``' columns)."""
        aux = getattr(self.config, "aux_labels", None) or {}
        return torch.nn.ModuleDict({n: torch.nn.Linear(self.config.hidden_size, len(aux[n])) for n in sorted(aux)})

    def add_aux_heads(self, aux_labels: Mapping[str, Sequence[str]], weight: float) -> None:
        """Add one freshly initialised head per auxiliary task (``name → its labels``), each loss × ``weight``."""
        self.config.aux_labels = {name: list(aux_labels[name]) for name in sorted(aux_labels)}
        self.config.aux_weight = float(weight)
        self.aux = self._aux_heads()
        self.aux.apply(self._init_weights)

    def forward(self, input_ids: torch.Tensor | None = None, attention_mask: torch.Tensor | None = None,
                token_type_ids: torch.Tensor | None = None, labels: torch.Tensor | None = None,
                aux_targets: torch.Tensor | None = None, **kwargs: Any) -> StanceOutput:
        """``aux_targets``: ``[batch, n_aux]`` label ids of the auxiliary tasks, in name order
        (not named ``*label*``, so the Trainer's evaluation, which has none, still sees ``labels`` as the labels)."""
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                           token_type_ids=token_type_ids).last_hidden_state
        mask = attention_mask.unsqueeze(-1).float()  # the mean in float32, also under bf16
        pooled = self.dropout(((hidden.float() * mask).sum(1) / mask.sum(1).clamp(min=1.0)).to(hidden.dtype))
        logits = self.classifier(pooled)
        aux_loss = None
        if aux_targets is not None and len(self.aux):
            ce = torch.nn.functional.cross_entropy
            aux_loss = self.config.aux_weight * sum(ce(head(pooled).float(), aux_targets[:, k])
                                                    for k, head in enumerate(self.aux.values()))
        loss = torch.nn.functional.cross_entropy(logits.float(), labels) if labels is not None else None
        if loss is not None and aux_loss is not None:
            loss = loss + aux_loss
        return StanceOutput(loss=loss, logits=logits, aux_loss=aux_loss)


def model_class(task: str, pooling: str = "cls") -> type:
    """The class for ``task``; for stance, ``pooling`` ``cls`` (the Auto class) or ``mean``."""
    if task == "ner":
        return AutoModelForTokenClassification
    if pooling not in POOLINGS:
        raise ModelError(f"pooling: {pooling!r} is not one of {list(POOLINGS)}")
    return BertMeanPooledClassifier if pooling == "mean" else AutoModelForSequenceClassification


def load_task_model(folder: str | Path, task: str, *, pooling: str = "cls", **kwargs: Any) -> torch.nn.Module:
    """Load the ``task`` model saved in (or the base model at) ``folder``; ``kwargs`` go to ``from_pretrained``.

    A folder whose ``config.json`` names :class:`BertMeanPooledClassifier` loads as one whatever ``pooling``
    says; ``pooling`` chooses the head of a base model.
    """
    config = AutoConfig.from_pretrained(str(folder), trust_remote_code=False)
    if BertMeanPooledClassifier.__name__ in (getattr(config, "architectures", None) or []):
        pooling = "mean"
    cls = model_class(task, pooling)
    if cls is BertMeanPooledClassifier and config.model_type != "bert":
        raise ModelError(f"{folder}: pooling 'mean' needs a BERT-family base, not model_type {config.model_type!r}")
    return cls.from_pretrained(str(folder), trust_remote_code=False, **kwargs)
