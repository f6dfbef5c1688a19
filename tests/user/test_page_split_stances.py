"""The pages issue #14 left over 2 MB at 10,000 articles, split: the stance matrix (`topics/`), What
changed (`changes/`), the tags listing (`tags/`) and the home page's bottom line.

A small briefing built once with `page_size: 2` and the tags plugin exercises each split; the 2 MB
limit itself is held by scripts/bench/page_sizes.py.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, html, mkdocs_build, new_project
from test_page_split import _pages, _resolve

PAGE_SIZE = 2
PEOPLE = [f"p{n:02d}" for n in range(1, 13)]  # 12 people, all supporting question one
STATES = ["s1", "s2"]
QUOTE = "Everyone spoke"


def _person(actor_id: str, number: int) -> str:
    # Every person supports question one from 2023-0N; every third moved there from opposing (a
    # shift in 2022); p01 and p02 also hold a position on question two.
    steps = []
    if number % 3 == 0:
        steps.append(("opposes", f"2022-{number:02d}"))
    steps.append(("supports", f"2023-{(number % 12) + 1:02d}"))
    positions = "".join(
        f"  - {{topic: one, stance: {stance}, as_of: \"{date}\", sources: [{{article: a1, quote: \"{QUOTE}\"}}]}}\n"
        for stance, date in steps
    )
    if number <= 2:
        positions += f"  - {{topic: two, stance: opposes, as_of: \"2024-01\", sources: [{{article: a1, quote: \"{QUOTE}\"}}]}}\n"
    return f"name: Person {number:02d}\nkind: person\npositions:\n{positions}"


@pytest.fixture(scope="module")
def stance_site(tmp_path_factory) -> Path:
    """The small briefing with page_size 2 and tags on, built once with `mkdocs build --strict`."""
    config = MKDOCS_YML.replace("  - search\n", "  - search\n  - tags\n")
    config = config.replace("  - briefing\n", f"  - briefing:\n      page_size: {PAGE_SIZE}\n")
    root = new_project(tmp_path_factory.mktemp("stance-split") / "project", config=config)
    (root / "seeds/topics/one.yaml").write_text("title: Question one\nquestion: One?\n", encoding="utf-8")
    (root / "seeds/topics/two.yaml").write_text("title: Question two\nquestion: Two?\ntags: [<b>odd</b>]\n", encoding="utf-8")
    for number, actor_id in enumerate(PEOPLE, start=1):
        (root / f"seeds/actors/{actor_id}.yaml").write_text(_person(actor_id, number), encoding="utf-8")
    for actor_id in STATES:
        (root / f"seeds/actors/{actor_id}.yaml").write_text(
            f"name: State {actor_id[1]}\nkind: state\npositions:\n"
            f"  - {{topic: one, stance: mixed, as_of: \"2021\", sources: [{{article: a1, quote: \"{QUOTE}\"}}]}}\n",
            encoding="utf-8",
        )
    # Person 12 is mentioned most, then person 11: the home page names them first.
    (root / "seeds/articles/a1.txt").write_text(
        f"{QUOTE}. Person 12 and Person 11 spoke.\n\nPerson 12 again.\n\n- A headline - An outlet\n", encoding="utf-8")
    (root / "seeds/articles/a1.yaml").write_text("date: 2023-05-01\ntags: [custom one]\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    return root / "site"


def _actor_links(url: str, page: str) -> list[str]:
    """The actor pages a page links to, in order, each once."""
    found = [_resolve(url, href) for href in re.findall(r'href="([^"#]+)', page)]
    return list(dict.fromkeys(t.split("/")[1] for t in found if re.fullmatch(r"actors/[a-z0-9]+/", t)))


def test_stance_matrix_splits_by_actors_in_order_with_counts_and_every_actor_reachable(stance_site):
    pages = _pages(stance_site, "topics/")
    assert len(pages) == 7  # 14 actors, 2 a page
    assert [url for url, _ in pages] == ["topics/"] + [f"topics/page/{n}/" for n in range(2, 8)]
    assert "Actors 1–2 of 14" in pages[0][1] and "Actors 13–14 of 14" in pages[-1][1]
    assert "← Previous" in pages[1][1] and "Next →" not in pages[-1][1]
    rows = [actor for url, page in pages for actor in re.findall(r'<th scope="row"><a href="[^"]*actors/([a-z0-9]+)/"', page)]
    assert rows == PEOPLE + STATES  # by kind, then by name, as on one page; each actor once
    for url, page in pages:  # every page has every column, the most split question first
        header = re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)
        assert header.index("Question one") < header.index("Question two"), url
    # The questions are listed on the first page only.
    assert "One?" in pages[0][1] and all("One?" not in page for _, page in pages[1:])


def test_home_bottom_line_names_the_most_mentioned_and_links_to_the_full_list(stance_site):
    home = unescape(html(stance_site, ""))
    line = re.search(r"<strong>Supports:</strong>(.*?)</li>", home, re.S).group(1)
    shown = re.findall(r'href="actors/([a-z0-9]+)/"', line)
    assert len(shown) == 10 and shown[:2] == ["p12", "p11"]
    assert re.search(r'and 2 more: <a href="topics/one/#where-the-actors-stand">all 12</a>', line)
    topic = html(stance_site, "topics/one/")
    assert 'id="where-the-actors-stand"' in topic
    assert set(PEOPLE) <= set(_actor_links("topics/one/", topic))
    # A stance held by few is listed whole, as before.
    assert re.search(r"<strong>Mixed:</strong> <a[^>]*>State 1</a>, <a[^>]*>State 2</a>\s*</li>", home)


def test_changes_split_by_period_newest_first_and_every_change_reachable(stance_site):
    overview = html(stance_site, "changes/")
    assert "4</strong> stance shifts and <strong>16</strong> first positions" in overview
    rows = re.findall(r'<a href="([^"]+)">([^<]+)</a></td>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>(\d+)</td>', overview)
    titles = [title for _, title, _, _ in rows]
    assert titles[0] == "2024" and titles[-1] == "2021"  # newest first
    assert sum(int(m) + int(f) for _, _, m, f in rows) == 20
    anchors: list[str] = []
    for href, title, moved, firsts in rows:
        first = _resolve("changes/", href)
        for url, page in _pages(stance_site, first):
            assert "briefing-pages" not in page or "Changes " in page
            anchors += re.findall(r' id="([a-z0-9]+--[a-z0-9-]+--[0-9-]+)"', page)
    assert len(anchors) == len(set(anchors)) == 20  # each change on exactly one page
    assert {a.split("--")[0] for a in anchors} == set(PEOPLE + STATES)
    # The feed links a shift on the page that holds it.
    feed = (stance_site / "feed.xml").read_text(encoding="utf-8")
    link = re.search(r'href="(changes/[^"]+)#(p03--one--2023-04)"', feed)
    assert link is not None and link.group(1) != "changes/"
    assert f'id="{link.group(2)}"' in html(stance_site, link.group(1))


def test_tags_split_into_an_index_and_one_listing_per_kind_and_topic(stance_site):
    index = html(stance_site, "tags/")
    assert "material/tags" not in index
    assert re.search(r'<a href="kinds/person/">People</a>: 12 pages', index)
    assert re.search(r'<a href="topics/one/">Topic: Question one</a>: 15 pages', index)  # 14 actors, the topic
    assert re.search(r'<a href="other/">&lt;b&gt;odd&lt;/b&gt;</a>: 1 page', index)
    assert re.search(r'<a href="other/">custom one</a>: 1 page', index)
    people = html(stance_site, "tags/kinds/person/")
    assert set(_actor_links("tags/kinds/person/", people)) == set(PEOPLE)
    assert "s1" not in _actor_links("tags/kinds/person/", people)
    topic = html(stance_site, "tags/topics/one/")
    assert set(_actor_links("tags/topics/one/", topic)) == set(PEOPLE + STATES)
    other = html(stance_site, "tags/other/")
    assert "articles/a1/" in other and "topics/two/" in other and "&lt;b&gt;odd&lt;/b&gt;" in other
    # A page's tags link to the listing that holds them.
    actor = html(stance_site, "actors/p01/")
    assert re.search(r'href="\.\./\.\./tags/kinds/person/#tag:people"', actor)
    assert re.search(r'href="\.\./\.\./tags/topics/two/#tag:topic-question-two"', actor)


def test_book_actor_digest_in_pages_linked_from_the_book(stance_site):
    book = html(stance_site, "book/")
    assert re.search(r'The 14 actors by name, with their kind, mentions and current stances: '
                     r'<a href="actors/">the actor digest</a>, in 7 pages\.', book)
    assert "<h3" not in book.split('id="actors"')[1].split('id="articles"')[0]  # no digest entries left on book/
    pages = _pages(stance_site, "book/actors/")
    assert len(pages) == 7 and "Actors 1–2 of 14" in pages[0][1]
    names = [unescape(name) for _, page in pages for name in re.findall(r'<h3 id="[^"]*">([^<]+)', page)]
    assert names == [f"Person {n:02d}" for n in range(1, 13)] + ["State 1", "State 2"]  # by name, each once
    assert "Supports" in pages[0][1]  # with the current stances
