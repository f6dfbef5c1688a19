"""`timeline/`: events and dated articles in date order, grouped by year; then the undated articles
(no `date` in their sidecar or front matter), by id, in a last section headed "Undated". A timeline
split into pages per period puts them on a page of their own, `timeline/undated/` (`periods.py`).
An undated entry carries the same actor and topic data attributes as a dated one, so the filter
treats both alike."""

from __future__ import annotations

from collections.abc import Iterator

from ..render.environment import render
from ..render.escape import Markdown, html_text
from .paging import Page, page_links, split
from .periods import Period, periods
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


UNDATED = "Undated"  # the heading of the undated articles' section


def undated_entries(site: Site) -> list[tuple[str, object]]:
    """("article", item) for every undated article, by id (as `articles_newest_first()` puts them):
    what follows every dated entry of `timeline_entries()`."""
    return [("article", article) for article in site.articles_newest_first() if article.date is None]


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


PAGE = "timeline/index.md"


def timeline_pages(site: Site) -> list[tuple[str, Page | None, Period | None]]:
    """(path, its page of entries, its period) for each page of the timeline: one page, or with more
    entries than `page_size` an overview at `timeline/` (page and period None) and a page per period
    (`timeline/2024/`, `timeline/2024-03/`, the undated articles last at `timeline/undated/`), split
    further when a month alone is too long."""
    entries = [entry for _, items in timeline_entries(site) for entry in items] + undated_entries(site)
    size = site.options.page_size
    if not 0 < size < len(entries):
        return [(PAGE, split(entries, 0, PAGE)[0], None)]
    found: list[tuple[str, Page | None, Period | None]] = [(PAGE, None, None)]
    for period in periods(entries, lambda entry: entry[1].date, size):
        found += [(page.path, page, period) for page in split(period.items, size, f"timeline/{period.slug}.md")]
    return found


def event_pages(site: Site) -> dict[str, str]:
    """event id → the timeline page that holds it, for links to an event from other pages."""
    return {
        item.id: path
        for path, page, _ in timeline_pages(site) if page is not None
        for kind, item in page.items if kind == "event"
    }


def _years(site: Site, entries) -> tuple[list, set[str], set[str]]:  # type: ignore[no-untyped-def]
    """The entries by year, each with the actor and topic ids it is about, the undated ones last under
    `UNDATED`; all those ids."""
    years: dict[int, list] = {}
    undated: list = []
    all_actors: set[str] = set()
    all_topics: set[str] = set()
    for kind, item in entries:
        actor_ids, topic_ids = _entry_ids(site, kind, item)
        all_actors.update(actor_ids)
        all_topics.update(topic_ids)
        (years.setdefault(item.date.year, []) if item.date else undated).append((kind, item, actor_ids, topic_ids))
    return sorted(years.items()) + ([(UNDATED, undated)] if undated else []), all_actors, all_topics


def build(site: Site) -> Iterator[tuple[str, str]]:
    in_pages = timeline_pages(site)
    overview = [(period, page) for _, page, period in in_pages if period is not None and page.number == 1]
    for path, page, period in in_pages:
        years, all_actors, all_topics = _years(site, page.items if page else [])
        linker = site.linker(path)
        yield path, render(
            "timeline.md.j2",
            years=years,
            period=period,
            parts=[(p, p.items) for p, _ in overview] if page is None else [],
            has_undated=any(p.key is None for p, _ in overview) or bool(years and years[-1][0] == UNDATED),
            pages=page_links(page, linker, "Entries", "Earlier", "Later") if page else "",
            filter_form=filter_form(site, all_actors, all_topics),
            ln=linker,
        )
