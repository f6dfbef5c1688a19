"""The banner `mkdocs serve` puts on every page while seeds/ (or docs/) has errors.

A broken edit must show in the browser, not only in the terminal: the preview is built from the
valid files (generator/preview.py) and each page says, at its top, which located errors keep the
rest out. The banner is raw HTML added to the finished page (on_post_page), so it needs no Markdown
and no theme change; every message goes through escape.html_text. `mkdocs build` never adds it.
"""

from __future__ import annotations

import re

from ..problems import Problem
from ..render.escape import html_text

SHOWN = 50  # a long list is cut: the terminal (and `briefing check`) has all of them

# Material's content column; the banner goes at its top. Any other theme: right after <body>.
_CONTENT_START = re.compile(r'<article class="md-content__inner[^"]*">')
_BODY_START = re.compile(r"<body[^>]*>")
_STYLE = (
    "border:2px solid #c62828;background:#fff3f3;color:#b71c1c;padding:0.6em 1em;margin:0 0 1em;"
    "font-size:0.75rem;line-height:1.4;border-radius:4px"
)


def banner_html(errors: list[Problem], left_out: list[str]) -> str:
    count = len(errors)
    items = "".join(f"<li><code>{html_text(str(problem))}</code></li>" for problem in errors[:SHOWN])
    more = f"<li>… and {count - SHOWN} more (run <code>briefing check</code>)</li>" if count > SHOWN else ""
    also = ""
    if left_out:
        names = ", ".join(f"<code>{html_text(path)}</code>" for path in left_out)
        also = f"<p>Also left out, because they refer to a file with errors: {names}</p>"
    return (
        f'<div class="briefing-errors" role="alert" style="{_STYLE}">'
        f"<p><strong>{count} error{'s' * (count != 1)} in the briefing's files.</strong> This preview leaves out the files "
        "with errors; <code>mkdocs build</code> refuses until they are fixed.</p>"
        f"<ul>{items}{more}</ul>{also}</div>"
    )


def add_banner(page_html: str, banner: str) -> str:
    for start in (_CONTENT_START, _BODY_START):
        match = start.search(page_html)
        if match:
            return page_html[: match.end()] + banner + page_html[match.end():]
    return banner + page_html
