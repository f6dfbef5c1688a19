"""What each speed-up does when its machinery fails: the work is still done, the same way, or the
failure is a plain message, never a hang, a half result or something left behind.

- session/processes.py: no temporary file, no process (fork fails), a child that dies without a
  result, a child that leaves through SystemExit, a failure on either side of `run_all`;
- mkdocs/speedups/theming_in_parallel.py: the copy that stops early, fails a page, cannot be forked;
- mkdocs/speedups/conversions.py and search_entries.py: a kept result whose key does not match is
  never used (a real conversion, the search plugin's own entries);
- mkdocs/site_folder.py: an old site that is a link, a file, holds links, or cannot be cleared in
  the background.

Each failure is simulated in this process with monkeypatch (os.fork raising, os._exit in a child, ...).
"""

from __future__ import annotations

import errno
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.mkdocs import site_folder
from generator.mkdocs.site_folder import OldSite, check_site_dir
from generator.mkdocs.speedups import conversions, search_entries, theming_in_parallel
from generator.mkdocs.speedups.conversions import RenderCache
from generator.mkdocs.speedups.search_entries import SearchCache, page_key
from generator.mkdocs.speedups.theming_in_parallel import ThemedAhead, later_share
from generator.problems import Problems
from generator.session import processes


@pytest.fixture
def own_tempdir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Temporary files in a folder of the test's own, to see that none is left behind."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def no_process(*args, **kwargs):  # type: ignore[no-untyped-def]
    raise OSError(errno.EAGAIN, "Resource temporarily unavailable")


# ---- session/processes.py -------------------------------------------------------------------------


def test_without_a_temporary_file_the_work_is_done_here_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_file(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", no_file)
    done: list[int] = []
    wait = processes.in_child(lambda: done.append(os.getpid()) or "result")
    assert done == []  # not yet: when the result is asked for
    assert wait() == "result"
    assert done == [os.getpid()]


def test_when_fork_fails_the_work_is_done_here_and_no_temporary_file_is_left(monkeypatch: pytest.MonkeyPatch, own_tempdir: Path) -> None:
    monkeypatch.setattr(os, "fork", no_process)
    done: list[int] = []
    wait = processes.in_child(lambda: done.append(os.getpid()) or {"pages": 3})
    assert list(own_tempdir.iterdir()) == []
    assert wait() == {"pages": 3}
    assert done == [os.getpid()]


@pytest.mark.parametrize("how", ["exit", "killed"])
def test_a_child_that_dies_without_a_result_is_a_plain_error(own_tempdir: Path, how: str) -> None:
    def die() -> None:
        if how == "exit":
            os._exit(3)
        os.kill(os.getpid(), signal.SIGKILL)

    wait = processes.in_child(die)
    with pytest.raises(RuntimeError) as failure:
        wait()
    message = str(failure.value)
    assert "the second process stopped without a result" in message
    assert "`--jobs 1` makes the pages in one process" in message  # what the user can do about it
    assert "Traceback" not in message
    assert list(own_tempdir.iterdir()) == []  # its result file is removed all the same


def test_a_child_that_leaves_through_system_exit_reports_it(own_tempdir: Path) -> None:
    wait = processes.in_child(lambda: sys.exit(5))
    with pytest.raises(RuntimeError, match="making pages failed in the second process") as failure:
        wait()
    assert "SystemExit: 5" in str(failure.value)
    assert list(own_tempdir.iterdir()) == []


def test_a_result_that_cannot_be_sent_back_is_a_plain_error(own_tempdir: Path) -> None:
    wait = processes.in_child(lambda: threading.Lock())  # a lock cannot be pickled
    with pytest.raises(RuntimeError, match="the second process stopped without a result"):
        wait()
    assert list(own_tempdir.iterdir()) == []


def test_run_all_waits_for_every_child_before_raising_a_failure_here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(processes, "available", lambda: True)  # the gate is tested below: here, what run_all does
    marker = tmp_path / "child-finished"

    def here() -> None:
        raise ValueError("failed in this process")

    def child() -> str:
        time.sleep(0.5)
        marker.write_text("done", encoding="utf-8")
        return "child"

    with pytest.raises(ValueError, match="failed in this process"):
        processes.run_all([here, child])
    assert marker.read_text(encoding="utf-8") == "done"  # the child had finished when the error came


def test_run_all_raises_a_childs_failure_after_the_others_are_done(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "available", lambda: True)
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        processes.run_all([lambda: "here", lambda: 1 / 0, lambda: "other child"])
    assert processes.run_all([lambda: 1, lambda: 2, lambda: 3]) == [1, 2, 3]


def test_run_all_without_a_second_process_works_here_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "available", lambda: False)
    order: list[tuple[str, int]] = []
    results = processes.run_all([lambda name=name: order.append((name, os.getpid())) or name for name in "abc"])
    assert results == ["a", "b", "c"]
    assert order == [("a", os.getpid()), ("b", os.getpid()), ("c", os.getpid())]


def test_cores_follow_the_cpu_affinity_not_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert processes.cores() == 1
    assert not processes.available()  # one core: no second process, whatever the machine has
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 5}, raising=False)
    assert processes.cores() == 2
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)  # a system without affinity
    assert processes.cores() == 64


def test_no_second_process_while_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "cores", lambda: 2)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # whatever threads the test runner keeps
    assert processes.available()
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # a server's threads (`mkdocs serve`)
    assert not processes.available()
    monkeypatch.delattr(os, "fork")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert not processes.available()


# ---- mkdocs/speedups/theming_in_parallel.py ---------------------------------------------------------

URIS = [f"page{i}.md" for i in range(6)]


def themed(uri: str) -> tuple[tuple, str]:
    return (("key", uri), f"<html>{uri}</html>")


def test_the_copy_that_stops_early_leaves_the_remaining_pages_to_mkdocs() -> None:
    def theme(uri: str):  # type: ignore[no-untyped-def]
        if uri == "page2.md":
            os._exit(0)  # the copy dies here (killed, out of memory): pages 2 and after are themed by MkDocs
        return themed(uri)

    ahead = ThemedAhead(URIS, theme)
    try:
        assert ahead.take("page0.md") == themed("page0.md")
        assert ahead.take("page1.md") == themed("page1.md")
        assert [ahead.take(uri) for uri in URIS[2:]] == [None] * 4
        assert not ahead.copy.started and ahead.copy.pid == 0  # the copy was waited for and its file closed
    finally:
        ahead.close()


def test_a_page_the_copy_fails_is_themed_by_mkdocs_and_the_others_still_come() -> None:
    def theme(uri: str):  # type: ignore[no-untyped-def]
        if uri == "page1.md":
            raise ValueError("a template error")
        return None if uri == "page3.md" else themed(uri)  # None: the page logged a message

    ahead = ThemedAhead(URIS, theme)
    try:
        assert [ahead.take(uri) for uri in URIS] == [themed("page0.md"), None, themed("page2.md"), None, themed("page4.md"), themed("page5.md")]
    finally:
        ahead.close()


def test_pages_asked_out_of_order_or_not_in_the_share_are_themed_by_mkdocs() -> None:
    ahead = ThemedAhead(URIS, themed)
    try:
        assert ahead.take("index.md") is None  # an earlier page: MkDocs' own share
        assert ahead.take("page2.md") == themed("page2.md")  # pages 0 and 1 skipped (a plugin left them out)
        assert ahead.take("page0.md") is None and ahead.take("page1.md") is None
        assert ahead.take("page3.md") == themed("page3.md")
    finally:
        ahead.close()
    assert ahead.take("page4.md") is None  # closed: nothing more is read


@pytest.mark.parametrize("failing", ["fork", "mkstemp"])
def test_without_a_copy_every_page_is_themed_by_mkdocs(monkeypatch: pytest.MonkeyPatch, own_tempdir: Path, failing: str) -> None:
    if failing == "fork":
        monkeypatch.setattr(os, "fork", no_process)
    else:
        monkeypatch.setattr(tempfile, "mkstemp", no_process)
    ahead = ThemedAhead(URIS, themed)
    assert not ahead.copy.started and ahead.copy.pid == 0
    assert [ahead.take(uri) for uri in URIS] == [None] * len(URIS)
    ahead.close()
    assert list(own_tempdir.iterdir()) == []


def test_closing_kills_a_copy_still_theming() -> None:
    def slow(uri: str):  # type: ignore[no-untyped-def]
        time.sleep(30)
        return themed(uri)

    ahead = ThemedAhead(URIS, slow)
    pid = ahead.copy.pid
    assert pid
    started = time.monotonic()
    ahead.close()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left


def test_the_later_share_holds_about_half_the_html() -> None:
    assert later_share([]) == 0
    assert later_share([10]) == 1  # one page: MkDocs themes it
    assert later_share([50, 10, 10, 10, 10, 10]) == 1
    assert later_share([10] * 10) == 5
    assert theming_in_parallel.FIRST_SHARE == 0.5


# ---- mkdocs/speedups/conversions.py and search_entries.py -----------------------------------------


@pytest.fixture
def mkdocs_pages(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A MkDocs configuration, its files (a home page linking to b.md, and b.md) and the home page, read."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nvalidation:\n  links:\n    not_found: warn\n", encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))

    def make(home: str = "# Home\n\nSee [b](b.md).\n", with_b: bool = True) -> tuple:
        (tmp_path / "docs" / "index.md").write_text(home, encoding="utf-8")
        (tmp_path / "docs" / "b.md").write_text("# B\n", encoding="utf-8")
        files = Files([File(name, config.docs_dir, config.site_dir, config.use_directory_urls)
                       for name in ("index.md", "b.md") if with_b or name == "index.md"])
        page = Page(None, files.get_file_from_path("index.md"), config)
        page.read_source(config)
        return config, files, page

    return make


def test_a_kept_conversion_is_used_only_when_its_key_matches(mkdocs_pages, caplog: pytest.LogCaptureFixture) -> None:
    config, files, page = mkdocs_pages()
    signature = conversions.signature(config)
    cache = RenderCache(keep=True)
    cache.render(page, config, files, signature)
    assert (cache.hits, cache.misses) == (0, 1) and 'href="b/"' in page.content
    again = Page(None, page.file, config)
    again.read_source(config)
    cache.render(again, config, files, signature)
    assert (cache.hits, cache.misses) == (1, 1) and again.content == page.content

    # A kept result made with other Markdown settings (or for another MkDocs): converted again.
    stale = cache.entries["index.md"]
    stale.content, stale.signature = "<p>STALE</p>", "another signature"
    third = Page(None, page.file, config)
    third.read_source(config)
    cache.render(third, config, files, signature)
    assert (cache.hits, cache.misses) == (1, 2) and third.content == page.content

    # The same Markdown, but the file it links to is gone: converted again, with MkDocs' own warning.
    config, files, gone = mkdocs_pages(with_b=False)
    cache.entries["index.md"].content = "<p>STALE</p>"  # would show if it were used
    with caplog.at_level(logging.WARNING):
        cache.render(gone, config, files, signature)
    assert (cache.hits, cache.misses) == (1, 3) and "STALE" not in gone.content
    assert "b.md" in caplog.text

    # Other Markdown: converted again.
    config, files, edited = mkdocs_pages(home="# Home\n\nSee [b](b.md) again.\n")
    cache.entries["index.md"].content = "<p>STALE</p>"
    cache.render(edited, config, files, signature)
    assert (cache.hits, cache.misses) == (1, 4) and "again" in edited.content and "STALE" not in edited.content


def test_a_one_off_builds_conversion_is_used_once(mkdocs_pages) -> None:
    config, files, page = mkdocs_pages()
    signature = conversions.signature(config)
    cache = RenderCache(keep=False)
    cache.put(conversions.render(page, config, files, signature))
    first = Page(None, page.file, config)
    first.read_source(config)
    cache.render(first, config, files, signature)
    second = Page(None, page.file, config)
    second.read_source(config)
    cache.render(second, config, files, signature)
    assert (cache.hits, cache.misses) == (1, 1) and cache.entries == {}
    assert first.content == second.content == page.content


def test_a_kept_conversion_logs_its_warnings_again(mkdocs_pages, caplog: pytest.LogCaptureFixture) -> None:
    config, files, page = mkdocs_pages(with_b=False)
    signature = conversions.signature(config)
    with caplog.at_level(logging.WARNING):
        entry = conversions.render(page, config, files, signature)
    said = [record.getMessage() for record in caplog.records if "b.md" in record.getMessage()]
    assert said and entry.messages
    caplog.clear()
    cache = RenderCache(keep=True)
    cache.put(entry)
    again = Page(None, page.file, config)
    again.read_source(config)
    with caplog.at_level(logging.WARNING):
        cache.render(again, config, files, signature)
    assert cache.hits == 1
    assert [record.getMessage() for record in caplog.records if "b.md" in record.getMessage()] == said  # --strict counts it


class FakeIndex:
    """A search index as search_entries.py sees one: `entries` and `add_entry_from_context(page)`."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.made = 0

    def add_entry_from_context(self, page: Page) -> None:
        self.made += 1
        self.entries.append({"location": page.url, "text": page.content})


def test_kept_search_entries_are_used_only_for_the_page_they_were_made_of(mkdocs_pages) -> None:
    config, files, page = mkdocs_pages()
    page.render(config, files)
    for keep in (True, False):
        cache, index = SearchCache(keep=keep), FakeIndex()
        cache.store("search", page.url, page_key(page), [{"location": page.url, "text": "kept entry"}])
        cache.wrap("search", index)
        index.add_entry_from_context(page)
        assert index.entries == [{"location": page.url, "text": "kept entry"}] and index.made == 0
        page.content += "<p>changed</p>"  # the key no longer matches: the plugin's own entry
        index.add_entry_from_context(page)
        assert index.made == 1 and index.entries[-1] == {"location": page.url, "text": page.content}
        assert (cache.hits, cache.misses) == (1, 1)


def test_a_plugin_without_an_index_of_that_shape_is_left_alone(mkdocs_pages) -> None:
    config, _, _ = mkdocs_pages()

    class NoList:
        search_index = type("Index", (), {"entries": (), "add_entry_from_context": lambda self, page: None})()

    config.plugins["odd"] = NoList()  # type: ignore[assignment]
    assert [name for name, _ in search_entries.indexes(config)] == []


# ---- mkdocs/site_folder.py -------------------------------------------------------------------------


def tree(folder: Path) -> dict[str, object]:
    return {str(p.relative_to(folder)): (os.readlink(p) if p.is_symlink() else p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the site that no clearing may touch."""
    folder = tmp_path / "elsewhere"
    (folder / "deep").mkdir(parents=True)
    (folder / "secret.txt").write_text("keep me", encoding="utf-8")
    (folder / "deep" / "file.txt").write_text("and me", encoding="utf-8")
    return folder


def test_an_old_site_that_is_a_link_is_refused_and_nothing_is_removed(tmp_path: Path, elsewhere: Path) -> None:
    site = tmp_path / "site"
    site.symlink_to(elsewhere, target_is_directory=True)
    before = tree(elsewhere)
    with pytest.raises(OSError, match="is not a folder the build can clear .*nothing was removed"):
        OldSite(str(site), background=True)
    assert site.is_symlink() and tree(elsewhere) == before
    problems = Problems()
    check_site_dir(tmp_path, site, problems)
    assert [p.message for p in problems.errors()] and "is a link" in problems.errors()[0].message


def test_a_folder_on_the_way_to_the_site_that_is_a_link_is_an_error(tmp_path: Path, elsewhere: Path) -> None:
    (tmp_path / "out").symlink_to(elsewhere, target_is_directory=True)
    problems = Problems()
    check_site_dir(tmp_path, tmp_path / "out" / "site", problems)
    assert "is inside out, a link" in problems.errors()[0].message


def test_an_old_site_that_is_a_file_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError, match="is not a folder the build can clear"):
        OldSite(str(site), background=False)
    assert site.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("background", [True, False])
def test_links_in_the_old_site_go_as_links(tmp_path: Path, elsewhere: Path, background: bool) -> None:
    site = tmp_path / "site"
    (site / "folder").mkdir(parents=True)
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / "linked").symlink_to(elsewhere, target_is_directory=True)
    (site / "folder" / "inner").symlink_to(elsewhere / "secret.txt")
    (site / f"{site_folder.TRASH}-0").symlink_to(elsewhere, target_is_directory=True)  # planted under the trash's name
    (site / ".nojekyll").write_text("", encoding="utf-8")
    before = tree(elsewhere)
    OldSite(str(site), background=background).wait()
    assert sorted(p.name for p in site.iterdir()) == [".nojekyll"]
    assert tree(elsewhere) == before


def test_without_a_background_process_the_old_site_is_removed_here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "b" / "index.html").write_text("old", encoding="utf-8")
    monkeypatch.setattr(subprocess, "Popen", no_process)
    old = OldSite(str(site), background=True)
    assert old.process is None
    assert list(site.iterdir()) == []


def test_an_entry_that_cannot_be_moved_aside_is_removed_in_place(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "stuck").mkdir(parents=True)
    (site / "stuck" / "index.html").write_text("old", encoding="utf-8")
    (site / "moves.html").write_text("old", encoding="utf-8")
    rename = os.rename

    def rename_except_stuck(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        if src == "stuck":
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rename", rename_except_stuck)
    OldSite(str(site), background=True).wait()
    assert list(site.iterdir()) == []


def test_a_dirty_build_keeps_the_files_but_drops_hidden_entries_and_links(tmp_path: Path, elsewhere: Path) -> None:
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text("old", encoding="utf-8")
    (site / "page" / "leak").symlink_to(elsewhere / "secret.txt")
    (site / ".hidden").write_text("x", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    before = tree(elsewhere)
    OldSite(str(site), background=True, dirty=True).wait()
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*")) == [".git", ".git/HEAD", ".nojekyll", "page", "page/index.html"]
    assert tree(elsewhere) == before
