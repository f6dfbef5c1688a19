"""The stylesheet and script every page of a briefing uses, whatever builds the site."""

from __future__ import annotations

from importlib import resources


def asset(name: str) -> str:
    """The text of `name` (a site path such as `assets/briefing.css`: its file name is what counts)."""
    return resources.files(__name__).joinpath(name.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
