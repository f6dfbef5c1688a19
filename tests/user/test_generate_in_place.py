"""`briefing generate --in-place`: OUT is written where it is (a server watching it sees each edit),
with the same refusals as the staged writing: only files briefing wrote are replaced or removed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
ENV.pop("GITHUB_ACTIONS", None)


def briefing(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=120)


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    assert briefing("init", str(root), cwd=tmp_path).returncode == 0
    for name in ("china", "russia"):
        (root / f"seeds/actors/{name}.yaml").write_text(f"name: {name.title()}\nkind: state\n", encoding="utf-8")
    return root


def generate(root: Path) -> subprocess.CompletedProcess:
    return briefing("generate", "--in-place", "--out", "build/pages", cwd=root)


def test_only_changed_files_are_written_and_the_folder_stays(tmp_path):
    root = project(tmp_path)
    out = root / "build/pages"
    assert generate(root).returncode == 0
    folder = out.stat().st_ino
    china = out / "actors/china.md"
    kept = china.stat().st_ino, china.stat().st_mtime_ns
    (out / "notes.md").write_text("hand-written", encoding="utf-8")
    result = generate(root)
    assert result.returncode == 0 and "0 written" in result.stderr, result.stderr
    assert (china.stat().st_ino, china.stat().st_mtime_ns) == kept
    (root / "seeds/actors/china.yaml").write_text("name: China\nkind: state\nsummary: Changed.\n", encoding="utf-8")
    (root / "seeds/actors/russia.yaml").unlink()
    result = generate(root)
    assert result.returncode == 0, result.stderr
    assert "Changed." in china.read_text(encoding="utf-8")
    assert not (out / "actors/russia.md").exists() and "1 removed" in result.stderr
    assert out.stat().st_ino == folder  # written in place, never swapped
    assert (out / "notes.md").read_text(encoding="utf-8") == "hand-written"
    assert not [p for p in out.rglob("*") if ".briefing-tmp" in p.name or p.name.startswith(".briefing-manifest.")]


def test_somebodys_file_or_link_is_never_overwritten_or_followed(tmp_path):
    root = project(tmp_path)
    out = root / "build/pages"
    assert generate(root).returncode == 0
    (root / "seeds/actors/india.yaml").write_text("name: India\nkind: state\n", encoding="utf-8")
    (out / "actors/india.md").write_text("mine", encoding="utf-8")
    result = generate(root)
    assert result.returncode == 2 and "refusing to overwrite" in result.stderr
    assert (out / "actors/india.md").read_text(encoding="utf-8") == "mine"
    (out / "actors/india.md").unlink()
    outside = tmp_path / "outside.md"
    outside.write_text("outside", encoding="utf-8")
    (out / "actors/china.md").unlink()
    (out / "actors/china.md").symlink_to(outside)  # a link planted where our page was
    assert generate(root).returncode == 0
    assert outside.read_text(encoding="utf-8") == "outside"
    assert not (out / "actors/china.md").is_symlink() and "China" in (out / "actors/china.md").read_text(encoding="utf-8")


def test_an_interrupted_runs_new_files_are_still_ours(tmp_path):
    root = project(tmp_path)
    out = root / "build/pages"
    assert generate(root).returncode == 0
    # As an in-place run leaves them when stopped after making a new page: noted in its journal,
    # not yet in the manifest.
    (root / "seeds/actors/india.yaml").write_text("name: India\nkind: state\n", encoding="utf-8")
    (out / "actors/india.md").write_text("half", encoding="utf-8")
    (out / ".briefing-manifest.1").write_text("actors/india.md\n", encoding="utf-8")
    result = generate(root)
    assert result.returncode == 0, result.stderr
    assert "India" in (out / "actors/india.md").read_text(encoding="utf-8")
    assert "actors/india.md" in (out / ".briefing-manifest").read_text(encoding="utf-8").splitlines()
    assert not (out / ".briefing-manifest.1").exists()


def test_in_place_keeps_the_refusals(tmp_path):
    root = project(tmp_path)
    for out in (".", "seeds", "docs", "seeds/actors", ".."):
        result = briefing("generate", "--in-place", "--out", out, cwd=root)
        assert result.returncode == 2 and "refusing" in result.stderr, out
    (root / "elsewhere").mkdir()
    (root / "linked").symlink_to(root / "elsewhere")
    result = briefing("generate", "--in-place", "--out", "linked", cwd=root)
    assert result.returncode == 2 and "it is a link" in result.stderr
