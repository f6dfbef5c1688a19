"""ProperDocs (`properdocs`, the maintained fork of MkDocs 1.x) is a runtime as MkDocs is.

- This repository and a synthetic briefing, each built fast (the plugin's speed-ups on) and plain
  (`fast_pages: false`), give under `properdocs build` every file MkDocs gives, byte for byte (the
  sitemap and the generator `<meta>` tag, which names the runtime's version, aside), and the same
  warnings in the same order.
- `properdocs build --strict` with a broken link fails every time, fresh each time, with the speed-ups
  on: a warning logged while pages are converted ahead is counted (ProperDocs logs under its own
  logger, generator/mkdocs/runtime.py).
- `properdocs serve` shows a saved seed edit.
- (marked `runtimes`, slow: a virtualenv of its own) With ProperDocs and Material installed and MkDocs
  not, `briefing serve`, `python -m generator` and `properdocs build --strict` work.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest

from conftest import ENV, REPO, new_project, run

sys.path.insert(0, str(REPO / "scripts" / "bench"))
from make_corpus import make_corpus  # noqa: E402

pytest.importorskip("properdocs", reason="ProperDocs not installed: pip install -e '.[test]'")

MKDOCS = [sys.executable, "-m", "mkdocs"]
PROPERDOCS = [sys.executable, "-m", "properdocs"]
RUNTIMES = {"mkdocs": MKDOCS, "properdocs": PROPERDOCS}
BROKEN_LINK = "\nSee [a page that is not there](missing-page.md).\n"
BROKEN_WARNING = "contains a link 'missing-page.md', but the target is not found"
# A hand-written page whose links both runtimes warn about.
NOTES = """\
# Notes

See [a page that is not there](missing.md), [an anchor that is not there](actors/index.md#nowhere)
and [the actors](actors/index.md).
"""
GENERATOR = re.compile(rb'(<meta name="generator" content=")mkdocs-[^",]*')
WAIT = 60  # seconds, for any one thing a server does


def build(runtime: str, project: Path, config: str, site: str, *options: str) -> tuple[int, str]:
    done = run([*RUNTIMES[runtime], "build", "-f", config, "-d", site, *options], cwd=project, timeout=600)
    assert "Traceback" not in done.output, done.output
    return done.code, done.output


def files_of(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the sitemap (dates), the generator tag's runtime version blanked."""
    return {
        str(path.relative_to(site)): GENERATOR.sub(rb"\1mkdocs-*", path.read_bytes()) if path.suffix == ".html" else path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.name.startswith("sitemap.xml")
    }


def warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def variant(project: Path, fast: bool) -> str:
    """The project's mkdocs.yml, or a copy with the speed-ups off (`fast_pages: false`)."""
    if fast:
        return "mkdocs.yml"
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plain = text.replace("  - briefing:\n", "  - briefing:\n      fast_pages: false\n")
    if plain == text:
        plain = text.replace("  - briefing\n", "  - briefing:\n      fast_pages: false\n")
    assert plain.count("fast_pages: false") == 1, text
    (project / "plain.yml").write_text(plain, encoding="utf-8")
    return "plain.yml"


def assert_same_under_both(project: Path, config: str, *options: str) -> list[str]:
    """Build with each runtime; the same files, byte for byte, and the same warnings. Returns them."""
    name = Path(config).stem
    code_m, out_m = build("mkdocs", project, config, f"site-{name}-mkdocs", *options)
    code_p, out_p = build("properdocs", project, config, f"site-{name}-properdocs", *options)
    assert (code_m, code_p) == (0, 0), out_m + out_p
    mkdocs_site = files_of(project / f"site-{name}-mkdocs")
    properdocs_site = files_of(project / f"site-{name}-properdocs")
    assert sorted(mkdocs_site) == sorted(properdocs_site)
    different = [path for path in mkdocs_site if mkdocs_site[path] != properdocs_site[path]]
    assert not different, f"{len(different)} of {len(mkdocs_site)} files differ, first {different[:5]}"
    assert len(mkdocs_site) > 20
    assert warnings(out_m) == warnings(out_p)
    return warnings(out_m)


def this_repository(root: Path, broken_link: bool = False) -> Path:
    for folder in ("seeds", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if broken_link:
        with open(root / "docs" / "index.md", "a", encoding="utf-8") as index:
            index.write(BROKEN_LINK)
    return root


def synthetic(root: Path) -> Path:
    """40 articles with the tags plugin and Material's search on (`search: material`: the search
    entries' speed-up too), and a page with a broken link and a missing anchor."""
    make_corpus(40, root, 14, seed=5)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - tags\n  - briefing\n" in text, text
    plugins = "  - search\n  - tags\n  - briefing:\n      search: material\n"
    config.write_text(text.replace("  - tags\n  - briefing\n", plugins), encoding="utf-8")
    (root / "docs" / "notes.md").write_text(NOTES, encoding="utf-8")
    return root


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "plain"])
def test_this_repository_is_the_same_site_under_mkdocs_and_properdocs(tmp_path: Path, fast: bool) -> None:
    project = this_repository(tmp_path / "project")
    assert assert_same_under_both(project, variant(project, fast), "--strict") == []


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "plain"])
def test_a_synthetic_briefing_is_the_same_site_under_mkdocs_and_properdocs(tmp_path: Path, fast: bool) -> None:
    project = synthetic(tmp_path / "project")
    config = variant(project, fast)
    said = assert_same_under_both(project, config)
    assert any("missing.md" in line for line in said) and any("nowhere" in line for line in said), said
    assert (project / f"site-{Path(config).stem}-mkdocs" / "search" / "search_index.json").is_file()
    if fast:  # the speed-ups really ran under ProperDocs: a second process themed the later pages
        code, output = build("properdocs", project, config, "site-verbose", "--verbose")
        themed = re.search(r"briefing: (\d+) of (\d+) pages themed by a second process", output)
        assert code == 0 and themed and 0 < int(themed[2]) and int(themed[1]) == int(themed[2]), output[-3000:]


def test_a_broken_link_fails_properdocs_strict_every_time(tmp_path: Path) -> None:
    """Fresh project, fresh process, speed-ups on: exit 1 and the warning, six times of six, as MkDocs."""
    codes = []
    for attempt in range(6):
        project = this_repository(tmp_path / f"project-{attempt}", broken_link=True)
        code, output = build("properdocs", project, "mkdocs.yml", "site", "--strict")
        assert BROKEN_WARNING in output, output
        codes.append(code)
    project = this_repository(tmp_path / "project-mkdocs", broken_link=True)
    code_m, out_m = build("mkdocs", project, "mkdocs.yml", "site", "--strict")
    assert codes == [1] * 6 and code_m == 1, (codes, code_m)
    assert warnings(output) == warnings(out_m), (output, out_m)
    assert len(warnings(out_m)) == 1 and BROKEN_WARNING in warnings(out_m)[0], out_m


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A serve command as a child process; its output collected; stopped by `stop()` whatever happened."""

    def __init__(self, command: list[str], project: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{self.port}"], cwd=project, env=env or ENV,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1, start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_page(self, page: str, text: str, timeout: float = WAIT) -> float:
        """Seconds until `page` shows `text`."""
        start = time.monotonic()
        last = ""
        while True:
            assert self.proc.poll() is None, f"the server exited ({self.proc.returncode}):\n{self.output}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{page}", timeout=5) as response:
                    last = response.read().decode("utf-8")
                if text in last:
                    return time.monotonic() - start
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                last = repr(error)
            assert time.monotonic() - start < timeout, f"{page} never showed {text!r}; last: {last[:300]}\n{self.output}"
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


ALICE = "name: Alice Smith\nkind: person\nsummary: {summary}\n"
SMALL = {
    "seeds/articles/a1.txt": "Alice Smith met the envoys on Monday.\nShe said the talks were calm.\n",
    "seeds/actors/alice-smith.yaml": ALICE.format(summary="A career diplomat."),
}


def small_project(root: Path) -> Path:
    return new_project(root, SMALL)


def assert_serves_an_edit(command: list[str], project: Path, env: dict[str, str] | None = None) -> float:
    server = Server(command, project, env)
    try:
        server.wait_for_page("actors/alice-smith/", "A career diplomat.")
        (project / "seeds/actors/alice-smith.yaml").write_text(ALICE.format(summary="Now an envoy."), encoding="utf-8")
        seconds = server.wait_for_page("actors/alice-smith/", "Now an envoy.")
        assert "Traceback" not in server.output, server.output
        return seconds
    finally:
        server.stop()


def test_properdocs_serve_shows_a_seed_edit(tmp_path: Path) -> None:
    assert_serves_an_edit([*PROPERDOCS, "serve", "-f", "mkdocs.yml"], small_project(tmp_path / "project"))


def test_the_runtime_is_mkdocs_where_both_are_installed(tmp_path: Path) -> None:
    done = run([sys.executable, "-c", "import generator.mkdocs.runtime as r; print(r.name())"], cwd=tmp_path)
    assert done.stdout.strip() == "mkdocs", done.output


def _requirements(distribution: str, leave_out: set[str]) -> list[str]:
    """`distribution`'s own requirements (no extras, none for another platform), but `leave_out`."""
    from packaging.requirements import Requirement

    kept = []
    for text in metadata.requires(distribution) or []:
        requirement = Requirement(text)
        if requirement.name.lower() in leave_out:
            continue
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        requirement.marker = None
        kept.append(str(requirement))
    return kept


@pytest.mark.runtimes
def test_briefing_serve_with_properdocs_alone(tmp_path: Path) -> None:
    """A virtualenv of its own: ProperDocs and Material (without its `mkdocs` requirement), this project
    (without `mkdocs`), everything else they need. `import mkdocs` fails there; `briefing serve`,
    `python -m generator` and `properdocs build --strict` work."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    pinned = [f"properdocs=={metadata.version('properdocs')}", f"mkdocs-material=={metadata.version('mkdocs-material')}"]
    reach = subprocess.run([*pip, "--dry-run", "--no-deps", "--ignore-installed", *pinned], capture_output=True, text=True, timeout=300)
    if reach.returncode != 0:
        pytest.skip(f"the package index is unreachable (pip: {reach.stderr.strip().splitlines()[-1:]})")
    # This project's source alone (pip would write build/ and *.egg-info/ into the checkout).
    source = tmp_path / "source"
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(REPO / name, source / name)
    runtimes = {"mkdocs", "mkdocs-material", "properdocs", "briefing"}
    needed = sorted({*_requirements("properdocs", runtimes), *_requirements("mkdocs-material", runtimes),
                     *_requirements("briefing", runtimes)})
    for step in ([*pip, *needed], [*pip, "--no-deps", *pinned, str(source)]):
        done = subprocess.run(step, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stdout + done.stderr
    env = {**ENV, "PATH": f"{venv / 'bin'}{os.pathsep}{ENV.get('PATH', '')}"}
    env.pop("PYTHONPATH", None)
    project = small_project(tmp_path / "project")
    alone = run([python, "-c", "import importlib.util as u; print(u.find_spec('mkdocs'))"], cwd=project, env=env)
    assert alone.stdout.strip() == "None", alone.output  # MkDocs is not installed
    version = run([python, "-m", "generator", "--version"], cwd=project, env=env)
    assert version.code == 0, version.output
    named = run([python, "-c", "import generator.mkdocs.runtime as r; print(r.name(), r.version())"], cwd=project, env=env)
    assert named.stdout.split() == ["properdocs", metadata.version("properdocs")], named.output
    built = run([str(venv / "bin" / "properdocs"), "build", "--strict", "-f", "mkdocs.yml"], cwd=project, env=env, timeout=600)
    assert built.code == 0 and "Traceback" not in built.output, built.output
    assert_serves_an_edit([str(venv / "bin" / "briefing"), "serve", "--verbose"], project, env)
