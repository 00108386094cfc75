"""Python's cyclic garbage collector paused while ``predict()`` builds its many small, acyclic lists.

Normalising, tokenising and windowing a chunk of texts, and decoding the model's answers into entity dicts,
allocate hundreds of thousands of lists, tuples and dicts that live until the chunk is done. Each allocation
counts towards the collector's thresholds, and its full collections then walk every live object again and
again: measured on 4,000 news sentences, ``prepare()`` took 0.86 s with the collector and 0.28 s without.
None of this work makes reference cycles, so nothing is left for the collector to find. The pause is counted
across threads (``predict_stream`` prepares the next chunk in a background thread while the current one runs):
the collector comes back when the last pause ends, and only if it was on when the first began.
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
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
