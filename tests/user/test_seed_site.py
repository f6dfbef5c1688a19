"""The project's own briefing, built from a copy of this repository, checked on the HTML a reader gets."""

from __future__ import annotations

import json
import re
from html import unescape

from conftest import REPO, briefing, html

ARTICLE = "articles/000_9dd4ae56c3f1a1a7"

# Every name and metonym the seed uses for a profiled actor, and where it must link.
NAMES = {
    "Ukraine": "ukraine", "Moscow": "russia", "Kremlin": "russia", "Russia": "russia", "China": "china",
    "Washington": "united-states", "U.S.": "united-states", "U.K.": "united-kingdom", "Poland": "poland",
    "Baltic states": "baltic-states", "Antony Blinken": "antony-blinken", "Emmanuel Macron": "emmanuel-macron",
    "Olaf Scholz": "olaf-scholz", "Vladimir Putin": "vladimir-putin", "Volodymyr Zelensky": "volodymyr-zelensky",
    "Oksana Markarova": "oksana-markarova", "Fiona Hill": "fiona-hill",
    "National Security Council": "national-security-council", "State Department": "state-department",
    "Central Intelligence Agency": "central-intelligence-agency", "Brookings Institution": "brookings-institution",
}


def links(page_html: str) -> list[tuple[str, str]]:
    """(href, text) of every link in the page's article body."""
    body = page_html.split('<article class="md-content__inner md-typeset"', 1)[1].split(">", 1)[1].split("</article>", 1)[0]
    return [(href, unescape(re.sub(r"<[^>]+>", "", text))) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', body)]


def paragraphs(page_html: str) -> list[str]:
    return re.findall(r'<p class="briefing-paragraph" id="p\d+">(.*?)</p>', page_html, re.S)


def test_every_name_and_metonym_links_to_its_actor(site):
    found = {(text, href) for href, text in links(html(site, ARTICLE))}
    for name, actor in NAMES.items():
        assert (name, f"../../actors/{actor}/") in found, name


def test_first_mention_per_paragraph_links_later_ones_stay_text(site):
    first = paragraphs(html(site, ARTICLE))[0]
    assert len(paragraphs(html(site, ARTICLE))) == 12
    # "Kyiv" follows "Ukraine" in the first paragraph: the same actor, so it stays plain text.
    assert '<a href="../../actors/ukraine/">Ukraine</a>' in first
    assert " Kyiv and " in first
    assert first.count('href="../../actors/ukraine/"') == 1


def test_adjectives_and_possessives(site):
    page = html(site, ARTICLE)
    texts = [text for _, text in links(page)]
    for adjective in ("Russian", "Ukrainian", "European", "French", "German", "Western"):
        assert adjective not in texts
    # A possessive 's stays outside the link.
    assert "<a href=\"../../actors/russia/\">Russia</a>'s occupation" in page


def test_paragraph_anchors_sources_and_disclosure(site):
    page = html(site, ARTICLE)
    for number in range(1, 13):
        assert f'id="p{number}"' in page
    assert "Written by" not in page
    assert "Ukrainians Return Home, Renewed and Resigned" in page and "NYT" in page
    assert 'class="admonition note"' in page and "CEO.com journalists" in page
    assert "April 2023" in page


def test_every_profiled_actor_links_back_with_its_sentence(site):
    for actor in sorted(set(NAMES.values())):
        page = html(site, f"actors/{actor}")
        assert "Mentioned in" in page
        back = [href for href, _ in links(page) if href.startswith(f"../../{ARTICLE}/#p")]
        assert back, actor
    blinken = html(site, "actors/antony-blinken")
    assert "However, U.S. Secretary of State Antony Blinken recently expressed optimism that Beijing could help defuse the conflict." in unescape(re.sub(r"</?strong>", "", blinken))
    assert "<strong>Antony Blinken</strong>" in blinken  # the name is highlighted in its sentence


def test_topics_show_three_or_more_positions_with_quotes(site):
    for topic in ("negotiation-timing", "china-role", "western-capacity", "territorial-settlement"):
        page = unescape(html(site, f"topics/{topic}"))
        rows = re.findall(r"<tr>\s*<td><a href=\"../../actors/", page)
        assert len(rows) >= 3, topic
        assert page.count("<blockquote>") >= 3, topic


def test_reader_can_answer_who_favours_talks_and_who_waits(site):
    page = unescape(html(site, "topics/negotiation-timing"))
    assert "Emmanuel Macron" in page and "has been the most explicit in pushing for negotiations with the Kremlin" in page
    assert "State Department" in page and "Leans opposes" in page
    assert "Poland" in page and "should be given the time it needs to make gains" in page
    china = unescape(html(site, "topics/china-role"))
    assert "guarantor" in china


def test_home_leads_with_bottom_line_then_articles_then_actors(site):
    page = html(site, "")
    bottom, latest, actors = page.find("Bottom line"), page.find("Latest articles"), page.find("Most-mentioned actors")
    assert 0 < bottom < latest < actors
    assert "A living briefing on one question" in page  # the hand-written intro sits on top


def test_indexes_exist_and_sidebar_stays_short(site):
    for page in ("articles", "actors", "topics", "timeline", "sources"):
        assert (site / page / "index.html").is_file()
    actor_page = html(site, "actors/china")
    nav = actor_page.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "actors/antony-blinken/" not in nav  # long lists live in the indexes, not the sidebar
    assert "People" in html(site, "actors") and "Government bodies" in html(site, "actors")
    timeline = html(site, "timeline")
    assert timeline.find("2023") < timeline.find("12-point")
    assert "Washington Post" in html(site, "sources")


def test_search_indexes_actors_with_their_aliases_and_articles_by_words(site):
    """What Pagefind indexes: each page's article (data-pagefind-body), with the aliases on actor pages."""
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    def indexed_text(page: str) -> str:
        page_html = html(site, page)
        assert "data-pagefind-body" in page_html, page
        return page_html.split("data-pagefind-body>", 1)[1].split("</article>", 1)[0]
    assert "CIA" in indexed_text("actors/central-intelligence-agency/")
    assert "Kremlin" in indexed_text("actors/russia/")
    assert "ammunition" in indexed_text(f"{ARTICLE}/")
    assert 'class="md-header__option briefing-search"' in html(site, "")


def test_check_reports_no_errors_and_generate_is_deterministic(tmp_path):
    result = briefing("check", str(REPO), cwd=tmp_path)
    assert result.code == 0, result.output
    assert " error:" not in result.output
    first = briefing("generate", str(REPO), "--out", str(tmp_path / "a"), cwd=tmp_path)
    second = briefing("generate", str(REPO), "--out", str(tmp_path / "b"), cwd=tmp_path)
    assert first.code == second.code == 0
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b and len(files_a) > 30
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
