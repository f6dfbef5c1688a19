"""The `briefing` MkDocs plugin: generates every page from seeds/ on each build, as virtual files.

It only wires MkDocs events to the core:
- on_config: load and check seeds/ *before* MkDocs cleans site/, so bad seeds leave the last good
  site in place; check the links in docs/ as those in seeds/ (load/links.py) and that site/ is no
  link; add the Markdown extensions the pages use; give a short nav when none is set.
- on_pre_build: clear the last site without following a link in it (site_folder.py).
- on_files: add the generated pages (never written to docs/), with docs/index.md as the home intro.
- on_serve: watch seeds/, so a saved edit rebuilds the preview.

Under `briefing serve` (server.py) the plugin also keeps what the last build left
(`incremental.LastBuild`) and offers `refresh()`: an edit under seeds/ applied to the changed files only.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from . import runtime  # noqa: F401 - first: `mkdocs.*` importable under ProperDocs alone
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from ..load.links import docs_links, is_refused
from ..pages import Options, text_of
from ..pages.feed import FEED
from ..problems import Problems
from ..session.pipeline import Analysis, Session, generate_streams
from ..serve import incremental
from ..search import pagefind
from ..search import finish
from ..serve import guard
from ..cli import project_files
from ..session import processes
from . import internals, theme_boundary
from .config import BriefingConfig
from ..pages.nav import MARKDOWN_EXTENSIONS, SECTION_PAGES, short_nav
from .. import fast
from .speedups.pages import FastPages
from .site_folder import OldSite, check_site_dir
from ..serve.live import LivePreview
from ..pages.reuse import Reuse
from ..session.preview import stranded_pages, usable_part
from .error_banner import add_banner, banner_html
from ..session.memory import collector_paused, give_back_freed_memory
from ..cli.report import print_problems, summary

log = logging.getLogger("mkdocs.plugins.briefing")


def _all_pages(analysis: Analysis, options: Options, reuse: Reuse | None = None) -> dict[str, str]:
    """Every page, made in two processes when that is possible (`mkdocs build`), else in this one
    (`mkdocs serve`, which runs threads); the same pages either way."""
    halves = processes.run_all([
        lambda stream=stream: [(path, text_of(content)) for path, content in stream]
        for stream in generate_streams(analysis, options, reuse)
    ])
    if reuse is not None:
        reuse.forget_unasked()
    return dict(sorted(page for half in halves for page in half))


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self) -> None:
        self.session = Session()  # keeps the parse of unchanged seed files and their mentions between rebuilds
        self.analysis: Analysis | None = None  # the last good one
        self.serving = False
        self.banner = ""  # under `mkdocs serve` with errors in seeds/: the error list shown on every page
        self.root = Path(".")
        self.fast = FastPages(keep=False)  # conversions and search entries; kept across rebuilds under serve (on_startup)
        # Set by `briefing serve` (serve/server.py): each build's pages and MkDocs objects are handed to
        # it, and it rebuilds an edit from them (`refresh`).
        self.live: LivePreview | None = None
        self._building: dict = {}  # the current build's pages, files, navigation and environment
        self.dirty = False
        self.old_site: OldSite | None = None  # the last build's site, being removed (site_folder.py)
        self.refused: set[str] = set()  # docs/ entries whose link leads out of the project (load/links.py): never read
        # Under serve: the last clean build's pages, shown (with the banner) for a file that broke since,
        # and the errors and left-out files of a preview with errors (preview.stranded_pages).
        self.good_pages: dict[str, str] = {}
        self.stranded: tuple[list, list[str]] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup makes MkDocs keep this instance across `mkdocs serve` rebuilds, so the
        # parse cache and the last good analysis live as long as the server.
        self.serving = command == "serve"
        self.dirty = dirty
        self.fast = FastPages(keep=self.serving)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # The seeds are good (on_config raised otherwise): the last site may go, in the background when
        # that is faster. Always cleared here, not by MkDocs, which follows a committed link in site/
        # and keeps hidden entries (site_folder.py). `mkdocs serve` builds into a new temporary folder.
        if self.serving:
            return
        background = self._speedups and fast.on("site_removed_in_background") and not self.dirty and processes.available()
        try:
            self.old_site = OldSite(config.site_dir, background=background, dirty=self.dirty)
        except OSError as error:
            raise PluginError(f"briefing: the last site could not be cleared: {error}") from None

    @event_priority(100)  # before Material's search plugin sets up an index this one may turn off
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        fast.configure(self.config.fast)
        fast.forget_taken()
        with collector_paused():
            analysis = self.session.analyse(self.root)
        project = analysis.project
        # docs/ is edited by pull request like seeds/: the same rule for its links. A refused entry is
        # an error (the build refuses) and is left out of a preview. Paths from mkdocs.yml's folder as
        # MkDocs makes docs_dir and site_dir (not resolved: a link on the way is the question).
        config_dir = Path(os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml")))
        around = Problems()
        self.refused = docs_links(config_dir, Path(config.docs_dir), around)
        if not self.serving:
            check_site_dir(config_dir, config.site_dir, around)
        project.problems.extend(around)
        if project.problems.items:
            print_problems(project.problems)
        self.banner, self.stranded = "", None
        if not project.problems.has_errors:
            self.analysis = analysis
        elif self.serving:
            # A preview must never stop at a half-typed edit (nor at a new project's TODOs): serve the
            # valid files, with a banner on every page listing the errors (error_banner.py).
            preview = usable_part(project)
            self.analysis = preview.analysis
            self.banner = banner_html(preview.errors, preview.left_out)
            self.stranded = (preview.errors, preview.left_out)
            print(f"briefing: {summary(project.problems)} in {_where(project.problems)}; previewing the files without errors", file=sys.stderr)
        else:
            raise PluginError(f"briefing: {summary(project.problems)} in {_where(project.problems)}; the site was not rebuilt")
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        config.extra_css.extend(finish.stylesheets(self._pagefind))
        config.extra_javascript.extend(finish.scripts(self._pagefind))
        if self._pagefind:
            pagefind.take_over(config)
        if config.nav is None and self.config.nav:
            docs_dir = Path(config.docs_dir)
            hand_written = sorted(p.name for p in docs_dir.glob("*.md")) if docs_dir.is_dir() else []
            config.nav = short_nav([page for page in hand_written if not is_refused(page, self.refused)], tags=_tags_enabled(config))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.analysis is not None
        options = Options(
            site_name=config.site_name,
            intro="" if is_refused("index.md", self.refused) else project_files.intro(Path(config.docs_dir)),
            directory_urls=config.use_directory_urls,
            site_url=config.site_url or "",
            tags=_tags_enabled(config),
            page_size=self.config.page_size,
            language=str(config.theme.get("language") or "en"),
        )
        with collector_paused():
            reuse = self.live.reuse if self.live is not None and self.live.incremental and fast.on("page_reuse") else None
            pages = _all_pages(self.analysis, options, reuse)
        if self.serving and self.stranded is not None:  # never a bare 404 for the page of a file that broke
            pages = stranded_pages(pages, self.good_pages, *self.stranded)
        elif self.serving:
            self.good_pages = pages
        if self.live is not None:
            self.live.whole_build_started(options)
        self._building = {"generated": pages}
        if self.refused:  # a preview with errors in docs/ (a build refused in on_config): never read, never served
            docs_dir = os.path.abspath(config.docs_dir)
            for file in [f for f in files if f.src_dir and os.path.abspath(f.src_dir) == docs_dir and is_refused(f.src_uri, self.refused)]:
                files.remove(file)
        clashes = sorted(path for path in pages if path != "index.md" and files.get_file_from_path(path))
        if clashes:
            raise PluginError(f"docs/{clashes[0]} would hide a generated page: remove it from docs/ (the generator writes {clashes[0]})")
        existing_home = files.get_file_from_path("index.md")
        if existing_home is not None:
            files.remove(existing_home)
        for path, content in pages.items():
            # The others would each be listed in MkDocs' "not included in the nav" notice.
            inclusion = InclusionLevel.UNDEFINED if path in SECTION_PAGES else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        for asset, content in finish.asset_files(self._pagefind):
            files.append(File.generated(config, asset, content=content))
        return files

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:  # type: ignore[no-untyped-def]
        theme_boundary.pin_title(page)
        return html

    @event_priority(-100)  # after every other plugin's on_nav: the files and the navigation are final
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if self._speedups:
            self.fast.install(config, files)  # with the cycle collector on: each conversion leaves cycles behind
        self._building.update(files=files, nav=nav)
        return nav

    @event_priority(-100)  # after every other plugin's on_env (tags renders its listings there)
    def on_env(self, env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        if self._speedups:
            ahead = not self.serving and incremental.per_page_plugins_only(config)
            self.fast.wrap_templates(env, config, files, self._building["nav"], ahead=ahead)
        self._building["env"] = env
        return env

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:  # type: ignore[no-untyped-def]
        """Announce the Atom feed in every page's head, so browsers and readers find it; the search box."""
        if self.banner:
            output = add_banner(output, self.banner)
        search_meta = page.meta.get("search")  # `search: {boost: N}` in front matter (an actor page)
        boosted = isinstance(search_meta, dict) and bool(search_meta.get("boost"))
        return finish.finish_page(output, page.url, get_relative_url(FEED, page.url), config.site_name, search=self._pagefind, boosted=boosted)

    @event_priority(-100)  # after every other plugin's: Pagefind indexes what they wrote too
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built site for search (for `mkdocs serve`'s builds too, so its preview finds words)."""
        if not self.serving:
            self.fast.forget()
            if fast.on("briefing_dropped"):
                self._drop_briefing(config)
        building, self._building = self._building, {}
        if self.old_site is not None:
            self.old_site.wait()  # before Pagefind walks the site folder
            self.old_site = None
        if self.live is not None and not self.banner and self.live.incremental:
            self.live.whole_build_done(config, building)
        if self.live is not None and self.live.indexer is not None:
            self.live.index()
        elif self._pagefind:
            log.info(f"briefing: search: {pagefind.index(config.site_dir)}")
        log.debug(fast.report())

    def _drop_briefing(self, config: MkDocsConfig) -> None:
        """A one-off build needs nothing of the loaded briefing once its pages are written: its memory
        goes back to the system before Pagefind, which needs gigabytes of its own on a large briefing,
        starts (docs/performance.md, "Memory guidance"; CHANGELOG.md). So do the texts MkDocs keeps of the generated
        pages (their Markdown, twice, and their HTML), but only when every plugin is one known to be
        done with them by now: this event runs after every other plugin's, and nothing else reads a
        page after it."""
        self.analysis, self.session = None, Session()
        files = self._building.get("files")
        if files is not None and incremental.per_page_plugins_only(config):
            for file in files:
                if file.generated_by == "briefing":
                    file.content_string = ""
                    if file.page is not None:
                        file.page.markdown, file.page.content = None, None
        give_back_freed_memory()
        fast.took("briefing_dropped")

    def refresh(self) -> list[str] | None:
        """`briefing serve`: apply the edits made under seeds/ since the last build to the files whose
        text they change, and only those (serve/live.py); the paths rebuilt, or None when only a whole
        build gives the same site (then the caller runs one, which reports any error)."""
        if self.live is None:
            return None
        refreshed = self.live.refresh(self.session, self.root, allowed=self._speedups and self._pagefind)
        if refreshed is None:
            return None
        self.analysis, self.good_pages = refreshed.analysis, refreshed.pages
        return refreshed.changed

    @property
    def _speedups(self) -> bool:
        """The speed-ups under MkDocs (speedups/, serve/): only with fast paths on, on a known runtime."""
        return fast.enabled() and internals.speedups_allowed()

    @property
    def _pagefind(self) -> bool:
        return self.config.search == "pagefind"

    def on_serve(self, server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        server.watch(str(self.root / "seeds"))
        # `mkdocs serve` too: a Host that is not the served address is refused, a NUL path is a 404
        # (MkDocs has not started listening yet; under `briefing serve` this is already in place).
        guard.install(server)
        if self.live is None:  # `mkdocs serve`: MkDocs binds only after this hook; `briefing serve` already listens
            guard.refuse_busy_address(server)
        return server


def _where(problems: Problems) -> str:
    """Where the errors are, for the one-line summary: "seeds/", "docs/", "seeds/ and site"..."""
    places = {path.split("/", 1)[0] + "/" if path.split("/", 1)[0] in ("seeds", "docs") else path
              for path in (problem.location.path for problem in problems.errors())}
    names = sorted(places) or ["seeds/"]
    if len(names) > 3:
        names = names[:2] + [f"{len(names) - 2} other places"]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def _tags_enabled(config: MkDocsConfig) -> bool:
    return any(name in config.plugins for name in ("tags", "material/tags"))

