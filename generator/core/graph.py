"""Who connects to whom: declared relations and co-mentions (two actors in one paragraph).

Pure data for the relation graphs: the actor pages' ego graphs and the whole-briefing network.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from ..model import Corpus
from .mentions import MentionIndex


@dataclass(frozen=True, order=True)
class Edge:
    source: str
    target: str
    label: str  # a relation type, or "mentioned with"
    weight: int = 1  # co-mentions: paragraphs shared
    declared: bool = True  # False for co-mention ties


def co_mentions(mentions: MentionIndex) -> Counter[tuple[str, str]]:
    """(a, b) with a < b → number of paragraphs that mention both."""
    counts: Counter[tuple[str, str]] = Counter()
    for paragraphs in mentions.by_article.values():
        for paragraph in paragraphs:
            actors = sorted({m.actor_id for m in paragraph})
            counts.update(combinations(actors, 2))
    return counts


def relation_edges(corpus: Corpus) -> list[Edge]:
    return sorted(
        {
            Edge(actor_id, relation.target.value, relation.type)
            for actor_id, actor in corpus.actors.items()
            for relation in actor.relations
            if relation.target.value in corpus.actors and relation.target.value != actor_id
        }
    )


@dataclass
class Graph:
    nodes: list[str]  # actor ids; nodes[0] is the centre of an ego graph
    edges: list[Edge]


@dataclass
class Neighbours:
    """Each actor's declared relations (in edge order) and co-mention ties (strongest first), indexed
    once: scanning every edge and tie for every actor page is quadratic in the number of actors."""

    declared: dict[str, list[Edge]]
    ties: dict[str, list[tuple[int, tuple[str, str]]]]


def neighbours(relations: list[Edge], together: Counter[tuple[str, str]]) -> Neighbours:
    declared: dict[str, list[Edge]] = {}
    for edge in relations:
        for node in dict.fromkeys((edge.source, edge.target)):
            declared.setdefault(node, []).append(edge)
    ties: dict[str, list[tuple[int, tuple[str, str]]]] = {}
    for pair, count in together.items():
        for node in dict.fromkeys(pair):
            ties.setdefault(node, []).append((count, pair))
    for found in ties.values():
        found.sort(key=lambda cp: (-cp[0], cp[1]))
    return Neighbours(declared, ties)


def ego_graph(
    actor_id: str, relations: list[Edge], together: Counter[tuple[str, str]], limit: int = 30, index: Neighbours | None = None
) -> Graph:
    """The actor, every actor it has a declared relation with, then its most frequent co-mentions.
    Pass `index` (from `neighbours(relations, together)`) when drawing the graphs of many actors."""
    index = index or neighbours(relations, together)
    declared = index.declared.get(actor_id, [])
    nodes = [actor_id]
    for edge in declared:
        for node in (edge.source, edge.target):
            if node not in nodes and len(nodes) < limit:
                nodes.append(node)
    co_edges = []
    for count, (a, b) in index.ties.get(actor_id, []):
        other = b if a == actor_id else a
        if other not in nodes:
            if len(nodes) >= limit:
                continue
            nodes.append(other)
        co_edges.append(Edge(a, b, "mentioned with", count, declared=False))
    kept = set(nodes)
    return Graph(nodes, [e for e in declared if e.source in kept and e.target in kept] + co_edges)


def network(corpus: Corpus, relations: list[Edge], together: Counter[tuple[str, str]], per_actor: int = 3) -> Graph:
    """Every actor; every declared relation; each actor's strongest co-mention ties (at most `per_actor`)."""
    strongest: set[tuple[str, str]] = set()
    by_actor: dict[str, list[tuple[int, tuple[str, str]]]] = {}
    for pair, count in together.items():
        for node in pair:
            by_actor.setdefault(node, []).append((count, pair))
    for node, ties in by_actor.items():
        for count, pair in sorted(ties, key=lambda cp: (-cp[0], cp[1]))[:per_actor]:
            strongest.add(pair)
    declared_pairs = {tuple(sorted((e.source, e.target))) for e in relations}
    co_edges = [
        Edge(a, b, "mentioned with", together[(a, b)], declared=False)
        for a, b in sorted(strongest)
        if (a, b) not in declared_pairs
    ]
    return Graph(sorted(corpus.actors), relations + co_edges)
