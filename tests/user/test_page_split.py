"""Long lists split into pages, and relation maps whose names never overlap.

A small briefing built with a lowered `page_size` exercises every split list; the 2 MB page limit
at 10,000 articles is held by scripts/bench/page_sizes.py (a build there takes minutes).
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from pathlib import Path

import pytest

from conftest import briefing, html, mkdocs_build, new_project

ARTICLES = 9
PAGE_SIZE = 2


def _article(number: int) -> str:
    # Alpha in every article, Beta in every other one; two sources per article.
    beta = " Beta answered." if number % 2 else ""
    return f"Alpha spoke about item {number}.{beta}\n\n- Headline {number} one - Outlet A\n- Headline {number} two - Outlet B\n"


def _with_page_size(root: Path, page_size: int) -> Path:
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - briefing\n", f"  - briefing:\n      page_size: {page_size}\n"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def split_site(tmp_path_factory) -> Path:
    """The small briefing with page_size 2, built once with `mkdocs build --strict`."""
    root = new_project(tmp_path_factory.mktemp("split") / "project")
    _write_seeds(_with_page_size(root, PAGE_SIZE))
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    return root / "site"


def _write_seeds(root: Path) -> None:
    (root / "seeds/events/summit.yaml").write_text("date: 2023-03-15\ntitle: Summit\nactors: [alpha]\n", encoding="utf-8")
    (root / "seeds/actors/alpha.yaml").write_text("name: Alpha\nkind: state\n", encoding="utf-8")
    for actor in ("beta", "gamma", "delta"):
        relation = "relations:\n  - {type: advises, target: alpha}\n"
        (root / f"seeds/actors/{actor}.yaml").write_text(f"name: {actor.title()}\nkind: person\n{relation}", encoding="utf-8")
    for number in range(1, ARTICLES + 1):
        stem = f"a{number:02d}"
        (root / f"seeds/articles/{stem}.txt").write_text(_article(number), encoding="utf-8")
        sidecar = f"date: 2023-{number:02d}-01\n" if number < 8 else ("date: 2024-01-01\n" if number == 8 else "title: Undated one\n")
        (root / f"seeds/articles/{stem}.yaml").write_text(sidecar, encoding="utf-8")


def _resolve(url: str, href: str) -> str:
    """A relative link on the page at `url` ("articles/page/2/") as a site URL ("articles/a01/")."""
    return posixpath.normpath(posixpath.join("/" + url, href.split("#")[0]))[1:].rstrip("/") + "/"


def _pages(site: Path, first: str) -> list[tuple[str, str]]:
    """(URL, HTML) of a split list's pages: page 1 at `first`, then each page its "Older →" /
    "Next →" link leads to, as a reader would move through them."""
    found: list[tuple[str, str]] = []
    url: str | None = first
    while url is not None:
        page = html(site, url)
        found.append((url, page))
        following = re.search(r'<a href="([^"]+)">(?:Older|Next) →</a>', page)
        url = None if following is None else _resolve(url, following.group(1))
    return found


def _linked_articles(pages: list[tuple[str, str]]) -> set[str]:
    """The articles the pages link to."""
    return {
        target.split("/")[1]
        for url, page in pages
        for target in (_resolve(url, href) for href in re.findall(r'href="([^"#]+)', page))
        if re.fullmatch(r"articles/a\d\d/", target)
    }


def test_articles_index_splits_newest_first_with_counts_and_reaches_every_article(split_site):
    pages = _pages(split_site, "articles/")
    assert len(pages) == 5  # 9 articles, 2 a page
    assert "Articles 1–2 of 9" in pages[0][1] and "Articles 9–9 of 9" in pages[-1][1]
    assert "← Newer" in pages[1][1] and "Older →" not in pages[-1][1]
    assert _linked_articles(pages) == {f"a{n:02d}" for n in range(1, ARTICLES + 1)}
    # newest first: page 1 holds the 2024 article, then July 2023; the undated one comes last
    assert _linked_articles(pages[:1]) == {"a08", "a07"}
    assert _linked_articles(pages[-1:]) == {"a09"}


def test_actor_mentions_split_and_every_mentioning_article_is_reachable(split_site):
    alpha = _pages(split_site, "actors/alpha/")
    assert len(alpha) == 5
    assert "Relations" in alpha[0][1] and "Alpha: mentioned in (page 2 of 5)" in unescape(alpha[1][1])
    assert _linked_articles(alpha) == {f"a{n:02d}" for n in range(1, ARTICLES + 1)}
    beta = _pages(split_site, "actors/beta/")
    assert _linked_articles(beta) == {f"a{n:02d}" for n in range(1, ARTICLES + 1, 2)}


def test_sources_index_splits_and_every_headline_is_reachable(split_site):
    pages = _pages(split_site, "sources/")
    text = " ".join(unescape(re.sub(r"<[^>]+>", "", page)) for _, page in pages)
    for number in range(1, ARTICLES + 1):
        if number == 9:
            continue
        assert f"Headline {number} one" in text and f"Headline {number} two" in text
    assert len(pages) == 9  # 18 headlines, 2 a page


def test_book_is_in_parts_per_period_with_the_bottom_line_first(split_site):
    book = html(split_site, "book/")
    parts = re.findall(r'<a href="([^"]+)">([^<]+)</a></td>\s*<td[^>]*>(\d+)</td>', book)
    assert [(title, count) for _, title, count in parts] == [("2024", "1"), ("July 2023", "1"),
        ("June 2023", "1"), ("May 2023", "1"), ("April 2023", "1"), ("March 2023", "1"), ("February 2023", "1"),
        ("January 2023", "1"), ("Undated", "1")]
    assert "Alpha spoke about item" not in book  # the articles in full are in the parts
    assert "Actors" in book
    full = " ".join(html(split_site, _resolve("book/", href)) for href, _, _ in parts)
    for number in range(1, ARTICLES + 1):
        assert f"Alpha spoke about item {number}." in full


def test_timeline_is_in_pages_per_period_and_event_links_find_their_page(split_site):
    overview = html(split_site, "timeline/")
    periods = re.findall(r'<a href="([^"]+)">([^<]+)</a></td>\s*<td[^>]*>(\d+)</td>', overview)
    assert [(title, count) for _, title, count in periods] == [
        ("January 2023", "1"), ("February 2023", "1"), ("March 2023", "2"), ("April 2023", "1"), ("May 2023", "1"),
        ("June 2023", "1"), ("July 2023", "1"), ("2024", "1"), ("Undated", "1")]
    pages = [(_resolve("timeline/", href), html(split_site, _resolve("timeline/", href))) for href, _, _ in periods]
    assert _linked_articles(pages) == {f"a{n:02d}" for n in range(1, ARTICLES + 1)}  # every article, the undated one last
    assert 'id="summit"' in dict(pages)["timeline/2023-03/"]
    alpha = html(split_site, "actors/alpha/")
    assert re.search(r'href="\.\./\.\./timeline/2023-03/#summit"', alpha)


def test_network_tables_split_into_linked_pages(split_site):
    network = html(split_site, "network/")
    assert re.search(r'<a href="relations/">All 3 declared relations</a>', network)
    pages = _pages(split_site, "network/relations/")
    assert len(pages) == 2
    rows = [re.sub(r"<[^>]+>", "", row) for _, page in pages for row in re.findall(r"<tr>(.*?)</tr>", page, re.S)]
    assert sorted(" ".join(row.split()) for row in rows if "advises" in row) == [
        "Beta advises Alpha", "Delta advises Alpha", "Gamma advises Alpha"]
    assert "ties/" not in network  # one tie only: that table is not split


def test_small_lists_have_no_page_links(site):
    for url in ("articles/", "sources/", "actors/china/", "book/", "network/", "topics/", "changes/"):
        assert "briefing-pages" not in html(site, url), url
    for folder in ("articles/page", "topics/page", "tags/kinds", "tags/topics"):
        assert not (site / folder).exists(), folder
    assert " more: " not in html(site, "")  # the bottom line names every actor


def test_generate_writes_the_same_pages_with_page_size_from_mkdocs_yml(make_project, tmp_path):
    root = make_project()
    _write_seeds(_with_page_size(root, PAGE_SIZE))
    out = tmp_path / "out"
    result = briefing("generate", str(root), "--out", str(out), cwd=root)
    assert result.code == 0, result.output
    assert (out / "articles/page/5.md").exists() and not (out / "articles/page/6.md").exists()
    assert (out / "actors/alpha/page/2.md").exists()
    assert (out / "book/2023-03.md").exists()
