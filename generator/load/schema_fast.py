"""A fast yes/no check of a document against one of our JSON Schemas, for the common case: it conforms.

`jsonschema` is general and slow (about 0.3 ms per profile, seconds for a large briefing). This
compiles a schema once into plain Python checks. It knows only the keywords our schemas use, with
the exact meaning `jsonschema` gives them (Draft 2020-12); a schema with any other keyword is not
compiled, and `jsonschema` checks every document. `schema_check.check_schema` asks this first and
calls `jsonschema` only when a document does not conform, to word its errors: so the answer and
every message are the same as before, only faster.
"""

from __future__ import annotations

import re
from typing import Any, Callable

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples", "deprecated", "markdownDescription"})
_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    # Draft 2020-12: 1.0 is an integer too.
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not implement."""


def compile_schema(schema: dict[str, Any]) -> Check | None:
    """A function true exactly for the instances `schema` accepts, or None if it cannot be compiled."""
    try:
        return _Compiler(schema).compile(schema)
    except Unsupported:
        return None


class _Compiler:
    def __init__(self, root: dict[str, Any]):
        self.root = root

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        checks: list[Check] = []
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            make = getattr(self, "_" + keyword.lstrip("$"), None)
            if make is None:
                raise Unsupported(keyword)
            checks.append(make(value, schema))
        if not checks:
            return lambda v: True
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(check(v) for check in checks)

    # ---- keywords ------------------------------------------------------------------------------

    def _ref(self, value: str, schema: dict[str, Any]) -> Check:
        if not isinstance(value, str) or not value.startswith("#/"):
            raise Unsupported(value)
        target: Any = self.root
        for part in value[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        compiled: list[Check] = []  # compiled on first use: a $ref may be recursive
        def check(v: Any) -> bool:
            if not compiled:
                compiled.append(self.compile(target))
            return compiled[0](v)
        return check

    def _type(self, value: Any, schema: dict[str, Any]) -> Check:
        names = value if isinstance(value, list) else [value]
        tests = [_TYPES[name] for name in names]
        return lambda v: any(test(v) for test in tests)

    def _enum(self, value: list[Any], schema: dict[str, Any]) -> Check:
        if not all(isinstance(item, str) for item in value):
            raise Unsupported("enum of non-strings")  # jsonschema's equality of 1, 1.0 and True is subtle
        allowed = frozenset(value)
        return lambda v: isinstance(v, str) and v in allowed

    def _const(self, value: Any, schema: dict[str, Any]) -> Check:
        if not isinstance(value, str):
            raise Unsupported("const of a non-string")
        return lambda v: isinstance(v, str) and v == value

    def _pattern(self, value: str, schema: dict[str, Any]) -> Check:
        pattern = compile_pattern(value)
        return lambda v: not isinstance(v, str) or pattern.search(v) is not None

    def _minLength(self, value: int, schema: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= value

    def _maxLength(self, value: int, schema: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, str) or len(v) <= value

    def _minimum(self, value: float, schema: dict[str, Any]) -> Check:
        number = _TYPES["number"]
        return lambda v: not number(v) or v >= value

    def _minProperties(self, value: int, schema: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, dict) or len(v) >= value

    def _maxProperties(self, value: int, schema: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, dict) or len(v) <= value

    def _required(self, value: list[str], schema: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, dict) or all(key in v for key in value)

    def _properties(self, value: dict[str, Any], schema: dict[str, Any]) -> Check:
        compiled = {key: self.compile(sub) for key, sub in value.items()}
        return lambda v: not isinstance(v, dict) or all(check(v[key]) for key, check in compiled.items() if key in v)

    def _additionalProperties(self, value: Any, schema: dict[str, Any]) -> Check:
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        known = frozenset(schema.get("properties", {}))
        extra = self.compile(value)
        return lambda v: not isinstance(v, dict) or all(extra(item) for key, item in v.items() if key not in known)

    def _items(self, value: Any, schema: dict[str, Any]) -> Check:
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        each = self.compile(value)
        return lambda v: not isinstance(v, list) or all(each(item) for item in v)

    def _not(self, value: Any, schema: dict[str, Any]) -> Check:
        inner = self.compile(value)
        return lambda v: not inner(v)

    def _anyOf(self, value: list[Any], schema: dict[str, Any]) -> Check:
        options = [self.compile(sub) for sub in value]
        return lambda v: any(option(v) for option in options)

    def _oneOf(self, value: list[Any], schema: dict[str, Any]) -> Check:
        options = [self.compile(sub) for sub in value]
        return lambda v: sum(1 for option in options if option(v)) == 1


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema `pattern` as editors (ECMA-262) read it, where `$` is the end of the text. Python's
    `$` also matches before a final newline, so `^[a-z]+$` would pass "alpha\n", a file name that
    then splits a manifest line. (Our patterns hold no `$` inside a character class.)"""
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))
