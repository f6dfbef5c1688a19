"""`mkdocs serve` and `briefing serve` on a real project: a saved edit under seeds/ rebuilds the
preview once, a broken YAML file is reported as a located line (no traceback), fixing it brings the
preview back, and after every kind of edit the served site is the one a fresh `mkdocs build` makes
(`briefing serve` rebuilding only the changed pages where it can: incremental.py).

Every wait is bounded and the server is always stopped, whatever happens.
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
from pathlib import Path

import pytest

from conftest import ENV

WAIT = 30  # seconds, for any one thing to happen

ALICE = "name: Alice Smith\nkind: person\nsummary: {summary}\n"
FILES = {
    "seeds/articles/a1.txt": "Alice Smith met the envoys on Monday.\nShe said the talks were calm.\n",
    "seeds/actors/alice-smith.yaml": ALICE.format(summary="A career diplomat."),
}
BROKEN = "name: Alice Smith\nkind: person\nsummary: A broken edit.\nroles:\n\t- title: Envoy\n"
LOCATED = "seeds/actors/alice-smith.yaml:5:1: error: YAML syntax: a tab character is not allowed"


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


@pytest.fixture(params=sorted(SERVE_COMMANDS))
def server(make_project, request):
    project = make_project(FILES)
    started = Server(project, request.param)
    try:
        started.wait_for_output("Serving on")
        yield started, project
    finally:
        started.stop()


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


def test_serve_rebuilds_once_per_saved_edit_and_reports_broken_yaml(server):
    srv, project = server
    profile = project / "seeds/actors/alice-smith.yaml"
    page = "actors/alice-smith/"
    srv.wait_for_page(page, "A career diplomat.")
    srv.settle()
    builds, changes = srv.rebuilds(), srv.count("Detected file changes")
    search_entry = srv.get("pagefind/pagefind-entry.json")  # the preview has search too

    # One saved edit: the page shows it, after exactly one rebuild, and search is indexed again.
    save_at_once(profile, ALICE.format(summary="A retired diplomat."), project)
    srv.wait_for_page(page, "A retired diplomat.")
    srv.settle()
    assert srv.get("pagefind/pagefind-entry.json") != search_entry
    assert srv.count("Detected file changes") == changes + 1, srv.output
    assert srv.rebuilds() == builds + 1, srv.output

    # A broken save: the located line is printed, never a traceback, and the server keeps running.
    save_at_once(profile, BROKEN, project)
    srv.wait_for_output(LOCATED)
    srv.settle()
    assert srv.proc.poll() is None
    assert "Traceback" not in srv.output, srv.output
    assert srv.count(LOCATED) == 1, srv.output
    assert srv.rebuilds() == builds + 2, srv.output

    # The fix shows up, again after exactly one rebuild.
    save_at_once(profile, ALICE.format(summary="A former diplomat."), project)
    srv.wait_for_page(page, "A former diplomat.")
    srv.settle()
    assert srv.rebuilds() == builds + 3, srv.output
    assert srv.count("Detected file changes") == changes + 3, srv.output
    assert "Traceback" not in srv.output, srv.output


def test_serve_with_broken_seeds_shows_the_valid_pages_with_an_error_banner(server):  # and the broken one's last good page
    srv, project = server
    profile = project / "seeds/actors/alice-smith.yaml"
    srv.wait_for_page("actors/alice-smith/", "A career diplomat.")
    save(profile, BROKEN)
    srv.wait_for_output(LOCATED)
    # Every valid page answers, with the located error on it (escaped); the broken file is left out whole.
    page = srv.wait_for_page("articles/a1/", "briefing-errors")
    assert "seeds/actors/alice-smith.yaml:5:1: error: YAML syntax: a tab character is not allowed" in page
    assert "Alice Smith met the envoys" in page
    assert 'href="../../actors/alice-smith/"' not in page  # no link to a page that is left out
    # The broken file's own page is not a bare 404: its last good version, the errors on top.
    stale = srv.get("actors/alice-smith/")
    assert "A career diplomat." in stale and "briefing-errors" in stale
    assert "Traceback" not in srv.output, srv.output
    # The first clean rebuild takes the banner away.
    save(profile, ALICE.format(summary="A former diplomat."))
    srv.wait_for_page("actors/alice-smith/", "A former diplomat.")
    assert "briefing-errors" not in srv.get("articles/a1/")


NEW_PROFILE = "name: Bob Jones\nkind: person\nsummary: \"TODO: <b>Bobby</b> in one or two neutral sentences\"\n"


def test_first_build_with_errors_still_serves_and_mkdocs_build_refuses_without_a_banner(make_project):
    # A new project's first profile, its TODO left, with markup in it: the banner shows it as text.
    project = make_project({**FILES, "seeds/actors/bob-jones.yaml": NEW_PROFILE})
    srv = Server(project)
    try:
        srv.wait_for_output("Serving on")
        page = srv.wait_for_page("actors/alice-smith/", "briefing-errors")
        assert "A career diplomat." in page
        assert "seeds/actors/bob-jones.yaml:3:10: error: &#39;summary&#39; is not filled in yet" in page
        assert "&lt;b&gt;Bobby" in page and "<b>Bobby" not in page
    finally:
        srv.stop()
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=ENV, capture_output=True, text=True)
    assert built.returncode == 1, built.stderr
    assert "seeds/actors/bob-jones.yaml:" in built.stderr
    assert not (project / "site").exists() or "briefing-errors" not in (project / "site/articles/a1/index.html").read_text()


# A small briefing with one file of every kind, for the edits below.
EVERY_KIND = {
    "mkdocs.yml": "site_name: Test briefing\ntheme:\n  name: material\n  font: false\nvalidation:\n  anchors: warn\nplugins:\n  - search\n  - tags\n  - briefing\n",
    "seeds/articles/a1.txt": "Alice Smith met the envoys of Borduria on Monday.\nShe said the talks were calm.\n\n- Envoys meet - Daily Wire\n",
    "seeds/articles/a1.yaml": "title: Envoys meet\ndate: 2024-03-01\ntopics: [talks]\ntags: [diplomacy]\n",
    "seeds/articles/a2.txt": "Borduria rejected the offer.\nAlice Smith said nothing.\n",
    "seeds/actors/alice-smith.yaml": ALICE.format(summary="A career diplomat.") + "country: borduria\n",
    "seeds/actors/borduria.yaml": "name: Borduria\nkind: state\nsummary: A state.\n",
    "seeds/topics/talks.yaml": "title: The talks\nquestion: Will the talks succeed?\n",
    "seeds/events/first-meeting.yaml": "date: 2024-03-01\ntitle: First meeting\nactors: [alice-smith, borduria]\ntopics: [talks]\n",
}


def served_equals_fresh_build(srv: Server, project: Path) -> None:
    """Every page the server serves is the page a fresh `mkdocs build` makes now (sitemap aside)."""
    fresh = project / "fresh.yml"
    fresh.write_text(f"INHERIT: mkdocs.yml\nsite_url: http://127.0.0.1:{srv.port}/\n", encoding="utf-8")
    site = project.parent / "fresh-site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(fresh), "-d", str(site)],
                          cwd=project, env=ENV, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pages = [p for p in sorted(site.rglob("*")) if p.suffix in (".html", ".json", ".xml") and not p.name.startswith("sitemap")]
    assert len(pages) > 10
    for path in pages:
        name = path.relative_to(site).as_posix()
        expected, served = path.read_text(encoding="utf-8"), srv.get(name)
        if path.suffix == ".html":  # the server adds its live-reload script before </body>
            end = expected.rindex("</body>")
            before, after = expected[:end], expected[end:]
            assert served.startswith(before + "<script>") and served.endswith("</script>" + after), f"{name} differs from a fresh build"
        else:
            assert served == expected, f"{name} differs from a fresh build"


@pytest.mark.parametrize("command", sorted(SERVE_COMMANDS))
def test_served_pages_equal_a_fresh_build_after_every_kind_of_edit(make_project, command):
    project = make_project(EVERY_KIND)
    srv = Server(project, command)
    try:
        srv.wait_for_output("Serving on")
        srv.settle()

        def edit(change, show: tuple[str, str] | None = None, compare: bool = True, incremental: bool = False) -> None:
            done, searched, rebuilt = srv.count("Reloading browsers"), srv.count("briefing: search:"), srv.count("briefing: rebuilt")
            change()
            if show:
                srv.wait_for_page(*show)
            srv.wait_for_output("Reloading browsers")
            deadline = time.monotonic() + WAIT
            while srv.count("Reloading browsers") <= done or (command == "briefing" and srv.count("briefing: search:") <= searched):
                assert time.monotonic() < deadline, srv.output  # `briefing serve` indexes behind the pages
                time.sleep(0.1)
            srv.settle()
            if command == "briefing":  # the edits that change no title, tags or file list take the fast path
                assert srv.count("briefing: rebuilt") == rebuilt + incremental, srv.output
            if compare:
                served_equals_fresh_build(srv, project)

        seeds = project / "seeds"
        served_equals_fresh_build(srv, project)
        edit(lambda: save(seeds / "actors/alice-smith.yaml", ALICE.format(summary="A retired diplomat.") + "country: borduria\n"),
             ("actors/alice-smith/", "A retired diplomat."), incremental=True)
        # The body, not the first line (the article's title when no sidecar gives one).
        edit(lambda: save(seeds / "articles/a2.txt", "Borduria rejected the offer.\nAlice Smith said nothing at all.\n"),
             ("articles/a2/", "nothing at all"), incremental=True)
        edit(lambda: save(seeds / "articles/a1.yaml", "title: Envoys meet again\ndate: 2024-03-02\ntopics: [talks]\ntags: [diplomacy, talks]\n"),
             ("articles/a1/", "Envoys meet again"))
        edit(lambda: save(seeds / "topics/talks.yaml", "title: The talks\nquestion: Will the new talks succeed?\n"),
             ("topics/talks/", "Will the new talks succeed?"), incremental=True)
        edit(lambda: save(seeds / "events/first-meeting.yaml", "date: 2024-03-01\ntitle: The first meeting\nactors: [alice-smith]\ntopics: [talks]\n"),
             ("timeline/", "The first meeting"), incremental=True)
        edit(lambda: save(seeds / "articles/a3.txt", "Alice Smith flew to Borduria.\n"), ("articles/a3/", "flew to Borduria"))
        edit(lambda: (seeds / "articles/a2.txt").unlink())
        assert "rejected the offer" not in srv.get("articles/")
        # A broken file: no fresh build to compare with (it refuses), but the located error is printed
        # and the preview keeps answering; its fix is compared again.
        edit(lambda: save(seeds / "actors/alice-smith.yaml", BROKEN), compare=False)
        assert srv.count(LOCATED) == 1, srv.output
        assert "briefing-errors" in srv.get("actors/borduria/")  # left out, the others bannered
        stale = srv.get("actors/alice-smith/")  # its last good version, the errors on top: never a bare 404
        assert "A retired diplomat." in stale and "briefing-errors" in stale
        edit(lambda: save(seeds / "actors/alice-smith.yaml", ALICE.format(summary="A former diplomat.") + "country: borduria\n"),
             ("actors/alice-smith/", "A former diplomat."))
        assert "Traceback" not in srv.output, srv.output
        if command == "briefing":  # half the pages came from the second process (page_worker.py)
            assert srv.count("the worker's pages made") >= 4, srv.output
    finally:
        srv.stop()


def test_briefing_serve_refuses_plainly_without_a_briefing_project(tmp_path):
    from conftest import briefing

    missing = briefing("serve", "-f", "nowhere.yml", cwd=tmp_path)
    assert missing.code == 2 and "nowhere.yml: no such file" in missing.stderr, missing.stderr
    (tmp_path / "mkdocs.yml").write_text("site_name: Not a briefing\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    no_plugin = briefing("serve", cwd=tmp_path)
    assert no_plugin.code == 2 and "does not list the briefing plugin" in no_plugin.stderr, no_plugin.stderr
    assert "Traceback" not in missing.stderr + no_plugin.stderr
