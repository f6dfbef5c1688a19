"""Dated items grouped by period, for the pages a long chronology is split into (the book's parts,
the timeline's pages): a year each, or a month each for a year of more than `size` items.

Shared by the page types that split by time; `paging.py` then splits a period that is still too
long into numbered pages.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Callable, Generic, Sequence, TypeVar

from ..model import PartialDate

T = TypeVar("T")


@dataclass
class Period(Generic[T]):
    """The items of one period, in the order given; `key` is (year, month), month 0 for a whole
    year, or None for the undated items."""

    key: tuple[int, int] | None
    items: list[T]
    by_month: bool = False  # a month of a year split by month (month 0: month not given)

    @property
    def slug(self) -> str:
        """`2024`, `2024-03`, `2024-00` (the year's items whose month is not given), `undated`."""
        if self.key is None:
            return "undated"
        year, month = self.key
        return f"{year}-{month:02d}" if month or self.by_month else str(year)

    @property
    def title(self) -> str:
        if self.key is None:
            return "Undated"
        year, month = self.key
        if not self.by_month:
            return str(year)
        return f"{calendar.month_name[month]} {year}" if month else f"{year}, month not given"

    def holds(self, date: PartialDate | None) -> bool:
        if self.key is None or date is None:
            return False
        year, month = self.key
        return date.year == year and (not self.by_month or date.month == month)


def periods(items: Sequence[T], date_of: Callable[[T], PartialDate | None], size: int) -> list[Period[T]]:
    """`items` (sorted by date, either way) grouped by year, or by month for a year of more than
    `size` items, in the order they come; the undated ones last."""
    years: dict[int, list[T]] = {}
    undated: list[T] = []
    for item in items:
        date = date_of(item)
        (years.setdefault(date.year, []) if date else undated).append(item)
    found: list[Period[T]] = []
    for year, listed in years.items():
        if len(listed) <= size:
            found.append(Period((year, 0), listed))
            continue
        months: dict[int, list[T]] = {}
        for item in listed:
            months.setdefault(date_of(item).month, []).append(item)  # type: ignore[union-attr]
        found += [Period((year, month), grouped, by_month=True) for month, grouped in months.items()]
    return found + ([Period(None, undated)] if undated else [])
