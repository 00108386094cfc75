"""Swapping a model's ``nn.Linear`` layers for other implementations (int8, oneDNN kernels)."""

from __future__ import annotations

from collections.abc import Callable

from torch import nn


def replace_linears(model: nn.Module, make: Callable[[str, nn.Linear], nn.Module],
                    where: Callable[[str, nn.Linear], bool]) -> nn.Module:
    """Replace (in place) each ``nn.Linear`` of ``model`` for which ``where(name, layer)`` holds by
    ``make(name, layer)``; return the model."""
    targets = [(name, mod) for name, mod in model.named_modules() if isinstance(mod, nn.Linear) and where(name, mod)]
    for name, mod in targets:
        parent_name, _, child = name.rpartition(".")
        parent = model.get_submodule(parent_name) if parent_name else model
        setattr(parent, child, make(name, mod))
    return model
