"""Device and precision choices for inference."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import torch

from ..errors import ArapolError


def resolve_device(device: str | torch.device | None = "auto") -> torch.device:
    """``auto`` → CUDA when present, else CPU; anything else as ``torch.device`` understands it."""
    if device is None or device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        return torch.device(device)
    except (RuntimeError, TypeError) as exc:
        raise ArapolError(f"unknown device {device!r}: expected 'auto', 'cpu', 'cuda' or 'cuda:N'") from exc


def bf16_supported(device: torch.device) -> bool:
    """Whether bf16 matrix work is native on ``device`` (AMX/AVX512-BF16 CPUs, Ampere+ GPUs)."""
    if device.type == "cuda":
        return torch.cuda.is_bf16_supported()
    return bool(getattr(torch.backends.mkldnn, "is_available", lambda: False)()) and _cpu_has_bf16()


def _cpu_has_bf16() -> bool:
    try:
        flags = open("/proc/cpuinfo", encoding="ascii", errors="ignore").read()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def resolve_dtype(dtype: str, device: torch.device) -> str:
    """``auto`` → ``bf16`` where natively supported, else ``fp32``; ``bf16`` where unsupported is an error."""
    if dtype == "auto":
        return "bf16" if bf16_supported(device) else "fp32"
    if dtype not in ("fp32", "bf16"):
        raise ArapolError(f"unknown dtype {dtype!r}: expected 'auto', 'fp32' or 'bf16'")
    return dtype


@contextlib.contextmanager
def precision(dtype: str, device: torch.device) -> Iterator[None]:
    """Run the block under bf16 autocast when ``dtype == 'bf16'``."""
    if dtype == "bf16":
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16):
            yield
    else:
        yield
