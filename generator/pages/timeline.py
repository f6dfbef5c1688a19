"""`timeline/`: events and dated articles in date order, grouped by year."""

from __future__ import annotations

from collections.abc import Iterator

from ..render.environment import render
from ..render.escape import Markdown, html_text
from .site import Site


def timeline_entries(site: Site) -> list[tuple[int, list[tuple[str, object]]]]:
    """(year, [("event" | "article", item)]) in date order; undated articles are left out."""
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
    return sorted(years.items())


def _entry_ids(site: Site, kind: str, item) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The actor and topic ids an entry is about: what the filter matches on."""
    if kind == "event":
        return sorted({a.value for a in item.actors}), sorted({t.value for t in item.topics})
    return sorted(site.mentions.actors_in(item.id)), sorted({t.value for t in item.topics})


def filter_form(site: Site, actor_ids: set[str], topic_ids: set[str]) -> Markdown:
    """Two selects, hidden until briefing.js shows them: without JavaScript every entry stays visible."""
    def options(ids: set[str], names: dict[str, str], everyone: str) -> str:
        return f'<option value="">{everyone}</option>' + "".join(
            f'<option value="{html_text(i)}">{html_text(names[i])}</option>'
            for i in sorted(ids, key=lambda i: (names[i], i))
        )

    actors = {a: site.corpus.actors[a].name for a in actor_ids if a in site.corpus.actors}
    topics = {t: site.corpus.topics[t].title for t in topic_ids if t in site.corpus.topics}
    if not actors and not topics:
        return Markdown("")
    return Markdown(
        '<form class="briefing-filter" hidden>'
        f'<label>Actor <select name="actor">{options(set(actors), actors, "all actors")}</select></label> '
        f'<label>Topic <select name="topic">{options(set(topics), topics, "all topics")}</select></label>'
        "</form>"
    )


def timeline(site: Site) -> str:
    years = []
    all_actors: set[str] = set()
    all_topics: set[str] = set()
    for year, items in timeline_entries(site):
        entries = []
        for kind, item in items:
            actor_ids, topic_ids = _entry_ids(site, kind, item)
            all_actors.update(actor_ids)
            all_topics.update(topic_ids)
            entries.append((kind, item, actor_ids, topic_ids))
        years.append((year, entries))
    return render(
        "timeline.md.j2",
        years=years,
        filter_form=filter_form(site, all_actors, all_topics),
        ln=site.linker("timeline/index.md"),
    )


def build(site: Site) -> Iterator[tuple[str, str]]:
    yield "timeline/index.md", timeline(site)
