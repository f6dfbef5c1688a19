"""Data exports: `api/actors.json`, `api/articles.json`, `api/topics.json`, `api/events.json`.

The format is documented in docs/api.md and published as JSON Schema (generator/schema/api.schema.json).
Keys come in a fixed order and lists in id order, so the same briefing gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import json
from typing import Any

from ..core.stances import Series
from ..model import Citation, PartialDate, Position
from .site import Site, actor_path, article_path, page_url, topic_path
from .reuse import reused
from .topic import stances_on

FORMAT_VERSION = 2  # 2: an actor's mentions give offsets, not a copy of the sentence


def _date(value: PartialDate | None) -> str | None:
    return str(value) if value else None


def citation(c: Citation) -> dict[str, Any]:
    if c.article is not None:
        return {"article": c.article.value, "quote": c.quote.value if c.quote else None}
    return {"url": c.url, "title": c.title or None, "outlet": c.outlet or None, "date": _date(c.date)}


def position(p: Position, current: bool) -> dict[str, Any]:
    return {"stance": p.stance, "summary": p.summary or None, "as_of": _date(p.as_of),
            "current": current, "confidence": p.confidence or None, "sources": [citation(c) for c in p.sources]}


def series(s: Series, owner: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Every position of a series, oldest first, each after `owner` (its topic or its actor);
    `current` marks the latest."""
    return ({**owner, **position(p, p is s.current)} for p in s.steps)


def actors(site: Site) -> Iterator[str]:
    """Each actor's entry as JSON; kept between `briefing serve` rebuilds while its profile, its
    mentions and the options are unchanged (reuse.py)."""
    return _kept(site, "api-actor", site.corpus.actors, _actor,
                 lambda actor_id: (site.options, site.corpus.actors[actor_id], site.mentions.sources_of(actor_id)))


def _kept(site: Site, kind: str, ids: Iterable[str], entry: Callable[[Site, str], dict[str, Any]],
          inputs: Callable[[str], tuple]) -> Iterator[str]:
    """The JSON of `entry(site, id)` for each id in order, through the store of kept pieces (reuse.py)."""
    for item in sorted(ids):
        yield from reused(site.reuse, kind, item, lambda: inputs(item), lambda: [_json(entry(site, item))])


def _actor(site: Site, actor_id: str) -> dict[str, Any]:
    a = site.corpus.actors[actor_id]
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind,
        "aliases": [x.value for x in a.aliases],
        "summary": a.summary or None,
        "country": a.country.value if a.country else None,
        "roles": [
            {"title": r.title, "organization": r.organization.value if r.organization else None, "start": _date(r.start), "end": _date(r.end)}
            for r in a.roles
        ],
        "positions": [item for s in site.series_by_actor[actor_id] for item in series(s, {"topic": s.topic_id})],
        "relations": [
            {"type": r.type, "target": r.target.value, "start": _date(r.start), "end": _date(r.end), "sources": [citation(c) for c in r.sources]}
            for r in a.relations
        ],
        "identifiers": dict(sorted(a.identifiers.items())),
        "links": [{"title": link.title, "url": link.url} for link in a.links],
        "tags": list(a.tags),
        "reviewed": _date(a.reviewed),
        "page": page_url(actor_path(a.id), site.options.directory_urls),
        "mentions": [
            {"article": m.article_id, "paragraph": m.paragraph, "start": m.start, "end": m.end, "text": m.surface,
             "sentence": [m.sentence_start, m.sentence_end]}
            for m in site.mentions.refs(actor_id)
        ],
    }


def articles(site: Site) -> Iterator[str]:
    """Each article's entry as JSON; kept between `briefing serve` rebuilds while the article, its
    mentions and the options are unchanged (reuse.py)."""
    return _kept(site, "api-article", site.corpus.articles, _article,
                 lambda article_id: (site.options, site.corpus.articles[article_id], site.mentions.of_article(article_id)))


def _article(site: Site, article_id: str) -> dict[str, Any]:
    a = site.corpus.articles[article_id]
    mentions = site.mentions.by_article.get(article_id, [])
    return {
        "id": a.id,
        "title": a.title,
        "date": _date(a.date),
        "url": a.url or None,
        "outlets": a.outlets,
        "summary": a.summary or None,
        "tags": list(a.tags),
        "topics": [t.value for t in a.topics],
        "sources": [{"headline": s.headline, "outlet": s.outlet or None} for s in a.sources],
        "disclosure": " ".join(a.disclosure) or None,
        "byline": a.byline or None,
        "place": a.place or None,
        "credits": list(a.credits),
        "lang": a.lang or None,
        "page": page_url(article_path(a.id), site.options.directory_urls),
        "paragraphs": [p.text for p in a.paragraphs],
        "mentions": [
            {"actor": m.actor_id, "paragraph": index + 1, "start": m.start, "end": m.end}
            for index, paragraph in enumerate(mentions)
            for m in paragraph
        ],
    }


def topics(site: Site) -> Iterator[dict[str, Any]]:
    return (
        {
            "id": t.id,
            "title": t.title,
            "question": t.question,
            "summary": t.summary or None,
            "tags": list(t.tags),
            "page": page_url(topic_path(t.id), site.options.directory_urls),
            "positions": [item for s in stances_on(site, t.id) for item in series(s, {"actor": s.actor.id})],
        }
        for t in (site.corpus.topics[i] for i in sorted(site.corpus.topics))
    )


def events(site: Site) -> Iterator[dict[str, Any]]:
    return (
        {
            "id": e.id,
            "date": str(e.date),
            "title": e.title,
            "summary": e.summary or None,
            "actors": [x.value for x in e.actors],
            "topics": [x.value for x in e.topics],
            "sources": [citation(c) for c in e.sources],
        }
        for e in (site.corpus.events[i] for i in sorted(site.corpus.events))
    )


def _json(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def _document(kind: str, items: Iterable[dict[str, Any] | str]) -> Iterator[str]:
    """`{"version": N, kind: [items]}` as compact JSON, one item at a time (an item given as a dict, or
    as its JSON already): the whole export is never held in memory as objects (at 10,000 articles it
    is 130 MB of JSON)."""
    yield f'{{"version":{FORMAT_VERSION},"{kind}":['
    separator = ""
    for item in items:
        yield separator + (item if isinstance(item, str) else _json(item))
        separator = ","
    yield "]}\n"


def build(site: Site) -> Iterator[tuple[str, Iterator[str]]]:
    yield "api/actors.json", _document("actors", actors(site))
    yield "api/articles.json", _document("articles", articles(site))
    yield "api/topics.json", _document("topics", topics(site))
    yield "api/events.json", _document("events", events(site))
