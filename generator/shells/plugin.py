"""The `briefing` MkDocs plugin: generates every page from seeds/ on each build, as virtual files.

It only wires MkDocs events to the core:
- on_config: load and check seeds/ *before* MkDocs cleans site/, so bad seeds leave the last good
  site in place; add the Markdown extensions the pages use; give a short nav when none is set.
- on_files: add the generated pages (never written to docs/), with docs/index.md as the home intro.
- on_serve: watch seeds/, so a saved edit rebuilds the preview.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from ..pages import Options
from ..pages.feed import FEED
from ..render.escape import html_text
from ..pipeline import Analysis, Session, generate_streams
from ..pages import text_of
from ..pages.book import PAGE as BOOK
from ..pages.site import actor_path, article_path
from . import project_files, search_index, second_core, theme_boundary
from .fast_pages import FastPages
from .gc_pause import collector_paused
from .report import print_problems, summary

log = logging.getLogger("mkdocs.plugins.briefing")

REQUIRED_EXTENSIONS = ("attr_list", "tables", "admonition", "md_in_html", "toc")
STYLESHEET = "assets/briefing.css"
SCRIPT = "assets/briefing.js"
SECTIONS = (
    ("Home", "index.md"),
    ("Topics", "topics/index.md"),
    ("Actors", "actors/index.md"),
    ("Articles", "articles/index.md"),
    ("Timeline", "timeline/index.md"),
    ("What changed", "changes/index.md"),
    ("Sources", "sources/index.md"),
    ("Network", "network/index.md"),
    ("Briefing book", "book/index.md"),
)
TAGS_SECTION = ("Tags", "tags/index.md")
SECTION_PAGES = {path for _, path in SECTIONS + (TAGS_SECTION,)}

class BriefingConfig(Config):
    nav = c.Type(bool, default=True)  # give a short section nav when mkdocs.yml has none
    # Material's search downloads search_index.json whole before the first result. Above this many
    # articles the plugin trims it (search_index.py): article text cut to the first
    # `search_article_words` words, the copies of article text on actor pages and in the book left
    # out. 0 never trims: every word stays searchable, whatever the download.
    search_trim_above = c.Type(int, default=500)
    search_article_words = c.Type(int, default=60)
    # Reuse page conversions and search entries (fast_pages.py): the same site, byte for byte, made
    # in several processes for a cold build and only for changed pages under `mkdocs serve`.
    fast_pages = c.Type(bool, default=True)


def _all_pages(analysis: Analysis, options: Options) -> dict[str, str]:
    """Every page, made in two processes when that is possible (`mkdocs build`), else in this one
    (`mkdocs serve`, which runs threads); the same pages either way."""
    halves = second_core.run_all([
        lambda stream=stream: [(path, text_of(content)) for path, content in stream]
        for stream in generate_streams(analysis, options)
    ])
    return dict(sorted(page for half in halves for page in half))


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self) -> None:
        self.session = Session()  # keeps the parse of unchanged seed files and their mentions between rebuilds
        self.analysis: Analysis | None = None  # the last good one
        self.serving = False
        self.root = Path(".")
        self.search_pages: dict = {"articles": set(), "actors": set(), "book": None}  # page URLs, for trimming the index
        self.fast = FastPages(keep=False)  # conversions and search entries; kept across rebuilds under serve (on_startup)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup makes MkDocs keep this instance across `mkdocs serve` rebuilds, so the
        # parse cache and the last good analysis live as long as the server.
        self.serving = command == "serve"
        self.fast = FastPages(keep=self.serving)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        with collector_paused():
            analysis = self.session.analyse(self.root)
        project = analysis.project
        if project.problems.items:
            print_problems(project.problems)
        if not project.problems.has_errors:
            self.analysis = analysis
        elif self.serving and self.analysis is not None:
            # A preview must not hang on a half-typed edit: keep serving the last good pages.
            print(f"briefing: {summary(project.problems)} in seeds/; serving the last good version until they are fixed", file=sys.stderr)
        else:
            raise PluginError(f"briefing: {summary(project.problems)} in seeds/; the site was not rebuilt")
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(SCRIPT)
        if config.nav is None and self.config.nav:
            sections = SECTIONS + ((TAGS_SECTION,) if _tags_enabled(config) else ())
            config.nav = [{title: path} for title, path in sections] + _hand_written_pages(Path(config.docs_dir))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.analysis is not None
        options = Options(
            site_name=config.site_name,
            intro=project_files.intro(Path(config.docs_dir)),
            directory_urls=config.use_directory_urls,
            site_url=config.site_url or "",
            tags=_tags_enabled(config),
        )
        with collector_paused():
            pages = _all_pages(self.analysis, options)
        clashes = sorted(path for path in pages if path != "index.md" and files.get_file_from_path(path))
        if clashes:
            raise PluginError(f"docs/{clashes[0]} would hide a generated page: remove it from docs/ (the generator writes {clashes[0]})")
        existing_home = files.get_file_from_path("index.md")
        if existing_home is not None:
            files.remove(existing_home)
        corpus = self.analysis.project.corpus
        article_pages = {article_path(a) for a in corpus.articles}
        actor_pages = {actor_path(a) for a in corpus.actors}
        self.search_pages = {"articles": set(), "actors": set(), "book": None}
        for path, content in pages.items():
            # Only the section pages belong in a nav; the others (one per article, actor, topic) are
            # reached from them, and would each be listed in MkDocs' "not included in the nav" notice.
            inclusion = InclusionLevel.UNDEFINED if path in SECTION_PAGES else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, path, content=content, inclusion=inclusion)
            files.append(file)
            if path in article_pages:
                self.search_pages["articles"].add(file.url)
            elif path in actor_pages:
                self.search_pages["actors"].add(file.url)
            elif path == BOOK:
                self.search_pages["book"] = file.url
        for asset in (STYLESHEET, SCRIPT):
            content = Path(__file__).with_name(Path(asset).name).read_text(encoding="utf-8")
            files.append(File.generated(config, asset, content=content))
        return files

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:  # type: ignore[no-untyped-def]
        theme_boundary.pin_title(page)
        return html

    @event_priority(-100)  # after every other plugin's on_nav: the files and the navigation are final
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if self.config.fast_pages:
            self.fast.install(config, files)  # with the cycle collector on: each conversion leaves cycles behind
        return nav

    @event_priority(-100)  # after every other plugin's on_env (tags renders its listings there)
    def on_env(self, env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        if self.config.fast_pages:
            self.fast.wrap_templates(env, config, files)
        return env

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:  # type: ignore[no-untyped-def]
        """Announce the Atom feed in every page's head, so browsers and readers find it."""
        href = get_relative_url(FEED, page.url)
        title = html_text(config.site_name)
        return output.replace("</head>", f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">\n</head>', 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Trim the search index of a large briefing (runs after the search plugin wrote it)."""
        if not self.serving:
            self.fast.forget()
        index = Path(config.site_dir) / "search" / "search_index.json"
        limit = self.config.search_trim_above
        if self.analysis is None or not limit or len(self.analysis.project.corpus.articles) <= limit or not index.is_file():
            return
        titles = {a.title for a in self.analysis.project.corpus.articles.values()}
        before, after = search_index.trim_file(
            index, articles=self.search_pages["articles"], actors=self.search_pages["actors"],
            book=self.search_pages["book"], article_titles=titles, article_words=self.config.search_article_words,
        )
        log.info(f"briefing: search index trimmed from {before / 1e6:.1f} MB to {after / 1e6:.1f} MB (search_trim_above: {limit} articles)")

    def on_serve(self, server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        server.watch(str(self.root / "seeds"))
        return server


def _tags_enabled(config: MkDocsConfig) -> bool:
    return any(name in config.plugins for name in ("tags", "material/tags"))


def _hand_written_pages(docs_dir: Path) -> list[str]:
    """Top-level hand-written pages (about, contributing, ...) after the generated sections."""
    if not docs_dir.is_dir():
        return []
    return sorted(p.name for p in docs_dir.glob("*.md") if p.name != "index.md")
