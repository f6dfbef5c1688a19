"""The registry of fast paths (generator/fast.py), its one switch, and the runtime version guard
(generator/mkdocs/internals.py)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from generator import fast
from generator.mkdocs import internals, runtime

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_switch(monkeypatch):
    monkeypatch.delenv(fast.ENVIRONMENT, raising=False)
    fast.configure(True)
    fast.forget_taken()
    yield
    fast.configure(True)
    fast.forget_taken()


def test_every_fast_path_named_in_the_code_is_in_the_registry_and_every_registered_one_is_used() -> None:
    used: set[str] = set()
    for path in (REPO / "generator").rglob("*.py"):
        used |= set(re.findall(r'fast\.(?:on|took)\(\s*"([a-z_]+)"', path.read_text(encoding="utf-8")))
        used |= set(re.findall(r'fast\.took\(\s*"([a-z_]+)" if', path.read_text(encoding="utf-8")))
        used |= set(re.findall(r'else "([a-z_]+)"\)', path.read_text(encoding="utf-8")))
    assert used <= set(fast.PATHS), used - set(fast.PATHS)
    assert set(fast.PATHS) <= used, set(fast.PATHS) - used


def test_every_registered_path_names_a_module_and_a_test_that_exist() -> None:
    for path in fast.PATHS.values():
        assert (REPO / "generator" / path.where).is_file(), path
        for test in re.findall(r"tests/[\w/]+\.py", path.test):
            assert (REPO / test).is_file(), (path.name, test)


@pytest.mark.parametrize("word", ["0", "false", "No", "off "])
def test_the_environment_turns_every_path_off(monkeypatch, word: str) -> None:
    monkeypatch.setenv(fast.ENVIRONMENT, word)
    assert not fast.enabled()
    assert not any(fast.on(name) for name in fast.PATHS)
    assert fast.report() == "briefing: fast paths: off (plain path)"


def test_the_project_setting_turns_every_path_off_and_the_environment_cannot_turn_it_back_on(monkeypatch) -> None:
    fast.configure(False)
    monkeypatch.setenv(fast.ENVIRONMENT, "1")
    assert not any(fast.on(name) for name in fast.PATHS)
    fast.configure(True)
    assert all(fast.on(name) for name in fast.PATHS)


def test_an_unknown_name_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match="no fast path named"):
        fast.on("warp_drive")


def test_taken_paths_are_counted_and_reported() -> None:
    fast.took("libyaml")
    fast.took("libyaml")
    fast.took("two_processes", 3)
    assert fast.taken() == {"libyaml": 2, "two_processes": 3}
    assert fast.report() == "briefing: fast paths taken: libyaml 2, two_processes 3"


def test_the_core_memos_follow_the_switch(tmp_path: Path) -> None:
    """With the switch off, the parse cache and the link memo are not used (the plain path)."""
    from generator.load.located_yaml import parse_yaml
    from generator.pages.site import relative_path, relative_path_finder
    from generator.problems import Problems

    fast.configure(False)
    parse_yaml("name: A\n", "a.yaml", Problems())
    assert relative_path_finder() is relative_path
    assert fast.taken() == {}
    fast.configure(True)
    parse_yaml("name: A\n", "a.yaml", Problems())
    assert relative_path_finder() is not relative_path
    assert set(fast.taken()) == {"libyaml", "link_memo"}


def test_the_version_guard_turns_the_speedups_off_on_an_unknown_runtime_and_says_so_once(monkeypatch, caplog) -> None:
    monkeypatch.setattr(runtime, "version", lambda: "2.0.0")
    monkeypatch.setattr(internals, "_warned", False)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        assert internals.speedups_allowed() is False
        assert internals.speedups_allowed() is False
    notes = [r.getMessage() for r in caplog.records if "speed-ups off" in r.getMessage()]
    assert notes == [f"briefing: speed-ups off: {runtime.name()} 2.0.0 is not a version they were checked against (the site is the same, built the plain way)"]


def test_the_version_guard_knows_the_installed_runtime() -> None:
    assert internals.unknown_runtime() is None
    assert internals.speedups_allowed() is True
