"""`articles/`: every article, newest first, with its outlets and how many actors it names; split into
pages of `page_size` articles (`articles/page/2/`, …) on a large briefing. Undated articles come
after every dated one (by id, as `articles_newest_first()` orders them), "Undated" in the date column
of whichever page they land on."""

from __future__ import annotations

from collections.abc import Iterator

from ..render.environment import render
from .paging import page_links, split
from .site import Site

PAGE = "articles/index.md"


def build(site: Site) -> Iterator[tuple[str, str]]:
    articles = site.articles_newest_first()
    undated = sum(1 for article in articles if article.date is None)
    for page in split(articles, site.options.page_size, PAGE):
        linker = site.linker(page.path)
        yield page.path, render(
            "articles_index.md.j2",
            page=page,
            undated=undated,
            pages=page_links(page, linker, "Articles"),
            actor_counts={a.id: len(site.mentions.actors_in(a.id)) for a in page.items},
            ln=linker,
        )
