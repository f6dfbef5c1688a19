"""Pages kept from the last generation (generator/pages/reuse.py, what `briefing serve` does after each
saved edit) are the pages a fresh generation makes: through a random sequence of edits of every kind
on a synthetic briefing, after each edit every page made with the store equals the page made without.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from generator.pages import Options, Site, build_pages
from generator.pages.reuse import Reuse
from generator.session.pipeline import Session


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _save(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


class Editor:
    """Random edits of the kinds a writer makes, each one saved as a file under seeds/."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root, self.rng = root, rng
        self.seeds = root / "seeds"

    def files(self, folder: str, suffix: str) -> list[Path]:
        return sorted((self.seeds / folder).glob(f"*{suffix}"))

    def pick(self, folder: str, suffix: str = ".yaml") -> Path:
        return self.rng.choice(self.files(folder, suffix))

    def actor_ids(self) -> list[str]:
        return [p.stem for p in self.files("actors", ".yaml")]

    def change(self, folder: str, what: str, edit) -> str:  # type: ignore[no-untyped-def]
        """Load a random YAML file of `folder`, let `edit(data, stem)` change it, save it."""
        path = self.pick(folder)
        data = _load(path)
        edit(data, path.stem)
        _save(path, data)
        return f"{what} of {path.stem}"

    # Each edit returns a short description (shown when a page differs).

    def actor_summary(self) -> str:
        return self.change("actors", "summary", lambda data, _: data.update(summary=f"Edited summary {self.rng.randrange(10**6)}."))

    def actor_name(self) -> str:
        return self.change("actors", "name", lambda data, _: data.update(name=data["name"] + " Jr"))

    def actor_alias(self) -> str:
        return self.change("actors", "alias", lambda data, _: data.update(
            aliases=list(data.get("aliases") or []) + [f"Alias{self.rng.randrange(1000)}"]))

    def actor_kind(self) -> str:
        path = self.pick("actors")
        data = _load(path)
        if data["kind"] == "person":
            return "no kind change"
        data["kind"] = self.rng.choice([k for k in ("state", "organization", "government-body") if k != data["kind"]])
        _save(path, data)
        return f"kind of {path.stem}"

    def actor_relation(self) -> str:
        path = self.pick("actors")
        data = _load(path)
        target = self.rng.choice([a for a in self.actor_ids() if a != path.stem])
        data["relations"] = list(data.get("relations") or []) + [{"type": "allied-with", "target": target}]
        _save(path, data)
        return f"relation {path.stem} -> {target}"

    def actor_drop_relations(self) -> str:
        return self.change("actors", "relations dropped", lambda data, _: data.pop("relations", None))

    def article_text(self) -> str:
        path = self.pick("articles", ".txt")
        text = path.read_text(encoding="utf-8")
        name = _load(self.pick("actors"))["name"]
        paragraphs = text.split("\n\n")
        at = self.rng.randrange(len(paragraphs))
        paragraphs[at] = paragraphs[at] + f" Later {name} said more."
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
        return f"text of {path.stem} names {name}"

    def article_sidecar(self) -> str:
        path = self.pick("articles", ".yaml")
        data = _load(path)
        choice = self.rng.randrange(3)
        if choice == 0:
            data["date"] = f"20{self.rng.randrange(15, 25)}-0{self.rng.randrange(1, 10)}-1{self.rng.randrange(10)}"
        elif choice == 1:
            data["title"] = f"A new title {self.rng.randrange(1000)}"
        else:
            data["topics"] = [self.pick("topics").stem]
        _save(path, data)
        return f"sidecar of {path.stem} ({choice})"

    def topic_title(self) -> str:
        return self.change("topics", "title", lambda data, _: data.update(title=f"Topic retitled {self.rng.randrange(1000)}"))

    def event(self) -> str:
        path = self.pick("events")
        data = _load(path)
        data["date"] = f"20{self.rng.randrange(15, 25)}-1{self.rng.randrange(3)}-0{self.rng.randrange(1, 10)}"
        data["actors"] = self.rng.sample(self.actor_ids(), 2)
        data["title"] = f"Event retitled {self.rng.randrange(1000)}"
        _save(path, data)
        return f"event {path.stem}"

    def new_actor(self) -> str:
        n = self.rng.randrange(10**6)
        _save(self.seeds / "actors" / f"new-actor-{n}.yaml", {
            "name": f"Zorbin Quell{n}", "kind": "person", "summary": "A new profile.",
            "relations": [{"type": "advises", "target": self.rng.choice(self.actor_ids())}],
        })
        return f"new actor {n}"

    def new_article(self) -> str:
        n = self.rng.randrange(10**6)
        names = [_load(self.pick("actors"))["name"] for _ in range(3)]
        (self.seeds / "articles" / f"new-{n}.txt").write_text(
            f"Fresh report {n}\n\n{names[0]} met {names[1]} on Tuesday. {names[2]} was not there.\n", encoding="utf-8")
        return f"new article {n}"

    def delete_article(self) -> str:
        path = self.pick("articles", ".txt")
        path.unlink()
        sidecar = path.with_suffix(".yaml")
        if sidecar.exists():
            sidecar.unlink()
        return f"deleted article {path.stem}"

    def edits(self) -> list:
        return [
            self.actor_summary, self.actor_name, self.actor_alias, self.actor_kind, self.actor_relation,
            self.actor_drop_relations, self.article_text, self.article_sidecar, self.topic_title, self.event,
            self.new_actor, self.new_article, self.delete_article,
        ]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_pages_kept_between_edits_equal_pages_made_afresh(synthetic_copy, seed):
    root = synthetic_copy("briefing", n=60, actors=20, seed=seed)  # 60 articles: enough pages for the counts below
    rng = random.Random(seed)
    editor = Editor(root, rng)
    session, reuse = Session(), Reuse()
    options = Options(tags=True, page_size=3)  # small pages: the split lists and their page links too
    done: list[str] = []
    reused = made = checked = 0
    for step in range(40):
        before = {path: path.read_bytes() for path in (root / "seeds").rglob("*") if path.is_file()}
        done.append(rng.choice(editor.edits())())
        analysis = session.analyse(root)
        if analysis.project.problems.has_errors:  # an edit that breaks a reference: taken back
            for path in (root / "seeds").rglob("*"):
                if path.is_file() and path not in before:
                    path.unlink()
            for path, data in before.items():
                path.write_bytes(data)
            done[-1] += " (taken back)"
            analysis = session.analyse(root)
            assert not analysis.project.problems.has_errors
        corpus, mentions = analysis.project.corpus, analysis.mentions
        fresh = build_pages(Site(corpus, mentions, options))
        kept = build_pages(Site(corpus, mentions, options, reuse))
        differing = [path for path in fresh if kept.get(path) != fresh[path]]
        assert kept.keys() == fresh.keys() and not differing, f"after {done}: {differing[:5]}"
        reused, made, checked = reused + reuse.reused, made + len(reuse.asked) - reuse.reused, checked + 1
        reuse.forget_unasked()
    # The store was used, and the edits changed pages too (a store that never gives a page, or
    # never makes one, would pass the comparison above without testing anything).
    assert checked == 40 and reused > 1000 and made > 200, (reused, made, done)
