#!/usr/bin/env python3
"""Search side by side: Material's search against Pagefind, on synthetic briefings of several sizes.

    .venv/bin/python scripts/bench/search.py [--sizes 1000,2400,4000,10000] [--keep DIR]

For each N (M = N/3 actors) it makes a corpus with make_corpus.py, puts one made-up word
(`DEEP_WORD`) at the end of the last body paragraph of one article, and builds the site twice:

- before: Material's search plugin (`plugins: [search, briefing]`, `search: material`);
- after: Pagefind (the default: `plugins: [briefing]`).

For each build: the wall time of `mkdocs build` (one run: the machine is shared, so say so when
quoting), and what headless Chromium downloads from a plain static server (no compression) from
opening the home page until the first result shows, for the deep word and for a common word; split
into the search files (Material's index and worker, or Pagefind's folder) and everything.
Prints one JSON object per size and a Markdown table at the end.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_corpus import make_corpus  # noqa: E402
from run import BIN, ENV, PYTHON, mb  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

DEEP_WORD = "Zyzzogeton"
COMMON_WORD = "monitoring"
ENGINES = {
    # engine: (mkdocs.yml plugins block, CSS of the search box, CSS of one result)
    "material": ("plugins:\n  - search\n  - tags\n  - briefing:\n      search: material\n", "input.md-search__input", ".md-search-result__item"),
    "pagefind": ("plugins:\n  - tags\n  - briefing\n", "input.pagefind-ui__search-input", ".pagefind-ui__result"),
}
SEARCH_FILES = ("/search/", "/pagefind/", "/workers/search")
BROWSER_MAX = 2400  # above this, Material's whole index (tens of MB) is not loaded in the browser


def plant_deep_word(project: Path) -> None:
    article = sorted((project / "seeds" / "articles").glob("*.txt"))[len(list((project / "seeds" / "articles").glob("*.txt"))) // 2]
    text = article.read_text(encoding="utf-8")
    body_end = text.index("\n\n- ")  # the sources list follows the body
    article.write_text(text[:body_end] + f" The {DEEP_WORD} clause was noted last." + text[body_end:], encoding="utf-8")


def configure(project: Path, engine: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    head = text[: text.index("plugins:")]
    config.write_text(head + ENGINES[engine][0], encoding="utf-8")


def build(project: Path, site: Path) -> float:
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-d", str(site)], cwd=project, env=ENV, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr)
    return time.perf_counter() - start


def chromium() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def download_before_first_result(driver: webdriver.Chrome, url: str, sent: list[tuple[str, int]], engine: str, word: str) -> dict:
    """Bytes sent from opening `url` (fresh cache) until the first result for `word` shows."""
    box, result = ENGINES[engine][1:]
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get_log("performance")
    sent.clear()
    start = time.perf_counter()
    driver.get(url)
    if engine == "material" and not driver.find_element(By.CSS_SELECTOR, box).is_displayed():
        driver.find_element(By.CSS_SELECTOR, "label.md-header__button[for='__search']").click()  # narrow window
    field = WebDriverWait(driver, 10).until(lambda d: [f for f in d.find_elements(By.CSS_SELECTOR, box) if f.is_displayed()])[0]
    time.sleep(0.3)  # Material's search dialog opens with a transition
    field.click()
    field.send_keys(word)
    WebDriverWait(driver, 300, poll_frequency=0.05).until(lambda d: d.find_elements(By.CSS_SELECTOR, result))
    seconds = time.perf_counter() - start
    time.sleep(0.5)  # the last responses' bodies are being written
    total = sum(size for _, size in sent)
    search_files = sum(size for path, size in sent if any(part in path for part in SEARCH_FILES))
    return {"total_bytes": total, "search_bytes": search_files, "requests": len(sent), "seconds": round(seconds, 2)}


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str, list[tuple[str, int]]]:
    """A plain static server for `site`; its URL and the (path, body size) of each file it sent.
    (Counted here, not in the browser: Pagefind fetches its index from a Web Worker.)"""
    sent: list[tuple[str, int]] = []

    class Counting(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # type: ignore[no-untyped-def]
            pass

        def copyfile(self, source, outputfile):  # type: ignore[no-untyped-def]
            data = source.read()
            outputfile.write(data)
            sent.append((self.path, len(data)))

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/", sent


def measure(n: int, work: Path, engines: list[str]) -> dict:
    project = work / "project"
    make_corpus(n, project, n // 3, 1)
    plant_deep_word(project)
    result: dict = {"articles": n}
    driver = chromium()
    try:
        for engine in engines:
            print(f"[N={n}] {engine}: mkdocs build", file=sys.stderr)
            configure(project, engine)
            site = work / f"site-{engine}"
            result[engine] = {"build_seconds": round(build(project, site), 1)}
            if engine == "pagefind":  # Pagefind's own share of that build: index the built site again
                start = time.perf_counter()
                subprocess.run([PYTHON, "-m", "pagefind", "--site", str(site), "--quiet"], check=True, env=ENV)
                result[engine]["index_seconds"] = round(time.perf_counter() - start, 1)
            index = site / "search" / "search_index.json"
            result[engine]["index_file_bytes"] = index.stat().st_size if index.exists() else 0
            if engine == "material" and n > BROWSER_MAX:
                continue  # Material downloads its whole index first: index_file_bytes says it
            server, url, sent = serve(site)
            try:
                for word in (DEEP_WORD, COMMON_WORD):
                    result[engine][word] = download_before_first_result(driver, url, sent, engine, word)
            finally:
                server.shutdown()
                server.server_close()
    finally:
        driver.quit()
    print(json.dumps(result), flush=True)
    return result


def table(results: list[dict]) -> str:
    def row(label: str, cell) -> str:  # type: ignore[no-untyped-def]
        return f"| {label} | " + " | ".join(cell(r) for r in results) + " |"

    lines = [
        "| | " + " | ".join(f"N = {r['articles']:,}" for r in results) + " |",
        "| --- | " + " | ".join("---:" for _ in results) + " |",
    ]
    for engine, name in (("material", "Material's search (before)"), ("pagefind", "Pagefind (after)")):
        if not any(engine in r for r in results):
            continue
        def download(r: dict, word: str, engine: str = engine) -> str:
            if engine not in r:
                return "–"
            if word not in r[engine]:
                return f"(index file {mb(r[engine]['index_file_bytes'])})"
            return f"{mb(r[engine][word]['search_bytes'])} / {mb(r[engine][word]['total_bytes'])}"

        lines += [
            row(f"{name}: `mkdocs build`", lambda r, engine=engine: f"{r[engine]['build_seconds']:.1f} s" if engine in r else "–"),
            row(f"{name}: download before the first result, deep word (search files / everything the server sent)", lambda r: download(r, DEEP_WORD)),
            row(f"{name}: the same, common word '{COMMON_WORD}'", lambda r: download(r, COMMON_WORD)),
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2400,4000,10000")
    parser.add_argument("--engines", default="material,pagefind", help="which to build: material, pagefind or both")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="briefing-search-bench-"))
    results = []
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            work = base / f"n{n}"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            results.append(measure(n, work, args.engines.split(",")))
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print(table(results))


if __name__ == "__main__":
    main()
