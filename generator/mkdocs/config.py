"""The plugin's settings under `plugins: - briefing: {...}` in mkdocs.yml, typed, with the retired ones."""

from __future__ import annotations

import logging

from . import runtime  # noqa: F401 - first: makes `mkdocs.*` importable under ProperDocs alone
from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..pages import Options

log = logging.getLogger("mkdocs.plugins.briefing")


class Retired(c.Deprecated):
    """An option still read, under its new name when it has one, with a note rather than MkDocs'
    deprecation warning: a warning would fail every `--strict` build of a project that has not yet
    edited its mkdocs.yml."""

    def pre_validation(self, config: Config, key_name: str) -> None:
        given = config.get(key_name) is not None
        before = len(self.warnings)
        super().pre_validation(config, key_name)
        del self.warnings[before:]
        if given:
            log.info(f"briefing: {self.message.format(key_name)}")


class BriefingConfig(Config):
    nav = c.Type(bool, default=True)  # give a short section nav when mkdocs.yml has none
    # "pagefind": every word of every page, fetched in small chunks (search/pagefind.py); Material's
    # search plugin, if listed, is turned off. "material": Material's search as it is (one index with
    # every word, downloaded whole before the first result: 25 MB at 10,000 articles).
    search = c.Choice(("pagefind", "material"), default="pagefind")
    # Long lists (articles, sources, an actor's mentions, the book's parts) are split into pages of
    # this many items; 0 never splits. See Options.page_size.
    page_size = c.Type(int, default=Options.page_size)
    # Every fast path (generator/fast.py lists them): the same site, byte for byte, made in several
    # processes for a cold build and only for changed pages under a preview. `false` builds the plain
    # way, as does the environment variable BRIEFING_FAST=0.
    fast = c.Type(bool, default=True)

    # Retired: still accepted, so older mkdocs.yml files build (and `--strict` ones too).
    fast_pages = Retired(moved_to="fast", option_type=c.Type(bool),
                         message="'{}' is now called 'fast' (it switches every fast path); rename it in mkdocs.yml")
    search_trim_above = Retired(option_type=c.Type(int),
                                message="'{}' is no longer used (search finds every word at any size); remove it from mkdocs.yml")
    search_article_words = Retired(option_type=c.Type(int),
                                   message="'{}' is no longer used (search finds every word at any size); remove it from mkdocs.yml")
