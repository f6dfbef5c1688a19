"""The pure core's front door: a loaded project in, problems and pages out. Both shells call this."""

from __future__ import annotations

from dataclasses import dataclass

from .core.mentions import MentionIndex, MentionMatcher, index_mentions
from .core.validate import validate
from .load.project import Project
from .pages import Options, Site, build_pages


@dataclass
class Analysis:
    project: Project
    mentions: MentionIndex


def analyse(project: Project) -> Analysis:
    """Index mentions and run the cross-file checks; problems land in project.problems."""
    mentions = index_mentions(project.corpus, MentionMatcher(project.corpus.actors))
    validate(project.corpus, project.known, mentions, project.problems)
    return Analysis(project, mentions)


def generate(analysis: Analysis, options: Options | None = None) -> dict[str, str]:
    """Every generated page, `{docs-relative path: markdown}`, in path order. Same input, same bytes."""
    return build_pages(Site(analysis.project.corpus, analysis.mentions, options or Options()))
