"""The delivered seed format, read exactly as delivered (see the contract, "Raw seed articles").

    paragraph lines, or blank-line-separated blocks of wrapped lines
    (blank line)
    - Headline - Outlet          sources: split at the LAST " - ", " – " or " — "
    Written by                   footer: this line and all after it is a disclosure

Pure functions over text: no files, no YAML. The words are never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import SourceItem

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
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class RawArticle:
    paragraphs: list[tuple[int, str]]  # (1-based line where the paragraph starts, text)
    sources: list[SourceItem]
    disclosure: list[str]
    # (line, message): lines that look like part of the format but are not written as it expects
    warnings: list[tuple[int, str]] = field(default_factory=list)


SOURCE_FORM = "'- Headline - Outlet'"
# A heading a person puts above the source list ("Sources:", "References"): understood, and dropped.
_SOURCES_HEADING = re.compile(r"(?i)^(sources?|references?|further reading)\s*:?$")
# A footer written a little differently ("Written by:", "written by AI"): read as the footer, with a warning.
_FOOTER_LIKE = re.compile(r"(?i)^written\s+by\b")
# Bullets other than "- " that people use for a list.
_OTHER_BULLETS = ("* ", "• ", "– ", "— ", "+ ")
_DISCLOSURE_LIKE = re.compile(r"(?i)^(disclosure|this (article|text|summary) was (written|generated|produced))\b")


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


def _is_other_bullet(line: str) -> bool:
    return line.startswith(_OTHER_BULLETS) and len(line.strip()) > 1


def _blocks(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in lines:
        if line.strip():
            blocks[-1].append((number, line.strip()))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _paragraphs_of(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    if all(len(line) <= WRAPPED_LINE_MAX for _, line in block[:-1]):
        return [(block[0][0], " ".join(line for _, line in block))]
    return block


def parse_raw(text: str) -> RawArticle:
    lines = [line.rstrip() for line in text.split("\n")]
    warnings: list[tuple[int, str]] = []
    disclosure: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped == FOOTER_MARKER or _FOOTER_LIKE.match(stripped):
            if stripped != FOOTER_MARKER:
                warnings.append((index + 1, f"read as the footer: write the line as exactly '{FOOTER_MARKER}', alone on its line, with the disclosure below it"))
            rest = [l.strip() for l in lines[index + 1:] if l.strip()]
            disclosure = ([stripped[len("written by"):].strip(" :")] if stripped != FOOTER_MARKER and stripped[len("written by"):].strip(" :") else []) + rest
            lines = lines[:index]
            break
    while lines and not lines[-1].strip():
        lines.pop()
    # The source list is the trailing run of "- " lines (other bullets are read too, with a warning),
    # after a blank line, a "Sources:"-style heading, or at the start of the text.
    start = len(lines)
    while start > 0 and (_is_source_line(lines[start - 1]) or _is_other_bullet(lines[start - 1])):
        start -= 1
    sources: list[SourceItem] = []
    heading = start > 0 and bool(_SOURCES_HEADING.match(lines[start - 1].strip()))
    if start < len(lines) and (start == 0 or heading or not lines[start - 1].strip()):
        for number in range(start + 1, len(lines) + 1):
            line = lines[number - 1]
            if _is_other_bullet(line):
                warnings.append((number, f"read as a source: write source lines as {SOURCE_FORM}, starting with '- '"))
                line = "- " + line.strip()[1:].strip()
            item = split_source_line(line)
            if not item.outlet:
                warnings.append((number, f"source line has no ' - ' before the outlet: expected {SOURCE_FORM}"))
            sources.append(item)
        lines = lines[: start - 1] if heading else lines[:start]
    elif start < len(lines):
        warnings.append((start + 1, f"these lines look like a source list but are read as body text: put a blank line above them ({SOURCE_FORM})"))
    body = [(number, line) for number, line in enumerate(lines, 1)]
    for number, line in body:
        stripped = line.strip()
        if _SOURCES_HEADING.match(stripped):
            warnings.append((number, f"looks like a sources heading but no source list follows it: list the sources below it as {SOURCE_FORM}, one per line"))
        elif _DISCLOSURE_LIKE.match(stripped) and not disclosure:
            warnings.append((number, f"looks like a disclosure but is read as body text: put a line '{FOOTER_MARKER}' above it"))
    if any(not line.strip() for line in _trim(lines)):
        paragraphs = [p for block in _blocks(body) for p in _paragraphs_of(block)]
    else:
        paragraphs = [(number, line.strip()) for number, line in body if line.strip()]
    return RawArticle(paragraphs=paragraphs, sources=sources, disclosure=disclosure, warnings=warnings)


def _trim(lines: list[str]) -> list[str]:
    first = next((i for i, l in enumerate(lines) if l.strip()), len(lines))
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), -1)
    return lines[first : last + 1]
