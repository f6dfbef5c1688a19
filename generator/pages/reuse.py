"""Pages kept from the last time they were made, with the inputs they were made from.

A live preview makes the whole briefing again after each saved edit, though an edit changes few
pages: at 10,000 articles the actor pages alone take 7 s, the article pages 3 s, the exports 3 s.
The page types with one page per actor or article, and the exports' entries for them, go through
`reused()`: with a `Reuse` store (only `briefing serve` keeps one) what was made from unchanged
inputs is not made again.

A page's inputs are named by the page type (`actor.inputs`, `article.inputs`): the loaded objects it
reads (the loader gives the same object for a file that did not change, so most comparisons are one
`is`), and the values it reads from the briefing-wide indexes. A tuple compares item by item, each by
identity first and then by value, so objects rebuilt with the same content still match, and anything
that differs makes the page again. `tests/equivalence/test_reuse.py` holds pages made with a store to pages made
without one, through random edits of every kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from .. import fast

T = TypeVar("T")


class Reuse:
    """Each page group's last inputs and pages; a generation keeps only what it asked for."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], tuple[tuple, list]] = {}
        self.asked: set[tuple[str, str]] = set()
        self.reused = 0  # items whose kept pages were given, since the last `forget_unasked()`

    def get(self, kind: str, item: str, inputs: tuple, make: Callable[[], Iterable[T]]) -> list[T]:
        """What `make()` makes for one item (an actor's page and its continuation pages, say, or its
        entry in an export): what was kept when `inputs` equal the last ones, else made and kept."""
        key = (kind, item)
        self.asked.add(key)
        kept = self.kept.get(key)
        if kept is not None and kept[0] == inputs:
            self.reused += 1
            fast.took("page_reuse")
            return kept[1]
        made = list(make())
        self.kept[key] = (inputs, made)
        return made

    def forget_unasked(self) -> None:
        """After a generation: drop the pages of items that are gone (a deleted actor or article)."""
        for key in [key for key in self.kept if key not in self.asked]:
            del self.kept[key]
        self.asked = set()
        self.reused = 0


def reused(reuse: Reuse | None, kind: str, item: str, inputs: Callable[[], tuple], make: Callable[[], Iterable[T]]) -> Iterator[T]:
    """What `make()` makes, or what was kept when a store is given and the inputs are unchanged."""
    if reuse is None:
        yield from make()
    else:
        yield from reuse.get(kind, item, inputs(), make)
