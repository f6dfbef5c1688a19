"""Python's cycle collector off while a shell reads the seeds and makes the pages.

Both shells build one large graph of objects and keep it; the collector would walk that graph again
and again while it grows and find next to nothing to free: 15% of `briefing generate` on 10,000
articles (docs/performance.md).

When it is switched on again, everything made meanwhile is moved to the oldest generation first
(`gc.freeze()` then `gc.unfreeze()`: a list splice, no walk). Left in the youngest, it would all be
walked by the first young collection after the pause, the next allocation's: 0.4 s at 9,600 articles,
growing faster than the briefing (issue 12). In the oldest it is collected as any long-lived object is.
"""

from __future__ import annotations

import ctypes
import gc
from .. import fast
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    if not fast.on("collector_paused"):
        yield
        return
    fast.took("collector_paused")
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def give_back_freed_memory() -> None:
    """Hand the memory freed so far back to the system. The C library keeps freed blocks for the
    process to reuse, so a process that dropped a gigabyte of objects still holds it; with glibc,
    `malloc_trim` returns every free page. Elsewhere this does nothing."""
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)
