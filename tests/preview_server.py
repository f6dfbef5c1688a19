"""A preview server (`mkdocs serve` or `briefing serve`) run as a child process, for the tests that
need one (tests/user/test_serve.py, tests/equivalence/test_served_pages.py, the browser tests): its
combined output collected line by line, every wait bounded, the server always stopped.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import ENV

WAIT = 30  # seconds, for any one thing to happen


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The two ways to preview: MkDocs' own server (whole builds), and `briefing serve` (changed pages only).
SERVE_COMMANDS = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "serve"],
    "briefing": [sys.executable, "-m", "generator", "serve", "--verbose"],  # --verbose: which process made what
}


class Server:
    """A `mkdocs serve` (or `briefing serve`) child process with its combined output collected line by line."""

    def __init__(self, project: Path, command: str = "mkdocs"):
        self.port = free_port()
        self.command = command
        self.lines: list[str] = []
        self.lock = threading.Lock()
        self.proc = subprocess.Popen(
            SERVE_COMMANDS[command] + ["-a", f"127.0.0.1:{self.port}"],
            cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        with self.lock:
            return "\n".join(self.lines)

    def count(self, text: str) -> int:
        with self.lock:
            return sum(text in line for line in self.lines)

    def rebuilds(self) -> int:
        """Builds after the first: whole ones, and `briefing serve`'s of the changed pages only."""
        return self.count("Building documentation") + self.count("briefing: rebuilt")

    def wait_for_output(self, text: str, timeout: float = WAIT) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert self.proc.poll() is None, f"mkdocs serve exited ({self.proc.returncode}):\n{self.output}"
            assert time.monotonic() < deadline, f"no {text!r} within {timeout} s:\n{self.output}"
            time.sleep(0.1)

    def get(self, page: str, timeout: float = 5) -> str:
        url = f"http://127.0.0.1:{self.port}/{page}"
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")

    def wait_for_page(self, page: str, text: str, timeout: float = WAIT) -> str:
        deadline = time.monotonic() + timeout
        last = ""
        while True:
            assert self.proc.poll() is None, f"mkdocs serve exited ({self.proc.returncode}):\n{self.output}"
            try:
                last = self.get(page)
                if text in last:
                    return last
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                last = repr(error)
            assert time.monotonic() < deadline, f"{page} never showed {text!r} within {timeout} s; last: {last[:300]}\n{self.output}"
            time.sleep(0.2)

    def settle(self, quiet: float = 1.5, timeout: float = WAIT) -> None:
        """Wait until the output has not grown for `quiet` seconds (the watcher polls every 0.5 s)."""
        deadline = time.monotonic() + timeout
        seen, since = -1, time.monotonic()
        while time.monotonic() - since < quiet:
            assert time.monotonic() < deadline, self.output
            n = len(self.lines)
            if n != seen:
                seen, since = n, time.monotonic()
            time.sleep(0.1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            # Ctrl-C, as a person would: mkdocs then removes its temporary site folder.
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.reader.join(timeout=5)



@contextmanager
def serving(project: Path, command: str) -> Iterator[Server]:
    """`command` (briefing or mkdocs) serving `project` once it says so; stopped however the test ends."""
    server = Server(project, command)
    try:
        server.wait_for_output("Serving on")
        yield server
    finally:
        server.stop()


def save(path: Path, text: str) -> None:
    """One saved edit, as an editor writes it."""
    path.write_text(text, encoding="utf-8")


def save_at_once(path: Path, text: str, project: Path) -> None:
    """One saved edit as an editor that writes a copy and renames it over the file: no moment where
    the file is empty. `save` truncates first, and `mkdocs serve`'s watcher, which compares the
    folder's state every half second, can see the empty file in between (a second rebuild, on a
    loaded machine): where a test counts rebuilds, it saves this way. The copy is written in the
    project folder, which neither server watches."""
    copy = project / f".{path.name}.saving"
    copy.write_text(text, encoding="utf-8")
    os.replace(copy, path)
