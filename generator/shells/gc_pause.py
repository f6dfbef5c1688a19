"""Python's cycle collector off while a shell reads the seeds and makes the pages.

Both shells build one large graph of objects and keep it; the collector would walk that graph again
and again while it grows and find next to nothing to free: 15% of `briefing generate` on 10,000
articles (docs/performance.md).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
