"""The home page: what the briefing tracks and where the actors stand, then the latest articles and
the most-mentioned actors. A hand-written docs/index.md intro sits above the generated part."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.stances import moves
from ..model import Actor
from ..render.environment import render
from ..render.escape import Markdown
from .site import STANCE_WORDS, Site
from .topic import stance_groups

LATEST_ARTICLES = 5
TOP_ACTORS = 12
LATEST_MOVES = 5
# The bottom line names at most this many actors per stance on a topic, the most-mentioned first, then
# "and 123 more" linking to the topic page, which lists them all: the home page stays small at any size.
STANCE_NAMES = 10


def bounded_groups(site: Site, topic_id: str, limit: int = STANCE_NAMES) -> list[tuple[str, list[Actor], int]]:
    """(stance in words, the actors shown, how many more hold it): every actor when they fit, in the
    topic page's order; else the `limit` most-mentioned (then by name)."""
    found = []
    for word, actors in stance_groups(site, topic_id):
        if len(actors) > limit:
            shown = sorted(actors, key=lambda a: (-site.mentions.count(a.id), a.name, a.id))[:limit]
            found.append((word, shown, len(actors) - limit))
        else:
            found.append((word, actors, 0))
    return found


def build(site: Site) -> Iterator[tuple[str, str]]:
    corpus = site.corpus
    ranked = sorted(corpus.actors.values(), key=lambda a: (-site.mentions.count(a.id), a.name, a.id))
    yield "index.md", render(
        "home.md.j2",
        intro=Markdown(site.options.intro.strip()),  # hand-written by the site's maintainers: trusted Markdown
        has_title=site.options.intro.lstrip().startswith("# "),
        site_name=site.options.site_name,
        topics=[(topic, bounded_groups(site, topic.id)) for topic in (corpus.topics[t] for t in sorted(corpus.topics))],
        moves=moves(site.shifts)[:LATEST_MOVES],
        has_changes=bool(site.shifts),
        stance_words=STANCE_WORDS,
        # The newest dated articles, then undated ones ("Undated") while the list has room.
        latest=site.articles_newest_first()[:LATEST_ARTICLES],
        article_count=len(corpus.articles),
        actors=[(a, site.mentions.count(a.id)) for a in ranked[:TOP_ACTORS] if site.mentions.count(a.id)],
        actor_count=len(corpus.actors),
        ln=site.linker("index.md"),
    )
