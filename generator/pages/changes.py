"""`changes/`: every stance shift and every first position, newest first, grouped by month.

A returning reader's page: who moved, when, and on what evidence. The Atom feed (feed.py) carries
the shifts too, each linking to its entry here.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator

from ..core.stances import Step
from ..model import PartialDate
from ..render.environment import render
from .site import STANCE_WORDS, Site

PAGE = "changes/index.md"


def change_anchor(step: Step) -> str:
    """A stable anchor (and feed id) for one change: actor, topic and date are unique together."""
    return f"change-{step.actor.id}-{step.topic_id}-{step.position.as_of or 'undated'}"


def _newest_first(step: Step) -> tuple:
    as_of = step.position.as_of
    # Undated last; then newest first (a year alone after the months of that year); then by name.
    return (as_of is None, tuple(-x for x in (as_of.year, as_of.month, as_of.day)) if as_of else (), step.actor.name, step.actor.id, step.topic_id)


def all_changes(site: Site) -> list[Step]:
    """The first position and every shift of every series, newest first."""
    steps = [step for by_topic in site.series.values() for series in by_topic.values() for step in series.changes]
    return sorted(steps, key=_newest_first)


def _month(as_of: PartialDate | None) -> str:
    if as_of is None:
        return "Undated"
    return f"{calendar.month_name[as_of.month]} {as_of.year}" if as_of.month else str(as_of.year)


def build(site: Site) -> Iterator[tuple[str, str]]:
    groups: list[tuple[str, list[Step]]] = []
    for step in all_changes(site):
        month = _month(step.position.as_of)
        if not groups or groups[-1][0] != month:
            groups.append((month, []))
        groups[-1][1].append(step)
    yield PAGE, render(
        "changes.md.j2",
        groups=groups,
        shifts=sum(1 for _, steps in groups for step in steps if step.is_shift),
        stance_words=STANCE_WORDS,
        anchor=change_anchor,
        topics=site.corpus.topics,
        ln=site.linker(PAGE),
    )
