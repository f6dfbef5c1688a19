"""YAML read into nodes that remember their file, line and column.

PyYAML's `safe_load` forgets where values came from, keeps the last of two duplicate keys without a
word, raises a bare ValueError on `2021-13-45`, and expands alias bombs. We compose the node graph
(which keeps marks and never expands aliases) and convert it ourselves, so every problem is located.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Union

import yaml

from .. import fast
from ..core.characters import NOT_TEXT, not_text_message
from ..problems import Location, Problems

# Bounds that keep a check fast whatever the input: a curated profile is a few hundred nodes.
MAX_FILE_BYTES = 2_000_000
MAX_NODES = 100_000
MAX_DEPTH = 40


@dataclass
class Scalar:
    value: Any  # str, int, float, bool or None (YAML 1.2 core schema: dates stay strings)
    location: Location


@dataclass
class Mapping:
    location: Location
    entries: dict[str, "Node"] = field(default_factory=dict)
    key_locations: dict[str, Location] = field(default_factory=dict)

    def get(self, key: str) -> "Node | None":
        return self.entries.get(key)


@dataclass
class Sequence:
    location: Location
    items: list["Node"] = field(default_factory=list)


Node = Union[Scalar, Mapping, Sequence]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)$")  # YAML 1.2: no "_" separators, so 786_1567 stays text
_FLOAT = re.compile(r"[-+]?([0-9][0-9]*)?\.[0-9]+([eE][-+]?[0-9]+)?$")


def _scalar_value(node: yaml.ScalarNode) -> Any:
    """Resolve a scalar by the YAML 1.2 core rules: `no`, `on` and `2023-04-01` stay text."""
    raw = node.value
    if node.style or node.tag == "tag:yaml.org,2002:str":  # plain style is None (PyYAML) or "" (libyaml)
        return raw  # quoted, block or explicitly tagged text
    if raw in ("", "~", "null", "Null", "NULL"):
        return None
    if raw in ("true", "True", "TRUE"):
        return True
    if raw in ("false", "False", "FALSE"):
        return False
    if _INT.match(raw):
        return int(raw)
    if _FLOAT.match(raw):
        return float(raw)
    return raw


def _location(path: str, mark: yaml.Mark | None) -> Location:
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


_PLAIN_YAML_MESSAGES = [
    ("found character '\\t' that cannot start any token", "a tab character is not allowed for indentation in YAML; use spaces"),
    ("found unexpected end of stream", "a quoted value is not closed: add the closing quote"),
    ("expected ',' or ']'", "a list in [brackets] is not closed: add the closing ']'"),
    ("expected ',' or '}'", "a mapping in {braces} is not closed: add the closing '}'"),
    ("mapping values are not allowed here", "unexpected ':' here: put quotes around a value that contains ': '"),
    ("found undefined alias", "this alias (*name) refers to no anchor (&name) defined before it"),
    ("expected <block end>, but found", "the indentation of this line does not match the lines before it"),
    ("could not find expected ':'", "a line here is missing the ':' between key and value"),
    ("found unknown escape character", "unknown escape sequence in a double-quoted value; use single quotes or '\\\\'"),
]


# PyYAML notices a quote or bracket left open only where the next key or the end of the file begins.
_UNCLOSED = ("found unexpected end of stream", "expected ',' or ']'", "expected ',' or '}'")


def _error_mark(error: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where to report a syntax error: for an unclosed quote or bracket that ran on past its own line,
    where it was opened (the line to fix), not the later line or end of file where PyYAML gave up."""
    problem, context = error.problem_mark, error.context_mark
    if problem and context and problem.line > context.line and any(n in (error.problem or "") for n in _UNCLOSED):
        return context
    return problem or context


def _plain_yaml_message(error: yaml.MarkedYAMLError) -> str:
    text = " ".join(filter(None, [error.context, error.problem]))
    for needle, plain in _PLAIN_YAML_MESSAGES:
        if needle in text:
            return f"YAML syntax: {plain}"
    return f"YAML syntax: {error.problem or error.context or 'cannot be read'}"


class _Converter:
    def __init__(self, path: str, problems: Problems):
        self.path = path
        self.problems = problems
        self.count = 0
        self.too_big = False
        self.seen: set[int] = set()

    def text(self, value: Any, loc: Location, what: str) -> Any:
        """A string as it may be used: a character that cannot be text (which only a YAML escape such
        as "\\ud800" can put here; decode() refuses them in the file itself) is an error, and is
        replaced so that nothing later trips over it while the other problems are collected."""
        if isinstance(value, str) and NOT_TEXT.search(value):
            found = NOT_TEXT.findall(value)
            self.problems.error(loc, f"this {what} {not_text_message(found[0], len(found) - 1)}")
            return NOT_TEXT.sub("\ufffd", value)
        return value

    def convert(self, node: yaml.Node, depth: int = 0, origin: yaml.Node | None = None) -> Node | None:
        # An alias is the very node its anchor defined, marks included. `origin` is the deepest node on
        # this path met for the first time: past it the walk only re-expands aliases, so an alias bomb
        # is reported on the line that expands it, not on the anchor it keeps repeating.
        if id(node) not in self.seen:
            self.seen.add(id(node))
            origin = node
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            if not self.too_big:
                self.too_big = True
                why = "nested too deeply" if depth > MAX_DEPTH else f"more than {MAX_NODES:,} values (counting every copy a YAML alias like *name makes)"
                self.problems.error(_location(self.path, (origin or node).start_mark), f"YAML document is too large: {why}")
            return None
        loc = _location(self.path, node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return Scalar(self.text(_scalar_value(node), loc, "value"), loc)
        if isinstance(node, yaml.SequenceNode):
            seq = Sequence(loc)
            for child in node.value:
                converted = self.convert(child, depth + 1, origin)
                if converted is None:
                    return None
                seq.items.append(converted)
            return seq
        mapping = Mapping(loc)
        for key_node, value_node in node.value:
            key_loc = _location(self.path, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.error(key_loc, "a key must be plain text, not a list or mapping")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.error(key_loc, "merge keys ('<<') are not supported: write the keys out")
                continue
            key = str(key_node.value)
            if self.text(key, key_loc, "key") is not key:  # reported; an unknown-key error would only repeat it
                continue
            if key in mapping.entries:
                first = mapping.key_locations[key]
                self.problems.error(key_loc, f"duplicate key '{key}' (first given on line {first.line}); keep one")
                continue
            converted = self.convert(value_node, depth + 1, origin)
            if converted is None:
                return None
            mapping.entries[key] = converted
            mapping.key_locations[key] = key_loc
        return mapping


# libyaml (PyYAML's C parser) composes the same nodes with the same marks about ten times faster, but
# accepts some tabs and line-break characters that PyYAML rejects. It is used only for documents that
# hold none of those and parse cleanly; anything else takes the pure-Python path below, whose errors
# and locations are the ones we word, so the fast path never changes what a user is told.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
_NOT_FOR_FAST_PATH = re.compile("[\t\r\x85\u2028\u2029\ufeff]")


def _compose_fast(text: str) -> list[yaml.Node | None] | None:
    """The composed documents, when libyaml can be trusted with `text` and finds nothing to report."""
    if not fast.on("libyaml") or _FAST_LOADER is None or _NOT_FOR_FAST_PATH.search(text) or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    try:
        depth = -1
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        nodes = list(yaml.compose_all(text, Loader=_FAST_LOADER))
    except (yaml.YAMLError, RecursionError):
        return None
    fast.took("libyaml")
    return nodes


def _first_too_deep(text: str) -> yaml.Mark | None:
    """Where a list or mapping opens more than MAX_DEPTH levels down (the top level is 0), if anywhere.

    PyYAML's composer recurses once per level, so a few thousand `[` would end in a RecursionError
    with no line to report; its event parser keeps an explicit stack, so we measure depth there first.
    """
    depth = -1
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


# A value that opens with a quote: `key: "...`, `- "...`, `- key: '...`.
_QUOTED_START = re.compile(r"""^(\s*(?:-\s+)*(?:[^\s"'#][^:#]*:\s+)?)(["'])""")


def _unclosed_quote(text: str, up_to_line: int) -> tuple[int, int, str] | None:
    """(line, column, quote mark) of the first value, on or before `up_to_line`, whose opening quote is
    not closed on its own line; None when every quote closes. Profiles keep quoted values on one line,
    so when YAML fails, such a line is where the mistake is."""
    for number, line in enumerate(text.split("\n")[:up_to_line], 1):
        match = _QUOTED_START.match(line)
        if not match:
            continue
        quote, rest = match.group(2), line[match.end():]
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'(?!')", rest.replace("''", "__"))
        if closed is None:
            return number, match.end(), quote
    return None


def parse_yaml(text: str, path: str, problems: Problems) -> Node | None:
    """Parse one YAML document; report every problem located. Returns None when unusable."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        problems.error(Location(path, 1), f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB; a profile is never that big")
        return None
    try:
        nodes = _compose_fast(text)
        if nodes is None:
            deep = _first_too_deep(text)
            if deep is not None:
                problems.error(_location(path, deep), "YAML document is too large: nested too deeply")
                return None
            nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = _error_mark(error)
        unclosed = _unclosed_quote(text, mark.line + 1 if mark is not None else text.count("\n") + 1)
        if unclosed is not None:  # the real cause: YAML only stumbles lines later, on what the quote swallowed
            line, column, quote = unclosed
            problems.error(Location(path, line, column), f"YAML syntax: a quoted value is not closed: add the closing {quote} at the end of this line")
        else:
            problems.error(_location(path, mark), _plain_yaml_message(error))
        return None
    except yaml.YAMLError as error:  # e.g. a control character the reader rejects
        problems.error(Location(path, 1), f"YAML cannot be read: {error}")
        return None
    except RecursionError:
        problems.error(Location(path, 1), "YAML document is too large: nested too deeply")
        return None
    if len(nodes) > 1:
        problems.error(_location(path, nodes[1].start_mark), "only one YAML document per file: remove the '---' separator")
        return None
    if not nodes or nodes[0] is None:
        problems.error(Location(path, 1), "file is empty: it needs at least the required keys")
        return None
    return _Converter(path, problems).convert(nodes[0])


def to_plain(node: Node) -> Any:
    """The node as plain Python values (for JSON Schema validation)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [to_plain(item) for item in node.items]
    return {key: to_plain(value) for key, value in node.entries.items()}


def locate(node: Node, path: Iterator[Any] | list[Any], *, key: bool = False) -> Location:
    """The location of the value at `path` (keys and indexes), or of its nearest existing parent."""
    for step in path:
        if isinstance(node, Mapping) and step in node.entries:
            if key and step == path[-1]:  # type: ignore[index]
                return node.key_locations[step]
            node = node.entries[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node.items):
            node = node.items[step]
        else:
            break
    return node.location
