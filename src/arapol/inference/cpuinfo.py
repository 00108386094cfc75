"""What ``/proc/cpuinfo`` says about this CPU (its first processor): the feature flags and the vendor, which decide
the kernels arapol picks on CPU. Empty where the file cannot be read (not Linux)."""

from __future__ import annotations

import functools


@functools.cache
def first_processor() -> dict[str, str]:
    """The first processor's fields (``model name``, ``flags``, ``vendor_id``…)."""
    fields: dict[str, str] = {}
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="ignore") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if not key.strip():
                    break  # the first processor's block is enough
                fields.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    return fields


def cpu_flags() -> frozenset[str]:
    """The CPU's feature flags (``avx512_bf16``, ``amx_bf16``…)."""
    return frozenset(first_processor().get("flags", "").split())


def cpu_vendor() -> str:
    """The CPU's vendor id: ``GenuineIntel``, ``AuthenticAMD``… (empty where unknown)."""
    return first_processor().get("vendor_id", "")
