"""The fast paths and the incremental rebuild give exactly what the plain paths give.

Each speed-up in docs/performance.md keeps a slow, obviously right path beside it; these tests hold
the two to the same answers, on the synthetic corpus of scripts/bench/make_corpus.py.
"""

from __future__ import annotations

import copy
import json
import os
import posixpath
import random
import shutil
import subprocess
import sys
import tempfile
import weakref
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO, mkdocs_build

from generator.load import located_yaml
from generator.load.located_yaml import parse_yaml, to_plain
from generator.load.project import load_project
from generator.load.schema_check import schema
from generator.load.schema_fast import compile_schema
from generator.pages.site import relative_path
from generator.session.pipeline import Session, analyse, generate, generate_streams
from generator.problems import Problems
from generator.cli import project_files

sys.path.insert(0, str(REPO / "scripts" / "bench"))
from make_corpus import make_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "project"
    make_corpus(60, root, 20, seed=3)
    return root


def test_make_corpus_is_deterministic_and_checks_clean(tmp_path: Path, corpus: Path) -> None:
    again = tmp_path / "again"
    make_corpus(60, again, 20, seed=3)
    files = sorted(p.relative_to(corpus) for p in corpus.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((corpus / f).read_bytes() == (again / f).read_bytes() for f in files)
    project = load_project(corpus)
    analyse(project)
    # Every quote verifies; the only warnings are for the articles made without a sidecar, undated on purpose.
    undated = {f"seeds/articles/{a}.txt" for a in project.corpus.articles if not (corpus / "seeds" / "articles" / f"{a}.yaml").exists()}
    assert undated
    assert [(p.location.path, p.severity, p.message.startswith("no date")) for p in project.problems.sorted()] == \
        [(path, "warning", True) for path in sorted(undated)]
    kinds = {a.kind for a in project.corpus.actors.values()}
    assert {"person", "state", "organization", "government-body"} <= kinds
    assert project.corpus.topics and project.corpus.events
    assert any(p.sources for a in project.corpus.actors.values() for p in a.positions)


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


def _built_with_material_search_listed(tmp_path: Path, options: str):  # type: ignore[no-untyped-def]
    """A small corpus whose mkdocs.yml lists Material's `search` plugin and gives the briefing plugin
    `options` (YAML lines, indented for it), built with --strict."""
    root = tmp_path / "project"
    make_corpus(6, root, 6, seed=5)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - briefing", "  - briefing:\n      " + options)
    config.write_text(text.replace("plugins:", "plugins:\n  - search", 1), encoding="utf-8")
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    return root, result


def test_old_search_options_still_build_and_every_word_is_indexed(tmp_path: Path) -> None:
    """An mkdocs.yml from before Pagefind (Material's search listed, trimming options set) builds
    with --strict; Material's search is off (no second index), every page but the book is indexed."""
    root, result = _built_with_material_search_listed(tmp_path, "search_trim_above: 3\n      search_article_words: 5")
    assert "'search_trim_above' is no longer used" in result.output
    site = root / "site"
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    pages = sorted(site.rglob("index.html"))
    marked = {p.parent.relative_to(site).as_posix() for p in pages if "<article class=\"md-content__inner md-typeset\" data-pagefind-body>" in p.read_text(encoding="utf-8")}
    assert "book" not in marked
    assert {p.parent.relative_to(site).as_posix() for p in pages} - marked == {"book"}


def test_material_search_can_be_kept(tmp_path: Path) -> None:
    """`search: material` leaves Material's search as it is: one index with every word, no Pagefind."""
    root, result = _built_with_material_search_listed(tmp_path, "search: material")
    site = root / "site"
    assert not (site / "pagefind").exists()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    article = sorted((root / "seeds" / "articles").glob("*.txt"))[0].read_text(encoding="utf-8")
    last_word = article[: article.index("\n\n- ")].split()[-1].strip(".,")
    assert any(last_word in doc["text"] for doc in index["docs"] if doc["location"].startswith("articles/"))
    assert "briefing-search" not in (site / "index.html").read_text(encoding="utf-8")


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


def test_a_failure_in_the_second_writer_leaves_the_output_as_it_was(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out"
    command = [str(Path(sys.executable).with_name("briefing")), "generate", str(corpus), "--out", str(out)]
    assert subprocess.run(command, capture_output=True).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    victim = next(iter(sorted((out / "articles").glob("*.md"))))  # written by the child process
    victim.unlink()
    victim.write_text("mine", encoding="utf-8")  # not ours any more: the child must refuse it
    (out / ".briefing-manifest").write_text(
        "".join(line + "\n" for line in (out / ".briefing-manifest").read_text().splitlines() if not victim.as_posix().endswith(line)),
        encoding="utf-8",
    )
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 2 and f"refusing to overwrite {victim}" in result.stderr and "Traceback" not in result.stderr
    assert victim.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert {p for p in out.rglob("*") if p.is_file()} == set(before)


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
    assert processes.available() or (os.cpu_count() or 1) == 1
    assert _all_pages(analysis, options) == generate(analysis, options)


def test_an_error_in_the_second_process_reaches_the_parent() -> None:
    from generator.session import processes
    from generator.cli.output import OutputRefused

    with pytest.raises(OutputRefused, match="^no$"):
        processes.in_child(lambda: (_ for _ in ()).throw(OutputRefused("no")))()
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        processes.in_child(lambda: 1 / 0)()
    assert processes.in_child(lambda: {"pages": ["a.md"]})() == {"pages": ["a.md"]}


def test_without_a_second_process_the_work_is_done_in_this_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, corpus: Path) -> None:
    """No process to be had (fork fails): `briefing generate` writes every page in one process."""
    from generator.cli import output

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    analysis = analyse(load_project(corpus))
    pages = generate(analysis, project_files.options(corpus))
    count, written, _, _ = output.write_tree(tmp_path / "out", *generate_streams(analysis, project_files.options(corpus)))
    assert count == written == len(pages)
    files = {p.relative_to(tmp_path / "out").as_posix(): p for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert set(files) == set(pages) | {".briefing-manifest"}
    assert all(files[path].read_text(encoding="utf-8") == text for path, text in pages.items())
    assert not list(tmp_path.glob("briefing-*.result"))  # the unused temporary file is gone


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


def test_what_was_made_while_the_collector_was_paused_is_not_left_to_the_young_generation() -> None:
    """The collector comes back on with everything made during the pause in the oldest generation
    (memory.py): left in the youngest, the first young collection after the pause, the next
    allocation's, would walk the whole loaded briefing (issue 12). It is still collectable."""
    import gc

    from generator.session.memory import collector_paused

    with collector_paused():
        kept = [[i] for i in range(50_000)]  # containers: tracked by the collector
        cycle: list = []
        cycle.append(cycle)
        probe = weakref.ref(_Node(cycle))
    assert gc.isenabled()
    young = {id(o) for o in gc.get_objects(generation=0)}
    assert not any(id(o) in young for o in kept[::1000])
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(o) in oldest for o in kept[::1000])
    del cycle
    gc.collect()
    assert probe() is None  # a cycle made during the pause is still freed by a full collection


class _Node:
    def __init__(self, ref: object) -> None:
        self.ref = ref
        ref.append(self)  # type: ignore[attr-defined]


def test_a_second_generate_links_unchanged_pages_and_rewrites_changed_ones_of_the_same_size(tmp_path: Path, corpus: Path) -> None:
    """`briefing generate` into its own earlier output compares each page with the file there before
    writing anything (output.py `_holds`): unchanged pages keep their file, a file whose bytes differ,
    even at the same size, is written again."""
    briefing = str(Path(sys.executable).with_name("briefing"))
    out = tmp_path / "out"
    first = subprocess.run([briefing, "generate", str(corpus), "--out", str(out)], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != ".briefing-manifest")
    inodes = {p: p.stat().st_ino for p in files}
    again = subprocess.run([briefing, "generate", str(corpus), "--out", str(out)], capture_output=True, text=True)
    assert f"(0 written, {len(files)} unchanged" in again.stderr, again.stderr
    assert all(p.stat().st_ino == inodes[p] for p in files)
    page = out / "actors" / "index.md"
    right = page.read_bytes()
    page.write_bytes(right[:-2] + bytes([right[-2] ^ 1]) + right[-1:])  # same size, one byte off
    third = subprocess.run([briefing, "generate", str(corpus), "--out", str(out)], capture_output=True, text=True)
    assert f"(1 written, {len(files) - 1} unchanged" in third.stderr, third.stderr
    assert page.read_bytes() == right
