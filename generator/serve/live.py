"""What `briefing serve` keeps beside the plugin between builds, and the rebuild of an edit from it.

The plugin (mkdocs/plugin.py) makes every page on a whole build; under `briefing serve` it hands
each build's pages and MkDocs objects to a `LivePreview`, which answers the next edit under seeds/
by making the pages again (this process makes the first group while the worker makes the second)
and giving MkDocs only the files whose text changed (incremental.py).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig

from .. import fast
from ..cli.report import print_problems
from ..pages import REFRESH_GROUPS, Options, text_of
from ..pages.reuse import Reuse
from ..search.pagefind import BackgroundIndex
from ..session.memory import collector_paused
from ..session.pipeline import Analysis, Session, generate_streams
from . import incremental
from .incremental import LastBuild
from .page_worker import PageWorker

log = logging.getLogger("mkdocs.plugins.briefing")


@dataclass
class Refreshed:
    analysis: Analysis  # the edited briefing, without errors
    pages: dict[str, str]  # every page, as the site now shows them
    changed: list[str]  # the paths rebuilt


class LivePreview:
    def __init__(self, *, incremental: bool = True) -> None:
        self.incremental = incremental  # False: `briefing serve --full` (or `fast: false`), every rebuild a whole one
        self.worker: PageWorker | None = None  # the second process, making half the pages
        self.indexer: BackgroundIndex | None = None  # search indexed behind the pages
        self.epoch = 0  # how many times the plugin made every page itself (page_worker.py)
        self.options = Options()
        self.reuse = Reuse()  # pages whose inputs did not change are not made again (pages/reuse.py)
        self.last: LastBuild | None = None

    def whole_build_started(self, options: Options) -> None:
        """The plugin makes every page again (`on_files`): what the last build left is of no use now."""
        self.options, self.epoch, self.last = options, self.epoch + 1, None

    def whole_build_done(self, config: MkDocsConfig, building: dict) -> None:
        """Keep the finished build's pages, files, navigation and environment for the next edit."""
        if building.keys() == {"generated", "files", "nav", "env"}:
            self.last = LastBuild(config, **building)

    def index(self) -> None:
        if self.indexer is not None:
            self.indexer.request()

    def refresh(self, session: Session, root, allowed: bool) -> Refreshed | None:  # type: ignore[no-untyped-def]
        """Apply the edits made under seeds/ since the last build to the files whose text they change,
        and only those; None when only a whole build gives the same site (then the caller runs one,
        which reports any error). `allowed`: the plugin's say (speed-ups on, Pagefind search)."""
        last, self.last = self.last, None  # used up: a refusal may leave it half updated
        if last is None or not self.incremental or not allowed or not fast.on("incremental_rebuild") or not incremental.per_page_plugins_only(last.config):
            return None
        started = time.perf_counter()
        worker = self.worker if self.worker is not None and self.worker.alive else None
        if worker is not None:
            worker.ask(self.options, self.epoch)
        with collector_paused():
            analysis = session.analyse(root)
            log.debug(f"briefing: seeds read again in {time.perf_counter() - started:.2f} s")
            if analysis.project.problems.has_errors:
                if worker is not None:
                    worker.answer()  # every question gets its answer: the next one must not read this one
                return None
            print_problems(analysis.project.problems)
            pages = _pages_after_edit(analysis, self.options, worker, last.generated, self.reuse, started)
        if pages is None:
            return None
        made = time.perf_counter()
        changed = incremental.update(last, pages)
        log.debug(f"briefing: pages made in {made - started:.2f} s, MkDocs' part in {time.perf_counter() - made:.2f} s")
        if changed is None:
            return None
        fast.took("incremental_rebuild")
        self.last = last
        self.index()
        return Refreshed(analysis, pages, changed)

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        if self.indexer is not None:
            self.indexer.cancel()


def _pages_after_edit(analysis: Analysis, options: Options, worker: PageWorker | None, before: dict[str, str], reuse: Reuse,
                      started: float) -> dict[str, str] | None:
    """Every page after an edit: the first group made here while the worker makes the second (only
    its changed pages come back; the others are as `before`), or all here without a worker. None if
    the worker's answer does not add up (a file it read changed again: a whole build follows).
    `started`: when the refresh began, for the debug log."""
    first, second = generate_streams(analysis, options, reuse if fast.on("page_reuse") else None, REFRESH_GROUPS)
    pages = {path: text_of(content) for path, content in first}
    log.debug(f"briefing: this process's pages made {time.perf_counter() - started:.2f} s after the edit was taken")
    half = worker.answer() if worker is not None else None
    if half is None:  # no worker, or it found errors the files read here did not have
        pages.update((path, text_of(content)) for path, content in second)
    reuse.forget_unasked()
    if half is not None:
        log.debug(f"briefing: the worker's pages made in {half.seconds:.2f} s")
        for path in half.paths:
            text = half.changed.get(path, before.get(path))
            if text is None:
                return None
            pages[path] = text
    return pages
