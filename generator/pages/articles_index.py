"""`articles/`: every article, newest first, with its outlets and how many actors it names."""

from __future__ import annotations

from collections.abc import Iterator

from ..render.environment import render
from .site import Site


def articles_index(site: Site) -> str:
    return render(
        "articles_index.md.j2",
        articles=site.articles_newest_first(),
        actor_counts={a: len(site.mentions.actors_in(a)) for a in site.corpus.articles},
        ln=site.linker("articles/index.md"),
    )


def build(site: Site) -> Iterator[tuple[str, str]]:
    yield "articles/index.md", articles_index(site)
