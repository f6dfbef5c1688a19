"""Check a YAML document against the published JSON Schema, in words an analyst understands.

The schema files in generator/schema/ are the single source of truth for keys, types and allowed
values: editors use them while typing (`# yaml-language-server: $schema=...`) and so does this check.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import jsonschema

from .. import fast
from ..problems import Problems
from .located_yaml import Mapping, Node, Scalar, Sequence, locate, to_plain
from .schema_fast import compile_pattern, compile_schema


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "boolean": "true or false",
    "null": "empty",
}


@lru_cache(maxsize=None)
def schema(kind: str) -> dict[str, Any]:
    with resources.files("generator.schema").joinpath(f"{kind}.schema.json").open(encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=None)
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    # Imported here: a briefing whose files all conform never needs it (schema_fast says yes), and
    # it is a third of the command's start-up time.
    import jsonschema

    def pattern(validator, value, instance, _schema):  # type: ignore[no-untyped-def]
        if validator.is_type(instance, "string") and not compile_pattern(value).search(instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {value!r}")

    # jsonschema's own `pattern` uses Python's `$`: see compile_pattern.
    validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": pattern})
    return validator(schema(kind))


# Words a contributor reaches for that are not spelled like the allowed value they mean: `kind: nation`
# means 'state', though 'organization' is spelt closer. Used only when the meant value is allowed there.
_SYNONYMS = {
    # kind
    **dict.fromkeys(["nation", "country", "nation-state", "sovereign-state"], "state"),
    **dict.fromkeys(["org", "organisation", "company", "corporation", "firm", "business", "ngo", "institution",
                     "think-tank", "international-organization", "international-organisation"], "organization"),
    **dict.fromkeys(["government", "agency", "ministry", "department", "government-agency", "authority", "regulator",
                     "government-department", "government-organisation", "government-organization"], "government-body"),
    **dict.fromkeys(["individual", "people", "human", "official", "politician"], "person"),
    **dict.fromkeys(["militia", "faction", "movement", "rebels", "rebel-group", "armed-group", "coalition", "bloc"], "group"),
    # stance
    **dict.fromkeys(["for", "pro", "in-favour", "in-favor", "favours", "favors", "backs", "support"], "supports"),
    **dict.fromkeys(["against", "anti", "oppose", "opposed", "rejects"], "opposes"),
    **dict.fromkeys(["neutral", "ambivalent", "divided", "both"], "mixed"),
    **dict.fromkeys(["unknown", "undecided", "uncertain", "none", "n/a"], "unclear"),
    # confidence
    **dict.fromkeys(["medium", "mid", "middle", "average", "fair"], "moderate"),
    **dict.fromkeys(["strong", "very-high"], "high"),
    **dict.fromkeys(["weak", "very-low"], "low"),
    # relation type
    **dict.fromkeys(["member", "belongs-to"], "member-of"),
    **dict.fromkeys(["subsidiary-of", "branch-of", "division-of", "unit-of"], "part-of"),
    **dict.fromkeys(["heads", "chairs", "runs", "head-of", "leader-of"], "leads"),
    **dict.fromkeys(["ally", "ally-of", "allied", "allies", "alliance", "partner", "partner-of"], "allied-with"),
    **dict.fromkeys(["mediator", "mediates-between", "brokers"], "mediates"),
    **dict.fromkeys(["adviser", "advisor", "advises-to", "adviser-to", "advisor-to"], "advises"),
    **dict.fromkeys(["spokesperson-for", "speaks-for", "represents-to"], "represents"),
}


def _suggest(word: str, choices: list[str]) -> str:
    meant = _SYNONYMS.get(word.strip().lower().replace(" ", "-").replace("_", "-"))
    close = [meant] if meant in choices else difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _field(path: list[Any]) -> str:
    """A readable name for a value's place: `roles[2].start` → "'start' of roles item 3"."""
    keys = [p for p in path if isinstance(p, str)]
    if not keys:
        return "this value"
    name = f"'{keys[-1]}'"
    if len(path) >= 2 and isinstance(path[-2], int):
        name += f" in {path[-3] if len(path) >= 3 else 'list'} item {path[-2] + 1}"
    elif isinstance(path[-1], int):
        name = f"item {path[-1] + 1} of '{keys[-1]}'"
    return name


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def _pattern_message(error: jsonschema.ValidationError, path: list[Any]) -> str:
    pattern = error.schema.get("pattern", "")
    value = error.instance
    description = error.schema.get("description", "")
    if description.startswith(("a ", "an ")):  # a value whose schema says what it is (an identifier's form)
        return f"{_field(path)}: {_show(value)} is not {description}"
    if "https?" in pattern:
        return f"{_field(path)} must be an http:// or https:// address, not {_show(value)}"
    if "[0-9]{4}" in pattern:
        return f"{_field(path)}: {_show(value)} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
    if "A-Z" in pattern:
        return f"{_field(path)}: {_show(value)} is not an article id (letters, digits, '_' and '-')"
    return f"{_field(path)}: {_show(value)} is not an id: use lowercase letters, digits and single hyphens, like 'antony-blinken'"


def _messages(error: jsonschema.ValidationError, root: Node) -> list[tuple[Any, str]]:
    """(location, message) pairs for one schema error."""
    path = list(error.absolute_path)
    where = locate(root, path)
    kind = error.validator
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        return [
            (locate(root, path + [key], key=True), f"unknown key '{key}'{_suggest(key, allowed)}; known keys: {', '.join(allowed)}")
            for key in unknown
        ]
    if kind == "required":
        missing = error.message.split("'")[1]
        owner = "this file" if not path else _field(path) if isinstance(path[-1], str) else f"{path[-2]} item {path[-1] + 1}"
        return [(where, f"missing required key '{missing}' in {owner}")]
    if kind == "enum":
        choices = [str(c) for c in error.validator_value]
        return [(where, f"{_field(path)} is {_show(error.instance)}{_suggest(str(error.instance), choices)}; allowed: {', '.join(choices)}")]
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS[w] for w in wanted if w != "integer" or "string" not in wanted)
        if not path:
            return [(where, f"the file must be {words}, with one key per line, not {_TYPE_WORDS[_json_type(error.instance)]}")]
        return [(where, f"{_field(path)} must be {words}, not {_TYPE_WORDS[_json_type(error.instance)]} {_show(error.instance)}")]
    if kind == "pattern":
        return [(where, _pattern_message(error, path))]
    if kind == "minLength":
        return [(where, f"{_field(path)} is empty" if not error.instance else f"{_field(path)} is too short")]
    if kind == "maxLength":  # never the value itself: it may be 700,000 characters
        reason, advice = (("a title is shown wherever its page is listed", "put the rest in 'summary'") if "title" in path
                          else ("the longest official names have under 100", "write it as the articles do"))
        return [(where, f"{_field(path)} is {len(error.instance):,} characters long: at most {error.validator_value} "
                        f"are allowed ({reason}); {advice}")]
    if kind == "oneOf":
        return [(where, "a source needs either 'article' with a 'quote' (exact words from it), or a 'url'; not both")]
    return [(where, f"{_field(path)}: {error.message}")]


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


@lru_cache(maxsize=None)
def _conforms(kind: str) -> Callable[[Any], bool] | None:
    return compile_schema(schema(kind))


def check_schema(root: Node, kind: str, problems: Problems) -> bool:
    """Report every schema problem of one document; True when it conforms."""
    plain = to_plain(root)
    conforms = _conforms(kind) if fast.on("compiled_schemas") else None
    if conforms is not None and conforms(plain):  # the fast yes; jsonschema words the errors of a no
        fast.took("compiled_schemas")
        return isinstance(root, Mapping)
    ok = True
    for error in sorted(_validator(kind).iter_errors(plain), key=lambda e: [str(p) for p in e.absolute_path]):
        ok = False
        for where, message in _messages(error, root):
            problems.error(where, message)
    return ok and isinstance(root, Mapping)


PLACEHOLDER = "TODO"


def check_placeholders(root: Node, problems: Problems) -> bool:
    """Report each value still holding a `briefing new` template's "TODO: ..." text; True if none."""
    found = False

    def walk(node: Node, key: str) -> None:
        nonlocal found
        if isinstance(node, Scalar):
            if isinstance(node.value, str) and node.value.startswith(PLACEHOLDER):
                found = True
                hint = node.value[len(PLACEHOLDER):].lstrip(": ")
                problems.error(node.location, f"'{key}' is not filled in yet" + (f": {hint}" if hint else ""))
        elif isinstance(node, Sequence):
            for item in node.items:
                walk(item, key)
        else:
            for child_key, child in node.entries.items():
                walk(child, child_key)

    walk(root, "value")
    return not found
