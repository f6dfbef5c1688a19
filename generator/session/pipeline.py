"""The pure core's front door: a loaded project in, problems and pages out. Both shells call this."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import fast
from ..core.mentions import MentionCache, MentionIndex, MentionMatcher, index_mentions, surface_owners
from ..core.validate import ValidationCache, validate
from ..load.project import Project, ProjectLoader
from ..pages import PAGE_GROUPS, Content, Options, Site, build_pages, iter_pages
from ..pages.reuse import Reuse


@dataclass
class Analysis:
    project: Project
    mentions: MentionIndex


def analyse(project: Project) -> Analysis:
    """Index mentions and run the cross-file checks; problems land in project.problems."""
    mentions = index_mentions(project.corpus, MentionMatcher(project.corpus.actors))
    validate(project.corpus, project.known, mentions, project.problems, names_not_wanted=project.names_not_wanted)
    return Analysis(project, mentions)


class Session:
    """One project kept in memory across rebuilds (`mkdocs serve`, a live preview).

    `analyse(root)` gives what `analyse(load_project(root))` gives, but a rebuild re-reads only the
    seed files that changed (ProjectLoader's cache) and finds mentions again only in the articles that
    changed, or in every article when an actor's name or aliases changed.
    """

    def __init__(self) -> None:
        self.loader = ProjectLoader()
        self._matcher: MentionMatcher | None = None
        self._mentions: MentionCache = {}
        self._checked = ValidationCache()

    def analyse(self, root: Path) -> Analysis:
        project = self.loader.load(root)
        actors = project.corpus.actors
        if self._matcher is None or not fast.on("mention_matcher_kept") or self._matcher.signature != surface_owners(actors):
            self._matcher = MentionMatcher(actors)
        else:
            fast.took("mention_matcher_kept")
        mentions = index_mentions(project.corpus, self._matcher, cache=self._mentions if fast.on("mention_cache") else None)
        validate(project.corpus, project.known, mentions, project.problems, names_not_wanted=project.names_not_wanted,
                 cache=self._checked if fast.on("validation_cache") else None)
        return Analysis(project, mentions)


def _site(analysis: Analysis, options: Options | None, reuse: Reuse | None = None) -> Site:
    return Site(analysis.project.corpus, analysis.mentions, options or Options(), reuse)


def generate(analysis: Analysis, options: Options | None = None) -> dict[str, str]:
    """Every generated page, `{docs-relative path: markdown}`, in path order. Same input, same bytes."""
    return build_pages(_site(analysis, options))


def generate_streams(analysis: Analysis, options: Options | None = None, reuse: Reuse | None = None,
                     groups: tuple[tuple, ...] = PAGE_GROUPS) -> list[Iterator[tuple[str, Content]]]:
    """The same pages as `generate`, made one at a time (not in path order) in independent streams that
    two processes can write at once, one per page group; the indexes the streams share are built
    before they split. `reuse`: pages kept from the last generation, given again where their inputs
    are unchanged (`briefing serve`, which splits them as `REFRESH_GROUPS`)."""
    site = _site(analysis, options, reuse)
    site.prepare()
    return [iter_pages(site, group) for group in groups]
