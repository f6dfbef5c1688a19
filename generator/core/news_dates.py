"""Dates as news texts write them ("10:42 AM EST, February 19, 2024", "11 mars 2024", "3. März"),
read with `dateparser` and never against the clock.

dateparser knows the month names and word orders of some 200 locales, which a regex of our own would
not. Three of its settings keep a reading deterministic (same text, same date, whatever day it runs):

- relative forms ("2 hours ago", "yesterday") are not parsed at all: their date depends on when the
  text was read, which a delivered file does not say;
- the day, the month and the year must all be written: dateparser would otherwise fill a missing
  part from today's date. A dateline without a year ("March 3") is read by adding a year the caller
  knows (`with_year`);
- a date is kept on the calendar of the place that wrote it ("6:12 PM GMT+1" stays on that day), never
  converted to this machine's time zone.
"""

from __future__ import annotations

import datetime
import functools
import re

_SETTINGS = {
    "PARSERS": ["absolute-time", "custom-formats"],  # no "relative-time", no bare Unix timestamps
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RELATIVE_BASE": datetime.datetime(2000, 1, 1),  # never consulted with the settings above; fixed all the same
}

# A relative time ("Updated 2 hours ago", "vor 3 Stunden" is not covered): furniture with no date in it.
RELATIVE = re.compile(
    r"(?i)^(?:(?:\d+|an?|one)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month)s?\s+ago|just\s+now|yesterday|today)\.?\Z"
)


def _languages(language: str) -> tuple[str, ...]:
    """The locales to try: the text's own language first, then English (agency timestamps often are)."""
    return tuple(dict.fromkeys(code for code in (language, "en") if code))


@functools.lru_cache(maxsize=4096)
def _parse(text: str, languages: tuple[str, ...]) -> datetime.date | None:
    import dateparser  # about 30 ms to import: only texts with date-like furniture pay it

    for attempt in (languages, ("en",)):
        try:
            found = dateparser.parse(text, languages=list(attempt), settings=_SETTINGS)
        except (ValueError, OverflowError, TypeError):  # a language dateparser does not know; absurd numbers
            continue
        if found is not None:
            return found.date()
    return None


def read_date(text: str, language: str = "") -> datetime.date | None:
    """The calendar date `text` names, or None when it names none (or only a relative one)."""
    text = text.strip().strip(".,;|")
    if not text or len(text) > 80 or not re.search(r"\d", text) or RELATIVE.match(text):
        return None
    return _parse(text, _languages(language))


def with_year(text: str, year: int, language: str = "") -> datetime.date | None:
    """A day and month written without a year ("March 3", "3. März"), read in `year`."""
    return read_date(f"{text.strip().rstrip('.,')} {year}", language)


def nearest_year(text: str, near: datetime.date, language: str = "") -> datetime.date | None:
    """A year-less day and month read in the year that puts it closest to `near` (a dateline of
    "Dec. 31" above a timestamp of January 2, 2025 is 31 December 2024)."""
    found = [d for d in (with_year(text, near.year + step, language) for step in (0, -1, 1)) if d is not None]
    return min(found, key=lambda d: abs((d - near).days)) if found else None


def has_year(text: str) -> bool:
    return bool(re.search(r"\b(?:1[89]|2\d)\d\d\b", text))
