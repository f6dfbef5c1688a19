"""What both shells read around the seeds: the site name from mkdocs.yml and the hand-written intro."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..pages import Options
from ..problems import Location, Problems


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; we only want plain keys from it."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _mkdocs_yml(root: Path) -> dict:
    try:
        data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def options(root: Path) -> Options:
    """The page options `mkdocs build` would use, read from the project's mkdocs.yml, for `generate`."""
    config = _mkdocs_yml(root)
    plugins = config.get("plugins") or []
    names = [next(iter(p)) if isinstance(p, dict) else p for p in plugins if isinstance(p, (str, dict)) and p]
    return Options(
        site_name=str(config.get("site_name") or "Briefing"),
        intro=intro(root / str(config.get("docs_dir") or "docs")),
        directory_urls=bool(config.get("use_directory_urls", True)),
        site_url=str(config.get("site_url") or ""),
        tags="tags" in names or "material/tags" in names,
        page_size=_page_size(plugins),
        language=_theme_language(config),
    )


def _theme_language(config: dict) -> str:
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return str(language) if isinstance(language, str) and language else "en"


def _page_size(plugins: list) -> int:
    """The briefing plugin's `page_size` when mkdocs.yml sets it to a whole number, else the default."""
    for plugin in plugins:
        if isinstance(plugin, dict) and isinstance(plugin.get("briefing"), dict):
            value = plugin["briefing"].get("page_size")
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return value
    return Options.page_size


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
)


def leftover_todos(root: Path) -> Problems:
    """Warnings for the placeholders of `briefing init` still in mkdocs.yml and docs/index.md."""
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
