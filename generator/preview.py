"""The part of a project with errors that can still be previewed (`mkdocs serve` with errors).

A broken file is left out whole, never half-used: every seed file with an error is dropped from the
corpus, and so is every file that refers to a dropped one (an actor citing a broken article, an event
naming a broken topic): the pages are then made from a corpus that validates with no error, exactly as
in a clean build. A failed actor profile keeps its names claimed in `briefing check` (no "unprofiled
name" noise, see load/project.py `claimed`), but in the preview its mentions stay plain text: there is
no page to link them to.

`mkdocs build` never uses this: with errors it refuses (shells/plugin.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from .core.mentions import MentionMatcher, index_mentions
from .core.validate import validate
from .load.project import Project
from .model import Corpus
from .pipeline import Analysis
from .problems import Problem, Problems


@dataclass
class Preview:
    analysis: Analysis  # the usable part, validated clean
    errors: list[Problem]  # the located errors of the whole project, for the banner
    left_out: list[str] = field(default_factory=list)  # seed files left out because they refer to a broken one


def _article_paths(article_path: str) -> set[str]:
    """An article and its sidecar: an error in either breaks the article."""
    path = PurePosixPath(article_path)
    return {article_path, str(path.with_suffix(".yaml"))}


def _without(corpus: Corpus, broken: set[str]) -> tuple[Corpus, list[str]]:
    kept = Corpus()
    dropped: list[str] = []
    for folder in ("articles", "actors", "topics", "events"):
        target = getattr(kept, folder)
        for item_id, item in getattr(corpus, folder).items():
            paths = _article_paths(item.path) if folder == "articles" else {item.path}
            if paths & broken:
                dropped.append(item.path)
            else:
                target[item_id] = item
    return kept, dropped


def usable_part(project: Project) -> Preview:
    errors = project.problems.errors()
    broken = {problem.location.path for problem in errors}
    corpus, _ = _without(project.corpus, broken)
    left_out: list[str] = []
    while True:
        # Validate what is left as if it were the whole project: a reference to a dropped file is now
        # an error in the file that makes it, which is then dropped in turn.
        known = {folder: set(getattr(corpus, folder)) for folder in ("articles", "actors", "topics", "events")}
        mentions = index_mentions(corpus, MentionMatcher(corpus.actors))
        problems = Problems()
        validate(corpus, known, mentions, problems)
        cascade = {problem.location.path for problem in problems.errors()}
        if not cascade:
            break
        corpus, dropped = _without(corpus, cascade)
        if not dropped:  # an error outside every seed file: nothing more to leave out
            break
        left_out.extend(dropped)
    usable = replace(project, corpus=corpus, problems=Problems())
    return Preview(Analysis(usable, mentions), errors, sorted(left_out))
