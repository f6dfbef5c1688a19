"""`sources/`: the outlets the articles summarise and the headlines cited from each (outlets by name,
each outlet's headlines newest first), split into pages of `page_size` headlines on a large
briefing; then the outside sources cited in profiles and events, on the first page."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from ..render.environment import render
from .paging import page_links, split
from .site import Site

PAGE = "sources/index.md"


def headlines(site: Site) -> list[tuple[str, str, str]]:
    """(outlet, headline, article id) for every source line of every article, by outlet name, then
    newest article first; an article's own outlet counts when no source line names it."""
    found: dict[tuple[str, str, str], int] = {}
    for rank, article in enumerate(site.articles_newest_first()):
        for source in article.sources:
            found.setdefault((source.outlet or "Unnamed outlet", source.headline, article.id), rank)
        if article.outlet and not any(s.outlet == article.outlet for s in article.sources):
            found.setdefault((article.outlet, article.title, article.id), rank)
    return sorted(found, key=lambda item: (item[0], found[item], item[1]))


def build(site: Site) -> Iterator[tuple[str, str]]:
    items = headlines(site)
    per_outlet: dict[str, int] = {}
    for outlet, _, _ in items:
        per_outlet[outlet] = per_outlet.get(outlet, 0) + 1
    cited = []
    for actor in site.corpus.actors.values():
        for citation in [c for p in actor.positions for c in p.sources] + [c for r in actor.relations for c in r.sources]:
            if citation.url:
                cited.append((actor, citation))
    events_cited = [(e, c) for e in site.corpus.events.values() for c in e.sources if c.url]
    for page in split(items, site.options.page_size, PAGE):
        linker = site.linker(page.path)
        yield page.path, render(
            "sources_index.md.j2",
            page=page,
            pages=page_links(page, linker, "Headlines", "Previous", "Next"),
            outlets=[(outlet, per_outlet[outlet], list(group)) for outlet, group in groupby(page.items, key=lambda i: i[0])],
            cited=sorted(cited, key=lambda ac: (ac[1].outlet, ac[1].title, ac[1].url, ac[0].id)) if page.number == 1 else [],
            events_cited=sorted(events_cited, key=lambda ec: (ec[1].outlet, ec[1].url, ec[0].id)) if page.number == 1 else [],
            ln=linker,
        )
