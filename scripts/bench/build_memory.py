#!/usr/bin/env python3
"""The memory a `mkdocs build` takes, process by process and all together.

    .venv/bin/python scripts/bench/build_memory.py PROJECT [--articles N]

Builds PROJECT (a briefing folder with mkdocs.yml; made first with make_corpus.py N when --articles
is given and PROJECT does not exist) with `mkdocs build -q` into a fresh folder, and samples every
0.1 s each process of the build: MkDocs' own, the processes it forks (page halves, converters, the
themer) and Pagefind. Prints JSON: the peak resident memory (RSS) of each kind of process, and the
peak of the whole build at one moment (PSS: a page shared by forked processes counted once), in MB
of 2^20 bytes, with the wall time. Sampling reads /proc; it slows the build a little, so the time
printed here is not the one to compare (cold_build.py times builds).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_corpus import make_corpus  # noqa: E402
from run import BIN, ENV, descendants  # noqa: E402


def _kind(pid: int, root: int) -> str:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
    except OSError:
        return "gone"
    if "pagefind" in command:
        return "pagefind"
    return "mkdocs" if pid == root else "forked or helper process"


def _kb(pid: int, file: str, field: str) -> int:
    try:
        found = re.search(rf"^{field}:\s+(\d+) kB", Path(f"/proc/{pid}/{file}").read_text(), re.M)
    except OSError:
        return 0
    return int(found.group(1)) if found else 0


def measure(project: Path) -> dict:
    site = Path(tempfile.mkdtemp(prefix="memory-site-"))
    shutil.rmtree(site)
    started = time.monotonic()
    build = subprocess.Popen([str(BIN / "mkdocs"), "build", "-q", "-d", str(site)], cwd=project, env=ENV,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[str, int] = {}
    tree_peak = 0
    while build.poll() is None:
        pids = descendants(build.pid)
        tree = 0
        for pid in pids:
            kind = _kind(pid, build.pid)
            peaks[kind] = max(peaks.get(kind, 0), _kb(pid, "status", "VmRSS"))
            tree += _kb(pid, "smaps_rollup", "Pss")
        tree_peak = max(tree_peak, tree)
        time.sleep(0.1)
    seconds = time.monotonic() - started
    shutil.rmtree(site, ignore_errors=True)
    return {
        "project": str(project), "code": build.returncode, "seconds": round(seconds, 1),
        "peak_rss_mb": {kind: round(kb / 1024) for kind, kb in sorted(peaks.items()) if kind != "gone"},
        "peak_whole_build_pss_mb": round(tree_peak / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--articles", type=int, default=0, help="make a synthetic briefing of this size first")
    args = parser.parse_args()
    if args.articles and not args.project.exists():
        make_corpus(args.articles, args.project, args.articles // 3, 1)
    print(json.dumps(measure(args.project.resolve())))


if __name__ == "__main__":
    main()
