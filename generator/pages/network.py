"""`network/`: the whole briefing's relation map, clustered by kind, with the strongest ties.

Declared relations are always drawn; of the co-mention ties, each actor keeps its strongest three,
so the map stays legible at a few hundred actors. The tables beneath say the same in words.
"""

from __future__ import annotations

from collections.abc import Iterator

from collections import Counter

from ..core.graph import network
from ..model import ACTOR_KINDS, KIND_PLURALS
from ..render.environment import render
from ..render.svg import network_svg
from .site import Site, actor_path

PAGE = "network/index.md"


def build(site: Site) -> Iterator[tuple[str, str]]:
    graph = network(site.corpus, site.relations, site.together)
    linker = site.linker(PAGE)
    degree: Counter[str] = Counter()
    for edge in graph.edges:
        degree[edge.source] += edge.weight
        degree[edge.target] += edge.weight
    actors = site.corpus.actors
    svg = network_svg(graph, actors, {a: linker.url(actor_path(a)) for a in graph.nodes}, degree, "Relation map of the briefing") if graph.nodes else None
    clusters = [
        (KIND_PLURALS[kind], sorted((a for a in actors.values() if a.kind == kind), key=lambda a: (-degree[a.id], a.name, a.id)))
        for kind in ACTOR_KINDS
    ]
    yield PAGE, render(
        "network.md.j2",
        svg=svg,
        clusters=[(name, members) for name, members in clusters if members],
        declared=[e for e in graph.edges if e.declared],
        ties=sorted((e for e in graph.edges if not e.declared), key=lambda e: (-e.weight, e.source, e.target)),
        degree=degree,
        ln=linker,
    )
