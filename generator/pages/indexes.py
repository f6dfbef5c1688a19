"""The index pages that carry the long lists, so the sidebar never has to:
`articles/`, `actors/` (grouped by kind), `topics/`, `timeline/`, `sources/`."""

from __future__ import annotations

from ..model import ACTOR_KINDS, KIND_PLURALS, Event
from ..render.environment import render
from .site import Site
from .topic import positions_on


def articles_index(site: Site) -> str:
    return render(
        "articles_index.md.j2",
        articles=site.articles_newest_first(),
        actor_counts={a: len(site.mentions.actors_in(a)) for a in site.corpus.articles},
        ln=site.linker("articles/index.md"),
    )


def actors_index(site: Site) -> str:
    groups = []
    for kind in ACTOR_KINDS:
        actors = sorted((a for a in site.corpus.actors.values() if a.kind == kind), key=lambda a: (a.name, a.id))
        if actors:
            groups.append((KIND_PLURALS[kind], actors))
    return render(
        "actors_index.md.j2",
        groups=groups,
        counts={a: site.mentions.count(a) for a in site.corpus.actors},
        ln=site.linker("actors/index.md"),
    )


def topics_index(site: Site) -> str:
    topics = [site.corpus.topics[t] for t in sorted(site.corpus.topics)]
    return render(
        "topics_index.md.j2",
        topics=[(t, len(positions_on(site, t.id))) for t in topics],
        ln=site.linker("topics/index.md"),
    )


def timeline(site: Site) -> str:
    """Events and dated articles in date order, grouped by year; undated articles are left out."""
    entries: list[tuple[tuple, str, object]] = []
    for event in site.corpus.events.values():
        entries.append(((event.date.year, event.date.month, event.date.day, 0, event.id), "event", event))
    for article in site.corpus.articles.values():
        if article.date:
            entries.append(((article.date.year, article.date.month, article.date.day, 1, article.id), "article", article))
    entries.sort(key=lambda e: e[0])
    years: dict[int, list[tuple[str, object]]] = {}
    for key, kind, item in entries:
        years.setdefault(key[0], []).append((kind, item))
    return render("timeline.md.j2", years=sorted(years.items()), ln=site.linker("timeline/index.md"))


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


def build(site: Site) -> dict[str, str]:
    return {
        "articles/index.md": articles_index(site),
        "actors/index.md": actors_index(site),
        "topics/index.md": topics_index(site),
        "timeline/index.md": timeline(site),
        "sources/index.md": sources_index(site),
    }
