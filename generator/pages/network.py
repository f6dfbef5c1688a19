"""`network/`: the briefing's relation map, clustered by kind, with the strongest ties.

Declared relations are always listed; of the co-mention ties, each actor keeps its strongest three.
The map draws the best-connected `MAP_ACTORS` actors and the ties between them, so it stays legible
(and the page small) at thousands of actors; every actor is still listed by kind beneath it. The
tables say the same in words: on a large briefing `network/` shows the first `page_size` rows of
each and links to the whole lists, `network/relations/` and `network/ties/`, split into pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..core.graph import Graph, network
from ..model import ACTOR_KINDS, KIND_PLURALS
from ..render.environment import render
from ..render.svg import network_svg
from .paging import page_links, split
from .site import Site, actor_path

PAGE = "network/index.md"
MAP_ACTORS = 80  # drawn on the map: about as many as can be told apart, each with its name
TABLES = {"declared": ("network/relations.md", "Declared relations"), "ties": ("network/ties.md", "Strongest ties in the text")}


def strongest_part(graph: Graph, degree: Counter[str], limit: int = MAP_ACTORS) -> Graph:
    """The `limit` actors with the most (and heaviest) ties, and the edges between them."""
    kept = set(sorted(graph.nodes, key=lambda a: (-degree[a], a))[:limit])
    return Graph([a for a in graph.nodes if a in kept], [e for e in graph.edges if e.source in kept and e.target in kept])


def build(site: Site) -> Iterator[tuple[str, str]]:
    graph = network(site.corpus, site.relations, site.together)
    linker = site.linker(PAGE)
    degree: Counter[str] = Counter()
    for edge in graph.edges:
        degree[edge.source] += edge.weight
        degree[edge.target] += edge.weight
    actors = site.corpus.actors
    drawn = strongest_part(graph, degree)
    svg = network_svg(drawn, actors, {a: linker.url(actor_path(a)) for a in drawn.nodes}, degree, "Relation map of the briefing") if drawn.nodes else None
    clusters = [
        (KIND_PLURALS[kind], sorted((a for a in actors.values() if a.kind == kind), key=lambda a: (-degree[a.id], a.name, a.id)))
        for kind in ACTOR_KINDS
    ]
    rows = {
        "declared": [e for e in graph.edges if e.declared],
        "ties": sorted((e for e in graph.edges if not e.declared), key=lambda e: (-e.weight, e.source, e.target)),
    }
    pages = {name: split(rows[name], site.options.page_size, TABLES[name][0]) for name in rows}
    yield PAGE, render(
        "network.md.j2",
        svg=svg,
        drawn=len(drawn.nodes),
        total=len(graph.nodes),
        clusters=[(name, members) for name, members in clusters if members],
        declared=pages["declared"][0].items,
        ties=pages["ties"][0].items,
        # the whole list, when it is longer than what network/ shows: (its first page, rows in all)
        more={name: (TABLES[name][0], len(rows[name])) if len(pages[name]) > 1 else None for name in rows},
        degree=degree,
        ln=linker,
    )
    for name, split_rows in pages.items():
        if len(split_rows) == 1:
            continue
        for page in split_rows:
            page_linker = site.linker(page.path)
            yield page.path, render(
                "network_table.md.j2",
                title=TABLES[name][1],
                is_declared=name == "declared",
                rows=page.items,
                page=page,
                pages=page_links(page, page_linker, "Rows", "Previous", "Next"),
                ln=page_linker,
            )
