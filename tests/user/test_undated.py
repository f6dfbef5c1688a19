"""Undated articles (no `date` in sidecar or front matter) have a defined place (issue 20): after the
dated ones on `articles/` and the home page's latest articles, in a last "Undated" section of the
timeline (`timeline/undated/` when it is split per period), in the book's undated part, and in the
feed dated like its newest dated entry, never 1970."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import briefing, html, mkdocs_build, new_project

ATOM = {"a": "http://www.w3.org/2005/Atom"}
DATED = {"d1": "2023-01-01", "d2": "2023-02", "d3": "2024-03-05"}
UNDATED = ["u01", "u02", "u03"]


def _seeds(root: Path, dated: dict[str, str] = DATED, undated: list[str] = UNDATED, page_size: int | None = None) -> Path:
    """Actors Alpha, Beta and Gamma (Gamma named only in undated articles), a topic, an event, a stance
    shift, the `dated` articles and the `undated` ones (u01 about the topic)."""
    if page_size is not None:
        yml = root / "mkdocs.yml"
        yml.write_text(yml.read_text(encoding="utf-8").replace("  - briefing\n", f"  - briefing:\n      page_size: {page_size}\n"), encoding="utf-8")
    files = {
        "seeds/topics/peace.yaml": "title: Peace talks\nquestion: Will there be talks?\n",
        "seeds/actors/alpha.yaml": "name: Alpha\nkind: state\npositions:\n"
        "  - {topic: peace, stance: supports, as_of: 2023-01}\n  - {topic: peace, stance: opposes, as_of: 2023-05-02}\n",
        "seeds/actors/beta.yaml": "name: Beta\nkind: person\n",
        "seeds/actors/gamma.yaml": "name: Gamma\nkind: person\n",
        "seeds/events/summit.yaml": "date: 2023-03-15\ntitle: Summit\nactors: [alpha]\ntopics: [peace]\n",
    }
    for stem, date in dated.items():
        files[f"seeds/articles/{stem}.txt"] = f"Alpha spoke about {stem}. Beta answered.\n\n- Dated headline {stem} - Outlet D\n"
        files[f"seeds/articles/{stem}.yaml"] = f'date: "{date}"\n'
    for stem in undated:
        files[f"seeds/articles/{stem}.txt"] = f"Gamma spoke about {stem}.\n\n- Undated headline {stem} - Outlet U\n"
        if stem == "u01":
            files[f"seeds/articles/{stem}.yaml"] = "topics: [peace]\n"
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def _build(root: Path) -> Path:
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    assert "Traceback" not in result.output
    return root / "site"


@pytest.fixture(scope="module")
def one_page(tmp_path_factory) -> Path:
    """Three dated and three undated articles, the timeline on one page."""
    return _build(_seeds(new_project(tmp_path_factory.mktemp("undated") / "project")))


@pytest.fixture(scope="module")
def split(tmp_path_factory) -> Path:
    """The same briefing with page_size 2: the timeline per period, the lists in pages."""
    return _build(_seeds(new_project(tmp_path_factory.mktemp("undated-split") / "project"), page_size=2))


def _text(page: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _main(page: str) -> str:
    """The page's content, without the nav and the footer."""
    return re.split(r"<article class=\"md-content__inner md-typeset\"[^>]*>", page, maxsplit=1)[1].split("</article>", 1)[0]


def _entries(page: str) -> list[tuple[str, str, str]]:
    """(data-actors, data-topics, the entry's text) of every timeline entry, in page order."""
    return [
        (actors, topics, _text(body))
        for actors, topics, body in re.findall(
            r'<div class="briefing-entry" data-actors="([^"]*)" data-topics="([^"]*)">(.*?)</div>', page, re.S)
    ]


def _feed(path: Path) -> tuple[str, list[tuple[str, str]]]:
    feed = ElementTree.parse(path).getroot()
    entries = [(e.find("a:id", ATOM).text.rsplit(":", 1)[1], e.find("a:updated", ATOM).text) for e in feed.findall("a:entry", ATOM)]
    return feed.find("a:updated", ATOM).text, entries


# articles/


def test_articles_index_lists_undated_after_dated_as_undated(one_page):
    page = _main(html(one_page, "articles/"))
    rows = [_text(row) for row in re.findall(r"<tr>(.*?)</tr>", page, re.S)][1:]
    assert [re.search(r"headline (\w+)", row).group(1) for row in rows] == ["d3", "d2", "d1", *UNDATED]
    assert [row.split()[0] for row in rows[3:]] == ["Undated"] * 3
    assert rows[0].startswith("5 March 2024") and rows[1].startswith("February 2023")
    assert "unknown" not in _text(page)
    assert "6 articles, newest first; the 3 undated ones last." in _text(page)


def test_articles_index_pages_show_undated_the_same(split):
    pages = [_main(html(split, "articles/")), *(_main(html(split, f"articles/page/{n}/")) for n in (2, 3))]
    assert not (split / "articles/page/4").exists()
    last = [_text(row) for row in re.findall(r"<tr>(.*?)</tr>", pages[2], re.S)][1:]
    assert [row.split()[0] for row in last] == ["Undated", "Undated"]
    assert "Undated headline u02" in last[0] and "Undated headline u03" in last[1]
    middle = [_text(row) for row in re.findall(r"<tr>(.*?)</tr>", pages[1], re.S)][1:]
    assert middle[0].startswith("1 January 2023") and middle[1].startswith("Undated") and "u01" in middle[1]
    assert all("unknown" not in _text(page) for page in pages)


# timeline/


def test_timeline_ends_with_an_undated_section_the_filter_works_on(one_page):
    page = _main(html(one_page, "timeline/"))
    assert re.findall(r'<h2 id="([^"]+)"', page) == ["2023", "2024", "undated"]
    undated_part = page.split('<h2 id="undated"', 1)[1]
    entries = _entries(undated_part)
    assert [text for _, _, text in entries] == [f"Undated — article: Undated headline {s} (Outlet U)" for s in UNDATED]
    # The same data attributes as a dated entry: the filter shows or hides them alike.
    assert [(actors, topics) for actors, topics, _ in entries] == [("gamma", "peace"), ("gamma", ""), ("gamma", "")]
    dated = _entries(page.split('<h2 id="undated"', 1)[0])
    assert ("alpha beta", "", "5 March 2024 — article: Dated headline d3 (Outlet D)") in dated
    # Gamma is named only in undated articles, and the filter offers it.
    assert '<option value="gamma">Gamma</option>' in page
    assert "Events and dated articles, oldest first; then the undated articles." in _text(page)


def test_split_timeline_puts_undated_on_its_own_pages_and_keeps_the_period_urls(split):
    overview = _main(html(split, "timeline/"))
    periods = re.findall(r'<a href="([^"]+)">([^<]+)</a></td>\s*<td[^>]*>(\d+)</td>', overview)
    assert periods == [("2023-01/", "January 2023", "1"), ("2023-02/", "February 2023", "1"),
        ("2023-03/", "March 2023", "1"), ("2024/", "2024", "1"), ("undated/", "Undated", "3")]
    assert 'id="summit"' in html(split, "timeline/2023-03/")
    first = _main(html(split, "timeline/undated/"))
    second = _main(html(split, "timeline/undated/page/2/"))
    assert "Timeline: Undated" in _text(first) and "Entries 1–2 of 3" in _text(first)
    assert re.findall(r'<h2 id="([^"]+)"', first) == ["undated"] == re.findall(r'<h2 id="([^"]+)"', second)
    texts = [text for page in (first, second) for _, _, text in _entries(page)]
    assert texts == [f"Undated — article: Undated headline {s} (Outlet U)" for s in UNDATED]
    assert [(a, t) for a, t, _ in _entries(first)] == [("gamma", "peace"), ("gamma", "")]
    assert '<option value="gamma">Gamma</option>' in first and 'form class="briefing-filter"' in second
    assert re.search(r'href="\.\./\.\./articles/u01/"', first)
    for period in ("2023-01", "2023-02", "2023-03", "2024"):
        assert "Undated" not in _text(_main(html(split, f"timeline/{period}/")))


def test_book_keeps_its_undated_part(split):
    book = _main(html(split, "book/"))
    assert re.search(r'<a href="undated/">Undated</a></td>\s*<td[^>]*>3</td>', book)
    part = _text(_main(html(split, "book/undated/"))) + _text(_main(html(split, "book/undated/page/2/")))
    for stem in UNDATED:
        assert f"Gamma spoke about {stem}." in part


# home


def test_home_lists_undated_after_dated_while_there_is_room(one_page):
    latest = _text(_main(html(one_page, "")).split('id="latest-articles"', 1)[1].split("<h2", 1)[0])
    items = re.findall(r"(5 March 2024|February 2023|1 January 2023|Undated) — (?:Dated|Undated) headline (\w+)", latest)
    assert items == [("5 March 2024", "d3"), ("February 2023", "d2"), ("1 January 2023", "d1"), ("Undated", "u01"), ("Undated", "u02")]
    assert "All 6 articles" in latest


def test_home_keeps_dated_first_when_they_fill_the_list(make_project, tmp_path):
    dated = {f"d{n}": f"2023-0{n}-01" for n in range(1, 7)}
    root = _seeds(make_project(), dated=dated)
    out = tmp_path / "out"
    assert briefing("generate", str(root), "--out", str(out), cwd=root).code == 0
    home = (out / "index.md").read_text(encoding="utf-8").split("## Latest articles", 1)[1]
    assert re.findall(r"Dated headline (d\d)", home) == ["d6", "d5", "d4", "d3", "d2"]
    assert "Undated" not in home


# feed.xml


def test_feed_dates_undated_like_its_newest_dated_entry(one_page):
    updated, entries = _feed(one_page / "feed.xml")
    assert "1970" not in (one_page / "feed.xml").read_text(encoding="utf-8")
    assert updated == "2024-03-05T00:00:00Z"  # d3, newer than the shift of 2 May 2023
    assert entries == [
        ("articles/d3", "2024-03-05T00:00:00Z"),
        *((f"articles/{s}", "2024-03-05T00:00:00Z") for s in UNDATED),
        ("changes/alpha/peace/2023-05-02", "2023-05-02T00:00:00Z"),
        ("articles/d2", "2023-02-01T00:00:00Z"),
        ("articles/d1", "2023-01-01T00:00:00Z"),
    ]


def test_feed_takes_a_newer_shift_as_the_newest_dated_entry(make_project, tmp_path):
    root = _seeds(make_project(), dated={"d1": "2023-01-01"}, undated=["u01"])
    out = tmp_path / "out"
    assert briefing("generate", str(root), "--out", str(out), cwd=root).code == 0
    updated, entries = _feed(out / "feed.xml")
    assert updated == "2023-05-02T00:00:00Z"
    # On the same timestamp an article comes first.
    assert entries == [
        ("articles/u01", "2023-05-02T00:00:00Z"),
        ("changes/alpha/peace/2023-05-02", "2023-05-02T00:00:00Z"),
        ("articles/d1", "2023-01-01T00:00:00Z"),
    ]


def test_feed_keeps_undated_articles_when_dated_ones_fill_it(make_project, tmp_path):
    dated = {f"d{n:02d}": f"2024-01-{n:02d}" for n in range(1, 29)} | {f"e{n:02d}": f"2025-01-{n:02d}" for n in range(1, 29)}
    root = _seeds(make_project(), dated=dated, undated=["u01"])
    out = tmp_path / "out"
    assert briefing("generate", str(root), "--out", str(out), cwd=root).code == 0
    updated, entries = _feed(out / "feed.xml")
    assert len(entries) == 50
    assert entries[:2] == [("articles/e28", "2025-01-28T00:00:00Z"), ("articles/u01", "2025-01-28T00:00:00Z")]
    assert [u for _, u in entries] == sorted((u for _, u in entries), reverse=True)


# A briefing with only undated articles


def test_only_undated_articles(make_project):
    root = _seeds(make_project(), dated={})
    for name in ("alpha.yaml", "gamma.yaml"):  # no shift, no event: nothing dated at all
        (root / "seeds/actors" / name).write_text(f"name: {name[:-5].title()}\nkind: person\n", encoding="utf-8")
    (root / "seeds/events/summit.yaml").unlink()
    site = _build(root)
    feed_text = (site / "feed.xml").read_text(encoding="utf-8")
    assert "1970" not in feed_text
    updated, entries = _feed(site / "feed.xml")
    assert updated == "2000-01-01T00:00:00Z"
    assert entries == [(f"articles/{s}", "2000-01-01T00:00:00Z") for s in UNDATED]
    articles = _text(_main(html(site, "articles/")))
    assert "3 articles, all undated, by id." in articles and articles.count("Undated Undated headline") == 3
    timeline = _main(html(site, "timeline/"))
    assert re.findall(r'<h2 id="([^"]+)"', timeline) == ["undated"]
    assert "No events or dated articles yet, only undated articles." in _text(timeline)
    assert len(_entries(timeline)) == 3
    home = _text(_main(html(site, "")))
    assert "Undated — Undated headline u01" in home and "Undated — Undated headline u03" in home


# Determinism


@pytest.mark.parametrize("page_size", [None, 2])
def test_generate_twice_gives_the_same_bytes(make_project, tmp_path, page_size):
    root = _seeds(make_project(), page_size=page_size)
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        result = briefing("generate", str(root), "--out", str(out), cwd=root)
        assert result.code == 0, result.output

    def tree(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    first, second = tree(outs[0]), tree(outs[1])
    assert first == second
    assert ("timeline/undated.md" in first) == (page_size == 2)
    assert b"1970" not in first["feed.xml"]
