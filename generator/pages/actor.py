"""Actor pages (`actors/<id>/`): who it is, where it stands, how it connects, where it is mentioned."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.graph import ego_graph
from ..model import KIND_SINGULARS
from ..render.environment import render
from ..render.escape import Markdown, bold, link_target
from ..render.escape import text as escape_text
from ..render.svg import ego_svg
from .site import STANCE_WORDS, Linker, Site, actor_path, article_path, quoted, relative_path
from .tags import actor_tags, front_matter


SENTENCE_LIMIT = 400  # a "sentence" in an unpunctuated text can be a whole article: show a window


def _window(a: int, b: int, first: int, text: str) -> tuple[int, int]:
    """At most about SENTENCE_LIMIT characters of text[a:b] around `first`, on word boundaries."""
    if b - a <= SENTENCE_LIMIT:
        return a, b
    start = max(a, min(first - SENTENCE_LIMIT // 2, b - SENTENCE_LIMIT))
    if start > a:  # begin and end on word boundaries
        start = max(a, text.rfind(" ", a, start) + 1)
    end = text.find(" ", start + SENTENCE_LIMIT, b)
    return start, (b if end < 0 else end)


def highlighted(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> Markdown:
    """The sentence text[a:b] (or a window of it) with the actor's mentions in it, `spans`, in bold."""
    start, end = _window(a, b, spans[0][0], text)
    out = ["… "] if start > a else []
    cursor = start
    for m_start, m_end in spans:
        if m_start < cursor or m_end > end:
            continue
        out.append(escape_text(text[cursor:m_start]))
        out.append(bold(text[m_start:m_end]))
        cursor = m_end
    out.append(escape_text(text[cursor:end]))
    if end < b:
        out.append(" …")
    return Markdown("".join(out))


def mentioned_in(site: Site, actor_id: str, linker: Linker) -> Markdown:
    """The "Mentioned in" list: per article (in id order), each sentence that mentions the actor once,
    its mentions in bold, linked to its paragraph.

    Made here rather than in the template: a large briefing has hundreds of thousands of these lines,
    and a template loop with a call per line was most of the time spent on actor pages."""
    lines: list[str] = []
    article_id = None
    href = ""
    for ref in site.mentions.sentences_of(actor_id):
        if ref.article_id != article_id:
            article_id = ref.article_id
            href = link_target(relative_path(article_path(article_id), linker.base))
            lines.append(f"{chr(10) if lines else ''}### {linker.article(article_id)}\n\n")
        sentence = highlighted(ref.text, ref.sentence_start, ref.sentence_end, ref.spans)
        lines.append(f"- {quoted(sentence, ref.text[ref.sentence_start:ref.sentence_end])} ([¶{ref.paragraph}]({href}#p{ref.paragraph}))\n")
    return Markdown("".join(lines))


def build(site: Site) -> Iterator[tuple[str, str]]:
    for actor_id in sorted(site.corpus.actors):
        actor = site.corpus.actors[actor_id]
        page = actor_path(actor_id)
        linker = site.linker(page)
        graph = ego_graph(actor_id, site.relations, site.together, index=site.neighbours)
        yield page, render(
            "actor.md.j2",
            front_matter=front_matter(actor_tags(actor, site.corpus) if site.options.tags else []),
            actor=actor,
            kind_word=KIND_SINGULARS[actor.kind],
            country=actor.country.value if actor.country else None,
            stances=sorted(site.series_by_actor[actor_id], key=lambda s: s.topic_id),
            stance_words=STANCE_WORDS,
            incoming=site.incoming.get(actor_id, []),
            graph=graph,
            graph_svg=ego_svg(
                graph, site.corpus.actors, {a: linker.url(actor_path(a)) for a in graph.nodes}, f"Relations of {actor.name}"
            ) if len(graph.nodes) > 1 else None,
            co_mentioned=[e for e in graph.edges if not e.declared],
            mentioned_in=mentioned_in(site, actor_id, linker),
            events=site.events_by_actor.get(actor_id, []),
            mention_count=site.mentions.count(actor_id),
            ln=linker,
        )
