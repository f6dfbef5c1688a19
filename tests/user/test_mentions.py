"""Mention matching: one pass, whole words, case-sensitive, longest first, never inside code or links."""

from __future__ import annotations

import re

from conftest import html, mkdocs_build

from generator.core.mentions import MentionMatcher
from generator.model import Actor, Located
from generator.problems import Location

HERE = Location("test.yaml")


def actor(actor_id: str, name: str, *aliases: str) -> Actor:
    return Actor(actor_id, f"seeds/actors/{actor_id}.yaml", name, "state", aliases=[Located(a, HERE) for a in aliases])


MATCHER = MentionMatcher({
    "estonia": actor("estonia", "Estonia"),
    "russia": actor("russia", "Russia", "Moscow", "Kremlin"),
    "united-states": actor("united-states", "United States", "U.S.", "Washington"),
    "macron": actor("macron", "Emmanuel Macron", "Macron"),
    "washington-post": actor("washington-post", "Washington Post"),
    "sao-paulo": actor("sao-paulo", "São Paulo"),
})


def found(text: str) -> list[tuple[str, str]]:
    return [(m.actor_id, text[m.start:m.end]) for m in MATCHER.find(text)]


def test_whole_words_only_and_case_sensitive():
    assert found("Estonian troops and estonia and ESTONIA") == []
    assert found("Estonia, Estonia.") == [("estonia", "Estonia"), ("estonia", "Estonia")]
    assert found("Moscowite") == []


def test_longest_match_first():
    assert found("Emmanuel Macron met Macron") == [("macron", "Emmanuel Macron"), ("macron", "Macron")]
    assert found("the Washington Post reported from Washington") == [
        ("washington-post", "Washington Post"), ("united-states", "Washington"),
    ]


def test_possessive_stays_outside_and_punctuated_aliases_match():
    assert found("Russia's army and the U.S.-led effort, the U.S.") == [
        ("russia", "Russia"), ("united-states", "U.S."), ("united-states", "U.S."),
    ]
    assert found("Russia’s view") == [("russia", "Russia")]


def test_non_ascii_names():
    assert found("Flights from São Paulo resumed.") == [("sao-paulo", "São Paulo")]


def test_protected_spans_are_skipped():
    text = "Moscow and `Moscow` and Kremlin"
    assert [(m.actor_id, m.start) for m in MATCHER.find(text, [(11, 19)])] == [("russia", 0), ("russia", 24)]


def test_thousands_of_actors_in_one_automaton():
    actors = {f"a{i}": actor(f"a{i}", f"Name{i} Surname{i}", f"Surname{i}") for i in range(5000)}
    matcher = MentionMatcher(actors)
    text = "Surname4999 met Name17 Surname17 and Surname42's aide."
    assert [(m.actor_id, text[m.start:m.end]) for m in matcher.find(text)] == [
        ("a4999", "Surname4999"), ("a17", "Name17 Surname17"), ("a42", "Surname42"),
    ]


def test_mentions_on_actor_page_with_sentence_and_paragraph_link(make_project):
    root = make_project({
        "seeds/actors/estonia.yaml": "name: Estonia\nkind: state\naliases: [Tallinn]\n",
        "seeds/articles/a1.txt": (
            "Estonia said no. Tallinn later said yes. The Estonian view is clear.\n"
            "Nothing here.\n"
            "Ministers in Tallinn met.\n"
        ),
    })
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    page = html(root / "site", "articles/a1")
    first = page.split('id="p1"')[1].split("</p>")[0]
    assert first.count("<a ") == 1  # Tallinn after Estonia in the same paragraph stays text
    assert "Tallinn later" in first
    assert '<a href="../../actors/estonia/">Tallinn</a>' in page.split('id="p3"')[1].split("</p>")[0]
    actor_page = re.sub(r"</?strong>", "", html(root / "site", "actors/estonia"))
    assert "Estonia said no." in actor_page
    assert "Tallinn later said yes." in actor_page  # a later mention still counts on the actor page
    assert "Ministers in Tallinn met." in actor_page
    assert 'href="../../articles/a1/#p3"' in actor_page
    assert "Estonian view" not in actor_page
