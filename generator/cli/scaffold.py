"""`briefing init` and `briefing new`: starting files that are valid, commented and never overwrite."""

from __future__ import annotations

import json
import shutil
import textwrap
from importlib import resources
from pathlib import Path

from .. import __version__
from ..model import ACTOR_KINDS, ID_PATTERN, id_for
from . import tool_pin
from .report import Refused

SEED_FOLDERS = ("articles", "actors", "topics", "events")
FOLDER_OF = {"actor": "actors", "topic": "topics", "event": "events"}


class ScaffoldRefused(Refused):
    """`init` or `new` would overwrite a file or was given an invalid id."""


def _skeleton(name: str) -> str:
    return resources.files("generator.cli").joinpath("skeleton", name).read_text(encoding="utf-8")


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


SCHEMA_KINDS = ("actor", "topic", "event", "article")

# Everything `briefing init` writes, as `briefing init --help` lists it (one source for both).
INIT_FILES = (
    ("mkdocs.yml", "the site's configuration (set site_url to the published address)"),
    ("docs/index.md", "the home page's introduction, to write"),
    ("docs/contributing.md", "for writers: how to add an article, an actor, a position with its quote; the commands"),
    ("README.md", "setting up, the commands, review and publishing, the tool's version and how to upgrade it"),
    ("requirements.txt", "the pinned tool: `briefing @ git+URL@v<version>`, the version running init (--tool-source)"),
    (".pre-commit-config.yaml", "`briefing check` before each commit: the briefing-check hook at the same version"),
    (".github/workflows/briefing.yml", "CI: on every pull request the pinned tool, `briefing check` with annotations "
     "on the changed lines, `mkdocs build --strict`; on the default branch, deploy to GitHub Pages"),
    (".gitignore", "site/ and .venv/"),
    (", ".join(f"seeds/{folder}/.gitkeep" for folder in SEED_FOLDERS), "the empty seed folders"),
    (", ".join(f"schema/{kind}.schema.json" for kind in SCHEMA_KINDS), "the JSON Schemas, so editors check files offline"),
)


def init_listing() -> str:
    return "\n".join(f"  {path}\n" + textwrap.fill(what, 100, initial_indent=" " * 6, subsequent_indent=" " * 6)
                     for path, what in INIT_FILES)


def init_project(target: Path, name: str | None = None, tool_source: str | None = None) -> list[Path]:
    if target.exists() and any(target.iterdir()):
        raise ScaffoldRefused(f"{target} exists and is not empty; choose a new folder")
    name = name or target.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "Briefing"
    source, known = tool_pin.tool_source(tool_source)
    values = {"{name}": name, "{version}": __version__, "{tag}": tool_pin.tag(), "{source}": source,
              "{requirement}": tool_pin.requirement(source),
              # A placeholder source is marked where it stands, so `briefing check` warns until it is set.
              "{todo}": "" if known else "  # TODO: the briefing tool's git repository"}

    def filled(skeleton: str) -> str:
        text = _skeleton(skeleton)
        for key, value in values.items():
            text = text.replace(key, value)
        return text

    files = {
        "mkdocs.yml": _skeleton("mkdocs.yml").replace("{name}", _yaml_string(name)),
        "docs/index.md": _skeleton("index.md").replace("{name}", name),
        "docs/contributing.md": filled("contributing.md"),
        "README.md": filled("README.md"),
        "requirements.txt": filled("requirements.txt"),
        ".pre-commit-config.yaml": filled("pre-commit-config.yaml"),
        ".github/workflows/briefing.yml": filled("workflow.yml"),
        ".gitignore": _skeleton("gitignore"),
    }
    files.update({f"seeds/{folder}/.gitkeep": "" for folder in SEED_FOLDERS})
    created = []
    for rel, content in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        created.append(path)
    # The JSON Schemas travel with the project, so editors validate offline while typing.
    schema_dir = target / "schema"
    schema_dir.mkdir()
    for kind in SCHEMA_KINDS:
        source = resources.files("generator.schema").joinpath(f"{kind}.schema.json")
        with resources.as_file(source) as source_path:
            shutil.copyfile(source_path, schema_dir / f"{kind}.schema.json")
        created.append(schema_dir / f"{kind}.schema.json")
    return created


def _schema_ref(root: Path) -> str:
    """The schema folder as seen from seeds/<folder>/: the project's copy, or this repository's own."""
    for candidate in ("schema", "generator/schema"):
        if (root / candidate).is_dir():
            return f"../../{candidate}"
    return "../../schema"


def _is_name(text: str) -> bool:
    """"Vincent Clerc", "Maersk", "A.P. Moller-Maersk": a name to make an id from, not a mistyped id
    ("Vincent_Clerc", "acme--corp", which are refused with the id they would be)."""
    return (any(c.isalpha() for c in text) and (" " in text.strip() or text[:1].isupper())
            and all(c.isalnum() or c in " .'’&-" for c in text))


def new_file(root: Path, kind: str, new_id: str, *, name: str | None = None, actor_kind: str | None = None) -> Path:
    """`new_id` may be a name instead ("Vincent Clerc"): the id is made from it (`vincent-clerc`), and it
    is the name (or title) unless `name` is given."""
    if not ID_PATTERN.match(new_id) and _is_name(new_id) and id_for(new_id):
        new_id, name = id_for(new_id), name or new_id.strip()
    if not ID_PATTERN.match(new_id):
        valid = id_for(new_id)
        hint = f" (did you mean '{valid}'?); a name in quotes, \"Antony Blinken\", is made into its id" if valid else ""
        raise ScaffoldRefused(f"'{new_id}' is not a valid id: use lowercase letters, digits and single hyphens, like 'antony-blinken'{hint}")
    if actor_kind is not None and (kind != "actor" or actor_kind not in ACTOR_KINDS):
        raise ScaffoldRefused(f"--kind is for actors and must be one of: {', '.join(ACTOR_KINDS)}")
    if not (root / "seeds").is_dir():
        raise ScaffoldRefused(f"{root} has no seeds/ folder: run this inside a briefing project (or `briefing init DIR`)")
    path = root / "seeds" / FOLDER_OF[kind] / f"{new_id}.yaml"
    if path.exists():
        raise ScaffoldRefused(f"{path} already exists; edit it instead")
    default_name = new_id.replace("-", " ").title()
    content = (
        _skeleton(f"{kind}.yaml")
        .replace("{schema}", _schema_ref(root))
        .replace("{name}", _yaml_string(name or default_name))
        .replace("{kind}", actor_kind or "person")
        .replace('"{today}"', '"TODO: the date you checked this profile, YYYY-MM-DD"')
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path
