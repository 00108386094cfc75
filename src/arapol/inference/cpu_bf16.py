"""bf16 inference on CPU: linear layers by oneDNN on prepacked bf16 weights, the feed-forward activation fused
into its layer, and attention in chunks of query rows with a float32 softmax.

Plain bf16 autocast leaves time on the table on CPU (BERT-base, one thread, the 2-core AMD EPYC with
AVX512-BF16 of ``benchmarks/README.md``):

* torch's fused CPU attention (``sdpa``) is slow on bf16 (a 494-piece window: 342 ms against 284 ms eager), and the
  eager one adds a float32 mask to bf16 scores and runs its softmax on tensors of many MB;
* linear layers run sooner on prepacked weights (``torch.ops.mkldnn._reorder_linear_weight``; 3072 × 768: 4–9 %
  at 100–1,000 rows, 40–90 % at 1–17) and the GELU costs one more pass over the widest activation.

On the 8 padded batches of ``bench_predict.py --quick`` (its random-weight BERT-base; best of 5): autocast 1.063 s,
this module 0.915 s; logits within 0.016 of autocast's; the same argmax as float32 on every piece (autocast:
99.95 %). The arithmetic is autocast's: matrix products in bf16 with float32 sums, bf16 results; layer norms,
residual sums and the softmax in float32. ``python scripts/bench_predict.py --quick`` has the end-to-end figures.
"""

from __future__ import annotations

import functools
from typing import Any

import torch
from torch import nn

from .quantize import replace_linears

ATTENTION = "arapol_cpu_bf16"
"""The name under which :func:`attention` is registered with transformers' ``AttentionInterface``."""
CHUNK_SCORES = 1 << 20
"""Attention scores per chunk of query rows (4 MB in float32): larger score tensors run slower on this CPU
(a 494-piece window, 12 heads: 5.2 ms per layer in one piece, 4.0 ms in chunks of this size, 4.5 ms at 4×)."""
PACK_ROWS = 256
"""The row count oneDNN prepacks weights for (:data:`~.backend.CPU_BATCH_TOKENS`); other counts run as fast."""

_ACTIVATIONS = {"GELUActivation": ("gelu", "none"), "GELUTanh": ("gelu", "tanh"),
                "NewGELUActivation": ("gelu", "tanh"), "ReLU": ("relu", "")}
"""Activations oneDNN fuses into a linear layer, by class name (transformers' ``ACT2CLS``; ``torch.nn.ReLU``):
oneDNN's post-op and algorithm."""


def _linear(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None, post_op: str = "none",
            algorithm: str = "") -> torch.Tensor:
    return torch.ops.mkldnn._linear_pointwise(x, weight, bias, post_op, [], algorithm)


@functools.cache
def cpu_bf16_supported() -> bool:
    """Whether this torch build runs oneDNN's bf16 linear on prepacked weights, fused GELU included, and gets
    float32's result to bf16 precision."""
    if not torch.backends.mkldnn.is_available():
        return False
    try:
        gen = torch.Generator().manual_seed(0)
        x, w, b = (torch.randn(shape, generator=gen).to(torch.bfloat16) for shape in ((5, 32), (16, 32), (16,)))
        packed = torch.ops.mkldnn._reorder_linear_weight(w, PACK_ROWS)
        want = nn.functional.gelu(nn.functional.linear(x.float(), w.float(), b.float()))
        got = _linear(x, packed, b, "gelu", "none").float()
        return bool(torch.allclose(got, want, atol=0.1, rtol=0.02))
    except (RuntimeError, AttributeError, NotImplementedError):
        return False


class Bf16Linear(nn.Module):
    """An ``nn.Linear`` for bf16 inference on CPU: the weight prepacked by oneDNN once, inputs cast to bf16,
    bf16 results (float32 sums), with an optional activation fused in (``post_op``/``algorithm``, oneDNN's)."""

    def __init__(self, linear: nn.Linear, post_op: str = "none", algorithm: str = "") -> None:
        super().__init__()
        weight = linear.weight.detach().to(torch.bfloat16).contiguous()
        # oneDNN's opaque tensor: held as a plain attribute, outside the state dict (inference only)
        self.packed_weight = torch.ops.mkldnn._reorder_linear_weight(weight, PACK_ROWS)
        self.bias = None if linear.bias is None else linear.bias.detach().to(torch.bfloat16)
        self.in_features, self.out_features = linear.in_features, linear.out_features
        self.post_op, self.algorithm = post_op, algorithm

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x2 = x.reshape(-1, self.in_features).to(torch.bfloat16)
        if x2.shape[0] == 0:
            return x2.new_zeros((*x.shape[:-1], self.out_features))
        y = _linear(x2.contiguous(), self.packed_weight, self.bias, self.post_op, self.algorithm)
        return y.reshape(*x.shape[:-1], self.out_features)

    def extra_repr(self) -> str:
        fused = f", {self.post_op} fused" if self.post_op != "none" else ""
        return f"in_features={self.in_features}, out_features={self.out_features}, bf16 oneDNN{fused}"


def attention(module: nn.Module, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
              attention_mask: torch.Tensor | None, scaling: float | None = None, dropout: float = 0.0,
              **kwargs: Any) -> tuple[torch.Tensor, None]:
    """transformers' attention-function signature (``[batch, heads, pieces, head size]`` inputs; inference, so no
    dropout): the scores of :data:`CHUNK_SCORES`-sized chunks of query rows, each softmax in float32 after the
    additive float32 mask of :func:`additive_mask` (a boolean one, True where a piece may attend, is turned into
    one); the products in the inputs' dtype."""
    if scaling is None:
        scaling = query.shape[-1] ** -0.5
    batch, heads, n_query, _ = query.shape
    if attention_mask is not None and attention_mask.dtype == torch.bool:  # a model that makes its own mask
        attention_mask = _additive(attention_mask)
    with torch.autocast(query.device.type, enabled=False):
        # contiguous once: matmul would copy these strided views (heads interleaved) for every chunk
        query, keys_t, value = query.contiguous(), key.transpose(2, 3).contiguous(), value.contiguous()
        out = torch.empty((batch, heads, n_query, value.shape[-1]), dtype=value.dtype, device=value.device)
        rows = max(1, CHUNK_SCORES // (batch * heads * key.shape[2]))
        for i in range(0, n_query, rows):
            scores = torch.matmul(query[:, :, i:i + rows], keys_t)
            if attention_mask is None:
                scores = scores.float().mul_(scaling)
            else:  # mask + scaling · scores, in float32, in one pass
                mask = attention_mask[:, :, i:i + rows] if attention_mask.shape[2] > 1 else attention_mask
                scores = torch.add(mask.float(), scores, alpha=scaling)
            torch.matmul(torch.softmax(scores, dim=-1).to(value.dtype), value, out=out[:, :, i:i + rows])
    return out.transpose(1, 2).contiguous(), None


def additive_mask(*args: Any, **kwargs: Any) -> torch.Tensor | None:
    """transformers' ``sdpa`` mask (a boolean ``[batch, 1, query, key]`` tensor, ``None`` without padding) as a
    float32 bias to add to the scores: 0 where a piece may attend, float32's lowest where not."""
    from transformers.masking_utils import sdpa_mask

    mask = sdpa_mask(*args, **kwargs)
    return None if mask is None else _additive(mask)


def _additive(keep: torch.Tensor) -> torch.Tensor:
    """A boolean mask (True: may attend) as a float32 bias: 0, or float32's lowest."""
    return torch.zeros(keep.shape, dtype=torch.float32, device=keep.device).masked_fill_(
        ~keep, torch.finfo(torch.float32).min)


@functools.cache
def _register_attention() -> None:
    from transformers import AttentionInterface
    from transformers.masking_utils import AttentionMaskInterface

    AttentionInterface.register(ATTENTION, attention)
    AttentionMaskInterface.register(ATTENTION, additive_mask)


def _fuse_activations(model: nn.Module) -> None:
    """Fold each feed-forward activation that oneDNN fuses into the linear layer before it: modules with a
    ``dense`` linear layer and an ``intermediate_act_fn`` (BERT, RoBERTa, XLM-R, ELECTRA)."""
    for module in model.modules():
        act, dense = getattr(module, "intermediate_act_fn", None), getattr(module, "dense", None)
        fused = _ACTIVATIONS.get(type(act).__name__) if isinstance(act, nn.Module) else None
        if fused and isinstance(dense, nn.Linear):
            module.dense = Bf16Linear(dense, *fused)
            module.intermediate_act_fn = nn.Identity()


def use_cpu_bf16(model: nn.Module) -> nn.Module:
    """Prepare ``model`` (in place, for inference) for bf16 on CPU: every ``nn.Linear`` becomes a
    :class:`Bf16Linear` (feed-forward activations fused), and models that take transformers' attention
    functions use :func:`attention`; return the model."""
    _fuse_activations(model)
    replace_linears(model, lambda _, layer: Bf16Linear(layer), lambda _, layer: True)
    can_set = getattr(model, "_can_set_attn_implementation", None)
    if callable(can_set) and can_set():
        _register_attention()
        model.set_attn_implementation(ATTENTION)
    return model
