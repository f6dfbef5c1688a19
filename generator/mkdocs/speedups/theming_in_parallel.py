"""A cold build's theming shared with a second process: the later pages themed while MkDocs themes the first.

After the conversions (which pages.py spreads over every core), MkDocs renders the theme's
`main.html` around every page, runs `on_post_page` and writes the file, one page after another in one
process: about 6 s at 2,400 articles, while the other core waits. Here, once every plugin's `on_env`
has run, a forked copy of the build themes the later pages (MkDocs' own steps: `get_context`, every
plugin's `on_page_context`, the template) and streams each result to a temporary file; MkDocs' loop
themes the earlier pages itself meanwhile, and for each later page takes the forked copy's HTML
instead of rendering it, when the page's key (theming.py: everything the template reads) is
the one the copy made it with. Every `on_page_context` and `on_post_page` still runs here, in MkDocs'
order, and every file is written here: the site is byte for byte the plain path's
(tests/equivalence/test_fast_pages.py).

Results are read one at a time, as MkDocs reaches their page, so the build never holds more than one
of them. A page whose theming logged a message, or failed, is themed here instead (the message is
logged, or the error raised, in MkDocs' order); so is every page after the copy stopped early.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...session import processes
from .conversions import message_loggers

# The earlier pages' share of the HTML, themed in MkDocs' loop, which also runs `on_post_page` and
# writes every page. At 2,400 articles, 0.4 left the loop waiting 1.1 s for the copy; at 0.5 neither
# waited (the earlier pages are the long actor pages, so the copy gets most of the pages by count).
FIRST_SHARE = 0.5

Themed = tuple[tuple, str]  # (the page's key, the themed HTML)


def later_share(sizes: Sequence[int]) -> int:
    """Where the copy's share begins: the pages from this index on hold about 1 - FIRST_SHARE of the
    pages' HTML (theming costs about as the page is long)."""
    total, seen = sum(sizes), 0
    for index, size in enumerate(sizes):
        if seen >= total * FIRST_SHARE:
            return index
        seen += size
    return len(sizes)


class ThemedAhead:
    """The forked copy theming `uris` (in this order) with `theme`, and its results as they come."""

    def __init__(self, uris: Sequence[str], theme: Callable[[str], Themed | None]) -> None:
        self.waiting = list(reversed(uris))  # the copy's pages not yet read, next last
        self.unread = set(uris)
        self.share = len(uris)
        self.copy = processes.RecordReader(lambda records: _theme_all(records, uris, theme))
        if not self.copy.started:  # no temporary file or no process to be had: MkDocs themes every page
            self.waiting, self.unread = [], set()

    def take(self, uri: str) -> Themed | None:
        """The copy's result for page `uri`: None if the page is not in its share, or if it logged,
        failed or was not reached (MkDocs' loop then themes it as usual)."""
        if uri not in self.unread:
            return None
        while self.waiting:
            next_uri = self.waiting.pop()
            self.unread.discard(next_uri)
            record = self.copy.read()
            if record is None:  # the copy's end, or it stopped: MkDocs themes the rest
                self.close()
                return None
            if next_uri == uri:
                return record[0]
            # else a page MkDocs did not ask for (a draft a plugin left out): skipped
        return None

    def close(self) -> None:
        """Stop waiting for the copy (after the build, or when it stopped): it is killed if still theming."""
        self.waiting, self.unread = [], set()
        self.copy.close()


def _theme_all(records: processes.RecordWriter, uris: Sequence[str], theme: Callable[[str], Themed | None]) -> None:
    """The forked copy: theme each page and write each result as it is made."""
    for logger in message_loggers():  # silent: MkDocs' loop logs what theming a page says
        logger.handlers.clear()
    for uri in uris:
        try:
            themed = theme(uri)
        except Exception:  # noqa: BLE001 - MkDocs' loop themes it again and reports the error there
            themed = None
        records.write((themed,))  # in a tuple: a None of its own is not the end
