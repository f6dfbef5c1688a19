"""How problems reach a person: one `PATH:LINE[:COL]: severity: message` line each, on stderr (on
stdout for `briefing check`, as linters write findings)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
import sys
from typing import TextIO

from ..problems import Location, Problem, Problems


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
    """One line per problem on `stream` (stderr by default); with `root` (the project folder), paths
    relative to the current directory. Under GitHub Actions each is followed by its annotation on stdout."""
    stream = stream or sys.stderr
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems.sorted():
        if root is not None:
            problem = _from_here(problem, root)
        print(problem, file=stream)
        if annotate:
            # Shown on the pull request's diff; stdout is where GitHub reads workflow commands.
            print(problem.github_annotation(), file=sys.stdout)


def print_readings(corpus, root: Path, stream: TextIO | None = None) -> None:
    """`check --verbose`: for each article, where each value it was given came from, as note lines in
    the problems' own form (`seeds/articles/x.txt:3: note: date 2024-03-03, from the timestamp line`)."""
    stream = stream or sys.stderr
    for article_id in sorted(corpus.articles):
        article = corpus.articles[article_id]
        for reading in sorted(article.readings, key=lambda r: (r.path, r.line, r.key)):
            location = Location(reading.path or article.path, reading.line)
            note = Problem(location, "note", f"{reading.key} '{reading.value}' ({reading.source})")
            print(_from_here(note, root), file=stream)


def summary(problems: Problems) -> str:
    items = problems.sorted()
    errors = sum(1 for p in items if p.severity == "error")
    warnings = len(items) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
