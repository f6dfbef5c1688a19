"""What both shells read around the seeds: the site name from mkdocs.yml, the hand-written intro, and
what `briefing check` says of docs/ and site/."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml

from ..load.links import docs_links, is_refused
from ..pages import Options
from ..problems import Location, Problems
from ..mkdocs.site_folder import check_site_dir


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; we only want plain keys from it."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def mkdocs_yml(root: Path) -> dict:
    try:
        data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def options(root: Path) -> Options:
    """The page options `mkdocs build` would use, read from the project's mkdocs.yml, for `generate`."""
    config = mkdocs_yml(root)
    plugins = config.get("plugins") or []
    names = [next(iter(p)) if isinstance(p, dict) else p for p in plugins if isinstance(p, (str, dict)) and p]
    docs = configured_folder(root, config, "docs_dir", "docs")
    refused = docs_links(root, docs, Problems())  # `briefing check` reports them; never read here either
    return Options(
        site_name=str(config.get("site_name") or "Briefing"),
        intro="" if is_refused("index.md", refused) else intro(docs),
        directory_urls=bool(config.get("use_directory_urls", True)),
        site_url=str(config.get("site_url") or ""),
        tags="tags" in names or "material/tags" in names,
        page_size=_page_size(plugins),
        language=_theme_language(config),
    )


def configured_folder(root: Path, config: dict, key: str, default: str) -> Path:
    """docs_dir or site_dir as MkDocs reads it: relative to mkdocs.yml's folder."""
    value = config.get(key)
    return root / (value if isinstance(value, str) and value else default)


def docs_and_site(root: Path) -> Problems:
    """`briefing check`'s word on what a pull request can put around the seeds: a link in docs/ that
    leads out of the project or into a hidden place of it (an error, as in seeds/: the build refuses
    it), site/ being a link (an error: the build refuses to write through it), and site/ tracked by
    git (a warning: its files are the build's to replace, and a commit can plant links there)."""
    problems = Problems()
    config = mkdocs_yml(root)
    docs_links(root, configured_folder(root, config, "docs_dir", "docs"), problems)
    site = configured_folder(root, config, "site_dir", "site")
    check_site_dir(root, site, problems)
    tracked = _tracked(root, site)
    if tracked:
        rel = Path(os.path.relpath(os.path.abspath(site), os.path.abspath(root))).as_posix()
        shown = ", ".join(tracked[:3]) + (f" and {len(tracked) - 3} more" if len(tracked) > 3 else "")
        problems.warning(Location(rel), f"tracked by git ({shown}): the built site is the build's to replace, and a pull request "
                         f"can commit links there; remove it from git (git rm -r --cached {rel}) and list {rel}/ in .gitignore")
    return problems


def _tracked(root: Path, site: Path) -> list[str]:
    """The files git tracks under `site` (paths as git prints them from `root`); none without git or
    outside a git checkout."""
    git = shutil.which("git")
    if git is None or not os.path.abspath(site).startswith(os.path.abspath(root).rstrip("/") + "/"):
        return []
    rel = os.path.relpath(os.path.abspath(site), os.path.abspath(root))
    try:
        done = subprocess.run([git, "ls-files", "-z", "--", rel], cwd=root, capture_output=True, timeout=60, check=False,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:  # not a git checkout (or one git refuses to read)
        return []
    return [name for name in done.stdout.decode("utf-8", "replace").split("\0") if name]


def _theme_language(config: dict) -> str:
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return str(language) if isinstance(language, str) and language else "en"


def _plugin_setting(plugins: list, key: str) -> object:
    """The briefing plugin's `key` in mkdocs.yml, or None."""
    for plugin in plugins:
        if isinstance(plugin, dict) and isinstance(plugin.get("briefing"), dict):
            return plugin["briefing"].get(key)
    return None


def _page_size(plugins: list) -> int:
    """The briefing plugin's `page_size` when mkdocs.yml sets it to a whole number, else the default."""
    value = _plugin_setting(plugins, "page_size")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return Options.page_size


def briefing_setting(root: Path, key: str) -> object:
    """The briefing plugin's `key` in the project's mkdocs.yml, or None."""
    return _plugin_setting(mkdocs_yml(root).get("plugins") or [], key)


def fast_setting(root: Path) -> bool:
    """The briefing plugin's `fast` in mkdocs.yml (or its older name `fast_pages`): False only when
    set to false; `briefing generate` and `check` follow it as `mkdocs build` does."""
    plugins = mkdocs_yml(root).get("plugins") or []
    return _plugin_setting(plugins, "fast") is not False and _plugin_setting(plugins, "fast_pages") is not False


def intro(docs_dir: Path) -> str:
    """docs/index.md, the maintainers' hand-written intro placed above the generated home page."""
    path = docs_dir / "index.md"
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


# What `briefing init` leaves for the maintainer to write; `briefing check` warns until it is done.
INIT_TODOS = (
    ("mkdocs.yml", "site_url:", "site_url is still init's placeholder: set the address the site is published at "
     "(feed.xml's links and entry ids are made from it)"),
    ("docs/index.md", "TODO", "the introduction is still init's placeholder: say what this briefing tracks and for whom"),
    ("requirements.txt", "briefing @", "the briefing tool's repository is still init's placeholder: put its git URL "
     "here and in .pre-commit-config.yaml (CI installs the tool from it)"),
    (".pre-commit-config.yaml", "- repo:", "the briefing tool's repository is still init's placeholder: put its git URL here"),
)


def leftover_todos(root: Path) -> Problems:
    """Warnings for the placeholders of `briefing init` still in mkdocs.yml, docs/index.md and the pin."""
    problems = Problems()
    for rel, starts, message in INIT_TODOS:
        try:
            lines = (root / rel).read_text(encoding="utf-8-sig").split("\n")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            if line.lstrip().startswith(starts) and "TODO" in line:
                problems.warning(Location(rel, number), message)
                break
    return problems
