"""The places where escaped text meets MkDocs and Material (generator/mkdocs/theme_boundary.py and the
front matter in generator/pages/tags.py), checked in the built files without a browser; the browser
tests (test_browser.py) check the same from the reader's side."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import yaml
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from conftest import html, mkdocs_build
from generator.core.characters import NOT_TEXT
from generator.pages.tags import front_matter
from generator.render.escape import html_text

TITLE = "Breakout </title><script>alert('x')</script> & \"q\" &amp; end"
TAG = "t </title><b>x</b> &lt; y"

MKDOCS_YML = """\
site_name: Boundary
theme:
  name: material
  font: false
plugins:
  - search
  - tags
  - briefing
"""


class _Title(HTMLParser):
    """The text of <title> as a browser reads it (references decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside, self.text, self.count = False, "", 0

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.inside, self.count = True, self.count + 1

    def handle_endtag(self, tag):
        if tag == "title":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.text += data


def tab_title(page_html: str) -> str:
    parser = _Title()
    parser.feed(page_html)
    assert parser.count == 1, "one <title> element, not one closed early by the value"
    return parser.text


def test_a_title_reads_as_written_in_the_tab_and_closes_nothing(make_project):
    project = make_project({
        "seeds/topics/breakout.yaml": f"title: {yaml.safe_dump(TITLE).splitlines()[0]}\nquestion: Will it?\ntags: [{yaml.safe_dump(TAG).splitlines()[0]}]\n",
        "seeds/articles/a1.txt": "A first paragraph.\n\n- Head </title><img src=x onerror=alert(3)> &amp; line - Outlet\n",
        "seeds/articles/a1.yaml": "topics: [breakout]\n",
    })
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    site = project / "site"
    topic = html(site, "topics/breakout/")
    assert tab_title(topic) == f"{TITLE} - Boundary"
    assert "<script>alert" not in topic
    assert "&amp;amp;lt;" not in topic and "&amp;lt;" not in topic.split("<article", 1)[0].split("<title>")[1].split("</title>")[0]
    article = html(site, "articles/a1/")
    assert tab_title(article) == "Head </title><img src=x onerror=alert(3)> &amp; line - Boundary"
    assert "<img src=x" not in article
    # Home keeps the site name alone in its tab; hand-made pages keep theirs.
    assert tab_title(html(site, "")) == "Boundary"
    # The tags index lists the tag as its characters (Material prints tag names as HTML).
    tags = html(site, "tags/")
    assert "t &lt;/title&gt;&lt;b&gt;x&lt;/b&gt; &amp;lt; y" in tags and "<b>x</b>" not in tags
    # The feed is well-formed XML whose titles are the characters as written.
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Head </title><img src=x onerror=alert(3)> &amp; line" in titles


@given(st.lists(st.text() | st.sampled_from(["---", "...", "a\n---\nb", "x: y", "- z", "#c", "\u2028"]), min_size=1, max_size=5))
def test_front_matter_parses_back_to_the_tags_it_was_given(tags):
    """As MkDocs reads it (mkdocs.utils.meta): the same tags, and the page body untouched."""
    tags = [t for t in tags if not NOT_TEXT.search(t)] or ["x"]  # the loaders refuse the others
    body, meta = get_data(front_matter(tags) + "# Page\n")
    assert body == "# Page\n"
    assert meta == {"tags": [html_text(t) for t in dict.fromkeys(tags)]}


def test_the_feed_is_well_formed_xml_whatever_characters_reach_it(make_project):
    """The loaders refuse control characters in seeds and YAML; mkdocs.yml is not ours to check, and a
    `site_name` holding one must still leave feed.xml well-formed (XML allows no C0 control at all)."""
    project = make_project({"seeds/articles/a1.txt": "A first paragraph.\n\n- Head line - Outlet\n"})
    (project / "mkdocs.yml").write_text(MKDOCS_YML.replace("site_name: Boundary", 'site_name: "Bad \\x01\\x1b name"'), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    feed = ET.fromstring((project / "site" / "feed.xml").read_bytes())
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert titles == ["Bad \ufffd\ufffd name", "Head line"], titles
