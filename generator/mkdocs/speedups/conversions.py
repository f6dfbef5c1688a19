"""What MkDocs' `Page.render` made of a page's Markdown, kept so it need not be made again.

`Page.render(config, files)` turns a page's Markdown into HTML with Python-Markdown (most of a build's
time) and sets five things on the page: `content`, `toc`, `_title_from_render`, `present_anchor_ids`
and `links_to_anchors`. Its result depends on nothing but

- the Markdown converted (after every plugin's `on_page_markdown`),
- the page's place: `src_uri`, `url` and whether it is excluded (its links are made relative to it),
- the other files its links name: for each path it looked up, that file's URL and inclusion, or that
  there was no such file,
- the configuration and versions that change a conversion (`signature`): the Markdown extensions and
  their settings, `use_directory_urls`, the link validation levels, the versions of Python, MkDocs,
  Python-Markdown and of the packages that provide the extensions,

and it may log warnings (a broken link). A `Rendered` keeps all of that: the result, the paths looked
up with what was found, and the messages, which are logged again when the result is reused so that
`--strict` counts them as before. An entry is reused only when the Markdown, the page's place, the
signature and every lookup are as they were; otherwise the page is converted again.

One entry per page (by `src_uri`): an edited page replaces its entry, so the cache never holds more
than one result per page. Extensions outside `PURE_EXTENSIONS` might read files or keep state; with
one of them configured, the signature changes with every build, so results are reused only within the
build that made them (by the worker processes of a cold build, `pages.py`).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from itertools import count

from .. import runtime  # first: makes `mkdocs.*` importable under ProperDocs alone
from ... import fast
from .. import internals
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# Python-Markdown's own extensions and pymdown-extensions (but snippets, which reads files): each a
# function of the Markdown and its settings alone.
_MARKDOWN_BUILTINS = {
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
    "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks",
}
PURE_EXTENSIONS = _MARKDOWN_BUILTINS | {f"markdown.extensions.{name}" for name in _MARKDOWN_BUILTINS}
_IMPURE_PREFIXES = ("pymdownx.snippets",)
_builds = count()


def _pure(extension: object) -> bool:
    if not isinstance(extension, str):
        return False
    if extension.startswith("pymdownx."):
        return not extension.startswith(_IMPURE_PREFIXES)
    return extension in PURE_EXTENSIONS


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "-"


def signature(config: MkDocsConfig) -> str:
    """What, besides the page and its links, decides what a conversion gives (see the module text)."""
    extensions = list(config.markdown_extensions)
    parts = [
        sys.version,
        f"{runtime.name()}={runtime.version()}",
        *(f"{name}={_version(name)}" for name in ("markdown", "pymdown-extensions", "mkdocs-material")),
        repr(extensions),
        repr(sorted(config.mdx_configs.items(), key=lambda item: str(item[0]))),
        repr(config.use_directory_urls),
        repr(config.validation),
    ]
    if not all(_pure(extension) for extension in extensions):
        parts.append(f"build {next(_builds)}")  # reused only within this build
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest()


def _found(file: File | None) -> tuple[str, object] | None:
    return None if file is None else (file.url, file.inclusion)


class _RecordingFiles:
    """`files` as `Page.render` sees it, noting every path looked up and what was there."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.lookups: dict[str, tuple[str, object] | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = self._files.get_file_from_path(path)
        self.lookups[path] = _found(file)
        return file

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._files, name)


class _Recorder(logging.Handler):
    """Every message logged by this thread, whatever the logger (the runtime's own does not propagate
    to the root: it is on each of `message_loggers()`, and takes a message once)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.thread = threading.get_ident()
        self.seen: set[int] = set()
        self.messages: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and id(record) not in self.seen:
            self.seen.add(id(record))
            self.messages.append((record.name, record.levelno, record.getMessage()))


def message_loggers() -> tuple[logging.Logger, ...]:
    """Where a message logged during a build ends up: the root, and the running runtime's own loggers,
    which do not propagate to it (`mkdocs`; under ProperDocs `properdocs` and its child `mkdocs`:
    runtime.py). Derived from the runtime that runs, at each call."""
    return (logging.getLogger(), *(logging.getLogger(name) for name in runtime.logger_names()))


@contextmanager
def recording_messages() -> Iterator[_Recorder]:
    recorder = _Recorder()
    loggers = message_loggers()
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        yield recorder
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)


def _place(page: Page) -> tuple[str, str, object]:
    return (page.file.src_uri, page.file.url, page.file.inclusion)


@dataclass
class Rendered:
    """One page's conversion: the key it is valid for, what it found, what it made, what it said."""

    markdown: bytes  # digest of the Markdown converted
    place: tuple[str, str, object]
    signature: str
    lookups: dict[str, tuple[str, object] | None]
    messages: list[tuple[str, int, str]]
    content: str
    toc: bytes  # pickled: each reuse gets its own objects, as a conversion would give
    title: str | None
    anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri

    def fits(self, page: Page, markdown: bytes, signature: str, found_at: Callable[[str], tuple[str, object] | None]) -> bool:
        """Whether this conversion is the one `Page.render` would make of `page` now; `found_at(path)`
        is what a path the conversion looked up names today (`_found` of the file, or None)."""
        return (
            self.markdown == markdown and self.signature == signature and self.place == _place(page)
            and all(found_at(path) == found for path, found in self.lookups.items())
        )

    def apply(self, page: Page, files: Files) -> None:
        """Set on `page` what `Page.render` would have set, and log again what it logged."""
        for name, level, message in self.messages:
            logging.getLogger(name).log(level, "%s", message)
        page.content = self.content
        page.toc = pickle.loads(self.toc)
        internals.set_rendered_title(page, self.title)
        page.present_anchor_ids = set(self.anchor_ids) if self.anchor_ids is not None else None
        if self.links_to_anchors is not None:
            page.links_to_anchors = {
                files.get_file_from_path(uri): dict(anchors) for uri, anchors in self.links_to_anchors.items()
            }


def render(page: Page, config: MkDocsConfig, files: Files, signature: str) -> Rendered:
    """`Page.render` itself (MkDocs' code, nothing of ours), recording what it needs to be reused."""
    assert page.markdown is not None
    recording = _RecordingFiles(files)
    with recording_messages() as recorder:
        Page.render(page, config, recording)  # type: ignore[arg-type]
    links = internals.links_to_anchors(page)
    return Rendered(
        markdown=digest(page.markdown), place=_place(page), signature=signature, lookups=recording.lookups,
        messages=recorder.messages, content=page.content or "", toc=pickle.dumps(page.toc, pickle.HIGHEST_PROTOCOL),
        title=internals.rendered_title(page), anchor_ids=page.present_anchor_ids,
        links_to_anchors=None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()},
    )


class RenderCache:
    """The last conversion of each page (by src_uri), kept across the rebuilds of one `mkdocs serve`.
    With `keep=False` (a one-off build) an entry is dropped once used, and a new one is not kept."""

    def __init__(self, keep: bool = True) -> None:
        self.entries: dict[str, Rendered] = {}
        self.keep = keep
        self.hits = self.misses = 0
        # What each looked-up path names in one build's `files`: pages look up the same paths again
        # and again, and `Files.get_file_from_path` normalises the path each time (100,000 look-ups,
        # a second of a 2,400-article build). Kept with the `files` it was made from (held, so that
        # another build's `files` can never be mistaken for it).
        self._found: tuple[Files | None, dict[str, tuple[str, object] | None]] = (None, {})

    def put(self, entry: Rendered) -> None:
        self.entries[entry.place[0]] = entry

    def render(self, page: Page, config: MkDocsConfig, files: Files, signature: str) -> None:
        """Set the page's rendering from the cache when it fits, else by converting (and keep that)."""
        assert page.markdown is not None
        entry = self.entries.get(page.file.src_uri) if self.keep else self.entries.pop(page.file.src_uri, None)
        if entry is not None and entry.fits(page, digest(page.markdown), signature, self._found_in(files)):
            self.hits += 1
            fast.took("conversions_kept" if self.keep else "conversions_ahead")
            entry.apply(page, files)
            return
        self.misses += 1
        rendered = render(page, config, files, signature)
        if self.keep:
            self.put(rendered)

    def _found_in(self, files: Files) -> Callable[[str], tuple[str, object] | None]:
        if self._found[0] is not files:
            self._found = (files, {})
        known = self._found[1]

        def found_at(path: str) -> tuple[str, object] | None:
            try:
                return known[path]
            except KeyError:
                known[path] = found = _found(files.get_file_from_path(path))
                return found

        return found_at

    def clear(self) -> None:
        """Hold nothing (after a one-off build)."""
        self.entries.clear()
        self._found = (None, {})

    def keep_only(self, src_uris: set[str]) -> None:
        """Forget pages that are gone (a deleted seed file under serve)."""
        for uri in [uri for uri in self.entries if uri not in src_uris]:
            del self.entries[uri]
