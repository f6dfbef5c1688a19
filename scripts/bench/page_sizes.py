#!/usr/bin/env python3
"""The largest built page of each kind on synthetic briefings, and a check that none is over a limit.

    .venv/bin/python scripts/bench/page_sizes.py [--sizes 1000,4000,10000] [--limit-mb 2] [--json OUT] [--keep DIR]

For each N (M = N/3 actors) it makes a corpus with make_corpus.py in a temporary folder, builds it
with `mkdocs build`, and reads the size of every `*.html` file under site/ (bytes as a static server
sends them, uncompressed). It prints a Markdown table of the largest page of each kind and exits 1
when any page is over the limit (default 2 MB = 2,000,000 bytes), naming it. Too slow for the test
suite at N = 10,000 (a build takes minutes): this is where the page-size limit is held.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_corpus import make_corpus  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# Kinds of page, by URL: the first rule that matches names the kind.
KINDS = (
    ("home page", lambda url: url == ""),
    ("book (every page)", lambda url: url.startswith("book/")),
    ("relation map", lambda url: url.startswith("network/")),
    ("sources index (every page)", lambda url: url.startswith("sources/")),
    ("articles index (every page)", lambda url: url == "articles/" or url.startswith("articles/page/")),
    ("actor page (largest)", lambda url: url.startswith("actors/") and url != "actors/"),
    ("article page (largest)", lambda url: url.startswith("articles/")),
    ("topics index and stance matrix (every page)", lambda url: url == "topics/" or url.startswith("topics/page/")),
    ("topic page (largest)", lambda url: url.startswith("topics/")),
    ("what changed (every page)", lambda url: url.startswith("changes/")),
    ("timeline (every page)", lambda url: url.startswith("timeline/")),
    ("tags (every page)", lambda url: url.startswith("tags/")),
    ("any other page", lambda url: True),
)


def kind_of(url: str) -> str:
    return next(name for name, matches in KINDS if matches(url))


def page_sizes(site: Path) -> dict[str, int]:
    """URL (as served, "actors/x/") → bytes of its HTML."""
    sizes = {}
    for path in site.rglob("*.html"):
        url = path.relative_to(site).as_posix()
        url = url[: -len("index.html")] if url.endswith("index.html") else url
        sizes[url] = path.stat().st_size
    return sizes


def measure(n: int, work: Path) -> dict:
    project = work / f"n{n}"
    make_corpus(n, project)
    subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=project, env=ENV, check=True)
    sizes = page_sizes(project / "site")
    largest: dict[str, tuple[str, int]] = {}
    for url, size in sizes.items():
        kind = kind_of(url)
        if kind not in largest or size > largest[kind][1]:
            largest[kind] = (url, size)
    return {"n": n, "pages": len(sizes), "largest": largest, "sizes": sizes}


def mb(size: int) -> str:
    return f"{size / 1e6:.2f} MB" if size >= 100_000 else f"{size / 1e3:.0f} KB"


def table(results: list[dict]) -> str:
    lines = ["| largest page | " + " | ".join(f"N = {r['n']:,}" for r in results) + " |",
             "| --- |" + " ---: |" * len(results)]
    lines.append("| HTML pages | " + " | ".join(f"{r['pages']:,}" for r in results) + " |")
    for kind, _ in KINDS:
        cells = [f"{mb(r['largest'][kind][1])} (`{r['largest'][kind][0] or '/'}`)" if kind in r["largest"] else "–" for r in results]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,4000,10000")
    parser.add_argument("--limit-mb", type=float, default=2.0)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    limit = int(args.limit_mb * 1e6)
    results, over = [], []
    with tempfile.TemporaryDirectory(prefix="briefing-pages-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            result = measure(n, args.keep or Path(tmp))
            over += [(n, url, size) for url, size in sorted(result.pop("sizes").items()) if size > limit]
            results.append(result)
            print(f"N = {n:,}: largest page {max(s for _, s in result['largest'].values()):,} bytes", file=sys.stderr)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    for n, url, size in over:
        print(f"N = {n:,}: {url} is {size:,} bytes, over the {limit:,}-byte limit", file=sys.stderr)
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
