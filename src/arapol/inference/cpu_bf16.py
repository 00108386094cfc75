"""bf16 inference on CPU: linear layers by oneDNN on prepacked bf16 weights, the feed-forward activation fused
into its layer, and attention in chunks of query rows with a float32 softmax.

Plain bf16 autocast leaves time on the table on CPU (BERT-base, one thread, the 2-core AMD EPYC with
AVX512-BF16 of ``benchmarks/README.md``):

* torch's fused CPU attention (``sdpa``) is slow on bf16 (a 494-piece window: 342 ms against 284 ms eager), and the
  eager one adds a float32 mask to bf16 scores and runs its softmax on tensors of many MB;
* linear layers run sooner on prepacked weights (:class:`~.onednn.PackedLinear`) and the GELU costs one more pass
  over the widest activation.

On the 8 padded batches of ``bench_predict.py --quick`` (its random-weight BERT-base; best of 5): autocast 1.063 s,
this module 0.915 s; logits within 0.016 of autocast's; the same argmax as float32 on every piece (autocast:
99.95 %). The arithmetic is that of autocast with eager attention: matrix products in bf16 with float32 sums,
bf16 results (the attention scores too, rounded to bf16 before their float32 softmax; torch's fused attention
keeps them in float32); layer norms and residual sums in float32; the fused GELU runs on the float32 sums, before
rounding. ``python scripts/bench_predict.py --quick`` has the end-to-end figures.

Inference only: the prepacked weights cannot be copied, pickled or saved (load the model again instead).
"""

from __future__ import annotations

import functools
from typing import Any

import torch
from torch import nn

from .onednn import use_packed_linears

ATTENTION = "arapol_cpu_bf16"
"""The name under which :func:`attention` is registered with transformers' ``AttentionInterface``."""
ENCODERS = frozenset({"bert", "roberta", "xlm-roberta", "electra", "camembert"})
"""``config.model_type`` of the models that get :func:`attention`: encoders whose every piece attends to every other
(one key/value head per query head; a decoder's causal mask or grouped heads are not handled). Others keep theirs."""
CHUNK_SCORES = 1 << 20
"""Attention scores per chunk of query rows (4 MB in float32): larger score tensors run slower on this CPU
(a 494-piece window, 12 heads: 5.2 ms per layer in one piece, 4.0 ms in chunks of this size, 4.5 ms at 4×)."""


def attention(module: nn.Module, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
              attention_mask: torch.Tensor | None, scaling: float | None = None, dropout: float = 0.0,
              **kwargs: Any) -> tuple[torch.Tensor, None]:
    """transformers' attention-function signature (``[batch, heads, pieces, head size]`` inputs; inference: no
    dropout, no attention weights returned): the scores of :data:`CHUNK_SCORES`-sized chunks of query rows, each
    softmax in float32 after the additive float32 mask of :func:`additive_mask` (a boolean one, True where a piece
    may attend, is turned into one); the products in the inputs' dtype."""
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

    mask = sdpa_mask(*args, **{**kwargs, "allow_is_causal_skip": False})  # None would mean "no mask" here
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


def use_cpu_bf16(model: nn.Module) -> nn.Module:
    """Prepare ``model`` (in place, for inference) for bf16 on CPU: every ``nn.Linear`` becomes a bf16
    :class:`~.onednn.PackedLinear` (feed-forward activations fused), and models that take transformers'
    attention functions and are :data:`ENCODERS` use :func:`attention`; return the model."""
    use_packed_linears(model, torch.bfloat16)
    can_set = getattr(model, "_can_set_attn_implementation", None)
    if getattr(getattr(model, "config", None), "model_type", None) in ENCODERS and callable(can_set) and can_set():
        _register_attention()
        model.set_attn_implementation(ATTENTION)
    return model
