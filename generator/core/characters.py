"""Characters that cannot be text, and how to show any text safely in a terminal or a CI log.

A seed or a YAML value may hold any character a keyboard, a news wire or a YAML escape (`"\\ud800"`,
`"\\x7f"`) can produce. Some of them are not text at all: lone surrogates cannot even be written as
UTF-8 (MkDocs would crash writing the page), C0/C1 controls break XML (feed.xml) and YAML (front
matter), and Unicode non-characters are reserved for internal use. They are refused at the door, as
located errors, by the loaders (`decode` for files, `located_yaml` for escapes in YAML strings).
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab and newline (carriage returns are line ends, gone after decoding), DEL, C1
# controls, lone surrogates, and the 66 non-characters: U+FDD0..U+FDEF and the last two code points
# of every plane.
_NON_CHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + _NON_CHARACTERS + "]")


def describe(char: str) -> str:
    """`U+0007 (a control character)`: what a contributor needs to find and delete it."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate, half of a character"
    elif unicodedata.category(char) == "Cc":
        kind = "a control character"
    else:
        kind = "a Unicode non-character"
    return f"U+{code:04X} ({kind})"


def first_not_text(text: str) -> tuple[int, int, str] | None:
    """(1-based line, 1-based column, message) of the first character of `text` that cannot be text,
    the message counting the others; None when there is none."""
    bad = NOT_TEXT.search(text)
    if bad is None:
        return None
    line = text.count("\n", 0, bad.start()) + 1
    column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
    return line, column, not_text_message(bad.group(0), len(NOT_TEXT.findall(text, bad.end())))


def not_text_message(char: str, more: int = 0) -> str:
    extra = f" (and {more} more such character{'s' * (more != 1)})" if more else ""
    return f"holds {describe(char)}, which cannot be shown as text{extra}; delete it"


# What `shown()` rewrites: everything NOT_TEXT finds, plus tab, newline, carriage return and the
# Unicode line and paragraph separators, and the bidirectional controls that reorder what a terminal shows.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069" + _NON_CHARACTERS + "]")


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown(text: str) -> str:
    """Text as one harmless line for a terminal or a CI log: control characters (an ANSI escape, a
    newline that would forge a `PATH:LINE: error:` line of its own) appear as `\\x1b`, `\\n`, ..."""
    return _UNSHOWABLE.sub(_escape, text) if _UNSHOWABLE.search(text) else text
