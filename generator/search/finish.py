"""What every built site gets whatever builds it (MkDocs, ProperDocs or Zensical): the site's own
stylesheet and script (and Pagefind's, with Pagefind), and on each page once themed the feed link in
its head and, with Pagefind, the search markup."""

from __future__ import annotations

from ..pages.book import PAGE as BOOK
from . import pagefind
from ..render.assets import asset as render_asset
from ..render.escape import html_text

BOOK_FOLDER = BOOK.rsplit("/", 1)[0] + "/"
STYLESHEET = "assets/briefing.css"
SCRIPT = "assets/briefing.js"


def stylesheets(search: bool) -> list[str]:
    """The site paths of the stylesheets every page links, in order (`search`: Pagefind's box too)."""
    return [STYLESHEET] + ([pagefind.STYLESHEET] if search else [])


def scripts(search: bool) -> list[str]:
    return [SCRIPT] + ([pagefind.SCRIPT] if search else [])


def asset_files(search: bool) -> list[tuple[str, str]]:
    """Each of those files: (site path, text)."""
    return [(STYLESHEET, render_asset(STYLESHEET)), (SCRIPT, render_asset(SCRIPT))] + (
        [(pagefind.STYLESHEET, pagefind.asset(pagefind.STYLESHEET)), (pagefind.SCRIPT, pagefind.asset(pagefind.SCRIPT))]
        if search else []
    )


def finish_page(html: str, url: str, feed_href: str, site_name: str, *, search: bool, boosted: bool) -> str:
    """The Atom feed announced in the page's head (`feed_href`: the feed's address from the page), so
    browsers and readers find it; with Pagefind (`search`), its markup and the search box."""
    # "alternate feed", not "alternate" alone: Material's script takes every link[rel=alternate] (exact
    # match) for a translation of the site and downloads the sitemap.xml beside it on every page load,
    # 1.9 MB at 10,000 articles before a reader's first search (docs/performance.md). Feed readers and
    # browsers look for the "alternate" token, which is still there.
    feed = f'<link rel="alternate feed" type="application/atom+xml" title="{html_text(site_name)}" href="{feed_href}">\n'
    html = html.replace("</head>", feed + "</head>", 1)
    if search:
        # The briefing book repeats every other page: indexing it would double every hit.
        html = pagefind.page_html(html, url, indexed=not url.startswith(BOOK_FOLDER), boosted=boosted)
    return html
