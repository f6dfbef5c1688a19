"""Every fast path of the briefing, in one registry, with one switch that turns them all off.

A fast path gives the same bytes and the same messages as the plain path, only sooner or with less
memory. Each is listed below: where it lives, what it does, what its result is keyed on (what must be
the same for a kept result to be used), the narrower switch it had before this one, and the test that
holds it to the plain path. `briefing: {fast: false}` under the plugins in mkdocs.yml, or the
environment variable BRIEFING_FAST=0 (for CI), turns every one of them off: the plain path is then
what MkDocs and the core do with no help. The equivalence tests build whole sites both ways and
compare every file; each path counts what it did (`took`), and those tests fail if a path they
claim was never taken (the plugin logs the counts at debug level: `mkdocs build -v`).

Nothing here imports MkDocs: the core reads the switch too.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

ENVIRONMENT = "BRIEFING_FAST"  # "0", "false", "no" or "off": every fast path off
_OFF_WORDS = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class FastPath:
    name: str
    where: str
    what: str
    keyed_on: str
    switch: str  # its own, narrower switch (beside `fast: false` and BRIEFING_FAST=0)
    test: str


PATHS = {path.name: path for path in (
    # -- the core: reading and checking seeds/ ---------------------------------------------------
    FastPath("libyaml", "load/located_yaml.py",
             "YAML composed by libyaml (C), about ten times faster than PyYAML",
             "the text: used only when it holds no tab, odd line break or BOM and libyaml finds nothing to report",
             "none", "tests/equivalence/test_performance.py (both parsers, same nodes and messages)"),
    FastPath("compiled_schemas", "load/schema_fast.py",
             "a document checked by plain Python compiled from its JSON Schema; jsonschema words the errors",
             "the schema: one that uses a keyword the compiler does not know is not compiled",
             "none", "tests/equivalence/test_performance.py (the compiled check against jsonschema)"),
    FastPath("parse_cache", "load/project.py",
             "a seed file not parsed again while its size and modification time are the same (serve)",
             "(size, mtime_ns) of the file", "none", "tests/equivalence/test_performance.py (session rebuilds equal fresh builds), tests/equivalence/test_served_pages.py"),
    FastPath("mention_matcher_kept", "session/pipeline.py",
             "the Aho-Corasick automaton of every name kept while no name or alias changed (serve)",
             "every actor's names and aliases", "none", "tests/equivalence/test_performance.py (session rebuilds equal fresh builds)"),
    FastPath("mention_cache", "core/mentions.py",
             "an unchanged article's mentions not searched for again (serve)",
             "the article object and the automaton", "none", "tests/equivalence/test_performance.py (session rebuilds equal fresh builds)"),
    FastPath("validation_cache", "core/validate.py",
             "an unchanged article's unlinked names and folded text not worked out again (serve)",
             "the article object and its mentions", "none", "tests/equivalence/test_performance.py (session rebuilds equal fresh builds)"),
    FastPath("page_reuse", "pages/reuse.py",
             "an actor's or article's pages not made again while their inputs are the same (serve)",
             "every input the page type names (`inputs`)", "none", "tests/equivalence/test_reuse.py"),
    FastPath("link_memo", "pages/site.py",
             "relative links between two site paths worked out once",
             "(target, base): a function of the two strings alone", "none", "tests/equivalence/test_performance.py (relative_path is posixpath.relpath), tests/equivalence/test_fast_pages.py"),
    # -- the session: processes and memory --------------------------------------------------------
    FastPath("collector_paused", "session/memory.py",
             "Python's cycle collector paused while seeds are read and pages made",
             "nothing: it changes when memory is freed, not what is made", "none", "tests/equivalence/test_fast_pages.py"),
    FastPath("two_processes", "session/processes.py",
             "page groups made by a forked copy at the same time (mkdocs build, briefing generate)",
             "nothing: the same groups, joined in path order", "`briefing generate --jobs 1`",
             "tests/equivalence/test_performance.py (two writers, two page makers), tests/equivalence/test_fast_pages.py"),
    FastPath("exit_without_teardown", "cli/commands.py",
             "the `briefing` command leaves with os._exit once its output is flushed",
             "nothing", "none", "tests/user/test_commands.py"),
    FastPath("unchanged_files_kept", "cli/output.py",
             "`generate --out` leaves a file whose bytes are already right untouched",
             "the file's bytes", "none", "tests/user/test_fast_paths_seen.py (a second generate keeps unchanged files)"),
    # -- under MkDocs (mkdocs/speedups/) ----------------------------------------------------------
    FastPath("conversions_ahead", "mkdocs/speedups/pages.py",
             "every page's Markdown converted ahead in one process per core (cold build)",
             "the Markdown MkDocs converts, the page's place, the links it found, the Markdown settings",
             "none", "tests/equivalence/test_fast_pages.py, tests/equivalence/test_runtimes.py"),
    FastPath("conversions_kept", "mkdocs/speedups/conversions.py",
             "an unchanged page's conversion reused by the next build (serve)",
             "as conversions_ahead", "none", "tests/equivalence/test_served_pages.py"),
    FastPath("search_entries_kept", "mkdocs/speedups/search_entries.py",
             "Material's search entries for a page made once (ahead, or by the last build)",
             "the page's URL, title, HTML and table of contents", "none",
             "tests/equivalence/test_fast_pages.py (search: material)"),
    FastPath("theming_kept", "mkdocs/speedups/theming.py",
             "an unchanged page's themed HTML reused by the next build (serve)",
             "everything the theme reads: the page, its neighbours, the nav, the config, the theme's files",
             "none", "tests/equivalence/test_served_pages.py"),
    FastPath("theming_in_parallel", "mkdocs/speedups/theming_in_parallel.py",
             "a forked copy themes the later pages while MkDocs themes the first (cold build)",
             "as theming_kept", "none", "tests/equivalence/test_fast_pages.py, tests/equivalence/test_runtimes.py"),
    FastPath("site_removed_in_background", "mkdocs/site_folder.py",
             "the last build's site moved aside and removed by another process",
             "nothing: the same entries are removed", "`mkdocs build --dirty`",
             "tests/equivalence/test_fast_pages.py (a build over an old site)"),
    FastPath("briefing_dropped", "mkdocs/plugin.py",
             "the loaded briefing and the generated pages' texts freed before Pagefind indexes (cold build)",
             "only when every plugin is one known to be done with pages by then", "none",
             "tests/equivalence/test_fast_pages.py"),
    # -- under `briefing serve` (serve/) ------------------------------------------------------------
    FastPath("incremental_rebuild", "serve/incremental.py",
             "after a seed edit only the pages whose text changed are converted, themed and written",
             "each page's Markdown; a change to mkdocs.yml, docs/ or the file list makes a whole build",
             "`briefing serve --full`", "tests/equivalence/test_served_pages.py"),
    FastPath("page_worker", "serve/page_worker.py",
             "a second process makes half the pages after an edit",
             "the seed files it reads, checked against this process's", "`briefing serve --full`",
             "tests/equivalence/test_served_pages.py"),
    FastPath("search_in_background", "search/pagefind.py",
             "the preview's search re-indexed behind the pages instead of before they show",
             "nothing: the same index, a few seconds later", "none", "tests/user/test_serve.py"),
)}

_off_by_config = False
_taken: Counter[str] = Counter()


def _off_by_environment() -> bool:
    return os.environ.get(ENVIRONMENT, "").strip().lower() in _OFF_WORDS


def configure(fast: bool) -> None:
    """The project's setting (`briefing: {fast: ...}`); the environment can only turn paths off."""
    global _off_by_config
    _off_by_config = not fast


def enabled() -> bool:
    return not (_off_by_config or _off_by_environment())


def on(name: str) -> bool:
    """Whether the fast path `name` may run now."""
    if name not in PATHS:
        raise KeyError(f"no fast path named {name!r} in generator/fast.py")
    return enabled()


def took(name: str, times: int = 1) -> None:
    """Count that `name` did its work (the equivalence tests check the paths they claim were taken)."""
    _taken[name] += times


def taken() -> dict[str, int]:
    """What each path did since the last `forget_taken()`, by name."""
    return dict(sorted(_taken.items()))


def forget_taken() -> None:
    _taken.clear()


def report() -> str:
    """One line for the debug log: every path that did its work, with how often."""
    done = taken()
    if not enabled():
        return "briefing: fast paths: off (plain path)"
    return "briefing: fast paths taken: " + (", ".join(f"{name} {count}" for name, count in done.items()) or "none")
