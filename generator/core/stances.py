"""Stances over time: an actor's positions on one topic form a series ordered by `as_of`.

The latest position is the actor's *current* stance, the one every single-stance view shows (the
bottom line, "where the actors stand", the stance matrix, the book's digest, counts and sorting);
the series is the history the topic and actor pages show, and each change of stance along it is a
*shift* (the `changes/` page and the feed list them).

Partial dates order as the first day they could mean, before any fuller date inside them:
`2023` < `2023-06` < `2023-06-01` < `2023-06-11` (PartialDate's tuple order). Positions listed out of
order in the file are fine; positions with the same `as_of` are an error (core/validate.py), so the
order never depends on how the file lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Actor, Position


@dataclass(frozen=True, slots=True)
class Step:
    """One position in a series, and the one before it (None for the first)."""

    actor: Actor
    topic_id: str
    position: Position
    before: Position | None

    @property
    def is_shift(self) -> bool:
        """A change of stance from an earlier position (not the first position, not a re-statement)."""
        return self.before is not None and self.before.stance != self.position.stance


@dataclass(frozen=True, slots=True)
class Series:
    actor: Actor
    topic_id: str
    positions: tuple[Position, ...]  # oldest first

    @property
    def current(self) -> Position:
        return self.positions[-1]

    @property
    def steps(self) -> list[Step]:
        return [
            Step(self.actor, self.topic_id, position, self.positions[index - 1] if index else None)
            for index, position in enumerate(self.positions)
        ]

    @property
    def changes(self) -> list[Step]:
        """The first position and every shift: what the `changes/` page lists."""
        return [step for step in self.steps if step.before is None or step.is_shift]

    @property
    def last_move(self) -> Step | None:
        """The latest shift, if the stance ever moved."""
        shifts = [step for step in self.steps if step.is_shift]
        return shifts[-1] if shifts else None


def _order(indexed: tuple[int, Position]) -> tuple:
    index, position = indexed
    # Undated first (only a lone position may be undated), then by date; the file's order breaks ties
    # only where validation has already reported a duplicate date.
    return (position.as_of is not None, position.as_of or (0, 0, 0), index)


def series_of(actor: Actor) -> dict[str, Series]:
    """topic id → the actor's series on it, for every topic the actor takes a position on, in the order
    the profile first names each topic (its author's order, as the book's digest and the export keep it)."""
    by_topic: dict[str, list[tuple[int, Position]]] = {}
    for index, position in enumerate(actor.positions):
        by_topic.setdefault(position.topic.value, []).append((index, position))
    return {
        topic_id: Series(actor, topic_id, tuple(p for _, p in sorted(found, key=_order)))
        for topic_id, found in by_topic.items()
    }
