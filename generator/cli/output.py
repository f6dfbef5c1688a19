"""Writing the generated tree for `briefing generate --out OUT`, safely.

- Only files listed in OUT's manifest (written by an earlier run) are ever replaced or removed; a
  hand-written file in OUT is carried over untouched.
- The new tree is staged beside OUT and swapped in with two renames, so an interrupted or failing
  run leaves the previous output whole (a run that finds a half-done swap restores it first).
- Unchanged files are hard-linked from the old tree, keeping their bytes and mtime: a watcher on
  OUT sees only what changed.
- Each page is written as soon as it is made, and none is kept; the page types come in two streams,
  the second written by a forked child where possible (processes.py), into the same staged tree.
- Everything else in OUT is carried over as it is: other files, links, FIFOs, empty folders, and the
  permissions of OUT and its folders. The staging folders are marked as ours; a folder of the same
  name that lacks the mark is somebody's, and is never removed (the run is refused instead).
- A problem with the file system (no permission, /proc, a file where a folder must go) is a plain
  refusal (exit 2), never a traceback.

In place (`write_tree(..., in_place=True)`, `briefing generate --in-place`, `briefing build --with
zensical`): OUT itself is never swapped, so a server watching it (`zensical serve`, which watches the
folder it was started on, not a name) sees each edit. Each changed page is written to a hidden file
beside it and renamed over it (a reader never sees half a page); an unchanged page is not touched
(bytes, inode and mtime kept); a page gone from the briefing is removed, with the folders it leaves
empty. The same refusals hold: only files in the manifest are replaced or removed, a file of
somebody's where a page goes is refused before anything is written there, links are never followed.
What an interrupted run loses is the "whole previous output" promise: some pages are new, some old.
Every new path is noted in a journal (`.briefing-manifest.N`) before its file is made, so the next
run still knows it for ours.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from .. import fast
from ..pages import Content

from ..session import processes
from .report import Refused

MANIFEST = ".briefing-manifest"
JOURNAL = MANIFEST + "."  # + stream number: paths made by an in-place run before its manifest is written
TEMPORARY = ".briefing-tmp"  # suffix of the hidden file a changed page is written to before its rename
STAGING_MARK = ".briefing-staging"  # inside a staging folder: made by briefing, safe to remove


class OutputRefused(Refused):
    """The --out folder would put project files at risk."""


def _real(out: Path) -> Path:
    """OUT as the absolute path it names: `.`, `x/..` or a path through linked folders become the folder
    itself, so the staging folders are made beside it (`.` has no name to put beside)."""
    try:
        return out.resolve()
    except (RuntimeError, OSError) as error:  # RuntimeError: a link loop, before Python 3.13
        raise OutputRefused(f"refusing --out {out}: {getattr(error, 'strerror', None) or 'a link on the way leads back to itself (a loop)'}") from None


def check_out_dir(root: Path, out: Path, *, in_place: bool = False) -> None:
    if out.is_symlink():
        raise OutputRefused(f"refusing --out {out}: it is a link; give the folder it points to")
    root, out = root.resolve(), _real(out)
    if out == root or root.is_relative_to(out):
        raise OutputRefused(f"refusing --out {out}: it is the project folder or contains it; choose a new folder such as build/pages")
    for protected in ("seeds", "docs"):
        if out.is_relative_to(root / protected):
            raise OutputRefused(f"refusing --out {out}: it is inside {protected}/, which holds hand-written files")
    try:
        here = Path.cwd()
    except OSError:  # the folder we run in was deleted: nothing of it to protect
        here = None
    if here is not None and here.is_relative_to(out) and not in_place:
        # The new tree replaces OUT by a rename: the shell would be left in a deleted folder.
        raise OutputRefused(f"refusing --out {out}: it is the folder you are in, or contains it; run briefing from elsewhere")
    if ".git" in out.parts:
        raise OutputRefused(f"refusing --out {out}: it is inside a .git folder, which belongs to git")
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"refusing --out {out}: it is a file, not a folder")


def _read_manifest(out: Path) -> set[str]:
    lines: list[str] = []
    names = [MANIFEST]
    try:
        names += sorted(name for name in os.listdir(out) if name.startswith(JOURNAL) and name[len(JOURNAL):].isdigit())
    except OSError:
        pass
    for name in names:  # an interrupted in-place run's journals: their paths are ours too
        try:
            if name == MANIFEST or not (out / name).is_symlink():
                lines += (out / name).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
    # Never trust a manifest entry that leaves OUT.
    return {line for line in lines if line and not line.startswith("/") and ".." not in line.split("/")}


def _staging_paths(out: Path) -> tuple[Path, Path]:
    return out.with_name(f".{out.name}.briefing-new"), out.with_name(f".{out.name}.briefing-old")


def _ours(folder: Path) -> bool:
    return not folder.is_symlink() and folder.is_dir() and (folder / STAGING_MARK).is_file()


def _recover(out: Path) -> None:
    """Finish or undo a run that was interrupted; refuse when a staging name is taken by something else."""
    new, old = _staging_paths(out)
    for leftover in (new, old):
        if os.path.lexists(leftover) and not _ours(leftover):
            raise OutputRefused(f"refusing --out {out}: {leftover} is in the way and was not made by briefing; move it elsewhere")
    if not out.exists() and old.exists():  # interrupted between the two renames
        old.rename(out)
        (out / STAGING_MARK).unlink()
    if out.is_dir():  # interrupted after marking the old tree, before renaming it
        (out / STAGING_MARK).unlink(missing_ok=True)
    for leftover in (new, old):
        if leftover.exists():
            shutil.rmtree(leftover)


def _write(target: Path, content: Content | bytes) -> None:
    if isinstance(content, bytes):  # a hand-written file carried into the tree as it is (briefing build)
        target.write_bytes(content)
        return
    with open(target, "w", encoding="utf-8", newline="") as file:
        if isinstance(content, str):
            file.write(content)
        else:  # a large export, piece by piece: never whole in memory
            file.writelines(content)


def _holds(path: Path, content: str | bytes) -> bool:
    """Whether the regular file at `path` holds exactly `content` as `_write` would write it."""
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    try:
        if not path.is_file() or path.stat().st_size != len(data):
            return False
        with open(path, "rb") as file:
            return file.read(len(data) + 1) == data
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def _check_folders(out: Path, rel: str, checked: set[str]) -> None:
    """Every folder a page goes into must be a folder in OUT too, or not be there at all."""
    parts = rel.split("/")[:-1]
    for depth in range(1, len(parts) + 1):
        folder = "/".join(parts[:depth])
        if folder in checked:
            continue
        path = out / folder
        if os.path.lexists(path) and (path.is_symlink() or not path.is_dir()):
            raise OutputRefused(f"refusing to replace {path}: the generated pages need a folder there, and it was not written by briefing")
        checked.add(folder)


def _write_pages(out: Path, new: Path, previous: set[str], pages: Iterable[tuple[str, Content]]) -> tuple[list[str], int, int]:
    """Write pages into the staging folder `new`; returns (paths, written, unchanged)."""
    try:
        return _write_pages_unguarded(out, new, previous, pages)
    except OSError as error:  # in a forked child too: carried back as a refusal, not a traceback
        raise OutputRefused(f"cannot write the pages to {out}: {error.strerror or error} ({error.filename or out})") from None


def _write_pages_unguarded(out: Path, new: Path, previous: set[str], pages: Iterable[tuple[str, Content]]) -> tuple[list[str], int, int]:
    written = unchanged = 0
    made: list[str] = []
    folders: set[Path] = set()
    checked: set[str] = set()
    for rel, content in pages:
        current = out / rel
        _check_folders(out, rel, checked)
        if rel not in previous and os.path.lexists(current):
            raise OutputRefused(f"refusing to overwrite {current}: it was not written by briefing")
        made.append(rel)
        target = new / rel
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        if fast.on("unchanged_files_kept") and rel in previous and isinstance(content, (str, bytes)) and _holds(current, content):
            fast.took("unchanged_files_kept")
            # Unchanged, found without writing a copy first: no file is made and deleted for it (on
            # ext4 without a journal, files made soon after others were deleted cost time that grows
            # with the square of their number: docs/performance.md, issue 12).
            os.link(current, target)
            unchanged += 1
            continue
        _write(target, content)
        # An unchanged file keeps the old one's inode and mtime: a watcher on OUT sees only what changed.
        if rel in previous and _same_file(target, current):
            target.unlink()
            os.link(current, target)
            unchanged += 1
        else:
            if rel in previous and current.is_file():
                os.chmod(target, stat.S_IMODE(current.stat().st_mode))  # keep the permissions it was given
            written += 1
    return made, written, unchanged


def _carry_over(source: Path, target: Path, rel: str, skip: set[str]) -> bool:
    """Carry every entry of OUT's folder `source` that is not ours into `target` (hard links: same
    bytes, same inode, nothing copied), folders with their permissions. True if anything was carried,
    or the folder was empty to begin with (somebody's empty folder)."""
    entries = sorted(os.scandir(source), key=lambda e: e.name)
    carried = False
    for entry in entries:
        entry_rel = f"{rel}{entry.name}"
        destination = target / entry.name
        if entry.is_dir(follow_symlinks=False):
            if _carry_over(Path(entry.path), destination, entry_rel + "/", skip):
                carried = True
        elif entry_rel not in skip:
            target.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(destination):
                raise OutputRefused(f"refusing to replace {entry.path}: a generated page or folder goes there, and it was not written by briefing")
            os.link(entry.path, destination, follow_symlinks=False)  # a link stays a link, a FIFO a FIFO
            carried = True
    if carried or not entries or target.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        os.chmod(target, stat.S_IMODE(source.stat().st_mode))
        return True
    return False


def write_tree(out: Path, *streams: Iterable[tuple[str, Content]], in_place: bool = False) -> tuple[int, int, int, int]:
    """Write the pages of every stream under `out` as they come; returns (pages, written, unchanged,
    removed) counts. The streams are written at the same time, by forked children after the first,
    where that is possible (processes.run_all). `in_place`: into OUT itself, not a staged tree swapped
    in (see the module's docstring)."""
    out = _real(out)
    try:
        return (_write_in_place if in_place else _write_tree)(out, *streams)
    except OSError as error:
        raise OutputRefused(f"cannot write the pages to {out}: {error.strerror or error} ({error.filename or out})") from None


def _write_tree(out: Path, *streams: Iterable[tuple[str, Content]]) -> tuple[int, int, int, int]:
    _recover(out)
    new, old = _staging_paths(out)
    previous = _read_manifest(out) if out.exists() else set()
    new.mkdir(parents=True)
    (new / STAGING_MARK).touch()
    try:
        results = processes.run_all([lambda stream=stream: _write_pages(out, new, previous, stream) for stream in streams])
        made = {rel for paths, _, _ in results for rel in paths}
        written = sum(r[1] for r in results)
        unchanged = sum(r[2] for r in results)
        (new / MANIFEST).write_text("".join(f"{rel}\n" for rel in sorted(made)), encoding="utf-8")
        if out.exists():  # carry over everything we did not write: it is somebody's
            _carry_over(out, new, "", previous | made | {MANIFEST, STAGING_MARK})
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if out.exists():
        (out / STAGING_MARK).touch()  # marks the old tree as ours for _recover, before it is renamed
        out.rename(old)
    new.rename(out)
    (out / STAGING_MARK).unlink()
    shutil.rmtree(old, ignore_errors=True)
    removed = len(previous - made)
    return len(made), written, unchanged, removed


def _write_in_place(out: Path, *streams: Iterable[tuple[str, Content]]) -> tuple[int, int, int, int]:
    _recover(out)  # a staged run's leftovers, should the last run have been one
    out.mkdir(parents=True, exist_ok=True)
    previous = _read_manifest(out)
    # The journals' paths are in the manifest now; new journals start empty.
    _replace_file(out / MANIFEST, "".join(f"{rel}\n" for rel in sorted(previous)))
    _remove_journals(out)
    results = processes.run_all([
        lambda number=number, stream=stream: _write_pages_in_place(out, previous, stream, out / f"{JOURNAL}{number}")
        for number, stream in enumerate(streams)
    ])
    made = {rel for paths, _, _ in results for rel in paths}
    written = sum(r[1] for r in results)
    unchanged = sum(r[2] for r in results)
    for rel in sorted(previous - made):
        path = out / rel
        if os.path.islink(path) or path.is_file():  # ours, and gone from the briefing; a folder now there is somebody's
            path.unlink()
            _remove_empty_folders(out, path.parent)
    _replace_file(out / MANIFEST, "".join(f"{rel}\n" for rel in sorted(made)))
    _remove_journals(out)
    return len(made), written, unchanged, len(previous - made)


def _write_pages_in_place(out: Path, previous: set[str], pages: Iterable[tuple[str, Content]], journal: Path) -> tuple[list[str], int, int]:
    try:
        return _write_pages_in_place_unguarded(out, previous, pages, journal)
    except OSError as error:  # in a forked child too: carried back as a refusal, not a traceback
        raise OutputRefused(f"cannot write the pages to {out}: {error.strerror or error} ({error.filename or out})") from None


def _write_pages_in_place_unguarded(out: Path, previous: set[str], pages: Iterable[tuple[str, Content]],
                                    journal: Path) -> tuple[list[str], int, int]:
    written = unchanged = 0
    made: list[str] = []
    folders: set[Path] = set()
    checked: set[str] = set()
    noted = None
    try:
        for rel, content in pages:
            current = out / rel
            _check_folders(out, rel, checked)
            ours = rel in previous
            if not ours and os.path.lexists(current):
                raise OutputRefused(f"refusing to overwrite {current}: it was not written by briefing")
            if ours and os.path.islink(current):  # a link where our page was: replaced, never followed
                ours = False
            made.append(rel)
            if ours and isinstance(content, (str, bytes)) and _holds(current, content):
                unchanged += 1
                continue
            if not ours:
                if noted is None:
                    noted = os.fdopen(os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644), "w", encoding="utf-8")
                noted.write(rel + "\n")
                noted.flush()  # noted before the file exists: an interrupted run leaves nothing unknown behind
            if current.parent not in folders:
                current.parent.mkdir(parents=True, exist_ok=True)
                folders.add(current.parent)
            temporary = current.with_name(f".{current.name}{TEMPORARY}")
            if os.path.lexists(temporary):
                temporary.unlink()
            try:
                _write(temporary, content)
                if ours and current.is_file() and not isinstance(content, (str, bytes)) and _same_file(temporary, current):
                    temporary.unlink()  # a large export, unchanged: the old file stays, mtime and all
                    unchanged += 1
                    continue
                if ours and current.is_file():
                    os.chmod(temporary, stat.S_IMODE(current.stat().st_mode))  # keep the permissions it was given
                os.replace(temporary, current)
            except BaseException:
                with _quietly():
                    temporary.unlink()
                raise
            written += 1
    finally:
        if noted is not None:
            noted.close()
    return made, written, unchanged


class _quietly:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return isinstance(exc[1], OSError)


def _replace_file(path: Path, text: str) -> None:
    """`path` holding `text`, replaced in one rename (a link there is replaced, never followed)."""
    temporary = path.with_name(path.name + TEMPORARY)
    if os.path.lexists(temporary):
        temporary.unlink()
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _remove_journals(out: Path) -> None:
    for name in os.listdir(out):
        if name.startswith(JOURNAL) and name[len(JOURNAL):].isdigit():
            (out / name).unlink()


def _remove_empty_folders(out: Path, folder: Path) -> None:
    """Remove `folder` and its parents up to OUT while they are empty (a page removed left them so)."""
    while folder != out and folder.is_relative_to(out):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
