"""Bring a served site up to date by rebuilding only the files whose generated text changed.

MkDocs rebuilds a whole site on every change: it empties the site folder, reads, converts, themes and
writes every page, 1,347 of them at 1,000 articles, to show one edited actor. Under `briefing serve`
the last build's MkDocs objects (the configuration as the plugins left it, the files, the navigation,
the theme's Jinja environment) are kept, and an edit under seeds/ that changes only the text of some
generated files is applied to them alone, with MkDocs' own per-page steps: every plugin's page events,
the conversion, the theme, the write.

That gives the same site as a whole build only while the changed pages affect no other page, so
`update()` refuses (and the caller makes a whole build) when
- a generated file appears or disappears (the navigation, links and listings of other pages change);
- a changed page's title or front matter changes (other pages show titles; the tags plugin lists
  every page's tags);
- a plugin other than those known to work per page is configured (`PER_PAGE_PLUGINS`: any other
  plugin may gather something from every page, as Material's search index does).

MkDocs' messages (a broken link, a missing anchor) are printed for the rebuilt pages only.
`tests/user/test_serve.py` drives `briefing serve` through every kind of edit and compares every served
file with a fresh `mkdocs build`.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from ..mkdocs import internals

# Plugins whose output for a page depends only on that page, or (tags) on what `update()` checks.
# Material's search plugin is on this list because the briefing plugin turns it off under Pagefind;
# with `search: material` the plugin does not offer incremental rebuilds at all.
PER_PAGE_PLUGINS = frozenset({"briefing", "tags", "material/tags", "search", "material/search"})


@dataclass
class LastBuild:
    """What a finished build leaves for the next one to start from."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    generated: dict[str, str]  # docs-relative path → the text the plugin gave MkDocs


def per_page_plugins_only(config: MkDocsConfig) -> bool:
    return all(name in PER_PAGE_PLUGINS for name in config.plugins)


def update(last: LastBuild, pages: dict[str, str]) -> list[str] | None:
    """Rebuild the files of `pages` whose text differs from the last build's; the paths rebuilt, or
    None when only a whole build gives the same site (see the module's docstring). After None,
    `last` is half updated and must not be used again."""
    if pages.keys() != last.generated.keys():
        return None
    changed = sorted(path for path, text in pages.items() if text != last.generated[path])
    files = [last.files.get_file_from_path(path) for path in changed]
    if any(file is None for file in files):
        return None
    config, inclusion = last.config, InclusionLevel.is_in_serve
    documents = [file for file in files if file.is_documentation_page()]
    # Read and convert every changed page before writing any: a changed title means a whole build.
    for file in documents:
        page = file.page
        before = (page.title, dict(page.meta))
        file.content_string = pages[file.src_uri]
        internals.populate_page(page, config, last.files)
        if (page.title, page.meta) != before:
            return None
    for file in files:
        if not file.is_documentation_page():
            file.content_string = pages[file.src_uri]
            file.copy_file()
    doc_files = last.files.documentation_pages(inclusion=inclusion)
    for file in documents:
        internals.build_page(file.page, config, doc_files, last.nav, last.env, excluded=file.inclusion.is_excluded())
    for file in documents:
        file.page.validate_anchor_links(files=last.files, log_level=config.validation.links.anchors)
    last.generated.update((path, pages[path]) for path in changed)
    return changed
