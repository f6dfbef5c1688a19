"""Issue 22: actors' `identifiers:` (validated by form, linked to their registries, exported), feed ids
that hold the site's path, and search results a reader can narrow to actors, articles, topics or
events, readable at 400 px wide (Chromium, as test_browser.py drives it)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import jsonschema
import pytest

from conftest import MKDOCS_YML, REPO, briefing, html, mkdocs_build, new_project
from generator.core.identifiers import SCHEMES, lei_problem, links

VALID_LEI = "5493001KJTIIGC8Y1R12"  # Bloomberg Finance L.P. (GLEIF)

ARTICLE = ("Zanzibarian envoys met in Geneva. The Zanzibarian Council sent a letter.\n"
           "The Quetzalword accord was signed by the Zanzibarian Council.\n")
FILES = {
    "seeds/articles/a1.txt": ARTICLE,
    "seeds/articles/a1.yaml": 'date: "2023-06"\ntitle: Quetzalword accord signed\n',
    "seeds/actors/zanzibarian-council.yaml": (
        "name: Zanzibarian Council\nkind: organization\nsummary: A council named in the Quetzalword accord.\n"
        "relations:\n  - type: member-of\n    target: big-fund\n"
        f"identifiers:\n  wikidata: Q30\n  iso: US\n  lei: {VALID_LEI}\n  opensanctions: NK-abc123.x\n"
    ),
    "seeds/actors/big-fund.yaml": "name: Big Fund\nkind: organization\nidentifiers:\n  iso: USA\n",
    "seeds/topics/quetzalword.yaml": "title: Quetzalword accord\nquestion: Should the Quetzalword accord hold?\n",
    "seeds/events/signing.yaml": ('date: "2023-06-02"\ntitle: Quetzalword signing\nsummary: The Quetzalword accord is signed.\n'
                                  "actors: [zanzibarian-council]\ntopics: [quetzalword]\n"),
}


# ---- identifiers --------------------------------------------------------------------------------

@pytest.mark.parametrize("lei", [VALID_LEI, "7LTWFZYICNSX8D621K86", "HWUPKR0MPOU8FGXBT394"])
def test_real_leis_pass_their_check_digits(lei):
    assert lei_problem(lei) == ""


def test_an_lei_one_digit_off_fails_and_says_what_the_check_digits_would_be():
    assert "would be 12, not 13" in lei_problem(VALID_LEI[:-1] + "3")
    assert lei_problem("5493001KJTIIGC8Y1R11") != ""  # off by one the other way
    assert lei_problem("5493011KJTIIGC8Y1R12") != ""  # a slip in the body


def test_the_schema_patterns_are_the_modules_and_unknown_keys_are_refused():
    schema = json.loads((REPO / "generator" / "schema" / "actor.schema.json").read_text(encoding="utf-8"))["properties"]["identifiers"]
    assert schema["additionalProperties"] is False
    assert {key: value["pattern"] for key, value in schema["properties"].items()} == {k: s.pattern for k, s in SCHEMES.items()}
    api = json.loads((REPO / "generator" / "schema" / "api.schema.json").read_text(encoding="utf-8"))["$defs"]["actor"]["properties"]["identifiers"]
    assert {key: value["pattern"] for key, value in api["properties"].items()} == {k: s.pattern for k, s in SCHEMES.items()}


@pytest.mark.parametrize("key, good, bad", [
    ("wikidata", "Q30", ["30", "q30", "Q030", "Q30x"]),
    ("iso", "US", ["us", "U", "USAA", "U1"]),
    ("iso", "USA", []),
    ("lei", VALID_LEI, [VALID_LEI[:-1], VALID_LEI.lower(), VALID_LEI[:18] + "AB"]),
    ("opensanctions", "NK-22ZWNvkAgH3qQ4gt3eCRXj", ["-Q7747", "ofac 123", "a_b", "x-"]),
    ("opensanctions", "Q7747", []),
    ("opensanctions", "ofac-12345", []),
])
def test_forms(key, good, bad):
    pattern = re.compile(SCHEMES[key].pattern)
    assert pattern.search(good)
    assert not [value for value in bad if pattern.search(value)]


def test_links_go_to_each_registry_in_a_fixed_order():
    assert links({"opensanctions": "Q7747", "lei": VALID_LEI, "iso": "US", "wikidata": "Q30"}) == [
        ("Wikidata", "Q30", "https://www.wikidata.org/wiki/Q30"),
        ("ISO 3166-1", "US", "https://www.iso.org/obp/ui/#iso:code:3166:US"),
        ("LEI", VALID_LEI, f"https://search.gleif.org/#/record/{VALID_LEI}"),
        ("OpenSanctions", "Q7747", "https://www.opensanctions.org/entities/Q7747/"),
    ]
    assert links({"iso": "USA"}) == [("ISO 3166-1", "USA", "")]  # the OBP has no address by alpha-3 code


def test_bad_identifiers_are_located_errors_from_check(tmp_path):
    root = new_project(tmp_path / "p", {
        **FILES,
        "seeds/actors/big-fund.yaml": (
            "name: Big Fund\nkind: organization\nidentifiers:\n"
            "  wikidata: 30x\n  iso: usa\n  wikdata: Q1\n"
        ),
        "seeds/actors/other-fund.yaml": f"name: Other Fund\nkind: organization\nidentifiers:\n  lei: {VALID_LEI[:-1]}3\n",
    })
    check = briefing("check", cwd=root)
    assert check.code != 0
    out = check.output
    assert re.search(r"seeds/actors/big-fund\.yaml:4:13: error: .*'wikidata'.*'30x'", out), out
    assert re.search(r"seeds/actors/big-fund\.yaml:5:8: error: .*'iso'.*'usa'", out), out
    assert re.search(r"seeds/actors/big-fund\.yaml:6:3: error: unknown key 'wikdata' \(did you mean 'wikidata'\?\)", out), out
    assert re.search(r"seeds/actors/other-fund\.yaml:4:8: error: 'lei': '5493001KJTIIGC8Y1R13' is not a valid Legal Entity "
                     r"Identifier: its last two digits \(check digits\) would be 12, not 13", out), out


def test_the_new_actor_template_shows_identifiers_commented(tmp_path):
    template = (REPO / "generator" / "cli" / "skeleton" / "actor.yaml").read_text(encoding="utf-8")
    assert "# identifiers:" in template and "#   wikidata: Q30" in template


# ---- a built site --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = new_project(tmp_path_factory.mktemp("ids") / "project", FILES)
    result = mkdocs_build(root)
    assert result.code == 0, result.output
    return root / "site"


def test_actor_page_links_each_identifier_to_its_registry(built):
    page = html(built, "actors/zanzibarian-council/")
    for url in ("https://www.wikidata.org/wiki/Q30", "https://www.iso.org/obp/ui/#iso:code:3166:US",
                f"https://search.gleif.org/#/record/{VALID_LEI}", "https://www.opensanctions.org/entities/NK-abc123.x/"):
        assert re.search(f'<a href="{re.escape(url)}" rel="noopener" target="_blank">', page), url
    assert "ISO 3166-1: USA" in re.sub(r"<[^>]+>", "", html(built, "actors/big-fund/"))


def test_export_carries_identifiers_in_the_published_schema(built):
    actors = json.loads((built / "api" / "actors.json").read_text(encoding="utf-8"))
    schema = json.loads((REPO / "generator" / "schema" / "api.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(actors)
    council = next(a for a in actors["actors"] if a["id"] == "zanzibarian-council")
    assert council["identifiers"] == {"iso": "US", "lei": VALID_LEI, "opensanctions": "NK-abc123.x", "wikidata": "Q30"}


# ---- feed ids ------------------------------------------------------------------------------------

def _feed_ids(tmp_path: Path, name: str, site_url: str) -> list[str]:
    root = new_project(tmp_path / name, {**FILES, "mkdocs.yml": MKDOCS_YML + f"site_url: {site_url}\n"})
    out = tmp_path / (name + "-out")
    result = briefing("generate", ".", "--out", str(out), cwd=root)
    assert result.code == 0, result.output
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(out / "feed.xml").getroot()
    return [feed.find("a:id", ns).text] + [e.find("a:id", ns).text for e in feed.findall("a:entry", ns)]


def test_two_briefings_on_one_host_share_no_feed_id(tmp_path):
    a = _feed_ids(tmp_path, "a", "https://host.example/a/")
    b = _feed_ids(tmp_path, "b", "https://host.example/b/")
    assert a == ["tag:host.example,2000:a/feed", "tag:host.example,2000:a/articles/a1"]
    assert b == ["tag:host.example,2000:b/feed", "tag:host.example,2000:b/articles/a1"]
    assert not set(a) & set(b)
    # Nested paths too, and without a trailing slash.
    assert _feed_ids(tmp_path, "c", "https://host.example/a/b")[0] == "tag:host.example,2000:a/b/feed"


def test_a_briefing_at_the_hosts_root_keeps_its_feed_ids(tmp_path):
    assert _feed_ids(tmp_path, "root", "https://host.example/") == ["tag:host.example,2000:feed", "tag:host.example,2000:articles/a1"]


# ---- search at 400 px, in Chromium -------------------------------------------------------------

browser = pytest.importorskip("test_browser")
if not (browser.CHROMIUM.exists() and browser.CHROMEDRIVER.exists()):
    pytest.skip("needs chromium and chromedriver", allow_module_level=True)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

driver = browser.driver  # the module-scoped Chromium fixture of test_browser.py

NARROW = """
const width = document.documentElement.clientWidth;
const out = [];
if (document.documentElement.scrollWidth > width) out.push('document ' + document.documentElement.scrollWidth + ' > ' + width);
for (const e of document.querySelectorAll('.pagefind-ui__drawer, .pagefind-ui__drawer *')) {
  const r = e.getBoundingClientRect();
  if (r.width && (r.right > width + 0.5 || r.left < -0.5)) out.push(e.className + ' at ' + Math.round(r.left) + '..' + Math.round(r.right));
  if (e.clientWidth && e.scrollWidth > e.clientWidth + 1) out.push(e.className + ' scrolls: ' + e.scrollWidth + ' > ' + e.clientWidth);
}
return out;
"""


@pytest.fixture
def narrow(driver):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 400, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    yield driver
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture(scope="module")
def built_url(built):
    with browser.serving(built) as url:
        yield url


@pytest.mark.slow  # in Chromium
def test_search_at_400px_fits(built_url, narrow):
    browser._search(narrow, built_url, "Quetzalword")
    WebDriverWait(narrow, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result")) >= 4)
    time.sleep(0.3)  # the excerpts load after the titles
    assert narrow.execute_script("return window.innerWidth") == 400
    assert not narrow.execute_script(NARROW)
    excerpt = narrow.find_element(By.CSS_SELECTOR, ".pagefind-ui__result-excerpt")
    assert narrow.execute_script("return getComputedStyle(arguments[0]).whiteSpace", excerpt) == "normal"
    kinds = {urlsplit(a.get_attribute("href")).path.split("/")[1] for a in
             narrow.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-title a.pagefind-ui__result-link")}
    assert {"actors", "articles", "topics", "timeline"} <= kinds, kinds
    browser.assert_no_dialog(narrow)


@pytest.mark.slow  # in Chromium
@pytest.mark.parametrize("width", [400, 1200])
def test_search_narrows_to_one_kind_of_page(built_url, driver, width):
    """The buttons above the results narrow them to actors, articles, topics or the timeline (by each
    result's address: Pagefind's own filters write a different index on every build)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    try:
        browser._search(driver, built_url, "Quetzalword")
        WebDriverWait(driver, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result")) >= 4)

        def shown_kinds() -> set[str]:
            return {urlsplit(a.get_attribute("href")).path.split("/")[1]
                    for a in driver.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-title a.pagefind-ui__result-link")
                    if a.is_displayed()}

        assert {"actors", "articles", "topics", "timeline"} <= shown_kinds()
        driver.find_element(By.CSS_SELECTOR, '.briefing-kinds button[data-kind="articles"]').click()
        WebDriverWait(driver, 10).until(lambda d: shown_kinds() == {"articles"})
        titles = [browser._title(r) for r in driver.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result") if r.is_displayed()]
        assert titles == ["Quetzalword accord signed"], titles
        assert driver.find_element(By.CSS_SELECTOR, '.briefing-kinds button[data-kind="articles"]').get_attribute("aria-pressed") == "true"
        assert not driver.execute_script(NARROW)
        driver.find_element(By.CSS_SELECTOR, '.briefing-kinds button[data-kind="actors"]').click()
        WebDriverWait(driver, 10).until(lambda d: shown_kinds() == {"actors"})
        driver.find_element(By.CSS_SELECTOR, '.briefing-kinds button[data-kind=""]').click()
        WebDriverWait(driver, 10).until(lambda d: {"actors", "articles", "topics", "timeline"} <= shown_kinds())
        browser.assert_no_dialog(driver)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
