"""`book/`: the whole briefing for print or PDF.

Bottom line (topics and where the actors stand), timeline, actor digest, then every article in full
with its sources. The print stylesheet (briefing.css, @media print) hides navigation, breaks pages
between sections and prints the address of every outside link.

A briefing with more articles than `page_size` gets a book in parts, one per period: `book/` keeps
the bottom line and the actor digest and lists the parts; each part (`book/2024/`, or
`book/2024-03/` when a year alone is too long, `book/undated/`) holds that period's timeline and
articles in full, split into pages when even a month is too long. Per period rather than per
topic: every article lands in exactly one part (topics overlap, and many articles have none),
the parts follow one another in time, and a part's size is bounded by narrowing the period.

A briefing with more actors than `page_size` gets the actor digest on its own pages of that many
actors, by name (`book/actors/`, `book/actors/page/2/`, …), linked from `book/` where the digest was.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..render.environment import render_pieces
from .article import linked_paragraph
from .paging import page_links, split
from .periods import periods
from .site import STANCE_WORDS, Site
from .timeline import timeline_entries
from .topic import stance_groups

PAGE = "book/index.md"
DIGEST = "book/actors.md"  # never a period's slug (a year, a month or "undated")


def _articles_in_full(articles, linker):  # type: ignore[no-untyped-def]
    # In print, the text stands alone: no actor links, no paragraph anchors.
    return ((article, [linked_paragraph(p, [], linker) for p in article.paragraphs]) for article in articles)


def _timeline_by_period(years):  # type: ignore[no-untyped-def]
    """A function giving the timeline entries a part's period holds (`Period.holds`), as (year, entries)
    in timeline order: the entries grouped by year and month once, where filtering the whole timeline
    for every part took parts × entries (tests/equivalence/test_performance.py holds it to that filter)."""
    by_year = dict(years)
    by_month: dict[tuple[int, int], list] = {}
    for year, items in years:
        for kind, item in items:
            by_month.setdefault((year, item.date.month), []).append((kind, item))

    def timeline_of(part):  # type: ignore[no-untyped-def]
        if part.key is None:  # the undated part: no timeline entry is undated
            return []
        year, month = part.key
        return [(year, by_month.get((year, month), []) if part.by_month else by_year.get(year, []))]

    return timeline_of


def build(site: Site) -> Iterator[tuple[str, Iterator[str]]]:
    corpus = site.corpus
    linker = site.linker(PAGE)
    articles = site.articles_newest_first()
    size = site.options.page_size
    in_parts = periods(articles, lambda a: a.date, size) if 0 < size < len(articles) else []
    common = dict(site_name=site.options.site_name, stance_words=STANCE_WORDS)
    actors = sorted(corpus.actors.values(), key=lambda a: (a.name, a.id))
    digest = split(actors, size, DIGEST) if 0 < size < len(actors) else []
    mention_counts = {a: site.mentions.count(a) for a in corpus.actors}
    # Every article in full: tens of megabytes on a large briefing, so made and written piece by piece.
    yield PAGE, render_pieces(
        "book.md.j2",
        **common,
        topics=[(t, [(word, actors, 0) for word, actors in stance_groups(site, t.id)]) for t in (corpus.topics[i] for i in sorted(corpus.topics))],
        stances=site.series_by_actor,
        years=[] if in_parts else timeline_entries(site),
        actors=[] if digest else actors,
        mention_counts=mention_counts,
        parts=in_parts,
        part=None,
        digest=None,
        digest_count=len(actors) if digest else 0,
        digest_pages=len(digest),
        has_articles=bool(articles) and not in_parts,
        articles=_articles_in_full([] if in_parts else articles, linker),
        ln=linker,
    )
    for page in digest:
        page_linker = site.linker(page.path)
        yield page.path, render_pieces(
            "book.md.j2",
            **common,
            parts=[],
            part=None,
            digest=page,
            digest_count=0,
            digest_pages=0,
            stances=site.series_by_actor,
            mention_counts=mention_counts,
            pages=page_links(page, page_linker, "Actors", "Previous", "Next"),
            topics=[],
            years=[],
            actors=page.items,
            has_articles=False,
            articles=iter(()),
            ln=page_linker,
        )
    if not in_parts:
        return
    timeline_of = _timeline_by_period(timeline_entries(site))
    for part in in_parts:
        for page in split(part.items, size, f"book/{part.slug}.md"):
            page_linker = site.linker(page.path)
            timeline = timeline_of(part) if page.number == 1 else []
            yield page.path, render_pieces(
                "book.md.j2",
                **common,
                parts=[],
                part=part,
                digest=None,
                digest_count=0,
                digest_pages=0,
                stances={},
                mention_counts={},
                pages=page_links(page, page_linker, "Articles"),
                page=page,
                topics=[],
                years=[(year, items) for year, items in timeline if items],
                actors=[],
                has_articles=True,
                articles=_articles_in_full(page.items, page_linker),
                ln=page_linker,
            )
