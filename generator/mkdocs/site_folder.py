"""The last build's site cleared before a build writes the new one, never through a link.

MkDocs empties the site folder before it builds (`clean_directory`): deleting the thousands of
folders of a large briefing's last build took 0.5 to 4 s at 2,400 articles on the benchmark machine,
with nothing else going on. Here, once the seeds have been read without errors (bad seeds must
leave the last good site in place: plugin.py), the old entries are moved into one hidden folder
inside the site folder, which MkDocs' cleaning skips, and a separate process deletes that folder while
the pages are made and converted. The build waits for the deletion before Pagefind walks the site (`wait()`).

The site folder's contents are not the build's own: a pull request can commit files under `site/`
(`git add -f`), links included. So nothing found there is trusted (issue 21):

- the hidden folder is made afresh by this build (`mkdir`, which never follows or reuses an entry);
  whatever of that name was there (a link to `../.git/hooks`) is an old entry like the others;
- entries are moved and removed as they are, never followed: a link goes as a link, its target
  untouched; the folder is opened with O_NOFOLLOW and every move is relative to it;
- hidden entries go too, except `KEPT` when it is a plain file or folder: MkDocs would leave them
  (`site/.leak -> ../.git/config` would then be published by any archive that follows links);
- the site folder itself, or a folder on the way to it from the project, being a link is an error
  before anything is touched (`check_site_dir`).

Without the second process (`fast: false`, one core) the same entries are removed here, at
once; under `--dirty` the last site stays, but its hidden entries and every link in it go.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from .. import fast
from ..load.links import relative
from ..problems import Location, Problems

TRASH = ".briefing-old-site"  # hidden: MkDocs' clean_directory leaves it alone; made fresh with a number after it
# Hidden entries a build keeps, as plain files or folders only: `.nojekyll` tells GitHub Pages to serve
# the site as it is; `.git` is a deploy checkout's own (git never accepts a `.git` path in a commit,
# so no pull request can put one there).
KEPT = {".nojekyll": stat.S_ISREG, ".git": lambda mode: stat.S_ISDIR(mode) or stat.S_ISREG(mode)}
_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0)


def check_site_dir(root: Path, site_dir: str | Path, problems: Problems) -> None:
    """An error when the site folder, or a folder on the way to it from the project, is a link: a
    build would write (and clear) wherever it leads. A site_dir that mkdocs.yml places outside the
    project is the maintainers' choice and not checked."""
    root, site = Path(os.path.abspath(root)), Path(os.path.abspath(site_dir))
    if not site.is_relative_to(root) or site == root:
        return
    parts = site.relative_to(root).parts
    for end in range(1, len(parts) + 1):
        path = root.joinpath(*parts[:end])
        if path.is_symlink():
            where = "is a link" if end == len(parts) else f"is inside {relative(root, path)}, a link"
            problems.error(Location(relative(root, site)), f"{where} (to {os.readlink(path)}): a build never writes through a link; "
                           "remove the link (the build makes the folder), or set site_dir in mkdocs.yml to the folder itself")
            return


def _kept(folder: int, name: str) -> bool:
    is_kind = KEPT.get(name)
    if is_kind is None:
        return False
    try:
        return is_kind(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _remove(folder: int, path: str, name: str) -> None:
    """Remove one entry of `folder` (open, at `path`) as it is: a link is unlinked, never followed."""
    try:
        if stat.S_ISDIR(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode):
            shutil.rmtree(os.path.join(path, name))  # rmtree removes links inside as links
        else:
            os.unlink(name, dir_fd=folder)
    except FileNotFoundError:
        pass


def _open_site(site_dir: str) -> int | None:
    """The site folder, opened without following a link; None when there is none yet."""
    try:
        return os.open(site_dir, _FOLDER)
    except FileNotFoundError:
        return None
    except OSError as error:  # ELOOP: a link (check_site_dir says so first); ENOTDIR: a file
        raise OSError(error.errno, f"{site_dir} is not a folder the build can clear ({error.strerror}); nothing was removed") from None


def _unlink_links(path: str, skip: frozenset[str] = frozenset()) -> None:
    """`--dirty`: every link under `path` (but in the entries named in `skip`) removed as a link; the rest stays."""
    with os.scandir(path) as listed:
        for entry in listed:
            if entry.name in skip:
                continue
            if entry.is_symlink():
                os.unlink(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                _unlink_links(entry.path)


class OldSite:
    """Clears a site folder's contents, in the background when `background`; `wait()` before anything
    walks the folder. `dirty`: keep the last site's plain files (`mkdocs build --dirty`)."""

    def __init__(self, site_dir: str, *, background: bool = True, dirty: bool = False) -> None:
        self.process: subprocess.Popen | None = None
        folder = _open_site(site_dir)
        if folder is None:
            return  # no site yet: nothing to remove
        try:
            names = os.listdir(folder)
            entries = [name for name in names if not _kept(folder, name)]
            if dirty:
                for name in entries:
                    if name.startswith("."):
                        _remove(folder, site_dir, name)
                _unlink_links(site_dir, skip=frozenset(names) - frozenset(entries))  # a deploy checkout's .git is its own
                return
            if not entries:
                return
            trash = self._fresh_folder(folder)
            moved = self._move(folder, trash, entries)
            for name in entries:  # what could not be moved (another file system?) is removed here
                if name not in moved:
                    _remove(folder, site_dir, name)
        finally:
            os.close(folder)
        path = os.path.join(site_dir, trash)
        if background:
            try:
                self.process = subprocess.Popen([sys.executable, "-c", _REMOVE, path], stdin=subprocess.DEVNULL)
                fast.took("site_removed_in_background")
                return
            except OSError:  # no process to be had: removed here, as MkDocs would have
                pass
        shutil.rmtree(path, ignore_errors=True)

    @staticmethod
    def _fresh_folder(folder: int) -> str:
        """A new hidden folder in `folder`, made by this build: `mkdir` fails on any entry already
        there (a link included) rather than use it."""
        number = 0  # counted, not random: a build does the same thing each time it runs on the same tree
        while True:
            name = f"{TRASH}-{number}"
            try:
                os.mkdir(name, 0o700, dir_fd=folder)
                return name
            except FileExistsError:
                number += 1

    @staticmethod
    def _move(folder: int, trash: str, entries: list[str]) -> set[str]:
        moved = set()
        into = os.open(trash, _FOLDER, dir_fd=folder)
        try:
            for name in entries:
                try:
                    os.rename(name, name, src_dir_fd=folder, dst_dir_fd=into)  # a link moves as a link
                    moved.add(name)
                except OSError:
                    pass
        finally:
            os.close(into)
        return moved

    def wait(self) -> None:
        if self.process is not None:
            self.process.wait()
            self.process = None
