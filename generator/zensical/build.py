"""`briefing build --with zensical`: the briefing's site built by Zensical.

1. The pages are generated as `briefing generate` makes them, in Zensical's flavour (tree.py), with
   the site's assets and the hand-written files of docs/, into WORK/docs, in place: only changed
   files are written, so a `zensical serve -f WORK/mkdocs.yml` running meanwhile sees each edit.
2. WORK/mkdocs.yml (config.py) points Zensical at it; Zensical builds WORK/site.
3. The site is finished (site.py): feed link, Pagefind markup, Pagefind's index.

WORK is `build/zensical` in the project unless given. Zensical runs in its own process, from the
Python that runs this command (`pip install 'briefing[zensical]'`).
"""

from __future__ import annotations

import importlib.util
import itertools
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..cli.checked import page_streams
from ..cli.output import check_out_dir, write_tree
from ..cli.report import Refused
from ..search import finish, pagefind
from . import config, site, tree

DEFAULT_WORK = Path("build") / "zensical"


class ZensicalMissing(Refused):
    """Zensical is not installed where this command runs."""


@dataclass
class Built:
    site: Path
    config: Path
    pages: int
    written: int
    seconds: dict[str, float]
    search: str


def available() -> bool:
    return importlib.util.find_spec("zensical") is not None


def build(root: Path, work: Path | None = None, *, jobs: int = 2, strict: bool = False, clean_cache: bool = False) -> Built | None:
    """Build the project at `root` with Zensical into WORK/site; None when seeds/ has errors (printed)."""
    if not available():
        raise ZensicalMissing(f"--with zensical needs Zensical, which {sys.executable} cannot import: "
                              "pip install 'briefing[zensical]' (or pip install zensical)")
    work = root / DEFAULT_WORK if work is None else work
    docs = work / "docs"
    check_out_dir(root, work, in_place=True)
    check_out_dir(root, docs, in_place=True)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    generated = page_streams(root, "build", jobs)
    if generated is None:
        return None
    plain, options = generated
    search = config.pagefind_search(root)
    hand_written = tree.hand_written(root)
    names = [rel for rel, _ in hand_written]
    streams = [tree.flavoured(stream, options, names) for stream in plain]
    streams[0] = itertools.chain(streams[0], finish.asset_files(search), tree.read(hand_written))
    work.mkdir(parents=True, exist_ok=True)
    pages, written, _, _ = write_tree(docs, *streams, in_place=True)
    seconds["generate"] = time.perf_counter() - started
    config_file = config.write(root, work, names, search=search)
    started = time.perf_counter()
    command = [sys.executable, "-m", "zensical", "build", "-f", str(config_file)]
    if strict:
        command.append("--strict")
    if clean_cache:
        command.append("--clean")
    done = subprocess.run(command, check=False)
    if done.returncode != 0:
        raise Refused(f"zensical build failed (exit {done.returncode}); its messages are above")
    seconds["zensical"] = time.perf_counter() - started
    started = time.perf_counter()
    site_dir = work / "site"
    site.finish(site_dir, docs, options.site_name, search=search)
    summary_line = pagefind.index(str(site_dir)) if search else "Zensical's own search"
    seconds["finish"] = time.perf_counter() - started
    return Built(site_dir, config_file, pages, written, seconds, summary_line)
