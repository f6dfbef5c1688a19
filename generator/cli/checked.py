"""A project's pages, once its seeds are loaded and checked: the common first half of `briefing
generate` and `briefing build --with zensical`."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

from ..load.project import load_project
from ..pages import Content, Options
from ..session.pipeline import analyse, generate_streams
from . import project_files
from .report import print_problems, summary

# The loaded briefing of the command that ran, kept so it is not torn down object by object when the
# command returns: `commands.run()` leaves with os._exit (see there).
RETAINED: list[object] = []

Streams = list[Iterator[tuple[str, Content]]]


def page_streams(root: Path, command: str, jobs: int) -> tuple[Streams, Options] | None:
    """The pages of the project at `root` as independent streams (one per process; one in all with
    `jobs` 1) and the page options from its mkdocs.yml; None when seeds/ has errors. Every problem is
    printed, and on errors a summary line naming `command`."""
    project = load_project(root)
    analysis = analyse(project)
    RETAINED.append(analysis)
    print_problems(project.problems, root=root)
    if project.problems.has_errors:
        print(f"briefing {command}: {summary(project.problems)}; nothing written", file=sys.stderr)
        return None
    # The located YAML of every profile served the checks; the pages never read it. Dropped, its
    # memory is reused for the pages (tens of megabytes on a large briefing).
    project.documents.clear()
    options = project_files.options(root)
    streams = generate_streams(analysis, options)
    return ([itertools.chain(*streams)] if jobs == 1 else streams), options
