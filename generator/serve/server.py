"""`briefing serve`: the live preview, with rebuilds that redo only what an edit changed.

`mkdocs serve` rebuilds the whole site after every saved edit: at 1,000 articles that was half a
minute before a one-line change showed (docs/performance.md). This command serves the same site with
MkDocs' own development server (live reload included) and differs only in what a rebuild does:

- a saved edit under seeds/ is applied by the briefing plugin to the generated files whose text it
  changes, and only to those (`BriefingPlugin.refresh`, incremental.py): every plugin's page events,
  the conversion, the theme and the write, for those pages;
- half the pages are made again by a second process forked once, before any thread starts
  (page_worker.py), the other half here;
- the file watcher is the operating system's (inotify on Linux), not MkDocs' half-second polling;
- Pagefind indexes the site behind the rebuilt pages (pagefind.BackgroundIndex): a page shows
  its edit at once, search finds it a few seconds later.

Anything else is a whole MkDocs build, exactly as `mkdocs serve` makes it: an edit of mkdocs.yml, of
docs/ or of the theme's `custom_dir`, a page added or removed, a changed page title or tags, errors in
seeds/ (shown in a banner on every page, as under `mkdocs serve`), a plugin `incremental.py` does not
know. `--full` makes every rebuild a whole one (the plain path, for comparison).

What it answers is MkDocs' too, but for requests whose Host header names another host (403: DNS
rebinding) and paths with a NUL character (404, not a 500 and a traceback): guard.py. It
listens before the first build, so a busy port is refused at once: one line and exit 2 (`_Server`).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from ..mkdocs import runtime  # noqa: F401 - first: `mkdocs.*` importable under ProperDocs alone

import watchdog.events
import watchdog.observers
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from . import guard
from .. import fast
from ..mkdocs import internals
from .live import LivePreview
from .page_worker import PageWorker
from ..search.pagefind import BackgroundIndex
from ..mkdocs.plugin import BriefingPlugin
from ..cli.report import Refused

log = logging.getLogger("mkdocs.plugins.briefing")


class _Outside:
    """The files an incremental rebuild cannot handle: mkdocs.yml, docs/ and the theme's custom_dir,
    by name, size and modification time. Any change among them means a whole build."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.roots = [config.config_file_path or "", config.docs_dir]
        if config.theme.custom_dir:
            self.roots.append(config.theme.custom_dir)
        self.seen = self._now()

    def _now(self) -> list[tuple[str, int, int]]:
        found = []
        for root in self.roots:
            if os.path.isfile(root):
                stat = os.stat(root)
                found.append((root, stat.st_size, stat.st_mtime_ns))
            for folder, dirs, names in os.walk(root):
                dirs.sort()
                for name in sorted(names):
                    path = os.path.join(folder, name)
                    try:
                        stat = os.stat(path)
                    except OSError:
                        continue
                    found.append((path, stat.st_size, stat.st_mtime_ns))
        return found

    def changed(self) -> bool:
        now = self._now()
        changed, self.seen = now != self.seen, now
        return changed


# What a saved edit does to a file. Reading one (opened, closed without writing) is not a change: the
# rebuild reads the edited file, and would otherwise set off a second rebuild.
_WRITES = [
    watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent, watchdog.events.FileClosedEvent,
    watchdog.events.FileMovedEvent, watchdog.events.FileDeletedEvent, watchdog.events.FileAttribEvent,
    watchdog.events.DirCreatedEvent, watchdog.events.DirMovedEvent, watchdog.events.DirDeletedEvent,
]


class _WriteWatcher(watchdog.observers.Observer):  # type: ignore[misc,valid-type]
    """The operating system's file watcher (inotify on Linux; MkDocs polls every half second), told
    only of writes."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):  # type: ignore[no-untyped-def]
        return super().schedule(event_handler, path, recursive=recursive, event_filter=_WRITES, follow_symlink=follow_symlink)


class _Server(LiveReloadServer):
    """MkDocs' server, listening from `listen()` on, before the first build: a busy port (or an address
    this machine does not have) is refused at once, in one line, not as a traceback after a build.
    MkDocs' own `serve()` then finds the socket listening and goes on as ever."""

    listening = False

    def listen(self, host: str, port: int) -> None:
        try:
            super().server_bind()
            super().server_activate()
        except OSError as error:
            self.server_close()
            raise Refused(guard.cannot_serve(host, port, error)) from None
        self.listening = True

    def server_bind(self) -> None:
        if not self.listening:
            super().server_bind()

    def server_activate(self) -> None:
        if not self.listening:
            super().server_activate()


def serve(config_file: str | None, dev_addr: str | None, *, full: bool = False, open_in_browser: bool = False,
          verbose: bool = False) -> None:
    logging_state = internals.cli_state()  # MkDocs' own log format and level, as `mkdocs serve` prints
    if verbose:
        log.setLevel(logging.DEBUG)
    site_dir = tempfile.mkdtemp(prefix="briefing_")
    overrides = {"dev_addr": dev_addr} if dev_addr else {}

    def get_config() -> MkDocsConfig:
        try:
            return load_config(config_file=config_file, site_dir=site_dir, **overrides)
        except Abort as error:
            raise Refused(str(error)) from None

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins.get("briefing")
    if not isinstance(plugin, BriefingPlugin):
        shutil.rmtree(site_dir, ignore_errors=True)
        raise Refused("mkdocs.yml does not list the briefing plugin (plugins: [briefing]); use `mkdocs serve`")
    host, port = config.dev_addr
    serve_url = internals.serve_url(host, port, urlsplit(config.site_url or "/").path)
    fast.configure(plugin.config.fast)
    full = full or not fast.on("incremental_rebuild")  # `fast: false` or BRIEFING_FAST=0: whole rebuilds
    plugin.live = live = LivePreview(incremental=not full)
    if plugin.config.search == "pagefind" and fast.on("search_in_background"):
        live.indexer = BackgroundIndex(site_dir, log.info)
    outside: _Outside | None = None

    def whole_build(config: MkDocsConfig | None = None) -> None:
        nonlocal outside
        if config is None:
            config = get_config()
        config.site_url = serve_url
        outside = _Outside(config)
        build(config, serve_url=serve_url)

    def builder() -> None:
        if live.indexer is not None:
            live.indexer.cancel()  # the rebuild first: indexing starts again once it is done
        if not full and outside is not None and not outside.changed():
            changed = plugin.refresh()
            if changed is not None:
                log.info(f"briefing: rebuilt {len(changed)} changed file{'s' if len(changed) != 1 else ''}")
                return
        log.info("Building documentation...")
        whole_build()

    server = _Server(builder=builder, host=host, port=port, root=site_dir, mount_path=urlsplit(serve_url).path)
    guard.install(server)

    def error_page(code: int) -> bytes | None:
        path = Path(site_dir, f"{code}.html")
        return path.read_bytes() if code in (404, 500) and path.is_file() else None

    internals.set_error_page(server, error_page)
    # Stopped by a process manager (SIGTERM) as by Ctrl-C: the worker, Pagefind and the temporary site
    # folder go with the server.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.listen(host, port)
        whole_build(config)
        if not full and fast.on("page_worker"):
            # Forked now, while no thread runs: the watcher and the web server start below.
            live.worker = PageWorker(plugin.session, plugin.root)
        if live.indexer is not None:
            live.indexer.start()
        internals.set_watcher(server, _WriteWatcher())  # made after the fork: it starts a thread of its own at once
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve(open_in_browser=open_in_browser)
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        live.stop()
        config.plugins.on_shutdown()
        server.server_close()  # if it never got to serve (a failed first build): the port is free again
        shutil.rmtree(site_dir, ignore_errors=True)
        del logging_state
