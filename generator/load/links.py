"""Where the links in a project may lead: the one rule for seeds/ and docs/.

A pull request can add a symbolic link anywhere in the project. Everything the build reads from
seeds/ or docs/ may end up on the published site, so a link is followed only when it stays inside
the project and out of its hidden places; anything else is a located error, and the file is never read.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..problems import Location, Problems


def relative(root: Path, path: Path) -> str:
    """`path` relative to the project folder `root`, as a POSIX string (the form of every Location)."""
    base, full = str(root).rstrip("/") + "/", str(path)
    if os.sep == "/" and full.startswith(base):  # the common case, without pathlib's slow relative_to
        return full[len(base) :]
    return path.relative_to(root).as_posix()


def outside(root: Path, path: Path, problems: Problems, what: str = "the seed") -> bool:
    """Whether `path` is a link (or sits in a linked folder) that leads out of the project, into a
    hidden file or folder of it, or nowhere (a loop): reported, and never read. Other links that stay
    inside the project are followed. `what` names the thing to copy in instead, for the message.

    Hidden places are refused because they hold what must never be published: `.git/config` keeps
    the token a CI checkout was given, `.env` a deploy key; a pull request adding
    `seeds/articles/x.txt -> ../../.git/config` would otherwise put it on the site."""
    try:
        target = path.resolve(strict=True)
    except (RuntimeError, OSError) as error:
        if isinstance(error, RuntimeError) or error.errno == errno.ELOOP:  # RuntimeError before Python 3.13
            problems.error(Location(relative(root, path)), "is a link that leads back to itself (a loop): remove it or replace it with the file")
            return True
        return False  # missing, or a broken link: the callers say what it is
    kind = "folder" if target.is_dir() else "file"
    inside = root.resolve()
    if not target.is_relative_to(inside):
        problems.error(Location(relative(root, path)), f"links to a {kind} outside the project ({target}); copy it in instead")
        return True
    hidden = next((part for part in target.relative_to(inside).parts if part.startswith(".")), None)
    if hidden is not None:
        problems.error(Location(relative(root, path)), f"links to a {kind} under '{hidden}' ({target}): hidden files and folders such as .git are never read; copy {what} in instead")
        return True
    return False


def docs_links(root: Path, docs_dir: Path, problems: Problems) -> set[str]:
    """Check every link in `docs_dir` (and on the way to it from `root`) as `outside` checks seeds:
    errors in `problems`; returns the docs-relative POSIX paths refused, files or folders (everything
    under a refused folder is refused with it; "." when docs_dir itself is). A folder link that leads
    to a folder the walk is already in is a loop (MkDocs would walk it again inside itself).

    A docs_dir that mkdocs.yml places outside the project is not checked: mkdocs.yml is the
    maintainers' configuration (it can list hooks that run any code), not a contributor's file."""
    root, docs_dir = Path(os.path.abspath(root)), Path(os.path.abspath(docs_dir))
    if not docs_dir.is_relative_to(root) or docs_dir == root:
        return set()
    parts = docs_dir.relative_to(root).parts
    for end in range(1, len(parts) + 1):  # docs/ itself, or a folder on the way to it, may be the link
        path = root.joinpath(*parts[:end])
        if path.is_symlink() and outside(root, path, problems, "the file"):
            return {"."}
    refused: set[str] = set()
    if docs_dir.is_dir():
        _walk(root, docs_dir, docs_dir, [docs_dir.resolve()], problems, refused)
    return refused


def _walk(root: Path, docs_dir: Path, folder: Path, chain: list[Path], problems: Problems, refused: set[str]) -> None:
    """`chain`: the real folders the walk is in, from docs_dir down to `folder`."""
    try:
        with os.scandir(folder) as listed:
            entries = sorted(listed, key=lambda entry: entry.name)
    except OSError:
        return  # unreadable: MkDocs does not list it either
    for entry in entries:
        path = folder / entry.name
        if entry.is_symlink():
            if outside(root, path, problems, "the file"):
                refused.add(path.relative_to(docs_dir).as_posix())
            elif entry.is_dir():
                target = path.resolve()
                if any(real == target or real.is_relative_to(target) for real in chain):
                    problems.error(Location(relative(root, path)), "is a link to a folder it is in (a loop): remove it or replace it with the folder")
                    refused.add(path.relative_to(docs_dir).as_posix())
                else:
                    _walk(root, docs_dir, path, chain + [target], problems, refused)
        elif entry.is_dir(follow_symlinks=False):
            _walk(root, docs_dir, path, chain + [chain[-1] / entry.name], problems, refused)


def is_refused(rel: str, refused: set[str]) -> bool:
    """Whether the docs-relative path `rel` is, or lies under, a refused entry of `docs_links`."""
    if not refused:
        return False
    if "." in refused or rel in refused:
        return True
    parts = rel.split("/")
    return any("/".join(parts[:end]) in refused for end in range(1, len(parts)))
