"""A second process that stays up as long as `briefing serve` and makes half the pages of each rebuild.

`mkdocs serve` makes every page in one process, because forking a process that runs threads is not
safe. `briefing serve` forks this worker once, after its first build and before it starts its file
watcher and web server: the worker then holds a copy of the loaded briefing (the parse cache of the
`Session`) and runs no thread. For each rebuild both processes re-read the changed seed files, and
the worker makes the second page group (`REFRESH_GROUPS`) while the parent makes the first; it sends back
only the pages whose text differs from what it sent before, so a one-line edit moves kilobytes
between the processes, not the whole briefing.

The parent holds the truth: when it has made the whole site itself (a full build), it says so with a
new `epoch` and the worker sends every page of its group once more, so the two never drift apart.
"""

from __future__ import annotations

import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ..pages import REFRESH_GROUPS, Options, text_of
from ..pages.reuse import Reuse
from ..session.pipeline import Session, generate_streams
from ..session import processes
from ..session.memory import collector_paused


@dataclass
class Half:
    """What the worker made: every path of its group, and the text of those that changed."""

    paths: list[str]
    changed: dict[str, str]
    seconds: float  # how long the worker took, from the request to the answer (for the debug log)


class PageWorker:
    """The forked worker, seen from `briefing serve`. Start it only while no other thread runs."""

    def __init__(self, session: Session, root: Path) -> None:
        self.root = root
        self.alive = False
        if not processes.available():  # no fork, one core, or a thread already running
            return
        self.conn, child_end = processes.pipe()
        pid = processes.fork(lambda: _serve_requests(child_end, self.conn, session, root))
        child_end.close()
        if pid is None:  # no process to be had: the parent makes every page itself
            self.conn.close()
            return
        self.pid = pid
        self.alive = True

    def ask(self, options: Options, epoch: int) -> None:
        """Start making the second group (returns at once; `answer()` waits for it)."""
        try:
            self.conn.send((options, epoch))
        except (OSError, ValueError):
            self.alive = False

    def answer(self) -> Half | None:
        """The worker's pages, or None when it found errors in seeds/ or is gone (then the parent
        makes the whole site itself)."""
        try:
            return self.conn.recv()
        except (OSError, EOFError):
            self.alive = False
            return None

    def stop(self) -> None:
        if self.alive:
            self.alive = False
            self.conn.close()  # the worker sees the pipe close and leaves
            processes.stop(self.pid, wait=5)


def _serve_requests(conn: Connection, parents_end: Connection, session: Session, root: Path) -> None:
    """The worker's loop: a request is the page options and the parent's epoch; the answer a Half.
    It ends when the parent's end of the pipe closes (the parent stopped, however it stopped)."""
    parents_end.close()  # this copy would keep the pipe open after the parent is gone
    # Ctrl-C reaches every process of the terminal: the parent stops, and this one with it (above).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sent: dict[str, str] = {}
    epoch_seen = -1
    reuse = Reuse()  # this process's own pages kept (pages/reuse.py)
    while True:
        try:
            options, epoch = conn.recv()
        except (EOFError, OSError):
            return
        if epoch != epoch_seen:  # the parent made every page itself since: send them all again
            sent, epoch_seen = {}, epoch
        started = time.perf_counter()
        try:
            with collector_paused():
                analysis = session.analyse(root)
                if analysis.project.problems.has_errors:
                    conn.send(None)
                    continue
                second = generate_streams(analysis, options, reuse, REFRESH_GROUPS)[1]
                pages = {path: text_of(content) for path, content in second}
                reuse.forget_unasked()
        except Exception:  # noqa: BLE001 - the parent then makes every page itself, and reports
            conn.send(None)
            continue
        changed = {path: text for path, text in pages.items() if sent.get(path) != text}
        sent = pages
        conn.send(Half(sorted(pages), changed, time.perf_counter() - started))
