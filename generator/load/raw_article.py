"""The delivered seed format, read exactly as delivered (see the contract, "Raw seed articles").

    paragraph lines, or blank-line-separated blocks of wrapped lines
    (blank line)
    - Headline - Outlet          sources: split at the LAST " - ", " – " or " — "
    Written by                   footer: this line and all after it is a disclosure

and the furniture of wire copy and web pastes around the story (headline, byline, timestamp lines,
dateline, credits, notices, related links: core/furniture.py), which becomes metadata, never story.

Pure functions over text: no files, no YAML. The words are never rewritten.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from ..core.characters import first_not_text
from ..model import SourceItem
from ..core.furniture import Furniture, FurnitureLine, read_furniture

FOOTER_MARKER = "Written by"
SOURCE_SEPARATORS = (" - ", " – ", " — ")
# Lines of a block longer than this are whole paragraphs, not wrapped lines of one (wrapped text is
# filled to ~72-80 columns; a delivered one-paragraph-per-line text has lines of hundreds).
WRAPPED_LINE_MAX = 100


class ArticleDecodeError(ValueError):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line = line
        self.column = column


def decode(data: bytes) -> str:
    """UTF-8 with or without a BOM; LF, CRLF or CR line ends become LF."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise ArticleDecodeError(
            line, column, f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        ) from None
    if "\x00" in text:
        raise ArticleDecodeError(1, 0, "contains NUL bytes: this is a binary file, not a text article")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = first_not_text(text)
    if bad:
        raise ArticleDecodeError(*bad)
    return text


@dataclass
class RawArticle:
    paragraphs: list[tuple[int, str]]  # (1-based line where the paragraph starts, text)
    sources: list[SourceItem]
    disclosure: list[str]
    # (1-based line, message): lines that look like a source list, a source, the footer or furniture
    # but do not match the format, so they were read as something else. Shown as located warnings.
    warnings: list[tuple[int, str]] = field(default_factory=list)
    furniture: Furniture = field(default_factory=Furniture)  # what the furniture lines tell
    delivered: list[FurnitureLine] = field(default_factory=list)  # the furniture lines as delivered


def split_source_line(line: str) -> SourceItem:
    """`- Headline - Outlet` → (Headline, Outlet), split at the last separator of any kind."""
    text = line.strip()[1:].strip()
    cut = max((text.rfind(sep), sep) for sep in SOURCE_SEPARATORS)
    index, sep = cut
    if index <= 0:
        return SourceItem(headline=text, outlet="")
    return SourceItem(headline=text[:index].strip(), outlet=text[index + len(sep):].strip())


def _is_source_line(line: str) -> bool:
    return line.startswith("- ") and len(line.strip()) > 1


# Near misses of the format, as delivered texts and hand-made ones have them.
_FOOTER_LIKE = re.compile(r"(?i)written\s+by\s*(?::.*)?\Z")  # "Written by:", "written by", "Written by: Jane"
_SOURCES_HEADING = re.compile(r"(?i)(?:sources?|references)\s*:?\Z")  # "Sources:", "Source", "References:"
_OTHER_BULLET = re.compile(r"(?:[*•·+–—]|\d{1,3}[.)])\s+\S")  # "* x", "• x", "1. x"
SOURCE_FORM = "`- Headline - Outlet`"


def _blocks(lines: list[tuple[int, str | None]]) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines; a blank line or a furniture line (None) ends one."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in lines:
        if line is not None and line.strip():
            blocks[-1].append((number, line.strip()))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _paragraphs_of(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    if all(len(line) <= WRAPPED_LINE_MAX for _, line in block[:-1]):
        return [(block[0][0], " ".join(line for _, line in block))]
    return block


def _footer(lines: list[str], warnings: list[tuple[int, str]]) -> tuple[list[str], list[str], int | None]:
    """(the lines above the footer, the disclosure lines, the index of a line that looks like the
    footer marker but is not it)."""
    for index, line in enumerate(lines):
        if line.strip() == FOOTER_MARKER:
            return lines[:index], [l.strip() for l in lines[index + 1:] if l.strip()], None
    for index, line in enumerate(lines):
        if _FOOTER_LIKE.match(line.strip()):
            warnings.append((index + 1, f"this looks like the disclosure footer: write `{FOOTER_MARKER}` alone on its line, "
                                        "with the disclosure on the lines after it (read as body text)"))
            return lines, [], index
    return lines, [], None


def _sources(lines: list[str], near_footer: int | None, warnings: list[tuple[int, str]]) -> tuple[list[str], list[SourceItem]]:
    """(the body lines, the sources): the trailing run of "- " lines after a blank line (or a
    `Sources:` heading), with a warning for each near miss."""
    start = len(lines)
    while start > 0 and _is_source_line(lines[start - 1]):
        start -= 1
    heading = 0 < start < len(lines) and bool(_SOURCES_HEADING.match(lines[start - 1].strip()))
    above = start - 1 if heading else start  # the line that must be blank (or the start of the text)
    if start < len(lines) and (above == 0 or not lines[above - 1].strip()):
        for number, line in enumerate(lines[start:], start + 1):
            if not any(sep in line.strip()[1:] for sep in SOURCE_SEPARATORS):
                warnings.append((number, f"source line has no ' - ' before an outlet: write {SOURCE_FORM} (read as a headline with no outlet)"))
        return lines[:above], [split_source_line(line) for line in lines[start:]]
    _near_source_list(lines, near_footer, warnings)
    return lines, []


def _near_source_list(lines: list[str], near_footer: int | None, warnings: list[tuple[int, str]]) -> None:
    """No source list was found: warn when the last block of text (above a near-miss footer, if any)
    ends in what looks like one that missed the format. A bulleted list mid-article is body text."""
    end = near_footer if near_footer is not None else len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    first = end
    while first > 0 and lines[first - 1].strip():
        first -= 1
    block = [(number, line.strip()) for number, line in enumerate(lines[first:end], first + 1)]
    run = len(block)
    while run > 0 and (_is_source_line(block[run - 1][1]) or _OTHER_BULLET.match(block[run - 1][1])):
        run -= 1
    bullets = block[run:]
    if not bullets:
        return
    other = next((n for n, line in bullets if not _is_source_line(line)), None)
    if other is not None:
        warnings.append((other, f"this looks like the source list, but each source starts with '- ': write {SOURCE_FORM} (read as body text)"))
    elif run > 1 or (run == 1 and not _SOURCES_HEADING.match(block[0][1])):  # text right above the list
        warnings.append((bullets[0][0], "this looks like the source list, but no blank line separates it from the text above (read as body text)"))
    else:
        warnings.append((bullets[0][0], f"this looks like the source list, but only the `{FOOTER_MARKER}` footer may follow it (read as body text)"))


def parse_raw(text: str, language: str = "", known_date: datetime.date | None = None, known_year: int | None = None,
              title_hint: str = "") -> RawArticle:
    """The article in `text`. `language`: the text's (for dates in its own words); `known_date`,
    `known_year`: what the sidecar or the container says, which a dateline without a year takes its
    year from; `title_hint`: a headline known from elsewhere (an e-mail's subject, a page's title)."""
    warnings: list[tuple[int, str]] = []
    lines, disclosure, near_footer = _footer([line.rstrip() for line in text.split("\n")], warnings)
    while lines and not lines[-1].strip():
        lines.pop()
    lines, sources = _sources(lines, near_footer, warnings)
    furniture = read_furniture(lines, language, known_date, known_year or (known_date.year if known_date else None), title_hint=title_hint)
    warnings += furniture.warnings
    # Furniture lines end a paragraph (None) but are no blank line: whether the text is one paragraph
    # per line or blocks of wrapped lines is decided by the story lines alone.
    body: list[tuple[int, str | None]] = []
    for index, line in enumerate(lines):
        if index in furniture.lines:
            body.append((index + 1, None))
        elif furniture.dateline is not None and index == furniture.dateline[0]:
            body.append((index + 1, line.strip()[furniture.dateline[1]:].strip()))
        else:
            body.append((index + 1, line))
    story = [line for _, line in body if line is not None]
    if any(not line.strip() for line in _trim(story)):
        paragraphs = [p for block in _blocks(body) for p in _paragraphs_of(block)]
    else:
        paragraphs = [(number, line.strip()) for number, line in body if line is not None and line.strip()]
    return RawArticle(paragraphs=paragraphs, sources=sources, disclosure=disclosure, warnings=warnings,
                      furniture=furniture, delivered=furniture.delivered(lines))


def _trim(lines: list[str]) -> list[str]:
    first = next((i for i, l in enumerate(lines) if l.strip()), len(lines))
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), -1)
    return lines[first : last + 1]
