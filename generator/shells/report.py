"""How problems reach a person: one `PATH:LINE[:COL]: severity: message` line each, on stderr."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
import sys
from typing import TextIO

from ..problems import Problem, Problems


class Refused(Exception):
    """A command declined to act (it would overwrite or endanger files): exit 2 with this message."""


def _from_here(problem: Problem, root: Path) -> Problem:
    """The problem with its path relative to the current directory, so an editor or terminal opens it
    from where the command ran (`briefing check` inside seeds/actors/ prints `alice.yaml:3:7: ...`)."""
    # Absolute but not resolved: the path may be a link (or a link loop) the problem is about.
    full = Path(os.path.abspath(root / problem.location.path))
    here, project = Path(os.path.abspath(".")), Path(os.path.abspath(root))
    # Relative when the project and the current folder are one inside the other, else absolute.
    related = here.is_relative_to(project) or project.is_relative_to(here)
    path = (os.path.relpath(full, here) if related else str(full)).replace(os.sep, "/")
    return replace(problem, location=replace(problem.location, path=path))


def print_problems(problems: Problems, stream: TextIO | None = None, root: Path | None = None) -> None:
    """One line per problem; with `root` (the project folder), paths relative to the current directory."""
    stream = stream or sys.stderr
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems.sorted():
        if root is not None:
            problem = _from_here(problem, root)
        print(problem, file=stream)
        if annotate:
            # Shown on the pull request's diff; stdout is where GitHub reads workflow commands.
            print(problem.github_annotation(), file=sys.stdout)


def summary(problems: Problems) -> str:
    items = problems.sorted()
    errors = sum(1 for p in items if p.severity == "error")
    warnings = len(items) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
