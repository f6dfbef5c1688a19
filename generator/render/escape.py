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

import html
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
# Most pieces of text hold none of those: a search is much cheaper than a translate that changes nothing.
_NEEDS_INLINE = re.compile("[" + re.escape("".join(map(chr, _INLINE))) + "]")
# At the start of a line these make a list, heading, rule or quote: "- x", "1. x", "=== ".
_LINE_START = re.compile(r"^(\s*)([-+=:]|\d+(?=[.)]))")
# Text that needs none of the changes below (most of it): one match instead of three checks.
_PLAIN = re.compile(r"(?!\s*(?:[-+=:]|\d+[.)]))(?! {4})[^" + re.escape("".join(map(chr, _INLINE))) + r"]*\Z")


class Markdown(str):
    """Markdown that is safe to place in a page as is: built here from escaped parts."""

    raw_html = False  # see HtmlParagraph


def text(value: object) -> Markdown:
    """Any value as inline Markdown that renders as exactly its characters."""
    if isinstance(value, Markdown):
        return value
    escaped = str(value)
    if _PLAIN.match(escaped):
        return Markdown(escaped)
    if too_many_inline_tokens(escaped):
        return _code_span(escaped)
    if _NEEDS_INLINE.search(escaped):
        escaped = escaped.translate(_INLINE)
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
    # (Found by tests/unit/test_properties.py.)
    if escaped.startswith("    "):
        escaped = "&#32;" + escaped[1:]
    return Markdown(escaped)


# Python-Markdown rebuilds a paragraph's whole text once per inline token it finds (a character
# reference, a link, an emphasis): a paragraph of 200,000 `[` took over a minute. No paragraph a person
# writes holds this many characters that mean something to Markdown; one that does is shown as plain
# text in a raw HTML paragraph, which Markdown passes through in one step (and without actor links).
MAX_INLINE_TOKENS = 2_000


class HtmlParagraph(Markdown):
    """A whole paragraph as raw HTML text (see MAX_INLINE_TOKENS); templates give it its own element."""

    raw_html = True


def too_many_inline_tokens(value: str) -> bool:
    return len(value) > MAX_INLINE_TOKENS and sum(1 for _ in zip(range(MAX_INLINE_TOKENS + 1), _NEEDS_INLINE.finditer(value))) > MAX_INLINE_TOKENS


def html_paragraph(value: str) -> HtmlParagraph:
    return HtmlParagraph(html_text(value))


_BACKTICKS = re.compile("`+")


def _code_span(value: str) -> Markdown:
    """A value with more than MAX_INLINE_TOKENS characters that mean something to Markdown (a YAML
    `summary` of 200,000 `*` took minutes), as one inline code span: Python-Markdown takes a code
    span in one step and shows its content as written, so it stays the same characters, in code
    type. Inline, unlike `html_paragraph`: a value may sit in a table cell, a list item or a heading.
    The fence is one backtick longer than any run inside; the spaces keep a backtick at either end
    from joining the fence (Python-Markdown strips them again)."""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(value)), default=0) + 1)
    flat = value.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return Markdown(f"{fence} {flat} {fence}")


def bold(value: object) -> Markdown:
    return Markdown(f"**{text(value)}**")


def link_target(target: str) -> str:
    """A docs-relative .md path (built from a validated id) as a link destination."""
    return target if _URL_SAFE.match(target) else quote(target, safe="/#.-_~")


def link(label: object, target: str) -> Markdown:
    """A link to a page of this site: `target` is a docs-relative .md path built from a validated id."""
    return Markdown(f"[{text(label)}]({link_target(target)})")


_URL_SAFE = re.compile(r"[A-Za-z0-9/#._~-]*\Z")  # what quote(..., safe="/#.-_~") leaves as it is


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


# Where a link destination starts: after `](` (inline link or image) or after `[label]:` (a reference
# definition, whose URL may be on the next line; Python-Markdown allows any label without brackets).
# Not anchored to the line start: a definition inside a quote, list item or admonition (`> [r]: …`)
# still defines `[x][r]` for the whole page.
_LINK_OPENER = re.compile(r"\]\(|\[[^\[\]]*\]:")
_AUTHOR_INERT = str.maketrans({"<": "&lt;", "{": "&#123;", "}": "&#125;"})
_SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_SCHEME_CHARS = re.compile(r"[A-Za-z0-9+.-]*")
# How far past an opener the scheme is looked for. A destination that is still undecided there (only
# padding and scheme characters so far) is defused: the check stays linear whatever the input.
_SCHEME_WINDOW = 256


def _browser_scheme_start(raw: str) -> str:
    """The start of a link destination as a browser reads the href Python-Markdown makes of it.

    Python-Markdown copies character references (`&#58;`, `&colon;`) into the href unchanged, and the
    browser decodes them; the URL parser then drops tabs and newlines anywhere and C0 controls and
    spaces in front. So `javascript&#58;x`, `\x01javascript:x` and `java&#10;script:x` all run
    script. Backslashes, every kind of leading whitespace and quote markers are dropped too (more
    than a browser does), so the check errs on the side of breaking a link.
    (Fixed after tests/unit/test_properties.py found these.)
    """
    decoded = html.unescape(raw) if "&" in raw else raw
    return _LEADING_JUNK.sub("", decoded.translate(_DROPPED_IN_URL), count=1)


_DROPPED_IN_URL = str.maketrans({"\t": None, "\n": None, "\r": None, "\\": None})
_LEADING_JUNK = re.compile(r"^[\x00-\x20\s>]+")  # `>`: a quote's marker before a URL on the next line


def _other_host(raw: str) -> bool:
    r"""Whether a link destination without a scheme names another host: a protocol-relative URL
    (`//host/x`), which the browser completes with the page's scheme, so it is a link off the site.
    The browser reads `\` as `/` in an http(s) URL and drops tabs and newlines anywhere, so `/\host`,
    `\\host`, `\/host` and `/&#9;/host` are such URLs too. (Backslashes are kept here: dropping
    them, as `_browser_scheme_start` does, would read `\\host` as the relative `host`.) Errs on the
    side of text: `\\host`, which Python-Markdown makes `\host` (a path of this site), is broken too."""
    decoded = html.unescape(raw) if "&" in raw else raw
    start = _LEADING_JUNK.sub("", decoded.translate(_DROPPED_IN_HREF), count=1)
    return _TWO_SLASHES.match(start) is not None


_DROPPED_IN_HREF = str.maketrans({"\t": None, "\n": None, "\r": None})
_TWO_SLASHES = re.compile(r"[/\\]{2}")
_PARTIAL_REFERENCE = re.compile(r"&[#A-Za-z0-9]*$")


# Python-Markdown looks for the end of every `[` (and of every `](` destination) to the end of its
# block: input of many unclosed openers takes quadratic time (upstream issue #798; 20,000 `[` took two
# minutes). Openers that cannot be a link are made text first, so its search always ends close by.
# No real label or destination is this long; a longer one stays text, as written.
MAX_LABEL = 1_000
MAX_DESTINATION = 2_000
_BRACKET = re.compile(r"\\.|[\[\]]")


def _bounded_links(text: str) -> str:
    """`text` with every `[` that has no matching `]` within MAX_LABEL characters, and every `](`
    with no `)` within MAX_DESTINATION, turned into character references. One pass: linear."""
    if "[" not in text:
        return text
    opened: list[int] = []
    inert: list[int] = []  # positions of `[` and `(` to make text
    for match in _BRACKET.finditer(text):
        token, at = match.group(0), match.start()
        if token == "[":
            opened.append(at)
        elif token == "]" and opened:
            start = opened.pop()
            if at - start > MAX_LABEL:
                inert.append(start)
            elif text.startswith("(", at + 1) and text.find(")", at + 2, at + 2 + MAX_DESTINATION) == -1:
                inert.append(at + 1)
    inert.extend(opened)
    if not inert:
        return text
    out, cursor = [], 0
    for at in sorted(inert):
        out.append(text[cursor:at])
        out.append("&#91;" if text[at] == "[" else "&#40;")
        cursor = at + 1
    out.append(text[cursor:])
    return "".join(out)


def author_markdown(value: str) -> Markdown:
    """The body of a `.md` article: its Markdown formatting is kept, but raw HTML, attribute lists
    and links to anything but http(s), mailto or pages of the site (a protocol-relative `//host/x`
    is not one) are made inert text. Images become links to the image: an image from another host
    would be a request the reader never asked for, and the site promises none."""
    inert = _bounded_links(value.translate(_AUTHOR_INERT)).replace("![", "&#33;[")
    out: list[str] = []
    cursor = 0
    for match in _LINK_OPENER.finditer(inert):
        window = inert[match.end() : match.end() + _SCHEME_WINDOW]
        cut = len(window) == _SCHEME_WINDOW
        if cut:  # a character reference cut in two by the window must not decode to something else
            window = _PARTIAL_REFERENCE.sub("", window)
        start = _browser_scheme_start(window)
        scheme = _SCHEME.match(start)
        if scheme:
            safe = scheme.group(0)[:-1].lower() in _SAFE_SCHEMES
        elif _other_host(window):  # `//host/x`: no scheme, yet not a page of this site
            safe = False
        else:
            # No scheme: a relative link to a page of the site, unless the window ran out undecided.
            undecided = cut and _SCHEME_CHARS.fullmatch(start) is not None
            safe = not undecided
        if safe:
            continue
        # Break the link syntax itself, so no element with that URL is ever made.
        opener = match.group(0)
        out.append(inert[cursor : match.start()])
        out.append("]&#40;" if opener.startswith("]") else opener.replace("[", "&#91;", 1))
        cursor = match.end()
    out.append(inert[cursor:])
    return Markdown("".join(out))


_HTML = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    # Markdown never looks inside a raw HTML block, but keep template syntax inert anyway.
    "{": "&#123;", "}": "&#125;",
})
_NEEDS_HTML = re.compile("[&<>\"'{}]")


def html_text(value: object) -> str:
    """Text for raw HTML we build ourselves (inline SVG, the stance matrix): content or attribute value."""
    value = str(value)
    # Most names and labels need no change: one search instead of a translate.
    return value.translate(_HTML) if _NEEDS_HTML.search(value) else value
