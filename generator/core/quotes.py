"""Quote verification: a cited quote must be the article's own words.

Whitespace runs and straight/curly quote marks are folded on both sides, nothing else: a quote that
changes a word, or joins words from two places, does not verify.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'"})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


class FoldedParagraphs:
    """An article's paragraphs folded once, to tell which paragraph a quote comes from.

    The folded paragraphs are joined by a newline, which `fold` never leaves in a text: a folded
    quote found in the joined text lies within one paragraph, and its offset gives the paragraph by
    a binary search over their offsets. Folding each paragraph again for every quote cost
    quotes x article size (1,000 quotes after 1 MB of text: 57 s; issue #21); this folds the article
    once, and each quote costs one search of the folded text.
    """

    def __init__(self, paragraphs: Iterable[str]):
        folded = [fold(text) for text in paragraphs]
        self.starts: list[int] = []  # offset of each folded paragraph in `text`
        at = 0
        for part in folded:
            self.starts.append(at)
            at += len(part) + 1
        self.text = "\n".join(folded)

    def paragraph_of(self, quote: str) -> int | None:
        """The index of the first paragraph whose folded text holds the folded quote, or None."""
        if not self.starts:
            return None
        at = self.text.find(fold(quote))
        return None if at < 0 else bisect_right(self.starts, at) - 1


_PUNCTUATION = re.compile(r"[^\w]+")


def _key(word: str) -> str:
    return _PUNCTUATION.sub("", word).lower()


CONTEXT_WORDS = 3  # words of agreement shown around a difference


def closest_passage(quote: str, text: str, cutoff: float = 0.6) -> str | None:
    """Where the article's closest passage differs from a quote that is not in it, as a short word
    diff: `… the talks were {calm → tense} on Monday …` (quote's words → article's words), or None
    when no passage is close. Both sides folded; only for quotes that failed, so the scan may be slow."""
    from difflib import SequenceMatcher

    wanted = fold(quote).split(" ")
    words = fold(text).split(" ")
    # Compared without punctuation and case ("Macron," is "Macron"), shown as written.
    wanted_keys, word_keys = [_key(w) for w in wanted], [_key(w) for w in words]
    size = len(wanted)
    if not size or not words:
        return None
    best, best_start, best_size = 0.0, 0, size
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted_keys)
    # Windows a little shorter and longer than the quote: a word left out or added still matches.
    for width in sorted({max(1, size + delta) for delta in (0, -1, 1, -2, 2)}, key=lambda w: abs(w - size)):
        for start in range(0, max(1, len(words) - width + 1)):
            matcher.set_seq1(word_keys[start : start + width])
            if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, best_start, best_size = ratio, start, width
    if best < cutoff:
        return None
    passage = words[best_start : best_start + best_size]
    parts: list[str] = []
    opcodes = SequenceMatcher(None, wanted_keys, word_keys[best_start : best_start + best_size], autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = passage[j1:j2]
            first, last = index == 0, index == len(opcodes) - 1
            if len(same) > 2 * CONTEXT_WORDS and not (first or last):
                same = same[:CONTEXT_WORDS] + ["…"] + same[-CONTEXT_WORDS:]
            elif first and len(same) > CONTEXT_WORDS:
                same = ["…"] + same[-CONTEXT_WORDS:]
            elif last and len(same) > CONTEXT_WORDS:
                same = same[:CONTEXT_WORDS] + ["…"]
            parts += same
        else:
            parts.append("{" + " ".join(wanted[i1:i2]) + " → " + " ".join(passage[j1:j2]) + "}")
    return " ".join(parts)
