#!/usr/bin/env python3
"""Live-preview latency: how long one process that keeps its state (as `mkdocs serve` does) takes to
bring every page up to date after one actor YAML is edited.

    .venv/bin/python scripts/bench/preview.py PROJECT [EDITS]

Loads and generates PROJECT once, then EDITS times changes the summary of one actor profile and
times `Session.analyse` + `generate` with the same Session (as the MkDocs plugin keeps one). Prints JSON: first_load, each edit's
seconds, their median, and `verified` (the last result equals a fresh generation from scratch).
The edited file is restored afterwards.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from generator.session.pipeline import Session, generate
from generator.cli import project_files


def pages_of(session: Session, root: Path, options) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return generate(session.analyse(root), options)


def main() -> None:
    root = Path(sys.argv[1])
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    options = project_files.options(root)
    actors = sorted((root / "seeds" / "actors").glob("*.yaml"))
    target = actors[len(actors) // 2]
    original = target.read_text(encoding="utf-8")
    session = Session()
    start = time.perf_counter()
    pages_of(session, root, options)
    first = time.perf_counter() - start
    times, analysing = [], []
    try:
        for edit in range(edits):
            target.write_text(original.replace("summary: \"", f"summary: \"(edit {edit}) ", 1), encoding="utf-8")
            start = time.perf_counter()
            analysis = session.analyse(root)
            analysed = time.perf_counter()
            pages = generate(analysis, options)
            times.append(time.perf_counter() - start)
            analysing.append(analysed - start)
        verified = pages == pages_of(Session(), root, options)
    finally:
        target.write_text(original, encoding="utf-8")
    print(json.dumps({"first_load": round(first, 3), "edits": [round(t, 4) for t in times],
                      "median": round(statistics.median(times), 4), "analyse_median": round(statistics.median(analysing), 4),
                      "verified": verified, "edited": target.name}))


if __name__ == "__main__":
    main()
