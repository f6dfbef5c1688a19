"""`changes/`: every stance shift and every first position, newest first, grouped by month.

A returning reader's page: who moved, on which question, from what to what, when, and on what evidence
(each quote linked to its paragraph). The shifts come from core/stances.py, as on every other page.

A briefing with more changes than `page_size` gets them in one page per period, newest first, as the
timeline (`periods.py`: a year, or a month of a long year; `paging.py` splits a month still too long):
`changes/` keeps the counts and lists the periods, `changes/2024/` or `changes/2024-03/` holds
each period's changes. The feed links each change on the page that holds it (`change_pages`).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator

from ..core.stances import Shift, moves
from ..render.environment import render
from .paging import Page, page_links, split
from .periods import Period, periods
from .site import STANCE_WORDS, Site

PAGE = "changes/index.md"


def change_anchor(shift: Shift) -> str:
    """The anchor of a change on the changes page (the feed links to it). Ids never hold "--", so
    `actor--topic--date` cannot be read two ways."""
    return f"{shift.actor.id}--{shift.topic_id}--{shift.date or 'undated'}"


def month_of(shift: Shift) -> str:
    """The group a change is listed under: "July 2023", "2023" when only the year is known, or "Undated"."""
    date = shift.date
    if date is None:
        return "Undated"
    return f"{calendar.month_name[date.month]} {date.year}" if date.month else str(date.year)


def by_month(shifts: list[Shift]) -> list[tuple[str, list[Shift]]]:
    """Consecutive runs of one month, in the newest-first order the shifts come in."""
    groups: list[tuple[str, list[Shift]]] = []
    for shift in shifts:
        month = month_of(shift)
        if not groups or groups[-1][0] != month:
            groups.append((month, []))
        groups[-1][1].append(shift)
    return groups


def change_pages(site: Site) -> list[tuple[str, Page[Shift] | None, Period[Shift] | None]]:
    """(path, its page of changes, its period) for each page of What changed: one page, or with more
    changes than `page_size` an overview at `changes/` (page and period None) and a page per period."""
    shifts = site.shifts
    size = site.options.page_size
    if not 0 < size < len(shifts):
        return [(PAGE, split(shifts, 0, PAGE)[0], None)]
    found: list[tuple[str, Page[Shift] | None, Period[Shift] | None]] = [(PAGE, None, None)]
    for period in periods(shifts, lambda shift: shift.date, size):
        found += [(page.path, page, period) for page in split(period.items, size, f"changes/{period.slug}.md")]
    return found


def page_of_change(site: Site) -> dict[str, str]:
    """Shift key → the page of What changed that holds it (the feed links there)."""
    return {shift.key: path for path, page, _ in change_pages(site) if page is not None for shift in page.items}


def build(site: Site) -> Iterator[tuple[str, str]]:
    shifts = site.shifts
    moved = len(moves(shifts))
    in_pages = change_pages(site)
    overview = [
        (period, len(moves(period.items)), len(period.items) - len(moves(period.items)))
        for _, page, period in in_pages if period is not None and page is not None and page.number == 1
    ]
    for path, page, period in in_pages:
        linker = site.linker(path)
        yield path, render(
            "changes.md.j2",
            months=by_month(list(page.items)) if page else [],
            moves=moved,
            firsts=len(shifts) - moved,
            period=period,
            parts=overview if page is None else [],
            pages=page_links(page, linker, "Changes") if page else "",
            stance_words=STANCE_WORDS,
            anchor=change_anchor,
            ln=linker,
        )
