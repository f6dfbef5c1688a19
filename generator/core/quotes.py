"""Quote verification: a cited quote must be the article's own words.

Whitespace runs and straight/curly quote marks are folded on both sides, nothing else: a quote that
changes a word, or joins words from two places, does not verify.
"""

from __future__ import annotations

import re

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'"})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()
