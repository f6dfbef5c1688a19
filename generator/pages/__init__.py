"""Page types. Each module has `build(site) -> {"docs-relative path": content}`: Markdown pages with
one template each, and the data files (api/*.json, feed.xml). Adding a page type means adding a
module here and to PAGE_TYPES, nothing else."""

from __future__ import annotations

from . import (
    actor, actors_index, api, article, articles_index, book, feed, home, network, sources_index, tags, timeline,
    topic, topics_index,
)
from .site import Options, Site

PAGE_TYPES = (
    home, article, actor, topic, articles_index, actors_index, topics_index, timeline, sources_index, network, book,
    tags, api, feed,
)


def build_pages(site: Site) -> dict[str, str]:
    pages: dict[str, str] = {}
    for page_type in PAGE_TYPES:
        pages.update(page_type.build(site))
    return dict(sorted(pages.items()))


__all__ = ["Options", "Site", "build_pages"]
