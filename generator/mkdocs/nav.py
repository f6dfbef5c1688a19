"""The site's navigation when mkdocs.yml sets none: the generated sections, then the hand-written pages."""

from __future__ import annotations

from pathlib import Path

from ..load.links import is_refused

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


def short_nav(docs_dir: Path, *, tags: bool, refused: set[str]) -> list[dict[str, str]]:
    """The sections (with Tags when the tags plugin is on), then the top-level hand-written pages
    (about, contributing, ...) whose links the project allows."""
    sections = SECTIONS + ((TAGS_SECTION,) if tags else ())
    hand_written = [page for page in _hand_written_pages(docs_dir) if not is_refused(page, refused)]
    return [{title: path} for title, path in sections] + hand_written  # type: ignore[list-item]


def _hand_written_pages(docs_dir: Path) -> list[str]:
    if not docs_dir.is_dir():
        return []
    return sorted(p.name for p in docs_dir.glob("*.md") if p.name != "index.md")
