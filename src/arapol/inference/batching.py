"""Length-sorted batches with dynamic padding.

Sorting windows by length before batching is what makes batching pay on CPU: news sentences range
from a handful of pieces to hundreds, and a batch padded to its longest member wastes most of its
work when lengths are mixed (measured: unsorted batches of 32 are slower than one sentence at a
time). Sorted, each batch pads by a few pieces at most.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np


def length_sorted_batches(lengths: Sequence[int], batch_size: int, max_tokens: int | None = None
                          ) -> Iterator[list[int]]:
    """Yield index batches of at most ``batch_size`` (and, with ``max_tokens``, at most that many padded
    pieces — never fewer than one item), longest first, so each batch pads little."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be ≥ 1, got {batch_size}")
    order = np.argsort(-np.asarray(lengths, dtype=np.int64), kind="stable").tolist()
    if max_tokens is None:
        for k in range(0, len(order), batch_size):
            yield order[k: k + batch_size]
        return
    k = 0
    while k < len(order):
        width = max(1, int(lengths[order[k]]))  # the longest of the batch: order is by decreasing length
        size = max(1, min(batch_size, max_tokens // width))
        yield order[k: k + size]
        k += size


def pad_arrays(rows: Sequence[dict[str, Sequence[int]]], pad_id: int) -> dict[str, np.ndarray]:
    """Right-pad each field of ``rows`` to the longest ``input_ids`` (``pad_id`` for ids, 0 elsewhere) and add
    an ``attention_mask``; return ``int64`` numpy arrays."""
    lens = np.fromiter((len(r["input_ids"]) for r in rows), dtype=np.int64, count=len(rows))
    width = int(lens.max()) if len(rows) else 0
    out: dict[str, np.ndarray] = {}
    for key in rows[0] if rows else ():
        t = np.full((len(rows), width), pad_id if key == "input_ids" else 0, dtype=np.int64)
        for i, r in enumerate(rows):
            t[i, : len(r[key])] = r[key]
        out[key] = t
    out["attention_mask"] = (np.arange(width)[None, :] < lens[:, None]).astype(np.int64)
    return out
