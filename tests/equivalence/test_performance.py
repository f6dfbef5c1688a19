"""The fast paths of the core and of `briefing generate` give exactly what the plain paths give.

Each speed-up in generator/fast.py keeps a slow, obviously right path beside it; these tests hold
the two to the same answers, on the shared synthetic corpus (conftest.py `synthetic`, made by
scripts/bench/make_corpus.py). What a user sees of the fast paths: tests/user/test_fast_paths_seen.py;
their internals and failures: tests/unit/test_speedups.py, tests/unit/test_speedup_failures.py.
"""

from __future__ import annotations

import copy
import posixpath
import random
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO

from generator.load import located_yaml
from generator.load.located_yaml import parse_yaml, to_plain
from generator.load.project import load_project
from generator.load.schema_check import schema
from generator.load.schema_fast import compile_schema
from generator.pages.site import relative_path
from generator.session.pipeline import Session, analyse, generate
from generator.problems import Problems
from generator.cli import project_files


@pytest.fixture(scope="module")
def corpus(synthetic) -> Path:
    """The shared synthetic briefing (read-only)."""
    return synthetic()


def test_relative_path_is_posix_relpath() -> None:
    paths = ["index.md", "actors/x.md", "actors/index.md", "a/b/c.md", "timeline/index.md", ".", "actors", "a/b"]
    bases = ["", ".", "actors", "a", "a/b", "a/b/c", "topics"]
    for target in paths:
        for base in bases:
            assert relative_path(target, base) == posixpath.relpath(target, base or "."), (target, base)


YAML_SAMPLES = [
    "a: &x [1, 2]\nb: *x\nc: |\n  line1\n  line2\nd: >\n  folded\ne: 'single'\nf: \"dbl\\n\"\n",
    "# comment\nlist:\n  - {a: 1, b: [x, y]}\n  - é😀 value\n  - 'it''s'\n? complex\n: value\n",
    "a: 1\na: 2\n", "x: !!str 12\ny: 12_000\nz: 1.5e3\nw: ~\nv: no\nu: ''\n", "---\na: 1\n---\nb: 2\n", "", "- a\n- b\n",
    "a:\n  b:\n    c: [1, {d: e}]\n", "a: \"x\ty\"\n", "a:\n\t- x\n", "a: [1, 2\n", "a: 'open\n", "a: *nope\n", "a: b: c\n",
    "<<: {a: 1}\n", "a: value\t\n", "a: \x85b\n", "\ufeffa: 1\n", "k: " + "[" * 50 + "]" * 50 + "\n",
]


def _parsed(text: str) -> tuple[object, list[str]]:
    problems = Problems()
    node = parse_yaml(text, "x.yaml", problems)
    return node, [str(p) for p in problems.items]


def test_libyaml_fast_path_gives_the_same_nodes_and_messages(monkeypatch: pytest.MonkeyPatch, corpus: Path) -> None:
    texts = YAML_SAMPLES + [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").rglob("*.yaml"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.yaml"))[:80]]
    fast = [_parsed(t) for t in texts]
    monkeypatch.setattr(located_yaml, "_FAST_LOADER", None)
    slow = [_parsed(t) for t in texts]
    for text, f, s in zip(texts, fast, slow):
        assert f == s, text


def test_compiled_schemas_agree_with_jsonschema(corpus: Path) -> None:
    rng = random.Random(7)
    values = [None, True, 0, 1.0, 2.5, "", "x", "2023-13", "2023-04", "Bad Id", "javascript:x", [], ["a"], {}, {"a": 1},
              {"article": "x", "quote": "y"}, {"url": "https://e.x"}, {"article": "x", "url": "https://e.x"}]
    for kind, folder in (("actor", "actors"), ("topic", "topics"), ("event", "events"), ("article", "articles")):
        fast, slow = compile_schema(schema(kind)), jsonschema.Draft202012Validator(schema(kind))
        assert fast is not None
        documents = [to_plain(parse_yaml(p.read_text(encoding="utf-8"), "x", Problems()))
                     for p in sorted(((REPO / "seeds" / folder).glob("*.yaml"))) + sorted((corpus / "seeds" / folder).glob("*.yaml"))[:20]]
        for document in documents:
            for _ in range(40):
                mutated = copy.deepcopy(document)
                node, key = mutated, None
                while isinstance(node, (dict, list)) and node and rng.random() < 0.7:
                    key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
                    parent, node = node, node[key]
                if key is not None:
                    parent[key] = copy.deepcopy(rng.choice(values))
                assert fast(mutated) == slow.is_valid(mutated), (kind, mutated)


def _fresh(root: Path) -> tuple[dict[str, str], list[str]]:
    project = load_project(root)
    pages = generate(analyse(project), project_files.options(root))
    return pages, [str(p) for p in project.problems.items]


def test_session_rebuilds_equal_fresh_builds(tmp_path: Path, corpus: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(corpus, root)
    session = Session()
    options = project_files.options(root)

    def rebuild() -> tuple[dict[str, str], list[str]]:
        analysis = session.analyse(root)
        return generate(analysis, options), [str(p) for p in analysis.project.problems.items]

    assert rebuild() == _fresh(root)
    actors = sorted((root / "seeds" / "actors").glob("*.yaml"))
    articles = sorted((root / "seeds" / "articles").glob("*.txt"))
    edits = [
        lambda: actors[0].write_text(actors[0].read_text(encoding="utf-8").replace('summary: "', 'summary: "Edited: ', 1), encoding="utf-8"),
        lambda: actors[1].write_text(actors[1].read_text(encoding="utf-8").replace("aliases:\n", 'aliases:\n  - "Analysts"\n', 1)
                                     if "aliases:\n" in actors[1].read_text(encoding="utf-8") else actors[1].read_text(encoding="utf-8") + 'aliases:\n  - "Analysts"\n', encoding="utf-8"),
        lambda: articles[0].write_text(articles[0].read_text(encoding="utf-8").replace(" ", "  ", 3), encoding="utf-8"),
        lambda: articles[1].write_text("A new first paragraph naming nobody.\n" + articles[1].read_text(encoding="utf-8"), encoding="utf-8"),
        lambda: actors[2].unlink(),
        lambda: (root / "seeds" / "actors" / "zz-new.yaml").write_text('name: "Analysts"\nkind: group\n', encoding="utf-8"),
        lambda: actors[3].write_text("name: [broken\n", encoding="utf-8"),
    ]
    for edit in edits:
        edit()
        assert rebuild() == _fresh(root)


def test_two_process_writer_writes_what_one_process_writes(tmp_path: Path, corpus: Path) -> None:
    """`briefing generate` writes with two processes (a forked child writes the article pages, indexes
    and exports): the tree is the one `generate()` makes, file for file, and the manifest lists it."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("briefing")), "generate", str(corpus), "--out", str(tmp_path / "two")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    pages = generate(analyse(load_project(corpus)), project_files.options(corpus))
    written = {p.relative_to(tmp_path / "two").as_posix(): p.read_text(encoding="utf-8") for p in (tmp_path / "two").rglob("*") if p.is_file()}
    manifest = written.pop(".briefing-manifest")
    assert written == pages
    assert manifest == "".join(f"{path}\n" for path in sorted(pages))
    assert [p.name for p in tmp_path.iterdir()] == ["two"]  # no staging folder left behind


def test_linker_url_sibling_shortcut_is_the_general_answer() -> None:
    """Linker.url answers links between pages of one folder (the actor graphs) without relpath."""
    from generator.pages.site import Linker, Options, page_url

    class FakeSite:
        options: Options

    pages = ["index.md", "actors/a.md", "actors/index.md", "actors/b.md", "network/index.md", "articles/x.md",
             "a/b/c.md", "a/b/d.md", "a/b/index.md", "a/e.md"]
    for directory_urls in (True, False):
        site = FakeSite()
        site.options = Options(directory_urls=directory_urls)
        for here in pages:
            for there in pages:
                h, t = page_url(here, directory_urls), page_url(there, directory_urls)
                base = h if h.endswith("/") or not h else posixpath.dirname(h)
                general = posixpath.relpath(t.rstrip("/") or ".", base.rstrip("/") or ".")
                general += "/" if t.endswith("/") or not t else ""
                assert Linker(site, here).url(there) == general, (directory_urls, here, there)


def test_plugin_makes_the_same_pages_in_two_processes(corpus: Path) -> None:
    """`mkdocs build` makes half the pages in a forked child (session/processes.py): same pages."""
    from generator.session import processes
    from generator.mkdocs.plugin import _all_pages

    analysis = analyse(load_project(corpus))
    options = project_files.options(corpus)
    assert processes.available() or processes.cores() == 1  # the cores this process may use (its CPU affinity)
    assert _all_pages(analysis, options) == generate(analysis, options)


@pytest.mark.parametrize("size", [1, 3, 7, 40])
def test_book_part_timeline_is_the_whole_timeline_filtered_by_the_part(corpus: Path, size: int) -> None:
    """A book part's timeline, grouped once by year and month (issue 12: filtering the whole timeline for
    every part took parts × entries), holds exactly the entries `Period.holds` lets through, in order."""
    from generator.pages.book import _timeline_by_period
    from generator.pages.periods import periods
    from generator.pages.site import Options, Site
    from generator.pages.timeline import timeline_entries

    site = Site(load_project(corpus).corpus, analyse(load_project(corpus)).mentions, Options(page_size=size))
    years = timeline_entries(site)
    articles = site.articles_newest_first()
    parts = periods(articles, lambda a: a.date, size)
    assert any(p.by_month for p in parts) or size == 40
    assert any(p.key is None for p in parts)  # the undated part too
    timeline_of = _timeline_by_period(years)
    for part in parts:
        slow = [(year, [(kind, item) for kind, item in items if part.holds(item.date)]) for year, items in years]
        assert [(year, items) for year, items in timeline_of(part) if items] == [(year, items) for year, items in slow if items]


