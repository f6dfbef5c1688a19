#!/usr/bin/env python3
"""Benchmark briefing on synthetic projects of several sizes and print a Markdown table.

    .venv/bin/python scripts/bench/run.py [--sizes 1000,4000,10000] [--write] [--keep DIR]
    .venv/bin/python scripts/bench/run.py --sizes 1000,2400,10000 --serve-sizes 1000,10000 --figures docs/performance.md

For each N (with M = N/3 actors) it makes a corpus with make_corpus.py in a temporary folder, then
measures, each command in its own process under `/usr/bin/time -v` (wall time, peak RSS):

  a. `briefing check`
  b. `briefing generate --out` (and articles per second): median of 3 fresh runs, and the peak
     memory of its whole process tree (it writes with two processes); b1. the same with --jobs 1
  c. `mkdocs build` of the project (the briefing plugin generates the pages), site size, and the
     size of its search files: Pagefind's folder (all chunks; a search fetches a few of them) or
     Material's `search/search_index.json` raw and gzipped (what a search downloads whole).
     What a search really downloads before its first result: search.py, beside this script
  (c and d are the median of 3 builds up to N = 4,000, one build above)
  d. the FLOOR: the Markdown written by (b) built by bare MkDocs (theme material with font: false,
     the search plugin, the Markdown extensions the plugin turns on, a one-page nav; no briefing
     plugin), so every figure of (c) has a ratio to what MkDocs itself costs for the same pages
  c0. `mkdocs build` with the plugin's `fast: false` (every fast path off, generator/fast.py: the
     plain path the fast one is held to); c1. `mkdocs build` on one core (`taskset -c 0`)
  p. the largest HTML page of the build (page_sizes.py's reading of the built site)
  e. live preview (smallest N only): the time to bring the pages up to date after one actor YAML
     is edited, in one process that keeps its state, as `mkdocs serve` does; median of 5 edits
  f. `briefing serve` end to end (serve.py; at the sizes of `--serve-sizes`, default the smallest):
     from a saved actor or article edit until an HTTP GET of its page returns the new text; median of
     3 edits each; `--servers briefing,mkdocs` adds `mkdocs serve`; with `--zensical PATH`, Zensical
     serving the generated Markdown tree beside it

With `--figures FILE`, also, at every size: m. the memory of one more `mkdocs build`, process by
process and all together (build_memory.py), and s. what a reader's browser downloads before the
first search result, for a word planted deep in one article and a common word (search.py: headless
Chromium; the row says "not measured" without it); then the short "What to expect" table is written
into FILE (docs/performance.md) between `<!-- figures:start -->` and `<!-- figures:end -->`, with
the date and the machine (cores this process may use, as `nproc` counts them, and RAM).

With `--generation`, only (b) and (b1), each size in turn in every round (`--runs`, default 3), and
each size's median wall and CPU time as a multiple of the smallest size's (issue 12: 9,600 articles
within 4.4x the time of 2,400); `--write` puts that table between the `<!-- bench-generation:start -->`
and `<!-- bench-generation:end -->` markers of docs/performance.md:

    .venv/bin/python scripts/bench/run.py --generation --sizes 2400,9600 [--runs 5] [--pages-dir /dev/shm/x] [--remove-first] [--write]

Each size's results are also written as JSON next to the corpus, so a long run can be watched.
`--write` puts the long table, the machine and the versions into docs/performance.md, between the
`<!-- bench:start -->` and `<!-- bench:end -->` markers (added at the end of the page when it has
none: the page itself shows only the short table of `--figures`; the rest of it is hand-written).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
from make_corpus import make_corpus  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
FIGURES_START, FIGURES_END = "<!-- figures:start -->", "<!-- figures:end -->"  # --figures FILE
LINEAR_START, LINEAR_END = "<!-- bench-generation:start -->", "<!-- bench-generation:end -->"  # --generation --write
FLOOR_YML = """\
site_name: Floor
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  font: false
markdown_extensions: [attr_list, tables, admonition, md_in_html, toc]
plugins:
  - search
nav:
  - Home: index.md
"""


def descendants(root: int) -> list[int]:
    """A process and all the processes below it, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _tree_pss_kb(root: int) -> int:
    """Proportional set size of a process and all its descendants (shared pages counted once)."""
    total = 0
    for pid in descendants(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
        total += int(found.group(1)) if found else 0
    return total


def timed(args: list[str], cwd: Path, log: Path, sample_tree: bool = False) -> dict:
    """Run under /usr/bin/time -v: wall seconds, peak RSS in MB (of the largest single process, as
    time reports it), and the exit code. With `sample_tree`, also the peak memory of the whole
    process tree, sampled every 50 ms (PSS: a page shared by a forked child is counted once); the
    sampling slows the command down (reading smaps takes the processes' memory locks), so a sampled
    run is never the one timed."""
    load = float(Path("/proc/loadavg").read_text().split()[0]) if Path("/proc/loadavg").exists() else 0.0
    with open(log, "w") as out:
        child = subprocess.Popen(["/usr/bin/time", "-v", *args], cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        tree_peak = 0
        while child.poll() is None:
            if sample_tree:
                tree_peak = max(tree_peak, _tree_pss_kb(child.pid))
            time.sleep(0.05)
    report = log.read_text(errors="replace")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", report).group(1)
    seconds = sum(float(part) * 60**i for i, part in enumerate(reversed(wall.split(":"))))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1)) / 1024
    # User and system CPU of the command and the children it waited for (the forked writer included):
    # unlike the wall time, hardly moved by other work on the machine.
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): (\S+)", report).group(1)) for kind in ("User", "System"))
    if child.returncode:
        print(f"  ! {' '.join(args[:3])} exited {child.returncode}; see {log}", file=sys.stderr)
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "load": load, "rss_mb": round(rss), "tree_pss_mb": round(tree_peak / 1024), "code": child.returncode}


def median_of(runs: int, args: list[str], cwd: Path, log: Path, before=None) -> dict:  # type: ignore[no-untyped-def]
    """The run with the median wall time of `runs` (this machine's wall times vary by about 10%)."""
    results = []
    for _ in range(runs):
        if before:
            before()
        os.sync()  # no write-back of an earlier run's output during this one
        results.append(timed(args, cwd, log))
    results.sort(key=lambda r: r["seconds"])
    chosen = dict(results[len(results) // 2])
    chosen["all_seconds"] = [r["seconds"] for r in results]
    chosen["cpu_seconds"] = sorted(r["cpu_seconds"] for r in results)[len(results) // 2]  # the median CPU too
    chosen["loads"] = [r["load"] for r in results]
    return chosen


def tree_memory(args: list[str], cwd: Path, log: Path, before=None) -> int:  # type: ignore[no-untyped-def]
    """Peak PSS of the command's whole process tree, in MB, from one extra (untimed) run."""
    if before:
        before()
    return timed(args, cwd, log, sample_tree=True)["tree_pss_mb"]


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def search_sizes(site: Path) -> dict:
    index = site / "search" / "search_index.json"
    if not index.exists():
        pagefind = site / "pagefind"
        return {"search_bytes": 0, "search_gzip_bytes": 0, "search_entries": 0, "pagefind_bytes": tree_bytes(pagefind) if pagefind.is_dir() else 0}
    data = index.read_bytes()
    return {
        "search_bytes": len(data),
        "search_gzip_bytes": len(gzip.compress(data, 6)),
        "search_entries": len(json.loads(data).get("docs", [])),
    }


def live_preview(project: Path, edits: int = 5) -> dict:
    """Median seconds to bring the pages up to date after one edited actor YAML (in a child process)."""
    done = subprocess.run([PYTHON, str(HERE / "preview.py"), str(project), str(edits)], env=ENV, capture_output=True, text=True)
    if done.returncode:
        print(done.stderr, file=sys.stderr)
        return {}
    return json.loads(done.stdout)


def serve_latency(project: Path, zensical: Path | None, servers: str = "briefing") -> dict:
    """`briefing serve` (and `mkdocs serve`, Zensical's) end to end, from serve.py in a child process."""
    command = [PYTHON, str(HERE / "serve.py"), str(project), "--servers", servers] + (["--zensical", str(zensical)] if zensical else [])
    done = subprocess.run(command, env=ENV, capture_output=True, text=True)
    if done.returncode:
        print(done.stderr, file=sys.stderr)
        return {}
    return json.loads(done.stdout.strip().splitlines()[-1])


def plain_config(project: Path) -> str:
    """The project's mkdocs.yml with the briefing plugin's `fast: false` (every fast path off), as plain.yml."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "plain.yml").write_text(text.replace("  - briefing\n", "  - briefing:\n      fast: false\n"), encoding="utf-8")
    return "plain.yml"


def largest_page(site: Path) -> dict:
    """The largest HTML page of a built site (page_sizes.py reads it the same way)."""
    from page_sizes import page_sizes

    sizes = page_sizes(site)
    url = max(sizes, key=lambda u: sizes[u]) if sizes else ""
    return {"pages": len(sizes), "url": url, "bytes": sizes.get(url, 0)}


def search_download(site: Path) -> dict:
    """search.py's measurement on this build: what headless Chromium downloads before the first
    result, for the planted deep word and for a common word. Empty when Selenium or Chromium is missing."""
    try:
        import search
    except ImportError as error:
        print(f"  ! search download not measured: {error}", file=sys.stderr)
        return {}
    try:
        driver = search.chromium()
    except Exception as error:  # noqa: BLE001 - no browser here: say so in the table, measure the rest
        print(f"  ! search download not measured: {error}", file=sys.stderr)
        return {}
    try:
        server, url, sent = search.serve(site)
        try:
            return {word: search.download_before_first_result(driver, url, sent, "pagefind", word)
                    for word in (search.DEEP_WORD, search.COMMON_WORD)}
        finally:
            server.shutdown()
            server.server_close()
    finally:
        driver.quit()


def measure(n: int, work: Path, seed: int, preview: bool, zensical: Path | None = None, serve: bool = False,
            figures: bool = False, servers: str = "briefing") -> dict:
    project, pages, site, floor = work / "project", work / "pages", work / "site", work / "floor"
    print(f"[N={n}] making corpus in {work}", file=sys.stderr)
    make_corpus(n, project, n // 3, seed)
    if figures:  # one sentence in one article: the word a reader searches for in (s)
        from search import plant_deep_word

        plant_deep_word(project)
    result: dict = {"articles": n, "actors": n // 3, "seed_bytes": tree_bytes(project / "seeds")}
    print(f"[N={n}] briefing check", file=sys.stderr)
    os.sync()
    result["check"] = timed([str(BIN / "briefing"), "check", "-q", "."], project, work / "check.log")
    print(f"[N={n}] briefing generate --jobs 1", file=sys.stderr)
    result["generate_one"] = median_of(
        3, [str(BIN / "briefing"), "generate", ".", "--jobs", "1", "--out", str(pages)], project, work / "generate-1.log",
        before=lambda: shutil.rmtree(pages, ignore_errors=True),
    )
    print(f"[N={n}] briefing generate", file=sys.stderr)
    fresh = lambda: shutil.rmtree(pages, ignore_errors=True)  # noqa: E731 - a fresh write each time, as in CI
    generate = [str(BIN / "briefing"), "generate", ".", "--out", str(pages)]
    result["generate"] = median_of(3, generate, project, work / "generate.log", before=fresh)
    result["generate"]["tree_pss_mb"] = tree_memory(generate, project, work / "generate-memory.log", before=fresh)
    result["pages"] = sum(1 for p in pages.rglob("*.md"))
    result["pages_bytes"] = tree_bytes(pages)
    print(f"[N={n}] mkdocs build", file=sys.stderr)
    builds = 3 if n <= 4000 else 1  # a 10,000-article build takes 5-7 minutes here
    result["build"] = median_of(builds, [str(BIN / "mkdocs"), "build", "-q", "-d", str(site)], project, work / "build.log")
    result["build"].update(site_bytes=tree_bytes(site), **search_sizes(site))
    result["largest_page"] = largest_page(site)
    if figures:
        print(f"[N={n}] search: download before the first result", file=sys.stderr)
        result["search_download"] = search_download(site)
        print(f"[N={n}] memory of one more build, process by process", file=sys.stderr)
        from build_memory import measure as build_memory

        result["build_memory"] = build_memory(project)
    print(f"[N={n}] mkdocs build, fast: false; and on one core", file=sys.stderr)
    result["build_plain"] = median_of(builds, [str(BIN / "mkdocs"), "build", "-q", "-f", plain_config(project), "-d", str(site)], project, work / "build-plain.log")
    result["build_one_core"] = median_of(builds, ["taskset", "-c", "0", str(BIN / "mkdocs"), "build", "-q", "-d", str(site)], project, work / "build-1.log")
    print(f"[N={n}] floor: bare mkdocs build of the same Markdown", file=sys.stderr)
    floor.mkdir()
    (floor / "mkdocs.yml").write_text(FLOOR_YML.format(docs=pages, site=floor / "site"), encoding="utf-8")
    result["floor"] = median_of(builds, [str(BIN / "mkdocs"), "build", "-q"], floor, work / "floor.log")
    result["floor"].update(site_bytes=tree_bytes(floor / "site"), **search_sizes(floor / "site"))
    if preview:
        print(f"[N={n}] live preview", file=sys.stderr)
        result["preview"] = live_preview(project)
    if serve:
        print(f"[N={n}] {servers.replace(',', ', ')}: saved edit to served page", file=sys.stderr)
        result["serve"] = serve_latency(project, zensical, servers)
    (work / "result.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(floor / "site", ignore_errors=True)
    return result


def measure_generation(sizes: list[int], base: Path, seed: int, runs: int, pages_dir: Path | None, remove_first: bool) -> list[dict]:
    """`briefing generate --out` with two processes and with `--jobs 1`, `runs` times at each size, the
    sizes taken in turn within each round (a change in the machine's load then falls on every size
    alike, not on one). Each run writes a new tree into a folder of its own, as on a fresh CI runner;
    the trees are removed at the end. With `remove_first`, every run writes into one folder per size,
    removed just before: on a file system that avoids reusing the inodes of files deleted in the last
    minute (ext4 without a journal, as on the machine of docs/performance.md), creating the new files
    then costs time that grows with the square of their number."""
    projects = {}
    for n in sizes:
        work = base / f"n{n}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        print(f"[N={n}] making corpus in {work}", file=sys.stderr)
        make_corpus(n, work / "project", n // 3, seed)
        projects[n] = work
    timings: dict[tuple[int, int], list[dict]] = {}
    trees: list[Path] = []
    for round_ in range(runs):
        for n in sizes:
            work = projects[n]
            folder = (pages_dir / f"n{n}") if pages_dir else work
            for jobs in (2, 1):
                print(f"[N={n}] round {round_ + 1}: briefing generate --jobs {jobs}", file=sys.stderr)
                pages = folder / ("pages" if remove_first else f"pages-{round_ + 1}-{jobs}")
                shutil.rmtree(pages, ignore_errors=True)
                trees.append(pages)
                os.sync()
                command = [str(BIN / "briefing"), "generate", ".", "--jobs", str(jobs), "--out", str(pages)]
                timings.setdefault((n, jobs), []).append(timed(command, work / "project", work / f"generate-{jobs}.log"))
    for pages in trees:
        shutil.rmtree(pages, ignore_errors=True)

    def median(results: list[dict], key: str) -> float:
        return sorted(r[key] for r in results)[len(results) // 2]

    found = []
    for n in sizes:
        result: dict = {"articles": n, "actors": n // 3}
        for jobs, name in ((2, "generate"), (1, "generate_one")):
            runs_ = timings[(n, jobs)]
            result[name] = {
                "seconds": median(runs_, "seconds"), "cpu_seconds": median(runs_, "cpu_seconds"),
                "rss_mb": median(runs_, "rss_mb"), "all_seconds": [r["seconds"] for r in runs_],
                "all_cpu_seconds": [r["cpu_seconds"] for r in runs_], "loads": [r["load"] for r in runs_],
            }
        (projects[n] / "generation.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
        found.append(result)
    return found


def generation_table(results: list[dict], runs: int) -> str:
    """Wall and CPU time of generation at each size, and each as a multiple of the smallest size's
    (a linear generator scales exactly as the corpus does: the ideal multiple is shown beside it)."""
    first = results[0]

    def row(label: str, cell) -> str:  # type: ignore[no-untyped-def]
        return f"| {label} | " + " | ".join(cell(r) for r in results) + " |"

    def times(key: str, field: str):  # type: ignore[no-untyped-def]
        return lambda r: f"{r[key][field]:.2f} s" + (
            "" if r is first else f" (**{r[key][field] / first[key][field]:.2f}×**, linear {r['articles'] / first['articles']:.2f}×)"
        )

    return "\n".join([
        "| | " + " | ".join(f"N = {r['articles']:,}" for r in results) + " |",
        "| --- | " + " | ".join("---:" for _ in results) + " |",
        row(f"(b) `briefing generate --out`: wall, median of {runs}", times("generate", "seconds")),
        row("(b) CPU, user + system of both processes, median", times("generate", "cpu_seconds")),
        row(f"(b1) `briefing generate --jobs 1`: wall, median of {runs}", times("generate_one", "seconds")),
        row("(b1) CPU, median", times("generate_one", "cpu_seconds")),
        row("(b) every wall time, in the order run", lambda r: ", ".join(f"{s:.1f}" for s in r["generate"]["all_seconds"])),
        row("(b1) every wall time, in the order run", lambda r: ", ".join(f"{s:.1f}" for s in r["generate_one"]["all_seconds"])),
        row("load average as each run started, (b) / (b1)", lambda r: " ".join(f"{x:.1f}" for x in r["generate"]["loads"]) + " / " + " ".join(f"{x:.1f}" for x in r["generate_one"]["loads"])),
    ])


def mb(value: float) -> str:
    return f"{value / 1e6:.1f} MB"


def table(results: list[dict]) -> str:
    def row(label: str, cell) -> str:  # type: ignore[no-untyped-def]
        return f"| {label} | " + " | ".join(cell(r) for r in results) + " |"

    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}×" if b else "–"

    lines = [
        "| | " + " | ".join(f"N = {r['articles']:,}" for r in results) + " |",
        "| --- | " + " | ".join("---:" for _ in results) + " |",
        row("actors / generated pages", lambda r: f"{r['actors']:,} / {r['pages']:,}"),
        row("seeds/ size", lambda r: mb(r["seed_bytes"])),
        row("(a) `briefing check`: wall, peak RSS", lambda r: f"{r['check']['seconds']:.1f} s, {r['check']['rss_mb']} MB"),
        row("(b) `briefing generate --out`: wall (median of 3)", lambda r: f"{r['generate']['seconds']:.2f} s"),
        row("(b) articles per second (whole process)", lambda r: f"{r['articles'] / r['generate']['seconds']:,.0f}"),
        row("(b) peak RSS (`/usr/bin/time`: the largest process) / both processes together (PSS)", lambda r: f"{r['generate']['rss_mb']} MB / {r['generate'].get('tree_pss_mb', '–')} MB"),
        row("(b1) `briefing generate --jobs 1`: wall, articles per second, peak RSS", lambda r: f"{r['generate_one']['seconds']:.2f} s, {r['articles'] / r['generate_one']['seconds']:,.0f}/s, {r['generate_one']['rss_mb']} MB"),
        row("(c) `mkdocs build`: wall", lambda r: f"{r['build']['seconds']:.1f} s"),
        row("(d) floor build (bare MkDocs, same Markdown): wall", lambda r: f"{r['floor']['seconds']:.1f} s"),
        row("(c)/(d) build time ratio", lambda r: ratio(r["build"]["seconds"], r["floor"]["seconds"])),
        row("(c0) `mkdocs build`, `fast: false`: wall, ratio to (d)", lambda r: f"{r['build_plain']['seconds']:.1f} s, {ratio(r['build_plain']['seconds'], r['floor']['seconds'])}" if r.get("build_plain") else "–"),
        row("(c1) `mkdocs build` on one core: wall, ratio to (d)", lambda r: f"{r['build_one_core']['seconds']:.1f} s, {ratio(r['build_one_core']['seconds'], r['floor']['seconds'])}" if r.get("build_one_core") else "–"),
        row("(b)/(c) generation share of the build", lambda r: f"{100 * r['generate']['seconds'] / r['build']['seconds']:.1f} %"),
        row("(c) peak RSS / (c0) / (d) floor", lambda r: f"{r['build']['rss_mb']} MB / {r.get('build_plain', {}).get('rss_mb', '–')} MB / {r['floor']['rss_mb']} MB"),
        row("(c) peak RSS / (d) floor", lambda r: f"{r['build']['rss_mb']} MB / {r['floor']['rss_mb']} MB ({ratio(r['build']['rss_mb'], r['floor']['rss_mb'])})"),
        row("(c) site size / (d) floor", lambda r: f"{mb(r['build']['site_bytes'])} / {mb(r['floor']['site_bytes'])} ({ratio(r['build']['site_bytes'], r['floor']['site_bytes'])})"),
        row("(c) Pagefind folder, all chunks (a search fetches a few)", lambda r: mb(r["build"].get("pagefind_bytes", 0))),
        row("(c) search_index.json / (d) floor", lambda r: f"{mb(r['build']['search_bytes'])} / {mb(r['floor']['search_bytes'])} ({ratio(r['build']['search_bytes'], r['floor']['search_bytes'])})"),
        row("(c) search_index.json gzipped / (d) floor", lambda r: f"{mb(r['build']['search_gzip_bytes'])} / {mb(r['floor']['search_gzip_bytes'])} ({ratio(r['build']['search_gzip_bytes'], r['floor']['search_gzip_bytes'])})"),
        row("(p) largest HTML page of (c)", lambda r: page_cell(r) or "–"),
    ]
    if any(r.get("preview") for r in results):
        lines.append(row(
            "(e) live preview after one actor edit (median of 5)",
            lambda r: f"{1000 * r['preview']['median']:.0f} ms (first load {r['preview']['first_load']:.1f} s)" if r.get("preview") else "–",
        ))
    def serve_cell(r: dict, tool: str) -> str:
        s = r.get("serve", {}).get(tool)
        if not s:
            return "–"
        return f"actor {s['actor_edit']['median']:.1f} s, article {s['article_edit']['median']:.1f} s (first build {s['first_build']:.0f} s)"

    for tool, label in (("briefing", "`briefing serve`"), ("mkdocs", "`mkdocs serve`"), ("zensical", "Zensical serving the generated Markdown")):
        if any(r.get("serve", {}).get(tool) for r in results):
            lines.append(row(f"(f) {label}: saved edit to served page, median of 3", lambda r, tool=tool: serve_cell(r, tool)))
    return "\n".join(lines)


def page_cell(r: dict) -> str:
    page = r.get("largest_page")
    if not page or not page["bytes"]:
        return ""
    size = f"{page['bytes'] / 1e6:.2f} MB" if page["bytes"] >= 100_000 else f"{page['bytes'] / 1e3:.0f} KB"
    return f"{size} (`{page['url'] or '/'}`)"


def figures_table(results: list[dict], date: str) -> str:
    """The short table at the top of docs/performance.md: what a user can expect, each figure one of
    this run's measurements (the long table above holds them all). One column per size and the date."""

    def row(label: str, cell) -> str:  # type: ignore[no-untyped-def]
        return f"| {label} | " + " | ".join(cell(r) or "–" for r in results) + f" | {date} |"

    def build(r: dict) -> str:
        return f"{r['build']['seconds']:.1f} s (floor {r['floor']['seconds']:.1f} s: **{r['build']['seconds'] / r['floor']['seconds']:.2f}×**)"

    def serve(r: dict) -> str:
        s = r.get("serve", {}).get("briefing")
        return f"{s['actor_edit']['median']:.2f} s / {s['article_edit']['median']:.2f} s" if s else ""

    def build_memory(r: dict) -> str:
        m = r.get("build_memory")
        if not m:
            return ""
        kind, peak = max(m["peak_rss_mb"].items(), key=lambda item: item[1])
        name = {"pagefind": "Pagefind", "mkdocs": "MkDocs"}.get(kind, kind)
        return f"{m['peak_whole_build_pss_mb']:,} MB / {peak:,} MB ({name})"

    def search(r: dict) -> str:
        s = r.get("search_download")
        if not s:
            return ""
        deep, common = s.values()
        return (f"{deep['search_bytes'] / 1e6:.2f} / {common['search_bytes'] / 1e6:.2f} MB "
                f"(all: {deep['total_bytes'] / 1e6:.2f} / {common['total_bytes'] / 1e6:.2f} MB)")

    return "\n".join([
        "| | " + " | ".join(f"N = {r['articles']:,}" for r in results) + " | measured |",
        "| --- | " + " | ".join("---:" for _ in results) + " | --- |",
        row("cold `mkdocs build` (bare-MkDocs floor: ratio)", build),
        row("`briefing generate --out`: two processes / `--jobs 1`",
            lambda r: f"{r['generate']['seconds']:.2f} s / {r['generate_one']['seconds']:.2f} s"),
        row("`briefing serve`: saved actor / article edit to the page in the browser", serve),
        row("peak memory of `mkdocs build`: whole build (PSS) / largest process", build_memory),
        row("peak memory of `briefing generate`: both processes (PSS) / `--jobs 1`",
            lambda r: f"{r['generate'].get('tree_pss_mb', '–')} MB / {r['generate_one']['rss_mb']} MB"),
        row("search: Pagefind's files before the first result, rare / common word", search),
        row("largest HTML page", page_cell),
    ])


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()  # as `nproc` counts
    memory = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout.splitlines()[1].split()[1]
    return (
        f"{model.group(1).strip() if model else platform.processor()}, {cores} cores, {memory} GB RAM; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}, "
        f"MkDocs {metadata.version('mkdocs')}, Material {metadata.version('mkdocs-material')}"
    )


def write_doc(text: str, start: str = START, end: str = END, path: Path = REPO / "docs" / "performance.md") -> None:
    page = path.read_text(encoding="utf-8") if path.exists() else f"# Performance\n\n{start}\n{end}\n"
    if start not in page or end not in page:
        page += f"\n{start}\n{end}\n"
    head, rest = page.split(start, 1)
    tail = rest.split(end, 1)[1]
    path.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,4000,10000", help="comma-separated article counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write", action="store_true", help="write the table into docs/performance.md")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it (default: a temporary folder)")
    parser.add_argument("--zensical", type=Path, default=None, help="a zensical executable (its own venv) to measure beside `briefing serve`")
    parser.add_argument("--serve-sizes", default=None,
                        help="comma-separated sizes at which to time the live preview end to end (serve.py; default: the smallest)")
    parser.add_argument("--servers", default="briefing", help="with the live preview: serve.py's servers (briefing, mkdocs, briefing-full)")
    parser.add_argument("--figures", type=Path, default=None, metavar="FILE",
                        help="also measure memory process by process and the search download, and write the short "
                        f"'What to expect' table into FILE between {FIGURES_START} and {FIGURES_END}")
    parser.add_argument("--generation", action="store_true",
                        help="measure only `briefing generate` (b and b1), every size in each of --runs rounds, and print each "
                        "size's times as a multiple of the smallest's (issue 12: generation stays linear)")
    parser.add_argument("--runs", type=int, default=3, help="with --generation: rounds (the table gives medians)")
    parser.add_argument("--pages-dir", type=Path, default=None,
                        help="with --generation: write the generated trees under this folder (say a tmpfs) instead of beside each corpus")
    parser.add_argument("--remove-first", action="store_true",
                        help="with --generation: each run writes where the last run of its size wrote, removed just before (see measure_generation)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    serve_sizes = {int(s) for s in args.serve_sizes.split(",") if s.strip()} if args.serve_sizes else {min(sizes)}
    base = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    if args.generation:
        try:
            found = measure_generation(sizes, base, args.seed, args.runs, args.pages_dir, args.remove_first)
        finally:
            if args.keep is None:
                shutil.rmtree(base, ignore_errors=True)
        options = (f" --seed {args.seed}" if args.seed != 1 else "") + (f" --runs {args.runs}" if args.runs != 3 else "")
        options += (f" --pages-dir {args.pages_dir}" if args.pages_dir else "") + (" --remove-first" if args.remove_first else "")
        command = f"`.venv/bin/python scripts/bench/run.py --generation --sizes {','.join(map(str, sizes))}{options} --write`"
        text = f"Measured on {time.strftime('%Y-%m-%d %H:%M')}: {machine()}.\nReproduce with {command}.\n\n{generation_table(found, args.runs)}"
        print(text)
        if args.write:
            write_doc(text, LINEAR_START, LINEAR_END)
        return
    results = []
    try:
        for n in sizes:
            work = base / f"n{n}"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            results.append(measure(n, work, args.seed, preview=n == min(sizes), zensical=args.zensical,
                                   serve=n in serve_sizes, figures=args.figures is not None, servers=args.servers))
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    command = f"`.venv/bin/python scripts/bench/run.py --sizes {','.join(map(str, sizes))}" + (f" --seed {args.seed}" if args.seed != 1 else "") + " --write`"
    text = f"Measured on {time.strftime('%Y-%m-%d')}: {machine()}.\nReproduce with {command}.\n\n{table(results)}"
    print(text)
    if args.write:
        write_doc(text)
    if args.figures:
        serving = f" --serve-sizes {','.join(map(str, sorted(serve_sizes)))}" if args.serve_sizes else ""
        command = f"`.venv/bin/python scripts/bench/run.py --sizes {','.join(map(str, sizes))}{serving} --figures docs/performance.md`"
        figures = (f"Measured on {machine()}. Generated by {command}.\n\n"
                   f"{figures_table(results, time.strftime('%Y-%m-%d'))}")
        print(figures)
        write_doc(figures, FIGURES_START, FIGURES_END, args.figures)


if __name__ == "__main__":
    main()
