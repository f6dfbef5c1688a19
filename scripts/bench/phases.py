#!/usr/bin/env python3
"""CPU time of each phase of generation at several sizes, and how much faster than the corpus each grows.

    .venv/bin/python scripts/bench/phases.py [--sizes 2400,9600] [--runs 3] [--keep DIR]

For each N (M = N/3 actors, make_corpus.py) and each of `--runs` fresh processes, the phases
`briefing generate` goes through, in one process and in its order, timed by CPU time (user + system:
little moved by other work on the machine): reading seeds/, the mention matcher, finding mentions,
the checks, the indexes the page types share (`Site.prepare`), then each page type of
`generator/pages/__init__.py` PAGE_TYPES, made whole (nothing written). It prints the median of each,
and for every size but the smallest its multiple of the smallest size's and its *excess*: the seconds
above what linear growth from the smallest size would take. Issue 12's question, which part of
generation grows faster than the corpus, is the largest excess. Writing the files is not in it:
`run.py --generation` times the whole command.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_corpus import make_corpus  # noqa: E402

ONE_RUN = r"""
import gc, json, sys, time
from pathlib import Path
from generator.core.mentions import MentionMatcher, index_mentions
from generator.core.validate import validate
from generator.load.project import load_project
from generator.pages import PAGE_TYPES, Site, text_of
from generator.cli import project_files

gc.disable()  # as the briefing command runs (session/memory.py)
root = Path(sys.argv[1])
seconds = {}

def timed(name, work):
    start = time.process_time()
    result = work()
    seconds[name] = time.process_time() - start
    return result

project = timed("read seeds/", lambda: load_project(root))
matcher = timed("mention matcher", lambda: MentionMatcher(project.corpus.actors))
mentions = timed("find mentions", lambda: index_mentions(project.corpus, matcher))
timed("checks", lambda: validate(project.corpus, project.known, mentions, project.problems, names_not_wanted=project.names_not_wanted))
project.documents.clear()
site = Site(project.corpus, mentions, project_files.options(root))
timed("shared indexes (prepare)", site.prepare)
for page_type in PAGE_TYPES:
    timed("pages: " + page_type.__name__.rsplit(".", 1)[1], lambda: sum(len(text_of(c)) for _, c in page_type.build(site)))
print(json.dumps(seconds))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2400,9600", help="comma-separated article counts, smallest first")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="make the corpora in this folder and keep them")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    base = args.keep or Path(tempfile.mkdtemp(prefix="briefing-phases-"))
    medians: dict[int, dict[str, float]] = {}
    try:
        for n in sizes:
            project = base / f"n{n}" / "project"
            if not (project / "seeds").is_dir():
                print(f"[N={n}] making corpus in {project}", file=sys.stderr)
                make_corpus(n, project, n // 3, args.seed)
        runs: dict[int, list[dict[str, float]]] = {n: [] for n in sizes}
        for round_ in range(args.runs):  # sizes in turn: a change in load falls on every size alike
            for n in sizes:
                print(f"[N={n}] run {round_ + 1}", file=sys.stderr)
                done = subprocess.run([sys.executable, "-c", ONE_RUN, str(base / f"n{n}" / "project")], capture_output=True, text=True, check=True)
                runs[n].append(json.loads(done.stdout))
        for n in sizes:
            medians[n] = {phase: statistics.median(r[phase] for r in runs[n]) for phase in runs[n][0]}
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    first = sizes[0]
    head = "| phase (CPU seconds, median of {}) | ".format(args.runs) + " | ".join(f"N = {n:,}" for n in sizes)
    head += "".join(f" | ×, excess at {n:,}" for n in sizes[1:]) + " |"
    lines = [head, "| --- |" + " ---: |" * (len(sizes) + len(sizes) - 1)]
    for phase in [*medians[first], "total"]:
        value = {n: sum(medians[n].values()) if phase == "total" else medians[n][phase] for n in sizes}
        cells = [f"{value[n]:.2f}" for n in sizes]
        for n in sizes[1:]:
            linear = value[first] * n / first
            times = f"{value[n] / value[first]:.2f}×" if value[first] >= 0.005 else "–"
            cells.append(f"{times}, {value[n] - linear:+.2f} s")
        lines.append(f"| {phase} | " + " | ".join(cells) + " |")
    print(f"Linear growth from N = {first:,}: × {', '.join(f'{n / first:.2f}' for n in sizes[1:])}.\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
