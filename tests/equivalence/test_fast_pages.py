"""The fast paths of `mkdocs build` (pages converted ahead in worker processes, conversions and search
entries reused: generator/mkdocs/speedups/) give the site the plain path gives, byte for byte.

Each project is built twice, with the plugin's `fast_pages` on (the default) and off, with the tags
and search plugins on; every file of the two sites must be equal (the sitemap's dates aside), and
MkDocs must print the same warnings (a broken link, a missing anchor) in the same order.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import REPO, run

sys.path.insert(0, str(REPO / "scripts" / "bench"))
from make_corpus import make_corpus  # noqa: E402

# A hand-written page whose links MkDocs warns about: the warnings must come out of the fast path too.
NOTES = """\
# Notes

See [a page that is not there](missing.md), [an anchor that is not there](actors/index.md#nowhere)
and [the actors](actors/index.md).
"""


def build(project: Path, config: str, site: str, *options: str) -> str:
    done = run([sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", site, *options], cwd=project, timeout=600)
    assert done.code == 0, done.output
    assert "Traceback" not in done.output, done.output
    return done.output


def plain_config(project: Path) -> str:
    """mkdocs.yml with `fast_pages: false` for the briefing plugin."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - briefing\n" in text
    (project / "plain.yml").write_text(text.replace("  - briefing\n", "  - briefing:\n      fast_pages: false\n"), encoding="utf-8")
    return "plain.yml"


def files_of(site: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.name.startswith("sitemap.xml")
    }


def warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def assert_same_site(project: Path) -> None:
    fast_output = build(project, "mkdocs.yml", "site-fast")
    plain_output = build(project, plain_config(project), "site-plain")
    fast, plain = files_of(project / "site-fast"), files_of(project / "site-plain")
    assert sorted(fast) == sorted(plain)
    different = [name for name in plain if fast[name] != plain[name]]
    assert not different, f"{len(different)} files differ, first {different[:5]}"
    assert warnings(fast_output) == warnings(plain_output)
    assert len(fast) > 20


def test_fast_build_equals_plain_build_for_this_repository(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for folder in ("seeds", "docs"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copyfile(REPO / "mkdocs.yml", project / "mkdocs.yml")
    assert_same_site(project)


@pytest.mark.parametrize("seed", [5])
def test_fast_build_equals_plain_build_for_a_synthetic_briefing(tmp_path: Path, seed: int) -> None:
    project = tmp_path / "project"
    make_corpus(40, project, 14, seed=seed)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - tags\n"), encoding="utf-8")
    (project / "docs" / "notes.md").write_text(NOTES, encoding="utf-8")
    output = build(project, "mkdocs.yml", "site-first")
    assert "missing.md" in output and "nowhere" in output  # the warnings this test holds the fast path to
    # The second process themes the later pages (theming_in_parallel.py), and MkDocs takes its HTML: the
    # comparison below holds that path too, not only the conversions made ahead.
    output = build(project, "mkdocs.yml", "site-verbose", "--verbose")
    themed = re.search(r"briefing: (\d+) of (\d+) pages themed by a second process", output)
    assert themed and 0 < int(themed[2]) and int(themed[1]) == int(themed[2]), output[-3000:]
    assert_same_site(project)


def test_a_build_over_an_old_site_removes_it_as_mkdocs_would(tmp_path: Path) -> None:
    """The last build's site is moved aside and removed by another process (generator/mkdocs/site_folder.py):
    afterwards nothing of it is left, hidden entries stay as MkDocs leaves them, and the site is the one
    a build into an empty folder gives."""
    project = tmp_path / "project"
    make_corpus(12, project, 5, seed=3)
    build(project, "mkdocs.yml", "site")
    site = project / "site"
    (site / "stray.html").write_text("<p>from an older build</p>", encoding="utf-8")
    (site / "old-folder" / "deep").mkdir(parents=True)
    (site / "old-folder" / "deep" / "index.html").write_text("old", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")  # hidden: MkDocs keeps it, so must we
    build(project, "mkdocs.yml", "site")
    assert not (site / "stray.html").exists() and not (site / "old-folder").exists()
    assert (site / ".nojekyll").exists()
    assert not any(entry.name.startswith(".briefing") for entry in site.iterdir())
    build(project, "mkdocs.yml", "site-fresh")
    fresh = files_of(project / "site-fresh")
    assert files_of(site).keys() - {".nojekyll"} == fresh.keys()
    assert all(files_of(site)[name] == fresh[name] for name in fresh)
