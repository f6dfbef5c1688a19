"""`book/`: the whole briefing on one page, for print or PDF.

Bottom line (topics and where the actors stand), timeline, actor digest, then every article in full
with its sources. The print stylesheet (briefing.css, @media print) hides navigation, breaks pages
between sections and prints the address of every outside link.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..render.environment import render_pieces
from .article import linked_paragraph
from .site import STANCE_WORDS, Site
from .timeline import timeline_entries
from .topic import stance_groups

PAGE = "book/index.md"


def build(site: Site) -> Iterator[tuple[str, Iterator[str]]]:
    corpus = site.corpus
    linker = site.linker(PAGE)
    articles = site.articles_newest_first()
    # Every article in full: tens of megabytes on a large briefing, so made and written piece by piece.
    yield PAGE, render_pieces(
        "book.md.j2",
        site_name=site.options.site_name,
        stance_words=STANCE_WORDS,
        topics=[(t, stance_groups(site, t.id)) for t in (corpus.topics[i] for i in sorted(corpus.topics))],
        stances=site.series_by_actor,
        years=timeline_entries(site),
        actors=sorted(corpus.actors.values(), key=lambda a: (a.name, a.id)),
        mention_counts={a: site.mentions.count(a) for a in corpus.actors},
        has_articles=bool(articles),
        articles=(
            # In print, the text stands alone: no actor links, no paragraph anchors.
            (article, [linked_paragraph(p, [], linker) for p in article.paragraphs])
            for article in articles
        ),
        ln=linker,
    )
