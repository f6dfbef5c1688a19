"""The fast paths of `mkdocs build` (pages converted ahead in worker processes, conversions and search
entries reused, the later pages themed by a second process: generator/mkdocs/speedups/) give the site
the plain path gives, byte for byte.

Each project is built with the briefing plugin's fast paths on (the default) and off (`fast_pages:
false`, and BRIEFING_FAST=0 for the generator that reads it): every file of the two sites must be
equal (the sitemap's dates aside), MkDocs must print the same warnings (a broken link, a missing
anchor) in the same order, and the fast build must really have taken its fast paths, which the plain
one must not (build_stats.py counts them: two plain builds would compare equal too).

- this repository's briefing as it ships (the tags plugin, Pagefind's search): the fast build is the
  shared `seed_build` (conftest.py);
- the shared synthetic briefing with the tags plugin and Material's search on (`briefing: {search:
  material}`), so Material's search index and the search entries made ahead (search_entries.py) are
  compared too, and a hand-written page whose links MkDocs warns about.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ENV, build_with_stats

# A hand-written page whose links MkDocs warns about: the warnings must come out of the fast path too.
NOTES = """\
# Notes

See [a page that is not there](missing.md), [an anchor that is not there](actors/index.md#nowhere)
and [the actors](actors/index.md).
"""
PLAIN_ENV = {**ENV, "BRIEFING_FAST": "0"}


def config(project: Path, name: str, *, fast: bool, material_search: bool = False) -> str:
    """mkdocs.yml as `name`, with the briefing plugin's fast paths on or off, and Material's search
    plugin listed and kept (`search: material`) if `material_search`."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - briefing\n" in text and "  - search\n" not in text, text
    options = (["search: material"] if material_search else []) + ([] if fast else ["fast_pages: false"])
    if options:
        text = text.replace("  - briefing\n", "  - briefing:\n" + "".join(f"      {option}\n" for option in options))
    if material_search:
        text = text.replace("plugins:", "plugins:\n  - search", 1)
    (project / name).write_text(text, encoding="utf-8")
    return name


def build(project: Path, config_name: str, site: str, *, fast: bool):  # type: ignore[no-untyped-def]
    done = build_with_stats(project, "-f", config_name, "-d", site, env=ENV if fast else PLAIN_ENV)
    assert done.code == 0, done.output
    assert "Traceback" not in done.output, done.output
    return done


def files_of(site: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.name.startswith("sitemap.xml")
    }


def warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def assert_same_site(fast_site: Path, fast_output: str, plain_site: Path, plain_output: str) -> None:
    fast, plain = files_of(fast_site), files_of(plain_site)
    assert sorted(fast) == sorted(plain)
    different = [name for name in plain if fast[name] != plain[name]]
    assert not different, f"{len(different)} files differ, first {different[:5]}"
    assert warnings(fast_output) == warnings(plain_output)
    assert len(fast) > 20


def assert_fast_paths_taken(stats: dict, pages: int, *, material_search: bool) -> None:
    """Every page's conversion made ahead was used, Material's search entries too (when it is on),
    and the second process themed its whole share."""
    hits, misses = stats["conversions"]
    assert hits + misses >= pages and hits >= pages - 5, stats  # the tags listing: changed by its plugin after the conversion ahead
    search = stats["search_entries"]
    if material_search:
        assert search["hits"] >= pages - 5 and search["hits"] > search["misses"], stats
    else:
        assert search == {"hits": 0, "misses": 0}, stats
    assert stats["themed_ahead"] is not None, stats
    themed, share = stats["themed_ahead"]
    assert 0 < share and themed == share, stats


def assert_plain(stats: dict) -> None:
    assert stats["conversions"] == [0, 0] and stats["search_entries"] == {"hits": 0, "misses": 0}, stats
    assert stats["themed_ahead"] is None, stats


def test_fast_build_equals_plain_build_for_this_repository(seed_build) -> None:
    project = seed_build.project
    plain = build(project, config(project, "plain.yml", fast=False), "site-plain", fast=False)
    assert_plain(plain.stats)
    pages = len(list(project.joinpath("site").rglob("index.html")))
    assert_fast_paths_taken(seed_build.stats, pages, material_search=False)
    assert_same_site(seed_build.site, seed_build.output, project / "site-plain", plain.output)


@pytest.mark.slow
def test_fast_build_equals_plain_build_for_a_synthetic_briefing_with_material_search(synthetic_copy) -> None:
    project = synthetic_copy()
    (project / "docs" / "notes.md").write_text(NOTES, encoding="utf-8")
    fast = build(project, config(project, "fast.yml", fast=True, material_search=True), "site-fast", fast=True)
    assert "missing.md" in fast.output and "nowhere" in fast.output  # the warnings this test holds the fast path to
    plain = build(project, config(project, "plain.yml", fast=False, material_search=True), "site-plain", fast=False)
    assert (project / "site-fast" / "search" / "search_index.json").is_file()  # Material's search, not Pagefind
    assert not (project / "site-fast" / "pagefind").exists()
    pages = len(list((project / "site-fast").rglob("index.html")))
    assert_fast_paths_taken(fast.stats, pages, material_search=True)
    assert_plain(plain.stats)
    assert_same_site(project / "site-fast", fast.output, project / "site-plain", plain.output)


def test_a_build_over_an_old_site_removes_it_as_mkdocs_would(synthetic_copy) -> None:
    """The last build's site is moved aside and removed by another process (generator/mkdocs/site_folder.py):
    afterwards nothing of it is left, hidden entries stay as MkDocs leaves them, and the site is the one
    a build into an empty folder gives."""
    project = synthetic_copy(n=12, actors=5, seed=3)
    build(project, "mkdocs.yml", "site", fast=True)
    site = project / "site"
    (site / "stray.html").write_text("<p>from an older build</p>", encoding="utf-8")
    (site / "old-folder" / "deep").mkdir(parents=True)
    (site / "old-folder" / "deep" / "index.html").write_text("old", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")  # hidden: MkDocs keeps it, so must we
    build(project, "mkdocs.yml", "site", fast=True)
    assert not (site / "stray.html").exists() and not (site / "old-folder").exists()
    assert (site / ".nojekyll").exists()
    assert not any(entry.name.startswith(".briefing") for entry in site.iterdir())
    build(project, "mkdocs.yml", "site-fresh", fast=True)
    fresh = files_of(project / "site-fresh")
    assert files_of(site).keys() - {".nojekyll"} == fresh.keys()
    assert all(files_of(site)[name] == fresh[name] for name in fresh)
