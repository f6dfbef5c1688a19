"""Faster MkDocs builds with the same bytes: pages whose HTML was made ahead of time or before.

MkDocs converts every page's Markdown on every build, one page after another (`Page.render`), and
Material's search plugin parses every page's HTML again; together most of a build's time
(docs/performance.md). Here, without changing what MkDocs or any plugin does with a page:

- every documentation page becomes a `FastPage`, a `Page` whose `render` takes the result from a
  `RenderCache` (conversions.py) when the Markdown it is asked to convert is exactly what was
  converted before, in the same place, with the same links found;
- before the pages are read, when this process may fork (a cold `mkdocs build`, or the first build
  of `mkdocs serve` before its threads start), the pages are converted ahead in as many processes as
  there are cores, with their search entries (search_entries.py); each page is then read, passed
  through every plugin's events and rendered by MkDocs as usual, and its `render` finds the result;
- in a one-off build, a second process themes the later pages while MkDocs themes the first, and
  MkDocs takes its HTML where the page's key matches (theming_in_parallel.py, theming.py);
- under `mkdocs serve` the caches live as long as the server, so a rebuild converts and indexes
  again only the pages whose Markdown (or HTML) changed. No process is forked there: the server runs
  threads.

A result is used only when its key is exactly what MkDocs would convert or index (a plugin that
changes a page's Markdown in `on_page_markdown` simply gets it converted again), so the site is the
same, byte for byte, as with `fast: false` (tests/equivalence/test_fast_pages.py).
"""

from __future__ import annotations

import copy
import gc
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from .. import internals, theme_boundary
from . import conversions
from . import search_entries
from ...session import processes
from . import theming_in_parallel
from .conversions import RenderCache, Rendered
from .search_entries import Entries, SearchCache
from .theming import TemplateCache

log = logging.getLogger("mkdocs.plugins.briefing")

Ahead = list[tuple[Rendered, str, list[tuple[str, tuple, Entries]]]]  # (rendering, page URL, search entries by index)


class FastPage(Page):
    """A MkDocs page whose `render` reuses an earlier conversion of exactly the same Markdown."""

    fast: FastPages

    def render(self, config: MkDocsConfig, files: Files) -> None:  # type: ignore[override]
        if self.markdown is None:
            super().render(config, files)  # MkDocs' own error
            return
        self.fast.renders.render(self, config, files, self.fast.signature)


class FastPages:
    """The caches of one plugin instance (one build, or every rebuild of one `mkdocs serve`)."""

    def __init__(self, keep: bool = True) -> None:
        """`keep`: keep results for later builds (`mkdocs serve`); else each is dropped once used."""
        self.renders = RenderCache(keep)
        self.search = SearchCache(keep)
        self.templates = TemplateCache() if keep else None  # only worth it when pages are made again
        self.templates_once: TemplateCache | None = None  # a one-off build's pages themed ahead
        self.signature = ""

    def install(self, config: MkDocsConfig, files: Files) -> None:
        """Call once the files and the navigation are final (`on_nav`), before MkDocs reads the pages."""
        self.signature = conversions.signature(config)
        pages = [file.page for file in files.documentation_pages() if type(file.page) is Page]
        for page in pages:
            # The page MkDocs made for the navigation (with its nav title, its neighbours) keeps every
            # attribute and gains only FastPage's `render`; a page of another plugin's class is left alone.
            internals.become(page, FastPage)
            page.fast = self
        self.renders.keep_only({file.src_uri for file in files.documentation_pages()})
        indexes = list(search_entries.indexes(config))
        self.search.keep_only({file.page.url for file in files.documentation_pages() if file.page is not None})
        for name, index in indexes:
            self.search.wrap(name, index)
        if processes.available():
            self._convert_ahead(pages, config, files, indexes)

    def _convert_ahead(self, pages: list[Page], config: MkDocsConfig, files: Files, indexes: list) -> None:
        # Longest first, each process taking the next page not yet taken: they finish together.
        sources = sorted(((page, page.file.content_string) for page in pages), key=lambda source: -len(source[1]))
        queue = processes.SharedQueue(len(sources))
        with _silenced(), _heap_frozen():
            results = processes.run_all([
                lambda: _convert((sources[i] for i in queue), config, files, self.signature, indexes)
            ] * processes.cores())
        for share in results:
            for rendered, url, entries in share:
                self.renders.put(rendered)
                for name, key, made in entries:
                    self.search.store(name, url, key, made)

    def wrap_templates(self, env: jinja2.Environment, config: MkDocsConfig, files: Files, nav: Navigation, *,
                       ahead: bool) -> None:
        """Call from `on_env`, after every other plugin's: theme output reused under serve; in a one-off
        build, if `ahead` (every plugin known to work page by page) and forking is safe, the later
        pages themed by a second process while MkDocs themes the first (theming_in_parallel.py)."""
        paths = {file.src_uri for file in files.documentation_pages()}
        if self.templates is not None:
            self.templates.start(env, config, paths)
        elif ahead and processes.available():
            self.templates_once = templates = TemplateCache(keep=False)
            templates.start(env, config, paths)
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
            pages = [file.page for file in doc_files if file.page is not None]
            later = pages[theming_in_parallel.later_share([len(page.content or "") for page in pages]):]
            by_uri = {page.file.src_uri: page for page in later}
            templates.ahead = theming_in_parallel.ThemedAhead(
                list(by_uri), lambda uri: templates.theme(by_uri[uri], config, nav, doc_files)
            )

    def forget(self) -> None:
        """After a one-off build: hold nothing (a page a plugin skipped may have left its entry)."""
        self.renders.clear()
        self.search.pages.clear()
        once, self.templates_once = self.templates_once, None
        if once is not None and once.ahead is not None:
            once.ahead.close()
            log.debug(f"briefing: {once.hits} of {once.ahead.share} pages themed by a second process")


def _convert(share: Iterable[tuple[Page, str]], config: MkDocsConfig, files: Files, signature: str, indexes: list) -> Ahead:
    """Convert each page of `share` as MkDocs will read it (on a copy: the page itself is left as it
    is), and index it as each search plugin would. Runs in worker processes, and here."""
    results: Ahead = []
    for page, source in share:
        scratch = copy.copy(page)
        scratch.markdown, scratch.meta = meta.get_data(source)
        rendered = conversions.render(scratch, config, files, signature)
        # As the briefing plugin's on_page_content does before any search plugin indexes the page: the
        # rendered title pinned in its meta, which the entries' key holds (search_entries.page_key).
        theme_boundary.pin_title(scratch)
        entries = []
        for name, index in indexes:
            scratch_index = copy.copy(index)  # the plugin's own code, on an index of its own
            scratch_index.entries = []
            made = search_entries.entries_made(internals.search_add_entry(scratch_index), scratch_index.entries, scratch)
            entries.append((name, search_entries.page_key(scratch), made))
        results.append((rendered, scratch.url, entries))
    return results


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """Everything made so far out of the cycle collector's sight while the pages are converted ahead.

    Each conversion leaves cycles behind, so the collector runs in every converting process; left as
    it is, each of its full passes walks the whole briefing and every page's Markdown (millions of
    objects), and in a forked process that walk writes to every object's header: the child copies the
    parent's memory page by page. Frozen, a pass walks only what the conversions made."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _silenced() -> Iterator[None]:
    """No message while converting ahead: each is logged when MkDocs renders its page (Rendered.apply),
    in MkDocs' order, and counted by `--strict` there."""
    loggers = conversions.message_loggers()
    saved = [logger.handlers[:] for logger in loggers]
    for logger in loggers:
        logger.handlers.clear()
    try:
        yield
    finally:
        for logger, handlers in zip(loggers, saved):
            logger.handlers[:] = handlers
