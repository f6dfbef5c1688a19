"""Shared helpers and the corpus fixtures of every test leg (tests/user, tests/equivalence, tests/unit).

Helpers: make small briefing projects in a temporary folder, run the real commands on them
(`run`, `briefing`, `mkdocs_build`, `build_with_stats`). Any test module may `from conftest import ...`.

The corpora, each made once per test session (once per worker under pytest-xdist) and shared:

- `site`: this repository's own briefing, built with `mkdocs build --strict` (`seed_build` holds its
  project folder, its output and what the fast paths did);
- `synthetic(n=40, actors=14, seed=5)`: a synthetic briefing made by scripts/bench/make_corpus.py,
  read-only (`synthetic_copy(...)` gives a test its own copy to edit or build);
- `make_project` / `seed_project`: a small project (or a copy of this repository's seeds) of the test's own.

Other shared modules beside this one: preview_server.py (a `mkdocs serve` / `briefing serve` child
process), build_stats.py (`mkdocs build` recording what the fast paths did).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
FIXTURES = TESTS / "fixtures"
SEED = REPO / "seeds" / "articles" / "000_9dd4ae56c3f1a1a7.txt"
CORPUS = {"n": 40, "actors": 14, "seed": 5}  # the synthetic briefing the tests share (`synthetic`)

sys.path.insert(0, str(REPO / "scripts" / "bench"))
from make_corpus import make_corpus  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
ENV.pop("GITHUB_ACTIONS", None)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env or ENV, timeout=timeout)
    return Run(done.returncode, done.stdout, done.stderr)


def briefing(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    return run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env)


def mkdocs_build(project: Path, *extra: str) -> Run:
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", *extra], cwd=project)


@dataclass
class Built(Run):
    stats: dict  # what the fast paths did (build_stats.py); {} when the build made no site


def build_with_stats(project: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 600) -> Built:
    """`mkdocs build ARGS` exactly as the command line runs it, in `project`, recording what the fast paths
    of the briefing plugin did (build_stats.py): conversions and search entries made ahead and used,
    pages themed by the second process, and generator/fast.py's counts where it has them."""
    stats = project / f".build-stats-{os.getpid()}.json"
    stats.unlink(missing_ok=True)
    done = run([sys.executable, str(TESTS / "build_stats.py"), str(stats), "build", *args], cwd=project, env=env, timeout=timeout)
    found = json.loads(stats.read_text(encoding="utf-8")) if stats.exists() else {}
    stats.unlink(missing_ok=True)
    return Built(done.code, done.stdout, done.stderr, found)


MKDOCS_YML = """\
site_name: Test briefing
theme:
  name: material
  font: false
validation:
  anchors: warn
plugins:
  - search
  - briefing
"""


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n") if not content.startswith("\ufeff") else content, encoding="utf-8")


def new_project(root: Path, files: dict[str, str | bytes] | None = None, config: str = MKDOCS_YML) -> Path:
    """A project folder at `root`: the seed folders, docs/, mkdocs.yml (`config`), then `files`."""
    for folder in ("articles", "actors", "topics", "events"):
        (root / "seeds" / folder).mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_files(root, files or {})
    return root


@pytest.fixture
def make_project(tmp_path: Path):
    """make_project({"seeds/actors/x.yaml": "...", ...}) -> a project folder with mkdocs.yml and seeds/."""

    def make(files: dict[str, str | bytes] | None = None, name: str = "project") -> Path:
        return new_project(tmp_path / name, files)

    return make


@pytest.fixture
def seed_project(make_project):
    """A copy of this repository's own briefing: the real seed and its curated profiles."""

    def make() -> Path:
        root = make_project()
        shutil.rmtree(root / "seeds")
        shutil.copytree(REPO / "seeds", root / "seeds")
        shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copyfile(REPO / "docs" / "index.md", root / "docs" / "index.md")
        return root

    return make


def html(site: Path, page: str) -> str:
    """The built HTML of a page given by its URL path, e.g. "actors/china/"."""
    return (site / page / "index.html").read_text(encoding="utf-8") if not page.endswith(".html") else (site / page).read_text(encoding="utf-8")


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], dict]) -> tuple[Path, dict]:
    """`make(folder)` run once for the whole session, for every pytest-xdist worker: the first worker to
    ask makes it (the others wait on a lock), and all get the folder and what `make` returned. Without
    xdist, the same, in this session's temporary folder."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the workers' temporary folders share this parent
    folder, done = base / f"shared-{name}", base / f"shared-{name}.json"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                done.write_text(json.dumps(make(folder)), encoding="utf-8")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return folder, json.loads(done.read_text(encoding="utf-8"))


@dataclass
class SeedBuild:
    project: Path  # a copy of this repository's seeds/, docs/ and mkdocs.yml
    output: str  # what `mkdocs build --strict` printed
    stats: dict  # what the fast paths did (build_with_stats)

    @property
    def site(self) -> Path:
        return self.project / "site"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> SeedBuild:
    """This repository's own briefing, copied and built once with `mkdocs build --strict` (read-only)."""

    def make(folder: Path) -> dict:
        root = folder / "project"
        shutil.copytree(REPO / "seeds", root / "seeds")
        shutil.copytree(REPO / "docs", root / "docs")
        shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
        result = build_with_stats(root, "--strict")
        assert result.code == 0, result.output
        assert "Traceback" not in result.output
        return {"output": result.output, "stats": result.stats}

    folder, made = shared(tmp_path_factory, "seed-site", make)
    return SeedBuild(folder / "project", made["output"], made["stats"])


@pytest.fixture(scope="session")
def site(seed_build: SeedBuild) -> Path:
    """This repository's own briefing, copied and built once with `mkdocs build --strict` (read-only)."""
    return seed_build.site


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory) -> Callable[..., Path]:
    """synthetic(n=40, actors=14, seed=5) -> a synthetic briefing project (scripts/bench/make_corpus.py:
    mkdocs.yml, docs/, seeds/), made once per session for each size asked for. Read-only: tests that
    edit or build one take `synthetic_copy`."""

    def make(n: int = CORPUS["n"], actors: int = CORPUS["actors"], seed: int = CORPUS["seed"]) -> Path:
        folder, _ = shared(tmp_path_factory, f"corpus-{n}-{actors}-{seed}", lambda folder: make_corpus(n, folder / "project", actors, seed=seed) or {})
        return folder / "project"

    return make


@pytest.fixture
def synthetic_copy(synthetic, tmp_path: Path) -> Callable[..., Path]:
    """synthetic_copy(name="project", n=40, actors=14, seed=5) -> the test's own copy of `synthetic(...)`."""

    def copy(name: str = "project", **size: int) -> Path:
        target = tmp_path / name
        shutil.copytree(synthetic(**size), target, symlinks=True)
        return target

    return copy


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`--dist loadgroup`, as ./scripts/test runs it): the tests of a module that
    shares a module-scoped fixture (a site built once for the module, a browser) run in one worker, so
    it is made once; every other test goes to whichever worker is free."""
    for item in items:
        definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
        if any(d.scope == "module" for defs in definitions.values() for d in defs):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__ if item.module else item.nodeid.split("::")[0]))
