"""`briefing build --with zensical`: a small briefing built by Zensical, checked in the built HTML
as a reader's browser would meet it: graph links that resolve, the feed announced in every head,
the data exports, Pagefind instead of Zensical's search, a hostile title kept as text."""

from __future__ import annotations

import importlib.util
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
ENV.pop("GITHUB_ACTIONS", None)
HOSTILE = "</title><script>alert(1)</script> & more"

needs_zensical = pytest.mark.skipif(importlib.util.find_spec("zensical") is None,
                                    reason="zensical is not installed (pip install -e '.[zensical]')")


def briefing(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env or ENV,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("zensical") / "project"
    subprocess.run([sys.executable, str(REPO / "scripts/bench/make_corpus.py"), "24", str(root)], check=True,
                   capture_output=True, env=ENV)
    sidecar = sorted((root / "seeds/articles").glob("*.yaml"))[0]
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + f"title: {HOSTILE!r}\n", encoding="utf-8")
    (root / "docs/about.md").write_text("# About\n\nHand-written.\n", encoding="utf-8")
    result = briefing("build", "--with", "zensical", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def _pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith(("pagefind/", "assets/")) and rel != "404.html":
            yield rel, path.read_text(encoding="utf-8")


def _resolves(site: Path, page: str, href: str) -> bool:
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(urlsplit(href).path)))
    full = site / target
    return (full / "index.html").is_file() if full.is_dir() else full.is_file()


@needs_zensical
def test_graph_links_resolve_to_pages(built):
    site = built / "build/zensical/site"
    checked = 0
    for rel, html in _pages(site):
        for figure in re.findall(r'<figure class="briefing-graph">.*?</figure>', html, re.DOTALL):
            for href in re.findall(r'<a href="([^"]*)">', figure):
                assert _resolves(site, rel, href), (rel, href)
                checked += 1
    assert checked > 20  # every actor page's graph and the relation map
    # And every other relative link of every page, as in the MkDocs build.
    for rel, html in _pages(site):
        for href in re.findall(r'<a [^>]*?href="([^"]*)"', html):
            parts = urlsplit(href)
            if not (parts.scheme or parts.netloc) and parts.path:
                assert _resolves(site, rel, href), (rel, href)


@needs_zensical
def test_feed_link_exports_and_assets(built):
    site = built / "build/zensical/site"
    for rel, html in _pages(site):
        head = html[: html.index("</head>")]
        link = re.search(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]*" href="([^"]+)">', head)
        assert link and _resolves(site, rel, link.group(1)), rel
        assert "assets/briefing.css" in head, rel
    assert (site / "feed.xml").is_file()
    for name in ("actors", "articles", "topics", "events"):
        assert (site / f"api/{name}.json").is_file()
    for asset in ("assets/briefing.css", "assets/briefing.js", "assets/pagefind_search.css", "assets/pagefind_search.js"):
        assert (site / asset).is_file(), asset
    assert (built / "build/zensical/site/about/index.html").is_file()  # docs/ pages come along


@needs_zensical
def test_pagefind_replaces_zensicals_search(built):
    site = built / "build/zensical/site"
    assert (site / "pagefind/pagefind-ui.js").is_file() and any((site / "pagefind").glob("pagefind-entry.json"))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="md-header__option briefing-search"' in home
    for rel, html in _pages(site):
        # Zensical's script fetches search.json only where its search box (.md-search) is on the page.
        assert "md-search" not in html and "search.json" not in html, rel
    actor = next(html for rel, html in _pages(site) if rel.startswith("actors/") and "briefing-graph" in html)
    assert "data-pagefind-body" in actor
    assert "data-pagefind-body" not in (site / "book/index.html").read_text(encoding="utf-8")


@needs_zensical
def test_a_hostile_title_stays_text(built):
    site = built / "build/zensical/site"
    for rel, html in _pages(site):
        assert "<script>alert(1)" not in html, rel
        head = html[: html.index("</head>")]
        assert len(re.findall(r"<title>(.*?)</title>", head, re.DOTALL)) == 1, rel  # nothing ended it early
    article = next(html for rel, html in _pages(site) if "alert(1)" in html and rel.startswith("articles/0"))
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more - " in article


@needs_zensical
def test_a_second_build_rewrites_only_what_changed(built):
    docs = built / "build/zensical/docs"
    page = next(p for p in sorted((docs / "actors").glob("*.md")) if p.name != "index.md")
    before = page.stat().st_ino, page.stat().st_mtime_ns
    result = briefing("build", "--with", "zensical", cwd=built)
    assert result.returncode == 0, result.stderr
    assert "(0 written)" in result.stderr
    assert (page.stat().st_ino, page.stat().st_mtime_ns) == before
    site = built / "build/zensical/site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.count('rel="alternate feed"') == 1  # a finished page is not finished twice


def test_without_zensical_a_one_line_error_and_exit_2(tmp_path):
    root = tmp_path / "project"
    assert briefing("init", str(root), cwd=tmp_path).returncode == 0
    # Zensical hidden the way a missing install looks to the command: no module spec for it.
    code = ("import importlib.util, sys; real = importlib.util.find_spec;"
            "importlib.util.find_spec = lambda name, *a: None if name == 'zensical' else real(name, *a);"
            "from generator.cli.commands import main; sys.exit(main(['build', '--with', 'zensical']))")
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs Zensical" in lines[0] and "pip install" in lines[0], result.stderr
