"""Page types. Each module has `build(site) -> {"docs-relative path.md": markdown}` and one template;
adding a page type means adding a module here and to PAGE_TYPES, nothing else."""

from __future__ import annotations

from . import actor, article, home, indexes, topic
from .site import Options, Site

PAGE_TYPES = (home, article, actor, topic, indexes)


def build_pages(site: Site) -> dict[str, str]:
    pages: dict[str, str] = {}
    for page_type in PAGE_TYPES:
        pages.update(page_type.build(site))
    return dict(sorted(pages.items()))


__all__ = ["Options", "Site", "build_pages"]
