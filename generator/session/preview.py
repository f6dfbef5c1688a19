"""The part of a project with errors that can still be previewed (`mkdocs serve` with errors).

A broken file is left out whole, never half-used: every seed file with an error is dropped from the
corpus, and so is every file that refers to a dropped one (an actor citing a broken article, an event
naming a broken topic): the pages are then made from a corpus that validates with no error, exactly as
in a clean build. A failed actor profile keeps its names claimed in `briefing check` (no "unprofiled
name" noise, see load/project.py `claimed`), but in the preview its mentions stay plain text: there is
no page to link them to.

`mkdocs build` never uses this: with errors it refuses (mkdocs/plugin.py). What the preview then
shows of the files left out is `stranded_pages`: their last good page, or a page naming the errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from ..core.mentions import MentionMatcher, index_mentions
from ..core.validate import validate
from ..load.project import Project
from ..model import ARTICLE_ID_PATTERN, ID_PATTERN, Corpus
from ..pages.site import actor_path, article_path, topic_path
from .pipeline import Analysis
from ..problems import Problem, Problems
from ..render.environment import render


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


# ---- the pages a preview with errors shows ---------------------------------------------------------

_PAGE_OF_FOLDER = {"seeds/articles": article_path, "seeds/actors": actor_path, "seeds/topics": topic_path}


def page_of_seed(seed_path: str) -> str | None:
    """The page a seed file is shown on (`seeds/actors/x.yaml` -> `actors/x.md`; an article's sidecar
    -> its article's page); None for a file with no page of its own (an event: the timeline)."""
    path = PurePosixPath(seed_path)
    make = _PAGE_OF_FOLDER.get(str(path.parent))
    pattern = ARTICLE_ID_PATTERN if str(path.parent) == "seeds/articles" else ID_PATTERN
    return make(path.stem) if make is not None and pattern.match(path.stem) else None  # a bad file name has no page


def stranded_pages(pages: dict[str, str], good: dict[str, str], errors: list[Problem], left_out: list[str]) -> dict[str, str]:
    """`pages` of a preview with errors, plus a page for every file left out, so a writer whose file
    just broke never lands on a bare 404: the page as the last clean build made it (`good`), or, for
    a file that never built, a page that says which of its lines are wrong. The error banner goes on
    every page (error_banner.py); the next clean build replaces them all."""
    out = dict(pages)
    broken: dict[str, list[Problem]] = {}
    for problem in errors:
        page = page_of_seed(problem.location.path)
        if page is not None:
            broken.setdefault(page, []).append(problem)
    for seed in left_out:
        page = page_of_seed(seed)
        if page is not None:
            broken.setdefault(page, [])
    for path, text in good.items():
        out.setdefault(path, text)
    for page, problems in sorted(broken.items()):
        if page not in out:
            out[page] = render("unbuilt.md.j2", name=PurePosixPath(page).stem, problems=sorted(set(problems)),
                               left_out=[seed for seed in left_out if page_of_seed(seed) == page])
    return dict(sorted(out.items()))
