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
(tests/test_fast_pages.py).

Results are read one at a time, as MkDocs reaches their page, so the build never holds more than one
of them. A page whose theming logged a message, or failed, is themed here instead (the message is
logged, or the error raised, in MkDocs' order); so is every page after the copy stopped early.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import struct
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import BinaryIO

from .conversions import message_loggers

_LENGTH = struct.Struct("<Q")
_END = 0  # a record of length 0: the copy has themed its whole share
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
        self.pid = 0
        self.file: BinaryIO | None = None
        try:
            handle, path = tempfile.mkstemp(prefix="briefing-", suffix=".themed")
        except OSError:
            self.waiting, self.unread = [], set()
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(handle)
            os.unlink(path)
            self.waiting, self.unread = [], set()
            return
        if pid == 0:
            _theme_all(handle, uris, theme)
        self.pid = pid
        os.close(handle)
        try:
            # Opened again, not `handle`: a descriptor shared with the copy shares its file offset too.
            self.file = open(path, "rb")  # noqa: SIM115 - closed by close()
        except OSError:
            self.close()
        finally:
            os.unlink(path)  # the open files are all either process needs

    def take(self, uri: str) -> Themed | None:
        """The copy's result for page `uri`: None if the page is not in its share, or if it logged,
        failed or was not reached (MkDocs' loop then themes it as usual)."""
        if uri not in self.unread:
            return None
        while self.waiting:
            next_uri = self.waiting.pop()
            self.unread.discard(next_uri)
            themed = self._read()  # on the copy's end or failure, `waiting` is emptied: the loop ends
            if next_uri == uri:
                return themed
            # else a page MkDocs did not ask for (a draft a plugin left out): skipped
        return None

    def _read(self) -> Themed | None:
        record = self._record()
        if record is None:
            self.close()
            return None
        return pickle.loads(record)

    def _record(self) -> bytes | None:
        """The next record, waiting for the copy to write it; None at the end or if the copy stopped."""
        assert self.file is not None
        header = self._exactly(_LENGTH.size)
        if header is None:
            return None
        (length,) = _LENGTH.unpack(header)
        return None if length == _END else self._exactly(length)

    def _exactly(self, size: int) -> bytes | None:
        assert self.file is not None
        data = b""
        while len(data) < size:
            chunk = self.file.read(size - len(data))
            if chunk:
                data += chunk
                continue
            if self._stopped():  # read once more: the copy may have written its last bytes and left
                chunk = self.file.read(size - len(data))
                if not chunk:
                    return None
                data += chunk
                continue
            time.sleep(0.001)
        return data

    def _stopped(self) -> bool:
        if not self.pid:
            return True
        done, _ = os.waitpid(self.pid, os.WNOHANG)
        if done:
            self.pid = 0
        return bool(done)

    def close(self) -> None:
        """Stop waiting for the copy (after the build, or when it stopped): it is killed if still theming."""
        self.waiting, self.unread = [], set()
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0
        if self.file is not None:
            self.file.close()
            self.file = None


def _theme_all(handle: int, uris: Sequence[str], theme: Callable[[str], Themed | None]) -> None:
    """The forked copy: theme each page, write each result as it is made, and leave."""
    for logger in message_loggers():  # silent: MkDocs' loop logs what theming a page says
        logger.handlers.clear()
    gc.freeze()  # the collector walks only what theming makes, not the whole build copied from the parent
    try:
        with os.fdopen(handle, "wb", buffering=1 << 20) as out:
            for uri in uris:
                try:
                    themed = theme(uri)
                except Exception:  # noqa: BLE001 - MkDocs' loop themes it again and reports the error there
                    themed = None
                data = pickle.dumps(themed, pickle.HIGHEST_PROTOCOL)
                out.write(_LENGTH.pack(len(data)))
                out.write(data)
                out.flush()
            out.write(_LENGTH.pack(_END))
    finally:
        os._exit(0)
