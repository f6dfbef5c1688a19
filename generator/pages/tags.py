"""Tags for Material's tags plugin: by kind, country and topic. Only when the plugin is on.

The tags themselves go into each page's front matter (see `front_matter`); this module makes the
pages where the plugin lists them. A small briefing gets one: `tags/`, every tag with its pages.
When the listing would hold more entries (a page under one of its tags) than `page_size`, Material's
single listing grows with the briefing (1.6 MB of HTML at 4,000 articles) and cannot be split into
numbered pages, so it is split by tag instead: `tags/` becomes an index of every tag with its count,
and each listing page holds a few tags (Material's `include`): `tags/kinds/<kind>/` one per kind,
`tags/topics/<topic id>/` one per topic, `tags/countries/` the countries, `tags/other/` the tags
written in seeds/. A page's tags link to the listing that holds them, as before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from ..model import ACTOR_KINDS, KIND_PLURALS, Actor, Article, Corpus, Topic
from ..render.environment import render
from ..render.escape import Markdown, html_text
from .site import Site

PAGE = "tags/index.md"


# PyYAML's emitter (libyaml's when present): it quotes and escapes whatever a value holds, so the
# block always parses back to the same tags. A hand-made block was not: a character that JSON leaves
# raw but YAML refuses made MkDocs keep the whole block as Markdown, tags lost, links live.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(tags: list[str], search_boost: int = 0) -> Markdown:
    """A YAML front matter block with `tags`. Material prints tag names without HTML escaping, so
    they are HTML-escaped here. `search_boost` ranks the page higher in Material's search (an
    actor's own page first for its name)."""
    meta: dict = {}
    if tags:
        meta["tags"] = [html_text(t) for t in dict.fromkeys(tags)]
    if search_boost:
        meta["search"] = {"boost": int(search_boost)}
    if not meta:
        return Markdown("")
    block = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, default_flow_style=False, width=1_000_000, sort_keys=False)
    return Markdown(f"---\n{block}---\n\n")


def actor_tags(actor: Actor, corpus: Corpus) -> list[str]:
    tags = [KIND_PLURALS[actor.kind]]
    if actor.country and actor.country.value in corpus.actors:
        tags.append(f"Country: {corpus.actors[actor.country.value].name}")
    tags += [f"Topic: {corpus.topics[p.topic.value].title}" for p in actor.positions if p.topic.value in corpus.topics]
    return tags + list(actor.tags)


def article_tags(article: Article, corpus: Corpus) -> list[str]:
    return [f"Topic: {corpus.topics[t.value].title}" for t in article.topics if t.value in corpus.topics] + list(article.tags)


def topic_tags(topic: Topic) -> list[str]:
    return [f"Topic: {topic.title}"] + list(topic.tags)


@dataclass
class Listing:
    """One page of Material's listing: its path, title, and the tags it lists (with how many pages
    carry each), sorted by name as Material sorts them."""

    path: str
    title: str
    group: str  # the heading it comes under on the index
    tags: list[tuple[str, int]]

    def directive(self) -> Markdown:
        """Material's listing of these tags. The names as front_matter writes them (HTML-escaped, so
        no `-->` can end the comment early), as a YAML flow list Material reads back unchanged."""
        include = yaml.dump(
            {"include": [html_text(tag) for tag, _ in self.tags]},
            Dumper=_DUMPER, allow_unicode=True, default_flow_style=True, width=1_000_000,
        ).strip()
        return Markdown(f"<!-- material/tags {include} -->")


def tag_counts(site: Site) -> Counter[str]:
    """Every tag of a generated page, with the number of pages that carry it."""
    corpus = site.corpus
    counts: Counter[str] = Counter()
    for actor in corpus.actors.values():
        counts.update(set(actor_tags(actor, corpus)))
    for article in corpus.articles.values():
        counts.update(set(article_tags(article, corpus)))
    for topic in corpus.topics.values():
        counts.update(set(topic_tags(topic)))
    return counts


def listings(site: Site, counts: Counter[str]) -> list[Listing]:
    """The listing pages of a briefing whose tags are split: one per kind, one per topic, the countries,
    the other tags; only those that list something."""
    corpus = site.corpus
    taken: set[str] = set()

    def claim(tags) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
        found = sorted({t for t in tags if t in counts and t not in taken})
        taken.update(found)
        return [(t, counts[t]) for t in found]

    found: list[Listing] = []
    for kind in ACTOR_KINDS:
        found.append(Listing(f"tags/kinds/{kind}.md", KIND_PLURALS[kind], "Kinds", claim([KIND_PLURALS[kind]])))
    for topic_id in sorted(corpus.topics):
        title = corpus.topics[topic_id].title
        found.append(Listing(f"tags/topics/{topic_id}.md", f"Topic: {title}", "Topics", claim([f"Topic: {title}"])))
    countries = {f"Country: {corpus.actors[a.country.value].name}" for a in corpus.actors.values()
                 if a.country and a.country.value in corpus.actors}
    found.append(Listing("tags/countries.md", "Countries", "Countries", claim(countries)))
    found.append(Listing("tags/other.md", "Other tags", "Other tags", claim(counts)))
    return [listing for listing in found if listing.tags]


def build(site: Site) -> Iterator[tuple[str, str]]:
    if not site.options.tags:
        return
    counts = tag_counts(site)
    size = site.options.page_size
    if not 0 < size < sum(counts.values()):
        yield PAGE, "# Tags\n\nPages by kind, country and topic.\n\n<!-- material/tags -->\n"
        return
    pages = listings(site, counts)
    groups: dict[str, list[tuple[str, int, str]]] = {}
    for listing in pages:
        groups.setdefault(listing.group, []).extend((tag, count, listing.path) for tag, count in listing.tags)
    yield PAGE, render("tags_index.md.j2", groups=list(groups.items()), tag_count=len(counts), ln=site.linker(PAGE))
    for listing in pages:
        yield listing.path, render("tags_listing.md.j2", listing=listing, ln=site.linker(listing.path))
