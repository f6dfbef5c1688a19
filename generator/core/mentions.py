"""Find every actor mention in a text in one pass, whatever the number of actors.

All names and aliases go into one Aho-Corasick automaton (pyahocorasick): scanning a paragraph costs
its length plus the matches, not one regular expression per actor. Matches are then filtered to
whole words, case-sensitive, and overlapping matches resolved leftmost-longest, so "Emmanuel Macron"
wins over "Macron", `Estonian` is not `Estonia`, and in `Russia's` the `'s` is not part of the name.

Names and aliases are at most NAME_LIMIT characters (`briefing check` reports longer ones, and the
matcher leaves them out): the automaton is a trie as deep as the longest name, freed recursively,
and a 700,000-character alias crashed the process (exit 139, issue #21). The limit also bounds the
matches at one place in the text, and the matches kept while overlaps are resolved.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from heapq import heappop, heappush
from typing import NamedTuple

import ahocorasick

from .. import fast
from ..model import Actor, Article, Corpus, Paragraph
from .sentences import sentence_spans


# Mention and MentionRef are NamedTuples, not frozen dataclasses: a briefing has hundreds of
# thousands of mentions, and a frozen dataclass costs several times as much to create.
class Mention(NamedTuple):
    actor_id: str
    start: int
    end: int


# The most characters a name or alias may have. The longest official names have under 100 ("Office
# of the Special Adviser to the Secretary-General on the Prevention of Genocide" has 84); 200 leaves
# room for a title written before a name, and keeps small the automaton's depth, the matches that
# end at one place in a text, and every copy of a name on the pages (README, Security).
NAME_LIMIT = 200


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def surface_owners(actors: dict[str, Actor]) -> tuple[tuple[str, str], ...]:
    """(surface form, actor id) pairs a matcher looks for: the first actor (by id) to claim a surface
    form keeps it; `briefing check` warns about the rest. Equal pairs, equal mentions. A form longer
    than NAME_LIMIT is left out (`briefing check` reports it as an error)."""
    owners: dict[str, str] = {}
    for actor_id in sorted(actors):
        for surface in actors[actor_id].surface_forms:
            if surface.strip() and len(surface) <= NAME_LIMIT and surface not in owners:
                owners[surface] = actor_id
    return tuple(owners.items())


class MentionMatcher:
    def __init__(self, actors: dict[str, Actor]):
        self.automaton = ahocorasick.Automaton()
        self.signature = surface_owners(actors)
        for surface, actor_id in self.signature:
            # No surface is longer than NAME_LIMIT here: surface_owners leaves those out.
            # Whether the name starts / ends with a word character: only then can the
            # text around it make the match part of a longer word.
            self.automaton.add_word(surface, (len(surface), actor_id, _is_word_char(surface[0]), _is_word_char(surface[-1])))
        self.longest = max((len(surface) for surface, _ in self.signature), default=0)
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str, protected: list[tuple[int, int]] = ()) -> list[Mention]:
        """Non-overlapping whole-word mentions in `text`, outside the `protected` spans: of the
        matches, the leftmost, and at one start the longest, then the same again after its end."""
        if self.empty:
            return []
        # Protected spans sorted by start, with the furthest end reached so far: a match overlaps one
        # iff the spans starting before its end reach past its start. A binary search per match keeps
        # a long .md paragraph with many code spans linear, not matches x spans (tests/user/test_bounded.py).
        spans = sorted(protected)
        starts = [a for a, _ in spans]
        reach = []
        for _, b in spans:
            reach.append(max(b, reach[-1]) if reach else b)
        # Overlaps are resolved as the matches come (by where they end), keeping only the longest
        # match at each start not yet decided: a start is decided once the scan is `longest`
        # characters past it, when no match beginning there can still come. Keeping every match and
        # sorting them held words x nested aliases of them (`Q`, `Q Q`, ...: 2.1 GB, issue #21).
        longest = self.longest
        pending: dict[int, tuple[int, str]] = {}  # start -> (length, actor id) of its longest match so far
        order: list[int] = []  # the pending starts, as a heap
        mentions: list[Mention] = []
        taken_until = 0
        size = len(text)
        for end_index, (length, actor_id, word_first, word_last) in self.automaton.iter(text):
            start = end_index - length + 1
            if start < taken_until:
                continue
            if word_first and start > 0:
                char = text[start - 1]
                if char.isalnum() or char == "_":
                    continue
            if word_last and end_index + 1 < size:
                char = text[end_index + 1]
                if char.isalnum() or char == "_":
                    continue
            if starts:
                before = bisect_left(starts, end_index + 1)
                if before and reach[before - 1] > start:
                    continue
            while order and order[0] + longest <= end_index:  # no match starting there can come now
                decided = heappop(order)
                found_length, found_actor = pending.pop(decided)
                if decided >= taken_until:
                    mentions.append(Mention(found_actor, decided, decided + found_length))
                    taken_until = decided + found_length
            if start < taken_until:
                continue
            known = pending.get(start)
            if known is None:
                pending[start] = (length, actor_id)
                heappush(order, start)
            elif length > known[0]:
                pending[start] = (length, actor_id)
        while order:
            decided = heappop(order)
            found_length, found_actor = pending.pop(decided)
            if decided >= taken_until:
                mentions.append(Mention(found_actor, decided, decided + found_length))
                taken_until = decided + found_length
        return mentions


# Inline Markdown where a mention must not be linked: code spans, links, images, autolinks, raw HTML.
# Link text and destination allow one level of nested [] / () (`[a [b] c](u)`, `(…/X_(y))`) but
# never scan past an unmatched bracket: the old `\[[^\]]*\]\([^)]*\)` and `<[^>\n]*>` rescanned the
# rest of the paragraph from every `[` or `<`, minutes on a long .md paragraph of them
# (found by tests/user/test_bounded.py); these run in linear time.
_LINK_TEXT = r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]"
_LINK_DESTINATION = r"\((?:[^()]|\([^()]*\))*\)"
_LINK_REFERENCE = r"\[[^\[\]]*\]"
# Any bracketed text is protected, with or without a destination: Python-Markdown also makes links of
# `[text]` shortcut references and of `[text](` with an unclosed destination (found by hypothesis).
_PROTECTED_MARKDOWN = re.compile(
    rf"`+[^`]*`+|!?{_LINK_TEXT}(?:{_LINK_DESTINATION}|{_LINK_REFERENCE}|\([^\s()]*)?|<[^<>\n]*>"
)
_BRACKET = re.compile(r"[\[\]]")


def _bracketed(markdown: str) -> list[tuple[int, int]]:
    """Everything inside brackets, balanced or not: from each outermost `[` to its `]`, or to the end
    when it is never closed. Markdown reads code spans before brackets and pairs an unclosed `[` with
    a later `](` (hypothesis found both), so a name anywhere inside brackets stays unlinked: an
    inserted `[name](page)` there could be swallowed into the author's link."""
    spans = []
    depth = 0
    start = 0
    for match in _BRACKET.finditer(markdown):
        if match.group() == "[":
            if depth == 0:
                start = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, match.end()))
    if depth:
        spans.append((start, len(markdown)))
    return spans


def protected_spans(markdown: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _PROTECTED_MARKDOWN.finditer(markdown)]
    if "[" in markdown:
        spans = sorted(spans + _bracketed(markdown))
    return spans


class MentionRef(NamedTuple):
    """One mention of an actor, as its page and the data export list it (made on demand, one actor at
    a time: see MentionIndex)."""

    article_id: str
    paragraph: int  # the paragraph's number (#p<number>)
    start: int  # the words as written: paragraph text[start:end]
    end: int
    surface: str
    sentence_start: int  # the sentence around them: paragraph text[sentence_start:sentence_end]
    sentence_end: int
    sentence: str


class SentenceRef(NamedTuple):
    """A sentence that mentions an actor: text[sentence_start:sentence_end], the actor's mentions at `spans`."""

    article_id: str
    paragraph: int
    text: str  # the whole paragraph
    sentence_start: int
    sentence_end: int
    spans: list[tuple[int, int]]


def _sentence_around(bounds: array, offset: int) -> tuple[int, int]:
    """The sentence of a paragraph holding `offset`, from its flattened bounds [a0, b0, a1, b1, ...]."""
    at = 2 * max(0, (bisect_right(bounds, offset) - 1) // 2)
    return bounds[at], bounds[at + 1]


@dataclass
class ArticleMentions:
    """What one article contributes to the index; kept per article so a rebuild can reuse it."""

    # one list of mentions per paragraph (in paragraph order)
    paragraphs: list[list[Mention]]
    # per paragraph, the (start, end) of its sentences, stripped, flattened: None when nothing is mentioned
    sentences: list[array | None]
    # actor id -> the indexes of the paragraphs that mention it, in order
    actors: dict[str, list[int]]


class MentionIndex:
    """Every mention, by article; by actor, only which paragraphs mention it.

    A briefing has hundreds of thousands of mentions: one object per mention per view, each with its
    own copy of a sentence, was most of `briefing generate`'s memory (docs/performance.md). The by-actor
    view is a list of (article, paragraph) pairs in two integer arrays; `refs(actor)` makes one actor's
    MentionRefs when its page is written, from the paragraph texts and their sentence bounds.
    """

    def __init__(self, articles: dict[str, Article], per_article: dict[str, ArticleMentions]):
        self._articles = articles
        self._per_article = per_article
        self.by_article: dict[str, list[list[Mention]]] = {a: m.paragraphs for a, m in per_article.items()}
        self._article_ids = list(per_article)
        self._counts: dict[str, int] = {}
        self._postings: dict[str, array] = {}  # actor id -> [article number, paragraph index, ...]
        for number, article_id in enumerate(self._article_ids):
            found = per_article[article_id]
            for actor_id, paragraph_indexes in found.actors.items():
                posting = self._postings.setdefault(actor_id, array("i"))
                for index in paragraph_indexes:
                    posting.append(number)
                    posting.append(index)
            for actor_id, count in self.actor_counts(article_id).items():
                self._counts[actor_id] = self._counts.get(actor_id, 0) + count

    def count(self, actor_id: str) -> int:
        return self._counts.get(actor_id, 0)

    def actor_counts(self, article_id: str) -> dict[str, int]:
        """Actor id -> its mentions in the article, most-mentioned first, then by id."""
        counts: dict[str, int] = {}
        for paragraph in self.by_article.get(article_id, ()):
            for mention in paragraph:
                counts[mention.actor_id] = counts.get(mention.actor_id, 0) + 1
        return {a: counts[a] for a in sorted(counts, key=lambda a: (-counts[a], a))}

    def _paragraphs_of(self, actor_id: str) -> Iterator[tuple[str, Paragraph, array, list[Mention]]]:
        """(article id, paragraph, its sentence bounds, the actor's mentions in it) in article order,
        paragraph order; bounds are [a0, b0, a1, b1, ...], each sentence's start and end."""
        posting = self._postings.get(actor_id, ())
        article_ids, per_article, articles = self._article_ids, self._per_article, self._articles
        for at in range(0, len(posting), 2):
            article_id = article_ids[posting[at]]
            index = posting[at + 1]
            found = per_article[article_id]
            yield (
                article_id, articles[article_id].paragraphs[index], found.sentences[index],
                [m for m in found.paragraphs[index] if m.actor_id == actor_id],
            )

    def refs(self, actor_id: str) -> list[MentionRef]:
        """The actor's mentions in article order, paragraph order, text order."""
        out: list[MentionRef] = []
        for article_id, paragraph, bounds, mentions in self._paragraphs_of(actor_id):
            text = paragraph.text
            for mention in mentions:
                a, b = _sentence_around(bounds, mention.start)
                out.append(MentionRef(
                    article_id, paragraph.number, mention.start, mention.end, text[mention.start : mention.end],
                    a, b, text[a:b],
                ))
        return out

    def sentences_of(self, actor_id: str) -> Iterator[SentenceRef]:
        """Each sentence that mentions the actor, in article, paragraph and text order; a sentence
        repeated word for word in one paragraph is listed once."""
        for article_id, paragraph, bounds, mentions in self._paragraphs_of(actor_id):
            text = paragraph.text
            listed: dict[str, SentenceRef] = {}
            current: SentenceRef | None = None
            for mention in mentions:
                a, b = _sentence_around(bounds, mention.start)
                if current is None or current.sentence_start != a:
                    current = listed.get(text[a:b])
                    if current is None:
                        current = listed[text[a:b]] = SentenceRef(article_id, paragraph.number, text, a, b, [])
                if current.sentence_start == a:  # not a repeat elsewhere in the paragraph
                    current.spans.append((mention.start, mention.end))
            yield from listed.values()

    def of_article(self, article_id: str) -> ArticleMentions | None:
        """What the article contributes (the same object while the article and the names are unchanged)."""
        return self._per_article.get(article_id)

    def sources_of(self, actor_id: str) -> tuple[tuple[Article, ArticleMentions], ...]:
        """Each article that mentions the actor, with its mentions, in article order: everything the
        actor's "Mentioned in" list is made from (pages/reuse.py compares them)."""
        posting = self._postings.get(actor_id, ())
        numbers = dict.fromkeys(posting[at] for at in range(0, len(posting), 2))
        ids = self._article_ids
        return tuple((self._articles[ids[n]], self._per_article[ids[n]]) for n in numbers)

    def actors_in(self, article_id: str) -> list[str]:
        """Actors an article mentions, most-mentioned first, then by id."""
        return list(self.actor_counts(article_id))


# article id -> (the article object, matcher signature, what it contributes)
MentionCache = dict[str, tuple[Article, tuple[tuple[str, str], ...], ArticleMentions]]


def index_mentions(corpus: Corpus, matcher: MentionMatcher | None = None, cache: MentionCache | None = None) -> MentionIndex:
    """Every mention in every article. With a `cache` kept from an earlier call, an article is scanned
    again only if it changed (the loader gives the same object for an unchanged file) or the names
    and aliases did: `mkdocs serve` re-finds mentions only where an edit can have changed them."""
    matcher = matcher or MentionMatcher(corpus.actors)
    per_article: dict[str, ArticleMentions] = {}
    for article_id in sorted(corpus.articles):
        article = corpus.articles[article_id]
        known = cache.get(article_id) if cache is not None else None
        if known is not None and known[0] is article and (known[1] is matcher.signature or known[1] == matcher.signature):
            found = known[2]
            fast.took("mention_cache")
        else:
            found = _index_article(article, matcher)
            if cache is not None:
                cache[article_id] = (article, matcher.signature, found)
        per_article[article_id] = found
    if cache is not None:
        for gone in [a for a in cache if a not in corpus.articles]:
            del cache[gone]
    return MentionIndex(corpus.articles, per_article)


def _index_article(article: Article, matcher: MentionMatcher) -> ArticleMentions:
    found = ArticleMentions([], [], {})
    for index, paragraph in enumerate(article.paragraphs):
        mentions = [] if paragraph.heading else matcher.find(
            paragraph.text, protected_spans(paragraph.text) if paragraph.markdown else []
        )
        found.paragraphs.append(mentions)
        if not mentions:
            found.sentences.append(None)
            continue
        # Each sentence's bounds without the spaces around it, so text[a:b] is the sentence as quoted.
        bounds = array("i")
        text = paragraph.text
        for a, b in sentence_spans(text):
            sentence = text[a:b]
            stripped = sentence.lstrip()
            a += len(sentence) - len(stripped)
            bounds.append(a)
            bounds.append(a + len(stripped.rstrip()))
        found.sentences.append(bounds)
        for mention in mentions:
            listed = found.actors.setdefault(mention.actor_id, [])
            if not listed or listed[-1] != index:
                listed.append(index)
    return found
