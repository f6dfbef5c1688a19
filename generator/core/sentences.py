"""Sentence boundaries in news text, so an actor page can quote the sentence of each mention.

A sentence ends at . ! or ? followed by a space and a capital (or an opening quote), except after an
abbreviation: initialisms like U.S. or U.K., and titles like Mr. or Gen.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Prof Gen Sen Rep Gov Lt Col Sgt Capt Adm Maj Cmdr St Jr Sr Inc Ltd Co Corp vs etc No Nos Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Rev Hon Pres Amb".split()
)
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.)+$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`; together they cover all of it."""
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        # Only the word before the full stop matters: look back a bounded distance, so a sentence
        # full of abbreviations stays linear.
        head = text[max(start, match.start() - 64) : match.start() + 1]
        word = head.rsplit(None, 1)[-1] if head.strip() else ""
        if text[match.start()] == "." and (_INITIALISM.search(word) or word[:-1] in _ABBREVIATIONS):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def split_sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text)]


def cut_title(text: str, limit: int = 90) -> str:
    """A title from body text: its first sentence, cut at a word boundary to `limit` characters."""
    sentence = split_sentences(text[: limit * 20])[0] if text.strip() else ""
    return shorten(sentence, limit)


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, an ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-–—") + "…"
