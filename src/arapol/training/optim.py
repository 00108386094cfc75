"""Layer-wise learning-rate decay: the heads train at the configured rate, the top encoder layer at ``decay``
times it, each layer below at ``decay`` times the rate of the one above it, the embeddings lowest (as in ELECTRA
and DeBERTa fine-tuning). ``layer_lr_decay: 1.0`` (the default) leaves every rate alone."""

from __future__ import annotations

import re
from typing import Any

import torch

_LAYER = re.compile(r"(?:^|\.)layers?\.(\d+)\.")


def layer_depth(name: str, n_layers: int) -> int:
    """0 for an embedding parameter, ``k + 1`` for encoder layer ``k``, ``n_layers + 1`` for the rest
    (pooler, classifier, auxiliary heads)."""
    m = _LAYER.search(name)
    if m:
        return int(m.group(1)) + 1
    if "embeddings" in name:
        return 0
    return n_layers + 1


def layer_rate_groups(model: torch.nn.Module, lr: float, decay: float, weight_decay: float,
                      decayed: set[str]) -> list[dict[str, Any]]:
    """Optimizer parameter groups, one per (depth, weight-decay or not), with ``lr × decay ** (top − depth)``.
    ``decayed``: names of the parameters that take weight decay (not biases, not LayerNorms)."""
    n_layers = int(model.config.num_hidden_layers)
    groups: dict[tuple[int, bool], dict[str, Any]] = {}
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        depth = layer_depth(name, n_layers)
        key = (depth, name in decayed)
        if key not in groups:
            groups[key] = {"params": [], "lr": lr * decay ** (n_layers + 1 - depth),
                           "weight_decay": weight_decay if key[1] else 0.0}
        groups[key]["params"].append(p)
    return [groups[k] for k in sorted(groups)]
