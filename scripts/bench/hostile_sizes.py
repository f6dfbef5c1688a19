#!/usr/bin/env python3
"""Inputs whose cost was a product of two sizes (issue #21, findings 3-7), each against a benign input
of the same size.

    .venv/bin/python scripts/bench/hostile_sizes.py [--only CASE,...] [--code DIR] [--scale 1.0]

Each case writes a small project into a temporary folder and runs `briefing check` or `mkdocs build`
on it, once as the hostile input and once as a benign one of about the same bytes, under
`/usr/bin/time` (wall seconds and the peak resident memory of the command). It prints a Markdown
table: both times, their ratio, both peaks, the exit codes, and for builds the size of the site.
A ratio within 3 is what the bounds promise; it is a benchmark, not a test (tests/user/test_hostile_sizes.py
checks the behaviour, never the time). `--code DIR` runs another checkout's `generator` (a
`git worktree add /tmp/base HEAD` of the code before a change) with this script's cases.

The cases (times before the bounds from the issue and from this script on the code before them,
2 busy cores; after: each within 1.6x of its benign input):

- quotes-after-text (build): 1,000 quoted paragraphs after 1 MB of text, cited as 1,000 sources;
  benign: the same article with the quoted paragraphs first. `Site.quote_paragraph` folded every
  paragraph up to the quoted one again for each quote: 65 s against 5 s (now 3.7 s against 2.7 s).
- stance-series (build): 4,000 positions of one actor on one topic, each quoting a sentence of one
  paragraph of 4,000 sentences; benign: the same sentences as 4,000 paragraphs. The one long
  paragraph was folded again for each quote (35 s), and the 4,000 paragraphs up to each quoted one
  (75 s): now 4.7 s and 4.8 s.
- nested-aliases (check): the aliases `Q`, `Q Q`, ..., every nesting the name limit allows (100),
  over 20,000 words of `Q`; benign: 100 different names of the same lengths over 20,000 ordinary
  words. Every overlapping match was kept and sorted: 2.2 s and 381 MB (now 1.2 s, 143 MB).
- nested-aliases-800 (check): the issue's 800 nested aliases (17 s and 2.2 GB here; 24 s and
  2.1 GB in the issue), now 700 located errors (names over 200 characters) and exit 1, as is
  its benign twin, whose names are as long.
- long-capitalised-word (check): one paragraph `"A" + "a" * 64000`; benign: 64,000 characters of
  words. The unprofiled-name pattern tried every split of the word: 65 s (32,000: 17 s).
- capitalised-run (check): `A-A-A-...`, 64,000 characters, a word the pattern started again at
  every second character of: 16 s.
- overlong-alias (check): a 700,000-character alias; benign: the same characters in an article.
  It crashed `check` and `build` with exit 139 when the automaton was freed; now a located error.
- long-name-output (build): the longest name allowed (200 characters), mentioned by its alias in
  200 one-line articles; benign: a 12-character name, the articles padded to the same bytes. The
  name is printed on every page that lists the actor, so the site grows as name x pages; at 200
  characters each copy costs a constant per mention or reference, and the site stays linear in the
  input (5.8 MB against 5.7 MB).
- long-name-200k (build): the same with a 200 KB name (benign: a short name): 202 KB of input made a
  49 MB site in 33 s (61 MB and a 3.1 GB peak in the issue); now a located error and exit 1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MKDOCS_YML = "site_name: Hostile sizes\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - briefing\n"
ACTOR = "kind: person\nsummary: Someone.\n"
TOPIC = "title: Talks\nquestion: Will there be talks?\nsummary: Whether the talks happen.\n"
FILLER = ("The delegations met again on Tuesday and agreed to continue the discussion next week, "
          "while officials on both sides declined to comment on the details of the proposals. ")


@dataclass
class Project:
    files: dict[str, str]
    command: str  # "check" or "build"


def _yaml_list(key: str, values: list[str]) -> str:
    return f"{key}:\n" + "".join(f'  - "{v}"\n' for v in values)


def _quote_sources(article: str, quotes: list[str]) -> str:
    return "".join(f'      - article: {article}\n        quote: "{q}"\n' for q in quotes)


def quotes_after_text(hostile: bool, scale: float) -> Project:
    filler = [FILLER * 2 for _ in range(int(3_000 * scale))]  # ~1 MB
    quoted = [f"Statement number {i} says the talks were calm." for i in range(int(1_000 * scale))]
    paragraphs = filler + quoted if hostile else quoted + filler
    actor = ("name: Ana Quill\n" + ACTOR + "positions:\n  - topic: talks\n    stance: supports\n    sources:\n"
             + _quote_sources("long", quoted))
    return Project({"seeds/articles/long.txt": "\n\n".join(["Ana Quill spoke."] + paragraphs) + "\n",
                    "seeds/actors/ana-quill.yaml": actor, "seeds/topics/talks.yaml": TOPIC}, "build")


def stance_series(hostile: bool, scale: float) -> Project:
    count = int(4_000 * scale)
    sentences = [f"On day {i} the minister said the talks were calm." for i in range(count)]
    body = " ".join(sentences) if hostile else "\n\n".join(sentences)
    positions = "".join(
        f"  - topic: talks\n    stance: {'supports' if i % 2 else 'opposes'}\n    as_of: \"{2000 + i // 336}-{i // 28 % 12 + 1:02d}-{i % 28 + 1:02d}\"\n"
        f"    sources:\n      - article: day\n        quote: \"{s}\"\n"
        for i, s in enumerate(sentences)
    )
    return Project({"seeds/articles/day.txt": "Ana Quill spoke.\n\n" + body + "\n",
                    "seeds/actors/ana-quill.yaml": "name: Ana Quill\n" + ACTOR + "positions:\n" + positions,
                    "seeds/topics/talks.yaml": TOPIC}, "build")


def nested_aliases(hostile: bool, scale: float, count: int = 100) -> Project:
    words = int(20_000 * scale)
    if hostile:
        aliases = [" ".join(["Q"] * k) for k in range(1, count + 1)]
        text = " ".join(["Q"] * words)
    else:
        # Names of the same lengths, none inside another, and ordinary words around them.
        aliases = [f"Z{k}" + "z" * max(0, 2 * k - 1 - len(f"Z{k}")) for k in range(1, count + 1)]
        pool = ["the", "talks", "were", "calm", "and", aliases[3], "on", "Monday", aliases[10]]
        text = " ".join(pool[i % len(pool)] for i in range(words))[: 2 * words - 1]
    actor = "name: Quentin Q\n" + ACTOR + _yaml_list("aliases", aliases)
    return Project({"seeds/articles/q.txt": text + "\n", "seeds/actors/quentin.yaml": actor}, "check")


def nested_aliases_800(hostile: bool, scale: float) -> Project:
    return nested_aliases(hostile, scale, count=800)


def long_capitalised_word(hostile: bool, scale: float) -> Project:
    size = int(64_000 * scale)
    text = "A" + "a" * size if hostile else " ".join(["Aaaaaa aaaaa"] * (size // 13 + 1))[: size + 1]
    return Project({"seeds/articles/word.txt": text + "\n"}, "check")


def capitalised_run(hostile: bool, scale: float) -> Project:
    size = int(64_000 * scale)
    text = "A-" * (size // 2) if hostile else " ".join(["Aa bb"] * (size // 6 + 1))[:size]
    return Project({"seeds/articles/word.txt": text + "\n"}, "check")


def overlong_alias(hostile: bool, scale: float) -> Project:
    size = int(700_000 * scale)
    if hostile:
        actor, text = "name: Ana Quill\n" + ACTOR + _yaml_list("aliases", ["A" * size]), "Ana Quill spoke."
    else:
        actor, text = "name: Ana Quill\n" + ACTOR + _yaml_list("aliases", ["Quill"]), "Ana Quill spoke. " + "A" * size
    return Project({"seeds/articles/a.txt": text + "\n", "seeds/actors/ana-quill.yaml": actor}, "check")


def long_name_output(hostile: bool, scale: float, length: int = 200) -> Project:
    """The name only in the profile; the articles write the alias `Ana`. Benign: a short name, the
    characters it lacks spread over the articles, so both inputs have the same bytes."""
    articles = int(200 * scale)
    name = "Ana " + "Q" * (length - 4) if hostile else "Ana Quillson"
    pad = 0 if hostile else (length - len(name)) // articles
    files = {f"seeds/articles/a{i:03d}.txt": f"Ana spoke{' ' + 'x' * pad if pad else ''}.\n" for i in range(articles)}
    files["seeds/actors/ana.yaml"] = f'name: "{name}"\naliases: [Ana]\n' + ACTOR
    return Project(files, "build")


def long_name_200k(hostile: bool, scale: float) -> Project:
    return long_name_output(hostile, scale, length=200_000)


CASES = {
    "quotes-after-text": quotes_after_text,
    "stance-series": stance_series,
    "nested-aliases": nested_aliases,
    "nested-aliases-800": nested_aliases_800,
    "long-capitalised-word": long_capitalised_word,
    "capitalised-run": capitalised_run,
    "overlong-alias": overlong_alias,
    "long-name-output": long_name_output,
    "long-name-200k": long_name_200k,
}


@dataclass
class Result:
    seconds: float
    peak_mb: float
    code: int
    input_bytes: int
    site_bytes: int | None
    first_error: str


def run(project: Project, folder: Path, code: Path, timeout: float) -> Result:
    for sub in ("articles", "actors", "topics", "events"):
        (folder / "seeds" / sub).mkdir(parents=True, exist_ok=True)
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    size = 0
    for rel, text in project.files.items():
        (folder / rel).write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(code)}
    args = [sys.executable, "-m", "generator", "check", "-q"] if project.command == "check" else [sys.executable, "-m", "mkdocs", "build", "-q"]
    stats = folder / "time.txt"
    start = time.perf_counter()
    try:
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(stats), *args], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Result(timeout, 0.0, -1, size, None, f"timed out after {timeout:.0f} s")
    seconds = time.perf_counter() - start
    lines = stats.read_text().strip().splitlines()
    peak = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else 0.0
    # /usr/bin/time reports a signal as "Command terminated by signal N"; the shell's 128 + N.
    signal = next((int(line.split()[-1]) for line in lines if "terminated by signal" in line), 0)
    code = 128 + signal if signal else done.returncode
    site = folder / "site"
    site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) if site.is_dir() else None
    error = next((line for line in (done.stdout + done.stderr).splitlines() if ": error: " in line), "")
    return Result(seconds, peak, code, size, site_bytes, error[:110] + ("…" if len(error) > 110 else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(CASES), help="comma-separated case names")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose `generator` runs (default: this one)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every case's size")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a run is given up")
    args = parser.parse_args()
    print(f"code: {args.code}\n")
    print("| case | command | hostile (s) | benign (s) | ratio | hostile peak (MB) | benign peak (MB) | exit (hostile, benign) "
          "| input (hostile, benign) | site (hostile, benign) |\n| --- | --- |" + " ---: |" * 8)
    notes = []
    for name in args.only.split(","):
        make = CASES[name]
        results = []
        for hostile in (True, False):
            project = make(hostile, args.scale)
            folder = Path(tempfile.mkdtemp(prefix=f"hostile-{name}-"))
            try:
                results.append(run(project, folder, args.code, args.timeout))
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        bad, good = results
        ratio = bad.seconds / good.seconds if good.seconds else float("inf")
        mb = lambda n: "–" if n is None else f"{n / 1e6:.1f} MB"  # noqa: E731
        kb = lambda n: f"{n / 1e3:,.0f} KB"  # noqa: E731
        print(f"| {name} | {make(True, args.scale).command} | {bad.seconds:.1f} | {good.seconds:.1f} | {ratio:.1f}× "
              f"| {bad.peak_mb:,.0f} | {good.peak_mb:,.0f} | {bad.code}, {good.code} | {kb(bad.input_bytes)}, {kb(good.input_bytes)} "
              f"| {mb(bad.site_bytes)}, {mb(good.site_bytes)} |", flush=True)
        if bad.first_error:
            notes.append(f"- {name}: {bad.first_error}")
    if notes:
        print("\nFirst error line of each hostile run:\n" + "\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
