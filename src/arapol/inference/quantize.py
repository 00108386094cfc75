"""Dynamic int8 quantisation of a model's linear layers, for CPU inference.

Each ``nn.Linear`` becomes an :class:`Int8Linear`: weights quantised once, symmetrically, per output
channel; activations quantised at run time, symmetrically, per row (per token), and multiplied with
``torch._int_mm`` (int8 × int8 → int32, VNNI/AMX kernels on CPUs that have them). The result is
rescaled to float and the bias added in float. Per-row activation scales keep one outlier token
from costing the others their precision.

This uses no quantised tensor types, so none of the deprecated ``torch.ao.quantization`` machinery
(and none of its warnings).
"""

from __future__ import annotations

import torch
from torch import nn

_INT8_MAX = 127.0


class Int8Linear(nn.Module):
    """``y = x Wᵀ + b`` with ``W`` and ``x`` in int8 (symmetric; per output channel / per row scales)."""

    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        w = linear.weight.detach().float()
        scale = w.abs().amax(dim=1).clamp(min=1e-12) / _INT8_MAX
        q = torch.round(w / scale[:, None]).clamp_(-_INT8_MAX, _INT8_MAX).to(torch.int8)
        # [in, out] view of a row-major [out, in] tensor: the layout _int_mm's CPU kernel is fastest on.
        self.register_buffer("weight_t", q.t(), persistent=False)
        self.register_buffer("weight_scale", scale, persistent=False)
        self.bias = None if linear.bias is None else nn.Parameter(linear.bias.detach().float(), requires_grad=False)
        self.in_features, self.out_features = linear.in_features, linear.out_features

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shape = x.shape
        x2 = x.reshape(-1, self.in_features).float()
        if x2.shape[0] == 0:
            return x.new_zeros((*shape[:-1], self.out_features))
        row_scale = x2.abs().amax(dim=1, keepdim=True).clamp_(min=1e-12) / _INT8_MAX
        xq = torch.round(x2 / row_scale).clamp_(-_INT8_MAX, _INT8_MAX).to(torch.int8)
        y = torch._int_mm(xq, self.weight_t).float()
        y.mul_(row_scale).mul_(self.weight_scale)
        if self.bias is not None:
            y.add_(self.bias)
        return y.reshape(*shape[:-1], self.out_features)

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, int8"


def int8_supported() -> bool:
    """Whether this torch build runs ``torch._int_mm`` on CPU."""
    try:
        a = torch.ones((17, 8), dtype=torch.int8)
        torch._int_mm(a, torch.ones((8, 8), dtype=torch.int8))
    except (RuntimeError, AttributeError, NotImplementedError):
        return False
    return True


def quantize_linears(model: nn.Module, skip: tuple[str, ...] = ()) -> nn.Module:
    """Replace (in place) every ``nn.Linear`` of ``model`` whose qualified name does not end with one of
    ``skip`` by an :class:`Int8Linear`; return the model."""
    targets = [(name, mod) for name, mod in model.named_modules()
               if isinstance(mod, nn.Linear) and not any(name.endswith(s) for s in skip)]
    for name, mod in targets:
        parent_name, _, child = name.rpartition(".")
        parent = model.get_submodule(parent_name) if parent_name else model
        setattr(parent, child, Int8Linear(mod))
    return model
