"""The one place where text from a seed or a YAML file becomes Markdown.

Every template expression passes through `finalize` (see environment.py), which calls `text()` on
anything that is not already `Markdown`. `Markdown` values are produced only by the builders below,
which escape every piece of contributor text they put in. So a value is escaped exactly once, and
`<script>`, `{: onclick=... }`, `[x](javascript:...)`, `{{ ... }}` or a stray `|` reach the reader as
the characters they are, never as markup.

Escaping uses numeric character references, which Python-Markdown passes through untouched and the
browser shows as the character: `*` becomes `&#42;`, so it can neither start emphasis nor be seen
differently by a reader or by search.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# Characters with a meaning in Markdown, its extensions (tables, attr_list, abbr, footnotes) or HTML.
_INLINE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\\": "&#92;",
        "`": "&#96;",
        "*": "&#42;",
        "_": "&#95;",
        "[": "&#91;",
        "]": "&#93;",
        "{": "&#123;",
        "}": "&#125;",
        "|": "&#124;",
        "!": "&#33;",
        "#": "&#35;",
        "~": "&#126;",
        "^": "&#94;",
        "$": "&#36;",
        "\n": " ",
        "\r": " ",
        "\t": " ",
    }
)
# At the start of a line these make a list, heading, rule or quote: "- x", "1. x", "=== ".
_LINE_START = re.compile(r"^(\s*)([-+=:]|\d+(?=[.)]))")


class Markdown(str):
    """Markdown that is safe to place in a page as is: built here from escaped parts."""


def text(value: object) -> Markdown:
    """Any value as inline Markdown that renders as exactly its characters."""
    if isinstance(value, Markdown):
        return value
    escaped = str(value).translate(_INLINE)
    match = _LINE_START.match(escaped)
    if match:
        lead = match.group(2)
        if lead.isdigit():  # "1." would start an ordered list: escape the dot after the number
            rest = escaped[match.end():]
            escaped = match.group(1) + lead + "&#" + str(ord(rest[0])) + ";" + rest[1:]
        else:
            escaped = match.group(1) + f"&#{ord(lead)};" + escaped[match.end():]
    # Four leading spaces (tabs became spaces above) would make the value an indented code block
    # when it starts a line, e.g. a `summary: "    x"`: the first space becomes a character reference.
    # (Found by tests/test_properties.py.)
    if escaped.startswith("    "):
        escaped = "&#32;" + escaped[1:]
    return Markdown(escaped)


def link(label: object, target: str) -> Markdown:
    """A link to a page of this site: `target` is a docs-relative .md path built from a validated id."""
    return Markdown(f"[{text(label)}]({quote(target, safe='/#.-_~')})")


def safe_url(url: str) -> str | None:
    """The URL if it is http(s) and well formed, else None (javascript:, data:, file: are refused)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url.strip()):
        return None
    return url.strip()


def external_link(label: object, url: str) -> Markdown:
    """A link that leaves the site, or plain text when the URL is not http(s)."""
    good = safe_url(url)
    if good is None:
        return text(label)
    href = quote(good, safe=":/?#[]@!$&'()*+,;=%~-._")
    href = href.replace("(", "%28").replace(")", "%29")
    return Markdown(f'[{text(label)}]({href}){{: rel="noopener" target="_blank" }}')


_SCHEME_LINK = re.compile(r"(\]\(\s*<?|^\s{0,3}\[[^\]\n]+\]:\s*<?)([A-Za-z][A-Za-z0-9+.-]*):", re.MULTILINE)
_AUTHOR_INERT = str.maketrans({"<": "&lt;", "{": "&#123;", "}": "&#125;"})


def author_markdown(value: str) -> Markdown:
    """The body of a `.md` article: its Markdown formatting is kept, but raw HTML, attribute lists
    and links to anything but http(s), mailto or pages of the site are made inert text."""
    inert = value.translate(_AUTHOR_INERT)

    def defuse(match: re.Match[str]) -> str:
        opener, scheme = match.group(1), match.group(2)
        if scheme.lower() in ("http", "https", "mailto"):
            return match.group(0)
        # Break the link syntax itself, so no element with that URL is ever made.
        if opener.startswith("]"):
            return "]&#40;" + opener[2:] + scheme + ":"
        return opener.replace("[", "&#91;", 1) + scheme + ":"

    return Markdown(_SCHEME_LINK.sub(defuse, inert))


def html_text(value: object) -> str:
    """Text for raw HTML we build ourselves (inline SVG, the stance matrix): content or attribute value."""
    return (
        str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;").replace("'", "&#39;")
        # Markdown never looks inside a raw HTML block, but keep template syntax inert anyway.
        .replace("{", "&#123;").replace("}", "&#125;")
    )


def join(parts: list[Markdown], separator: str = ", ") -> Markdown:
    return Markdown(text(separator).join(parts))
