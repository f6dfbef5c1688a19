"""The folder Zensical builds from: every generated page in Zensical's flavour and
the hand-written files of docs/, written in place by the same writer as `briefing generate --out`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..cli import project_files
from ..cli.output import OutputRefused
from ..load.links import docs_links, is_refused
from ..pages import Content, Options
from ..problems import Problems
from . import links, titles

def flavoured(pages: Iterable[tuple[str, Content]], options: Options, hand_written: Iterable[str] = ()) -> Iterator[tuple[str, Content]]:
    """The generated pages as Zensical needs them: links it resolves as MkDocs does, titles pinned.
    A page whose path is one of the `hand_written` files of docs/ is refused (it would hide it)."""
    taken = set(hand_written)
    for path, content in pages:
        if path in taken:
            raise OutputRefused(f"docs/{path} would hide a generated page: remove it from docs/ (the generator writes {path})")
        if path.endswith(".md") and isinstance(content, str):
            content = titles.pin_title(path, links.from_source_folder(path, content, options.directory_urls))
        yield path, content


def hand_written(root: Path) -> list[tuple[str, Path]]:
    """Every file of the project's docs/ but index.md (the home page's intro, already in the generated
    home), by its docs-relative path; hidden entries and entries whose link leads out of the project
    (load/links.py) are left out, as the MkDocs build leaves them out."""
    config = project_files.mkdocs_yml(root)
    docs = project_files.configured_folder(root, config, "docs_dir", "docs")
    refused = docs_links(root, docs, Problems())
    if not docs.is_dir() or is_refused(".", refused):
        return []
    found = []
    for folder, subfolders, files in os.walk(docs):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            path = Path(folder, name)
            rel = path.relative_to(docs).as_posix()
            if name.startswith(".") or rel == "index.md" or is_refused(rel, refused) or not path.is_file():
                continue
            found.append((rel, path))
    return found


def read(files: Iterable[tuple[str, Path]]) -> Iterator[tuple[str, bytes]]:
    for rel, path in files:
        yield rel, path.read_bytes()
