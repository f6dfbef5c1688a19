"""Stance series: an actor's positions on one topic, ordered by `as_of`; the latest is its current stance.

Every page that shows a stance asks this module, so "which stance is current" and "did it move" are
decided in one place.

How dates order: `YYYY`, `YYYY-MM` and `YYYY-MM-DD` compare by what they say, and a date known only to
the month or the year is taken as the start of that month or year, so `2023` < `2023-06` <
`2023-06-01` < `2023-06-15` < `2023-07`. A position without `as_of` (allowed only when it is the
only one on its topic) comes first. Positions may be listed in any order in the file: the series is
sorted here; two positions with the same `as_of` are an error (`core/validate.py`), and keep their
listing order if a preview shows them anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..model import STANCES, Actor, PartialDate, Position

STANCE_ORDER = {stance: index for index, stance in enumerate(STANCES)}


def date_key(date: PartialDate | None) -> tuple[int, int, int, int]:
    """Sort key of an `as_of`: undated first, then by year, month, day (a missing part counts as 0)."""
    return (1, date.year, date.month, date.day) if date else (0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Shift:
    """A step of a series that changed the stance, or the series' first position (`before` is None)."""

    actor: Actor
    topic_id: str
    before: Position | None
    after: Position

    @property
    def date(self) -> PartialDate | None:
        return self.after.as_of

    @property
    def when(self) -> str:
        """The date in words ("June 2023"), or "undated" (only a series' single first position may be)."""
        return self.date.human() if self.date else "undated"

    @property
    def key(self) -> str:
        """Stable within a briefing (an `as_of` is unique within its series): `actor/topic/as_of`."""
        return f"{self.actor.id}/{self.topic_id}/{self.date or 'undated'}"


@dataclass(frozen=True)
class Series:
    """One actor's positions on one topic, oldest first."""

    actor: Actor
    topic_id: str
    steps: tuple[Position, ...]

    @property
    def current(self) -> Position:
        return self.steps[-1]

    @cached_property
    def shifts(self) -> tuple[Shift, ...]:
        """The first position, then every step whose stance differs from the step before. A step that
        keeps the stance (new evidence, another confidence) is part of the trajectory, not a shift."""
        found = [Shift(self.actor, self.topic_id, None, self.steps[0])]
        for before, after in zip(self.steps, self.steps[1:]):
            if after.stance != before.stance:
                found.append(Shift(self.actor, self.topic_id, before, after))
        return tuple(found)

    @property
    def moved(self) -> bool:
        return len(self.shifts) > 1

    @property
    def last_move(self) -> Shift | None:
        """The latest shift from one stance to another; None when the stance never moved."""
        return self.shifts[-1] if self.moved else None


def series_of(actor: Actor) -> list[Series]:
    """The actor's series, one per topic, in the order the profile first names each topic."""
    by_topic: dict[str, list[Position]] = {}
    for position in actor.positions:
        by_topic.setdefault(position.topic.value, []).append(position)
    return [
        Series(actor, topic_id, tuple(sorted(positions, key=lambda p: date_key(p.as_of))))
        for topic_id, positions in by_topic.items()
    ]


def by_current_stance(series: list[Series]) -> list[Series]:
    """From support to opposition by current stance, then by actor name and id."""
    return sorted(series, key=lambda s: (STANCE_ORDER[s.current.stance], s.actor.name, s.actor.id))


def moves(shifts: list[Shift]) -> list[Shift]:
    """The shifts from one stance to another, without the first positions, in the order given."""
    return [shift for shift in shifts if shift.before is not None]


def newest_first(shifts: list[Shift]) -> list[Shift]:
    """Shifts by date, newest first (undated last), then by actor name, actor id and topic id."""
    ordered = sorted(shifts, key=lambda s: (s.actor.name, s.actor.id, s.topic_id))
    return sorted(ordered, key=lambda s: date_key(s.date), reverse=True)
