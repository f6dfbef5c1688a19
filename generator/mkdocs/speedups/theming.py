"""Under `mkdocs serve`: a page's themed HTML reused when everything the theme template reads is unchanged.

After a saved edit MkDocs renders the theme's `main.html` again for every page (about 2 s of the
rebuild at 1,000 articles), though most pages are what they were. The output of `template.render(
context)` is a function of the template and of the context: the page (URL, title, content, table of
contents, meta, neighbours and parents in the navigation, its dates), the navigation, the list of
pages, the configuration, the theme files, and whatever other plugins added to the context. `key`
makes a key of all of that; a page whose key is unchanged gets the HTML made for it before. A context
value this module cannot see through (an object it has no rule for) makes the page's key `None`:
that page is always rendered.

Per build, once: the navigation (every item's title and URL), the pages' paths, every setting as
plugins left it (theme options and `extra` too) and mkdocs.yml's bytes, the theme's override folder (names, sizes, mtimes),
the versions, and `build_date_utc` only if a theme template uses it (Material's do not).
Only pages are cached: 404.html and sitemap.xml are always made (their context has no page).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ... import fast
from .. import internals
from .conversions import digest, recording_messages, signature
from .search_entries import toc_key
from .theming_in_parallel import ThemedAhead

_PLAIN = (str, int, float, bool, type(None), datetime.date)
_STANDARD = {"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version", "build_date_utc", "config", "page"}


class Unseen(Exception):
    """A context value with no rule here: the page is rendered, not reused."""


def plain(value: object, depth: int = 0) -> object:
    """A comparable copy of plain data, and of small objects by their attributes (tag references)."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(plain(item, depth) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((str(key), plain(item, depth)) for key, item in value.items()))
    if depth < 3 and hasattr(value, "__dict__") and not isinstance(value, Page):
        return (type(value).__qualname__, plain(vars(value), depth + 1))
    raise Unseen(type(value).__qualname__)


def _nav_key(items) -> tuple:  # type: ignore[no-untyped-def]
    return tuple(
        (type(item).__name__, item.title, getattr(item, "url", None), _nav_key(item.children or ()))
        for item in items
    )


def _near(page: Page | None) -> tuple | None:
    return None if page is None else (page.title, page.url)


def _page_key(page: Page) -> tuple:
    parents, parent = [], page.parent
    while parent is not None:
        parents.append(parent.title)
        parent = parent.parent
    return (
        page.file.src_uri, page.url, page.title, page.canonical_url, page.abs_url, page.edit_url, page.is_homepage,
        page.update_date, plain(page.meta), toc_key(page.toc), digest(page.content or ""),
        _near(page.previous_page), _near(page.next_page), tuple(parents),
    )


def _config_key(config: MkDocsConfig) -> tuple:
    """Every setting as plain data (the theme's options and `extra` included, as plugins left them);
    a setting that is an object here (the plugins, hooks) by its type alone."""
    items = []
    for name in sorted(config.keys()):
        value = config[name]
        if name == "theme":
            value = dict(value)
        try:
            items.append((name, plain(value) if name not in ("plugins", "hooks") else type(value).__qualname__))
        except Unseen:
            items.append((name, type(value).__qualname__))
    return tuple(items)


def _tree(folder: str | None) -> tuple:
    if not folder or not os.path.isdir(folder):
        return ()
    return tuple(sorted(
        (str(path), path.stat().st_size, path.stat().st_mtime_ns) for path in Path(folder).rglob("*") if path.is_file()
    ))


def _uses_build_date(env: jinja2.Environment) -> bool:
    for name in env.list_templates(filter_func=lambda name: name.endswith((".html", ".xml", ".js"))):
        try:
            source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
        except (jinja2.TemplateNotFound, UnicodeDecodeError):
            continue
        if "build_date_utc" in source:
            return True
    return False


class TemplateCache:
    """Each page's themed HTML and the key it was made with, kept across the rebuilds of one server
    (`keep`); in a one-off build, the HTML a second process themed ahead (theming_in_parallel.py), if any."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self.ahead: ThemedAhead | None = None
        self.pages: dict[str, tuple[tuple, str]] = {}
        self._uses_build_date: bool | None = None
        self._build: tuple = ()
        self._nav: tuple[int, tuple] = (0, ())
        self.hits = self.misses = 0

    def start(self, env: jinja2.Environment, config: MkDocsConfig, paths: set[str]) -> None:
        """Once per build (`on_env`): what every page of this build shares; then wrap the templates."""
        if self._uses_build_date is None:
            self._uses_build_date = _uses_build_date(env)
        self._build = (
            signature(config), tuple(sorted(paths)), _config_key(config),
            Path(config.config_file_path).read_bytes() if config.config_file_path else b"", _tree(config.theme.custom_dir),
        )
        self._nav = (0, ())
        self.pages = {path: kept for path, kept in self.pages.items() if path in paths}
        def cached(get_template):  # type: ignore[no-untyped-def]
            def cached_get_template(name, *args, **kwargs):  # type: ignore[no-untyped-def]
                return _Template(get_template(name, *args, **kwargs), name, self)
            return cached_get_template

        self.raw_template = internals.wrap_get_template(env, cached)

    def key(self, name: str, context: dict) -> tuple | None:
        page = context.get("page")
        nav = context.get("nav")
        if not isinstance(page, Page) or not isinstance(nav, Navigation):
            return None
        if self._nav[0] != id(nav):
            self._nav = (id(nav), _nav_key(nav.items))
        try:
            others = tuple(sorted((key, plain(value)) for key, value in context.items() if key not in _STANDARD))
        except Unseen:
            return None
        date = context.get("build_date_utc") if self._uses_build_date else None
        return (
            name, self._build, self._nav[1], _page_key(page), context.get("base_url"), plain(context.get("extra_css")),
            repr(context.get("extra_javascript")), context.get("mkdocs_version"), date, others,
        )

    def render(self, template: jinja2.Template, name: str, context: dict) -> str:
        page = context.get("page")
        if not isinstance(page, Page):  # 404.html, sitemap.xml
            return template.render(context)
        if self.keep:
            kept = self.pages.get(page.file.src_uri)
        else:  # a one-off build: only what was themed ahead, and no key made for the other pages
            kept = self.ahead.take(page.file.src_uri) if self.ahead is not None else None
            if kept is None:
                return template.render(context)
        key = self.key(name, context)
        if key is None:
            return template.render(context)
        if kept is not None and kept[0] == key:
            self.hits += 1
            fast.took("theming_kept" if self.keep else "theming_in_parallel")
            return kept[1]
        self.misses += 1
        output = template.render(context)
        if self.keep:
            self.pages[page.file.src_uri] = (key, output)
        return output

    def theme(self, page: Page, config: MkDocsConfig, nav: Navigation, doc_files: list) -> tuple[tuple, str] | None:
        """What MkDocs' `_build_page` makes of `page` before `on_post_page` (the context, every plugin's
        `on_page_context`, the template), with its key; None when the key cannot be made or theming
        logged a message (then only MkDocs' own loop may theme the page). For theming_in_parallel.py."""
        internals.set_current_page(config, page)
        page.active = True
        try:
            context = get_context(nav, doc_files, config, page)
            name = page.meta.get("template", "main.html")
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            key = self.key(name, context)
            if key is None:
                return None
            with recording_messages() as recorder:
                output = self.raw_template(name).render(context)
            return None if recorder.messages else (key, output)
        finally:
            page.active = False
            internals.set_current_page(config, None)


class _Template:
    """A theme template whose `render` goes through the cache; anything else as the template itself."""

    def __init__(self, template: jinja2.Template, name: str, cache: TemplateCache) -> None:
        self._template, self._name, self._cache = template, name, cache

    def render(self, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
        if len(args) == 1 and not kwargs and isinstance(args[0], dict):
            return self._cache.render(self._template, self._name, args[0])
        return self._template.render(*args, **kwargs)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._template, name)
