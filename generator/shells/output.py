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
from collections.abc import Callable, Iterable
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
    removed) counts. With more than one stream, the streams after the first are written by forked
    children at the same time where that is possible (second_core.py)."""
    _recover(out)
    new, old = _staging_paths(out)
    previous = _read_manifest(out) if out.exists() else set()
    new.mkdir(parents=True)
    waits: list[Callable[[], tuple[list[str], int, int]]] = []
    try:
        parallel = second_core.available() and len(streams) > 1
        waits = [
            second_core.in_child(lambda stream=stream: _write_pages(out, new, previous, stream)) for stream in streams[1:]
        ] if parallel else []
        results = [_write_pages(out, new, previous, stream) for stream in (streams[:1] if parallel else streams)]
        while waits:
            results.append(waits.pop(0)())
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
        for wait in waits:  # let the children finish before their folder goes
            try:
                wait()
            except BaseException:  # noqa: BLE001 - the first failure is the one to report
                pass
        shutil.rmtree(new, ignore_errors=True)
        raise
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    removed = len(previous - made)
    return len(made), written, unchanged, removed
