"""`changes/`: every stance shift and every first position, newest first, grouped by month.

A returning reader's page: who moved, on which question, from what to what, when, and on what evidence
(each quote linked to its paragraph). The shifts come from core/stances.py, as on every other page.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator

from ..core.stances import Shift, moves
from ..render.environment import render
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


def build(site: Site) -> Iterator[tuple[str, str]]:
    shifts = site.shifts
    moved = len(moves(shifts))
    yield PAGE, render(
        "changes.md.j2",
        months=by_month(shifts),
        moves=moved,
        firsts=len(shifts) - moved,
        stance_words=STANCE_WORDS,
        anchor=change_anchor,
        ln=site.linker(PAGE),
    )
