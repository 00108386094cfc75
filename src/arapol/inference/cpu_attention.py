"""Encoders on CPU, in every mode of the torch backend (fp32, bf16, int8): attention in chunks of query rows with a
float32 softmax, and token classifiers run on the real pieces of a padded batch only.

Each text's results are then those of the text run alone, whatever its batch mates and the batch size: the
linear layers work row by row, and a text attends only within itself, its padded keys adding exact zeros.
``predict()`` over the bundled test split and ``data/sample_article.txt`` with an e5-small model gave the same word
probabilities bit for bit in batches of 1, 2, 8 and 32 in fp32, bf16 and int8 (by hand; torch's own attention on
padded batches: up to 3e-6 apart in fp32 and 0.029 in int8, where a quantised activation's rounding can flip). In
bf16 on a CPU with AMX the linear layers themselves sum by the batch's row count
(:func:`~.backend.bf16_batch_exact`): a bf16 rounding step apart.

bf16 first, where it began: plain bf16 autocast leaves time on the table on CPU (BERT-base, one thread, the
2-core AMD EPYC with AVX512-BF16 of ``benchmarks/README.md``; the timings in this module were taken by hand
unless a script is named):

* torch's fused CPU attention (``sdpa``) is slow on bf16 (a 494-piece window: 342 ms against 284 ms eager), and the
  eager one adds a float32 mask to bf16 scores and runs its softmax on tensors of many MB;
* linear layers run sooner on prepacked weights (:class:`~.onednn.PackedLinear`) and the GELU costs one more pass
  over the widest activation;
* the linear layers of a padded batch work on its padding too; and fresh score tensors of megabytes cost page
  faults: glibc hands such blocks back to the system when they are freed.

On the 8 padded batches of ``bench_predict.py --quick`` (its random-weight BERT-base; best of 5): autocast 1.063 s,
prepacked layers with this attention 0.915 s; logits within 0.016 of autocast's; the same argmax as float32 on
every piece (autocast: 99.95 %). Then token classifiers run on the real pieces only (:func:`token_logits`; 7 % of
that workload's pieces are padding) and the scores reuse per-thread buffers: 0.923–1.010 s → 0.874–0.879 s (best
of 3, four alternating rounds of the model runs alone), logits unchanged bit for bit on those batches. In fp32 and
int8 (same workload, one process, 6 alternating rounds, medians, by hand) against torch's ``sdpa`` on padded
batches: fp32 1.725 → 1.676 s (the linear layers skip the padding), int8 0.898 → 0.953 s (its linear layers are
cheap, and this attention's float32 products run by torch's ``bmm``, slower here than ``sdpa``'s kernel, which
sums in an order that depends on the batch's width); a stance model (padded, 64 texts, best of 3, twice) fp32
1.278 / 1.169 → 1.169 / 1.185 s, int8 0.479 / 0.488 → 0.507 / 0.527 s. ``bench_predict.py --quick``, one
process a mode, before and after this change (commit 40159ca's runs): fp32 1.76 → 1.62 s, int8 0.84 →
0.83 s.

The arithmetic is that of eager attention: matrix products in the inputs' dtype (bf16: float32 sums, bf16 results,
the attention scores too, rounded to bf16 before their float32 softmax; torch's fused attention keeps them in
float32); layer norms and residual sums in float32; in bf16 the fused GELU runs on the float32 sums, before
rounding. ``python scripts/bench_predict.py --quick`` has the end-to-end figures.
"""

from __future__ import annotations

import functools
import logging
import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from . import onednn
from .onednn import pad_to_block, whole_blocks

log = logging.getLogger(__name__)
ATTENTION = "arapol_cpu"
"""The name under which :func:`attention` is registered with transformers' ``AttentionInterface``."""
ENCODERS = frozenset({"bert", "roberta", "xlm-roberta", "electra", "camembert"})
"""``config.model_type`` of the models that get :func:`attention`: encoders whose every piece attends to every other
(one key/value head per query head; a decoder's causal mask or grouped heads are not handled). Others keep theirs."""
POSITION_OFFSET = frozenset({"roberta", "xlm-roberta", "camembert"})
"""``config.model_type`` of the :data:`ENCODERS` whose positions start after the padding id (RoBERTa's scheme)."""
PIECE_BLOCK = 16
""":func:`attention` runs on queries and keys padded to whole blocks of this many pieces (the padded keys masked
out). oneDNN compiles and keeps a kernel, with its own scratch memory, for every shape of bf16 matrix product it
meets, and batches of every padded length kept meeting new ones: ``bench_memory.py --dtype bf16`` (tiny model),
5k → 50k sentences, +44 to +46 MB unpadded (+5 with these products in float32 instead, by hand), +16 MB padded
to blocks of 8 (+17 with the rows filled to blocks of 32, +22 with blocks of 16 from a level 46 MB lower,
:data:`~.onednn.ROW_BLOCK`: ``benchmarks/predict_memory_modes.json``), and the level 108 MB lower from the first
point on. Blocks of 16 rather than 8 keep a text's results those of the text alone: torch's float32 product of
queries and keys (MKL) sums in another order for 8 keys than for 16 or more (by hand). The padded pieces cost
no measurable time (``scripts/bench_blocks.py``, against attention's pieces not padded: fp32 +4.3 % against
+4.5 %, bf16 +2.8 % against +3.1 %, both over no blocks at all). Chunks of query rows (:data:`CHUNK_SCORES`) hold
whole blocks too."""
KEY_BLOCK = 128
"""In float32 the attention-weighted values are summed over at most this many keys per matrix product, the blocks'
results added in order: a text's result then does not depend on how wide its batch is (the blocks past its own
keys add zeros). torch's float32 product (MKL, this machine, by hand) gives the same sums over 8 to 128 keys as
over the same keys padded with zeros to 128, at any number of query rows, but not over 200 keys against 256.
bf16 products (oneDNN, float32 sums rounded once) run whole: their sums did not move with the width."""
CHUNK_SCORES = 1 << 20
"""Attention scores per chunk of query rows (4 MB in float32), which bounds the per-thread score buffers. Before
those buffers, larger score tensors ran slower (a 494-piece window, 12 heads: 5.2 ms per layer in one piece, 4.0 ms
in chunks of this size, 4.5 ms at 4×); with them, ¼× to 8× this size give the quick workload the same time
(0.844–0.876 s)."""


class UnpaddedUnsupported(RuntimeError):
    """A token classifier's forward kept :func:`token_logits`' layout from its attention layers."""


@dataclass
class Unpadded:
    """Where the real pieces of a padded ``[batch, width]`` batch are, for a model run on them alone (one row of
    their ``len(rows)`` pieces, then filler up to a whole :data:`~.onednn.ROW_BLOCK`, see :func:`token_logits`):
    piece ``n`` of the row is ``(rows[n], cols[n])`` of the batch; ``mask``: the batch's float32 additive mask,
    widened to a whole :data:`PIECE_BLOCK` (``[batch, 1, 1, width']``, the added columns masked out); ``calls``:
    how many attention layers have used it (each must, or texts would attend to each other's pieces)."""

    rows: torch.Tensor
    cols: torch.Tensor
    mask: torch.Tensor
    calls: int = 0

    @property
    def shape(self) -> tuple[int, int]:
        """The padded batch's ``(batch, width')``, its width widened to a whole :data:`PIECE_BLOCK`."""
        return self.mask.shape[0], self.mask.shape[-1]


def attention(module: nn.Module, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
              attention_mask: torch.Tensor | None, scaling: float | None = None, dropout: float = 0.0,
              arapol_unpadded: Unpadded | None = None, **kwargs: Any) -> tuple[torch.Tensor, None]:
    """transformers' attention-function signature (``[batch, heads, pieces, head size]`` inputs; inference: no
    dropout, no attention weights returned): the scores of :data:`CHUNK_SCORES`-sized chunks of query rows, each
    softmax in float32 after the additive float32 mask of :func:`additive_mask` (a boolean one, True where a piece
    may attend, is turned into one); the products in the inputs' dtype, on queries and keys padded to whole
    :data:`PIECE_BLOCK` (the padded keys masked out). With ``arapol_unpadded`` the inputs are the real pieces of a
    padded batch in one row, then filler: the real pieces attend within their own text, laid out as the batch;
    the filler is left out and gets zeros."""
    if scaling is None:
        scaling = query.shape[-1] ** -0.5
    if attention_mask is not None and attention_mask.dtype == torch.bool:  # a model that makes its own mask
        attention_mask = _additive(attention_mask)
    with torch.autocast(query.device.type, enabled=False):
        if arapol_unpadded is None:
            # copied once, contiguous and padded to whole blocks: matmul would copy these strided views (heads
            # interleaved) for every chunk
            n_query, n_key = query.shape[2], key.shape[2]
            mask = _padded_mask(attention_mask, n_query, n_key, query.device)
            out = _chunked(pad_to_block(query, 2, PIECE_BLOCK), pad_to_block(key.transpose(2, 3), 3, PIECE_BLOCK),
                           pad_to_block(value, 2, PIECE_BLOCK), mask, scaling)
            return out[:, :, :n_query].transpose(1, 2).contiguous(), None
        u = arapol_unpadded
        u.calls += 1
        (batch, width), heads, size = u.shape, query.shape[1], query.shape[3]
        q, keys_t, v = (query.new_zeros(shape) for shape in ((batch, heads, width, size),
                                                             (batch, heads, size, width),
                                                             (batch, heads, width, size)))
        # each piece's [heads, size] into its place of the batch (keys transposed): one copy, as contiguous() is
        n = len(u.rows)  # the row's real pieces; the rest, up to a whole ROW_BLOCK, are filler (see token_logits)
        q.permute(0, 2, 1, 3)[u.rows, u.cols] = query[0, :, :n].transpose(0, 1)
        keys_t.permute(0, 3, 1, 2)[u.rows, u.cols] = key[0, :, :n].transpose(0, 1)
        v.permute(0, 2, 1, 3)[u.rows, u.cols] = value[0, :, :n].transpose(0, 1)
        out = _chunked(q, keys_t, v, u.mask, scaling).permute(0, 2, 1, 3)[u.rows, u.cols]
        if query.shape[2] > n:
            out = torch.cat([out, out.new_zeros((query.shape[2] - n, *out.shape[1:]))])
        return out.unsqueeze(0), None


def _padded_mask(mask: torch.Tensor | None, n_query: int, n_key: int, device: torch.device
                 ) -> torch.Tensor | None:
    """An additive float32 mask (``[batch, 1 or heads, 1 or n_query, n_key]``, or None) for queries and keys padded
    to whole :data:`PIECE_BLOCK` (:func:`~.onednn.pad_to_block`): the padded keys masked out (float32's lowest) on
    every row; the padded queries' rows, whose results are dropped, keep the real keys."""
    keys, queries = whole_blocks(n_key, PIECE_BLOCK), whole_blocks(n_query, PIECE_BLOCK)
    if keys == n_key and (mask is None or mask.shape[2] == 1 or queries == n_query):
        return mask
    keep = torch.ones((1, 1, 1, keys), dtype=torch.bool, device=device)
    keep[..., n_key:] = False
    if mask is None:
        return _additive(keep)
    rows = mask.shape[2] if mask.shape[2] == 1 else queries
    out = _additive(keep).expand(mask.shape[0], mask.shape[1], rows, -1).clone()
    out[:, :, :mask.shape[2], :n_key] = mask
    return out


def _chunked(query: torch.Tensor, keys_t: torch.Tensor, value: torch.Tensor, mask: torch.Tensor | None,
             scaling: float) -> torch.Tensor:
    """Attention on contiguous ``[batch, heads, pieces, size]`` queries and values and ``[..., size, pieces]``
    keys, :data:`CHUNK_SCORES` scores at a time (in this thread's :func:`_workspace`), in chunks of whole
    :data:`PIECE_BLOCK` query rows, the values weighted in blocks of :data:`KEY_BLOCK` keys; the result as
    ``[batch, heads, pieces, size]``."""
    batch, heads, n_query, _ = query.shape
    out = torch.empty((batch, heads, n_query, value.shape[-1]), dtype=value.dtype, device=value.device)
    rows = max(PIECE_BLOCK, CHUNK_SCORES // (batch * heads * keys_t.shape[-1]) // PIECE_BLOCK * PIECE_BLOCK)
    for i in range(0, n_query, rows):
        shape = (batch, heads, min(rows, n_query - i), keys_t.shape[-1])
        scores = torch.matmul(query[:, :, i:i + rows], keys_t, out=_workspace("scores", shape, query))
        biased = _workspace("biased", shape, query, torch.float32)
        if mask is None:
            biased.copy_(scores).mul_(scaling)
        else:  # mask + scaling · scores, in float32, in one pass
            chunk = mask[:, :, i:i + rows] if mask.shape[2] > 1 else mask
            torch.add(chunk.float(), scores, alpha=scaling, out=biased)
        probs = torch.ops.aten._softmax.out(biased, -1, False, out=_workspace("probs", shape, query, torch.float32))
        weights = probs if probs.dtype == value.dtype else scores.copy_(probs)  # in the inputs' dtype
        part, block = out[:, :, i:i + rows], KEY_BLOCK if value.dtype == torch.float32 else value.shape[2]
        torch.matmul(weights[..., :block], value[:, :, :block], out=part)
        for k in range(block, value.shape[2], block):
            part += torch.matmul(weights[..., k:k + block], value[:, :, k:k + block])
    return out


_WORKSPACES = threading.local()


def _workspace(name: str, shape: tuple[int, ...], like: torch.Tensor, dtype: torch.dtype | None = None
               ) -> torch.Tensor:
    """A ``shape`` tensor for :func:`_chunked`'s scores, kept per thread and grown as needed: glibc's allocator
    hands blocks of megabytes back to the system when they are freed, and fresh ones cost a page fault per 4 kB —
    half of the attention time on a 494-piece window (BERT-base, one thread; ``bench_predict.py``'s model). Each
    holds one chunk of scores: :data:`CHUNK_SCORES` values (the three: 10 MB), or one block of query rows where
    that is more (texts × heads × pieces × :data:`PIECE_BLOCK` over 2²⁰; never in ``predict()``'s CPU batches of
    256 pieces).
    They live as long as their thread, one set inside ``torch.inference_mode`` and one outside."""
    dtype, size = dtype or like.dtype, math.prod(shape)
    name += "-inference" if torch.is_inference_mode_enabled() else ""  # inference tensors stay inside that mode
    buffer = getattr(_WORKSPACES, name, None)
    if buffer is None or buffer.numel() < size or buffer.dtype != dtype or buffer.device != like.device:
        buffer = torch.empty(size, dtype=dtype, device=like.device)
        setattr(_WORKSPACES, name, buffer)
    return buffer[:size].view(shape)


def token_logits(model: nn.Module, inputs: Mapping[str, torch.Tensor]) -> torch.Tensor:
    """The logits (``[batch, width, labels]``) of a token classifier prepared by :func:`use_cpu_attention`
    (:func:`runs_unpadded`) on a padded batch, computed on its real pieces only: a batch with padding runs as one
    row of its texts' pieces, each with its own positions, attending within its text (:class:`Unpadded`); the
    linear layers, which take most of the time, skip the padding (the quick workload of ``bench_predict.py``: 7 %
    of its pieces). Each text's logits are those of the text run alone (bit for bit in the check of the module's
    doc); padded places get zeros. A model whose forward does not pass the layout on to every attention layer
    raises :class:`UnpaddedUnsupported` (its texts would have attended to each other)."""
    keep = inputs["attention_mask"].bool()
    if bool(keep.all()):
        return model(**inputs).logits
    if not bool(keep.any()):
        return torch.zeros((*keep.shape, model.config.num_labels), device=keep.device)
    rows, cols = keep.nonzero(as_tuple=True)
    if model.config.model_type in POSITION_OFFSET:  # the model's own rule: count the pieces that are not padding
        pad = model.config.pad_token_id
        counted = inputs["input_ids"].ne(pad) & keep
        positions = (counted.cumsum(1) * counted + pad)[rows, cols]
    else:
        positions = keep.cumsum(1)[rows, cols] - 1  # where each piece is in its text, whichever side is padded
    # the row filled up to a whole ROW_BLOCK (id 0, position 0, attending to nothing; their results are dropped):
    # the linear layers then run on whole blocks of rows, as PackedLinear would pad them, without its copy
    row = {k: pad_to_block(v[rows, cols], 0, onednn.ROW_BLOCK).unsqueeze(0) for k, v in inputs.items()
           if k != "attention_mask"}
    positions = pad_to_block(positions, 0, onednn.ROW_BLOCK)
    # the batch's layout in attention, widened to whole blocks of pieces (masked out) as :func:`attention` pads
    layout = pad_to_block(keep, 1, PIECE_BLOCK)
    unpadded = Unpadded(rows, cols, _additive(layout[:, None, None, :]))
    out = model(**row, position_ids=positions.unsqueeze(0), arapol_unpadded=unpadded).logits[0, :len(rows)]
    if unpadded.calls != model.config.num_hidden_layers:
        raise UnpaddedUnsupported(f"{type(model).__name__}: {unpadded.calls} of its "
                                  f"{model.config.num_hidden_layers} attention layers received the unpadded batch's "
                                  "layout: its forward does not pass keyword arguments on to attention")
    logits = out.new_zeros((*keep.shape, out.shape[-1]))
    logits[rows, cols] = out
    return logits


def runs_unpadded(model: nn.Module) -> bool:
    """Whether :func:`token_logits` serves ``model``: a token classifier (logits per piece) that uses
    :func:`attention`, and not as a decoder (the joined row has no causal mask; padded batches keep it)."""
    return (type(model).__name__.endswith("ForTokenClassification")
            and getattr(model.config, "_attn_implementation", None) == ATTENTION
            and not getattr(model.config, "is_decoder", False))


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


def use_cpu_attention(model: nn.Module) -> nn.Module:
    """Give ``model`` (in place, for inference on CPU) :func:`attention` when it takes transformers' attention
    functions and is one of the :data:`ENCODERS` (token classifiers then run unpadded, :func:`runs_unpadded`);
    others keep theirs. Return the model."""
    can_set = getattr(model, "_can_set_attn_implementation", None)
    kind = getattr(getattr(model, "config", None), "model_type", None)
    if kind in ENCODERS and callable(can_set) and can_set():
        _register_attention()
        model.set_attn_implementation(ATTENTION)
    else:
        log.info("%s (%s): keeps its own attention on CPU, so its scores can move in their last digits with the "
                 "texts batched with it", type(model).__name__, kind)
    return model
