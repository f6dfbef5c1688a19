"""Where a new briefing installs this tool from: the pin `briefing init` writes.

A project pins the tool as a git tag of its repository, `briefing @ git+URL@v<version>`, in
requirements.txt (pip, for writers and CI) and as `repo: URL` / `rev: v<version>` in
.pre-commit-config.yaml (pre-commit's hook, .pre-commit-hooks.yaml in this repository): one version,
the one running `init`. The repository's URL is the one given to `init --tool-source`, else where
this copy was installed from (pip's record of a `git+URL` install, PEP 610), else the `origin`
remote of the checkout it runs from; a copy that knows none of them writes PLACEHOLDER and says so.
"""

from __future__ import annotations

import json
import re
import subprocess
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from .. import __version__

PLACEHOLDER = "https://example.invalid/briefing.git"
_SCP_LIKE = re.compile(r"^[\w.-]+@(?P<host>[\w.-]+):(?P<path>[^/].*)$")  # git@github.com:org/briefing.git


def tag(version: str = __version__) -> str:
    """The git tag a release of `version` carries."""
    return f"v{version}"


def requirement(source: str, version: str = __version__) -> str:
    """The requirements.txt line that installs `version` from the repository at `source`."""
    return f"briefing @ git+{source}@{tag(version)}"


def _public_url(url: str) -> str:
    """An https URL CI can clone without keys, for the forms `git remote` gives (scp-like, ssh://)."""
    url = url.strip().removeprefix("git+")
    scp = _SCP_LIKE.match(url)
    if scp:
        return f"https://{scp['host']}/{scp['path']}"
    parsed = urlparse(url)
    if parsed.scheme == "ssh" and parsed.hostname:
        return f"https://{parsed.hostname}{parsed.path}"
    return url


def _origin(folder: Path) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), "remote", "get-url", "origin"],
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return _public_url(done.stdout) if done.returncode == 0 and done.stdout.strip() else None


def _installed_from() -> str | None:
    """The git URL pip installed this copy from (PEP 610's direct_url.json), if it was one."""
    try:
        text = metadata.distribution("briefing").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not text:
        return None
    info = json.loads(text)
    if info.get("vcs_info", {}).get("vcs") == "git" and info.get("url"):
        return _public_url(info["url"])
    url = info.get("url", "")
    if url.startswith("file://"):  # an editable or local install: the checkout's own origin
        return _origin(Path(unquote(urlparse(url).path)))
    return None


def tool_source(given: str | None = None) -> tuple[str, bool]:
    """(the tool's git repository URL, whether it is known rather than PLACEHOLDER)."""
    if given:
        return _public_url(given), True
    found = _installed_from() or _origin(Path(__file__).resolve().parents[2])
    return (found, True) if found else (PLACEHOLDER, False)
