"""The delivered seed format, read exactly as delivered (see the contract, "Raw seed articles").

    paragraph lines, or blank-line-separated blocks of wrapped lines
    (blank line)
    - Headline - Outlet          sources: split at the LAST " - ", " – " or " — "
    Written by                   footer: this line and all after it is a disclosure

Pure functions over text: no files, no YAML. The words are never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.characters import NOT_TEXT, not_text_message
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = NOT_TEXT.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        more = len(NOT_TEXT.findall(text, bad.end()))
        raise ArticleDecodeError(line, column, not_text_message(bad.group(0), more))
    return text


@dataclass
class RawArticle:
    paragraphs: list[tuple[int, str]]  # (1-based line where the paragraph starts, text)
    sources: list[SourceItem]
    disclosure: list[str]


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
    disclosure: list[str] = []
    for index, line in enumerate(lines):
        if line.strip() == FOOTER_MARKER:
            disclosure = [l.strip() for l in lines[index + 1:] if l.strip()]
            lines = lines[:index]
            break
    while lines and not lines[-1].strip():
        lines.pop()
    # The source list is the trailing run of "- " lines, after a blank line (or the whole text).
    start = len(lines)
    while start > 0 and _is_source_line(lines[start - 1]):
        start -= 1
    sources: list[SourceItem] = []
    if start < len(lines) and (start == 0 or not lines[start - 1].strip()):
        sources = [split_source_line(line) for line in lines[start:]]
        lines = lines[:start]
    body = [(number, line) for number, line in enumerate(lines, 1)]
    if any(not line.strip() for line in _trim(lines)):
        paragraphs = [p for block in _blocks(body) for p in _paragraphs_of(block)]
    else:
        paragraphs = [(number, line.strip()) for number, line in body if line.strip()]
    return RawArticle(paragraphs=paragraphs, sources=sources, disclosure=disclosure)


def _trim(lines: list[str]) -> list[str]:
    first = next((i for i, l in enumerate(lines) if l.strip()), len(lines))
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), -1)
    return lines[first : last + 1]
