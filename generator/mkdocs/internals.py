"""The one module that touches what MkDocs (or ProperDocs) and Material do not publish.

The speed-ups (speedups/, serve/) reuse work MkDocs would do again, so they must call MkDocs' own
steps and stand in front of some of its objects: its private build steps (`_populate_page`,
`_build_page`), the attribute the page's render leaves its title in, the page a theme is rendering,
a page's class, the Jinja environment's `get_template`, Material's search index's
`add_entry_from_context`, the dev server's error page, watcher and address. Each of those is reached
through a function here and nowhere else, so a runtime that changes one breaks one file.

`speedups_allowed()` is the version guard: these names were read in MkDocs 1.6.x, ProperDocs 1.6.x
and Material 9.x. On any other version the plugin builds the plain way (every speed-up off: the
same site, slower) and says so once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import metadata
from typing import Any

from . import runtime  # noqa: F401 - first: makes `mkdocs.*` importable under ProperDocs alone
from mkdocs.commands import build as _build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.briefing")

# The runtime versions whose private names are the ones used below (checked by reading their code,
# and by tests/equivalence/). A new minor release is unknown until someone reads it again.
KNOWN = {"mkdocs": ("1.6.",), "properdocs": ("1.6.",), "mkdocs-material": ("9.",)}

_warned = False


def unknown_runtime() -> str | None:
    """The running runtime (MkDocs or ProperDocs), or Material, when its version is not one the
    speed-ups were checked against, as "name version"; None when both are known."""
    try:
        material = metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:
        material = None
    for name, version in ((runtime.name(), runtime.version()), ("mkdocs-material", material)):
        if version is not None and not version.startswith(KNOWN[name]):
            return f"{name} {version}"
    return None


def speedups_allowed() -> bool:
    """False on a runtime these names were not read in; then says so, once per process."""
    global _warned
    unknown = unknown_runtime()
    if unknown is None:
        return True
    if not _warned:
        _warned = True
        log.info(f"briefing: speed-ups off: {unknown} is not a version they were checked against (the site is the same, built the plain way)")
    return False


# -- pages ----------------------------------------------------------------------------------------

def populate_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """MkDocs' reading and converting of one page (its `_populate_page`)."""
    _build._populate_page(page, config, files)


def build_page(page: Page, config: MkDocsConfig, doc_files: list, nav: Any, env: Any, *, excluded: bool) -> None:
    """MkDocs' theming and writing of one page (its `_build_page`)."""
    _build._build_page(page, config, doc_files, nav, env, excluded=excluded)


def rendered_title(page: Page) -> str | None:
    """The title `Page.render` found in the page's first heading."""
    return page._title_from_render


def set_rendered_title(page: Page, title: str | None) -> None:
    page._title_from_render = title


def links_to_anchors(page: Page) -> Any:
    """What `Page.render` records of the page's links to anchors (set only when not logging at DEBUG)."""
    return page.__dict__.get("links_to_anchors")


def set_current_page(config: MkDocsConfig, page: Page | None) -> None:
    """The page MkDocs is theming, as its `_build_page` records it (plugins read it)."""
    config._current_page = page


def become(page: Page, cls: type[Page]) -> None:
    """Give the page MkDocs made a subclass's methods, keeping every attribute it has."""
    page.__class__ = cls


# -- Jinja and Material's search ------------------------------------------------------------------

def wrap_get_template(env: Any, wrap: Callable[[Callable[..., Any]], Callable[..., Any]]) -> Callable[..., Any]:
    """Put `wrap(get_template)` in front of the environment's `get_template`; the original is returned."""
    original = env.get_template
    env.get_template = wrap(original)
    return original


def search_add_entry(index: Any) -> Callable[[Page], None]:
    """The search index's own `add_entry_from_context`, bound to `index` (never a wrapper put on it)."""
    return type(index).add_entry_from_context.__get__(index)


def replace_search_add_entry(index: Any, add: Callable[[Page], None]) -> None:
    index.add_entry_from_context = add


# -- the dev server -------------------------------------------------------------------------------

def serve_url(host: str, port: int, path: str) -> str:
    """The address MkDocs' server prints for itself."""
    from mkdocs.livereload import _serve_url

    return _serve_url(host, port, path)


def error_page(server: Any, status: int) -> bytes | None:
    return server.error_handler(status)


def set_error_page(server: Any, handler: Callable[[int], bytes | None]) -> None:
    server.error_handler = handler


def set_watcher(server: Any, observer: Any) -> None:
    server.observer = observer


def cli_state() -> Any:
    """MkDocs' command-line state object (the logging setup `mkdocs serve` uses)."""
    from mkdocs.__main__ import State

    return State()
