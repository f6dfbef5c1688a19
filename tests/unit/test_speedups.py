"""The speed-ups' own pieces: the synthetic corpus they are measured and tested on, the second process
(session/processes.py) and the collector pause (session/memory.py). Their failure paths:
tests/unit/test_speedup_failures.py.
"""

from __future__ import annotations

import os
import tempfile
import weakref
from pathlib import Path

import pytest

from conftest import CORPUS, make_corpus

from generator.cli import project_files
from generator.load.project import load_project
from generator.session.pipeline import analyse, generate, generate_streams


@pytest.fixture(scope="module")
def corpus(synthetic) -> Path:
    """The shared synthetic briefing (read-only)."""
    return synthetic()


def test_make_corpus_is_deterministic_and_checks_clean(tmp_path: Path, corpus: Path) -> None:
    again = tmp_path / "again"
    make_corpus(CORPUS["n"], again, CORPUS["actors"], seed=CORPUS["seed"])
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
