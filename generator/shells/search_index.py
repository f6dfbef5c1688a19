"""Keeping Material's search index small for a large briefing.

Material's search ships one `search/search_index.json` that the browser downloads whole before it
shows the first result: one entry per page section, with its text. A briefing repeats its article
text twice more, on the actor pages ("Mentioned in": the sentence of every mention) and in the
briefing book, so the index grows to about three copies of the corpus.

For a briefing above a size set in mkdocs.yml (see `BriefingConfig` in plugin.py), `trim` rewrites
the index after the search plugin wrote it:

- an article page keeps one entry: its title, metadata line (date, outlets, topics) and first words
  (`article_words`, whole paragraphs); its other sections (sources, actors) are left out: an
  article is still found by its title, outlet, topic and lead, and from the pages of its actors;
- the "Mentioned in" and "Connections" sections of actor pages are left out (the same sentences are
  on the articles; the graph's labels repeat the relations and co-mentions);
- the briefing book is left out (the print view of everything else).

Every other entry stays as Material made it; a small briefing's index is never touched.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_PARAGRAPH_END = re.compile(r"</p>|</li>|</ol>|</ul>|</div>")
_TAG = re.compile(r"<[^>]*>")


def excerpt(text: str, words: int) -> str:
    """The first paragraphs of `text` (an index entry's HTML text) that hold at least `words` words."""
    count = start = 0
    for end in _PARAGRAPH_END.finditer(text):
        count += len(_TAG.sub(" ", text[start : end.start()]).split())
        start = end.end()
        if count >= words:
            return text[:start]
    return text


def trim(index: dict[str, Any], *, articles: set[str], actors: set[str], book: str | None,
         article_titles: set[str], article_words: int) -> dict[str, Any]:
    """`index` with article entries cut to an excerpt and the duplicated sections left out.

    `articles`, `actors` and `book` are page URLs as MkDocs gives them ("articles/x/"), so the
    entries of each page are found whatever `use_directory_urls` says.
    """
    docs = []
    mentioned_in = None  # the actor page whose "Mentioned in" list the entries are in
    for entry in index.get("docs", []):
        page, _, anchor = str(entry.get("location", "")).partition("#")
        if page == book:
            continue
        if page in actors:
            if anchor == "mentioned-in":
                mentioned_in = page
                docs.append(entry)
                continue
            if anchor == "connections" or (mentioned_in == page and entry.get("title") in article_titles):
                continue  # the graph, or one article's mention sentences: "### <article title>" under "Mentioned in"
        if page in articles:
            if anchor:
                continue
            if isinstance(entry.get("text"), str):
                entry = {**entry, "text": excerpt(entry["text"], article_words)}
        docs.append(entry)
    return {**index, "docs": docs}


def trim_file(path: Path, **options: Any) -> tuple[int, int]:
    """Trim the index written at `path` in place; (bytes before, bytes after)."""
    data = path.read_bytes()
    trimmed = json.dumps(trim(json.loads(data), **options), separators=(",", ":"), default=str).encode("utf-8")
    path.write_bytes(trimmed)
    return len(data), len(trimmed)
