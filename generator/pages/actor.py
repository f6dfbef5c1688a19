"""Actor pages (`actors/<id>/`): who it is, where it stands, how it connects, where it is mentioned."""

from __future__ import annotations

from ..core.graph import ego_graph
from ..core.mentions import MentionRef
from ..model import KIND_PLURALS
from ..render.environment import render
from ..render.escape import Markdown, text
from ..render.svg import ego_svg
from .site import STANCE_WORDS, Site, actor_path
from .tags import actor_tags, front_matter


def highlighted(sentence: str, surfaces: list[str]) -> Markdown:
    """The sentence with the first occurrence of each name the actor goes by in bold."""
    spans = []
    for surface in dict.fromkeys(surfaces):
        start = sentence.find(surface)
        if start >= 0 and not any(a < start + len(surface) and start < b for a, b in spans):
            spans.append((start, start + len(surface)))
    out, cursor = [], 0
    for start, end in sorted(spans):
        out += [text(sentence[cursor:start]), Markdown(f"**{text(sentence[start:end])}**")]
        cursor = end
    out.append(text(sentence[cursor:]))
    return Markdown("".join(out))


def mention_list(refs: list[MentionRef]) -> list[tuple[str, list[tuple[int, Markdown]]]]:
    """Per article, each distinct (paragraph, sentence) once, with the actor's names in bold."""
    grouped: dict[str, dict[tuple[int, str], list[str]]] = {}
    for ref in refs:
        grouped.setdefault(ref.article_id, {}).setdefault((ref.paragraph, ref.sentence), []).append(ref.surface)
    return [
        (article_id, [(paragraph, highlighted(sentence, surfaces)) for (paragraph, sentence), surfaces in sentences.items()])
        for article_id, sentences in grouped.items()
    ]


def build(site: Site) -> dict[str, str]:
    pages = {}
    for actor_id in sorted(site.corpus.actors):
        actor = site.corpus.actors[actor_id]
        page = actor_path(actor_id)
        refs = site.mentions.by_actor.get(actor_id, [])
        linker = site.linker(page)
        graph = ego_graph(actor_id, site.relations, site.together)
        pages[page] = render(
            "actor.md.j2",
            front_matter=front_matter(actor_tags(actor, site.corpus) if site.options.tags else []),
            actor=actor,
            kind_word=KIND_PLURALS[actor.kind][:-1] if actor.kind != "person" else "Person",
            country=actor.country.value if actor.country else None,
            positions=sorted(actor.positions, key=lambda p: (p.topic.value, str(p.as_of or ""))),
            stance_words=STANCE_WORDS,
            incoming=site.incoming.get(actor_id, []),
            graph=graph,
            graph_svg=ego_svg(
                graph, site.corpus.actors, {a: linker.url(actor_path(a)) for a in graph.nodes}, f"Relations of {actor.name}"
            ) if len(graph.nodes) > 1 else None,
            co_mentioned=[e for e in graph.edges if not e.declared],
            mentioned_in=mention_list(refs),
            events=sorted(
                (e for e in site.corpus.events.values() if any(a.value == actor_id for a in e.actors)),
                key=lambda e: (e.date, e.id),
            ),
            mention_count=len(refs),
            ln=linker,
        )
    return pages
