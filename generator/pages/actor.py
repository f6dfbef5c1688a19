"""Actor pages (`actors/<id>/`): who it is, where it stands, how it connects, where it is mentioned."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..core.graph import ego_graph
from ..core.identifiers import links as identifier_links
from ..core.mentions import SentenceRef
from ..model import KIND_SINGULARS
from ..render.environment import render
from ..render.escape import Markdown, bold, link_target
from ..render.escape import text as escape_text
from ..render.svg import ego_svg
from .paging import page_links, split
from .reuse import reused
from .site import STANCE_WORDS, Linker, Site, actor_path, article_path, quoted
from .tags import actor_tags, front_matter

# An actor's own page must come first when its name is searched, above a topic named after it
# (tests/user/test_browser.py). Material's tags field weighs a thousand times a title: with the tags plugin
# on, a topic whose title holds the name is still first (its tag is the title).
ACTOR_SEARCH_BOOST = 4


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


def mention_groups(site: Site, actor_id: str) -> list[tuple[str, list[SentenceRef]]]:
    """(article id, the sentences in it that mention the actor) for every article that does, newest
    article first: the items of the "Mentioned in" list, which is split into pages on a large briefing."""
    groups: dict[str, list[SentenceRef]] = {}
    for ref in site.mentions.sentences_of(actor_id):
        groups.setdefault(ref.article_id, []).append(ref)
    rank = site.article_rank
    return sorted(groups.items(), key=lambda group: rank[group[0]])


def mentioned_in(groups: Iterable[tuple[str, list[SentenceRef]]], linker: Linker) -> Markdown:
    """The "Mentioned in" list: per article, each sentence that mentions the actor once, its mentions
    in bold, linked to its paragraph.

    Made here rather than in the template: a large briefing has hundreds of thousands of these lines,
    and a template loop with a call per line was most of the time spent on actor pages."""
    lines: list[str] = []
    for article_id, refs in groups:
        href = link_target(linker.relative_path(article_path(article_id), linker.base))
        lines.append(f"{chr(10) if lines else ''}### {linker.article(article_id)}\n\n")
        for ref in refs:
            sentence = highlighted(ref.text, ref.sentence_start, ref.sentence_end, ref.spans)
            lines.append(f"- {quoted(sentence, ref.text[ref.sentence_start:ref.sentence_end])} ([¶{ref.paragraph}]({href}#p{ref.paragraph}))\n")
    return Markdown("".join(lines))


def build(site: Site) -> Iterator[tuple[str, str]]:
    for actor_id in sorted(site.corpus.actors):
        yield from reused(site.reuse, "actor", actor_id, lambda: inputs(site, actor_id), lambda: _pages(site, actor_id))


def inputs(site: Site, actor_id: str) -> tuple:
    """Everything an actor's pages are made from (reuse.py): its profile; the articles that mention
    it, with their mentions; the profiles, topics, cited articles and events it refers to, and the
    profiles that refer to it; its ties in the relation graph; the options."""
    actor = site.corpus.actors[actor_id]
    actors, articles, topics = site.corpus.actors, site.corpus.articles, site.corpus.topics
    incoming = site.incoming.get(actor_id, [])
    graph = ego_graph(actor_id, site.relations, site.together, index=site.neighbours)
    named = {actor.country.value} if actor.country else set()
    named.update(role.organization.value for role in actor.roles if role.organization)
    named.update(relation.target.value for relation in actor.relations)
    named.update(graph.nodes)
    citations = [c for position in actor.positions for c in position.sources]
    citations += [c for relation in actor.relations for c in relation.sources]
    citations += [c for _, relation in incoming for c in relation.sources]
    cited = sorted({c.article.value for c in citations if c.article is not None})
    events = site.events_by_actor.get(actor_id, [])
    return (
        site.options, actor, site.mentions.sources_of(actor_id),
        tuple((other, relation) for other, relation in incoming),
        tuple(graph.nodes), tuple(graph.edges),
        tuple((name, actors.get(name)) for name in sorted(named)),
        tuple((p.topic.value, topics.get(p.topic.value)) for p in actor.positions),
        tuple((article_id, articles.get(article_id)) for article_id in cited),
        tuple((event, site.event_pages.get(event.id)) for event in events),
    )


def _pages(site: Site, actor_id: str) -> Iterator[tuple[str, str]]:
    actor = site.corpus.actors[actor_id]
    page = actor_path(actor_id)
    linker = site.linker(page)
    first, *later = split(mention_groups(site, actor_id), site.options.page_size, page)
    graph = ego_graph(actor_id, site.relations, site.together, index=site.neighbours)
    yield page, render(
        "actor.md.j2",
        front_matter=front_matter(actor_tags(actor, site.corpus) if site.options.tags else [], search_boost=ACTOR_SEARCH_BOOST),
        actor=actor,
        identifiers=identifier_links(actor.identifiers),  # (label, value, registry URL): core/identifiers.py
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
        mentioned_in=mentioned_in(first.items, linker),
        mention_pages=page_links(first, linker, "Articles"),
        mention_articles=first.total,
        events=site.events_by_actor.get(actor_id, []),
        mention_count=site.mentions.count(actor_id),
        ln=linker,
    )
    for more in later:
        more_linker = site.linker(more.path)
        links = page_links(more, more_linker, "Articles")
        yield more.path, render(
            "actor_mentions.md.j2",
            actor=actor, page=more, pages=links, mentioned_in=mentioned_in(more.items, more_linker), ln=more_linker,
        )
