"""Length-sorted batches with dynamic padding."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import torch


def length_sorted_batches(lengths: Sequence[int], batch_size: int) -> Iterator[list[int]]:
    """Yield index batches of at most ``batch_size``, longest first, so each batch pads little."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be ≥ 1, got {batch_size}")
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    for k in range(0, len(order), batch_size):
        yield order[k: k + batch_size]


def pad_batch(rows: Sequence[dict[str, Sequence[int]]], pad_id: int, device: torch.device) -> dict[str, torch.Tensor]:
    """Right-pad each field of ``rows`` to the longest ``input_ids`` (``pad_id`` for ids, 0 elsewhere) and add
    an ``attention_mask``; return tensors on ``device``."""
    width = max(len(r["input_ids"]) for r in rows)
    out: dict[str, torch.Tensor] = {}
    for key in rows[0]:
        t = torch.full((len(rows), width), pad_id if key == "input_ids" else 0, dtype=torch.long)
        for i, r in enumerate(rows):
            t[i, : len(r[key])] = torch.as_tensor(r[key], dtype=torch.long)
        out[key] = t
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        mask[i, : len(r["input_ids"])] = 1
    out["attention_mask"] = mask
    return {k: v.to(device) for k, v in out.items()}
