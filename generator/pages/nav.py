"""The site's sections, and the short navigation any builder gives when mkdocs.yml sets none."""

from __future__ import annotations

# The Markdown extensions the generated pages are written for, whatever converts them.
MARKDOWN_EXTENSIONS = ("attr_list", "tables", "admonition", "md_in_html", "toc")

SECTIONS = (
    ("Home", "index.md"),
    ("Topics", "topics/index.md"),
    ("Actors", "actors/index.md"),
    ("Articles", "articles/index.md"),
    ("Timeline", "timeline/index.md"),
    ("What changed", "changes/index.md"),
    ("Sources", "sources/index.md"),
    ("Network", "network/index.md"),
    ("Briefing book", "book/index.md"),
)
TAGS_SECTION = ("Tags", "tags/index.md")
# Only these belong in a nav; the other pages (one per article, actor, topic) are reached from them.
SECTION_PAGES = frozenset(path for _, path in SECTIONS + (TAGS_SECTION,))


def short_nav(hand_written: list[str], *, tags: bool) -> list:
    """The sections (with Tags when the tags plugin is on), then the top-level hand-written pages of
    docs/ (about, contributing, ...), by name."""
    sections = SECTIONS + ((TAGS_SECTION,) if tags else ())
    top = sorted(page for page in hand_written if "/" not in page and page.endswith(".md") and page != "index.md")
    return [{title: path} for title, path in sections] + top
