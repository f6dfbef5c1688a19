"""`.md` articles: YAML front matter between `---` lines, then a Markdown body."""

from __future__ import annotations

import re

from ..model import Paragraph
from ..problems import Location, Problems

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")


def split_front_matter(text: str, path: str, problems: Problems) -> tuple[str, str, int] | None:
    """(front matter with its line numbers kept, body, body's first line) or None after an error."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.error(Location(path, 1), "a .md article must start with front matter: a '---' line, 'title: ...', then '---'")
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            # A leading newline keeps YAML's line numbers equal to the file's.
            front = "\n" + "\n".join(lines[1:index])
            if not front.strip():
                problems.error(Location(path, 1), "front matter is empty: it needs at least 'title: ...'")
                return None
            return front, "\n".join(lines[index + 1:]), index + 2
    problems.error(Location(path, 1), "front matter is not closed: add a '---' line after it")
    return None


def parse_markdown_body(body: str, first_line: int = 1) -> list[Paragraph]:
    """Blocks separated by blank lines; fenced code stays whole. Headings and code are never linked."""
    blocks: list[tuple[str, bool, int]] = []
    current: list[str] = []
    start = [first_line]
    fence: str | None = None

    def flush(is_code: bool = False) -> None:
        if current:
            block = "\n".join(current)
            blocks.append((block, is_code or bool(_HEADING.match(current[0])), start[0]))
            current.clear()

    for number, line in enumerate(body.split("\n"), first_line):
        if not current:
            start[0] = number
        match = _FENCE.match(line)
        if fence is None and match:
            flush()
            fence = match.group(1)[0] * 3
            current.append(line)
        elif fence is not None:
            current.append(line)
            if line.strip().startswith(fence):
                fence = None
                flush(is_code=True)
        elif not line.strip():
            flush()
        elif _HEADING.match(line):
            flush()
            current.append(line)
            flush()
        else:
            current.append(line)
    if fence is not None:
        flush(is_code=True)
    flush()
    return [
        Paragraph(i, text, markdown=True, heading=is_heading, line=line)
        for i, (text, is_heading, line) in enumerate(blocks, 1)
    ]
