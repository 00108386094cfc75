"""Device, precision, backend and thread choices for inference, and the runners that execute a model.

A *runner* takes a padded batch as numpy ``int64`` arrays (``input_ids``, ``attention_mask`` and, for
pair models, ``token_type_ids``) and returns the logits as a float32 numpy array. The modes:

====================  ===========================================================================
``dtype="fp32"``      PyTorch, float32; on CPU with oneDNN's prepacked linear layers (:mod:`.onednn`).
``dtype="bf16"``      PyTorch in bf16 (CPUs with AVX512-BF16/AMX, Ampere+ GPUs): on CPU under autocast with
                      oneDNN's prepacked bf16 linear layers; on a GPU the whole model cast to bf16.
``dtype="int8"``      PyTorch, linear layers dynamically quantised to int8 (CPU).
``backend="onnx"``    ONNX Runtime (the ``onnx`` extra), float32, or int8 with ``dtype="int8"``.
``dtype="auto"``      bf16 where the device runs it natively, else fp32.
====================  ===========================================================================

On CPU the three torch modes run encoders with chunked attention, token classifiers on the real pieces of a padded
batch only (:mod:`.cpu_attention`): with oneDNN's prepacked linear layers (:func:`~.onednn.packed_linear_supported`)
a text's results do not depend on the texts batched with it (in bf16 on a CPU with AMX, within a bf16 rounding step:
:func:`bf16_batch_exact`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator, Mapping
from typing import Protocol

import numpy as np
import torch

from ..errors import ArapolError
from .cpu_attention import UnpaddedUnsupported, runs_unpadded, token_logits, use_cpu_attention
from .cpuinfo import cpu_flags
from .onednn import onednn_linear_supported, packed_linear_supported, use_onednn_linears, use_packed_linears

log = logging.getLogger(__name__)

DTYPES = ("fp32", "bf16", "int8", "auto")
BACKENDS = ("torch", "onnx")


def resolve_device(device: str | torch.device | None = "auto", *, dtype: str | None = None,
                   backend: str | None = None) -> torch.device:
    """``auto`` → CUDA when present, else CPU, and CPU whenever ``dtype="int8"`` or ``backend="onnx"`` is asked
    for (they run on CPU only); ``cpu`` and ``cuda`` (``cuda:N``) as ``torch.device`` reads them."""
    if device is None or device == "auto":
        cpu_only = dtype == "int8" or backend == "onnx"
        return torch.device("cuda" if torch.cuda.is_available() and not cpu_only else "cpu")
    try:
        dev = torch.device(device)
    except (RuntimeError, TypeError) as exc:
        raise ArapolError(f"unknown device {device!r}: expected 'auto', 'cpu', 'cuda' or 'cuda:N'") from exc
    if dev.type not in ("cpu", "cuda"):  # mps, xpu, meta...: failed later, inside torch (a helper's probe)
        raise ArapolError(f"device {device!r}: arapol runs on 'cpu' or 'cuda' ('cuda:N'), or 'auto'")
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ArapolError(f"device {device!r}: this torch sees no CUDA GPU (use 'cpu', or 'auto' to take a GPU "
                          "where there is one)")
    if dev.type == "cuda" and dev.index is not None and dev.index >= torch.cuda.device_count():
        raise ArapolError(f"device {device!r}: there are {torch.cuda.device_count()} CUDA GPUs (cuda:0 ...)")
    return dev


def bf16_supported(device: torch.device) -> bool:
    """Whether bf16 matrix work is native on ``device`` (AMX/AVX512-BF16 CPUs, Ampere+ GPUs: compute capability
    8.0 or more, the card ``device`` names; ``torch.cuda.is_bf16_supported()`` also counts the emulated bf16 of
    older cards, several times slower than fp32 there)."""
    if device.type == "cuda":
        return torch.cuda.get_device_capability(device)[0] >= 8
    return bool(getattr(torch.backends.mkldnn, "is_available", lambda: False)()) and _cpu_has_bf16()


def bf16_batch_exact() -> bool:
    """Whether oneDNN's bf16 linear layers give a row the same result whatever the number of rows run with it: not
    on CPUs with AMX, whose bf16 kernels change with the row count (a 1536-wide layer on a Xeon with AMX, 2026-12-05:
    48 to 368 rows summed one way, up to 32 and from 384 another; a bf16 rounding step apart, by hand)."""
    return "amx_bf16" not in cpu_flags()


def _cpu_has_bf16() -> bool:
    flags = cpu_flags()
    return "avx512_bf16" in flags or "amx_bf16" in flags


def int8_dot_missing() -> bool:
    """Whether this is an x86 CPU without int8 dot-product instructions (VNNI, AMX-INT8), where ``torch._int_mm``
    has no fast kernel: 3.1 GOP/s against fp32's 86.2 GFLOP/s on a 2-core AMD EPYC of the Zen 3 family
    (``scripts/bench_predict.py``'s GEMM limits at commit c68eb9f, one thread; it has measured no int8 limit on
    such CPUs since). ONNX Runtime's int8 kernels need no VNNI."""
    flags = cpu_flags()
    return "sse2" in flags and not flags & {"avx512_vnni", "avx_vnni", "amx_int8"}


def check_mode(dtype: str | None, backend: str | None) -> None:
    """Refuse an unknown dtype or backend name (``None``: not given), and ONNX in bf16, which no device runs."""
    for name, value, allowed in (("dtype", dtype, DTYPES), ("backend", backend, BACKENDS)):
        if value is not None and value not in allowed:
            raise ArapolError(f"unknown {name} {value!r}: expected one of {list(allowed)}")
    if backend == "onnx" and dtype == "bf16":
        raise ArapolError("backend='onnx' runs fp32 or int8, not bf16; use backend='torch' for bf16")


def resolve_dtype(dtype: str, device: torch.device, backend: str = "torch") -> str:
    """``auto`` → ``bf16`` where natively supported, else ``fp32``; ``bf16`` where not native → ``fp32`` with a
    warning (emulated bf16 would be several times slower than fp32, and no more accurate); so is torch's ``int8``
    on a CPU without int8 dot-product instructions (:func:`int8_dot_missing`)."""
    if dtype == "auto":
        return "bf16" if bf16_supported(device) else "fp32"
    check_mode(dtype, None)
    if dtype == "bf16" and not bf16_supported(device):
        log.warning("dtype='bf16': this %s has no native bf16 (avx512_bf16/AMX, or a GPU with bf16); running fp32",
                    device.type.upper())
        return "fp32"
    if dtype == "int8" and device.type != "cpu":
        raise ArapolError("dtype='int8' (dynamic int8 quantisation) runs on CPU only: pass device='cpu', or use "
                          "'bf16' on a GPU")
    if dtype == "int8" and backend == "torch" and int8_dot_missing():
        log.warning("dtype='int8': this CPU has no int8 dot-product instructions (VNNI or AMX-INT8), where torch's "
                    "int8 matrix product runs many times slower than fp32; running fp32 (backend='onnx' runs int8 "
                    "with kernels of its own)")
        return "fp32"
    return dtype


def resolve_backend(backend: str, device: torch.device, dtype: str) -> str:
    """Check a backend name against the device and dtype."""
    check_mode(None, backend)
    if backend == "onnx" and device.type != "cpu":
        raise ArapolError("backend='onnx' runs on CPU (ONNX Runtime's CPU provider): pass device='cpu', or use "
                          "backend='torch' on a GPU")
    check_mode(dtype if dtype in DTYPES else None, backend)
    return backend


@contextlib.contextmanager
def precision(dtype: str, device: torch.device) -> Iterator[None]:
    """Run the block under bf16 autocast when ``dtype == 'bf16'``."""
    if dtype == "bf16":
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16):
            yield
    else:
        yield


_THREADS_LOCK = threading.Lock()
_threads_blocks = 0  # blocks of torch_threads running now, in any thread
_threads_before = 0  # torch's setting before the first of them began


@contextlib.contextmanager
def torch_threads(threads: int | None) -> Iterator[None]:
    """Run the block with ``threads`` intra-op threads; ``None`` leaves torch's setting — the user's
    ``torch.set_num_threads``/``OMP_NUM_THREADS``, else one per physical core — alone.

    The setting is the process's, and a thread that first runs torch takes the value of that moment. So blocks in
    several threads at once share one setting from before the first of them began, and every thread leaving a
    block goes back to it (not to what it saw on entering, which may be another block's)."""
    global _threads_blocks, _threads_before
    if threads is None:
        yield
        return
    if threads < 1:
        raise ArapolError(f"threads must be ≥ 1, got {threads}")
    with _THREADS_LOCK:
        if not _threads_blocks:
            _threads_before = torch.get_num_threads()
        _threads_blocks += 1
        torch.set_num_threads(threads)
    try:
        yield
    finally:
        with _THREADS_LOCK:
            _threads_blocks -= 1
            torch.set_num_threads(_threads_before)


def default_threads() -> int:
    """The thread count for runtimes that do not read torch's: torch's current setting (which respects the
    user's ``torch.set_num_threads`` and ``OMP_NUM_THREADS``), at most the CPUs this process may use."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(torch.get_num_threads(), cpus))


CPU_BATCH_TOKENS = 256
"""Padded pieces per batch on CPU. Measured by hand on a BERT-base token classifier (2-core AMD EPYC, 1 thread):
budgets of 256–512 pieces run 5–25 % faster than 1024–2048 in every mode (the activations of a batch stay
in cache), and a budget keeps one 512-piece window of a long article from padding 31 sentences to its length.
With fp32 by oneDNN, 256 against 512 (timed by hand with ``predict()`` on ``bench_predict.py``'s workloads, not
in a file): the same on 512 sentences and 4 articles (fp32 29.6 s, onnx-int8 12.2 s, bf16 16.8 s; torch int8
12.7 against 13–16 s) and 9–15 % sooner on the quick workload of 24 sentences and an article (less padding:
1,952 padded pieces against 2,223), torch int8 excepted (8 % later); ``bench_predict.py --quick`` with 256 is
in ``benchmarks/predict_cpu.json``."""


def batch_token_budget(device: torch.device) -> int | None:
    """The default batch budget in padded pieces: :data:`CPU_BATCH_TOKENS` on CPU, none on GPUs (which want
    the largest batches)."""
    return CPU_BATCH_TOKENS if device.type == "cpu" else None


class Runner(Protocol):
    """Runs a padded batch and returns float32 logits."""

    def __call__(self, inputs: Mapping[str, np.ndarray]) -> np.ndarray: ...


class TorchRunner:
    """A Hugging Face model in PyTorch: fp32 (linear layers by oneDNN on CPU, prepacked, see :mod:`.onednn`), bf16
    (on CPU autocast with oneDNN's prepacked bf16 layers; elsewhere the whole model cast), or int8 linear layers
    (smoothed where ``input_max``, the model's calibration, has the layer); on CPU with :mod:`.cpu_attention`'s
    attention, token classifiers unpadded."""

    def __init__(self, model: torch.nn.Module, device: torch.device, dtype: str,
                 input_max: Mapping[str, torch.Tensor] | None = None) -> None:
        self.autocast = dtype == "bf16" and device.type == "cpu" and packed_linear_supported(torch.bfloat16)
        """bf16 by autocast around oneDNN's prepacked bf16 layers (CPU), not by the whole model cast to bf16."""
        if dtype == "int8":
            from .quantize import int8_supported, quantize_linears

            if not int8_supported():
                raise ArapolError("this PyTorch build has no CPU int8 matrix multiply (torch._int_mm); "
                                  "use dtype='fp32' or backend='onnx'")
            model = quantize_linears(model, skip=("classifier",), input_max=input_max)
            if packed_linear_supported(torch.float32):  # the classifier, kept in float32: by oneDNN too, whose
                model = use_packed_linears(model, torch.float32)  # sums do not depend on the batch's row count
        elif self.autocast:
            model = use_packed_linears(model, torch.bfloat16)
        elif dtype == "bf16":
            # the whole model in bf16 (embeddings, LayerNorms, the residual stream), run without autocast: on an
            # H200 a BERT-base reached 30.6 % and 30.2 % of the bf16 peak at batches of 512 in two runs, where bf16
            # linear layers under autocast (casts and dispatch around every small op) reached 24.9 % and 24.7 %
            # (``scripts/bench_gpu.py``, benchmarks/README.md)
            model = model.to(torch.bfloat16)
        elif device.type == "cpu":
            if packed_linear_supported(torch.float32):
                model = use_packed_linears(model, torch.float32)
            elif onednn_linear_supported():
                model = use_onednn_linears(model)
        if device.type == "cpu":
            model = use_cpu_attention(model)
        self.model, self.device, self.dtype = model, device, dtype
        self.unpadded = runs_unpadded(model)

    def __call__(self, inputs: Mapping[str, np.ndarray]) -> np.ndarray:
        tensors = {k: torch.from_numpy(v).to(self.device) for k, v in inputs.items()}
        with torch.inference_mode(), precision("bf16" if self.autocast else "fp32", self.device):
            if self.unpadded:
                try:
                    return token_logits(self.model, tensors).float().cpu().numpy()
                except UnpaddedUnsupported as exc:
                    log.warning("%s; its batches run padded from now on", exc)
                    self.unpadded = False
            return self.model(**tensors).logits.float().cpu().numpy()


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """A numerically stable float32 softmax."""
    z = np.exp(x - x.max(axis=axis, keepdims=True), dtype=np.float32)
    z /= z.sum(axis=axis, keepdims=True)
    return z
