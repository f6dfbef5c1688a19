"""Writing the generated tree for `briefing generate --out OUT`, safely.

- Only files listed in OUT's manifest (written by an earlier run) are ever replaced or removed; a
  hand-written file in OUT is carried over untouched.
- The new tree is staged beside OUT and swapped in with two renames, so an interrupted or failing
  run leaves the previous output whole (a run that finds a half-done swap restores it first).
- Unchanged files are hard-linked from the old tree, keeping their bytes and mtime: a watcher on
  OUT sees only what changed.
- Each page is written as soon as it is made, and none is kept; the page types come in two streams,
  the second written by a forked child where possible (second_core.py), into the same staged tree.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from ..pages import Content

from . import second_core
from .report import Refused

MANIFEST = ".briefing-manifest"


class OutputRefused(Refused):
    """The --out folder would put project files at risk."""


def check_out_dir(root: Path, out: Path) -> None:
    root, out = root.resolve(), out.resolve()
    if out == root or root.is_relative_to(out):
        raise OutputRefused(f"refusing --out {out}: it is the project folder or contains it; choose a new folder such as build/pages")
    for protected in ("seeds", "docs"):
        if out.is_relative_to(root / protected):
            raise OutputRefused(f"refusing --out {out}: it is inside {protected}/, which holds hand-written files")
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"refusing --out {out}: it is a file, not a folder")


def _read_manifest(out: Path) -> set[str]:
    try:
        lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    # Never trust a manifest entry that leaves OUT.
    return {line for line in lines if line and not line.startswith("/") and ".." not in line.split("/")}


def _staging_paths(out: Path) -> tuple[Path, Path]:
    return out.with_name(f".{out.name}.briefing-new"), out.with_name(f".{out.name}.briefing-old")


def _recover(out: Path) -> None:
    new, old = _staging_paths(out)
    if not out.exists() and old.exists():  # interrupted between the two renames
        old.rename(out)
    for leftover in (new, old):
        if leftover.exists():
            shutil.rmtree(leftover)


def _write(target: Path, content: Content) -> None:
    with open(target, "w", encoding="utf-8", newline="") as file:
        if isinstance(content, str):
            file.write(content)
        else:  # a large export, piece by piece: never whole in memory
            file.writelines(content)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def _write_pages(out: Path, new: Path, previous: set[str], pages: Iterable[tuple[str, Content]]) -> tuple[list[str], int, int]:
    """Write pages into the staging folder `new`; returns (paths, written, unchanged)."""
    written = unchanged = 0
    made: list[str] = []
    folders: set[Path] = set()
    for rel, content in pages:
        current = out / rel
        if rel not in previous and current.exists():
            raise OutputRefused(f"refusing to overwrite {current}: it was not written by briefing")
        made.append(rel)
        target = new / rel
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        _write(target, content)
        # An unchanged file keeps the old one's inode and mtime: a watcher on OUT sees only what changed.
        if rel in previous and _same_file(target, current):
            target.unlink()
            os.link(current, target)
            unchanged += 1
        else:
            written += 1
    return made, written, unchanged


def write_tree(out: Path, *streams: Iterable[tuple[str, Content]]) -> tuple[int, int, int, int]:
    """Write the pages of every stream under `out` as they come; returns (pages, written, unchanged,
    removed) counts. The streams are written at the same time, by forked children after the first,
    where that is possible (second_core.run_all)."""
    _recover(out)
    new, old = _staging_paths(out)
    previous = _read_manifest(out) if out.exists() else set()
    new.mkdir(parents=True)
    try:
        results = second_core.run_all([lambda stream=stream: _write_pages(out, new, previous, stream) for stream in streams])
        made = {rel for paths, _, _ in results for rel in paths}
        written = sum(r[1] for r in results)
        unchanged = sum(r[2] for r in results)
        (new / MANIFEST).write_text("".join(f"{rel}\n" for rel in sorted(made)), encoding="utf-8")
        if out.exists():  # carry over every file we did not write: it is somebody's
            for path in sorted(out.rglob("*")):
                rel = path.relative_to(out).as_posix()
                if path.is_file() and rel not in previous and rel != MANIFEST and rel not in made:
                    target = new / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.link(path, target)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    removed = len(previous - made)
    return len(made), written, unchanged, removed
