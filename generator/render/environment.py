"""The Jinja environment for page templates: every `{{ value }}` is escaped by `finalize`.

Templates write Markdown structure; values from seeds and YAML go in only through `{{ }}`, so they
pass through `escape.text` unless a page module built them as `Markdown` with the escape helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import jinja2

from . import escape


def _finalize(value: object) -> str:
    if value is None:
        return ""
    return escape.text(value)


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        finalize=_finalize,
        autoescape=False,  # HTML escaping is wrong for Markdown; `finalize` does the Markdown escaping
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["link"] = escape.link
    env.filters["external_link"] = escape.external_link
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def render_pieces(template: str, **context: object) -> Iterator[str]:
    """The page in pieces as the template makes them, for a page too large to hold whole (the book)."""
    return environment().get_template(template).generate(**context)
