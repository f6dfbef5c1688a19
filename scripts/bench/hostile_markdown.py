#!/usr/bin/env python3
"""How long `mkdocs build` takes on article bodies built to make Python-Markdown quadratic.

    .venv/bin/python scripts/bench/hostile_markdown.py [--size 200000] [--bound 10]

Python-Markdown's link parser looks for the end of every `[` to the end of its block (upstream issue
#798), and it rebuilds a block's text once per inline token. Each body below (a `.md` article, and a
raw `.txt` article for the ones that are text to us, and an actor's YAML `summary`) is built alone,
and its wall time printed; the exit code is 1 if any takes longer than --bound seconds. Before the
bound (issue #11): 20,000 `[` took 119 s and 200 KB never finished; a YAML summary of 40,000 `*`
took 9 s of CPU and 80,000 took 33 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BODIES = {"[": "[", "![": "![", "[a](": "[a](", "[a][": "[a][", "[*": "[*", "&lt;": "&lt;", "*": "*"}
MKDOCS_YML = "site_name: Hostile\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - briefing\n"


def build_seconds(root: Path, name: str, text: str, seeds: str = "articles") -> float:
    for folder in ("articles", "actors", "topics", "events"):
        (root / "seeds" / folder).mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "seeds" / seeds / name).write_text(text, encoding="utf-8")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if done.returncode:
        raise SystemExit(f"build failed:\n{done.stderr}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=200_000, help="characters of the hostile paragraph")
    parser.add_argument("--bound", type=float, default=10.0, help="seconds a build may take")
    args = parser.parse_args()
    slow = False
    print(f"| text ({args.size:,} characters) | .md build (s) | .txt build (s) | YAML summary build (s) |\n"
          "| --- | ---: | ---: | ---: |")
    for label, unit in BODIES.items():
        paragraph = unit * (args.size // len(unit))
        times = []
        for name, text in (("big.md", f"---\ntitle: Big\n---\n\n{paragraph}\n"), ("big.txt", f"{paragraph}\n")):
            with tempfile.TemporaryDirectory() as folder:
                times.append(build_seconds(Path(folder), name, text))
        with tempfile.TemporaryDirectory() as folder:
            summary = paragraph.replace("\\", "\\\\").replace('"', '\\"')
            times.append(build_seconds(Path(folder), "big.yaml", f'name: Big\nkind: person\nsummary: "{summary}"\n', "actors"))
        slow |= max(times) > args.bound
        print(f"| `{label}` × {args.size // len(unit):,} | {times[0]:.1f} | {times[1]:.1f} | {times[2]:.1f} |", flush=True)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
