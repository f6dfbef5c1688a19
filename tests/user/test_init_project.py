"""`briefing init` makes a complete project (issue 22): a team pushes it and works in pull requests the
same day. The project runs its own CI workflow's steps and they pass; its pre-commit hook exists; its
pin is the version that made it; `init --help` lists what it writes; no template names this
repository's ids; `briefing check > file` keeps the findings."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ENV, REPO, SEED, briefing

from generator import __version__


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    parent = tmp_path_factory.mktemp("init")
    made = briefing("init", "red-sea", "--tool-source", "https://git.example.org/tools/briefing.git", cwd=parent)
    assert made.code == 0, made.output
    assert "warning" not in made.stderr, made.stderr  # a known source: nothing to fix before pushing
    return parent / "red-sea"


def written(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def workflow(root: Path) -> dict:
    return yaml.safe_load((root / ".github/workflows/briefing.yml").read_text(encoding="utf-8"))


def ci_script(root: Path) -> str:
    """The `run:` steps of the workflow's check-and-build job, as one shell script. The install step
    is the one left out: it would fetch the pinned tool from its repository (network). In its place
    the script runs with this test's virtual environment (the tool under test) first on PATH."""
    steps = workflow(root)["jobs"]["check-and-build"]["steps"]
    commands = [step["run"] for step in steps if "run" in step]
    install = [command for command in commands if "pip install" in command]
    assert install == ["python -m pip install -r requirements.txt"], commands
    rest = [command for command in commands if command not in install]
    assert rest == ["briefing check", "mkdocs build --strict"], commands
    assert not any("${{" in command for command in rest)
    return "set -e\n" + "\n".join(rest) + "\n"


def run_ci(root: Path) -> subprocess.CompletedProcess:
    env = {**ENV, **workflow(root)["jobs"]["check-and-build"].get("env", {})}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["GITHUB_ACTIONS"] = "true"  # as on GitHub: problems are annotations too
    return subprocess.run(["bash", "-c", ci_script(root)], cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_the_workflow_checks_pull_requests_and_deploys_the_default_branch_to_pages(project):
    flow = workflow(project)
    on = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in on and "push" in on
    check_job, deploy = flow["jobs"]["check-and-build"], flow["jobs"]["deploy"]
    upload = [step for step in check_job["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(upload) == 1 and upload[0]["with"]["path"] == "site/"
    assert "github.event.repository.default_branch" in upload[0]["if"] and "pull_request" in upload[0]["if"]
    assert deploy["needs"] == "check-and-build" and deploy["if"] == upload[0]["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert flow["permissions"] == {"contents": "read"}  # pull requests get no write access
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"] for step in deploy["steps"]] == ["actions/deploy-pages@v4"]


def test_a_new_project_passes_its_own_ci_steps_and_an_error_fails_them_with_an_annotation(project, tmp_path):
    done = run_ci(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "site/index.html").is_file() and (project / "site/contributing/index.html").is_file()
    # init's placeholders are warnings: annotations, not failures.
    assert "::warning file=mkdocs.yml,line=2::site_url is still init's placeholder" in done.stdout

    # The same steps on the project with an article, an actor and a position quoting it: still green.
    work = tmp_path / "work"
    shutil.copytree(project, work, ignore=shutil.ignore_patterns("site"))
    (work / "seeds/articles/2023-04-wire.txt").write_bytes(SEED.read_bytes())
    (work / "seeds/topics/talks.yaml").write_text('title: Talks\nquestion: "Should talks start now?"\n', encoding="utf-8")
    actor = ("name: Wang Yi\nkind: person\naliases: [Beijing]\npositions:\n  - topic: talks\n    stance: supports\n"
             "    sources:\n      - article: 2023-04-wire\n        quote: \"China called for peace talks\"\n")
    (work / "seeds/actors/wang-yi.yaml").write_text(actor, encoding="utf-8")
    done = run_ci(work)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (work / "site/actors/wang-yi/index.html").is_file()

    # A near miss: one wrong value fails the check step, located and annotated, and nothing is built.
    shutil.rmtree(work / "site")
    (work / "seeds/actors/wang-yi.yaml").write_text(actor.replace("kind: person", "kind: persn"), encoding="utf-8")
    done = run_ci(work)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "seeds/actors/wang-yi.yaml:2:7: error: 'kind' is 'persn' (did you mean 'person'?)" in done.stdout
    assert "::error file=seeds/actors/wang-yi.yaml,line=2,col=7::'kind' is 'persn'" in done.stdout
    assert not (work / "site").exists()


def test_pre_commit_uses_this_repositorys_hook_at_the_pinned_version(project):
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert {hook["id"] for hook in repo["hooks"]} <= {hook["id"] for hook in hooks}
    assert repo["repo"] == "https://git.example.org/tools/briefing.git" and repo["rev"] == f"v{__version__}"


def test_the_pin_is_the_version_that_made_the_project_and_briefing_version_names_it(project):
    lines = [line for line in (project / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines == [f"briefing @ git+https://git.example.org/tools/briefing.git@v{__version__}"]
    pinned = re.fullmatch(r"briefing @ git\+\S+@v(\S+)", lines[0])[1]
    version = briefing("--version", cwd=project)
    assert version.code == 0 and version.stdout.strip() == f"briefing {pinned}", version.output
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert lines[0] in readme and "To upgrade" in readme and ".whl" in readme  # how to install another version


def test_tool_source_forms_become_urls_ci_can_install_from(tmp_path):
    for number, (given, url) in enumerate((("git@github.com:team/briefing.git", "https://github.com/team/briefing.git"),
                       ("ssh://git@git.example.org/team/briefing", "https://git.example.org/team/briefing"),
                       ("git+https://example.org/briefing", "https://example.org/briefing"))):
        folder = tmp_path / f"project-{number}"
        assert briefing("init", str(folder), "--tool-source", given, cwd=tmp_path).code == 0
        assert f"briefing @ git+{url}@v{__version__}" in (folder / "requirements.txt").read_text(encoding="utf-8")


def test_a_tool_that_does_not_know_its_repository_pins_a_placeholder_that_init_and_check_point_out(tmp_path):
    # No PEP 610 git URL (this .venv's install is editable) and no checkout with an origin (GIT_DIR leads nowhere).
    env = {**ENV, "GIT_DIR": str(tmp_path / "no-git")}
    made = briefing("init", "desk", cwd=tmp_path, env=env)
    assert made.code == 0 and "a placeholder" in made.stderr and "--tool-source URL" in made.stderr, made.output
    check = briefing("check", cwd=tmp_path / "desk")
    assert check.code == 0, check.output
    assert "requirements.txt:3: warning: the briefing tool's repository is still init's placeholder" in check.stdout
    assert ".pre-commit-config.yaml:4: warning: the briefing tool's repository is still init's placeholder" in check.stdout
    # Set, the warnings go (a requirement without the TODO mark is taken as set).
    for rel in ("requirements.txt", ".pre-commit-config.yaml"):
        path = tmp_path / "desk" / rel
        text = path.read_text(encoding="utf-8").replace("https://example.invalid/briefing.git", "https://git.example.org/b.git")
        path.write_text(text.replace("  # TODO: the briefing tool's git repository", ""), encoding="utf-8")
    assert "briefing tool's repository" not in briefing("check", cwd=tmp_path / "desk").output


def test_init_help_lists_every_file_init_writes(project):
    shown = briefing("init", "--help", cwd=project)
    assert shown.code == 0
    for rel in written(project):
        if not rel.startswith("site/"):
            assert rel in shown.stdout, rel


def test_no_template_names_an_id_of_this_repository(project, tmp_path):
    ids = {path.stem for folder in ("actors", "topics", "events", "articles") for path in (REPO / "seeds" / folder).iterdir()}
    assert {"china", "china-role", "negotiation-timing", "antony-blinken"} <= ids
    found = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![\w-])")
    texts = {f"skeleton/{path.name}": path.read_text(encoding="utf-8")
             for path in (REPO / "generator/cli/skeleton").iterdir()}
    texts.update({rel: (project / rel).read_text(encoding="utf-8") for rel in written(project) if not rel.startswith("site/")})
    fresh = tmp_path / "fresh"
    assert briefing("init", str(fresh), "--tool-source", "https://example.org/b.git", cwd=tmp_path).code == 0
    for kind in ("actor", "topic", "event"):
        made = briefing("new", kind, f"a-{kind}", *(["--kind", "person"] if kind == "actor" else []), cwd=fresh)
        assert made.code == 0, made.output
        texts[f"new {kind}"] = Path(fresh, made.stdout.strip()).read_text(encoding="utf-8")
    named = {where: found.findall(text) for where, text in texts.items() if found.search(text)}
    assert named == {}


def test_check_findings_go_to_stdout_so_a_redirect_keeps_them(project, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(project, work, ignore=shutil.ignore_patterns("site"))
    (work / "seeds/actors/x.yaml").write_text("name: X\nkind: persn\n", encoding="utf-8")
    env = {**ENV, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{ENV.get('PATH', '')}"}
    done = subprocess.run(["bash", "-c", "briefing check > report.txt"], cwd=work, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    report = (work / "report.txt").read_text(encoding="utf-8")
    assert "seeds/actors/x.yaml:2:7: error: 'kind' is 'persn'" in report
    assert "mkdocs.yml:2: warning: site_url" in report
    assert done.stderr.strip() == "briefing check: 1 error, 2 warnings", done.stderr
