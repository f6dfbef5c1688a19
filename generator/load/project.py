"""Read a briefing project's seeds/ folder into a Corpus, collecting every problem on the way.

This is the only module of the core that reads files. Parsed files are cached by (size, mtime), so a
`mkdocs serve` rebuild after one saved edit re-reads only that file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .. import fast
from ..model import ARTICLE_ID_PATTERN, ID_PATTERN, Article, Corpus, id_for
from ..problems import Location, Problems
from . import profiles
from .links import outside as _outside, relative as _rel  # the one rule for links, shared with docs/
from .located_yaml import Mapping, Node, Scalar, Sequence, parse_yaml
from .markdown_article import parse_markdown_body, split_front_matter
from .delivered import EMAIL_SUFFIXES, WEB_SUFFIXES, read_delivered
from .raw_article import ArticleDecodeError, decode
from .schema_check import check_placeholders, check_schema

PROFILE_FOLDERS = {"actors": "actor", "topics": "topic", "events": "event"}
# The article itself (one per id) and its sidecar: a raw text, a Markdown article, a saved web page, an e-mail.
MAIN_SUFFIXES = (".txt", ".md") + WEB_SUFFIXES + EMAIL_SUFFIXES
ARTICLE_SUFFIXES = MAIN_SUFFIXES + (".yaml",)
MAX_ARTICLE_BYTES = 20_000_000


@dataclass
class Project:
    root: Path
    corpus: Corpus
    problems: Problems
    # ids that exist on disk, even when their file has errors: references to them are not "unknown"
    known: dict[str, set[str]] = field(default_factory=dict)
    # the raw parsed YAML of each profile file, for checks that need locations (aliases, references)
    documents: dict[str, Node] = field(default_factory=dict)
    # names and aliases of actor profiles that failed to load: still theirs, so check does not also
    # call them "unprofiled" (one cause, one message)
    claimed: set[str] = field(default_factory=set)
    # names listed in seeds/unprofiled-ignore.txt: recurring names that need no profile
    ignored_names: set[str] = field(default_factory=set)

    @property
    def names_not_wanted(self) -> set[str]:
        """Names `briefing check` must not call unprofiled."""
        return self.claimed | self.ignored_names


def _listing(root: Path, folder: Path, problems: Problems) -> list[Path]:
    """Files of one seeds/ folder in name order; dotfiles skipped, links out of the project refused
    (the folder itself too: `seeds/articles -> /elsewhere` would publish files from elsewhere)."""
    if _outside(root, folder.parent, problems) or _outside(root, folder, problems) or not folder.is_dir():
        return []
    files = []
    # scandir's entries know from the listing itself whether each is a link, a folder or a file: one
    # system call per folder rather than three per file (19,000 files at 10,000 articles, read again
    # after each edit under a live preview).
    with os.scandir(folder) as listed:
        entries = sorted(listed, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        if entry.is_symlink() and _outside(root, path, problems):
            continue
        if entry.is_dir():
            problems.warning(Location(_rel(root, path)), "folder ignored: seeds are not read from subfolders")
            continue
        if not entry.is_file():  # a broken link, a socket, a device
            problems.error(Location(_rel(root, path)), "not a readable file (a broken link?): remove it or replace it with the file")
            continue
        files.append(path)
    return files


def _read_bytes(root: Path, path: Path, problems: Problems, limit: int) -> bytes | None:
    rel = _rel(root, path)
    try:
        size = path.stat().st_size
        if size > limit:
            problems.error(Location(rel, 1), f"file is {size / 1e6:.1f} MB, over the {limit // 1_000_000} MB limit for one seed file")
            return None
        return path.read_bytes()
    except OSError as error:  # unreadable, or gone between listing and reading
        problems.error(Location(rel, 1), f"cannot be read: {error.strerror or error}")
    return None


def _read_text(root: Path, path: Path, problems: Problems, limit: int) -> str | None:
    data = _read_bytes(root, path, problems, limit)
    if data is None:
        return None
    try:
        return decode(data)
    except ArticleDecodeError as error:
        problems.error(Location(_rel(root, path), error.line, error.column), str(error))
    return None


IGNORE_FILE = "seeds/unprofiled-ignore.txt"


def _ignored_names(root: Path, problems: Problems) -> set[str]:
    """seeds/unprofiled-ignore.txt: one name per line, `#` starts a comment."""
    path = root / IGNORE_FILE
    if not path.is_file():
        return set()
    text = _read_text(root, path, problems, 2_000_000) or ""
    return {line.split("#", 1)[0].strip() for line in text.split("\n")} - {""}


def _names_in(node: Node | None) -> list[str]:
    """The `name` and `aliases` strings of a profile that failed to load, as far as they can be read."""
    if not isinstance(node, Mapping):
        return []
    values = [node.get("name")]
    aliases = node.get("aliases")
    if isinstance(aliases, Sequence):
        values += aliases.items
    return [v.value for v in values if isinstance(v, Scalar) and isinstance(v.value, str) and v.value.strip()]


class _Cache:
    """Parse results keyed by the (size, mtime) of the files they came from: unchanged files are not parsed again."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], tuple[tuple[tuple[int, int], ...], Any, Problems]] = {}

    def get(self, paths: list[Path], compute: Callable[[Problems], Any]) -> tuple[Any, Problems]:
        names = tuple(str(p) for p in paths)
        stamps = tuple((st.st_size, st.st_mtime_ns) for st in (p.stat() for p in paths))
        entry = self.entries.get(names) if fast.on("parse_cache") else None
        if entry and entry[0] == stamps:
            fast.took("parse_cache")
            return entry[1], entry[2]
        problems = Problems()
        value = compute(problems)
        self.entries[names] = (stamps, value, problems)
        return value, problems


class ProjectLoader:
    """Loads a project; keep one instance across rebuilds to reuse the parse of unchanged files."""

    def __init__(self) -> None:
        self.cache = _Cache()

    def load(self, root: Path) -> Project:
        root = Path(root)
        project = Project(root=root, corpus=Corpus(), problems=Problems())
        seeds = root / "seeds"
        if not seeds.is_dir():
            project.problems.error(Location("seeds"), "no seeds/ folder here: is this a briefing project? (`briefing init DIR` makes one)")
            return project
        for folder, kind in PROFILE_FOLDERS.items():
            project.known[folder] = set()
            for path in _listing(root, seeds / folder, project.problems):
                self._load_profile(project, path, folder, kind)
        self._load_articles(project, _listing(root, seeds / "articles", project.problems))
        project.ignored_names = _ignored_names(root, project.problems)
        return project

    # ---- profiles -----------------------------------------------------------------------------

    def _load_profile(self, project: Project, path: Path, folder: str, kind: str) -> None:
        rel = _rel(project.root, path)
        if path.suffix != ".yaml":
            hint = " (rename it to .yaml)" if path.suffix == ".yml" else ""
            project.problems.warning(Location(rel), f"ignored: only .yaml files are read in seeds/{folder}/{hint}")
            return
        stem = path.stem
        if not ID_PATTERN.match(stem):
            suggestion = id_for(stem)
            fix = f"rename it to '{suggestion}.yaml'" if suggestion else "file names use lowercase letters, digits and single hyphens, like 'antony-blinken.yaml'"
            project.problems.error(Location(rel), f"'{stem}' is not a valid id: {fix}")
            if kind == "actor":  # its names are still taken: no "unprofiled name" warnings on top
                text = _read_text(project.root, path, Problems(), 2_000_000)
                project.claimed.update(_names_in(parse_yaml(text, rel, Problems()) if text is not None else None))
            return
        project.known[folder].add(stem)

        def parse(problems: Problems) -> tuple[Node | None, Any]:
            text = _read_text(project.root, path, problems, 2_000_000)
            if text is None:
                return None, None
            node = parse_yaml(text, rel, problems)
            if node is None or not check_placeholders(node, problems) or not check_schema(node, kind, problems):
                return node, None
            builder = {"actor": profiles.build_actor, "topic": profiles.build_topic, "event": profiles.build_event}[kind]
            return node, builder(stem, rel, node, problems)

        (node, built), problems = self.cache.get([path], parse)
        project.problems.extend(problems)
        if node is not None:
            project.documents[rel] = node
        if built is not None:
            getattr(project.corpus, folder)[stem] = built
        elif kind == "actor":
            project.claimed.update(_names_in(node))

    # ---- articles -----------------------------------------------------------------------------

    def _load_articles(self, project: Project, files: list[Path]) -> None:
        by_stem: dict[str, dict[str, Path]] = {}
        for path in files:
            rel = _rel(project.root, path)
            if path.suffix not in ARTICLE_SUFFIXES:
                project.problems.warning(Location(rel), "ignored: articles are .txt (raw text), .md (with front matter), "
                                                        ".html/.htm (a saved web page), .eml (an e-mail) or a .yaml sidecar")
                continue
            by_stem.setdefault(path.stem, {})[path.suffix] = path
        project.known["articles"] = set()
        for stem, variants in sorted(by_stem.items()):
            first = next(iter(sorted(variants.values())))
            rel = _rel(project.root, first)
            if not ARTICLE_ID_PATTERN.match(stem):
                project.problems.error(Location(rel), f"'{stem}' is not a valid article id: use letters, digits, '_' and '-' only")
                continue
            mains = [variants[suffix] for suffix in MAIN_SUFFIXES if suffix in variants]
            if len(mains) > 1:
                names = " and ".join(p.name for p in mains)
                project.problems.error(Location(_rel(project.root, mains[1])), f"two articles with id '{stem}' ({names}): keep one of them")
                continue
            if not mains:
                project.problems.error(Location(rel), f"sidecar with no article: there is no {stem}.txt (or .html, .eml) beside it")
                continue
            main = mains[0]
            if main.suffix == ".md" and ".yaml" in variants:
                project.problems.error(Location(_rel(project.root, variants[".yaml"])), "a .md article keeps its metadata in its front matter; remove this sidecar")
            project.known["articles"].add(stem)
            sidecar = variants.get(".yaml") if main.suffix != ".md" else None
            article, problems = self.cache.get(
                [main] + ([sidecar] if sidecar else []),
                lambda found: self._parse_article(project.root, stem, main, sidecar, found),
            )
            project.problems.extend(problems)
            if article is not None:
                project.corpus.articles[stem] = article

    def _parse_article(self, root: Path, stem: str, main: Path, sidecar: Path | None, problems: Problems) -> Article | None:
        rel = _rel(root, main)
        data = _read_bytes(root, main, problems, MAX_ARTICLE_BYTES)
        if data is None:
            return None
        meta: dict[str, Any] = {}
        side_rel = ""
        if sidecar is not None:
            side_rel = _rel(root, sidecar)
            side_text = _read_text(root, sidecar, problems, 2_000_000)
            node = parse_yaml(side_text, side_rel, problems) if side_text is not None else None
            if node is not None and check_schema(node, "article", problems):
                meta = profiles.article_metadata(node, problems)
        if main.suffix in WEB_SUFFIXES + EMAIL_SUFFIXES:  # a page or an e-mail says its own charset
            return read_delivered(rel, main.suffix, data, None, stem, meta, side_rel, problems)
        try:
            text = decode(data)
        except ArticleDecodeError as error:
            problems.error(Location(rel, error.line, error.column), str(error))
            return None
        if main.suffix == ".txt":
            return read_delivered(rel, main.suffix, data, text, stem, meta, side_rel, problems)
        return self._markdown_article(rel, stem, text, problems)

    @staticmethod
    def _markdown_article(rel: str, stem: str, text: str, problems: Problems) -> Article | None:
        split = split_front_matter(text, rel, problems)
        if split is None:
            return None
        front, body, body_line = split
        node = parse_yaml(front, rel, problems)
        if node is None or not check_schema(node, "article", problems):
            return None
        meta = profiles.article_metadata(node, problems)
        if not meta["title"]:
            problems.error(Location(rel, 1), "front matter has no 'title': a .md article must give its title")
            return None
        if meta["date"] is None and not problems.has_errors:
            problems.warning(Location(rel, 1), "no date: add `date: YYYY-MM-DD` to its front matter. Until then it is listed under Undated")
        return Article(
            id=stem,
            path=rel,
            title=meta["title"],
            date=meta.get("date"),
            paragraphs=parse_markdown_body(body, body_line),
            sources=[],
            disclosure=[],
            url=meta.get("url", ""),
            outlet=meta.get("outlet", ""),
            summary=meta.get("summary", ""),
            tags=meta.get("tags", []),
            topics=meta.get("topics", []),
            byline=meta.get("byline", ""),
            place=meta.get("place", ""),
            lang=meta.get("lang", ""),
        )


def load_project(root: Path | str) -> Project:
    return ProjectLoader().load(Path(root))
