"""Python's cyclic garbage collector paused while ``predict()`` builds its many small, acyclic lists.

Normalising, tokenising and windowing a chunk of texts, and decoding the model's answers into entity dicts,
allocate hundreds of thousands of lists, tuples and dicts that live until the chunk is done. Each allocation
counts towards the collector's thresholds, and its full collections then walk every live object again and
again: measured on 4,000 news sentences, ``prepare()`` took 0.86 s with the collector and 0.28 s without.
None of this work makes reference cycles. Only these stretches are paused, never the model's run.

The pause is counted across threads (``predict_stream`` prepares the next chunk in a background thread): the
collector comes back when the last pause ends, and only if it was on when the first began. A pause that ends
while others still hold the collector off collects the youngest generation itself, so that threads whose
pauses overlap cannot keep the rest of the process from collecting its garbage. A ``gc.disable()`` made by
another thread while a pause is held is undone when the last pause ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (as it was before once no pause is left)."""
    global _depth, _was_enabled
    entered = False
    try:
        with _lock:
            if _depth == 0:
                _was_enabled = gc.isenabled()
                gc.disable()
            _depth += 1
            entered = True
        yield
    finally:
        if entered:
            with _lock:
                _depth -= 1
                last, collect = _depth == 0, _was_enabled
                if last and collect:
                    gc.enable()
            if collect and not last:  # outside the lock: a finaliser may predict(), and so pause again
                gc.collect(0)
