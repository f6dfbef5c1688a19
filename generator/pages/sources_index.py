"""`sources/`: the outlets the articles summarise and the headlines cited from each."""

from __future__ import annotations

from collections.abc import Iterator

from ..render.environment import render
from .site import Site


def sources_index(site: Site) -> str:
    """Outlets, and the headlines each article cites from them, plus outside sources cited in profiles."""
    outlets: dict[str, list[tuple[str, str]]] = {}
    for article in site.corpus.articles.values():
        for source in article.sources:
            outlets.setdefault(source.outlet or "Unnamed outlet", []).append((source.headline, article.id))
        if article.outlet and not any(s.outlet == article.outlet for s in article.sources):
            outlets.setdefault(article.outlet, []).append((article.title, article.id))
    cited = []
    for actor in site.corpus.actors.values():
        for citation in [c for p in actor.positions for c in p.sources] + [c for r in actor.relations for c in r.sources]:
            if citation.url:
                cited.append((actor, citation))
    events_cited = [(e, c) for e in site.corpus.events.values() for c in e.sources if c.url]
    return render(
        "sources_index.md.j2",
        outlets=sorted((name, sorted(set(items))) for name, items in outlets.items()),
        cited=sorted(cited, key=lambda ac: (ac[1].outlet, ac[1].title, ac[1].url, ac[0].id)),
        events_cited=sorted(events_cited, key=lambda ec: (ec[1].outlet, ec[1].url, ec[0].id)),
        ln=site.linker("sources/index.md"),
    )


def build(site: Site) -> Iterator[tuple[str, str]]:
    yield "sources/index.md", sources_index(site)
