"""The mkdocs.yml Zensical reads: the project's own, and what the `briefing` plugin adds under MkDocs.

Written into the work folder (Zensical wants docs_dir and site_dir inside the folder of the file it
reads). It inherits the project's mkdocs.yml (`INHERIT`, which Zensical merges: lists are appended)
and adds: docs_dir and site_dir in the work folder, the Markdown extensions the pages use, the site's
stylesheets and scripts, Zensical's own search turned off where Pagefind replaces it (its search
fetches one search.json with every word on every page load: 20 MB at 1,000 articles), and the section
nav when mkdocs.yml has none. Third-party plugins listed there (`briefing` itself) are ignored by
Zensical.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..cli import project_files
from ..pages.nav import MARKDOWN_EXTENSIONS, short_nav
from ..search import finish

FILE = "mkdocs.yml"


def pagefind_search(root: Path) -> bool:
    """Whether the project searches with Pagefind (the plugin's default) or keeps the theme's own
    (`briefing: {search: material}`)."""
    return project_files.briefing_setting(root, "search") != "material"


def write(root: Path, work: Path, hand_written: list[str], *, search: bool) -> Path:
    """The configuration file for Zensical in `work`; its path."""
    project = project_files.mkdocs_yml(root)
    names = [next(iter(p)) if isinstance(p, dict) else p for p in project.get("plugins") or [] if isinstance(p, (str, dict)) and p]
    listed = [next(iter(e)) if isinstance(e, dict) else e for e in project.get("markdown_extensions") or [] if isinstance(e, (str, dict)) and e]
    config: dict = {
        "INHERIT": os.path.relpath(root.resolve() / "mkdocs.yml", work.resolve()),
        "docs_dir": "docs",
        "site_dir": "site",
        "markdown_extensions": [name for name in MARKDOWN_EXTENSIONS if name not in listed],
        "extra_css": finish.stylesheets(search),
        "extra_javascript": finish.scripts(search),
    }
    if search:
        config["plugins"] = [{"search": {"enabled": False}}]
    if not project.get("nav"):
        config["nav"] = short_nav(hand_written, tags="tags" in names or "material/tags" in names)
    path = work / FILE
    # JSON is YAML: no value here needs more, and every string is quoted.
    text = "# Written by `briefing build --with zensical` for Zensical; rewritten on every build.\n" + json.dumps(config, indent=2, ensure_ascii=False) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
