"""Where our escaped text meets the theme's templates: the one place that keeps it text there.

Our Markdown escapes every seed and YAML value (render/escape.py), so a page's first heading renders
as HTML with character references: `Breakout &lt;/title&gt;…`. MkDocs takes the page title from that
heading with the tags stripped and the references kept (`Page.title` is HTML), and Material prints it
as HTML in the header, nav, breadcrumbs and footer, which is right. But in `<title>` it writes
`page.title | striptags`, and Jinja's `striptags` *unescapes* the references again: a title holding
`</title><script>…` would end the element and run the script in every reader's browser.

Material writes `page.meta.title` into `<title>` as it is (no striptags) and prefers it everywhere
else too, so pinning the rendered title there makes the tab show the characters as written, with
no double escaping anywhere. Pages whose front matter sets a title (hand-written docs/ pages) keep it.
"""

from __future__ import annotations

from mkdocs.structure.pages import Page


def pin_title(page: Page) -> None:
    """Call once the page is rendered (MkDocs' on_page_content), when `page.title` is known."""
    if "title" not in page.meta and page.title and not page.is_homepage:  # the home tab shows the site name
        page.meta["title"] = page.title
