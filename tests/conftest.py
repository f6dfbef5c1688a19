"""Shared helpers: make small briefing projects in a temporary folder, run the real commands on them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "articles" / "000_9dd4ae56c3f1a1a7.txt"
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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """This repository's own briefing, copied and built once with `mkdocs build --strict`."""
    root = tmp_path_factory.mktemp("seed") / "project"
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    assert "Traceback" not in result.output
    return root / "site"
