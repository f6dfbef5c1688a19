"""The home page: what the briefing tracks and where the actors stand, then the latest articles and
the most-mentioned actors. A hand-written docs/index.md intro sits above the generated part."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.stances import moves
from ..render.environment import render
from ..render.escape import Markdown
from .site import STANCE_WORDS, Site
from .topic import stance_groups

LATEST_ARTICLES = 5
TOP_ACTORS = 12
LATEST_MOVES = 5


def build(site: Site) -> Iterator[tuple[str, str]]:
    corpus = site.corpus
    ranked = sorted(corpus.actors.values(), key=lambda a: (-site.mentions.count(a.id), a.name, a.id))
    yield "index.md", render(
        "home.md.j2",
        intro=Markdown(site.options.intro.strip()),  # hand-written by the site's maintainers: trusted Markdown
        has_title=site.options.intro.lstrip().startswith("# "),
        site_name=site.options.site_name,
        topics=[(topic, stance_groups(site, topic.id)) for topic in (corpus.topics[t] for t in sorted(corpus.topics))],
        moves=moves(site.shifts)[:LATEST_MOVES],
        has_changes=bool(site.shifts),
        stance_words=STANCE_WORDS,
        latest=site.articles_newest_first()[:LATEST_ARTICLES],
        article_count=len(corpus.articles),
        actors=[(a, site.mentions.count(a.id)) for a in ranked[:TOP_ACTORS] if site.mentions.count(a.id)],
        actor_count=len(corpus.actors),
        ln=site.linker("index.md"),
    )
