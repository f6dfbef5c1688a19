"""Links in raw HTML (the actor graphs' SVG nodes) in the form Zensical resolves correctly.

Our pages write raw-HTML hrefs relative to the page's URL (`actors/russia/` links `../china/`), which
MkDocs leaves as they are. Zensical resolves every relative href against the folder of the page's
.md file instead (`actors/`), so `../china/` became `../../china/`, a page that does not exist. For
Zensical the same target is written relative to the .md file's folder (`china/`), which it turns
back into `../china/`. Only pages whose URL is a folder deeper than their file (`x.md` -> `x/`) need
it; `index.md` pages and `use_directory_urls: false` sites are the same either way.
"""

from __future__ import annotations

import posixpath
import re

_HREF = re.compile(r'(<a href=")([^"]*)(")')


def from_source_folder(path: str, markdown: str, directory_urls: bool = True) -> str:
    """`markdown` (the page at `path`, e.g. `actors/russia.md`) with its raw-HTML hrefs made relative
    to the folder of `path` instead of to the page's URL."""
    if not directory_urls or posixpath.basename(path) in ("index.md", "README.md") or "<a href=" not in markdown:
        return markdown
    source_folder = posixpath.dirname(path)
    url_folder = posixpath.join(source_folder, posixpath.basename(path)[: -len(".md")])

    def rewrite(match: re.Match) -> str:
        return match.group(1) + _rebased(match.group(2), url_folder, source_folder) + match.group(3)

    return _HREF.sub(rewrite, markdown)


def _rebased(href: str, url_folder: str, source_folder: str) -> str:
    if not href or href.startswith(("#", "/")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
        return href  # a fragment, an absolute path or an address with a scheme: the same from anywhere
    cut = min((i for i in (href.find("#"), href.find("?")) if i >= 0), default=len(href))
    target, rest = href[:cut], href[cut:]
    joined = posixpath.normpath(posixpath.join(url_folder, target)) if target else url_folder
    rebased = posixpath.relpath(joined, source_folder or ".")
    if target.endswith("/") or not target or target in (".", ".."):
        rebased = "./" if rebased == "." else rebased + "/"
    return rebased + rest
