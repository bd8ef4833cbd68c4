"""A pause of Python's cyclic garbage collector around work that allocates many objects and no cycles.

The cyclic collector runs after every few hundred allocations of containers, and every so often
walks every live container: with CC-CEDICT, pypinyin's phrase table and jieba's words loaded, some
250,000 of them, 90–160 ms a walk here. Annotation allocates tokens, lists and tuples by the
hundred thousand, none of them in a cycle, so those walks found nothing to free and took a quarter
of the annotation time of varied text (benchmarks/throughput.py). Objects are still freed by their
reference counts as usual during a pause; only cycles wait for the collector's next run after it.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused():
    """Run the body with the cyclic collector off; it is switched on again after (if it was on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
