"""Article pages (`articles/<id>/`): the text word for word, with paragraph anchors and actor links."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.mentions import Mention
from ..model import Article, Paragraph
from ..render.environment import render
from ..render.escape import Markdown, author_markdown, html_paragraph, text, too_many_inline_tokens
from .site import Linker, Site, article_path
from .reuse import reused
from .tags import article_tags, front_matter


def linked_paragraph(paragraph: Paragraph, mentions: list[Mention], linker: Linker) -> Markdown:
    """The paragraph as Markdown, the first mention of each actor linked (a later one stays text)."""
    if too_many_inline_tokens(paragraph.text):
        return html_paragraph(paragraph.text)
    piece = author_markdown if paragraph.markdown else text
    out: list[str] = []
    seen: set[str] = set()
    cursor = 0
    for mention in mentions:
        if mention.actor_id in seen:
            continue
        seen.add(mention.actor_id)
        out.append(piece(paragraph.text[cursor : mention.start]))
        out.append(linker.actor(mention.actor_id, paragraph.text[mention.start : mention.end]))
        cursor = mention.end
    out.append(piece(paragraph.text[cursor:]))
    return Markdown("".join(out))


def build(site: Site) -> Iterator[tuple[str, str]]:
    for article_id in sorted(site.corpus.articles):
        yield from reused(site.reuse, "article", article_id, lambda: inputs(site, article_id), lambda: _pages(site, article_id))


def inputs(site: Site, article_id: str) -> tuple:
    """Everything an article's page is made from (reuse.py): the article, its mentions, the profiles
    of the actors it mentions, its topics, the options."""
    article = site.corpus.articles[article_id]
    actors, topics = site.corpus.actors, site.corpus.topics
    return (
        site.options, article, site.mentions.of_article(article_id),
        tuple((actor_id, actors.get(actor_id)) for actor_id in site.mentions.actors_in(article_id)),
        tuple((t.value, topics.get(t.value)) for t in article.topics),
    )


def _pages(site: Site, article_id: str) -> Iterator[tuple[str, str]]:
    page = article_path(article_id)
    yield page, render_article(site, site.corpus.articles[article_id], site.linker(page))


def render_article(site: Site, article: Article, linker: Linker) -> str:
    mentions = site.mentions.by_article.get(article.id, [])
    paragraphs = [
        (paragraph, linked_paragraph(paragraph, mentions[index] if index < len(mentions) else [], linker))
        for index, paragraph in enumerate(article.paragraphs)
    ]
    return render(
        "article.md.j2",
        front_matter=front_matter(article_tags(article, site.corpus) if site.options.tags else []),
        article=article,
        paragraphs=paragraphs,
        actors=[(site.corpus.actors[a], count) for a, count in site.mentions.actor_counts(article.id).items()],
        topics=[t.value for t in article.topics if t.value in site.corpus.topics],
        story_lang=story_language(article.lang, site.options.language),
        ln=linker,
    )


def story_language(lang: str, site_language: str) -> str:
    """The `lang` the story's paragraphs carry: the article's, when it is not the site's own (an
    English site's English article needs none; the page's <html lang> already says it)."""
    primary = lambda tag: tag.split("-")[0].lower()  # noqa: E731
    return lang if lang and primary(lang) != primary(site_language) else ""
