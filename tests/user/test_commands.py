"""`briefing init`, `new` and `generate`: what a user runs, with its exit codes and files."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

from conftest import REPO, SEED, briefing, html, mkdocs_build


def test_init_makes_a_project_that_builds_strict_then_takes_seeds(tmp_path):
    result = briefing("init", "my-briefing", cwd=tmp_path)
    assert result.code == 0, result.output
    root = tmp_path / "my-briefing"
    for rel in ("mkdocs.yml", "docs/index.md", "seeds/articles", "seeds/actors", "seeds/topics", "seeds/events", "schema/actor.schema.json"):
        assert (root / rel).exists(), rel
    built = mkdocs_build(root)
    assert built.code == 0, built.output
    assert "No articles yet" in html(root / "site", "")
    # Drop in a raw article and a profile: the next build has their pages.
    (root / "seeds/articles/000_9dd4ae56c3f1a1a7.txt").write_bytes(SEED.read_bytes())
    (root / "seeds/actors/china.yaml").write_text("name: China\nkind: state\naliases: [Beijing]\n", encoding="utf-8")
    built = mkdocs_build(root)
    assert built.code == 0, built.output
    assert '<a href="../../actors/china/">China</a>' in html(root / "site", "articles/000_9dd4ae56c3f1a1a7")
    # init never overwrites.
    again = briefing("init", "my-briefing", cwd=tmp_path)
    assert again.code == 2 and "not empty" in again.stderr


def test_new_writes_a_template_that_check_explains_until_filled(make_project):
    root = make_project()
    result = briefing("new", "actor", "antony-blinken", "--name", "Antony Blinken", "--kind", "person", cwd=root)
    assert result.code == 0, result.output
    path = root / "seeds/actors/antony-blinken.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert 'name: "Antony Blinken"' in text
    check = briefing("check", cwd=root)
    assert check.code == 1
    assert "seeds/actors/antony-blinken.yaml:6:5: error: 'aliases' is not filled in yet" in check.stdout
    assert "'summary' is not filled in yet" in check.stdout
    assert briefing("new", "actor", "antony-blinken", "--kind", "person", cwd=root).code == 2  # never overwrites
    assert briefing("new", "actor", "Bad_Id", "--kind", "person", cwd=root).code == 2
    for kind in ("topic", "event"):
        assert briefing("new", kind, f"a-{kind}", cwd=root).code == 0


def test_generate_refuses_dangerous_out_folders(make_project):
    root = make_project()
    for out in (".", "seeds", "docs", "seeds/actors", ".."):
        result = briefing("generate", ".", "--out", out, cwd=root)
        assert result.code == 2, out
        assert "refusing" in result.stderr


def test_generate_replaces_only_its_own_files(make_project):
    root = make_project({"seeds/actors/china.yaml": "name: China\nkind: state\n", "seeds/actors/russia.yaml": "name: Russia\nkind: state\n"})
    out = root / "build" / "pages"
    assert briefing("generate", "--out", "build/pages", cwd=root).code == 0
    assert (out / "actors/russia.md").is_file()
    (out / "notes.md").write_text("hand-written", encoding="utf-8")
    unchanged = (out / "actors/china.md").stat().st_ino
    (root / "seeds/actors/russia.yaml").unlink()
    result = briefing("generate", "--out", "build/pages", cwd=root)
    assert result.code == 0, result.output
    assert not (out / "actors/russia.md").exists()  # ours, and gone from the corpus: removed
    assert (out / "notes.md").read_text(encoding="utf-8") == "hand-written"  # somebody's: kept
    assert (out / "actors/china.md").stat().st_ino == unchanged  # unchanged bytes are not rewritten
    assert "1 removed" in result.stderr
    # A hand-written file where a generated page would go is never overwritten.
    (root / "seeds/actors/russia.yaml").write_text("name: Russia\nkind: state\n", encoding="utf-8")
    (out / "actors/russia.md").write_text("mine", encoding="utf-8")
    result = briefing("generate", "--out", "build/pages", cwd=root)
    assert result.code == 2 and "refusing to overwrite" in result.stderr
    assert (out / "actors/russia.md").read_text(encoding="utf-8") == "mine"


def test_generate_with_errors_writes_nothing(make_project):
    root = make_project({"seeds/actors/china.yaml": "name: China\nkind: stat\n"})
    result = briefing("generate", "--out", "out", cwd=root)
    assert result.code == 1
    assert "seeds/actors/china.yaml:2:7: error: 'kind' is 'stat' (did you mean 'state'?)" in result.stderr
    assert not Path(root / "out").exists()


def test_values_from_yaml_and_seeds_are_shown_as_text(make_project):
    payload = "<script>alert(1)</script> <img src=x onerror=alert(2)> {{ config }} {: onclick=alert(3) } [x](javascript:alert(4)) | # *b*"
    root = make_project({
        "seeds/actors/evil.yaml": f"name: Evil\nkind: group\nsummary: {payload!r}\naliases: ['Evil Corp']\n",
        "seeds/articles/a.txt": f"Evil Corp said {payload}\n\n- <b>Head</b> - Out|let\n",
    })
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    for page in ("actors/evil", "articles/a", "actors"):
        text = html(root / "site", page)
        assert "<script>alert" not in text and "<img src=x" not in text and 'href="javascript' not in text
        assert not re.search(r"<[^>]+\sonclick=", text)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        assert "{{ config }}" in unescape(text) and "{: onclick=alert(3) }" in unescape(text)


def test_article_ids_that_look_like_numbers_stay_ids(make_project):
    """YAML 1.2 has no "_" digit separators: `786_1567` is an article id, not the number 7861567."""
    root = make_project({
        "seeds/articles/786_1567.txt": "China spoke.\n",
        "seeds/actors/china.yaml": "name: China\nkind: state\npositions:\n  - topic: t\n    stance: supports\n    sources:\n      - article: 786_1567\n        quote: China spoke\n",
        "seeds/topics/t.yaml": "title: T\nquestion: Q?\n",
    })
    result = briefing("check", cwd=root)
    assert result.code == 0, result.output


def test_broken_links_in_seeds_are_located_errors_not_tracebacks(make_project):
    root = make_project({"seeds/actors/china.yaml": "name: China\nkind: state\n"})
    (root / "seeds/actors/ghost.yaml").symlink_to(root / "seeds/actors/missing.yaml")
    (root / "seeds/articles/gone.txt").symlink_to(root / "nowhere.txt")
    result = briefing("check", cwd=root)
    assert result.code == 1 and "Traceback" not in result.output
    assert "seeds/actors/ghost.yaml:1: error: not a readable file (a broken link?)" in result.stdout
    assert "seeds/articles/gone.txt:1: error: not a readable file (a broken link?)" in result.stdout


def test_check_locates_a_raw_article_that_misses_the_format(make_project):
    root = make_project({"seeds/articles/a1.txt": "China spoke at length.\n\n* Talks resume - Reuters\n\nWritten by:\nJane Doe\n"})
    for result in (briefing("check", cwd=root), mkdocs_build(root)):
        assert result.code == 0, result.output  # warnings only: the text is kept, read as body text
        assert "seeds/articles/a1.txt:3: warning: this looks like the source list, but each source starts with '- '" in result.output
        assert "seeds/articles/a1.txt:5: warning: this looks like the disclosure footer" in result.output


def test_a_mention_sentence_that_ends_in_a_quote_mark_is_not_quoted_twice(make_project):
    root = make_project({
        "seeds/actors/china.yaml": "name: China\nkind: state\n",
        "seeds/articles/a1.txt": 'An envoy said China would "calm the markets." Then talks began.\n',
    })
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    page = unescape(re.sub(r"<[^>]+>", "", html(root / "site", "actors/china")))
    assert 'An envoy said China would "calm the markets."' in page
    assert 'markets."”' not in page and 'markets.""' not in page
    assert "“An envoy said China" in page  # the opening mark is still ours


def test_a_briefing_whose_profiles_are_all_referenced_builds_without_warnings(seed_project):
    """This repository's briefing: France and Germany are never named ("French", "German"), but they
    are the countries of Macron and Scholz, so they belong, and nothing warns about them; and the
    generated pages are not listed one by one as missing from the nav."""
    root = seed_project()
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    for result in (briefing("check", cwd=root), mkdocs_build(root)):
        assert result.code == 0, result.output
        assert ": warning: " not in result.output, result.output
        assert "not included in the" not in result.output, result.output
