"""After every kind of edit under seeds/, the site `mkdocs serve` and `briefing serve` serve is the one a
fresh `mkdocs build` makes, page for page (`briefing serve` rebuilding only the changed pages where it
can: incremental.py, with half of them made by its second process: page_worker.py).

Every wait is bounded and the server is always stopped, whatever happens (preview_server.py).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ENV
from preview_server import SERVE_COMMANDS, WAIT, Server, save

ALICE = "name: Alice Smith\nkind: person\nsummary: {summary}\n"
BROKEN = "name: Alice Smith\nkind: person\nsummary: A broken edit.\nroles:\n\t- title: Envoy\n"
LOCATED = "seeds/actors/alice-smith.yaml:5:1: error: YAML syntax: a tab character is not allowed"


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


@pytest.mark.slow
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
