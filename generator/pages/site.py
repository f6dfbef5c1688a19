"""What every page module gets: the corpus, the mention index, and a linker for the page being built."""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable, Iterable

from .. import fast
from ..core.graph import Edge, Neighbours, co_mentions, neighbours, relation_edges
from ..core.mentions import MentionIndex
from ..core.quotes import FoldedParagraphs
from ..core.stances import Series, Shift, by_current_stance, newest_first, series_of
from ..model import Actor, Article, Corpus, Event, Located, PartialDate, Relation
from ..render.escape import Markdown, external_link, link, text
from .reuse import Reuse

STANCE_WORDS = {
    "supports": "Supports",
    "leans-supports": "Leans supports",
    "mixed": "Mixed",
    "leans-opposes": "Leans opposes",
    "opposes": "Opposes",
    "unclear": "Unclear",
}


_QUOTE_MARKS = "\"'“”‘’«»„"


def quoted(inner: Markdown, raw: str) -> Markdown:
    """`inner` (the Markdown of `raw`) in curly quotes, leaving out a mark where `raw` already has
    one: a sentence that ends in a quotation must not read `markets.””`."""
    raw = raw.strip()
    opening = "" if raw[:1] in _QUOTE_MARKS else "“"
    closing = "" if raw[-1:] in _QUOTE_MARKS else "”"
    return Markdown(f"{opening}{inner}{closing}")


def article_path(article_id: str) -> str:
    return f"articles/{article_id}.md"


def actor_path(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def topic_path(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


@dataclass
class Options:
    site_name: str = "Briefing"
    intro: str = ""  # hand-written docs/index.md, placed above the generated home page
    directory_urls: bool = True  # MkDocs' use_directory_urls: how raw-HTML links (SVG nodes) are written
    site_url: str = ""  # MkDocs' site_url, for the feed's absolute links; "" when unset
    tags: bool = False  # Material's tags plugin is on: pages carry tags and a tags page is made
    # Items per page of a split list (articles, sources, an actor's "Mentioned in", a book part):
    # 200 keeps every page well under 2 MB of HTML at 10,000 articles (docs/performance.md). 0: never split.
    page_size: int = 200
    # The site's language (Material's theme.language): an article in another one has `lang` on its story.
    language: str = "en"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a docs-relative .md path ("actors/china.md" → "actors/china/")."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[:-3] + ("/" if directory_urls else ".html")


@dataclass
class Site:
    corpus: Corpus
    mentions: MentionIndex
    options: Options = field(default_factory=Options)
    reuse: Reuse | None = None  # pages kept from the last generation (reuse.py): `briefing serve` only
    _quote_paragraphs: dict[tuple[str, str], int | None] = field(default_factory=dict)
    _folded_articles: dict[str, FoldedParagraphs] = field(default_factory=dict)  # article id -> its paragraphs folded

    def articles_newest_first(self) -> list[Article]:
        """Dated articles newest first, then undated ones; ties by id, so the order never wobbles."""
        return list(self._newest_first)

    @cached_property
    def _newest_first(self) -> list[Article]:
        return sorted(
            self.corpus.articles.values(),
            key=lambda a: (a.date is None, tuple(-x for x in _date_key(a.date)), a.id),
        )

    @cached_property
    def event_pages(self) -> dict[str, str]:
        """event id → the timeline page that holds it (the timeline is split by period when long)."""
        from .timeline import event_pages  # the timeline module builds on this one

        return event_pages(self)

    @cached_property
    def article_rank(self) -> dict[str, int]:
        """article id → its place in `articles_newest_first()`, to put any list of articles in that order."""
        return {article.id: rank for rank, article in enumerate(self._newest_first)}

    def quote_paragraph(self, article_id: str, quote: str) -> int | None:
        """The paragraph number a verified quote comes from, for a link straight to it: the first
        paragraph holding it, folded as `briefing check` folds it. Each article is folded once, on
        its first quote (core/quotes.py FoldedParagraphs), not once per quote."""
        key = (article_id, quote)
        if key not in self._quote_paragraphs:
            article = self.corpus.articles.get(article_id)
            index = None
            if article is not None:
                folded = self._folded_articles.get(article_id)
                if folded is None:
                    folded = self._folded_articles[article_id] = FoldedParagraphs(p.text for p in article.paragraphs)
                index = folded.paragraph_of(quote)
            self._quote_paragraphs[key] = None if index is None else article.paragraphs[index].number
        return self._quote_paragraphs[key]

    def prepare(self) -> None:
        """Build the indexes more than one page type reads, now rather than on first use (before the
        page types are split between processes, which would each build them again)."""
        for index in ("relations", "together", "neighbours", "incoming", "series_by_actor", "stances_by_topic", "shifts",
                      "events_by_actor", "_newest_first", "article_rank", "event_pages"):
            getattr(self, index)

    def linker(self, page: str) -> "Linker":
        return Linker(self, page)

    @cached_property
    def relations(self) -> list[Edge]:
        return relation_edges(self.corpus)

    @cached_property
    def incoming(self) -> dict[str, list[tuple["Actor", "Relation"]]]:
        """target id → (other actor, its relation) for every relation other profiles declare towards it."""
        found: dict[str, list[tuple[Actor, Relation]]] = {}
        for other_id in sorted(self.corpus.actors):
            other = self.corpus.actors[other_id]
            for relation in other.relations:
                if relation.target.value != other_id:
                    found.setdefault(relation.target.value, []).append((other, relation))
        return found

    @cached_property
    def together(self) -> Counter[tuple[str, str]]:
        return co_mentions(self.mentions)

    @cached_property
    def neighbours(self) -> Neighbours:
        return neighbours(self.relations, self.together)

    # Indexes built once per site: looking these up by scanning every actor, event or article for
    # every page is quadratic in the size of the briefing.

    @cached_property
    def series_by_actor(self) -> dict[str, list[Series]]:
        """actor id → its stance series, one per topic, in the profile's order (core/stances.py)."""
        return {actor_id: series_of(actor) for actor_id, actor in sorted(self.corpus.actors.items())}

    @cached_property
    def stances_by_topic(self) -> dict[str, list[Series]]:
        """topic id → every actor's series on it, from support to opposition by current stance, then by name."""
        found: dict[str, list[Series]] = {}
        for series_list in self.series_by_actor.values():
            for series in series_list:
                found.setdefault(series.topic_id, []).append(series)
        return {topic_id: by_current_stance(found[topic_id]) for topic_id in sorted(found)}

    @cached_property
    def shifts(self) -> list[Shift]:
        """Every first position and stance shift in the briefing, newest first."""
        return newest_first([shift for series_list in self.series_by_actor.values() for series in series_list for shift in series.shifts])

    @cached_property
    def events_by_actor(self) -> dict[str, list[Event]]:
        """actor id → the events that list it, in date order."""
        return _events_by(self.corpus.events.values(), lambda e: e.actors)

    @cached_property
    def events_by_topic(self) -> dict[str, list[Event]]:
        """topic id → the events that list it, in date order."""
        return _events_by(self.corpus.events.values(), lambda e: e.topics)

    @cached_property
    def articles_by_topic(self) -> dict[str, list[Article]]:
        """topic id → the articles that list it, newest first."""
        found: dict[str, list[Article]] = {}
        for article in self._newest_first:
            for topic_id in dict.fromkeys(t.value for t in article.topics):
                found.setdefault(topic_id, []).append(article)
        return found


def _events_by(events: Iterable[Event], keys: Callable[[Event], list[Located]]) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = {}
    for event in events:
        for key in dict.fromkeys(k.value for k in keys(event)):
            found.setdefault(key, []).append(event)
    for listed in found.values():
        listed.sort(key=lambda e: (e.date, e.id))
    return found


def relative_path(target: str, base: str) -> str:
    """`posixpath.relpath(target, base or ".")` for the normalised docs-relative paths of a site, computed
    from the strings alone (relpath calls abspath, hence getcwd, twice per link: hot on large sites)."""
    to = [part for part in target.split("/") if part and part != "."]
    start = [part for part in base.split("/") if part and part != "."]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


# Bounded: the SVG links of every actor page have a base of their own.
_relative_path_kept = lru_cache(maxsize=1 << 15)(relative_path)


def relative_path_finder() -> Callable[[str, str], str]:
    """`relative_path`, or its memo (the fast path "link_memo"): chosen once per page's linker."""
    if not fast.on("link_memo"):
        return relative_path
    fast.took("link_memo")
    return _relative_path_kept


def _date_key(date: PartialDate | None) -> tuple[int, int, int]:
    return (date.year, date.month, date.day) if date else (0, 0, 0)


class Linker:
    """Links from one page to the others, relative to it (MkDocs resolves and checks .md links)."""

    def __init__(self, site: Site, page: str):
        self.site = site
        self.page = page
        self.base = posixpath.dirname(page)
        self.relative_path = relative_path_finder()

    def url(self, target: str) -> str:
        """The relative URL of a page, for raw HTML that MkDocs does not rewrite (SVG links)."""
        directory_urls = self.site.options.directory_urls
        # The common case, an actor page's graph linking other actor pages, answered without relpath:
        # two different non-index pages in the same folder.
        folder, name = target.rpartition("/")[::2]
        here_folder, here_name = self.page.rpartition("/")[::2]
        if folder and folder == here_folder and target != self.page and "index.md" not in (name, here_name):
            return f"../{name[:-3]}/" if directory_urls else f"{name[:-3]}.html"
        here, there = page_url(self.page, directory_urls), page_url(target, directory_urls)
        base = here if here.endswith("/") or not here else posixpath.dirname(here)
        relative = self.relative_path(there.rstrip("/") or ".", base.rstrip("/") or ".")
        return relative + "/" if there.endswith("/") or not there else relative

    def to(self, target: str, label: object, anchor: str = "") -> Markdown:
        relative = self.relative_path(target, self.base)
        return link(label, relative + (f"#{anchor}" if anchor else ""))

    def actor(self, actor_id: str, label: object = None) -> Markdown:
        actor = self.site.corpus.actors.get(actor_id)
        if actor is None:
            return text(label or actor_id)
        return self.to(actor_path(actor_id), label or actor.name)

    def topic(self, topic_id: str, label: object = None) -> Markdown:
        topic = self.site.corpus.topics.get(topic_id)
        if topic is None:
            return text(label or topic_id)
        return self.to(topic_path(topic_id), label or topic.title)

    def event(self, event: Event) -> Markdown:
        """A link to the event on the timeline, its title as the label."""
        return self.to(self.site.event_pages.get(event.id, "timeline/index.md"), event.title, event.id)

    def article(self, article_id: str, label: object = None, paragraph: int | None = None) -> Markdown:
        article = self.site.corpus.articles.get(article_id)
        if article is None:
            return text(label or article_id)
        return self.to(article_path(article_id), label or article.title, f"p{paragraph}" if paragraph else "")

    def citation(self, citation) -> Markdown:
        """A citation as "quote" — source link (to the quoted paragraph when it is found)."""
        if citation.article is not None:
            article_id = citation.article.value
            article = self.site.corpus.articles.get(article_id)
            quote = citation.quote.value if citation.quote else ""
            paragraph = self.site.quote_paragraph(article_id, quote) if quote else None
            where = (article.title if article else article_id) + (f", ¶{paragraph}" if paragraph else "")
            return Markdown(f"{quoted(text(quote), quote)} — {self.article(article_id, where, paragraph)}")
        label = citation.title or citation.url
        parts = [external_link(label, citation.url)]
        if citation.outlet:
            parts.append(text(citation.outlet))
        if citation.date:
            parts.append(text(citation.date.human()))
        return Markdown(", ".join(parts))
