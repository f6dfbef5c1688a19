"""`actors/`: every actor grouped by kind, with aliases, summary and mention count."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import ACTOR_KINDS, KIND_PLURALS
from ..render.environment import render
from .site import Site


def actors_index(site: Site) -> str:
    groups = []
    for kind in ACTOR_KINDS:
        actors = sorted((a for a in site.corpus.actors.values() if a.kind == kind), key=lambda a: (a.name, a.id))
        if actors:
            groups.append((KIND_PLURALS[kind], actors))
    return render(
        "actors_index.md.j2",
        groups=groups,
        counts={a: site.mentions.count(a) for a in site.corpus.actors},
        ln=site.linker("actors/index.md"),
    )


def build(site: Site) -> Iterator[tuple[str, str]]:
    yield "actors/index.md", actors_index(site)
