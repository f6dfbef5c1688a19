"""`mkdocs serve` and `briefing serve` on a real project: a saved edit under seeds/ rebuilds the
preview once, a broken YAML file is reported as a located line (no traceback), fixing it brings the
preview back. (That the served site is, after every kind of edit, the one a fresh `mkdocs build`
makes: tests/equivalence/test_served_pages.py.)

Every wait is bounded and the server is always stopped, whatever happens (preview_server.py).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ENV
from preview_server import SERVE_COMMANDS, Server, save, save_at_once, serving

ALICE = "name: Alice Smith\nkind: person\nsummary: {summary}\n"
FILES = {
    "seeds/articles/a1.txt": "Alice Smith met the envoys on Monday.\nShe said the talks were calm.\n",
    "seeds/actors/alice-smith.yaml": ALICE.format(summary="A career diplomat."),
}
BROKEN = "name: Alice Smith\nkind: person\nsummary: A broken edit.\nroles:\n\t- title: Envoy\n"
LOCATED = "seeds/actors/alice-smith.yaml:5:1: error: YAML syntax: a tab character is not allowed"


@pytest.fixture(params=sorted(SERVE_COMMANDS))
def server(make_project, request):
    project = make_project(FILES)
    with serving(project, request.param) as started:
        yield started, project


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


def test_briefing_serve_refuses_plainly_without_a_briefing_project(tmp_path):
    from conftest import briefing

    missing = briefing("serve", "-f", "nowhere.yml", cwd=tmp_path)
    assert missing.code == 2 and "nowhere.yml: no such file" in missing.stderr, missing.stderr
    (tmp_path / "mkdocs.yml").write_text("site_name: Not a briefing\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    no_plugin = briefing("serve", cwd=tmp_path)
    assert no_plugin.code == 2 and "does not list the briefing plugin" in no_plugin.stderr, no_plugin.stderr
    assert "Traceback" not in missing.stderr + no_plugin.stderr
