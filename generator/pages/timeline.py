"""`timeline/`: events and dated articles in date order, grouped by year."""

from __future__ import annotations

from ..render.environment import render
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


def timeline(site: Site) -> str:
    return render("timeline.md.j2", years=timeline_entries(site), ln=site.linker("timeline/index.md"))


def build(site: Site) -> dict[str, str]:
    return {"timeline/index.md": timeline(site)}
