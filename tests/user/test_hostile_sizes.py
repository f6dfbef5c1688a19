"""Every input bounded by its size, not a product of sizes (issue #21, findings 3-7).

Each hostile fixture is made here, big enough that the old code was visibly slower on it (seconds),
small enough to build fast. Nothing here is timed: the tests check what the reader and the editor
get (the paragraph a quote links to, the mentions, the warnings, the located error and exit code).
scripts/bench/hostile_sizes.py has the times, against benign inputs of the same size.
"""

from __future__ import annotations

import json

import random
import re
from bisect import bisect_left

import pytest
from conftest import MKDOCS_YML, REPO, briefing, html, mkdocs_build, new_project

from generator.core import validate
from generator.core.mentions import NAME_LIMIT, Mention, MentionMatcher, protected_spans
from generator.core.quotes import FoldedParagraphs, fold
from generator.load.project import load_project
from generator.model import Actor, Located
from generator.problems import Location

HERE = Location("test.yaml")
ACTOR = "kind: person\nsummary: Someone.\n"
FILLER = ("The delegations met again on Tuesday and agreed to continue the discussion next week, "
          "while officials on both sides declined to comment on the details of the proposals.")


# ---- references: the code before the bounds, kept to compare with ------------------------------


def reference_quote_paragraph(paragraphs: list[str], quote: str) -> int | None:
    """Site.quote_paragraph before: every paragraph folded again, for each quote."""
    folded = fold(quote)
    return next((index for index, text in enumerate(paragraphs) if folded in fold(text)), None)


def reference_find(matcher: MentionMatcher, text: str, protected: list[tuple[int, int]] = ()) -> list[Mention]:
    """MentionMatcher.find before: every whole-word match kept, sorted, then taken leftmost-longest."""
    if matcher.empty:
        return []
    spans = sorted(protected)
    starts = [a for a, _ in spans]
    reach: list[int] = []
    for _, b in spans:
        reach.append(max(b, reach[-1]) if reach else b)
    candidates = []
    for end_index, (length, actor_id, word_first, word_last) in matcher.automaton.iter(text):
        start, end = end_index - length + 1, end_index + 1
        if word_first and start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        if word_last and end < len(text) and (text[end].isalnum() or text[end] == "_"):
            continue
        before = bisect_left(starts, end)
        if before and reach[before - 1] > start:
            continue
        candidates.append((start, -length, actor_id))
    mentions, taken_until = [], 0
    for start, negative_length, actor_id in sorted(candidates):
        if start >= taken_until:
            mentions.append(Mention(actor_id, start, start - negative_length))
            taken_until = start - negative_length
    return mentions


REFERENCE_NAME = re.compile(r"\b[A-Z][\w'’.-]*[a-z]\w*(?:\s+(?:(?:of|the|de|von|van|al|bin)\s+|(?:al|el|ad|as|ash|at|bin|ibn)-)?[A-Z][\w'’.-]*[a-z]\w*)+")


def names(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(0)) for m in validate._NAME.finditer(text) if m.start("name") >= 0]


def reference_names(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(0)) for m in REFERENCE_NAME.finditer(text)]


def actor(actor_id: str, name: str, *aliases: str) -> Actor:
    return Actor(actor_id, f"seeds/actors/{actor_id}.yaml", name, "person", aliases=[Located(a, HERE) for a in aliases])


# ---- finding 3: a quote's paragraph ---------------------------------------------------------


def test_folded_paragraphs_find_the_same_paragraph_as_folding_each_one():
    paragraphs = [FILLER] * 50 + ["He said: “the talks   were calm”.", "", "Second\nline of ‘it’", "the talks were calm again"]
    index = FoldedParagraphs(paragraphs)
    quotes = ['the talks were calm', '"the talks were calm"', "line of 'it'", "Second line", "  talks\twere ", "x" * 3,
              "calm”. Second", "", " ", FILLER[:40], "declined to comment on the details of the proposals. The"]
    for quote in quotes:
        assert index.paragraph_of(quote) == reference_quote_paragraph(paragraphs, quote), quote
    assert index.paragraph_of("calm”. Second") is None  # joins two paragraphs: verified by check, linked to no paragraph
    assert FoldedParagraphs([]).paragraph_of("anything") is None


QUOTED = 200
SERIES = 600


@pytest.fixture(scope="module")
def quoted_site(tmp_path_factory):
    """200 quotes after 1,500 paragraphs of text (1,000 quotes after 1 MB took 57 s to build), and a
    stance series of 600 positions quoting one paragraph of 600 sentences (4,000: 37 s)."""
    quoted = [f"Statement number {i} says the talks were calm." for i in range(QUOTED)]
    sentences = [f"On day {i} the minister said the talks were calm." for i in range(SERIES)]
    # Quotes as an editor copies them: curly marks and line breaks where the text has neither.
    sources = "".join(f'      - article: long\n        quote: "{q.replace("the talks", "the  talks")}"\n' for q in quoted)
    series = "".join(
        f"  - topic: talks\n    stance: {'supports' if i % 2 else 'opposes'}\n    as_of: \"{2000 + i // 336}-{i // 28 % 12 + 1:02d}-{i % 28 + 1:02d}\"\n"
        f"    sources:\n      - article: day\n        quote: \"{s}\"\n"
        for i, s in enumerate(sentences)
    )
    files = {
        "seeds/articles/long.txt": "\n".join(["Ana Quill spoke and Ben Rook listened."] + [FILLER] * 1_500 + quoted) + "\n",
        "seeds/articles/long.yaml": 'date: "2024-01-02"\ntitle: Long\n',
        "seeds/articles/day.txt": "Ben Rook spoke.\n" + " ".join(sentences) + "\nAna Quill listened.\n",
        "seeds/articles/day.yaml": 'date: "2024-01-03"\ntitle: Day\n',
        "seeds/actors/ana-quill.yaml": "name: Ana Quill\n" + ACTOR + "positions:\n  - topic: talks\n    stance: supports\n    sources:\n" + sources,
        "seeds/actors/ben-rook.yaml": "name: Ben Rook\n" + ACTOR + "positions:\n" + series,
        "seeds/topics/talks.yaml": "title: Talks\nquestion: Will there be talks?\n",
    }
    root = new_project(tmp_path_factory.mktemp("quoted") / "project", files)
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    return root


def test_each_quote_links_to_its_own_paragraph(quoted_site):
    corpus = load_project(quoted_site).corpus
    page = html(quoted_site / "site", "actors/ana-quill/")
    long = corpus.articles["long"]
    texts = [p.text for p in long.paragraphs]
    for i in (0, 1, QUOTED // 2, QUOTED - 1):
        quote = f"Statement number {i} says the  talks were calm."
        index = reference_quote_paragraph(texts, quote)
        number = long.paragraphs[index].number
        assert number == 1 + 1_500 + i + 1  # the first line, the filler, then the quotes in order
        assert f'href="../../articles/long/#p{number}"' in page
        assert f"Long, ¶{number}<" in page


def test_a_stance_series_on_one_paragraph_links_each_position_to_it(quoted_site):
    page = html(quoted_site / "site", "actors/ben-rook/")
    assert page.count('<a href="../../articles/day/#p2">Day, ¶2</a>') == SERIES  # every position's quote is in ¶2
    assert "Day, ¶1<" not in page and "Day, ¶3<" not in page


# ---- finding 4: mentions among nested aliases ----------------------------------------------


NESTED = [" ".join(["Q"] * k) for k in range(1, NAME_LIMIT // 2 + 1)]  # Q, Q Q, ... : 100 aliases, the longest 199 characters


def test_nested_aliases_give_the_longest_mentions_without_keeping_every_overlap():
    matcher = MentionMatcher({"q": actor("q", "Quentin", *NESTED)})
    text = " ".join(["Q"] * 5_000)  # the old code kept 500,000 overlapping matches of this paragraph
    found = matcher.find(text)
    assert found == reference_find(matcher, text)
    assert len(found) == 50 and {m.end - m.start for m in found} == {len(NESTED[-1])}
    tail = text + " Quentin Q Q"
    assert matcher.find(tail)[-2:] == [Mention("q", len(text) + 1, len(text) + 8), Mention("q", len(text) + 9, len(tail))]


def test_mentions_equal_the_reference_on_this_repository_and_on_random_texts():
    corpus = load_project(REPO).corpus
    matcher = MentionMatcher(corpus.actors)
    for article in corpus.articles.values():
        for paragraph in article.paragraphs:
            protected = protected_spans(paragraph.text)
            assert matcher.find(paragraph.text, protected) == reference_find(matcher, paragraph.text, protected)
    rng = random.Random(21)
    pieces = ["a", "b", "A", "B", " ", " ", "-", ".", "'", "_", "é", "1", "’s", "Ab", "a b"]
    for _ in range(300):
        surfaces = {"".join(rng.choice(pieces[:9]) for _ in range(rng.randint(1, 5))).strip() for _ in range(rng.randint(1, 8))}
        matcher = MentionMatcher({f"x{i}": actor(f"x{i}", s) for i, s in enumerate(sorted(surfaces - {""}))})
        for _ in range(20):
            text = "".join(rng.choice(pieces + sorted(surfaces)) for _ in range(rng.randint(0, 40)))
            protected = [(a, a + rng.randint(1, 6)) for a in (rng.randint(0, len(text)) for _ in range(rng.randint(0, 3)))]
            assert matcher.find(text, protected) == reference_find(matcher, text, protected), (surfaces, text, protected)


# ---- finding 5: the unprofiled-name scan --------------------------------------------------------


def test_name_scan_finds_what_the_plain_pattern_finds():
    rng = random.Random(5)
    pieces = ["A", "B", "a", "b", " ", "  ", "-", ".", "'", "’", "1", "_", "\n", "of ", "the ", "É", "é", ",", "Ab", "Cd ", "al "]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert names(text) == reference_names(text), text
    text = (REPO / "seeds" / "articles" / "000_9dd4ae56c3f1a1a7.txt").read_text(encoding="utf-8")
    assert names(text) == reference_names(text) and len(names(text)) > 20


def test_check_reports_recurring_names_next_to_one_long_capitalised_word(make_project):
    # 20,000 letters took the old scan about 7 s (32,000: 17 s), and `A-A-A-...` as long about as much.
    text = ("Oksana Markarova spoke.\n" + "A" + "a" * 20_000 + "\n" + "A-" * 10_000 + "\n" + "The " * 3_000
            + "Lena Hartmann Agreed\nOksana Markarova agreed.\n")
    root = make_project({"seeds/articles/a.txt": text, "seeds/articles/a.yaml": 'date: "2024-01-02"\n'})
    result = briefing("check", cwd=root)
    assert result.code == 0, result.output
    assert "seeds/articles/a.txt:1: warning: 'Oksana Markarova' appears 2 times but matches no actor profile" in result.output
    assert result.output.count(": warning: ") == 1, result.output


# ---- findings 6 and 7: the length of names and aliases ------------------------------------------


def test_an_overlong_alias_is_a_located_error_not_a_crash(make_project):
    alias = "A" * 700_000  # crashed `check` and `build` with exit 139
    root = make_project({
        "seeds/actors/ana.yaml": "name: Ana Quill\n" + ACTOR + f'aliases:\n  - Quill\n  - "{alias}"\n',
        "seeds/articles/a.txt": "Ana Quill spoke.\n",
        "seeds/articles/a.yaml": 'date: "2024-01-02"\n',
    })
    result = briefing("check", cwd=root)
    assert result.code == 1, result.output
    error = "seeds/actors/ana.yaml:6:5: error: item 2 of 'aliases' is 700,000 characters long: at most 200 are allowed"
    assert error in result.output
    assert result.output.count(": error: ") == 1 and len(result.output) < 2_000
    built = mkdocs_build(root)
    assert built.code == 1, built.output
    assert error in built.output and "Traceback" not in built.output


def test_names_of_200_characters_are_allowed_and_201_are_not(make_project):
    name, alias = "Ana " + "Q" * 196, "Q" * 201
    root = make_project({
        "seeds/actors/ana.yaml": f"name: {name}\n" + ACTOR + f"aliases:\n  - {alias}\n",
        "seeds/articles/a.txt": f"{name} spoke.\n",
        "seeds/articles/a.yaml": 'date: "2024-01-02"\n',
    })
    result = briefing("check", cwd=root)
    assert result.code == 1
    assert [line for line in result.output.splitlines() if ": error: " in line] == [
        "seeds/actors/ana.yaml:5:5: error: item 1 of 'aliases' is 201 characters long: at most 200 are allowed "
        "(the longest official names have under 100); write it as the articles do"
    ]


def test_a_long_name_in_many_articles_is_refused_so_the_site_stays_linear(make_project):
    # A 200 KB name in 200 one-line articles made a 61 MB site: each page listing the actor printed it.
    files = {f"seeds/articles/a{i}.txt": "Ana spoke.\n" for i in range(20)}
    files |= {f"seeds/articles/a{i}.yaml": 'date: "2024-01-02"\n' for i in range(20)}
    root = make_project(files | {"seeds/actors/ana.yaml": f"name: Ana {'Q' * 200_000}\n" + ACTOR + "aliases: [Ana]\n"})
    built = mkdocs_build(root)
    assert built.code == 1
    assert "seeds/actors/ana.yaml:1:7: error: 'name' is 200,004 characters long: at most 200 are allowed" in built.output
    assert not list((root / "site").rglob("a0/index.html"))


def test_titles_are_bounded_so_a_title_listed_everywhere_stays_small(make_project):
    """A title is printed wherever its page is listed (every actor page an article mentions, the
    matrix, the timeline): a topic or event title, or a sidecar's, over 300 characters is a located
    error; one read from a page's tags is cut to 300 at a word, an ellipsis marking the cut."""
    page = ("<html><head><title>x</title><meta property='og:title' content='" + "Long headline " * 400 + "'></head>"
            "<body><article><p>Ana Quill met the board on Monday and said the talks were calm and useful.</p>"
            "<p>She said a second meeting would follow in the spring, once the budget is agreed.</p></article></body></html>")
    root = make_project({
        "seeds/topics/t.yaml": f"title: {'T' * 301}\nquestion: Why?\n",
        "seeds/events/e.yaml": f'date: "2024-01-02"\ntitle: {"E" * 301}\n',
        "seeds/articles/page.html": page,
        "seeds/articles/page.yaml": 'date: "2024-01-02"\n',
    })
    result = briefing("check", cwd=root)
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == [
        "seeds/events/e.yaml:2:8: error: 'title' is 301 characters long: at most 300 are allowed (a title is shown wherever its page is listed); put the rest in 'summary'",
        "seeds/topics/t.yaml:1:8: error: 'title' is 301 characters long: at most 300 are allowed (a title is shown wherever its page is listed); put the rest in 'summary'",
    ], result.output
    (root / "seeds/topics/t.yaml").unlink()
    (root / "seeds/events/e.yaml").unlink()
    out = root.parent / "out"
    assert briefing("generate", str(root), "--out", str(out), cwd=root.parent).code == 0
    title = json.loads((out / "api" / "articles.json").read_text())["articles"][0]["title"]
    assert len(title) <= 300 and title.endswith("…") and title.startswith("Long headline Long headline")
