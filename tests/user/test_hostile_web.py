"""Issue 21, findings 8-10, at the user's level: what a pull request's files can make the built site's
search show and its links do, and what a page of another site can make `briefing serve` answer.

- 8: text that looks escaped (`&lt;img …&gt;`) reads as written in a search excerpt in Chromium, not
  decoded once more (pagefind.escape_excerpts);
- 9: a protocol-relative link in a `.md` article (`//host`, and what a browser reads the same way)
  is text in the built page, never a link to another host (escape.author_markdown);
- 10: `briefing serve` answers `/%00` with 404 and no traceback, refuses a request for another Host
  (DNS rebinding), serves its own address, and refuses a busy port in one line with exit 2
  (server.py, guard.py).

The hostile seeds are committed in tests/fixtures/hostile_web/. The browser test needs Debian's
`chromium` and `chromium-driver`: skipped without them, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import http.client
import os
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, briefing, mkdocs_build, new_project
from preview_server import Server, serving

FIXTURE = FIXTURES / "hostile_web"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
IN_CI = os.environ.get("CI") == "true"


def hostile_project(root: Path) -> Path:
    project = new_project(root)
    shutil.copytree(FIXTURE / "seeds", project / "seeds", dirs_exist_ok=True)
    return project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = hostile_project(tmp_path_factory.mktemp("hostile_web"))
    result = mkdocs_build(project)
    assert result.code == 0, result.output
    assert "Traceback" not in result.output
    return project / "site"


# ---- 8: search excerpts show the text as written ------------------------------------------------

AS_WRITTEN = ["&lt;img src=x onerror=alert(1)&gt;", "&amp;amp;", "&#60;b&#62;", "<i>x</i>"]
DECODED_ONCE_MORE = ["<img src=x onerror=alert(1)>", "<b>"]


@pytest.fixture(scope="module")
def driver():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if IN_CI:
            pytest.fail("CI must run the browser tests: install Debian's chromium and chromium-driver", pytrace=False)
        pytest.skip("needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: chromium chromium-driver)")
    if IN_CI:
        from selenium import webdriver
    else:
        webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-extensions", "--window-size=1280,900"):
        options.add_argument(flag)
    options.unhandled_prompt_behavior = "ignore"  # a dialog stays open for the test to see
    chrome = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    chrome.set_page_load_timeout(20)
    yield chrome
    chrome.quit()


@pytest.mark.slow  # in Chromium
def test_search_excerpt_shows_escaped_looking_text_as_written(hostile_site, driver):
    # test_browser's helpers: typing in the header's box as a reader does, and its dialog check.
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from test_browser import DANGEROUS_JS, _search, assert_no_dialog, serving

    with serving(hostile_site) as base_url:
        _search(driver, base_url, "Xylomancer")
        excerpts = "p.pagefind-ui__result-excerpt"
        WebDriverWait(driver, 15).until(
            lambda d: any("onerror" in e.text for e in d.find_elements(By.CSS_SELECTOR, excerpts)))
        shown = [e.text for e in driver.find_elements(By.CSS_SELECTOR, excerpts) if "onerror" in e.text]
        for text in shown:
            for written in AS_WRITTEN:
                assert written in text, f"{written!r} not as written in the excerpt {text!r}"
            for decoded in DECODED_ONCE_MORE:
                assert decoded not in text, f"{decoded!r}: decoded once more in the excerpt {text!r}"
        box = driver.find_element(By.CSS_SELECTOR, ".briefing-search")
        assert not box.find_elements(By.CSS_SELECTOR, "img, b, script, iframe"), "the excerpt made elements"
        marked = box.find_elements(By.CSS_SELECTOR, f"{excerpts} mark")
        assert any(m.text == "Xylomancer" for m in marked), [m.text for m in marked]  # Pagefind's marks kept
        time.sleep(0.2)
        assert_no_dialog(driver)
        assert not driver.execute_script(DANGEROUS_JS)


def test_every_excerpt_script_of_the_bundle_escapes_ampersands(hostile_site):
    """Both copies of Pagefind's excerpt code (page and worker) were changed, and nothing warned."""
    for name in ("pagefind.js", "pagefind-worker.js"):
        script = (hostile_site / "pagefind" / name).read_text(encoding="utf-8")
        assert '.content.replace(/&/g,"&amp;").replace(/</g,"&lt;")' in script, name


def test_a_pagefind_that_makes_excerpts_otherwise_is_a_warning(tmp_path):
    from generator.search.pagefind import escape_excerpts

    known = 'if(!f.raw_content){f.raw_content=f.content.replace(/</g,"&lt;").replace(/>/g,"&gt;");}'
    (tmp_path / "pagefind.js").write_text(known, encoding="utf-8")
    (tmp_path / "pagefind-worker.js").write_text("f.excerpt=somethingNew(f.text);", encoding="utf-8")
    problems = escape_excerpts(tmp_path)
    assert len(problems) == 1 and "pagefind-worker.js" in problems[0], problems
    escaped = (tmp_path / "pagefind.js").read_text(encoding="utf-8")
    assert escaped == known.replace('.replace(/</g', '.replace(/&/g,"&amp;").replace(/</g', 1)
    (tmp_path / "pagefind-worker.js").write_text(known, encoding="utf-8")
    assert escape_excerpts(tmp_path) == [] and escape_excerpts(tmp_path) == []  # run twice: escaped once
    assert (tmp_path / "pagefind.js").read_text(encoding="utf-8") == escaped


# ---- 9: protocol-relative links are text -------------------------------------------------------

class Links(HTMLParser):
    """The hrefs of the page's article, and its text (character references resolved)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag == "article" or self.depth:
            self.depth += 1
        if self.depth and tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self.depth:
            self.text.append(data)


def leaves_the_site(href: str) -> bool:
    """As a browser reads an href on an http(s) page: tabs and newlines dropped, leading spaces and
    controls too, `\\` read as `/`; two slashes first means another host."""
    cleaned = href.replace("\t", "").replace("\n", "").replace("\r", "").lstrip("".join(map(chr, range(0x21))))
    return cleaned.replace("\\", "/").startswith("//")


def test_protocol_relative_links_in_a_md_article_are_text(hostile_site):
    page = Links()
    page.feed((hostile_site / "articles" / "offsite" / "index.html").read_text(encoding="utf-8"))
    offsite = [href for href in page.hrefs if leaves_the_site(href) or "evil.example" in href]
    assert not offsite, offsite
    shown = " ".join("".join(page.text).split())
    for written in ("[p1](//evil.example/p1)", "[p2](/\\evil.example/p2)", "[p4](\\/evil.example/p4)",
                    "[p5](//evil.example/p5)", "[r]: //evil.example/p7"):
        assert written in shown, f"{written!r} not shown as text in {shown!r}"
    # Links to the site's pages, http(s) and mailto stay links.
    assert "../../actors/ophelia-quill/" in page.hrefs, page.hrefs
    assert "https://example.org/ok" in page.hrefs and "mailto:quill@example.org" in page.hrefs, page.hrefs


# ---- 10: the preview server ---------------------------------------------------------------------

def request(port: int, path: str, host: str | None) -> tuple[int, str]:
    """One GET with exactly this Host header (None: none at all)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.fixture
def preview(tmp_path):
    project = hostile_project(tmp_path / "project")
    with serving(project, "briefing") as server:
        yield server, project


def test_preview_refuses_other_hosts_bad_paths_and_a_busy_port_plainly(preview):
    server, project = preview
    port = server.port
    status, body = request(port, "/", f"127.0.0.1:{port}")
    assert status == 200 and "Ophelia Quill" in body, (status, body[:300])
    for same in (f"localhost:{port}", f"[::1]:{port}"):
        assert request(port, "/", same)[0] == 200, same

    # A NUL in the path: MkDocs' open() raised ValueError, a 500 with a traceback in the log.
    status, body = request(port, "/%00", f"127.0.0.1:{port}")
    assert status == 404, (status, body[:300])

    # DNS rebinding: a page of evil.example, its name now resolving to 127.0.0.1, asks for the preview.
    for other in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", None):
        status, body = request(port, "/", other)
        assert status == 403, (other, status, body[:300])
        assert "Ophelia" not in body and "<" not in body, body  # a plain refusal, none of the site
    status, body = request(port, "/livereload/0/0", f"evil.example:{port}")
    assert status == 403, status

    # A second preview on the same port: one line naming -a, exit 2, before any build.
    second = briefing("serve", "-a", f"127.0.0.1:{port}", cwd=project)
    lines = second.stderr.strip().splitlines()
    assert second.code == 2, second.output
    assert len(lines) == 1 and "-a" in lines[0] and f"127.0.0.1:{port}" in lines[0], second.stderr
    assert "Traceback" not in second.output

    assert request(port, "/", f"127.0.0.1:{port}")[0] == 200  # the first preview goes on
    server.settle(quiet=0.5)
    assert "Traceback" not in server.output and "code 500" not in server.output, server.output
    assert "refused a request for Host 'evil.example:" in server.output, server.output


@pytest.mark.parametrize("header, served, allowed", [
    ("127.0.0.1:8000", "127.0.0.1", True), ("localhost:8000", "127.0.0.1", True), ("[::1]:8000", "127.0.0.1", True),
    ("LocalHost:8000", "localhost", True), ("127.0.0.1:8000", "::1", True), ("127.0.0.1", "127.0.0.1", False),
    ("evil.example:8000", "127.0.0.1", False), ("127.0.0.1.nip.io:8000", "127.0.0.1", False),
    ("localhost.:8000", "127.0.0.1", False), ("127.0.0.1:8000,evil.example", "127.0.0.1", False), (None, "127.0.0.1", False),
    ("192.168.1.5:8000", "192.168.1.5", True), ("localhost:8000", "192.168.1.5", False),
    ("192.168.1.5:8000", "0.0.0.0", True), ("[fe80::1]:8000", "::", True), ("mybox:8000", "0.0.0.0", False),
    ("mybox:8000", "mybox", True),
])
def test_which_host_headers_the_preview_answers(header, served, allowed):
    from generator.serve.guard import host_allowed

    assert host_allowed(header, served, 8000) is allowed


def test_mkdocs_serve_gets_the_same_host_and_path_answers(tmp_path):
    """`mkdocs serve` runs the plugin's on_serve, which puts the same guard in front of MkDocs' server."""
    project = hostile_project(tmp_path / "project")
    server = Server(project, "mkdocs")
    try:
        server.wait_for_output("Serving on")
        port = server.port
        assert request(port, "/", f"127.0.0.1:{port}")[0] == 200
        assert request(port, "/", f"evil.example:{port}")[0] == 403
        assert request(port, "/%00", f"127.0.0.1:{port}")[0] == 404
        server.settle(quiet=0.5)
        assert "Traceback" not in server.output, server.output
    finally:
        server.stop()


def test_mkdocs_serve_refuses_a_busy_port_in_one_line(tmp_path):
    import socket
    import subprocess
    import sys

    from conftest import ENV

    project = hostile_project(tmp_path / "project")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"briefing: 127.0.0.1:{port} is already in use; serve on another address with -a/--dev-addr IP:PORT" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
