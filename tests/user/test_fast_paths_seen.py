"""What a user sees of the fast paths: an old mkdocs.yml's search options still build, `search: material`
keeps Material's search, `briefing generate` leaves its output as it was when its second writer refuses,
and keeps the files whose bytes are already right (the same pages either way: tests/equivalence/).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import mkdocs_build


@pytest.fixture(scope="module")
def corpus(synthetic) -> Path:
    """The shared synthetic briefing (read-only: `briefing generate` only reads it)."""
    return synthetic()


def _built_with_material_search_listed(synthetic_copy, options: str):  # type: ignore[no-untyped-def]
    """A small corpus whose mkdocs.yml lists Material's `search` plugin and gives the briefing plugin
    `options` (YAML lines, indented for it), built with --strict."""
    root = synthetic_copy(n=6, actors=6, seed=5)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - briefing", "  - briefing:\n      " + options)
    config.write_text(text.replace("plugins:", "plugins:\n  - search", 1), encoding="utf-8")
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    return root, result


def test_old_search_options_still_build_and_every_word_is_indexed(synthetic_copy) -> None:
    """An mkdocs.yml from before Pagefind (Material's search listed, trimming options set) builds
    with --strict; Material's search is off (no second index), every page but the book is indexed."""
    root, result = _built_with_material_search_listed(synthetic_copy, "search_trim_above: 3\n      search_article_words: 5")
    assert "'search_trim_above' is no longer used" in result.output
    site = root / "site"
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    pages = sorted(site.rglob("index.html"))
    marked = {p.parent.relative_to(site).as_posix() for p in pages if "<article class=\"md-content__inner md-typeset\" data-pagefind-body>" in p.read_text(encoding="utf-8")}
    assert "book" not in marked
    assert {p.parent.relative_to(site).as_posix() for p in pages} - marked == {"book"}


def test_material_search_can_be_kept(synthetic_copy) -> None:
    """`search: material` leaves Material's search as it is: one index with every word, no Pagefind."""
    root, result = _built_with_material_search_listed(synthetic_copy, "search: material")
    site = root / "site"
    assert not (site / "pagefind").exists()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    article = sorted((root / "seeds" / "articles").glob("*.txt"))[0].read_text(encoding="utf-8")
    last_word = article[: article.index("\n\n- ")].split()[-1].strip(".,")
    assert any(last_word in doc["text"] for doc in index["docs"] if doc["location"].startswith("articles/"))
    assert "briefing-search" not in (site / "index.html").read_text(encoding="utf-8")


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
