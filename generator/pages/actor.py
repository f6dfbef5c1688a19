"""Actor pages (`actors/<id>/`): who it is, where it stands, how it connects, where it is mentioned."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.graph import ego_graph
from ..core.mentions import MentionRef
from ..model import KIND_SINGULARS
from ..render.environment import render
from ..render.escape import Markdown, text
from ..render.svg import ego_svg
from .site import STANCE_WORDS, Linker, Site, actor_path
from .tags import actor_tags, front_matter


SENTENCE_LIMIT = 400  # a "sentence" in an unpunctuated text can be a whole article: show a window


def _window(sentence: str, surfaces: list[str]) -> str:
    """At most SENTENCE_LIMIT characters of the sentence, around the first name, with ellipses."""
    if len(sentence) <= SENTENCE_LIMIT:
        return sentence
    first = min((i for i in (sentence.find(s) for s in surfaces) if i >= 0), default=0)
    start = max(0, min(first - SENTENCE_LIMIT // 2, len(sentence) - SENTENCE_LIMIT))
    start = sentence.rfind(" ", 0, start) + 1 if start else 0  # begin and end on word boundaries
    end = sentence.find(" ", start + SENTENCE_LIMIT)
    end = len(sentence) if end < 0 else end
    return ("… " if start else "") + sentence[start:end] + (" …" if end < len(sentence) else "")


def highlighted(sentence: str, surfaces: list[str]) -> Markdown:
    """The sentence (or a window of it) with the first occurrence of each name the actor goes by in bold."""
    sentence = _window(sentence, surfaces)
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


def mention_list(refs: list[MentionRef], linker: Linker) -> list[tuple[str, list[tuple[int, Markdown, Markdown]]]]:
    """Per article, each distinct (paragraph, sentence) once, with the actor's names in bold and the
    link to the paragraph (made here, not in the template: a call from a template costs several
    times a Python call, and a large briefing has hundreds of thousands of these)."""
    grouped: dict[str, dict[tuple[int, str], list[str]]] = {}
    for ref in refs:
        grouped.setdefault(ref.article_id, {}).setdefault((ref.paragraph, ref.sentence), []).append(ref.surface)
    return [
        (article_id, [
            (paragraph, highlighted(sentence, surfaces), linker.article(article_id, "¶" + str(paragraph), paragraph))
            for (paragraph, sentence), surfaces in sentences.items()
        ])
        for article_id, sentences in grouped.items()
    ]


def build(site: Site) -> Iterator[tuple[str, str]]:
    for actor_id in sorted(site.corpus.actors):
        actor = site.corpus.actors[actor_id]
        page = actor_path(actor_id)
        refs = site.mentions.refs(actor_id)
        linker = site.linker(page)
        graph = ego_graph(actor_id, site.relations, site.together, index=site.neighbours)
        yield page, render(
            "actor.md.j2",
            front_matter=front_matter(actor_tags(actor, site.corpus) if site.options.tags else []),
            actor=actor,
            kind_word=KIND_SINGULARS[actor.kind],
            country=actor.country.value if actor.country else None,
            positions=sorted(actor.positions, key=lambda p: (p.topic.value, str(p.as_of or ""))),
            stance_words=STANCE_WORDS,
            incoming=site.incoming.get(actor_id, []),
            graph=graph,
            graph_svg=ego_svg(
                graph, site.corpus.actors, {a: linker.url(actor_path(a)) for a in graph.nodes}, f"Relations of {actor.name}"
            ) if len(graph.nodes) > 1 else None,
            co_mentioned=[e for e in graph.edges if not e.declared],
            mentioned_in=mention_list(refs, linker),
            events=site.events_by_actor.get(actor_id, []),
            mention_count=len(refs),
            ln=linker,
        )
