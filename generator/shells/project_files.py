"""What both shells read around the seeds: the site name from mkdocs.yml and the hand-written intro."""

from __future__ import annotations

from pathlib import Path

import yaml


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; we only want plain keys from it."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_name(root: Path) -> str:
    config = root / "mkdocs.yml"
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return "Briefing"
    name = data.get("site_name") if isinstance(data, dict) else None
    return str(name) if name else "Briefing"


def intro(docs_dir: Path) -> str:
    """docs/index.md, the maintainers' hand-written intro placed above the generated home page."""
    path = docs_dir / "index.md"
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""
