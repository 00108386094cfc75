"""Linear layers through oneDNN on CPU: fp32 training (:class:`OneDnnLinear`, where it beats MKL:
:func:`mkl_trains_faster`), and inference in fp32 or bf16 on prepacked weights with the feed-forward activation fused in
(:class:`PackedLinear`).

torch's CPU builds multiply fp32 matrices with MKL, which on AMD CPUs takes its AVX2 path; oneDNN, also inside
torch, uses AVX-512 there. On the 2-core AMD EPYC of ``benchmarks/README.md`` (by hand; one thread, BERT-base's shapes,
512 rows): MKL 113–121 GFLOP/s, oneDNN 251–264; a whole BERT-base forward 1.96× sooner, logits equal to 2e-6;
forward and backward of one linear layer 1.5–2× sooner, gradients equal to 1e-6 (relative).
Still fp32 arithmetic throughout (no bf16 or TF32 shortcut).

On CPUs whose best vector code in torch is AVX2 (no AVX-512), and on Intel CPUs, where MKL takes its AVX-512 path,
MKL trains sooner than oneDNN, and training keeps torch's own layers there (:func:`mkl_trains_faster`); inference
stays with oneDNN's prepacked layers, which MKL did not beat there (the whole ``predict()``: 1.02× with one thread,
0.89× with two on the AVX2 CPU; 0.94× with one thread on the Xeon). ``scripts/bench_linears.py`` on a 2-core AMD EPYC
of the Zen 3 family (AVX2 only; ``benchmarks/linears_avx2.json``) and on an Intel Xeon with AMX
(``benchmarks/linears_xeon_amx.json``) has the figures.

For inference the weights are fixed, so oneDNN may reorder them once into its own blocked layout
(``torch.ops.mkldnn._reorder_linear_weight``): same results (fp32: bit for bit), sooner — BERT-base's shapes, one
thread, by hand: fp32 3–5 % at 250–500 rows, ~20 % at 40; bf16 4–9 % at 100–1,000 rows, 40–90 % at 1–17. The packed
weights are a copy: transformers maps the checkpoint file into memory and the unpacked layers read their weights
from it, so in fp32 the resident memory grows by the linear layers' size (BERT-base: 835 → 1,164 MB peak in
``bench_predict.py --quick`` when the packing came in; the file's pages are clean and the kernel may drop them
under pressure).
"""

from __future__ import annotations

import functools
from typing import Any

import torch
from torch import nn

from ..errors import InferenceOnlyError
from .cpuinfo import cpu_vendor
from .linears import replace_linears

PACK_ROWS = 256
"""The row count oneDNN prepacks weights for (:data:`~.backend.CPU_BATCH_TOKENS`); other counts run as fast."""

ROW_BLOCK = 16
""":class:`PackedLinear` pads the rows it multiplies with zero rows up to a whole block of this many (their results
dropped), and token classifiers on CPU, which run one row of a batch's real pieces, fill that row up to a whole
block (:func:`~.cpu_attention.token_logits`). oneDNN compiles and keeps a kernel, with its own scratch memory, for
every row count it meets, and batches of every padded length meet new counts for a long while: resident memory
grew with each new batch shape (1–5 MB apiece for BERT-base). In whole blocks a layer meets few counts and the
growth stops early (``bench_memory.py``, tiny model, 5k → 50k sentences: fp32 +49 → +13 MB; 685 → 468 MB at 200k;
bf16 +147 → +23 MB, its attention padded too: :data:`~.cpu_attention.PIECE_BLOCK`). The price
(``scripts/bench_blocks.py``: an A/B in one process, BERT-base, one thread, 5,752 pieces): fp32 4.3 % of
``predict()``'s time, bf16 2.8 % (5.0 % and 2.7 % with fp32's batches run padded, before token classifiers ran
unpadded in every mode). The scheme
before (whole blocks of 32 in one call, the rest in a second, a copy joining the two) grew less (fp32 +8, bf16
+17–19) from a level about 50 MB higher, and cost fp32 8.6 %, bf16 5.5 % (the tail call ran few rows through the
whole weight); padding to blocks of 8 cost 2.4 % in fp32 but grew fp32 +27, bf16 +41 (by hand)."""


def whole_blocks(n: int, block: int) -> int:
    """``n`` rounded up to a whole number of ``block``."""
    return -(-n // block) * block


def pad_to_block(x: torch.Tensor, dim: int, block: int) -> torch.Tensor:
    """A contiguous ``x`` with zeros after its entries along ``dim``, up to a whole number of ``block`` of them
    (``x`` itself, made contiguous, when it holds whole blocks already)."""
    n = x.shape[dim]
    whole = whole_blocks(n, block)
    if whole == n:
        return x.contiguous()
    shape = list(x.shape)
    shape[dim] = whole
    out = x.new_empty(shape)
    out.narrow(dim, 0, n).copy_(x)
    out.narrow(dim, n, whole - n).zero_()
    return out


_ACTIVATIONS = {"GELUActivation": ("gelu", "none"), "GELUTanh": ("gelu", "tanh"),
                "NewGELUActivation": ("gelu", "tanh"), "ReLU": ("relu", "")}
"""Activations oneDNN fuses into a linear layer, by class name (transformers' ``ACT2CLS``; ``torch.nn.ReLU``):
oneDNN's post-op and algorithm."""


def _linear(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None, post_op: str = "none",
            algorithm: str = "") -> torch.Tensor:
    return torch.ops.mkldnn._linear_pointwise(x, weight, bias, post_op, [], algorithm)


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


@functools.cache
def packed_linear_supported(dtype: torch.dtype) -> bool:
    """Whether this torch build runs oneDNN's linear in ``dtype`` on prepacked weights, fused GELU included, and
    gets float32's result (bf16: to bf16 precision)."""
    if not torch.backends.mkldnn.is_available():
        return False
    try:
        gen = torch.Generator().manual_seed(0)
        x, w, b = (torch.randn(shape, generator=gen).to(dtype) for shape in ((5, 32), (16, 32), (16,)))
        packed = torch.ops.mkldnn._reorder_linear_weight(w, PACK_ROWS)
        want = nn.functional.gelu(nn.functional.linear(x.float(), w.float(), b.float()))
        got = _linear(x, packed, b, "gelu", "none").float()
        tol = {"atol": 1e-4, "rtol": 1e-4} if dtype == torch.float32 else {"atol": 0.1, "rtol": 0.02}
        return bool(torch.allclose(got, want, **tol))
    except (RuntimeError, AttributeError, NotImplementedError):
        return False


class PackedLinear(nn.Module):
    """An ``nn.Linear`` for inference on CPU in ``dtype`` (fp32 or bf16): the weight prepacked by oneDNN once,
    inputs cast to ``dtype``, results in ``dtype`` (float32 sums), with an optional activation fused in
    (``post_op``/``algorithm``, oneDNN's). Inference only: it cannot be copied, pickled or saved."""

    def __init__(self, linear: nn.Linear, dtype: torch.dtype = torch.float32, post_op: str = "none",
                 algorithm: str = "") -> None:
        super().__init__()
        weight = linear.weight.detach().to(dtype).contiguous()
        # oneDNN's opaque tensor: held as a plain attribute, outside the state dict (inference only)
        self.packed_weight = torch.ops.mkldnn._reorder_linear_weight(weight, PACK_ROWS)
        self.register_buffer("bias", None if linear.bias is None else linear.bias.detach().to(dtype),
                             persistent=False)
        self.in_features, self.out_features = linear.in_features, linear.out_features
        self.dtype, self.post_op, self.algorithm = dtype, post_op, algorithm

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise InferenceOnlyError("a model prepared for inference by oneDNN (PackedLinear: prepacked weights) "
                                 "cannot be copied, pickled or saved; load it again from its folder instead")

    def __deepcopy__(self, memo: dict) -> PackedLinear:
        return self.__reduce_ex__(None)

    def _save_to_state_dict(self, destination: Any, prefix: str, keep_vars: bool) -> None:
        # the state dict would leave the packed weight out: a save_pretrained() of the model, silently without its
        # linear layers' weights (a helper's probe)
        self.__reduce_ex__(None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x2 = x.reshape(-1, self.in_features).to(self.dtype)
        if x2.shape[0] == 0:
            return x2.new_zeros((*x.shape[:-1], self.out_features))
        # zero rows up to a whole block, their results dropped: the first rows of the result are a contiguous view
        y = _linear(pad_to_block(x2, 0, ROW_BLOCK), self.packed_weight, self.bias, self.post_op, self.algorithm)
        return y[: x2.shape[0]].reshape(*x.shape[:-1], self.out_features)

    def extra_repr(self) -> str:
        fused = f", {self.post_op} fused" if self.post_op != "none" else ""
        name = "bf16" if self.dtype == torch.bfloat16 else "fp32"
        return f"in_features={self.in_features}, out_features={self.out_features}, {name} oneDNN packed{fused}"


@functools.cache
def mkl_trains_faster() -> bool:
    """Whether fp32 training runs its linear layers sooner by torch's MKL than by oneDNN on this CPU: where torch's
    best vector code is AVX2 (x86 without AVX-512), and on Intel CPUs, where MKL takes its AVX-512 path too. Where
    oneDNN has AVX-512 and MKL takes its AVX2 path (AMD), oneDNN trained 1.5–2× sooner; on an AVX2-only AMD EPYC,
    MKL's forward and backward ran 1.22× oneDNN's speed with one thread and 1.18× with two
    (``benchmarks/linears_avx2.json``); on an Intel Xeon with AMX, 1.21× with one thread (1.14–1.27× over the layer
    shapes of e5-small and BERT-base, ``benchmarks/linears_xeon_amx.json``)."""
    if not torch.backends.mkl.is_available():
        return False
    return torch.backends.cpu.get_cpu_capability() == "AVX2" or cpu_vendor() == "GenuineIntel"


LINEAR_LAYERS = (nn.Linear, OneDnnLinear, PackedLinear)
"""The module types that compute a linear layer (``nn.Linear``, or it by oneDNN on CPU: what calibration hooks)."""


def use_packed_linears(model: nn.Module, dtype: torch.dtype) -> nn.Module:
    """Prepare ``model`` (in place, for inference) for oneDNN in ``dtype``: each feed-forward activation that
    oneDNN fuses is folded into the linear layer before it (modules with a ``dense`` linear layer and an
    ``intermediate_act_fn``: BERT, RoBERTa, XLM-R, ELECTRA), and every ``nn.Linear`` becomes a
    :class:`PackedLinear`; return the model."""
    blocks = [m for m in model.modules() if isinstance(getattr(m, "dense", None), nn.Linear)
              and type(getattr(m, "intermediate_act_fn", None)).__name__ in _ACTIVATIONS]
    for module in blocks:
        module.dense = PackedLinear(module.dense, dtype, *_ACTIVATIONS[type(module.intermediate_act_fn).__name__])
        module.intermediate_act_fn = nn.Identity()
    return replace_linears(model, lambda _, layer: PackedLinear(layer, dtype), lambda _, layer: True)
