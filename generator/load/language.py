"""An article's language, when its metadata does not give it: detected with `py3langid`.

py3langid (the maintained port of langid.py) is a naive Bayes classifier over byte n-grams: the
same text always gives the same answer (no random seed, unlike langdetect), it needs no model
download, and it is right on short news paragraphs in the languages desks receive (figures in
scripts/bench/extraction.py). Its model takes about 0.7 s to load, so it is loaded on the first text
that needs it, and a text shorter than a sentence is not guessed at.
"""

from __future__ import annotations

import functools
import re

# Below this many letters a guess is noise ("Reuters" alone): the article keeps the site's language.
MIN_LETTERS = 40
SAMPLE = 2000  # the first characters of the story are enough, and keep the cost flat per article
LANGUAGE_CODE = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*\Z")


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> str:
    """The ISO 639-1 code of `text`'s language, or "" when the text is too short or the guess weak."""
    sample = text[:SAMPLE]
    if sum(1 for c in sample if c.isalpha()) < MIN_LETTERS:
        return ""
    code, probability = _identifier().classify(sample)
    return code if probability >= 0.9 else ""


def normalise(code: str) -> str:
    """`EN-gb` -> `en-GB`, the form `lang=` attributes use; "" for anything that is no language tag."""
    code = code.strip().replace("_", "-")
    if not LANGUAGE_CODE.match(code):
        return ""
    first, *rest = code.split("-")
    return "-".join([first.lower(), *(part.upper() if len(part) == 2 else part for part in rest)])
