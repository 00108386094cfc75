"""fp32 linear layers through oneDNN on CPU: ``dtype='fp32'`` on the torch backend, and fp32 training on CPU.

torch's CPU builds multiply fp32 matrices with MKL, which on AMD CPUs takes its AVX2 path; oneDNN, also inside
torch, uses AVX-512 there. On the 2-core AMD EPYC of ``benchmarks/README.md`` (one thread, BERT-base's shapes,
512 rows): MKL 113–121 GFLOP/s, oneDNN 251–264; a whole BERT-base forward 1.96× sooner, logits equal to 2e-6;
forward and backward of one linear layer 1.5–2× sooner, gradients equal to 1e-6 (relative).
Still fp32 arithmetic throughout (no bf16 or TF32 shortcut).
"""

from __future__ import annotations

import functools
from typing import Any

import torch
from torch import nn

from .quantize import replace_linears


def _linear(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None) -> torch.Tensor:
    return torch.ops.mkldnn._linear_pointwise(x, weight, bias, "none", [], "")


@functools.cache
def onednn_linear_supported() -> bool:
    """Whether this torch build runs oneDNN's fp32 linear on CPU and gets ``F.linear``'s result."""
    if not torch.backends.mkldnn.is_available():
        return False
    try:
        gen = torch.Generator().manual_seed(0)
        x, w, b = (torch.randn(shape, generator=gen) for shape in ((5, 24), (7, 24), (7,)))
        return bool(torch.allclose(_linear(x, w, b), nn.functional.linear(x, w, b), atol=1e-5))
    except (RuntimeError, AttributeError, NotImplementedError):
        return False


class _LinearFunction(torch.autograd.Function):
    """``x Wᵀ + b`` by oneDNN, with its gradients by oneDNN too (``x`` is 2-D)."""

    @staticmethod
    def forward(ctx: Any, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None) -> torch.Tensor:
        ctx.save_for_backward(x, weight)
        ctx.has_bias = bias is not None
        return _linear(x, weight, bias)

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> tuple[torch.Tensor | None, ...]:
        x, weight = ctx.saved_tensors
        grad = grad.contiguous()
        grad_x = _linear(grad, weight.t().contiguous(), None) if ctx.needs_input_grad[0] else None  # grad · W
        grad_w = _linear(grad.t().contiguous(), x.t().contiguous(), None) if ctx.needs_input_grad[1] else None
        grad_b = grad.sum(0) if ctx.has_bias and ctx.needs_input_grad[2] else None
        return grad_x, grad_w, grad_b


class OneDnnLinear(nn.Module):
    """``nn.Linear`` by oneDNN (fp32, CPU), forward and backward; holds the layer's own weight and bias
    parameters, under the same names (a state dict is unchanged)."""

    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        self.weight, self.bias = linear.weight, linear.bias
        self.in_features, self.out_features = linear.in_features, linear.out_features

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x2 = x.reshape(-1, self.in_features)
        if torch.is_grad_enabled() and any(t is not None and t.requires_grad for t in (x, self.weight, self.bias)):
            y = _LinearFunction.apply(x2, self.weight, self.bias)
        else:
            y = _linear(x2, self.weight, self.bias)
        return y.reshape(*x.shape[:-1], self.out_features)

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, oneDNN"


def use_onednn_linears(model: nn.Module) -> nn.Module:
    """Replace (in place) every fp32 ``nn.Linear`` of ``model`` by a :class:`OneDnnLinear`; return the model."""
    return replace_linears(model, lambda _, layer: OneDnnLinear(layer),
                           lambda _, layer: layer.weight.dtype == torch.float32)
