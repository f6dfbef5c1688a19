"""`feed.xml`: an Atom feed of the articles and the stance shifts, newest first; every page announces it
in its head.

No clock: an entry's `updated` is its article's date or its shift's `as_of` (the first day of a month
or year when only that is known). A shift's id (`changes/<actor>/<topic>/<as_of>`) stays the same from
build to build. Every `tag:` id holds the site's path (`tag:host,2000:a/articles/x` for a briefing
at https://host/a/; none for one at the host's root), so two briefings on one host share no id. A first position is not announced: the feed is for a reader who already follows the
briefing.

An undated article (no `date` in its sidecar or front matter) is never dated 1970, which would bury
the newest addition at the bottom of a reader's list: its `updated` is the newest timestamp of the
feed's dated entries (articles and shifts), so it comes out among the newest entries. On that
timestamp the dated articles come first, then the undated ones (by id), then the shifts. When the
feed has no dated entry at all, every entry and the feed itself are dated `UNDATED`,
2000-01-01T00:00:00Z (the date of the feed's `tag:` ids). Neither reads a clock or a file time, so
the feed stays byte-for-byte deterministic.
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
# The `updated` of undated entries, and of the feed, when the feed holds no dated entry: the date of
# the `tag:` ids below, fixed so that the feed never depends on when it was built.
UNDATED = "2000-01-01T00:00:00Z"


def _timestamp(date: PartialDate | None, undated: str = UNDATED) -> str:
    """The Atom timestamp of a date; `undated` when there is none."""
    if date is None:
        return undated
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def _article_entry(site: Site, article: Article, base: str, prefix: str, updated: str) -> list[str]:
    url = base + page_url(article_path(article.id), site.options.directory_urls)
    summary = article.summary or (article.paragraphs[0].text if article.paragraphs else "")
    return [
        "  <entry>",
        f"    <title>{html_text(article.title)}</title>",
        f"    <id>tag:{html_text(prefix)}articles/{html_text(article.id)}</id>",
        f"    <updated>{updated}</updated>",
        f'    <link rel="alternate" type="text/html" href="{html_text(url)}"/>',
        f"    <author><name>{html_text(', '.join(article.outlets) or site.options.site_name)}</name></author>",
        f"    <summary>{html_text(summary)}</summary>",
        "  </entry>",
    ]


def _shift_entry(site: Site, shift: Shift, base: str, prefix: str, pages: dict[str, str], updated: str) -> list[str]:
    url = base + page_url(pages.get(shift.key, CHANGES), site.options.directory_urls) + "#" + change_anchor(shift)
    topic = site.corpus.topics.get(shift.topic_id)
    before = STANCE_WORDS[shift.before.stance] if shift.before else ""
    move = f"{before} → {STANCE_WORDS[shift.after.stance]}"
    title = f"{shift.actor.name} on {topic.title if topic else shift.topic_id}: {move.lower()}"
    return [
        "  <entry>",
        f"    <title>{html_text(title)}</title>",
        f"    <id>tag:{html_text(prefix)}changes/{html_text(shift.key)}</id>",
        f"    <updated>{updated}</updated>",
        f'    <link rel="alternate" type="text/html" href="{html_text(url)}"/>',
        f'    <link rel="related" type="text/html" href="{html_text(base + page_url(topic_path(shift.topic_id), site.options.directory_urls))}"/>',
        f"    <author><name>{html_text(site.options.site_name)}</name></author>",
        f"    <summary>{html_text(move + (': ' + shift.after.summary if shift.after.summary else ''))}</summary>",
        "  </entry>",
    ]


def build(site: Site) -> Iterator[tuple[str, str]]:
    base = site.options.site_url.rstrip("/") + "/" if site.options.site_url else ""
    prefix = (urlsplit(base).hostname or "briefing.invalid") + ",2000:" + _site_path(base)  # of every id
    # The newest of each kind, then the newest of both; on the same date an article comes first.
    articles = site.articles_newest_first()  # the dated ones first
    dated = [a for a in articles[:ENTRIES] if a.date is not None]
    undated = [a for a in articles if a.date is None][:ENTRIES]
    shifts = moves(site.shifts)[:ENTRIES]
    # An undated entry takes the newest timestamp of the dated ones, so it comes out among the newest.
    newest = max([_timestamp(a.date) for a in dated] + [_timestamp(s.date) for s in shifts if s.date is not None], default=UNDATED)
    entries = [(t, _article_entry(site, a, base, prefix, t)) for a in dated + undated for t in [_timestamp(a.date, newest)]]
    pages = page_of_change(site)
    entries += [(t, _shift_entry(site, s, base, prefix, pages, t)) for s in shifts for t in [_timestamp(s.date, newest)]]
    entries = sorted(entries, key=lambda entry: entry[0], reverse=True)[:ENTRIES]
    updated = entries[0][0] if entries else UNDATED
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{html_text(site.options.site_name)}</title>",
        f"  <id>tag:{html_text(prefix)}feed</id>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="self" href="{html_text(base + FEED)}"/>',
        f'  <link rel="alternate" type="text/html" href="{html_text(base or "./")}"/>',
    ]
    for _, entry in entries:
        lines += entry
    lines.append("</feed>")
    yield FEED, xml_characters("\n".join(lines) + "\n")


def _site_path(base: str) -> str:
    """The site's path on its host as the start of its `tag:` ids: "" for a site at the root (the ids
    are those of before), "a/" for https://host/a/, so two briefings on one host never share an id."""
    path = urlsplit(base).path.strip("/")
    return path + "/" if path else ""


# Characters XML 1.0 does not allow at all, not even as character references: C0 controls but tab,
# newline and carriage return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_characters(document: str) -> str:
    """The feed with every character XML refuses replaced by U+FFFD. The loaders already refuse them in
    seeds and YAML; this keeps feed.xml well-formed by construction, whatever else reaches it (a
    `site_name` in mkdocs.yml, a loader that missed one): one bad title must not break every reader's feed."""
    return _NOT_XML.sub("\ufffd", document) if _NOT_XML.search(document) else document
