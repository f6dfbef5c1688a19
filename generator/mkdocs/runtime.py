"""Which runtime builds the site: MkDocs, or ProperDocs (its drop-in fork, `properdocs` on PyPI).

Both read `mkdocs.yml` and run the plugins listed under the `mkdocs.plugins` entry points, and
ProperDocs answers to `import mkdocs...` as well: its `properdocs` command installs an import alias
(its module `properdocs.replacement`) under which every `mkdocs.*` module is the `properdocs.*` one.
Code of ours that is not started by one of those two commands (the `briefing` command, `python -m
generator`, `briefing serve`, a test that imports the plugin) gets the same: importing this module
makes `import mkdocs...` work whichever runtime is installed.

- MkDocs installed (with or without ProperDocs): `mkdocs` is MkDocs. MkDocs is preferred.
- ProperDocs alone: ProperDocs' own alias is installed (by importing `properdocs.replacement`, the
  module its command imports for that purpose), so `mkdocs` is ProperDocs.
- Already imported (we run inside `mkdocs` or `properdocs`): left as it is; `properdocs build` runs
  ProperDocs even where MkDocs is installed too.
- Neither: an ImportError that says what to install.

Import this module before anything that imports `mkdocs.*` (`from ..mkdocs import runtime`).

The runtimes differ in where their messages go: MkDocs logs under the `mkdocs` logger, ProperDocs
under `properdocs` (which it does not let propagate to the root, and where `--strict` counts
warnings), with `mkdocs` (a plugin's logger) as its child. `logger_names()` gives the loggers a
message logged during a build reaches, for the speed-ups that record messages and log them again
(speedups/conversions.py).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from importlib import metadata

MKDOCS = "mkdocs"
PROPERDOCS = "properdocs"
RUNTIMES = (MKDOCS, PROPERDOCS)  # in order of preference


def _installed(package: str) -> bool:
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def _make_mkdocs_importable() -> None:
    if MKDOCS in sys.modules or _installed(MKDOCS):
        return  # already running one of them, or MkDocs itself is there to import
    if _installed(PROPERDOCS):
        importlib.import_module(f"{PROPERDOCS}.replacement")  # ProperDocs' own `mkdocs.*` alias
        return
    raise ImportError(
        "briefing needs MkDocs or ProperDocs: `pip install mkdocs` (the default) or `pip install properdocs`"
    )


_make_mkdocs_importable()


def name() -> str:
    """The package that runs as `mkdocs`: "mkdocs" or "properdocs"."""
    import mkdocs

    return mkdocs.__name__


def version() -> str:
    """The running runtime's version (ProperDocs' own under ProperDocs, e.g. 1.6.7)."""
    import mkdocs

    return str(getattr(mkdocs, "__version__", "") or metadata.version(name()))


def logger_names() -> tuple[str, ...]:
    """The top loggers of the running runtime that a build's messages reach, besides the root: its own,
    and `mkdocs` (where plugins log; under ProperDocs a child of `properdocs`)."""
    return tuple(dict.fromkeys((name(), MKDOCS)))
