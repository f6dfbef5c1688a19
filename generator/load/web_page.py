"""Saved web pages (`seeds/articles/<id>.html` or `.htm`, kept as delivered): the story's text and the
page's own metadata, never its navigation, banners, asides, footers or markup.

The story text is found by `trafilatura`, a library made for exactly this (main-content extraction
with boilerplate removal, kept up by its author and used by corpus projects at scale); it was measured
against `readability-lxml` on pages with navigation, cookie banners, related-link asides, comment
sections and footers (scripts/bench/extraction.py). Only text comes out: the page's scripts, frames,
event attributes, links and images never reach the site, so a saved page is inert by construction.

Metadata is read from the page's own tags first (`<meta property="article:published_time">`,
`og:title`, `author`, `og:site_name`, `<html lang>`), each reading naming the tag it came from; what
the tags do not say is taken from trafilatura's reading of the page.
"""

from __future__ import annotations

import datetime
import html as html_module
import re
from dataclasses import dataclass, field

from ..model import Reading
from ..core.news_dates import read_date

# <meta> names that carry a page's publication date, title, author and site name, in order of trust.
_DATE_TAGS = ("article:published_time", "og:article:published_time", "datepublished", "date", "dc.date.issued",
              "dc.date", "dcterms.created", "pubdate", "publishdate", "sailthru.date", "parsely-pub-date")
_TITLE_TAGS = ("og:title", "twitter:title", "dc.title")
_AUTHOR_TAGS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
_SITE_TAGS = ("og:site_name", "application-name", "publisher", "dc.publisher")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass
class WebPage:
    text: str  # the story, one paragraph per line (headline and furniture lines as the page has them)
    title: str = ""
    readings: list[Reading] = field(default_factory=list)
    line_of: list[int] = field(default_factory=list)  # the page's line where each text line was found


def _meta(tree) -> dict[str, tuple[str, int]]:
    """Every <meta> name/property/itemprop (lowercased) -> (content, line), first one kept."""
    found: dict[str, tuple[str, int]] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = (content, element.sourceline or 1)
    return found


def _first(meta: dict[str, tuple[str, int]], keys: tuple[str, ...]) -> tuple[str, str, int] | None:
    for key in keys:
        if key in meta:
            return key, *meta[key]
    return None


def _date(value: str) -> datetime.date | None:
    """An ISO timestamp's calendar date as written (`2024-03-04T09:30:00+01:00` is 4 March), else dateparser's reading."""
    match = _ISO_DATE.match(value)
    if match:
        try:
            return datetime.date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    return read_date(value)


def _title_line(tree) -> int:
    element = tree.find(".//title")
    return element.sourceline or 1 if element is not None else 1


def _line_numbers(source: str, lines: list[str]) -> list[int]:
    """Where each extracted line starts in the page (best effort: the page's text may be encoded
    differently, `&amp;` for `&`); a line not found takes the line of the one before it."""
    unescaped = html_module.unescape(source)  # same line breaks as the source: entities hold no newline
    body = re.search(r"(?i)<body\b", unescaped)
    numbers, cursor, last, counted = [], body.start() if body else 0, 1, 0
    misses = 0  # a line not found costs a scan to the end: a few are allowed, not one per line of a huge page
    for line in lines:
        probe = line.strip()[:40]
        at = unescaped.find(probe, cursor) if probe and misses < 20 else -1
        if at >= 0:
            last += unescaped.count("\n", counted, at)  # counted from the last hit: one pass in all
            counted = cursor = at
        elif probe:
            misses += 1
        numbers.append(last)
    return numbers


def read_web_page(data: bytes, source: str) -> WebPage:
    """The story and metadata of a saved page. `data`: the file's bytes (its charset is the page's to
    say); `source`: the same bytes decoded, for line numbers."""
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.document_fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return WebPage(text="")
    meta = _meta(tree)
    readings: list[Reading] = []

    def tagged(key: str, keys: tuple[str, ...], convert=lambda v: v) -> str:
        hit = _first(meta, keys)
        if hit is None:
            return ""
        name, content, line = hit
        value = convert(content)
        if not value:
            return ""
        readings.append(Reading(key, str(value), line, f"<meta {name}>"))
        return str(value)

    title = tagged("title", _TITLE_TAGS)
    date = tagged("date", _DATE_TAGS, lambda v: (_date(v) or "") and _date(v).isoformat())
    tagged("byline", _AUTHOR_TAGS)
    tagged("outlet", _SITE_TAGS)
    lang = (tree.get("lang") or "").strip()
    if lang:
        readings.append(Reading("lang", lang, tree.sourceline or 1, "<html lang>"))

    document = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False, include_links=False,
        include_images=False, favor_precision=True, deduplicate=False,
        # htmldate, which finds dates in the page's text, refuses dates after `max_date` (today by
        # default: a clock). A fixed bound keeps the reading the same whatever day it runs.
        date_extraction_params={"extensive_search": False, "original_date": True, "max_date": "2100-12-31"},
    )
    if document is None:
        return WebPage(text="", title=title, readings=readings)
    found = {"title": document.title, "byline": document.author, "outlet": document.sitename}
    if not title and found["title"]:
        title = found["title"]
    for key, value in found.items():
        if value and not any(r.key == key for r in readings):
            readings.append(Reading(key, value, 1, "page (trafilatura)"))
    # "Headline - Site" or "Headline | Site" in <title>: the site's name, when no tag gave it.
    page_title = (tree.findtext(".//title") or "").strip()
    parts = re.split(r"\s+[|–—-]\s+", page_title)
    if len(parts) > 1 and title and parts[0].strip() == title.strip() and not any(r.key == "outlet" for r in readings):
        readings.append(Reading("outlet", parts[-1].strip(), _title_line(tree), "<title>"))
    if not date and document.date and _date(document.date):
        readings.append(Reading("date", _date(document.date).isoformat(), 1, "page text (trafilatura's htmldate)"))
    text = document.text or ""
    lines = text.split("\n")
    return WebPage(text=text, title=title, readings=readings, line_of=_line_numbers(source, lines))
