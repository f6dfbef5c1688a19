"""Long lists split into pages a reader can move through: the one place that decides where a list
breaks, what the later pages are called and how a reader goes from one page to the next.

The first page keeps the list's address today (`articles/index.md`, `actors/<id>.md`); page n lives
in a `page/` folder beside it (`articles/page/2.md` → `articles/page/2/`). A list that fits on one
page gets no page links at all, so a small briefing looks as it did before lists were split.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

from ..render.escape import Markdown, text

T = TypeVar("T")

WINDOW = 2  # page numbers shown either side of the current one, besides the first and the last


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a split list."""

    items: Sequence[T]
    number: int  # from 1
    count: int  # pages in all (at least 1)
    first: int  # position of items[0] in the whole list, from 1
    total: int  # items in the whole list
    first_path: str  # docs-relative path of page 1

    @property
    def path(self) -> str:
        return page_path(self.first_path, self.number)

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1


def page_path(first_path: str, number: int) -> str:
    """`articles/index.md`, 3 → `articles/page/3.md`; `actors/x.md`, 2 → `actors/x/page/2.md`."""
    if number == 1:
        return first_path
    folder = posixpath.dirname(first_path) if first_path.endswith("index.md") else first_path[: -len(".md")]
    return posixpath.join(folder, "page", f"{number}.md")


def split(items: Sequence[T], size: int, first_path: str) -> list[Page[T]]:
    """`items` in pages of at most `size` (0: one page); always at least one page, maybe empty."""
    size = size if size > 0 else max(len(items), 1)
    count = max(1, -(-len(items) // size))
    return [
        Page(items[(n - 1) * size : n * size], n, count, (n - 1) * size + 1, len(items), first_path)
        for n in range(1, count + 1)
    ]


def _shown_numbers(page: Page) -> list[int | None]:
    """The page numbers to link, None where a run is left out: 1 … 7 8 [9] 10 11 … 50."""
    wanted = {1, page.count, *range(page.number - WINDOW, page.number + WINDOW + 1)}
    shown: list[int | None] = []
    for n in range(1, page.count + 1):
        if n in wanted:
            shown.append(n)
        elif shown[-1] is not None:
            shown.append(None)
    return shown


def page_links(page: Page, linker, noun: str, before: str = "Newer", after: str = "Older") -> Markdown:
    """"Articles 201–400 of 10,000 · ← Newer · 1 2 [3] … 50 · Older →" as one paragraph; nothing
    when the list fits on one page. `linker` is the Linker of the page the links sit on."""
    if page.count == 1:
        return Markdown("")
    def to(number: int, label: str) -> str:
        return linker.to(page_path(page.first_path, number), label)
    parts = [text(f"{noun} {page.first:,}–{page.last:,} of {page.total:,}")]
    if page.number > 1:
        parts.append(to(page.number - 1, f"← {before}"))
    numbers = " ".join(
        "…" if n is None else (f"**{n}**" if n == page.number else to(n, str(n))) for n in _shown_numbers(page)
    )
    parts.append(numbers)
    if page.number < page.count:
        parts.append(to(page.number + 1, f"{after} →"))
    return Markdown(" · ".join(parts) + "\n{: .briefing-pages }\n")
