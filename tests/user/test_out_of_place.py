"""Nothing is read from outside the project, and `briefing generate --out` touches nothing but what
it wrote: links to elsewhere, link loops, ids that end in a newline, and every kind of thing a user may
keep in the output folder (issue #11's audit). Each through the command line: exit code and message."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from conftest import briefing, mkdocs_build

CHINA = {"seeds/actors/china.yaml": "name: China\nkind: state\n", "seeds/articles/a1.txt": "China spoke.\n"}


def test_a_linked_seeds_folder_outside_the_project_is_refused(make_project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("Secret words from outside.\n", encoding="utf-8")
    root = make_project(CHINA)
    for folder in ("articles", "events"):
        target = root / "seeds" / folder
        for child in target.iterdir():
            child.unlink()
        target.rmdir()
        target.symlink_to(elsewhere)
    for result in (briefing("check", cwd=root), mkdocs_build(root)):
        assert result.code == 1 and "Traceback" not in result.output, result.output
        assert f"seeds/articles:1: error: links to a folder outside the project ({elsewhere})" in result.output
        assert "seeds/events:1: error: links to a folder outside the project" in result.output
    assert not (root / "site").exists()
    out = briefing("generate", "--out", "out", cwd=root)
    assert out.code == 1 and not (root / "out").exists()


def test_the_whole_seeds_folder_linked_elsewhere_is_refused(make_project, tmp_path):
    root = make_project(CHINA)
    os.rename(root / "seeds", tmp_path / "moved-seeds")
    (root / "seeds").symlink_to(tmp_path / "moved-seeds")
    result = briefing("check", cwd=root)
    assert result.code == 1 and "seeds:1: error: links to a folder outside the project" in result.stdout, result.output


def test_links_inside_the_project_are_followed(make_project):
    root = make_project(CHINA)
    (root / "shared").mkdir()
    (root / "shared/russia.yaml").write_text("name: Russia\nkind: state\n", encoding="utf-8")
    (root / "seeds/actors/russia.yaml").symlink_to(root / "shared/russia.yaml")
    result = briefing("check", cwd=root)
    assert result.code == 0, result.output


def test_links_into_hidden_places_of_the_project_are_refused(make_project):
    # A pull request can add such a link; in CI, .git/config holds the token the checkout was given.
    root = make_project(CHINA)
    (root / ".git").mkdir()
    (root / ".git/config").write_text("[http]\n\textraheader = AUTHORIZATION: basic SECRET-TOKEN\n", encoding="utf-8")
    (root / ".secrets").mkdir()
    (root / ".secrets/key.yaml").write_text("name: SECRET-KEY\nkind: state\n", encoding="utf-8")
    (root / "seeds/articles/leak.txt").symlink_to("../../.git/config")
    (root / "seeds/topics").rmdir()
    (root / "seeds/topics").symlink_to("../.secrets")
    for result in (briefing("check", cwd=root), mkdocs_build(root)):
        assert result.code == 1 and "Traceback" not in result.output, result.output
        assert "seeds/articles/leak.txt:1: error: links to a file under '.git'" in result.output
        assert "seeds/topics:1: error: links to a folder under '.secrets'" in result.output
    out = briefing("generate", "--out", "out", cwd=root)
    assert out.code == 1 and not (root / "out").exists()
    assert "SECRET" not in out.output


def test_link_loops_are_located_errors_not_tracebacks(make_project):
    root = make_project(CHINA)
    (root / "seeds/topics/a.yaml").symlink_to("b.yaml")
    (root / "seeds/topics/b.yaml").symlink_to("a.yaml")
    (root / "seeds/events").rmdir()
    (root / "seeds/events").symlink_to("events")
    for result in (briefing("check", cwd=root), mkdocs_build(root)):
        assert "Traceback" not in result.output and result.code == 1, result.output
        for path in ("seeds/topics/a.yaml", "seeds/topics/b.yaml", "seeds/events"):
            assert f"{path}:1: error: is a link that leads back to itself (a loop)" in result.output


def test_an_id_ending_in_a_newline_is_not_an_id(make_project):
    root = make_project({**CHINA, "seeds/actors/alpha\n.yaml": "name: Alpha\nkind: state\n",
                         "seeds/articles/b2\n.txt": "Alpha spoke.\n"})
    result = briefing("check", cwd=root)
    assert result.code == 1, result.output
    assert "seeds/actors/alpha\\n.yaml:1: error: 'alpha\\n' is not a valid id" in result.stdout
    assert "seeds/articles/b2\\n.txt:1: error: 'b2\\n' is not a valid article id" in result.stdout
    references = make_project({**CHINA, "seeds/actors/russia.yaml": 'name: Russia\nkind: state\ncountry: "china\\n"\n'}, name="refs")
    result = briefing("check", cwd=references)
    assert result.code == 1 and "seeds/actors/russia.yaml:3:10: error:" in result.stdout, result.output


def test_generate_keeps_everything_in_out_that_it_did_not_write(make_project):
    root = make_project(CHINA)
    out = root / "out"
    out.mkdir()
    os.chmod(out, 0o700)
    (out / "notes.md").write_text("mine", encoding="utf-8")
    (out / "empty").mkdir()
    os.chmod(out / "empty", 0o750)
    (out / "link").symlink_to("/etc/hostname")
    (out / "dangling").symlink_to("nowhere")
    os.mkfifo(out / "fifo")
    for run in (1, 2):
        result = briefing("generate", "--out", "out", cwd=root)
        assert result.code == 0, result.output
        assert stat.S_IMODE(out.stat().st_mode) == 0o700, "OUT keeps its permissions"
        assert stat.S_IMODE((out / "empty").stat().st_mode) == 0o750 and not any((out / "empty").iterdir())
        assert os.readlink(out / "link") == "/etc/hostname" and os.readlink(out / "dangling") == "nowhere"
        assert stat.S_ISFIFO((out / "fifo").lstat().st_mode)
        assert (out / "notes.md").read_text(encoding="utf-8") == "mine"
        assert (out / "actors/china.md").is_file()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == [], "no staging folder left behind"


def test_generate_never_removes_staging_names_it_did_not_make(make_project, tmp_path):
    root = make_project(CHINA)
    theirs = root / ".out.briefing-new"
    theirs.mkdir()
    (theirs / "keep.txt").write_text("keep", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    (root / ".pages.briefing-old").symlink_to(elsewhere)
    for out, leftover in (("out", ".out.briefing-new"), ("pages", ".pages.briefing-old")):
        result = briefing("generate", "--out", out, cwd=root)
        assert result.code == 2 and "Traceback" not in result.output, result.output
        assert f"{leftover} is in the way and was not made by briefing" in result.stderr
    assert (theirs / "keep.txt").is_file() and (elsewhere / "keep.txt").is_file()


def test_generate_refuses_git_and_impossible_places_plainly(make_project):
    root = make_project(CHINA)
    (root / ".git").mkdir()
    (root / "out").mkdir()
    (root / "out/actors").write_text("a file where a folder must go", encoding="utf-8")
    (root / "real").mkdir()
    (root / "linked").symlink_to(root / "real")
    cases = {
        ".git": "inside a .git folder", ".git/pages": "inside a .git folder",
        "/proc/x": "cannot write the pages to /proc/x", "out": "the generated pages need a folder there",
        "linked": "it is a link",
    }
    for out, phrase in cases.items():
        result = briefing("generate", "--out", out, cwd=root)
        assert result.code == 2 and "Traceback" not in result.output, (out, result.output)
        assert phrase in result.stderr, (out, result.stderr)
    assert (root / "out/actors").read_text(encoding="utf-8") == "a file where a folder must go"
    assert not any((root / ".git").iterdir())


def test_generate_refuses_the_folder_it_runs_in_and_link_loops_plainly(make_project, tmp_path):
    # The new tree replaces OUT by a rename: `--out .` would leave the shell in a deleted folder
    # (and `.` has no name to stage beside: it was a traceback).
    root = make_project(CHINA)
    here = tmp_path / "here"
    (here / "inner").mkdir(parents=True)
    (here / "mine.txt").write_text("mine", encoding="utf-8")
    (here / "loop").symlink_to("loop")
    cases = {
        (here, "."): "it is the folder you are in, or contains it",
        (here / "inner", ".."): "it is the folder you are in, or contains it",
        (here, "loop/x"): "a link on the way leads back to itself (a loop)",
    }
    for (cwd, out), phrase in cases.items():
        result = briefing("generate", str(root), "--out", out, cwd=cwd)
        assert result.code == 2 and "Traceback" not in result.output, (out, result.output)
        assert phrase in result.stderr, (out, result.stderr)
    assert sorted(p.name for p in here.iterdir()) == ["inner", "loop", "mine.txt"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    result = briefing("generate", str(root), "--out", "here/.", cwd=tmp_path)
    assert result.code == 0 and (here / "actors/china.md").is_file() and (here / "mine.txt").is_file(), result.output
