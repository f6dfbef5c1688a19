"""Topic pages (`topics/<id>/`): the question, then every actor's stance with its cited evidence."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Actor, Position
from ..render.environment import render
from .site import STANCE_ORDER, STANCE_WORDS, Site, topic_path
from .tags import front_matter, topic_tags


def evidence_anchor(actor_id: str) -> str:
    """The anchor of an actor's evidence on a topic page (the stance matrix links to it)."""
    return f"position-{actor_id}"


def positions_on(site: Site, topic_id: str) -> list[tuple[Actor, Position]]:
    """Every actor's position on a topic, from support to opposition, then by actor name."""
    return list(site.positions_by_topic.get(topic_id, ()))


def stance_groups(site: Site, topic_id: str) -> list[tuple[str, list[Actor]]]:
    """("Supports", [actors]) ... in stance order, only stances someone holds."""
    groups: dict[str, list[Actor]] = {}
    for actor, position in positions_on(site, topic_id):
        groups.setdefault(position.stance, []).append(actor)
    return [(STANCE_WORDS[s], groups[s]) for s in STANCE_ORDER if s in groups]


def build(site: Site) -> Iterator[tuple[str, str]]:
    for topic_id in sorted(site.corpus.topics):
        topic = site.corpus.topics[topic_id]
        page = topic_path(topic_id)
        yield page, render(
            "topic.md.j2",
            front_matter=front_matter(topic_tags(topic) if site.options.tags else []),
            topic=topic,
            positions=positions_on(site, topic_id),
            groups=stance_groups(site, topic_id),
            stance_words=STANCE_WORDS,
            anchor=evidence_anchor,
            events=site.events_by_topic.get(topic_id, []),
            articles=site.articles_by_topic.get(topic_id, []),
            ln=site.linker(page),
        )
