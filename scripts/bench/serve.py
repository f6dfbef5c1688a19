#!/usr/bin/env python3
"""Live preview as a writer sees it: from a saved edit until the served page shows it.

    .venv/bin/python scripts/bench/serve.py PROJECT [--edits 3] [--servers briefing,mkdocs] [--zensical ZENSICAL]

Starts `briefing serve` in PROJECT (as the README tells a writer to; `--servers` adds `mkdocs serve`
or `briefing serve --full`, whose every rebuild is a whole one), waits for its first build, then
edits EDITS times one actor's `summary` and one article's first paragraph (not its first line, which
is the title when no sidecar gives one), each time measuring from the file write until an HTTP GET
of that page (`actors/<id>/`, `articles/<id>/`) returns the new text. With `--zensical PATH` (a `zensical` executable, installed apart from the project: `pip
install zensical` in its own venv), does the same with `zensical serve` on the Markdown tree
`briefing generate` writes, editing the generated actor and article pages themselves (Zensical has no
briefing plugin, so it gets a page edit, not a YAML edit). Prints JSON; every edited file is restored.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
WAIT = 900  # seconds: a first build at N = 10,000 takes minutes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, since: float, timeout: float = WAIT) -> float:
    """Seconds from `since` until GET url contains text (polling every 20 ms)."""
    while text not in get(url):
        if time.perf_counter() - since > timeout:
            raise SystemExit(f"{url} never showed {text!r} within {timeout} s")
        time.sleep(0.02)
    return time.perf_counter() - since


class Served:
    def __init__(self, command: list[str], cwd: Path, port: int, log: Path) -> None:
        self.base = f"http://127.0.0.1:{port}/"
        self.log = open(log, "w")
        self.proc = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=self.log, stderr=subprocess.STDOUT)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def edit_and_time(served: Served, path: Path, page: str, old: str, marker: str, edits: int) -> list[float]:
    original = path.read_text(encoding="utf-8")
    assert old in original, (path, old)
    times = []
    try:
        for edit in range(edits):
            text = f"{marker}{edit}x"
            start = time.perf_counter()
            path.write_text(original.replace(old, f"{old}{text} ", 1), encoding="utf-8")
            times.append(round(wait_for(served.base + page, text, start), 3))
            time.sleep(2)  # a writer's next save; `briefing serve`'s search indexing may still run (it yields to a rebuild)
    finally:
        path.write_text(original, encoding="utf-8")
    return times


def summary(times: list[float]) -> dict:
    return {"seconds": times, "median": round(statistics.median(times), 3)}


def first_words(text: str, n: int = 3) -> str:
    return " ".join(text.split()[:n])


SERVERS = {
    "briefing": ["briefing", "serve", "--verbose"],  # the same, with where each rebuild's time went in its log
    "briefing-full": ["briefing", "serve", "--full"],
    "mkdocs": ["mkdocs", "serve"],
}


def measure_server(command: list[str], project: Path, edits: int, log: Path) -> dict:
    actor = sorted((project / "seeds" / "actors").glob("*.yaml"))[0]
    article = sorted((project / "seeds" / "articles").glob("*.txt"))[0]
    port = free_port()
    start = time.perf_counter()
    served = Served([str(BIN / command[0]), *command[1:], "-a", f"127.0.0.1:{port}"], project, port, log)
    try:
        first = wait_for(served.base + f"actors/{actor.stem}/", "</html>", start)
        time.sleep(3)
        return {
            "first_build": round(first, 1),
            "actor_edit": summary(edit_and_time(served, actor, f"actors/{actor.stem}/", 'summary: "', "ActorEdit", edits)),
            "article_edit": summary(edit_and_time(
                served, article, f"articles/{article.stem}/", first_words(article.read_text(encoding="utf-8").split("\n", 1)[1]), "ArticleEdit", edits,
            )),
        }
    finally:
        served.stop()


def measure_zensical(zensical: Path, project: Path, edits: int, log: Path) -> dict:
    """`zensical serve` of the generated Markdown tree (same pages, no plugin)."""
    work = Path(tempfile.mkdtemp(prefix="zensical-"))
    try:
        subprocess.run([str(BIN / "briefing"), "generate", str(project), "--out", str(work / "docs")], check=True, env=ENV)
        config = (project / "mkdocs.yml").read_text(encoding="utf-8").split("plugins:")[0]
        (work / "mkdocs.yml").write_text(config + "markdown_extensions: [attr_list, tables, admonition, md_in_html, toc]\n", encoding="utf-8")
        actor = sorted((work / "docs" / "actors").glob("*.md"))[0]
        article = sorted((work / "docs" / "articles").glob("*.md"))[0]
        port = free_port()
        start = time.perf_counter()
        served = Served([str(zensical), "serve", "-a", f"127.0.0.1:{port}"], work, port, log)
        try:
            actor_page, article_page = f"actors/{actor.stem}/", f"articles/{article.stem}/"
            first = wait_for(served.base + actor_page, "</html>", start)
            time.sleep(3)
            lead = next(line for line in article.read_text(encoding="utf-8").split("\n\n")[3:] if line[:1].isalpha())
            return {
                "first_build": round(first, 1),
                "actor_edit": summary(edit_and_time(served, actor, actor_page, "\n\n", "ActorEdit", edits)),
                "article_edit": summary(edit_and_time(served, article, article_page, first_words(lead), "ArticleEdit", edits)),
            }
        finally:
            served.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--servers", default="briefing", help=f"comma-separated, of {', '.join(SERVERS)}")
    parser.add_argument("--zensical", type=Path, default=None, help="a zensical executable to measure beside MkDocs")
    args = parser.parse_args()
    project = args.project.resolve()
    logs = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    result = {name: measure_server(SERVERS[name], project, args.edits, logs / f"{name}.log") for name in args.servers.split(",")}
    if args.zensical:
        result["zensical"] = measure_zensical(args.zensical.resolve(), project, args.edits, logs / "zensical.log")
    result["logs"] = str(logs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
