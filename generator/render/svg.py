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


@dataclass
class Placed:
    actor: Actor
    x: float
    y: float
    radius: float
    label: bool = True


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
            parts.append(
                f'<text x="{node.x:.1f}" y="{node.y + node.radius + 12:.1f}" text-anchor="middle">{html_text(_short(node.actor.name))}</text>'
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
    return _draw(width, height, placed, graph, url, title, edge_labels=True)


def network_svg(graph: Graph, actors: dict[str, Actor], url: dict[str, str], degree: dict[str, int], title: str) -> Markdown:
    """Actors clustered by kind: each cluster a sunflower of nodes, clusters around a circle."""
    clusters = [[a for a in graph.nodes if actors[a].kind == kind] for kind in ACTOR_KINDS]
    clusters = [sorted(c, key=lambda a: (-degree.get(a, 0), actors[a].name, a)) for c in clusters if c]
    show_all_labels = len(graph.nodes) <= 80
    spacing = 62.0 if show_all_labels else 30.0  # room for a label under every node, or only the hubs'
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
                5 + min(d, 12) * 0.6, label=show_all_labels or position < 12,
            )
    # Fit the drawing to what was placed, with room for labels at the sides and the legend below.
    margin = 70.0
    min_x = min(p.x for p in placed.values()) - margin
    min_y = min(p.y for p in placed.values()) - 20
    for node in placed.values():
        node.x -= min_x
        node.y -= min_y
    width = max(p.x for p in placed.values()) + margin
    height = max(p.y for p in placed.values()) + 60
    return _draw(max(width, 660), height, placed, graph, url, title, edge_labels=False)
