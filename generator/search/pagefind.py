"""Full-text search with Pagefind: every word of every page, in small pieces the browser fetches as needed.

Material's search ships one `search_index.json` holding every word, which the browser downloads
whole before the first result (25 MB at 10,000 articles). Pagefind (a Rust binary, `pagefind_bin`
on PyPI) indexes the built HTML into chunks; a search fetches the few chunks its words need and the
excerpts of the results it shows. Measured in docs/performance.md.

What this module does for the plugin (plugin.py only calls it):
- `take_over`: turn Material's own search plugin off when mkdocs.yml still lists it (no second
  index, no second search box); Material then draws no search box in the header.
- `page_html`: mark what Pagefind indexes (the page's article, not the navigation; not the briefing
  book, which repeats every other page), weigh an actor's aliases as a title, and put the search box in Material's header, with the links
  to Pagefind's UI (served from the site itself: no CDN, works air-gapped and on GitHub Pages).
- `index`: run Pagefind over the built site (for `mkdocs build` and for each `mkdocs serve` build);
  `BackgroundIndex`: the same after each `briefing serve` rebuild, without holding the pages back;
  after either, `escape_excerpts` makes the bundle show result excerpts as the text was written.

The look (site palette, light and dark) is in pagefind.css and the keyboard use and the
highlighting of the searched words on the opened page in pagefind.js.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

BUNDLE = "pagefind"  # the folder Pagefind writes in the site
STYLESHEET = "assets/pagefind_search.css"
SCRIPT = "assets/pagefind_search.js"
MATERIAL_SEARCH = ("search", "material/search")
_ARTICLE = '<article class="md-content__inner md-typeset">'
_HEADER = 'data-md-component="header"'
# An actor's other names (actor.md.j2) weigh as much as a title: "CIA" finds the agency's page first,
# not the pages that mention the CIA most often.
_ALIASES = '<span class="briefing-aliases">'
_ALIASES_WEIGHED = '<span class="briefing-aliases" data-pagefind-weight="10">'

log = logging.getLogger("mkdocs.plugins.briefing")

# Search excerpts as the text was written. Pagefind stores a page's text content (character references
# already decoded: a seed's `&lt;b&gt;`, escaped once by escape.text, is the text `&lt;b&gt;`), and for
# a result its pagefind.js cuts an excerpt from that text, wraps the searched words in <mark> and the UI
# sets it as HTML (innerHTML). Before cutting, it escapes `<` and `>` but not `&`, so every character
# reference in the text was decoded once more: `&lt;img src=x onerror=…&gt;` read as `<img …>` (inert,
# `<` itself stays escaped, but not what was written). The one place that makes text into that HTML is
# this assignment (in pagefind.js and, the same code, pagefind-worker.js); `&` is escaped there first,
# in the bundle Pagefind has just written (it has no option for it). Pagefind's <mark> tags are added
# after it, and the excerpt's word positions are unchanged (escaping adds no whitespace).
_RAW_CONTENT = re.compile(r'(\braw_content\s*=\s*[\w$.]+\.content)(\.replace\(/</g,\s*"&lt;"\))')
_AMP_FIRST = '.replace(/&/g,"&amp;")'
_EXCERPT_SCRIPTS = ("pagefind.js", "pagefind-worker.js")


def take_over(config: MkDocsConfig) -> bool:
    """Turn off Material's search plugin if mkdocs.yml lists it; whether it was listed."""
    listed = False
    for name in MATERIAL_SEARCH:
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin.config, "enabled"):
            plugin.config.enabled = False
            listed = True
    return listed


def page_html(output: str, page_url: str, *, indexed: bool, boosted: bool = False) -> str:
    """A built page with its search box in the header and, if `indexed`, its article marked for
    Pagefind; a `boosted` page's title (an actor's name, the page's `search: boost` in front matter)
    outweighs the same words in other pages' titles."""
    if indexed:
        output = output.replace(_ARTICLE, _ARTICLE[:-1] + " data-pagefind-body>", 1).replace(_ALIASES, _ALIASES_WEIGHED, 1)
        if boosted:
            body = output.find(_ARTICLE[:-1])
            title = output.find("<h1", body) if body >= 0 else -1
            if title >= 0:
                output = output[:title] + '<h1 data-pagefind-weight="10"' + output[title + 3:]
    bundle = get_relative_url(BUNDLE + "/", page_url)
    # Deferred: pagefind.js (in extra_javascript) starts the UI once the page is parsed.
    head = f'<link rel="stylesheet" href="{bundle}pagefind-ui.css">\n<script src="{bundle}pagefind-ui.js" defer></script>\n'

    output = output.replace("</head>", head + "</head>", 1)
    box = f'<div class="md-header__option briefing-search" role="search" data-bundle="{bundle}"></div>\n'
    return _in_header(output, box)


# No `type` filter (results narrowed to actors, articles, topics): Pagefind 1.5 writes its filter
# index differently from one run to the next over the same pages (its issue #638: "filter/metadata
# indexes still change"; measured here, three runs of one site gave three filter files), and a
# briefing's build gives the same bytes for the same inputs. pagefind.js narrows the results
# by their addresses (actors/, articles/, topics/, timeline/) instead.


def _in_header(output: str, box: str) -> str:
    """`box` in Material's header bar, where its own search box would be (before the repository link)."""
    header = output.find(_HEADER)
    if header < 0:
        return output
    end = output.find("</nav>", header)
    source = output.find('<div class="md-header__source">', header, end)
    at = source if source >= 0 else end
    return output[:at] + box + output[at:] if at >= 0 else output


def index(site_dir: str) -> str:
    """Index the built site with Pagefind; its summary ("Indexed 40 pages", ...)."""
    result = subprocess.run(_command(site_dir, ["--output-subdir", BUNDLE]), capture_output=True, text=True, check=False)
    summary = _summary(site_dir, result.returncode, result.stdout, result.stderr)
    for problem in escape_excerpts(Path(site_dir, BUNDLE)):
        log.warning(problem)
    return summary


def escape_excerpts(bundle: Path) -> list[str]:
    """Make the Pagefind bundle in `bundle` escape `&` in result excerpts (see _RAW_CONTENT); a
    warning for each of its scripts that no longer makes excerpts the way this expects (a newer
    Pagefind: its excerpts would decode character references once more, until this is updated)."""
    problems = []
    scripts = [bundle / name for name in _EXCERPT_SCRIPTS if (bundle / name).is_file()]
    if not scripts:
        problems.append(f"briefing: search: no {' or '.join(_EXCERPT_SCRIPTS)} in {bundle}: this Pagefind's excerpts may show "
                        "character references decoded (`&lt;b&gt;` as `<b>`); see pagefind.py, _RAW_CONTENT")
    for path in scripts:
        script = path.read_text(encoding="utf-8")
        escaped, count = _RAW_CONTENT.subn(lambda m: m.group(1) + _AMP_FIRST + m.group(2), script)
        if count:
            path.write_text(escaped, encoding="utf-8")
        elif _AMP_FIRST + '.replace(/</g,"&lt;")' not in script:  # not escaped already (by Pagefind itself)
            problems.append(f"briefing: search: {path.name} of this Pagefind makes excerpts in a way briefing does not know: "
                            "they may show character references decoded (`&lt;b&gt;` as `<b>`); see pagefind.py, _RAW_CONTENT")
    return problems


def _command(site_dir: str, output: list[str]) -> list[str]:
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise PluginError("briefing: search needs Pagefind's binary: pip install 'pagefind[bin]' (or set search: material in mkdocs.yml)")
    return [str(executable), "--site", site_dir, *output]


def _summary(site_dir: str, returncode: int, stdout: str, stderr: str) -> str:
    if returncode != 0:
        raise PluginError(f"briefing: Pagefind could not index {site_dir}: {(stderr or stdout).strip()}")
    return " ".join(line.strip() for line in stdout.splitlines() if line.strip().startswith("Indexed") and "pages" in line)


class BackgroundIndex:
    """Pagefind run after each `briefing serve` rebuild without holding the rebuilt pages back.

    Indexing a whole site takes seconds (28 s at 10,000 articles) and Pagefind cannot update an index
    page by page, so under `briefing serve` the pages are served as soon as they are written and the
    search index follows: Pagefind writes a new bundle beside the site's, which then replaces it (two
    renames), so a search never reads half an index. A request made while Pagefind runs starts one
    more run when it ends; `cancel()` stops a run (before MkDocs empties the site folder for a whole
    build). One thread, started by `start()`: requests made before wait for it (`briefing serve` forks
    its page worker after the first build, which must happen while no other thread runs).
    """

    def __init__(self, site_dir: str, log: Callable[[str], None]) -> None:
        self.site = Path(site_dir)
        self.log = log
        self.changed = threading.Condition()
        self.wanted = False
        self.running: subprocess.Popen | None = None
        self.busy = False
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
            self.thread.start()

    def request(self) -> None:
        with self.changed:
            self.wanted = True
            self.changed.notify_all()

    def cancel(self) -> None:
        """Drop any pending request, stop a running Pagefind and wait until it has stopped."""
        with self.changed:
            self.wanted = False
            if self.running is not None:
                self.running.kill()
            self.changed.wait_for(lambda: not self.busy)

    def _run(self) -> None:
        fresh, current, old = self.site / ".pagefind-new", self.site / BUNDLE, self.site / ".pagefind-old"
        while True:
            with self.changed:
                self.changed.wait_for(lambda: self.wanted)
                self.wanted, self.busy = False, True
                try:
                    self.running = subprocess.Popen(_command(str(self.site), ["--output-path", str(fresh)]),
                                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                    if hasattr(os, "setpriority"):  # behind the next rebuild, should the writer save again meanwhile
                        os.setpriority(os.PRIO_PROCESS, self.running.pid, 10)
                except (OSError, PluginError) as error:
                    self.busy = False
                    self.changed.notify_all()
                    self.log(f"briefing: search not updated: {error}")
                    continue
            stdout, stderr = self.running.communicate()
            with self.changed:
                try:
                    if self.running.returncode >= 0 and not self.wanted:  # not killed, and not already stale
                        summary = _summary(str(self.site), self.running.returncode, stdout, stderr)
                        for problem in escape_excerpts(fresh):
                            self.log(problem)
                        shutil.rmtree(old, ignore_errors=True)
                        if current.exists():
                            current.rename(old)
                        fresh.rename(current)
                        shutil.rmtree(old, ignore_errors=True)
                        self.log(f"briefing: search: {summary}")
                except (OSError, PluginError) as error:
                    self.log(f"briefing: search not updated: {error}")
                finally:
                    shutil.rmtree(fresh, ignore_errors=True)
                    self.running, self.busy = None, False
                    self.changed.notify_all()


def asset(name: str) -> str:
    """The text of one of this module's browser assets (pagefind.css / .js)."""
    return Path(__file__).with_name(Path(name).name).read_text(encoding="utf-8")
