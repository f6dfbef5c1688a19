"""Relation graphs drawn at build time as inline SVG: no JavaScript, no CDN, readable in print.

Layouts are deterministic (positions depend only on the sorted input). Every node is a link to its
actor page; every text goes through `escape.html_text`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.graph import Graph
from ..model import ACTOR_KINDS, Actor
from .escape import Markdown, html_text

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


# Label boxes, in the drawing's units (the stylesheet sets 11px text): wider than an average glyph
# and taller than a line, so boxes that do not overlap here do not overlap on screen.
CHAR_WIDTH = 7.0
LABEL_ASCENT, LABEL_DESCENT = 10.0, 3.0
LABEL_GAP = 3.0  # between a node's circle and its label


@dataclass
class Placed:
    actor: Actor
    x: float
    y: float
    radius: float
    label: tuple[float, float, str] | None = None  # x, y, text-anchor of its name; None: no room


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Box") -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


def label_box(x: float, y: float, anchor: str, text: str) -> Box:
    """The box a label of `text` with baseline at (x, y) covers."""
    width = CHAR_WIDTH * len(text)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - LABEL_ASCENT, left + width, y + LABEL_DESCENT)


class _Grid:
    """Boxes already taken, bucketed by area so a new box is checked against its neighbours only."""

    CELL = 60.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box):  # type: ignore[no-untyped-def]
        for i in range(math.floor(box.x0 / self.CELL), math.floor(box.x1 / self.CELL) + 1):
            for j in range(math.floor(box.y0 / self.CELL), math.floor(box.y1 / self.CELL) + 1):
                yield i, j

    def free(self, box: Box) -> bool:
        return not any(box.overlaps(other) for cell in self._cells(box) for other in self.cells.get(cell, ()))

    def take(self, box: Box) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)


def place_labels(placed: dict[str, Placed], order: list[str]) -> None:
    """Give each node, in `order` (most important first), the first spot for its name (below, above,
    right, left of its circle) that overlaps no circle and no label placed before; a node with no such
    spot goes unlabelled (its name is in its tooltip and in the tables beside the drawing)."""
    grid = _Grid()
    for node in placed.values():
        grid.take(Box(node.x - node.radius, node.y - node.radius, node.x + node.radius, node.y + node.radius))
    for actor_id in order:
        node = placed[actor_id]
        name = _short(node.actor.name)
        gap = node.radius + LABEL_GAP
        for x, y, anchor in (
            (node.x, node.y + gap + LABEL_ASCENT, "middle"),
            (node.x, node.y - gap - LABEL_DESCENT, "middle"),
            (node.x + gap, node.y + 4, "start"),
            (node.x - gap, node.y + 4, "end"),
        ):
            box = label_box(x, y, anchor, name)
            if grid.free(box):
                grid.take(box)
                node.label = (x, y, anchor)
                break


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _draw(width: float, height: float, placed: dict[str, Placed], graph: Graph, url: dict[str, str], title: str, edge_labels: bool) -> Markdown:
    parts = [
        f'<figure class="briefing-graph"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label="{html_text(title)}"><title>{html_text(title)}</title>'
    ]
    for edge in graph.edges:
        a, b = placed.get(edge.source), placed.get(edge.target)
        if a is None or b is None:
            continue
        kind = "declared" if edge.declared else "co"
        stroke = min(1 + edge.weight, 6) if not edge.declared else 1.6
        parts.append(
            f'<line class="briefing-edge briefing-edge--{kind}" x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{b.x:.1f}" y2="{b.y:.1f}" '
            f'stroke-width="{stroke}"><title>{html_text(a.actor.name)} {html_text(edge.label)} {html_text(b.actor.name)}'
            f'{" (" + str(edge.weight) + " paragraphs)" if not edge.declared else ""}</title></line>'
        )
        if edge_labels:
            label = edge.label if edge.declared else f"×{edge.weight}"
            parts.append(
                f'<text class="briefing-edge-label" x="{(a.x + b.x) / 2:.1f}" y="{(a.y + b.y) / 2 - 3:.1f}" text-anchor="middle">{html_text(label)}</text>'
            )
    for actor_id, node in placed.items():
        parts.append(
            f'<a href="{html_text(url[actor_id])}"><g class="briefing-node briefing-node--{html_text(node.actor.kind)}">'
            f'<title>{html_text(node.actor.name)} ({html_text(node.actor.kind)})</title>'
            f'<circle cx="{node.x:.1f}" cy="{node.y:.1f}" r="{node.radius:.1f}"/>'
        )
        if node.label:
            x, y, anchor = node.label
            parts.append(
                f'<text class="briefing-label" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{html_text(_short(node.actor.name))}</text>'
            )
        parts.append("</g></a>")
    legend_y = height - 10
    for index, kind in enumerate(ACTOR_KINDS):
        x = 12 + index * 130
        parts.append(
            f'<g class="briefing-node briefing-node--{kind}"><circle cx="{x}" cy="{legend_y - 4}" r="5"/>'
            f'<text x="{x + 9}" y="{legend_y}" class="briefing-legend">{html_text(kind)}</text></g>'
        )
    parts.append("</svg></figure>")
    return Markdown("".join(parts))


def ego_svg(graph: Graph, actors: dict[str, Actor], url: dict[str, str], title: str) -> Markdown:
    """The centre actor in the middle, the others on one or two rings around it."""
    width = 760.0
    others = graph.nodes[1:]
    rings = [others[:12], others[12:]] if len(others) > 12 else [others]
    height = 520.0 if len(rings) == 2 else 420.0
    cx, cy = width / 2, (height - 30) / 2
    placed = {graph.nodes[0]: Placed(actors[graph.nodes[0]], cx, cy, 14)}
    for ring_index, ring in enumerate(rings):
        radius = (150 if len(rings) == 1 else 110 + ring_index * 110)
        for index, actor_id in enumerate(ring):
            angle = -math.pi / 2 + 2 * math.pi * index / max(len(ring), 1) + ring_index * math.pi / len(ring)
            placed[actor_id] = Placed(actors[actor_id], cx + radius * 1.6 * math.cos(angle), cy + radius * math.sin(angle), 9)
    place_labels(placed, list(graph.nodes))
    return _draw(width, height, placed, graph, url, title, edge_labels=True)


def network_svg(graph: Graph, actors: dict[str, Actor], url: dict[str, str], degree: dict[str, int], title: str) -> Markdown:
    """Actors clustered by kind: each cluster a sunflower of nodes, clusters around a circle."""
    clusters = [[a for a in graph.nodes if actors[a].kind == kind] for kind in ACTOR_KINDS]
    clusters = [sorted(c, key=lambda a: (-degree.get(a, 0), actors[a].name, a)) for c in clusters if c]
    # Room for a name beside most nodes of a small map; a large one is dense and names only the hubs
    # that find room (place_labels).
    spacing = 62.0 if len(graph.nodes) <= 80 else 30.0
    cluster_radius = [spacing * math.sqrt(len(c)) + 40 for c in clusters]
    ring = max(sum(cluster_radius) * 2 / (2 * math.pi), max(cluster_radius) * 1.2) if len(clusters) > 1 else 0
    size = 2 * (ring + max(cluster_radius))
    centre = size / 2
    placed: dict[str, Placed] = {}
    for index, cluster in enumerate(clusters):
        angle = -math.pi / 2 + 2 * math.pi * index / len(clusters)
        ccx, ccy = centre + ring * math.cos(angle), centre + ring * math.sin(angle)
        for position, actor_id in enumerate(cluster):
            r = spacing * math.sqrt(position)
            theta = position * GOLDEN_ANGLE
            d = degree.get(actor_id, 0)
            placed[actor_id] = Placed(
                actors[actor_id], ccx + r * math.cos(theta), ccy + r * math.sin(theta),
                5 + min(d, 12) * 0.6,
            )
    # Hubs first: when not every name fits, the best-connected actors keep theirs.
    place_labels(placed, sorted(placed, key=lambda a: (-degree.get(a, 0), actors[a].name, a)))
    # Fit the drawing to what was placed, labels included, with a margin and room for the legend below.
    boxes = [Box(p.x - p.radius, p.y - p.radius, p.x + p.radius, p.y + p.radius) for p in placed.values()]
    boxes += [label_box(*p.label, _short(p.actor.name)) for p in placed.values() if p.label]
    margin = 20.0
    min_x, min_y = min(b.x0 for b in boxes) - margin, min(b.y0 for b in boxes) - margin
    for node in placed.values():
        node.x -= min_x
        node.y -= min_y
        if node.label:
            node.label = (node.label[0] - min_x, node.label[1] - min_y, node.label[2])
    width = max(b.x1 for b in boxes) - min_x + margin
    height = max(b.y1 for b in boxes) - min_y + 40
    return _draw(max(width, 660), height, placed, graph, url, title, edge_labels=False)
