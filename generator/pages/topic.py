"""Topic pages (`topics/<id>/`): the question, then every actor's stance with its cited evidence."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.stances import STANCE_ORDER, Series
from ..model import Actor
from ..render.environment import render
from .site import STANCE_WORDS, Site, topic_path
from .tags import front_matter, topic_tags


def evidence_anchor(actor_id: str) -> str:
    """The anchor of an actor's evidence on a topic page (the stance matrix links to it)."""
    return f"position-{actor_id}"


def stances_on(site: Site, topic_id: str) -> list[Series]:
    """Every actor's stance series on a topic, from support to opposition by current stance, then by name."""
    return list(site.stances_by_topic.get(topic_id, ()))


def stance_groups(site: Site, topic_id: str) -> list[tuple[str, list[Actor]]]:
    """("Supports", [actors]) ... by current stance, in stance order, only stances someone holds."""
    groups: dict[str, list[Actor]] = {}
    for series in stances_on(site, topic_id):
        groups.setdefault(series.current.stance, []).append(series.actor)
    return [(STANCE_WORDS[s], groups[s]) for s in STANCE_ORDER if s in groups]


def build(site: Site) -> Iterator[tuple[str, str]]:
    for topic_id in sorted(site.corpus.topics):
        topic = site.corpus.topics[topic_id]
        page = topic_path(topic_id)
        yield page, render(
            "topic.md.j2",
            front_matter=front_matter(topic_tags(topic) if site.options.tags else []),
            topic=topic,
            stances=stances_on(site, topic_id),
            groups=stance_groups(site, topic_id),
            stance_words=STANCE_WORDS,
            anchor=evidence_anchor,
            events=site.events_by_topic.get(topic_id, []),
            articles=site.articles_by_topic.get(topic_id, []),
            ln=site.linker(page),
        )
