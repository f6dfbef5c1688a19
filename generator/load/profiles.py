"""Actor, topic, event and article-metadata documents (already schema-checked) into model objects.

Only documents that passed the schema check reach these builders, so keys and types are known good;
what is left to check here is what JSON Schema cannot say: real calendar dates, an LEI's check digits.
"""

from __future__ import annotations

from typing import Any

from ..model import (
    Actor, Citation, Event, Link, Located, PartialDate, Position, Relation, Role, Topic,
)
from ..core.identifiers import lei_problem
from ..problems import Problems
from .located_yaml import Mapping, Node, Scalar, Sequence


class _Reader:
    """Typed access to one schema-valid mapping, reporting impossible dates where they are written."""

    def __init__(self, problems: Problems):
        self.problems = problems

    def text(self, mapping: Mapping, key: str, default: str = "") -> str:
        node = mapping.get(key)
        return str(node.value) if isinstance(node, Scalar) and node.value is not None else default

    def located(self, mapping: Mapping, key: str) -> Located | None:
        node = mapping.get(key)
        return Located(str(node.value), node.location) if isinstance(node, Scalar) else None

    def located_list(self, mapping: Mapping, key: str) -> list[Located]:
        node = mapping.get(key)
        if not isinstance(node, Sequence):
            return []
        return [Located(str(item.value), item.location) for item in node.items if isinstance(item, Scalar)]

    def strings(self, mapping: Mapping, key: str) -> list[str]:
        return [item.value for item in self.located_list(mapping, key)]

    def mappings(self, mapping: Mapping, key: str) -> list[Mapping]:
        node = mapping.get(key)
        return [item for item in node.items if isinstance(item, Mapping)] if isinstance(node, Sequence) else []

    def date(self, mapping: Mapping, key: str) -> PartialDate | None:
        node = mapping.get(key)
        if not isinstance(node, Scalar) or node.value is None:
            return None
        try:
            return PartialDate.parse(str(node.value))
        except ValueError as error:
            self.problems.error(node.location, f"'{key}': {error}")
            return None

    def citations(self, mapping: Mapping, key: str = "sources") -> list[Citation]:
        return [
            Citation(
                location=item.location,
                article=self.located(item, "article"),
                quote=self.located(item, "quote"),
                url=self.text(item, "url"),
                title=self.text(item, "title"),
                outlet=self.text(item, "outlet"),
                date=self.date(item, "date"),
            )
            for item in self.mappings(mapping, key)
        ]


def build_actor(actor_id: str, path: str, root: Node, problems: Problems) -> Actor:
    assert isinstance(root, Mapping)
    r = _Reader(problems)
    identifiers: dict[str, Any] = {}
    ids_node = root.get("identifiers")
    if isinstance(ids_node, Mapping):
        identifiers = {k: str(v.value) for k, v in sorted(ids_node.entries.items()) if isinstance(v, Scalar)}
        lei = ids_node.get("lei")
        if isinstance(lei, Scalar) and (problem := lei_problem(str(lei.value))):
            problems.error(lei.location, problem)  # the form is the schema's; the check digits are here
            del identifiers["lei"]
    return Actor(
        id=actor_id,
        path=path,
        name=r.text(root, "name"),
        name_location=root.get("name").location,  # type: ignore[union-attr]
        kind=r.text(root, "kind"),
        aliases=r.located_list(root, "aliases"),
        summary=r.text(root, "summary"),
        country=r.located(root, "country"),
        roles=[
            Role(
                r.text(m, "title"), r.located(m, "organization"), r.date(m, "start"), r.date(m, "end"), m.location,
                end_location=m.get("end").location if m.get("end") else None,
            )
            for m in r.mappings(root, "roles")
        ],
        positions=[
            Position(
                topic=r.located(m, "topic"),  # type: ignore[arg-type]
                stance=r.text(m, "stance"),
                summary=r.text(m, "summary"),
                as_of=r.date(m, "as_of"),
                confidence=r.text(m, "confidence"),
                sources=r.citations(m),
                location=m.location,
                as_of_location=m.get("as_of").location if m.get("as_of") else None,
            )
            for m in r.mappings(root, "positions")
        ],
        relations=[
            Relation(
                type=r.text(m, "type"),
                target=r.located(m, "target"),  # type: ignore[arg-type]
                start=r.date(m, "start"),
                end=r.date(m, "end"),
                sources=r.citations(m),
                location=m.location,
                end_location=m.get("end").location if m.get("end") else None,
            )
            for m in r.mappings(root, "relations")
        ],
        identifiers=identifiers,
        links=[Link(r.text(m, "title"), r.text(m, "url")) for m in r.mappings(root, "links")],
        tags=r.strings(root, "tags"),
        reviewed=r.date(root, "reviewed"),
    )


def build_topic(topic_id: str, path: str, root: Node, problems: Problems) -> Topic:
    assert isinstance(root, Mapping)
    r = _Reader(problems)
    return Topic(topic_id, path, r.text(root, "title"), r.text(root, "question"), r.text(root, "summary"), r.strings(root, "tags"))


def build_event(event_id: str, path: str, root: Node, problems: Problems) -> Event | None:
    assert isinstance(root, Mapping)
    r = _Reader(problems)
    date = r.date(root, "date")
    if date is None:
        return None
    return Event(
        id=event_id,
        path=path,
        date=date,
        title=r.text(root, "title"),
        summary=r.text(root, "summary"),
        actors=r.located_list(root, "actors"),
        topics=r.located_list(root, "topics"),
        sources=r.citations(root),
    )


def article_metadata(root: Node, problems: Problems) -> dict[str, Any]:
    """Sidecar or front-matter values, typed: title, date, url, outlet, byline, place, lang, summary,
    tags, topics; and under "lines" the line each key is written on (for `check --verbose`)."""
    assert isinstance(root, Mapping)
    r = _Reader(problems)
    return {
        "lines": {key: location.line for key, location in root.key_locations.items()},
        "title": r.text(root, "title"),
        "date": r.date(root, "date"),
        "url": r.text(root, "url"),
        "outlet": r.text(root, "outlet"),
        "byline": r.text(root, "byline"),
        "place": r.text(root, "place"),
        "lang": r.text(root, "lang"),
        "summary": r.text(root, "summary"),
        "tags": r.strings(root, "tags"),
        "topics": r.located_list(root, "topics"),
    }
