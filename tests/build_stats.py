"""`mkdocs ARGS` exactly as the command line runs it, writing what the briefing plugin's fast paths did to a file.

    python tests/build_stats.py STATS.json build [mkdocs build options]

The equivalence tests compare a fast build with a plain one; this tells them the fast paths were
really taken (a comparison of two plain builds would pass too). Read from the plugin's own counters
at the end of the build (`FastPages.forget`, which a one-off build calls in `on_post_build`), so the
build itself runs as `mkdocs build` does, at its usual log level: `--verbose` would change what
MkDocs checks (it skips the anchor validation at debug level), and with it the warnings compared.

STATS.json gets, for a build that reached its end:
- "conversions": [pages whose conversion made ahead was used, pages converted by MkDocs],
- "search_entries": {"hits": ..., "misses": ...} of the kept search entries (Material's search on),
- "themed_ahead": [pages whose HTML came from the second process, pages in its share], or null,
- "taken": generator/fast.py's counts by fast path, where that module exists;
all zero with the fast paths off, and no file when the build stopped before its end.
"""

from __future__ import annotations

import json
import runpy
import sys


def main() -> None:
    del sys.path[0]  # tests/: nothing of it is the build's
    out, args = sys.argv[1], sys.argv[2:]
    from generator.mkdocs.speedups import pages

    forget = pages.FastPages.forget

    def recording_forget(self: pages.FastPages) -> None:
        once = self.templates_once
        stats: dict = {
            "conversions": [self.renders.hits, self.renders.misses],
            "search_entries": {"hits": self.search.hits, "misses": self.search.misses},
            "themed_ahead": [once.hits, once.ahead.share] if once is not None and once.ahead is not None else None,
        }
        try:
            from generator import fast
        except ImportError:
            pass
        else:
            stats["taken"] = fast.taken()
        with open(out, "w", encoding="utf-8") as file:
            json.dump(stats, file)
        forget(self)

    pages.FastPages.forget = recording_forget  # type: ignore[method-assign]
    sys.argv = ["mkdocs", *args]
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
