"""How problems reach a person: one `PATH:LINE[:COL]: severity: message` line each, on stderr."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from ..problems import Problems


class Refused(Exception):
    """A command declined to act (it would overwrite or endanger files): exit 2 with this message."""


def print_problems(problems: Problems, stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems.sorted():
        print(problem, file=stream)
        if annotate:
            # Shown on the pull request's diff; stdout is where GitHub reads workflow commands.
            print(problem.github_annotation(), file=sys.stdout)


def summary(problems: Problems) -> str:
    items = problems.sorted()
    errors = sum(1 for p in items if p.severity == "error")
    warnings = len(items) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
