"""The site Zensical built, finished as the `briefing` plugin finishes each page under MkDocs:
the Atom feed announced in every page's head, the Pagefind markup and search box, then Pagefind's
index over the whole site. Safe to run again over a site it finished (Zensical leaves pages it did
not rebuild as they were): a finished page is recognised and left alone."""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.utils import get_relative_url

from ..pages.feed import FEED
from ..search import pagefind
from ..search.finish import finish_page

_FEED_LINK = 'rel="alternate feed"'
_BOOSTED = re.compile(r"^search:\n\s+boost:", re.MULTILINE)
_SKIPPED = ("assets/", pagefind.BUNDLE + "/", "404.html")


def finish(site: Path, docs: Path, site_name: str, *, search: bool) -> int:
    """Finish every built page of `site` (made from the Markdown in `docs`); how many were changed."""
    changed = 0
    for folder, subfolders, files in os.walk(site):
        subfolders.sort()
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = Path(folder, name)
            rel = path.relative_to(site).as_posix()
            if rel.startswith(_SKIPPED):
                continue
            html = path.read_text(encoding="utf-8")
            if _FEED_LINK in html:
                continue  # finished by an earlier run
            path.write_text(page_html(html, _url(rel), docs, site_name, search=search), encoding="utf-8")
            changed += 1
    return changed


def page_html(html: str, url: str, docs: Path, site_name: str, *, search: bool) -> str:
    """What plugin.py's on_post_page does to a page, for a page Zensical built."""
    return finish_page(html, url, get_relative_url(FEED, url), site_name, search=search, boosted=search and _boosted(docs, url))


def _url(rel: str) -> str:
    """The page's URL as MkDocs names it: `actors/china/index.html` -> `actors/china/`."""
    if rel == "index.html":
        return ""
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def _boosted(docs: Path, url: str) -> bool:
    """Whether the page's front matter gives it a search boost (an actor page)."""
    stem = url.rstrip("/") or "index"
    for source in (docs / f"{stem}.md", docs / stem / "index.md"):
        try:
            with open(source, encoding="utf-8") as file:
                head = file.read(4096)
        except OSError:
            continue
        if head.startswith("---\n"):
            end = head.find("\n---\n", 3)
            return bool(_BOOSTED.search(head[: end if end >= 0 else len(head)]))
        return False
    return False
