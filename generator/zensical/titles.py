"""Each generated page's title in its front matter, so `<title>` shows escaped text as text.

Our Markdown escapes every value from seeds and YAML with character references, so a page's first
heading renders as `&lt;/title&gt;&lt;script&gt;…`. The theme writes `page.title | striptags` into
`<title>`, and `striptags` decodes the references again: the text would end the element and run
the script. Under MkDocs the plugin pins the rendered title in `page.meta.title`, which the theme
writes as it is (mkdocs/theme_boundary.py); Zensical runs no plugin, so the same rendered title is
written into the page's front matter here. Pages whose front matter already has a title keep it;
the home page keeps the site name.
"""

from __future__ import annotations

import json
import re

import markdown as python_markdown

_HEADING = re.compile(r"^# (.+)$", re.MULTILINE)
_TAG = re.compile(r"<[^>]*>")
_FRONT = "---\n"
_MARKDOWN = python_markdown.Markdown(extensions=["attr_list"])  # one for every page: made once


def pin_title(path: str, text: str) -> str:
    """`text` (the Markdown of the page at `path`) with `title:` in its front matter."""
    if path == "index.md":
        return text
    body_at = 0
    front = ""
    if text.startswith(_FRONT):
        end = text.find("\n---\n", len(_FRONT) - 1)
        if end < 0:
            return text
        front, body_at = text[len(_FRONT): end + 1], end + len("\n---\n")
        if re.search(r"^title:", front, re.MULTILINE):
            return text
    heading = _HEADING.search(text, body_at)
    if heading is None:
        return text
    title = rendered_title(heading.group(1))
    if not title:
        return text
    line = f"title: {json.dumps(title, ensure_ascii=False)}\n"
    return _FRONT + front + line + "---\n" + (text[body_at:] if front or text.startswith(_FRONT) else "\n" + text)


def rendered_title(heading: str) -> str:
    """The heading as MkDocs makes a page title of it: its HTML with the tags taken out (character
    references kept, so the text stays text where the theme prints it)."""
    html = _MARKDOWN.reset().convert("# " + heading)
    return _TAG.sub("", html).strip()
