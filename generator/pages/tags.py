"""Tags for Material's tags plugin: by kind, country and topic. Only when the plugin is on.

The tags themselves go into each page's front matter (see `front_matter`); this module makes the
`tags/` page where the plugin lists them.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from ..model import KIND_PLURALS, Actor, Article, Corpus, Topic
from ..render.escape import Markdown, html_text
from .site import Site

PAGE = "tags/index.md"


# PyYAML's emitter (libyaml's when present): it quotes and escapes whatever a value holds, so the
# block always parses back to the same tags. A hand-made block was not: a character that JSON leaves
# raw but YAML refuses made MkDocs keep the whole block as Markdown, tags lost, links live.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(tags: list[str]) -> Markdown:
    """A YAML front matter block with `tags`. Material prints tag names without HTML escaping, so
    they are HTML-escaped here."""
    if not tags:
        return Markdown("")
    block = yaml.dump(
        {"tags": [html_text(t) for t in dict.fromkeys(tags)]},
        Dumper=_DUMPER, allow_unicode=True, default_flow_style=False, width=1_000_000,
    )
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


def build(site: Site) -> Iterator[tuple[str, str]]:
    if not site.options.tags:
        return
    yield PAGE, "# Tags\n\nPages by kind, country and topic.\n\n<!-- material/tags -->\n"
