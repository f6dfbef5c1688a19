"""Analyst views on the project's own briefing: graphs, network, stance matrix, book, exports, feed, tags."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import jsonschema
from conftest import REPO, briefing, html


def svg_of(page: str) -> str:
    match = re.search(r'<figure class="briefing-graph"><svg .*?</svg></figure>', page, re.S)
    assert match, "no relation graph"
    return match.group(0)


def test_actor_page_graph_is_inline_svg_with_linked_nodes_and_a_table(site):
    page = html(site, "actors/china")
    svg = svg_of(page)
    ElementTree.fromstring(svg.replace('<figure class="briefing-graph">', "").replace("</figure>", ""))  # well-formed
    nodes = re.findall(r'<a href="([^"]+)"><g class="briefing-node', svg)
    assert "../russia/" in nodes and "../ukraine/" in nodes  # a declared relation and a co-mention
    assert ">supports<" in svg  # a labelled relation edge
    assert "<script" not in svg
    for href in nodes:  # every node opens a page that exists
        assert (site / "actors" / "china" / href / "index.html").resolve().is_file(), href
    assert "Mentioned in the same paragraph as" in page  # the same facts as a table


def test_network_page_links_every_actor(site):
    page = html(site, "network")
    svg = svg_of(page)
    actors = sorted(p.stem for p in (REPO / "seeds" / "actors").glob("*.yaml"))
    hrefs = set(re.findall(r'<a href="\.\./actors/([a-z0-9-]+)/"><g', svg))
    assert hrefs == set(actors)
    assert "Declared relations" in page and "Strongest ties in the text" in page


def test_stance_matrix_links_each_cell_to_its_evidence(site):
    page = html(site, "topics")
    matrix = page.split('<div class="briefing-matrix">', 1)[1].split("</div>", 1)[0]
    cells = re.findall(r'<td class="briefing-cell--([a-z-]+)"><a href="([a-z0-9-]+)/#(position-[a-z0-9-]+)"', matrix)
    assert len(cells) >= 20
    for stance, topic, anchor in cells:
        assert f'id="{anchor}"' in html(site, f"topics/{topic}"), (topic, anchor)
    # The most split question comes first.
    first_column = re.search(r"<thead>.*?<th>Actor</th><th><a href=\"([a-z0-9-]+)/\"", matrix, re.S).group(1)
    assert first_column == "negotiation-timing"


def test_book_has_every_section_and_every_article_in_full(site):
    page = html(site, "book")
    order = [page.find(f'<h2 id="{s}"') for s in ("bottom-line", "timeline", "actors", "articles")]
    assert all(i > 0 for i in order) and order == sorted(order)
    assert "any durable arrangement would require Ukrainian President Volodymyr Zelensky" in page
    assert "Ukrainians Return Home, Renewed and Resigned" in page
    css = (site / "assets" / "briefing.css").read_text(encoding="utf-8")
    assert "@media print" in css and "break-before: page" in css and 'attr(href)' in css


def test_exports_match_their_schema_and_carry_mentions_and_citations(site):
    schema = json.loads((REPO / "generator" / "schema" / "api.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = {}
    for kind in ("actors", "articles", "topics", "events"):
        document = json.loads((site / "api" / f"{kind}.json").read_text(encoding="utf-8"))
        validator.validate(document)
        data[kind] = document[kind]
    blinken = next(a for a in data["actors"] if a["id"] == "antony-blinken")
    assert "Blinken" in blinken["aliases"]
    mention = blinken["mentions"][0]
    assert {"article": "000_9dd4ae56c3f1a1a7", "paragraph": 2, "text": "Antony Blinken"}.items() <= mention.items()
    paragraph = next(a for a in data["articles"] if a["id"] == mention["article"])["paragraphs"][mention["paragraph"] - 1]
    assert paragraph[mention["start"]:mention["end"]] == "Antony Blinken"
    a, b = mention["sentence"]
    assert paragraph[a:b].startswith("However, U.S. Secretary of State Antony Blinken") and paragraph[a:b].endswith(".")
    assert blinken["positions"][0]["sources"][0]["quote"]
    article = data["articles"][0]
    assert len(article["paragraphs"]) == 12
    first = article["mentions"][0]
    assert article["paragraphs"][first["paragraph"] - 1][first["start"]:first["end"]] == "Ukraine"
    assert len(data["topics"]) == 4 and all(len(t["positions"]) >= 3 for t in data["topics"])
    assert {e["id"] for e in data["events"]} >= {"china-peace-proposal"}


def test_feed_is_valid_atom_announced_in_every_head(site):
    feed = ElementTree.parse(site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 1
    assert entries[0].find("a:title", ns).text == "West Looks at China's Potential Role in Ending Ukraine War"
    for page in ("", "actors/china", "topics", "book"):
        assert re.search(r'<link rel="alternate feed" type="application/atom\+xml"[^>]+href="[./]*feed.xml"', html(site, page)), page


def test_tags_by_kind_country_and_topic(site):
    page = html(site, "actors/antony-blinken")
    for tag in ("People", "Country: United States", "Topic: China&#39;s role in ending the war"):
        assert tag in page, tag
    tags_page = html(site, "tags")
    assert "Government bodies" in tags_page and "actors/state-department/" in tags_page


def test_generate_writes_the_same_exports(tmp_path):
    result = briefing("generate", str(REPO), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.code == 0, result.output
    for name in ("api/actors.json", "feed.xml", "book/index.md", "network/index.md", "tags/index.md"):
        assert (tmp_path / "out" / name).is_file(), name
