"""Issue 13: stances over time. A small briefing where Germany moves from leaning to support on one
question (listed newest first in its file: the site sorts), built once with `mkdocs build --strict`
and read as a reader gets it: every page that shows a stance, the changes page, the feed, the export."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from xml.etree import ElementTree

import jsonschema
import pytest

from conftest import MKDOCS_YML, REPO, briefing, html, mkdocs_build, new_project

GERMANY = """\
name: Germany
kind: state
aliases: [Berlin]
positions:
  - topic: peace
    stance: supports
    summary: Backs the talks without reservation.
    as_of: "2023-07-11"
    confidence: high
    sources:
      - article: a2
        quote: "Germany now backs the talks"
  - topic: peace
    stance: leans-supports
    summary: Cautious about the timing.
    as_of: "2023-06"
    confidence: moderate
    sources:
      - article: a1
        quote: "Germany is cautious about the talks"
  - topic: aid
    stance: opposes
    as_of: "2023"
    sources:
      - article: a1
        quote: "an official in Berlin"
"""

FILES = {
    "mkdocs.yml": MKDOCS_YML + "site_url: https://example.org/brief/\n",
    "seeds/articles/a1.txt": "Germany is cautious about the talks, said an official in Berlin.\nFrance wants talks now.\n",
    "seeds/articles/a1.yaml": 'date: "2023-06"\ntitle: June article\n',
    "seeds/articles/a2.txt": "Something else first.\nGermany now backs the talks without reservation.\nFrance agrees.\n",
    "seeds/articles/a2.yaml": 'date: "2023-07-11"\ntitle: July article\n',
    "seeds/actors/germany.yaml": GERMANY,
    "seeds/actors/france.yaml": (
        'name: France\nkind: state\npositions:\n  - topic: peace\n    stance: supports\n    as_of: "2023-06"\n'
        '    sources:\n      - article: a1\n        quote: "France wants talks now."\n'
    ),
    "seeds/topics/peace.yaml": "title: Peace talks\nquestion: Should talks start now?\n",
    "seeds/topics/aid.yaml": "title: More aid\nquestion: Should aid grow?\n",
}


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    root = new_project(tmp_path_factory.mktemp("moved") / "project", FILES)
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    return root / "site"


def body(page_html: str) -> str:
    """The page's article text, tags removed, entities read: what a reader sees, in order."""
    inner = page_html.split('<article class="md-content__inner md-typeset"', 1)[1].split(">", 1)[1].split("</article>", 1)[0]
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", inner)))


def section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_home_bottom_line_shows_the_current_stance_and_links_what_changed(moved):
    page = html(moved, "")
    bottom = body(page).split("Bottom line", 1)[1]
    peace = section(bottom, "Peace talks", "Latest")
    assert "Supports: France , Germany" in peace
    assert "Leans supports" not in section(peace, "Should talks start now?", "Latest stance shifts")
    assert "11 July 2023 — Germany → Peace talks : Leans supports → Supports" in body(page)
    assert '<a href="changes/">What changed</a>' in page


def test_topic_page_stands_by_the_current_stance_and_shows_the_trajectory_with_evidence(moved):
    page = html(moved, "topics/peace")
    text = body(page)
    stand = section(text, "Where the actors stand", "Actor Stance")
    assert stand.strip() == "Supports: France , Germany"
    assert "Germany Supports (was leans supports) Backs the talks without reservation. 11 July 2023 high" in text
    evidence = text.split("Germany: supports", 1)[1]
    assert evidence.startswith(" Leans supports (June 2023) → Supports (11 July 2023)")
    # Each step with its evidence, the current one first, each quote linked to its paragraph.
    assert evidence.index("Supports · confidence: high · as of 11 July 2023") < evidence.index("Germany now backs the talks")
    assert evidence.index("Germany now backs the talks") < evidence.index("Leans supports · confidence: moderate · as of June 2023")
    assert evidence.index("Leans supports · confidence: moderate") < evidence.index("Germany is cautious about the talks")
    assert 'href="../../articles/a2/#p2"' in page and 'href="../../articles/a1/#p1"' in page
    # France never moved: its evidence is shown as before, without a trajectory.
    france = section(text, "France: supports", "Germany: supports")
    assert "→" not in france and "France wants talks now." in france


def test_actor_page_shows_each_series_as_a_dated_trajectory(moved):
    text = body(html(moved, "actors/germany"))
    positions = section(text, "Positions", "Mentioned in")
    assert positions.count("Peace talks") == 1  # one series, not one heading per position
    assert "Leans supports (June 2023) → Supports (11 July 2023)" in positions
    assert positions.index("as of 11 July 2023") < positions.index("as of June 2023")
    more_aid = section(positions, "More aid", "Peace talks")
    assert "Opposes" in more_aid and "as of 2023" in more_aid and "→" not in more_aid


def test_stance_matrix_shows_the_current_stance_and_marks_the_move(moved):
    page = html(moved, "topics")
    cell = re.search(r'<td class="briefing-cell--([a-z-]+)"><a href="peace/#position-germany"[^>]*>([^<]+)</a>(.*?)</td>', page)
    assert cell, page
    assert cell.group(1) == "supports" and cell.group(2) == "Supports"
    assert cell.group(3) == '<br><small class="briefing-moved" title="was leans supports">moved 11 July 2023</small>'
    france = re.search(r'<a href="peace/#position-france"[^>]*>Supports</a></td>', page)
    assert france, "a stance that never moved carries no mark"
    assert "1 position recorded" not in body(page).split("Peace talks", 2)[2].split("More aid")[0]
    assert "2 positions recorded" in body(page)


def test_book_digest_shows_the_current_stance(moved):
    text = body(html(moved, "book"))
    digest = section(text, "Actors", "Articles")
    assert "Peace talks : Supports (since 11 July 2023; was leans supports) — Backs the talks without reservation." in digest
    assert digest.count("Peace talks") == 2  # Germany's and France's, one line each


def test_changes_page_lists_shifts_and_first_positions_newest_first_by_month(moved):
    page = html(moved, "changes")
    text = body(page)
    assert "1 stance shift and 3 first positions" in text
    months = re.findall(r'<h2 id="([^"]+)"', page)
    assert months == ["july-2023", "june-2023", "2023"]
    july, june, year = (body('<article class="md-content__inner md-typeset">' + part) for part in page.split("<h2")[1:])
    assert "Germany → Peace talks · 11 July 2023 · Leans supports → Supports" in july
    assert "“Germany now backs the talks” — July article, ¶2" in july
    assert "France → Peace talks · June 2023 · first position: Supports" in june
    assert "Germany → Peace talks · June 2023 · first position: Leans supports" in june
    assert "Germany → More aid · 2023 · first position: Opposes" in year
    assert '<p class="briefing-stance--supports" id="germany--peace--2023-07-11">' in page
    assert 'href="../articles/a2/#p2"' in page
    # In the nav of every page.
    assert re.search(r'<a href="changes/" class="md-nav__link">\s*<span class="md-ellipsis">\s*What changed', html(moved, ""))


def test_feed_has_an_entry_per_shift_with_a_stable_id_dated_by_as_of(moved):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(moved / "feed.xml").getroot()
    entries = [(e.find("a:id", ns).text, e.find("a:updated", ns).text, e.find("a:title", ns).text) for e in feed.findall("a:entry", ns)]
    assert entries == [
        ("tag:example.org,2000:brief/articles/a2", "2023-07-11T00:00:00Z", "July article"),
        ("tag:example.org,2000:brief/changes/germany/peace/2023-07-11", "2023-07-11T00:00:00Z", "Germany on Peace talks: leans supports → supports"),
        ("tag:example.org,2000:brief/articles/a1", "2023-06-01T00:00:00Z", "June article"),
    ]
    shift = feed.findall("a:entry", ns)[1]
    assert shift.find("a:link[@rel='alternate']", ns).get("href") == "https://example.org/brief/changes/#germany--peace--2023-07-11"
    assert feed.find("a:updated", ns).text == "2023-07-11T00:00:00Z"


def test_export_keeps_every_position_of_the_series_with_its_date(moved):
    schema = json.loads((REPO / "generator" / "schema" / "api.schema.json").read_text(encoding="utf-8"))
    actors = json.loads((moved / "api" / "actors.json").read_text(encoding="utf-8"))
    topics = json.loads((moved / "api" / "topics.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(actors)
    jsonschema.Draft202012Validator(schema).validate(topics)
    germany = next(a for a in actors["actors"] if a["id"] == "germany")
    assert [(p["topic"], p["stance"], p["as_of"], p["current"]) for p in germany["positions"]] == [
        ("peace", "leans-supports", "2023-06", False),
        ("peace", "supports", "2023-07-11", True),
        ("aid", "opposes", "2023", True),
    ]
    peace = next(t for t in topics["topics"] if t["id"] == "peace")
    assert [(p["actor"], p["as_of"], p["current"]) for p in peace["positions"]] == [
        ("france", "2023-06", True), ("germany", "2023-06", False), ("germany", "2023-07-11", True),
    ]


# ---- the checks ------------------------------------------------------------------------------


def project_with(make_project, germany: str):
    return make_project({**{k: v for k, v in FILES.items() if k != "mkdocs.yml"}, "seeds/actors/germany.yaml": germany})


@pytest.mark.parametrize("where, germany, message", [
    ("seeds/actors/germany.yaml:16:12", GERMANY.replace('as_of: "2023-06"', 'as_of: "2023-07-11"'),
     "'as_of' 2023-07-11 is given twice for topic 'peace' (first on line 8): each position in a series needs a date of its own"),
    ("seeds/actors/germany.yaml:13:5", GERMANY.replace('    as_of: "2023-06"\n', ""),
     "position on 'peace' has no 'as_of': Germany has 2 positions on this topic, a series ordered by date, so each needs its 'as_of'"),
], ids=["same-as-of-twice", "missing-as-of-in-series"])
def test_series_errors_are_located(make_project, where, germany, message):
    project = project_with(make_project, germany)
    for result in (briefing("check", cwd=project), mkdocs_build(project)):
        assert result.code == 1, result.output
        assert "Traceback" not in result.output
        errors = [line for line in result.output.splitlines() if ": error: " in line]
        assert errors == [f"{where}: error: {message}"], result.output


def test_a_single_position_needs_no_as_of_and_order_in_the_file_does_not_matter(make_project):
    single = 'name: Germany\nkind: state\naliases: [Berlin]\npositions:\n  - topic: peace\n    stance: mixed\n'
    assert briefing("check", cwd=project_with(make_project, single)).code == 0
    # FILES lists Germany's July position before its June one: clean, and July is current (above).
    check = briefing("check", cwd=project_with(make_project, GERMANY))
    assert check.code == 0 and ": error: " not in check.output, check.output


def test_check_stale_warns_about_a_current_stance_older_than_the_news(make_project):
    project = project_with(make_project, GERMANY)
    # France's stance is as of June 2023 (read as its last day); a2 mentions France on 11 July 2023.
    result = briefing("check", "--stale", "10", cwd=project)
    assert result.code == 0, result.output
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert warnings == [
        "seeds/actors/france.yaml:6:12: warning: France's current stance on 'peace' is as of June 2023, 11 days before the "
        "newest article that mentions France ('a2', 11 July 2023): check that it still holds, or add a newer position",
        # Germany's current stance on aid is as of 2023 (its last day is after the article): not certainly stale.
    ]
    assert [line for line in briefing("check", "--stale", "11", cwd=project).stdout.splitlines() if ": warning: " in line] == []
    assert "warning" not in briefing("check", cwd=project).output.replace("0 warnings", "")
    assert briefing("check", "--stale", "soon", cwd=project).code == 2


def test_own_briefing_where_nobody_moved_shows_no_trajectory(site):
    for topic in ("negotiation-timing", "china-role"):
        assert "briefing-trajectory" not in html(site, f"topics/{topic}")
    assert "briefing-moved" not in html(site, "topics")
    changes = body(html(site, "changes"))
    assert "0 stance shifts and" in changes and "April 2023" in changes
    assert "Latest stance shifts" not in body(html(site, ""))
