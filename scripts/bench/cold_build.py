#!/usr/bin/env python3
"""A cold `mkdocs build` against the bare-MkDocs floor, on every core and on one.

    .venv/bin/python scripts/bench/cold_build.py [--sizes 2400] [--rounds 3] [--keep DIR]

For each N: makes the corpus (make_corpus.py, M = N/3 actors) and the floor (the Markdown `briefing
generate` writes, built by bare MkDocs with Material's search: run.py's FLOOR_YML), then runs rounds
of four builds, one after the other so that a change in the machine's speed hits both sides alike:
the floor and `mkdocs build` of the project (the briefing plugin, Pagefind included) on every core,
then both again pinned to one core (`taskset -c 0`). Prints JSON: each build's wall seconds and
peak RSS (`/usr/bin/time -v`), the medians, and the ratio of the build to the floor for each core
count (issue 12's target: at most 0.6 at N = 2,400 on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import make_corpus  # noqa: E402
from run import BIN, ENV, FLOOR_YML, timed  # noqa: E402


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def measure(n: int, work: Path, rounds: int) -> dict:
    project, pages, floor = work / "project", work / "pages", work / "floor"
    make_corpus(n, project, n // 3, 1)
    subprocess.run([str(BIN / "briefing"), "generate", ".", "--out", str(pages)], cwd=project, env=ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    floor.mkdir()
    (floor / "mkdocs.yml").write_text(FLOOR_YML.format(docs=pages, site=floor / "site"), encoding="utf-8")
    builds = {
        f"floor, {cores()} cores": ([str(BIN / "mkdocs"), "build", "-q"], floor),
        f"build, {cores()} cores": ([str(BIN / "mkdocs"), "build", "-q", "-d", str(work / "site")], project),
        "floor, 1 core": (["taskset", "-c", "0", str(BIN / "mkdocs"), "build", "-q"], floor),
        "build, 1 core": (["taskset", "-c", "0", str(BIN / "mkdocs"), "build", "-q", "-d", str(work / "site")], project),
    }
    runs: dict[str, list[dict]] = {name: [] for name in builds}
    for round_ in range(rounds):
        for name, (args, cwd) in builds.items():
            print(f"[N={n}] round {round_ + 1}: {name}", file=sys.stderr)
            runs[name].append(timed(args, cwd, work / "build.log"))
    medians = {name: statistics.median(run["seconds"] for run in found) for name, found in runs.items()}
    return {
        "articles": n, "runs": runs, "median_seconds": medians,
        "ratio_all_cores": round(medians[f"build, {cores()} cores"] / medians[f"floor, {cores()} cores"], 3),
        "ratio_one_core": round(medians["build, 1 core"] / medians["floor, 1 core"], 3),
        "load_average_after": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2400")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="work here and keep it (default: a temporary folder)")
    args = parser.parse_args()
    results = []
    for n in (int(size) for size in args.sizes.split(",")):
        work = (args.keep / str(n)) if args.keep else Path(tempfile.mkdtemp(prefix=f"cold-{n}-"))
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        try:
            results.append(measure(n, work, args.rounds))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        print(json.dumps(results[-1]), flush=True)


if __name__ == "__main__":
    main()
