"""Actor pages (`actors/<id>/`): who it is, where it stands, how it connects, where it is mentioned."""

from __future__ import annotations

from itertools import groupby

from ..model import KIND_PLURALS, Actor
from ..render.environment import render
from .site import STANCE_WORDS, Site, actor_path


def incoming_relations(site: Site, actor_id: str) -> list[tuple[Actor, object]]:
    """Relations other profiles declare towards this actor, so a page shows both directions."""
    return [
        (other, relation)
        for other_id, other in sorted(site.corpus.actors.items())
        for relation in other.relations
        if relation.target.value == actor_id and other_id != actor_id
    ]


def build(site: Site) -> dict[str, str]:
    pages = {}
    for actor_id in sorted(site.corpus.actors):
        actor = site.corpus.actors[actor_id]
        page = actor_path(actor_id)
        refs = site.mentions.by_actor.get(actor_id, [])
        mentioned_in = [(article_id, list(group)) for article_id, group in groupby(refs, key=lambda r: r.article_id)]
        pages[page] = render(
            "actor.md.j2",
            actor=actor,
            kind_word=KIND_PLURALS[actor.kind][:-1] if actor.kind != "person" else "Person",
            country=actor.country.value if actor.country else None,
            positions=sorted(actor.positions, key=lambda p: (p.topic.value, str(p.as_of or ""))),
            stance_words=STANCE_WORDS,
            incoming=incoming_relations(site, actor_id),
            mentioned_in=mentioned_in,
            mention_count=len(refs),
            ln=site.linker(page),
        )
    return pages
