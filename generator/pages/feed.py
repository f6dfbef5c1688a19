"""`feed.xml`: an Atom feed of the articles and the stance shifts, newest first; every page announces it
in its head.

No clock: an entry's `updated` is its article's date or its shift's `as_of` (the first day of a month
or year when only that is known); undated articles use 1970-01-01 so the feed stays byte-for-byte
deterministic. A shift's id (`changes/<actor>/<topic>/<as_of>`) stays the same from build to build.
A first position is not announced: the feed is for a reader who already follows the briefing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from urllib.parse import urlsplit

from ..core.stances import Shift, moves
from ..model import Article, PartialDate
from ..render.escape import html_text
from .changes import PAGE as CHANGES
from .changes import change_anchor, page_of_change
from .site import STANCE_WORDS, Site, article_path, page_url, topic_path

FEED = "feed.xml"
ENTRIES = 50  # the newest entries, articles and shifts together


def _timestamp(date: PartialDate | None) -> str:
    if date is None:
        return "1970-01-01T00:00:00Z"
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def _article_entry(site: Site, article: Article, base: str, authority: str) -> list[str]:
    url = base + page_url(article_path(article.id), site.options.directory_urls)
    summary = article.summary or (article.paragraphs[0].text if article.paragraphs else "")
    return [
        "  <entry>",
        f"    <title>{html_text(article.title)}</title>",
        f"    <id>tag:{authority},2000:articles/{html_text(article.id)}</id>",
        f"    <updated>{_timestamp(article.date)}</updated>",
        f'    <link rel="alternate" type="text/html" href="{html_text(url)}"/>',
        f"    <author><name>{html_text(', '.join(article.outlets) or site.options.site_name)}</name></author>",
        f"    <summary>{html_text(summary)}</summary>",
        "  </entry>",
    ]


def _shift_entry(site: Site, shift: Shift, base: str, authority: str, pages: dict[str, str]) -> list[str]:
    url = base + page_url(pages.get(shift.key, CHANGES), site.options.directory_urls) + "#" + change_anchor(shift)
    topic = site.corpus.topics.get(shift.topic_id)
    before = STANCE_WORDS[shift.before.stance] if shift.before else ""
    move = f"{before} → {STANCE_WORDS[shift.after.stance]}"
    title = f"{shift.actor.name} on {topic.title if topic else shift.topic_id}: {move.lower()}"
    return [
        "  <entry>",
        f"    <title>{html_text(title)}</title>",
        f"    <id>tag:{authority},2000:changes/{html_text(shift.key)}</id>",
        f"    <updated>{_timestamp(shift.date)}</updated>",
        f'    <link rel="alternate" type="text/html" href="{html_text(url)}"/>',
        f'    <link rel="related" type="text/html" href="{html_text(base + page_url(topic_path(shift.topic_id), site.options.directory_urls))}"/>',
        f"    <author><name>{html_text(site.options.site_name)}</name></author>",
        f"    <summary>{html_text(move + (': ' + shift.after.summary if shift.after.summary else ''))}</summary>",
        "  </entry>",
    ]


def build(site: Site) -> Iterator[tuple[str, str]]:
    base = site.options.site_url.rstrip("/") + "/" if site.options.site_url else ""
    authority = urlsplit(base).hostname or "briefing.invalid"
    # The newest of each kind, then the newest of both; on the same date an article comes first.
    entries = [(_timestamp(a.date), _article_entry(site, a, base, authority)) for a in site.articles_newest_first()[:ENTRIES]]
    pages = page_of_change(site)
    entries += [(_timestamp(s.date), _shift_entry(site, s, base, authority, pages)) for s in moves(site.shifts)[:ENTRIES]]
    entries = sorted(entries, key=lambda entry: entry[0], reverse=True)[:ENTRIES]
    updated = entries[0][0] if entries else _timestamp(None)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{html_text(site.options.site_name)}</title>",
        f"  <id>tag:{authority},2000:feed</id>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="self" href="{html_text(base + FEED)}"/>',
        f'  <link rel="alternate" type="text/html" href="{html_text(base or "./")}"/>',
    ]
    for _, entry in entries:
        lines += entry
    lines.append("</feed>")
    yield FEED, xml_characters("\n".join(lines) + "\n")


# Characters XML 1.0 does not allow at all, not even as character references: C0 controls but tab,
# newline and carriage return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_characters(document: str) -> str:
    """The feed with every character XML refuses replaced by U+FFFD. The loaders already refuse them in
    seeds and YAML; this keeps feed.xml well-formed by construction, whatever else reaches it (a
    `site_name` in mkdocs.yml, a loader that missed one): one bad title must not break every reader's feed."""
    return _NOT_XML.sub("\ufffd", document) if _NOT_XML.search(document) else document
