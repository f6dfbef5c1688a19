"""Names on the relation maps never overlap one another or a node, at 21 actors or at 3,000."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from conftest import briefing

from generator.core.graph import Edge, Graph
from generator.model import ACTOR_KINDS, Actor
from generator.render.svg import network_svg

# A box at least as large as the text the stylesheet draws (11px): 6 px a character on average,
# 9 px above the baseline, 2 below. Set here, apart from the generator's own figures.
CHAR, ASCENT, DESCENT = 6.0, 9.0, 2.0

LABEL = re.compile(r'<text class="briefing-label" x="([-\d.]+)" y="([-\d.]+)" text-anchor="(\w+)">([^<]*)</text>')
CIRCLE = re.compile(r'<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"/>')


def _boxes(svg: str) -> tuple[list[tuple[str, tuple[float, float, float, float]]], list[tuple[float, float, float, float]]]:
    labels = []
    for x, y, anchor, name in LABEL.findall(svg):
        x, y, width = float(x), float(y), CHAR * len(unescape(name))
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        labels.append((unescape(name), (left, y - ASCENT, left + width, y + DESCENT)))
    circles = [(float(x) - float(r), float(y) - float(r), float(x) + float(r), float(y) + float(r)) for x, y, r in CIRCLE.findall(svg)]
    return labels, circles


def _overlap(a, b) -> bool:  # type: ignore[no-untyped-def]
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _assert_no_overlap(svg: str) -> list[str]:
    """Every label box is clear of every other label and of every node; the labelled names."""
    labels, circles = _boxes(svg)
    legend = svg.index('class="briefing-legend"') if "briefing-legend" in svg else len(svg)
    circles = circles[: len(CIRCLE.findall(svg[:legend]))]  # the legend's dots sit apart, below
    for i, (name, box) in enumerate(labels):
        for other_name, other in labels[i + 1 :]:
            assert not _overlap(box, other), f"{name!r} overlaps {other_name!r}"
        for circle in circles:
            assert not _overlap(box, circle), f"{name!r} overlaps a node at {circle}"
    return [name for name, _ in labels]


NAMES = [
    "Ministry of Foreign Affairs", "Armed Forces General Staff", "International Monetary Fund", "European Commission",
    "Presidential Administration", "National Security Council", "Atlantic Treaty Organization", "Central Bank Board",
    "Parliamentary Committee", "Constitutional Court", "Energy Regulatory Office", "State Border Guard Service",
    "Foreign Intelligence Service", "Supreme Audit Chamber", "Emergency Response Agency", "Ministry of Finance",
    "Ministry of Defence", "Office of the Prosecutor", "Federal Statistics Office", "National Election Commission",
    "Council of Regions",
]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def test_twenty_one_actors_all_named_and_no_two_names_overlap(make_project, tmp_path: Path):
    files = {f"seeds/actors/{_slug(n)}.yaml": f"name: {n}\nkind: organization\n" for n in NAMES}
    # Each actor named with the next two in one paragraph: a ring of ties, so every actor is on the map.
    paragraphs = [f"{NAMES[i]} met {NAMES[(i + 1) % 21]} and {NAMES[(i + 2) % 21]}." for i in range(21)]
    files["seeds/articles/talks.txt"] = "\n\n".join(paragraphs) + "\n"
    root = make_project(files)
    out = tmp_path / "out"
    result = briefing("generate", str(root), "--out", str(out), cwd=root)
    assert result.code == 0, result.output
    network = (out / "network/index.md").read_text(encoding="utf-8")
    named = _assert_no_overlap(network)
    assert len(named) == 21  # long names are cut with an ellipsis
    assert all(any(name == full or (name.endswith("…") and full.startswith(name[:-1])) for full in NAMES) for name in named)
    # an actor page's graph: the actor and its four neighbours, every one named
    ego = (out / f"actors/{_slug(NAMES[0])}.md").read_text(encoding="utf-8")
    assert len(_assert_no_overlap(ego)) == 5


def test_three_thousand_actors_no_two_names_overlap_and_hubs_are_named():
    count = 3000
    actors = {
        f"a{i:04d}": Actor(f"a{i:04d}", "", f"Actor number {i}", ACTOR_KINDS[i % len(ACTOR_KINDS)]) for i in range(count)
    }
    ids = sorted(actors)
    edges = [Edge(ids[i], ids[(i * 7 + 1) % count], "mentioned with", 1 + i % 5, declared=False) for i in range(count)]
    edges += [Edge("a0000", ids[i], "mentioned with", 9, declared=False) for i in range(100, 130)]  # one clear hub
    degree: dict[str, int] = {}
    for edge in edges:
        degree[edge.source] = degree.get(edge.source, 0) + edge.weight
        degree[edge.target] = degree.get(edge.target, 0) + edge.weight
    svg = network_svg(Graph(ids, edges), actors, {a: f"../{a}/" for a in ids}, degree, "Relation map")
    named = _assert_no_overlap(svg)
    assert len(named) >= 100
    assert "Actor number 0" in named
