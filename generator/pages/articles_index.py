"""`articles/`: every article, newest first, with its outlets and how many actors it names; split into
pages of `page_size` articles (`articles/page/2/`, …) on a large briefing."""

from __future__ import annotations

from collections.abc import Iterator

from ..render.environment import render
from .paging import page_links, split
from .site import Site

PAGE = "articles/index.md"


def build(site: Site) -> Iterator[tuple[str, str]]:
    for page in split(site.articles_newest_first(), site.options.page_size, PAGE):
        linker = site.linker(page.path)
        yield page.path, render(
            "articles_index.md.j2",
            page=page,
            pages=page_links(page, linker, "Articles"),
            actor_counts={a.id: len(site.mentions.actors_in(a.id)) for a in page.items},
            ln=linker,
        )
