"""The search entries of each page, kept so a search plugin need not parse an unchanged page again.

Material's search plugin parses every page's HTML on every build (`SearchIndex.add_entry_from_context`,
a quarter of a build's time). What it adds for a page depends only on what it reads from the page:
its URL, title, content, table of contents and the `title`, `tags` and `search` keys of its meta
(and the plugin's settings, which stay the same for the plugin instance it belongs to). `wrap`
puts a cache in front of that method: a page whose key is unchanged gets copies of the entries the
plugin made for it before, in the same place in the index; any other page goes to the plugin.

Nothing here depends on a search plugin being there: an index is any plugin attribute `search_index`
with an `entries` list and an `add_entry_from_context(page)` method (Material's); without one,
nothing is wrapped.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ... import fast
from .. import internals
from .conversions import digest

Entries = list[dict]


def toc_key(items) -> tuple:  # type: ignore[no-untyped-def]
    return tuple((item.id, item.url, item.title, item.level, toc_key(item.children)) for item in items)


def page_key(page: Page) -> tuple:
    meta = page.meta
    return (
        page.url, page.title, repr(meta.get("title")), repr(meta.get("tags")), repr(meta.get("search")),
        toc_key(page.toc), digest(page.content or ""),
    )


def indexes(config: MkDocsConfig) -> Iterator[tuple[str, object]]:
    """(plugin name, its search index) for each plugin that keeps one this cache understands."""
    for name, plugin in config.plugins.items():
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list) and callable(getattr(index, "add_entry_from_context", None)):
            yield name, index


def entries_made(add: Callable[[Page], None], entries: Entries, page: Page) -> Entries:
    """Run the plugin's own `add_entry_from_context` for `page`; the entries it appended, as copies."""
    before = len(entries)
    add(page)
    return copy.deepcopy(entries[before:])


class SearchCache:
    """Per search index (by plugin name), per page URL: (key, entries), kept across serve rebuilds."""

    def __init__(self, keep: bool = True) -> None:
        self.pages: dict[str, dict[str, tuple[tuple, Entries]]] = {}
        self.keep = keep  # False: a one-off build, where each page's entries are used once, then dropped
        self.hits = self.misses = 0

    def store(self, name: str, url: str, key: tuple, entries: Entries) -> None:
        self.pages.setdefault(name, {})[url] = (key, entries)

    def wrap(self, name: str, index) -> None:  # type: ignore[no-untyped-def]
        """Put the cache in front of `index.add_entry_from_context` for this build."""
        original = internals.search_add_entry(index)
        kept = self.pages.setdefault(name, {})

        def add_entry_from_context(page: Page) -> None:
            key = page_key(page)
            known = kept.get(page.url) if self.keep else kept.pop(page.url, None)
            if known is not None and known[0] == key:
                self.hits += 1
                fast.took("search_entries_kept")
                index.entries.extend(copy.deepcopy(known[1]) if self.keep else known[1])
                return
            self.misses += 1
            if self.keep:
                kept[page.url] = (key, entries_made(original, index.entries, page))
            else:
                original(page)

        internals.replace_search_add_entry(index, add_entry_from_context)

    def keep_only(self, urls: set[str]) -> None:
        for kept in self.pages.values():
            for url in [url for url in kept if url not in urls]:
                del kept[url]
