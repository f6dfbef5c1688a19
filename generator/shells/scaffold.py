"""`briefing init` and `briefing new`: starting files that are valid, commented and never overwrite."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

from ..model import ACTOR_KINDS, ID_PATTERN
from .report import Refused

SEED_FOLDERS = ("articles", "actors", "topics", "events")
FOLDER_OF = {"actor": "actors", "topic": "topics", "event": "events"}


class ScaffoldRefused(Refused):
    """`init` or `new` would overwrite a file or was given an invalid id."""


def _skeleton(name: str) -> str:
    return resources.files("generator.shells").joinpath("skeleton", name).read_text(encoding="utf-8")


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def init_project(target: Path, name: str | None = None) -> list[Path]:
    if target.exists() and any(target.iterdir()):
        raise ScaffoldRefused(f"{target} exists and is not empty; choose a new folder")
    name = name or target.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "Briefing"
    files = {
        "mkdocs.yml": _skeleton("mkdocs.yml").replace("{name}", _yaml_string(name)),
        "docs/index.md": _skeleton("index.md").replace("{name}", name),
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
    for kind in ("actor", "topic", "event", "article"):
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


def new_file(root: Path, kind: str, new_id: str, *, name: str | None = None, actor_kind: str | None = None) -> Path:
    if not ID_PATTERN.match(new_id):
        raise ScaffoldRefused(f"'{new_id}' is not a valid id: use lowercase letters, digits and single hyphens, like 'antony-blinken'")
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
