"""Issue 4: every mistake a contributor can make in seeds/ is caught with file, line and a plain message.

Each case is a small, otherwise clean project with exactly one defect. The same located line must
come out of `briefing check` (the contributor's and CI's command) and out of `mkdocs build --strict`
(what a preview or deploy runs), with exit code 1 and never a Python traceback.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ENV, briefing, mkdocs_build, run

# ---- a clean corpus: three actors, one topic, one article; no error and no warning -------------

ARTICLE = "Alice Smith met the Acme board in Freedonia on Monday.\nShe said the talks were calm.\n"

ALICE = """\
name: Alice Smith
kind: person
aliases: [Smith]
summary: A diplomat.
country: freedonia
"""

CLEAN = {
    "seeds/articles/a1.txt": ARTICLE,
    "seeds/articles/a1.yaml": 'date: "2023-04-03"\n',  # an undated article is a warning
    "seeds/actors/alice-smith.yaml": ALICE,
    "seeds/actors/freedonia.yaml": "name: Freedonia\nkind: state\n",
    "seeds/actors/acme.yaml": "name: Acme\nkind: organization\n",
    "seeds/topics/peace.yaml": "title: Peace\nquestion: Should talks start now?\n",
}

PROBLEM_LINE = re.compile(r"^(\S+?):(\d+)(?::(\d+))?: (error|warning): (.+)$")


def problem_lines(text: str, severity: str | None = None) -> list[str]:
    lines = [line for line in text.splitlines() if PROBLEM_LINE.match(line)]
    return [line for line in lines if severity is None or f": {severity}: " in line]


@dataclass
class Case:
    """One defect: the files that differ from CLEAN, where it must be reported and a phrase of the message."""

    id: str
    files: dict[str, str | bytes]
    where: str  # PATH:LINE[:COL], exactly
    phrase: str


def actor(body: str) -> dict[str, str]:
    return {"seeds/actors/alice-smith.yaml": body}


A = "seeds/actors/alice-smith.yaml"

CASES = [
    # ---- YAML syntax ----
    Case("tab-indentation", actor("name: Alice Smith\nkind: person\nroles:\n\t- title: Envoy\n"),
         f"{A}:4:1", "a tab character is not allowed for indentation"),
    Case("unclosed-quote", actor('name: Alice Smith\nkind: person\nsummary: "A diplomat.\ncountry: freedonia\n'),
         f"{A}:3:10", "a quoted value is not closed"),
    Case("unclosed-bracket", actor("name: Alice Smith\nkind: person\naliases: [Smith, A. Smith\nsummary: A diplomat.\n"),
         f"{A}:3:10", "a list in [brackets] is not closed"),
    Case("duplicate-key", actor("name: Alice Smith\nkind: person\nsummary: A diplomat.\nname: Alice B. Smith\n"),
         f"{A}:4:1", "duplicate key 'name' (first given on line 1)"),
    Case("undefined-alias", actor("name: Alice Smith\nkind: person\naliases: [*smith]\n"),
         f"{A}:3:11", "refers to no anchor"),
    Case("two-documents", actor("name: Alice Smith\nkind: person\n---\nname: Bob\n"),
         f"{A}:4:1", "only one YAML document per file"),
    # ---- dates ----
    Case("impossible-month", actor("name: Alice Smith\nkind: person\nroles:\n  - title: Envoy\n    start: 2021-13-45\n"),
         f"{A}:5:12", "'2021-13-45' is not a real date: month 13 does not exist"),
    Case("impossible-day", {"seeds/events/talks.yaml": "date: 2023-02-30\ntitle: Talks begin\n"},
         "seeds/events/talks.yaml:1:7", "'2023-02-30' is not a real date: February 2023 has no day 30"),
    Case("not-a-date", actor("name: Alice Smith\nkind: person\nreviewed: last week\n"),
         f"{A}:3:11", "'last week' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    Case("end-before-start", actor('name: Alice Smith\nkind: person\nroles:\n  - title: Envoy\n    start: "2021"\n    end: "2019"\n'),
         f"{A}:6:10", "role 'Envoy' ends (2019) before it starts (2021)"),
    # ---- size limits ----
    Case("alias-bomb", actor(
        "name: Alice Smith\nkind: person\n"
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))),
         f"{A}:8:4", "too large: more than 100,000 values (counting every copy a YAML alias like *name makes)"),
    Case("deep-nesting", actor("name: Alice Smith\nkind: person\ntags: " + "[" * 60 + "x" + "]" * 60 + "\n"),
         f"{A}:3:47", "nested too deeply"),
    Case("very-deep-nesting", actor("name: Alice Smith\nkind: person\ntags: " + "[" * 5000 + "x" + "]" * 5000 + "\n"),
         f"{A}:3:47", "nested too deeply"),
    # ---- file shape ----
    Case("empty-file", actor(""), f"{A}:1", "file is empty"),
    Case("top-level-list", actor("- name: Alice Smith\n- kind: person\n"),
         f"{A}:1:1", "the file must be a mapping"),
    Case("bad-file-stem", {"seeds/actors/Bad_Name.yaml": "name: Bad\nkind: person\n"},
         "seeds/actors/Bad_Name.yaml:1", "'Bad_Name' is not a valid id"),
    # ---- required keys, unknown keys, allowed values, types ----
    Case("missing-name", actor("kind: person\nsummary: A diplomat.\n"), f"{A}:1:1", "missing required key 'name'"),
    Case("missing-kind", actor("name: Alice Smith\nsummary: A diplomat.\n"), f"{A}:1:1", "missing required key 'kind'"),
    Case("missing-topic-title", {"seeds/topics/peace.yaml": "question: Should talks start now?\n"},
         "seeds/topics/peace.yaml:1:1", "missing required key 'title'"),
    Case("missing-topic-question", {"seeds/topics/peace.yaml": "title: Peace\n"},
         "seeds/topics/peace.yaml:1:1", "missing required key 'question'"),
    Case("missing-event-date", {"seeds/events/talks.yaml": "title: Talks begin\nsummary: They began.\n"},
         "seeds/events/talks.yaml:1:1", "missing required key 'date'"),
    Case("unknown-key", actor("name: Alice Smith\nkind: person\nalaises: [Smith]\n"),
         f"{A}:3:1", "unknown key 'alaises' (did you mean 'aliases'?)"),
    Case("bad-kind", actor("name: Alice Smith\nkind: persn\n"),
         f"{A}:2:7", "'kind' is 'persn' (did you mean 'person'?); allowed: person, state"),
    Case("bad-stance", actor("name: Alice Smith\nkind: person\npositions:\n  - topic: peace\n    stance: suports\n"),
         f"{A}:5:13", "'stance' in positions item 1 is 'suports' (did you mean 'supports'?)"),
    Case("bad-confidence", actor("name: Alice Smith\nkind: person\npositions:\n  - topic: peace\n    stance: supports\n    confidence: certain\n"),
         f"{A}:6:17", "'confidence' in positions item 1 is 'certain'; allowed: low, moderate, high"),
    Case("bad-relation-type", actor("name: Alice Smith\nkind: person\nrelations:\n  - type: member\n    target: acme\n"),
         f"{A}:4:11", "'type' in relations item 1 is 'member' (did you mean 'member-of'?)"),
    Case("aliases-as-string", actor("name: Alice Smith\nkind: person\naliases: Smith\n"),
         f"{A}:3:10", "'aliases' must be a list, not text 'Smith'"),
    Case("non-http-link", actor('name: Alice Smith\nkind: person\nlinks:\n  - title: Home\n    url: "javascript:alert(1)"\n'),
         f"{A}:5:10", "must be an http:// or https:// address, not 'javascript:alert(1)'"),
    # ---- references across files ----
    Case("unknown-relation-target", actor("name: Alice Smith\nkind: person\nrelations:\n  - type: member-of\n    target: acme-corp\n"),
         f"{A}:5:13", "unknown actor 'acme-corp' (did you mean 'acme'?)"),
    Case("unknown-role-organization", actor("name: Alice Smith\nkind: person\nroles:\n  - title: Envoy\n    organization: globex\n"),
         f"{A}:5:19", "unknown actor 'globex' (no seeds/actors/globex.yaml)"),
    Case("unknown-country", actor("name: Alice Smith\nkind: person\ncountry: sylvania\n"),
         f"{A}:3:10", "unknown actor 'sylvania'"),
    Case("country-not-a-state", actor("name: Alice Smith\nkind: person\ncountry: acme\n"),
         f"{A}:3:10", "'country' must name a state; 'acme' is an organization"),
    Case("unknown-topic", actor("name: Alice Smith\nkind: person\npositions:\n  - topic: peaces\n    stance: supports\n"),
         f"{A}:4:12", "unknown topic 'peaces' (did you mean 'peace'?)"),
    Case("unknown-article", actor(
        "name: Alice Smith\nkind: person\npositions:\n  - topic: peace\n    stance: supports\n"
        '    sources:\n      - article: a2\n        quote: "Alice Smith met"\n'),
         f"{A}:7:18", "unknown article 'a2'"),
    Case("quote-not-in-article", actor(
        "name: Alice Smith\nkind: person\npositions:\n  - topic: peace\n    stance: supports\n"
        '    sources:\n      - article: a1\n        quote: "Alice Smith never met anyone"\n'),
         f"{A}:8:16", "quote not found in article 'a1'"),
    # ---- articles ----
    Case("article-not-utf8", {"seeds/articles/a1.txt": "Alice Smith met the Acme board in Freedonia.\nCaf\xe9 talks.\n".encode("latin-1")},
         "seeds/articles/a1.txt:2:4", "not UTF-8 text (byte 0xe9)"),
    Case("md-without-front-matter", {"seeds/articles/a2.md": "Just a paragraph.\n"},
         "seeds/articles/a2.md:1", "must start with front matter"),
    Case("md-unclosed-front-matter", {"seeds/articles/a2.md": "---\ntitle: Talks\n\nJust a paragraph.\n"},
         "seeds/articles/a2.md:1", "front matter is not closed"),
    Case("md-without-title", {"seeds/articles/a2.md": "---\ndate: 2023-04\n---\n\nJust a paragraph.\n"},
         "seeds/articles/a2.md:1", "front matter has no 'title'"),
    Case("sidecar-without-article", {"seeds/articles/a9.yaml": "title: Nothing here\n"},
         "seeds/articles/a9.yaml:1", "sidecar with no article"),
    # ---- characters that cannot be text: a YAML escape in any string, or the character in a seed ----
    Case("lone-surrogate-in-yaml", actor('name: Alice Smith\nkind: person\nsummary: "x\\ud800y"\n'),
         f"{A}:3:10", "holds U+D800 (a lone surrogate, half of a character), which cannot be shown as text"),
    Case("c1-control-in-yaml-list", actor('name: Alice Smith\nkind: person\naliases: [Smith, "A\\x85B"]\n'),
         f"{A}:3:18", "holds U+0085 (a control character)"),
    Case("delete-in-topic-title", {"seeds/topics/peace.yaml": 'title: "Peace\\x7f"\nquestion: Should talks start now?\n'},
         "seeds/topics/peace.yaml:1:8", "holds U+007F (a control character)"),
    Case("non-character-in-yaml-key", actor('name: Alice Smith\nkind: person\n"tags\\uFFFE": [x]\n'),
         f"{A}:3:1", "this key holds U+FFFE (a Unicode non-character)"),
    Case("non-character-in-front-matter", {"seeds/articles/a2.md": '---\ntitle: "Talks \\U0001FFFF"\n---\n\nJust a paragraph.\n'},
         "seeds/articles/a2.md:2:8", "holds U+1FFFF (a Unicode non-character)"),
    Case("control-in-seed-text", {"seeds/articles/a1.txt": "Alice Smith met the Acme board.\nThen \x1b[31m left.\n"},
         "seeds/articles/a1.txt:2:6", "holds U+001B (a control character)"),
    Case("c1-in-seed-text", {"seeds/articles/a1.txt": "Alice Smith met the Acme board \u0085 in Freedonia.\n"},
         "seeds/articles/a1.txt:1:32", "holds U+0085 (a control character)"),
    Case("many-controls-in-seed-text", {"seeds/articles/a1.txt": "Alice Smith met\x07 the Acme\x07 board\x07.\n"},
         "seeds/articles/a1.txt:1:16", "U+0007 (a control character), which cannot be shown as text (and 2 more such characters)"),
]


def make_case(make_project, case: Case) -> Path:
    return make_project({**CLEAN, **case.files})


def assert_reported(output: str, case: Case) -> None:
    assert "Traceback" not in output, output
    errors = problem_lines(output, "error")
    assert errors, f"no error line in:\n{output}"
    # Exactly one defect: exactly one error, and it is this one (no cascade of follow-on errors).
    assert len(errors) == 1, "\n".join(errors)
    assert errors[0].startswith(f"{case.where}: error: "), errors[0]
    assert case.phrase in errors[0], errors[0]


def test_the_clean_corpus_is_clean(make_project):
    project = make_project(CLEAN)
    result = briefing("check", cwd=project)
    assert result.code == 0, result.output
    assert problem_lines(result.output) == [], result.output
    build = mkdocs_build(project)
    assert build.code == 0, build.output


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_check_reports_the_defect(make_project, case: Case):
    project = make_case(make_project, case)
    start = time.monotonic()
    result = briefing("check", cwd=project)
    assert time.monotonic() - start < 10, "a check must finish in seconds whatever the input"
    assert result.code == 1, result.output
    assert_reported(result.stdout, case)  # findings on stdout, the summary on stderr
    assert result.stderr.rstrip().endswith("briefing check: 1 error, 0 warnings"), result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_mkdocs_build_reports_the_same_line(make_project, case: Case):
    project = make_case(make_project, case)
    result = mkdocs_build(project)
    assert result.code == 1, result.output
    assert_reported(result.stderr, case)
    assert not (project / "site").exists(), "a failed first build must not leave a half-built site"


# ---- a `briefing new` template saved without filling it in ------------------------------------


TODO = '"TODO'


@pytest.mark.parametrize("kind, folder", [("actor", "actors"), ("topic", "topics"), ("event", "events")])
def test_unfilled_template_is_an_error_on_each_todo_line(make_project, kind, folder):
    project = make_project(CLEAN)
    new = briefing("new", kind, "bob-jones", "--dir", str(project), *(["--kind", "person"] if kind == "actor" else []), cwd=project)
    assert new.code == 0, new.output
    rel = f"seeds/{folder}/bob-jones.yaml"
    text = (project / rel).read_text(encoding="utf-8")
    # Every value still holding the template's "TODO: ..." is reported where it stands.
    expected = [
        f"{rel}:{number}:{line.index(TODO) + 1}: error: "
        for number, line in enumerate(text.splitlines(), 1)
        if TODO in line
    ]
    assert expected, text
    for result in (briefing("check", cwd=project), mkdocs_build(project)):
        assert result.code == 1, result.output
        assert "Traceback" not in result.output, result.output
        errors = problem_lines(result.output, "error")
        assert [e[: len(x)] for e, x in zip(errors, expected)] == expected, "\n".join(errors)
        assert len(errors) == len(expected), "\n".join(errors)
        assert all("is not filled in yet" in e for e in errors), "\n".join(errors)


# ---- warnings: curation hints that never fail a build -----------------------------------------


WARNING_CASES = [
    Case("actor-no-article-mentions",
         {"seeds/actors/zed-zulu.yaml": "name: Zed Zulu\nkind: person\n"},
         "seeds/actors/zed-zulu.yaml:1:7", "no article mentions 'Zed Zulu'"),
    Case("recurring-name-without-profile",
         {"seeds/articles/a2.txt": "The envoy is Maria Lopez.\nThen she met Maria Lopez again.\n", "seeds/articles/a2.yaml": "date: '2023-04-04'\n"},
         "seeds/articles/a2.txt:1", "'Maria Lopez' appears 2 times but matches no actor profile"),
]


@pytest.mark.parametrize("case", WARNING_CASES, ids=[c.id for c in WARNING_CASES])
def test_warnings_are_located_and_exit_zero(make_project, case: Case):
    project = make_case(make_project, case)
    check = briefing("check", cwd=project)
    build = mkdocs_build(project)
    for result in (check, build):
        assert result.code == 0, result.output
        assert "Traceback" not in result.output, result.output
        assert problem_lines(result.output, "error") == [], result.output
        warnings = problem_lines(result.output, "warning")
        assert len(warnings) == 1, result.output
        assert warnings[0].startswith(f"{case.where}: warning: "), warnings[0]
        assert case.phrase in warnings[0], warnings[0]
    assert check.stderr.rstrip().endswith("briefing check: 0 errors, 1 warning"), check.stderr
    assert (project / "site" / "index.html").is_file()


# ---- several defects: all reported in one run, sorted by file then line ------------------------

SIDECAR_TWO_DEFECTS = """\
date: "2023-04"
title: 5
summary: Talks in Freedonia.
tags:
  - diplomacy
  - freedonia
  - talks
  - envoys
  - meetings
outlett: Daily Planet
"""


def test_all_problems_in_one_run_sorted_by_file_then_line(make_project):
    # Found in the order topics/ (read first), then the sidecar's unknown key (line 10) before its bad
    # title (line 2); shown sorted by path, then line as a number (2 before 10).
    project = make_project({**CLEAN, "seeds/topics/peace.yaml": "title: Peace\n", "seeds/articles/a1.yaml": SIDECAR_TWO_DEFECTS})
    expected = [
        "seeds/articles/a1.yaml:2:8: error: 'title' must be text, not a whole number 5",
        "seeds/articles/a1.yaml:10:1: error: unknown key 'outlett' (did you mean 'outlet'?)",
        "seeds/topics/peace.yaml:1:1: error: missing required key 'question' in this file",
    ]
    for result in (briefing("check", cwd=project), mkdocs_build(project)):
        assert result.code == 1, result.output
        assert "Traceback" not in result.output, result.output
        errors = problem_lines(result.output)
        assert len(errors) == 3, result.output
        for line, start in zip(errors, expected):
            assert line.startswith(start), (line, start)
    assert "briefing check: 3 errors, 0 warnings" in briefing("check", cwd=project).stderr


# ---- CI: GitHub annotations --------------------------------------------------------------------


def test_github_actions_annotations(make_project):
    project = make_case(make_project, next(c for c in CASES if c.id == "unknown-key"))
    env = {**ENV, "GITHUB_ACTIONS": "true"}
    annotation = "::error file=seeds/actors/alice-smith.yaml,line=3,col=1::unknown key 'alaises' (did you mean 'aliases'?)"
    check = briefing("check", cwd=project, env=env)
    build = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env)
    for result in (check, build):
        assert result.code == 1, result.output
        assert "Traceback" not in result.output, result.output
        assert any(line.startswith(annotation) for line in result.stdout.splitlines()), result.stdout
        # The plain located line is still there for a person reading the log.
        assert "seeds/actors/alice-smith.yaml:3:1: error: unknown key 'alaises'" in result.output
    # Outside GitHub Actions, no workflow commands.
    assert "::error" not in briefing("check", cwd=project).output


def test_github_annotation_properties_cannot_be_forged_by_a_file_name(make_project):
    """A file name is a property value of the workflow command: its ',' and ':' are encoded, as GitHub's
    toolkit does, so `x,line=99,title=forged::y.yaml` neither adds properties nor ends them early."""
    project = make_project({**CLEAN, "seeds/topics/x,line=99,title=forged::y.yaml": "title: X\nquestion: X?\n"})
    result = briefing("check", cwd=project, env={**ENV, "GITHUB_ACTIONS": "true"})
    assert result.code == 1, result.output
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert any(line.startswith("::error file=seeds/topics/x%2Cline=99%2Ctitle=forged%3A%3Ay.yaml,line=1::")
               for line in annotations), annotations


# ---- a failed build keeps the last good site ----------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failed_build_leaves_previous_site_untouched(make_project):
    project = make_project(CLEAN)
    first = mkdocs_build(project)
    assert first.code == 0, first.output
    before = snapshot(project / "site")
    assert "index.html" in before and "actors/alice-smith/index.html" in before
    (project / "seeds/actors/alice-smith.yaml").write_text("name: Alice Smith\nkind: person\nroles:\n\t- title: Envoy\n", encoding="utf-8")
    second = mkdocs_build(project)
    assert second.code == 1, second.output
    assert "seeds/actors/alice-smith.yaml:4:1: error: YAML syntax: a tab character" in second.stderr
    assert "Traceback" not in second.output
    assert (project / "site/index.html").read_bytes() == before["index.html"]
    assert snapshot(project / "site") == before


# ---- misuse of the command: exit code 2 ---------------------------------------------------------


@pytest.mark.parametrize(
    "args, phrase",
    [
        (["check", "/nonexistent"], "/nonexistent: no such folder"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["generate"], "the following arguments are required: --out"),
        (["new", "actor", "Bad_Name", "--kind", "person"], "'Bad_Name' is not a valid id"),
        (["new", "actor", "bob-jones"], "--kind is required: one of person, state, organization, government-body, group"),
        (["new", "actor", "bob-jones", "--kind", "persn"], "invalid choice: 'persn'"),
    ],
    ids=["check-missing-dir", "unknown-command", "generate-without-out", "new-bad-id", "new-actor-without-kind", "new-bad-kind"],
)
def test_usage_errors_exit_2(make_project, args, phrase):
    project = make_project(CLEAN)
    result = briefing(*args, cwd=project)
    assert result.code == 2, result.output
    assert phrase in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_folder_that_is_not_a_project_is_an_input_error(tmp_path):
    result = briefing("check", str(tmp_path), cwd=tmp_path)
    assert result.code == 1, result.output
    assert "seeds:1: error: no seeds/ folder here" in result.stdout
    assert "Traceback" not in result.output


def test_control_characters_in_values_and_names_never_reach_the_terminal_raw(make_project):
    """A newline in a YAML value must not forge a problem line of its own in CI logs, and an ANSI escape
    in a file name must not recolour or rewrite the terminal: both are shown escaped, one line each."""
    project = make_project({
        **CLEAN,
        **actor('name: Alice Smith\nkind: person\ncountry: "sylvania\\nseeds/forged.yaml:1:1: error: forged"\n'),
        "seeds/topics/\x1b[31mred.yaml": "title: Red\nquestion: Red?\n",
    })
    for result in (briefing("check", cwd=project), mkdocs_build(project)):
        assert "\x1b" not in result.output
        assert not [line for line in result.output.splitlines() if line.startswith("seeds/forged.yaml")], result.output
        errors = problem_lines(result.output, "error")
        assert any(line.startswith(f"{A}:3:10: error: ") and "'sylvania\\nseeds/forged.yaml:1:1: error: forged'" in line for line in errors), errors
        assert any(line.startswith("seeds/topics/\\x1b[31mred.yaml:1: error: ") for line in errors), errors
