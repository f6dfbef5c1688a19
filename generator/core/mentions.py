"""Find every actor mention in a text in one pass, whatever the number of actors.

All names and aliases go into one Aho-Corasick automaton (pyahocorasick): scanning a paragraph costs
its length plus the matches, not one regular expression per actor. Matches are then filtered to
whole words, case-sensitive, and overlapping matches resolved leftmost-longest, so "Emmanuel Macron"
wins over "Macron", `Estonian` is not `Estonia`, and in `Russia's` the `'s` is not part of the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import ahocorasick

from ..model import Actor, Corpus
from .sentences import sentence_at, sentence_spans


@dataclass(frozen=True)
class Mention:
    actor_id: str
    start: int
    end: int


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class MentionMatcher:
    def __init__(self, actors: dict[str, Actor]):
        self.automaton = ahocorasick.Automaton()
        # The first actor (by id) to claim a surface form keeps it; `briefing check` warns about the rest.
        for actor_id in sorted(actors):
            for surface in actors[actor_id].surface_forms:
                if surface.strip() and surface not in self.automaton:
                    self.automaton.add_word(surface, (len(surface), actor_id))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str, protected: list[tuple[int, int]] = ()) -> list[Mention]:
        """Non-overlapping whole-word mentions in `text`, outside the `protected` spans."""
        if self.empty:
            return []
        candidates = []
        for end_index, (length, actor_id) in self.automaton.iter(text):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
                continue
            if end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
                continue
            if any(a < end and start < b for a, b in protected):
                continue
            candidates.append((start, -length, actor_id))
        candidates.sort()
        mentions: list[Mention] = []
        taken_until = 0
        for start, negative_length, actor_id in candidates:
            if start >= taken_until:
                mentions.append(Mention(actor_id, start, start - negative_length))
                taken_until = start - negative_length
        return mentions


# Inline Markdown where a mention must not be linked: code spans, links, images, autolinks, raw HTML.
_PROTECTED_MARKDOWN = re.compile(r"`+[^`]*`+|!?\[[^\]]*\]\([^)]*\)|!?\[[^\]]*\]\[[^\]]*\]|<[^>\n]*>")


def protected_spans(markdown: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED_MARKDOWN.finditer(markdown)]


@dataclass(frozen=True)
class MentionRef:
    """One mention of an actor, as its page lists it."""

    article_id: str
    paragraph: int
    sentence: str
    surface: str  # the words as written: "Beijing", "U.S."


@dataclass
class MentionIndex:
    # article id -> one list of mentions per paragraph (in paragraph order)
    by_article: dict[str, list[list[Mention]]] = field(default_factory=dict)
    # actor id -> mentions in article order, paragraph order, text order
    by_actor: dict[str, list[MentionRef]] = field(default_factory=dict)

    def count(self, actor_id: str) -> int:
        return len(self.by_actor.get(actor_id, ()))

    def actors_in(self, article_id: str) -> list[str]:
        """Actors an article mentions, most-mentioned first, then by id."""
        counts: dict[str, int] = {}
        for paragraph in self.by_article.get(article_id, ()):
            for mention in paragraph:
                counts[mention.actor_id] = counts.get(mention.actor_id, 0) + 1
        return sorted(counts, key=lambda a: (-counts[a], a))


def index_mentions(corpus: Corpus, matcher: MentionMatcher | None = None) -> MentionIndex:
    matcher = matcher or MentionMatcher(corpus.actors)
    index = MentionIndex()
    for article_id in sorted(corpus.articles):
        per_paragraph = []
        for paragraph in corpus.articles[article_id].paragraphs:
            if paragraph.heading:
                per_paragraph.append([])
                continue
            protected = protected_spans(paragraph.text) if paragraph.markdown else []
            mentions = matcher.find(paragraph.text, protected)
            per_paragraph.append(mentions)
            spans = sentence_spans(paragraph.text) if mentions else []
            for mention in mentions:
                ref = MentionRef(
                    article_id, paragraph.number, sentence_at(paragraph.text, mention.start, spans),
                    paragraph.text[mention.start : mention.end],
                )
                index.by_actor.setdefault(mention.actor_id, []).append(ref)
        index.by_article[article_id] = per_paragraph
    return index
