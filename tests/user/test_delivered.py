"""Articles as desks receive them: wire copy, web pastes, saved pages, e-mails (tests/fixtures/delivered).

Each fixture is read the way a careful editor would (tests/fixtures/delivered/expected.yaml): the
headline, date, outlet, byline, place and credits are the article's metadata; the story paragraphs
hold none of the furniture; nothing in the furniture is a mention or quotable evidence; a line that
looks like furniture but is not understood is a located warning. Checked on the built site and on
`briefing check`'s output, as a user sees them.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

import conftest
from conftest import briefing, mkdocs_build, new_project, write_files

FIXTURES = conftest.FIXTURES / "delivered"
EXPECTED = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))

# Actors named in the stories, and some named only in furniture (a related headline, a byline, a credit).
ACTORS = {
    "seeds/actors/houthis.yaml": "name: Houthis\nkind: group\naliases: [Houthi, Huthi-Miliz]\n",
    "seeds/actors/maersk.yaml": "name: Maersk\nkind: organization\n",
    "seeds/actors/egypt.yaml": "name: Egypt\nkind: state\n",
    "seeds/actors/hodeidah.yaml": "name: Hodeidah\nkind: group\n",  # only in reuters_web's Related: block
    "seeds/actors/tom-halloway.yaml": "name: Tom Halloway\nkind: person\n",  # only in a credit line
    "seeds/actors/jane-aldous.yaml": "name: Jane Aldous\nkind: person\n",  # byline and credit only
}


@pytest.fixture(scope="module")
def delivered(tmp_path_factory) -> Path:
    root = new_project(tmp_path_factory.mktemp("delivered"), ACTORS)
    for name in EXPECTED:
        shutil.copy(FIXTURES / name, root / "seeds" / "articles" / name)
    # Names the stories repeat that need no profile here: keeps `check`'s output to what is tested.
    (root / "seeds" / "unprofiled-ignore.txt").write_text("\n".join([
        "Red Sea", "Suez Canal", "Søren Lykke", "Henrik Dalgaard", "Karim Mansour", "Amira Saleh", "Ministry of Ports",
        "Keelwater Risk", "Ruth Okafor", "Ingolf Rask", "Cape of Good Hope", "Harbour Brief", "Yemen's Houthis",
        "Ruth Okafor of Keelwater Risk", "Denmark", "Dalgaard", "Lykke",
        # Places the stories name often (one-word names are suggested too since issue 22).
        "Yemen", "Yémen", "Cairo", "Europe", "Africa", "Asia", "Copenhagen", "Jeddah", "Bab el-Mandeb", "Waterways",
    ]) + "\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert (root / "site" / "articles" / "reuters_web" / "index.html").is_file(), result.output
    return root


def _article(site: Path, article_id: str) -> str:
    text = (site / "articles" / article_id / "index.html").read_text(encoding="utf-8")
    return text[text.index("<article"): text.index("</article>")]


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _story(page: str) -> list[str]:
    """The story paragraphs' text, in order."""
    return [_text(p) for p in re.findall(r'<(?:p|div)[^>]*class="briefing-paragraph"[^>]*>(.*?)</(?:p|div)>', page, re.S)]


def _meta_line(page: str) -> str:
    return _text(re.search(r'<p class="briefing-meta">(.*?)</p>', page, re.S).group(1))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_is_read_from_the_furniture(delivered, name):
    expected = EXPECTED[name]
    article_id = name.rsplit(".", 1)[0]
    api = {a["id"]: a for a in json.loads((delivered / "site" / "api" / "articles.json").read_text())["articles"]}[article_id]
    page = _article(delivered / "site", article_id)
    assert api["title"] == expected["title"]
    assert api["date"] == expected["date"]
    meta = _meta_line(page)
    if expected["outlet"]:
        assert expected["outlet"] in api["outlets"], api["outlets"]
    if expected["byline"]:
        assert f"By {expected['byline']}".lower() in meta.lower(), meta
    else:
        assert "By " not in meta
    if expected["place"]:  # the dateline's place as delivered (capitals), the city first
        assert re.search(r"Filed from " + re.escape(expected["place"]), meta, re.I), meta
    else:
        assert "Filed from" not in meta
    credits = _text(m.group(1)) if (m := re.search(r'<p class="briefing-meta briefing-credits">(.*?)</p>', page, re.S)) else ""
    for credit in expected["credits"]:
        assert credit in credits, credits
    if not expected["credits"]:
        assert not credits


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_story_is_only_the_story(delivered, name):
    expected = EXPECTED[name]
    page = _article(delivered / "site", name.rsplit(".", 1)[0])
    story = _story(page)
    assert story[0].startswith(expected["first_paragraph_starts"]), story[0]
    joined = "\n".join(story)
    assert not [s for s in expected.get("not_in_story") or [] if s in joined]
    assert not [s for s in expected.get("in_story") or [] if s not in joined and "javascript" not in s]
    if expected.get("paragraphs"):
        assert len(story) == expected["paragraphs"], story
    # Paragraph anchors as ever, #p1 first.
    assert 'id="p1"' in page


def test_furniture_is_kept_as_delivered_in_a_note_search_ignores(delivered):
    page = _article(delivered / "site", "reuters_web")
    note = re.search(r'<details class="briefing-delivered" data-pagefind-ignore[^>]*>(.*?)</details>', page, re.S)
    assert note, page
    rows = [[_text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in re.findall(r"<tr>(.*?)</tr>", note.group(1), re.S)]
    kinds = {row[1] for row in rows if row}
    assert {"headline", "byline", "timestamp", "dateline", "related", "credit", "notice"} <= kinds
    assert ["9", "dateline", "COPENHAGEN, March 3 (Reuters) -"] in rows
    assert ["28", "notice", "Our Standards: The Thomson Reuters Trust Principles."] in rows


def test_furniture_is_never_a_mention(delivered):
    site = delivered / "site"
    for actor in ("hodeidah", "tom-halloway", "jane-aldous"):
        page = (site / "actors" / actor / "index.html").read_text(encoding="utf-8")
        assert "reuters_web" not in page, f"{actor} is mentioned only in furniture, yet its page lists the article"
    # The Houthis are in the story too: there they are linked and listed.
    assert "reuters_web" in (site / "actors" / "houthis" / "index.html").read_text(encoding="utf-8")
    assert "Houthi drone strike" not in (site / "actors" / "houthis" / "index.html").read_text(encoding="utf-8")
    # The German story's "Huthi-Miliz" is an alias in the story, not in furniture.
    assert "reuters_german" in (site / "actors" / "houthis" / "index.html").read_text(encoding="utf-8")


def test_book_holds_no_furniture(delivered):
    book = _text((delivered / "site" / "book" / "index.html").read_text(encoding="utf-8"))
    assert "Maersk expects its container ships to keep sailing" in book
    for furniture in ("Thomson Reuters Trust Principles", "Houthi drone strike hits bulk carrier", "All rights reserved",
                      "To contact the reporter", "Unsubscribe", "View this email in your browser"):
        assert furniture not in book


def test_language_is_marked_on_a_story_in_another_language(delivered):
    french = _article(delivered / "site", "afp_french")
    german = _article(delivered / "site", "reuters_german")
    english = _article(delivered / "site", "reuters_web")
    assert re.search(r'class="briefing-paragraph"[^>]* lang="fr"|lang="fr"[^>]*class="briefing-paragraph"', french)
    assert 'lang="de"' in german
    assert 'lang="' not in english  # the site's own language: <html lang="en"> says it


def test_check_warns_where_the_reading_is_unsure(delivered):
    result = briefing("check", cwd=delivered)
    assert result.code == 0, result.output
    lines = result.output.splitlines()

    def warned(path: str, line: int, words: str) -> bool:
        return any(l.startswith(f"seeds/articles/{path}:{line}: warning:") and words in l for l in lines)

    assert warned("near_miss.txt", 3, "looks like furniture (published)")
    assert warned("near_miss.txt", 7, "looks like a timestamp line but its date cannot be read")
    assert warned("near_miss.txt", 19, "looks like furniture (reporting)")
    assert warned("near_miss.txt", 1, "no date")
    assert warned("undated.txt", 1, "no date")
    assert warned("contradictory.txt", 5, "contradicts the timestamp line's (2024-03-05, line 3)")
    # What reads cleanly says nothing.
    for clean in ("reuters_web.txt", "ap.txt", "afp.txt", "bloomberg.txt", "saved_page.html", "newsletter.eml", "forward.eml"):
        assert not [l for l in lines if l.startswith(f"seeds/articles/{clean}:")], clean


def test_check_verbose_says_where_each_value_came_from(delivered):
    result = briefing("check", "--verbose", cwd=delivered)
    out = result.output
    assert "seeds/articles/reuters_web.txt:5: note: date '2024-03-03' (timestamp line)" in out
    assert "seeds/articles/reuters_web.txt:9: note: place 'COPENHAGEN' (dateline)" in out
    assert "seeds/articles/reuters_web.txt:9: note: outlet 'Reuters' (dateline)" in out
    assert "seeds/articles/reuters_web.txt:1: note: title 'Maersk expects Red Sea detours" in out
    assert re.search(r"seeds/articles/saved_page\.html:\d+: note: date '2024-03-04' \(<meta article:published_time>\)", out)
    assert re.search(r"seeds/articles/newsletter\.eml:\d+: note: outlet 'Harbour Brief' \(e-mail From:\)", out)
    assert "seeds/articles/afp_french.txt:1: note: lang 'fr' (detected (py3langid))" in out
    assert "note:" not in briefing("check", cwd=delivered).output


def test_a_sidecar_overrides_any_value_read(tmp_path):
    root = new_project(tmp_path, {
        "seeds/articles/ap.yaml": 'date: "2024-02-20"\noutlet: The Associated Press\nbyline: Marta Kovač\nplace: Brussels\nlang: en-GB\n',
    })
    shutil.copy(FIXTURES / "ap.txt", root / "seeds" / "articles" / "ap.txt")
    result = briefing("check", "--verbose", cwd=root)
    assert "seeds/articles/ap.yaml:1: note: date '2024-02-20' (sidecar)" in result.output
    assert "seeds/articles/ap.txt:1: note: title 'EU ministers approve" in result.output  # not in the sidecar: read
    assert mkdocs_build(root).code == 0
    meta = _meta_line(_article(root / "site", "ap"))
    assert "20 February 2024" in meta and "By Marta Kovač" in meta and "Filed from Brussels" in meta
    assert "The Associated Press" in meta


def test_a_quote_from_the_furniture_is_not_evidence(tmp_path):
    root = new_project(tmp_path, {
        "seeds/topics/escorts.yaml": "title: Escorts\nquestion: Will navies escort ships?\n",
        "seeds/actors/maersk.yaml": """\
            name: Maersk
            kind: organization
            positions:
              - topic: escorts
                stance: supports
                as_of: "2024-03-03"
                sources:
                  - article: reuters_web
                    quote: "Editing by Tom Halloway"
              - topic: escorts
                stance: supports
                as_of: "2024-03-04"
                sources:
                  - article: reuters_web
                    quote: "keep sailing around the Cape of Good Hope well into the summer"
            """,
    })
    shutil.copy(FIXTURES / "reuters_web.txt", root / "seeds" / "articles" / "reuters_web.txt")
    result = briefing("check", cwd=root)
    assert result.code == 1
    assert re.search(r"seeds/actors/maersk\.yaml:9:\d+: error: quote is from the credit of article 'reuters_web' \(line 26\), not its story",
                     result.output), result.output
    assert result.output.count("error:") == 1  # the story's words are evidence as ever


@pytest.mark.parametrize("text, line, message", [
    # A dateline with no year and nothing that gives one.
    ("Ships diverted\n\nCOPENHAGEN, March 3 (Reuters) - Denmark said on Sunday that ships would be diverted.\n",
     3, "the dateline's date 'March 3' has no year and no timestamp line gives one"),
    # A byline-like line that is no known shape, among the furniture.
    ("Ships diverted\nJane Doe | Wire\nPublished 10:42 AM EST, February 19, 2024\n\nDenmark said on Sunday that ships would be diverted.\n",
     2, "matches no known shape"),
])
def test_unsure_readings_are_located_warnings(tmp_path, text, line, message):
    root = new_project(tmp_path, {"seeds/articles/a.txt": text})
    result = briefing("check", cwd=root)
    assert result.code == 0
    assert any(l.startswith(f"seeds/articles/a.txt:{line}: warning:") and message in l for l in result.output.splitlines()), result.output


def test_a_dateline_takes_its_year_from_the_sidecar(tmp_path):
    root = new_project(tmp_path, {
        "seeds/articles/a.txt": "Ships diverted\n\nCOPENHAGEN, March 3 (Reuters) - Denmark said on Sunday that ships would be diverted.\n",
        "seeds/articles/a.yaml": 'date: "2024"\n',
    })
    result = briefing("check", "--verbose", cwd=root)
    assert ": warning:" not in result.output, result.output
    assert "seeds/articles/a.yaml:1: note: date '2024' (sidecar)" in result.output


def test_this_repositorys_seed_reads_as_before(tmp_path):
    """The repository's own format (one paragraph per line, `- Headline - Outlet`, `Written by`) has no
    furniture: nothing is taken out of its story."""
    result = briefing("check", "--verbose", cwd=conftest.REPO)
    assert "briefing check: 0 errors, 0 warnings" in result.output
    assert "000_9dd4ae56c3f1a1a7.txt:1: note: title 'West Looks at China's Potential Role in Ending Ukraine War' (first source's headline)" in result.output


def test_two_articles_with_one_id_are_an_error(tmp_path):
    root = new_project(tmp_path)
    write_files(root, {"seeds/articles/x.txt": "Denmark said ships would be diverted.\n"})
    shutil.copy(FIXTURES / "saved_page.html", root / "seeds" / "articles" / "x.html")
    result = briefing("check", cwd=root)
    assert result.code == 1
    assert "seeds/articles/x.html:1: error: two articles with id 'x' (x.txt and x.html): keep one of them" in result.output


# Shapes as browsers and wires really deliver them, beyond the fixtures: a web paste whose parts lost
# their spaces, a byline that names only the agency with a dateline that has no place, AP's "___"
# rule above the credits.
PASTES = {
    "glued": (
        "Oil tanker hit off Yemen, crew safe\nBy Jane Aldous\n3 minute read\nMarch 3, 20246:12 PM GMT+1Updated 2 hours ago\n\n"
        "ADEN, March 3 (Reuters) - A tanker was hit by a missile off Yemen on Sunday, the ship's manager said.\n\n"
        "No one was hurt, it said.\n\nSign up here.\n\nReporting by Jane Aldous; Editing by Tom Reeve\n",
        {"title": "Oil tanker hit off Yemen, crew safe", "date": "2024-03-03", "outlets": ["Reuters"], "byline": "Jane Aldous",
         "place": "ADEN", "credits": ["Reporting by Jane Aldous; Editing by Tom Reeve"],
         "paragraphs": ["A tanker was hit by a missile off Yemen on Sunday, the ship's manager said.", "No one was hurt, it said."]},
    ),
    "agency-only": (
        "Houthis say they targeted ship in Gulf of Aden\n\nBy Reuters\n\nPublished March 3, 2024\n\n"
        "March 3 (Reuters) - Yemen's Houthis said on Sunday they had targeted a ship.\n\nThe group did not give details.\n",
        {"title": "Houthis say they targeted ship in Gulf of Aden", "date": "2024-03-03", "outlets": ["Reuters"], "byline": None,
         "place": None, "credits": [],
         "paragraphs": ["Yemen's Houthis said on Sunday they had targeted a ship.", "The group did not give details."]},
    ),
    "ap-rule": (
        "SANAA, Yemen, Feb. 4, 2024 (AP) — Yemen's Houthi rebels claimed an attack Sunday on a ship in the Gulf of Aden.\n"
        "The U.S. military said it shot down a drone.\n___\n"
        "Associated Press writer Jon Gambrell in Dubai, United Arab Emirates, contributed to this report.\n",
        {"date": "2024-02-04", "outlets": ["Associated Press"], "byline": None, "place": "SANAA, Yemen",
         "credits": ["Associated Press writer Jon Gambrell in Dubai, United Arab Emirates, contributed to this report."],
         "paragraphs": ["Yemen's Houthi rebels claimed an attack Sunday on a ship in the Gulf of Aden.",
                        "The U.S. military said it shot down a drone."]},
    ),
}


@pytest.mark.parametrize("case", sorted(PASTES))
def test_pastes_as_delivered(tmp_path, case):
    text, expected = PASTES[case]
    root = new_project(tmp_path / "p", {"seeds/articles/a.txt": text})
    result = briefing("generate", str(root), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.code == 0 and ": warning:" not in result.output, result.output
    article = json.loads((tmp_path / "out" / "api" / "articles.json").read_text())["articles"][0]
    assert {key: article[key] for key in expected} == expected
