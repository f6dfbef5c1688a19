"""Page types. Each module has `build(site)`, yielding `(docs-relative path, content)` pairs: Markdown
pages with one template each, and the data files (api/*.json, feed.xml). Adding a page type means
adding a module here and to PAGE_TYPES, nothing else.

Content is a string, or for the large data exports an iterator of string pieces, so `briefing
generate` can write a page as soon as it is made and hold none of them (`iter_pages`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import actor, actors_index, api, article, articles_index, book, changes, feed, home, network, sources_index, tags, timeline, topic, topics_index
from .site import Options, Site

PAGE_TYPES = (
    home, article, actor, topic, articles_index, actors_index, topics_index, timeline, changes, sources_index, network,
    book, tags, api, feed,
)

# Two groups of page types that take about the same time to make (measured at 10,000 articles,
# docs/performance.md), for a writer with two processes: actor pages, the book and the network; the rest.
_FIRST_GROUP = (actor, book, network)
PAGE_GROUPS = (_FIRST_GROUP, tuple(t for t in PAGE_TYPES if t not in _FIRST_GROUP))
# The same for `briefing serve`'s rebuilds, where actor and article pages and the exports' entries are
# mostly kept from the last rebuild (reuse.py): what is left of each group then takes about as long
# (at 10,000 articles: the book 2 s, the kept pages and the exports 1 s; the indexes, the timeline,
# the topics and the network 3 s).
_FIRST_REFRESH_GROUP = (actor, api, book)
REFRESH_GROUPS = (_FIRST_REFRESH_GROUP, tuple(t for t in PAGE_TYPES if t not in _FIRST_REFRESH_GROUP))

Content = str | Iterable[str]


def iter_pages(site: Site, page_types: Iterable = PAGE_TYPES) -> Iterator[tuple[str, Content]]:
    """Every page of the given types, one at a time, page type by page type."""
    for page_type in page_types:
        yield from page_type.build(site)


def text_of(content: Content) -> str:
    return content if isinstance(content, str) else "".join(content)


def build_pages(site: Site) -> dict[str, str]:
    """Every page as text, in path order."""
    return dict(sorted((path, text_of(content)) for path, content in iter_pages(site)))


__all__ = ["PAGE_GROUPS", "REFRESH_GROUPS", "Content", "Options", "Site", "build_pages", "iter_pages", "text_of"]
