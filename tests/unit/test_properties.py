"""Properties that must hold for any input, checked with hypothesis:

- the article reader never crashes and never loses a word of the delivered text;
- `escape.text` makes any text render as exactly its characters, with no markup smuggled in,
  in a paragraph, a table cell or a list item;
- the linker links the first mention of each actor per paragraph with its exact surface form, to a
  valid actor page, and changes nothing a reader sees.

Rendering uses Python-Markdown with the extensions the `briefing` plugin turns on for MkDocs.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.core.characters import NOT_TEXT
from generator.core.mentions import MentionMatcher, index_mentions
from generator.load.raw_article import FOOTER_MARKER, ArticleDecodeError, decode, parse_raw
from generator.model import Actor, Article, Corpus, Located, Paragraph
from generator.pages.article import linked_paragraph
from generator.pages.site import Site
from generator.problems import Location
from generator.render import escape
from generator.pages.nav import MARKDOWN_EXTENSIONS as REQUIRED_EXTENSIONS  # the extensions every build adds

# Moderate by default so the file runs in seconds; BRIEFING_PROPERTY_EXAMPLES=5000 for a deeper search.
EXAMPLES = int(os.environ.get("BRIEFING_PROPERTY_EXAMPLES", "300"))
# In CI the search is derandomized: the same examples every run, so a red build is reproducible and
# never a coin toss. Deeper random searches run by hand: BRIEFING_PROPERTY_EXAMPLES=5000 ./scripts/test.
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("CI") == "true",
)


def render(source: str) -> str:
    return markdown.markdown(source, extensions=list(REQUIRED_EXTENSIONS))


def fold(value: str) -> str:
    return " ".join(value.split())


class Visible(HTMLParser):
    """The tags of a piece of HTML, and the text a reader sees (entities resolved)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.parts: list[str] = []
        self.anchors: list[tuple[str, str]] = []  # (href, link text)
        self._anchor: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._anchor, self._href = [], dict(attrs).get("href") or ""

    def handle_endtag(self, tag):
        if tag == "a" and self._anchor is not None:
            self.anchors.append((self._href, "".join(self._anchor)))
            self._anchor = None

    def handle_data(self, data):
        self.parts.append(data)
        if self._anchor is not None:
            self._anchor.append(data)

    def handle_comment(self, data):
        self.tags.append(("!--", {}))

    def handle_decl(self, decl):
        self.tags.append(("!decl", {}))

    def handle_pi(self, data):
        self.tags.append(("?pi", {}))

    @property
    def text(self) -> str:
        return "".join(self.parts)


def visible(rendered: str) -> Visible:
    parser = Visible()
    parser.feed(rendered)
    parser.close()
    return parser


# Python-Markdown removes STX/ETX (its own placeholder markers) from every source before parsing, so
# they can never be used to smuggle a stashed block in; they are also not text a reader can see.
_MARKDOWN_RESERVED = "\x02\x03"


def expected_visible(value: str) -> str:
    return fold("".join(c for c in value if c not in _MARKDOWN_RESERVED))


# ---- text strategies ---------------------------------------------------------------------------

# Everything that means something to Markdown, its extensions or HTML, plus whitespace of every kind.
NASTY = list(
    "<>&\"'`*_[](){}|!#~^$\\-+=:.;,/?%@0123456789 \t\r\n\x0b\x0c\x1c\x85\u00a0\u2028\u3000"
) + [
    "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<!-- c -->", "[x](javascript:alert(5))",
    "{: onclick=alert(7) }", "{{ config }}", "{% raw %}", "| a | b |", "# h", "    ", "1. ", "- ", "> ",
    "!!! note", "[TOC]", "&amp;", "&#42;", "&lt;", "<http://x.y>", "https://x.y", "***", "___", "~~~",
    "```", "*[HTML]: x", "[^1]", "$$", "é", "Ω", "中文", "\u202e", "\ufeff", "\x02wzxhzdk:0\x03", "Written by",
]
nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=5)), max_size=12).map("".join)
any_text = st.one_of(st.text(max_size=60), nasty_text)


# ---- the article reader ------------------------------------------------------------------------

LINE_PIECES = [
    "Written by", " Written by ", "- ", "-", " - ", " – ", " — ", "–", "—", "\r\n", "\r", "\n", "\n\n", "\ufeff",
    "\x01", "\x0b", "\x0c", "\x1c", "\x7f", "\x85", "\u2028", "\u00a0", "word", "Übersee", "中文", "a" * 120, "  ",
    "\t", "- Headline - Outlet\n", "\nWritten by\n", ".",
]
random_text = st.lists(st.one_of(st.sampled_from(LINE_PIECES), st.text(max_size=8)), max_size=40).map("".join)
line = st.lists(st.one_of(st.sampled_from(LINE_PIECES[4:]), st.text(max_size=8)), max_size=8).map(
    lambda parts: "".join(parts).replace("\n", " ").replace("\r", " ")
)
source_line = st.tuples(st.sampled_from(["- ", "-  ", "- - "]), line, st.sampled_from(["", " - ", " – ", " — ", "-"]), line).map("".join)
# The delivered shape: body lines, a blank line, "- " source lines, a "Written by" footer.
shaped_text = st.tuples(
    st.lists(line, max_size=6),
    st.sampled_from(["", "\n", "\n\n"]),
    st.lists(source_line, max_size=4),
    st.sampled_from(["", "\nWritten by\n", "\n  Written by \n\n", "\nWritten by"]),
    st.lists(line, max_size=3),
).map(lambda t: "\n".join(t[0]) + t[1] + "\n".join(t[2]) + t[3] + "\n".join(t[4]))
article_text = st.one_of(random_text, shaped_text)

DASHES = {"-", "–", "—"}


def is_subsequence(short: list[str], long: list[str]) -> list[str]:
    """The words of `long` left over when `short` is matched in order; raises when it is not a subsequence."""
    left_over, position = [], 0
    for word in short:
        while position < len(long) and long[position] != word:
            left_over.append(long[position])
            position += 1
        assert position < len(long), f"word {word!r} is not in the input (in this order)"
        position += 1
    return left_over + long[position:]


@SETTINGS
@given(article_text, st.booleans(), st.booleans())
def test_reader_never_crashes_and_keeps_every_word(text, bom, crlf):
    data = text.encode("utf-8")
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    if bom:
        data = b"\xef\xbb\xbf" + data
    try:
        decoded = decode(data)
    except ArticleDecodeError:
        assert NOT_TEXT.search(text.replace("\r", "\n")), "valid UTF-8 holding only characters that can be text is always read"
        return
    assert "\r" not in decoded
    raw = parse_raw(decoded)

    out_words: list[str] = []
    # The story and the furniture read around it (a headline, a byline, a dateline before the story
    # on its line, credits), in the file's order: together they are every word of the body.
    pieces = [(line, 1, paragraph) for line, paragraph in raw.paragraphs]
    pieces += [(furniture.line, 0, furniture.text) for furniture in raw.delivered]
    for _, _, piece in sorted(pieces, key=lambda p: (p[0], p[1])):
        out_words += piece.split()
    for _, paragraph in raw.paragraphs:
        assert paragraph.strip() == paragraph and paragraph, "a paragraph is trimmed text, never empty"
    for source in raw.sources:
        out_words += source.headline.split() + source.outlet.split()
    for line in raw.disclosure:
        out_words += line.split()

    # The text a reader of the file sees, BOM and line-end style aside.
    in_words = decoded.split()
    dropped = is_subsequence(out_words, in_words)
    # Only the format's own markers may go: "- " list markers and " - " separators of the source
    # lines, and the one "Written by" footer line.
    footer_lines = [line for line in decoded.split("\n") if line.strip() == FOOTER_MARKER]
    allowed = 2 * len(raw.sources)
    dashes = [w for w in dropped if w in DASHES]
    event(f"sources: {min(len(raw.sources), 2)}, footer: {bool(footer_lines)}, paragraphs: {min(len(raw.paragraphs), 3)}")
    others = [w for w in dropped if w not in DASHES]
    assert len(dashes) <= allowed, (dropped, raw)
    if footer_lines:
        assert sorted(others) == sorted(FOOTER_MARKER.split()), (dropped, raw)
    else:
        assert others == [], (dropped, raw)
        assert raw.disclosure == []


# ---- escaping ----------------------------------------------------------------------------------


def assert_shown_as_text(rendered: str, value: str, allowed_tags: set[str], where: str) -> None:
    seen = visible(rendered)
    tags = [tag for tag, _ in seen.tags]
    assert set(tags) <= allowed_tags, f"markup smuggled in {where}: {rendered!r}"
    assert all(not attrs for _, attrs in seen.tags), f"attributes smuggled in {where}: {rendered!r}"
    assert fold(seen.text) == expected_visible(value), f"{where}: {rendered!r}"


@SETTINGS
@given(any_text)
def test_escaped_text_renders_as_its_characters_in_a_paragraph(value):
    rendered = render(escape.text(value))
    assert_shown_as_text(rendered, value, {"p"}, "a paragraph")
    assert rendered.count("<p>") <= 1


@SETTINGS
@given(any_text)
def test_escaped_text_renders_as_its_characters_in_a_table_cell(value):
    rendered = render(f"| Head | Other |\n|---|---|\n| {escape.text(value)} | end |\n")
    cell = re.search(r"<td>(.*?)</td>\s*<td>end</td>", rendered, re.S)
    assert cell, f"the row lost its cells: {rendered!r}"
    assert rendered.count("<td>") == 2 and rendered.count("<tr>") == 2, rendered
    assert_shown_as_text(cell.group(1), value, set(), "a table cell")


@SETTINGS
@given(any_text.filter(lambda v: expected_visible(v)))
def test_escaped_text_renders_as_its_characters_in_a_list_item(value):
    rendered = render(f"Before.\n\n- {escape.text(value)}\n- end\n")
    item = re.search(r"<ul>\s*<li>(.*?)</li>\s*<li>end</li>\s*</ul>", rendered, re.S)
    assert item, f"the list lost its items: {rendered!r}"
    assert rendered.count("<li>") == 2, rendered
    assert_shown_as_text(item.group(1), value, set(), "a list item")


# A value with more characters that mean something to Markdown than MAX_INLINE_TOKENS is one code span
# (Python-Markdown is quadratic in inline tokens): still its own characters, in every place a value sits.
long_markup = nasty_text.filter(lambda v: v.strip("\x02\x03")).map(
    lambda v: (v + "*") * (escape.MAX_INLINE_TOKENS + 1)
)


@settings(SETTINGS, max_examples=25)
@given(long_markup)
def test_long_markup_values_render_as_their_characters_in_one_step(value):
    assert escape.too_many_inline_tokens(value)
    for source, pattern, where in (
        ("{}", r"<p>(.*)</p>", "a paragraph"),
        ("| Head | Other |\n|---|---|\n| {} | end |\n", r"<td>(.*?)</td>\s*<td>end</td>", "a table cell"),
        ("Before.\n\n- {}\n- end\n", r"<li>(.*?)</li>\s*<li>end</li>", "a list item"),
    ):
        rendered = render(source.format(escape.text(value)))
        inside = re.search(pattern, rendered, re.S)
        assert inside, f"{where} lost its structure: {rendered[:300]!r}"
        assert_shown_as_text(inside.group(1), value, {"code"}, where)
        assert inside.group(1).count("<code>") == 1, f"{where}: not one code span"


# ---- the linker --------------------------------------------------------------------------------

HERE = Location("seeds/actors/x.yaml")
ACTOR_ID = re.compile(r"^\.\./actors/([a-z0-9-]+)\.md$")

NAME_PIECES = ["U.S.", "U.K.", "Kyiv", "São Paulo", "Zürich", "Ελλάδα", "中国", "O'Brien", "Smith", "Smith-Jones",
               "Dr.", "E.U.", "a*b", "x_y", "[z]", "<b>", "C++", "R&D", "50%", "#1", "Macron", "Emmanuel Macron",
               "Washington", "Washington Post", "Post", "|", "{: x }", "-", "1."]
name = st.one_of(
    st.sampled_from(NAME_PIECES),
    st.lists(st.sampled_from(NAME_PIECES), min_size=2, max_size=3).map(" ".join),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12),
).filter(lambda n: n.strip())

actor_id = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4})?", fullmatch=True)
actors = st.dictionaries(
    actor_id, st.tuples(name, st.lists(name, max_size=3)), min_size=1, max_size=5
).map(lambda found: {
    i: Actor(i, f"seeds/actors/{i}.yaml", n, "state", aliases=[Located(a, HERE) for a in aliases])
    for i, (n, aliases) in found.items()
})

FILLER = [" ", " ", ", ", ". ", "'s ", "’s ", " and ", "-led ", "ian ", "s ", " the ", "*", "_", "`", "[", "](",
          ")", "<", ">", "|", "&", "#", "\\", "é", "  ", "1. ", "- "]


@st.composite
def paragraph_with(draw, actor_map):
    forms = [f for a in actor_map.values() for f in a.surface_forms]
    pieces = draw(st.lists(st.one_of(st.sampled_from(forms), st.sampled_from(FILLER), st.text(max_size=4)), max_size=25))
    # A paragraph from the reader is trimmed, single-line text.
    return " ".join("".join(pieces).split())


@SETTINGS
@given(st.data())
def test_linker_links_each_actor_once_with_its_exact_words(data):
    actor_map = data.draw(actors)
    text = data.draw(paragraph_with(actor_map))
    corpus = Corpus(actors=actor_map, articles={"a1": Article("a1", "seeds/articles/a1.txt", "T", None,
                                                             [Paragraph(1, text)], [], [])})
    mentions_index = index_mentions(corpus)
    site = Site(corpus, mentions_index)
    mentions = mentions_index.by_article["a1"][0]
    # The linker module takes the mentions the matcher found, in text order.
    assert mentions == MentionMatcher(actor_map).find(text)

    rendered = render(linked_paragraph(Paragraph(1, text), mentions, site.linker("articles/a1.md")))
    seen = visible(rendered)
    assert {tag for tag, _ in seen.tags} <= {"p", "a"}, rendered
    assert all(set(attrs) == {"href"} for tag, attrs in seen.tags if tag == "a"), rendered
    assert all(not attrs for tag, attrs in seen.tags if tag != "a"), rendered
    assert fold(seen.text) == expected_visible(text), rendered

    first_mentions = []
    for mention in mentions:
        if mention.actor_id not in {m.actor_id for m in first_mentions}:
            first_mentions.append(mention)
    linked_ids = []
    for href, label in seen.anchors:
        match = ACTOR_ID.match(href)
        assert match, f"not a link to an actor page: {href!r}"
        assert match.group(1) in actor_map
        linked_ids.append(match.group(1))
        assert label in actor_map[match.group(1)].surface_forms, (label, actor_map[match.group(1)].surface_forms)
    assert len(linked_ids) == len(set(linked_ids)), "an actor is linked at most once per paragraph"
    event(f"links: {min(len(linked_ids), 3)}{'+' if len(linked_ids) >= 3 else ''}; repeated mentions: {len(mentions) > len(linked_ids)}")
    assert [(href, label) for href, label in seen.anchors] == [
        (f"../actors/{m.actor_id}.md", text[m.start:m.end]) for m in first_mentions
    ]


# ---- .md article bodies: Markdown kept, nothing that runs ---------------------------------------

MARKDOWN_TAGS = {"p", "a", "img", "em", "strong", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5",
                 "h6", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "div"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
SAFE_SCHEMES = {"http", "https", "mailto"}
BROWSER_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")

LINK_PIECES = [
    "[x](", "](", "![i](", "[r]: ", "[r]:\n  ", "\n[r]:", "[x][r]", "[r]", ")", "(", "<", ">", " ", "\n", "\n\n", "\t",
    "javascript", "JaVaScRiPt", "java", "script", "data", "vbscript", "text/html,", ":", "&#58;", "&colon;", "&#x3A;",
    "&#106;", "&#x6a;", "&Tab;", "&#9;", "&#10;", "&NewLine;", "&#13;", "&#1;", "&#", "&", "\x01", "\x1f", "\\",
    "http", "https", "mailto", "//", "/", "?", "#", "alert(1)", "a@b.c", "../actors/x.md", "{: onclick=alert(7) }",
    "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "`", "*", "!!! note", "    ", "- ", "| a | b |",
    "\"t\"", "'t'", "\u00a0", "\ufeff",
]
destination = st.lists(st.one_of(st.sampled_from(LINK_PIECES[10:]), st.text(max_size=2)), max_size=10).map("".join)
link = st.one_of(
    st.tuples(st.sampled_from(["[x](", "![i](", "[x]( "]), destination, st.sampled_from([")", " \"t\")", ""])).map("".join),
    # A reference definition, also inside a container (quote, list item, admonition) where
    # Python-Markdown still registers it for the whole document.
    st.tuples(
        st.sampled_from(["", "> ", "> > ", ">", "- ", "1. ", "- a\n\n    ", "!!! note\n    "]),
        st.sampled_from(["[r]: ", "[r]:\n  ", " [r]:", "[r\n]: ", "[]: ", "[r]:\n> ", "[r]:\n    "]),
        destination,
    ).map(lambda t: "[x][r] [x][] [r]\n\n" + "".join(t)),
)
author_text = st.lists(st.one_of(link, st.sampled_from(LINK_PIECES), st.text(max_size=3)), max_size=12).map("".join)


def browser_scheme(url: str) -> str | None:
    """The scheme a browser finds in an attribute value (entities already decoded by the parser)."""
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(0x21))))
    match = BROWSER_SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


@SETTINGS
@given(author_text)
def test_author_markdown_keeps_formatting_but_nothing_runs(body):
    rendered = render(escape.author_markdown(body))
    seen = visible(rendered)
    for tag, attrs in seen.tags:
        assert tag in MARKDOWN_TAGS, f"raw HTML <{tag}> made it through: {rendered!r}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name}: {rendered!r}"
            if name in URL_ATTRIBUTES and value:
                scheme = browser_scheme(value)
                assert scheme is None or scheme in SAFE_SCHEMES, f"{name}={value!r} in {rendered!r}"
    event(f"links: {min(sum(1 for t, _ in seen.tags if t in ('a', 'img')), 2)}")


KNOWN_SCRIPT_LINKS = [
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x]( javascript:alert(1))",
    "[x](javascript&#58;alert(1))", "[x](javascript&colon;alert(1))", "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))", "[x](\x01javascript:alert(1))", "[x](java&#10;script:alert(1))",
    "[x](javascript\n:alert(1))", "[x](java&Tab;script:alert(1))", "[x](data:text/html,<script>alert(1)</script>)",
    "![x](javascript:alert(1))", "[x](vbscript:msgbox(1))", "[x](java" + "&#10;" * 60 + "script:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)", "[x][r]\n\n[r]:\n  javascript:alert(1)", "[x][r]\n\n[r]: \x01javascript:alert(1)",
    "[x][r]\n\n> [r]: javascript:alert(1)", "[x][r]\n\n- [r]: javascript:alert(1)", "[x][r]\n\n> [r]:\n> javascript:alert(1)",
    "[x][r]\n\n!!! note\n    [r]: javascript:alert(1)", "[x][r]\n\n- a\n\n    [r]: javascript:alert(1)",
    "> [x](\n> javascript:alert(1))",
]


@pytest.mark.parametrize("body", KNOWN_SCRIPT_LINKS)
def test_author_markdown_breaks_known_script_links(body):
    rendered = render(escape.author_markdown(body))
    links = [(tag, attrs) for tag, attrs in visible(rendered).tags if tag in ("a", "img")]
    assert not links, f"{body!r} made a link: {rendered!r}"


def test_author_markdown_keeps_safe_links():
    rendered = render(escape.author_markdown(
        "[a](https://example.org/x) [b](../actors/china.md#p1) [c](mailto:a@b.c) ![d](img.png)\n\n[e][r]\n\n[r]: HTTP://example.org"
    ))
    hrefs = [attrs.get("href") or attrs.get("src") for tag, attrs in visible(rendered).tags if tag in ("a", "img")]
    assert hrefs == ["https://example.org/x", "../actors/china.md#p1", "mailto:a@b.c", "img.png", "HTTP://example.org"]


# ---- mentions in .md paragraphs: never inside code, links or raw HTML ----------------------------

MD_PIECES = ["Kyiv", "Kyiv", "U.S.", " ", " ", "[", "]", "(", ")", "](", "](https://x.y/", "![", "`", "``", "<", ">",
             "<b>", "*", "_", "\\", "\n", "'s", "[Kyiv](https://k.y)", "`Kyiv`", "[t][r]", "(x)", "a"]
md_paragraph = st.lists(st.sampled_from(MD_PIECES), max_size=25).map("".join).filter(lambda t: t.strip())


class Nesting(HTMLParser):
    """Mention links (to actor pages) found inside another link or inside code. The author's own
    links may nest when their Markdown nests them; that is Python-Markdown's reading, not ours."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        ours = tag == "a" and "../actors/" in (dict(attrs).get("href") or "")
        if ours and ("a" in self.open or "code" in self.open):
            self.bad.append("/".join(self.open + [tag]))
        if tag not in ("br", "img", "hr"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass


KYIV = {"kyiv": Actor("kyiv", "seeds/actors/kyiv.yaml", "Kyiv", "state"),
        "us": Actor("us", "seeds/actors/us.yaml", "United States", "state", aliases=[Located("U.S.", HERE)])}


@SETTINGS
@given(md_paragraph)
def test_markdown_mentions_are_never_linked_inside_code_or_links(text):
    paragraph = Paragraph(1, text, markdown=True)
    corpus = Corpus(actors=KYIV, articles={"a1": Article("a1", "seeds/articles/a1.md", "T", None, [paragraph], [], [])})
    mentions_index = index_mentions(corpus)
    site = Site(corpus, mentions_index)
    rendered = render(linked_paragraph(paragraph, mentions_index.by_article["a1"][0], site.linker("articles/a1.md")))
    nesting = Nesting()
    nesting.feed(rendered)
    assert not nesting.bad, rendered
    event(f"actor links: {min(rendered.count('../actors/'), 2)}")


@SETTINGS
@given(st.text(alphabet="Kyiv ab.", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=6))
def test_protected_spans_filter_matches_the_plain_definition(text, raw_spans):
    matcher = MentionMatcher(KYIV)
    protected = [(a, a + n) for a, n in raw_spans]
    found = matcher.find(text, protected)
    plain = [m for m in matcher.find(text) if not any(a < m.end and m.start < b for a, b in protected)]
    # Only "Kyiv" can match in this alphabet and its matches never overlap, so dropping the protected
    # ones from all matches is the whole definition.
    assert found == plain
