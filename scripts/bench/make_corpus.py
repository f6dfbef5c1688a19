#!/usr/bin/env python3
"""Make a deterministic synthetic briefing project for benchmarks.

    python scripts/bench/make_corpus.py N OUTDIR [--actors M] [--seed S]

OUTDIR gets what `briefing init` makes (mkdocs.yml from the skeleton with site_name filled,
docs/index.md) plus seeds/ holding:

- N raw articles (`seeds/articles/<id>.txt`, the delivered format: one paragraph per line, a blank
  line, `- Headline - Outlet` source lines, a `Written by` footer), 5-9 paragraphs each, most with a
  sidecar `<id>.yaml` (date, outlet, topics, sometimes a summary);
- M actors (default N/3): persons (surname alias), states (capital alias), organizations (some with
  an acronym alias) and government bodies, with roles, relations and a few positions whose quotes
  are taken verbatim from the generated articles, so `briefing check` verifies them;
- max(5, N/200) topics and N/20 events referencing actors and topics.

Articles mention actors by full name, by alias and in the possessive ("Korvalen's"), with a few
actors mentioned far more often than the rest, as in real news. Every actor is mentioned at least
once. Only `random.Random(seed)` is used, and nothing iterates a set: the same arguments give the
same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SKELETON = REPO / "generator" / "cli" / "skeleton"

ONSETS = ["b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "r", "s", "st", "t", "tr", "v", "z", "sh", "ch", "j"]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "io", "ou"]
CODAS = ["", "", "n", "r", "s", "l", "k", "v", "th", "sk", "m", "nd", "rt"]
FIRST_NAMES = (
    "Mira Anton Lena Pavel Ines Tomas Sofia Karel Nadia Viktor Elena Jonas Marta Oskar Irena Milan Greta Lukas "
    "Dana Rafael Alma Stefan Vera Emil Ada Boris Klara Hugo Nina Ivo Zora Marek Lea Felix Runa Aron Ilse Dario"
).split()
ORG_SUFFIXES = ["Institute", "Foundation", "Energy Group", "Alliance", "Council", "Shipping Company", "Bank", "Forum", "Trust", "Union"]
BODY_NAMES = ["Foreign Ministry", "Defence Ministry", "Trade Ministry", "Security Council", "Central Bank", "Energy Agency",
              "Finance Ministry", "Supreme Court", "Border Service", "Intelligence Service", "Parliament", "Interior Ministry"]
ROLE_TITLES = ["minister", "deputy minister", "director", "chair", "spokesperson", "senior adviser", "envoy", "head of delegation"]
OUTLETS = ["The Meridian Post", "Northern Ledger", "Harbor Wire", "The Continental", "Daily Compass", "Riverside Times",
           "The Observer Desk", "Granite Review", "Capital Dispatch", "Evening Courier", "Atlas News", "The Signal"]
ISSUE_ADJECTIVES = ["grain", "energy", "border", "arms", "sanctions", "transit", "water", "fisheries", "debt", "refugee",
                    "cyber", "port", "rail", "nuclear", "customs", "mining", "visa", "satellite", "pipeline", "election"]
ISSUE_NOUNS = ["exports", "talks", "quotas", "monitoring", "relief", "guarantees", "reform", "access", "inspections", "funding"]
STANCES = ["supports", "leans-supports", "mixed", "leans-opposes", "opposes", "unclear"]
CONFIDENCES = ["low", "moderate", "high"]

SUBJECT = [
    "{X} said that talks on {issue} could resume before the end of the year.",
    "{X} has called for a pause in the dispute over {issue}.",
    "{X} rejected the latest proposal on {issue}, according to officials familiar with the discussions.",
    "{X} is expected to set out a new position on {issue} in the coming weeks.",
    "{X} warned that {issue} could become a lasting source of tension with {Y}.",
    "{X} and {Y} held talks on {issue} but reached no agreement.",
    "{X} has not said whether it would accept a compromise on {issue}.",
]
POSSESSIVE = [
    "{XP} position on {issue} has shifted since the spring.",
    "{XP} negotiators described the plan as premature.",
    "Critics said {XP} approach to {issue} lacked detail.",
    "{XP} proposal on {issue} was welcomed by {Y}, though with reservations.",
]
MIDDLE = [
    "Officials close to {X} described the proposal as a first step.",
    "According to {X}, the question of {issue} remains open.",
    "A spokesperson for {X} declined to comment on {issue}.",
    "Diplomats say {X} has little room to manoeuvre on {issue}.",
    "Pressure on {X} to move on {issue} has grown, several diplomats said.",
]
FILLER = [
    "Analysts expect the debate to continue for several months.",
    "The figures could not be independently verified.",
    "Negotiators have met three times since the start of the year.",
    "Markets reacted calmly to the announcement.",
    "Several officials spoke on condition of anonymity because the talks are private.",
    "The next round of talks has not been scheduled.",
    "Some observers cautioned against reading too much into the statement.",
]
HEADLINES = ["{X} weighs new steps on {issue}", "Talks on {issue} stall as {X} hardens stance",
             "What {XP} shift on {issue} means", "{X} signals openness on {issue}", "Inside the fight over {issue}"]


class World:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()  # only for membership tests, never iterated (set order is not stable)

    def word(self, syllables: int | None = None) -> str:
        while True:
            n = syllables or self.rng.choice([2, 2, 3])
            parts = [self.rng.choice(ONSETS) + self.rng.choice(VOWELS) for _ in range(n)]
            word = ("".join(parts) + self.rng.choice(CODAS)).capitalize()
            if word not in self.used and len(word) >= 4:
                self.used.add(word)
                return word

    def claim(self, surface: str) -> bool:
        if surface in self.used:
            return False
        self.used.add(surface)
        return True


def slug(name: str) -> str:
    return "-".join("".join(c for c in part.lower() if c.isalnum()) for part in name.split())


def q(value: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(value, ensure_ascii=False)


def date_text(rng: random.Random) -> str:
    year, month = rng.randint(2019, 2024), rng.randint(1, 12)
    if rng.random() < 0.1:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def make_actors(world: World, count: int) -> list[dict]:
    rng = world.rng
    n_states = max(2, count * 8 // 100)
    n_bodies = min(n_states * len(BODY_NAMES), count * 15 // 100)
    n_orgs = count * 17 // 100
    n_persons = max(0, count - n_states - n_bodies - n_orgs)
    for name in FIRST_NAMES:
        world.claim(name)
    actors: list[dict] = []
    states = []
    for _ in range(n_states):
        name, capital = world.word(), world.word()
        states.append({"id": slug(name), "name": name, "kind": "state", "aliases": [capital],
                       "summary": f"State whose government sits in {capital}."})
    bodies = []
    pairs = [(s, b) for s in states for b in BODY_NAMES]
    rng.shuffle(pairs)
    for state, body in pairs[:n_bodies]:
        name = f"{state['name']} {body}"
        world.claim(name)
        bodies.append({"id": slug(name), "name": name, "kind": "government-body", "aliases": [], "country": state["id"],
                       "summary": f"The {body.lower()} of {state['name']}."})
    orgs = []
    for _ in range(n_orgs):
        name = f"{world.word()} {rng.choice(ORG_SUFFIXES)}"
        world.claim(name)
        aliases = []
        acronym = "".join(w[0] for w in name.split()) + rng.choice("ABCDEFGHKLMNPRSTV")
        if rng.random() < 0.5 and world.claim(acronym):
            aliases.append(acronym)
        orgs.append({"id": slug(name), "name": name, "kind": "organization", "aliases": aliases,
                     "summary": "A non-governmental organization active on several of the questions this briefing tracks."})
    persons = []
    for _ in range(n_persons):
        surname = world.word()
        name = f"{rng.choice(FIRST_NAMES)} {surname}"
        world.claim(name)
        state = rng.choice(states)
        person = {"id": slug(name), "name": name, "kind": "person", "aliases": [surname], "country": state["id"],
                  "summary": f"Public figure from {state['name']}."}
        employers = [b for b in bodies if b["country"] == state["id"]] or orgs
        if employers and rng.random() < 0.8:
            person["role"] = (rng.choice(ROLE_TITLES), rng.choice(employers)["id"], date_text(rng))
        persons.append(person)
    actors = states + bodies + orgs + persons
    return actors


def reference(rng: random.Random, actor: dict, seen: set[str]) -> str:
    """Full name the first time in an article, then name or alias."""
    if actor["id"] not in seen:
        seen.add(actor["id"])
        return actor["name"]
    if actor["aliases"] and rng.random() < 0.7:
        return rng.choice(actor["aliases"])
    return actor["name"]


class Vocabulary:
    """Lowercase made-up words drawn with Zipf frequencies, so the text compresses like prose (about
    3x with gzip) rather than like a handful of repeated templates (over 10x)."""

    def __init__(self, world: World, size: int = 20000):
        self.rng = world.rng
        self.words = [world.word().lower() for _ in range(size)]
        self.cumulative, total = [], 0.0
        for rank in range(size):
            total += 1.0 / (rank + 20)
            self.cumulative.append(total)

    def clause(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=self.rng.randint(low, high)))


def make_article(rng: random.Random, cast: list[dict], issues: list[str], quotes: dict[str, list], article_id: str,
                 vocabulary: Vocabulary) -> tuple[str, str]:
    seen: set[str] = set()
    paragraphs = []
    for _ in range(rng.randint(5, 9)):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            issue = rng.choice(issues)
            kind = rng.random()
            if kind < 0.2:
                filler = rng.choice(FILLER) if kind < 0.05 else vocabulary.clause(8, 18).capitalize() + "."
                if filler not in sentences:
                    sentences.append(filler)
                continue
            x, y = rng.sample(cast, 2)
            template = rng.choice(SUBJECT if kind < 0.55 else POSSESSIVE if kind < 0.75 else MIDDLE)
            xr = reference(rng, x, seen)
            values = {"X": xr, "XP": xr + "'s", "issue": issue}
            if "{Y}" in template:
                values["Y"] = reference(rng, y, seen)
            sentence = template.format(**values)
            if rng.random() < 0.8:
                sentence = sentence[:-1] + ", " + vocabulary.clause(5, 12) + "."
            sentences.append(sentence)
            said = quotes[x["id"]]  # a reservoir sample of 4 sentences naming x, for citations
            said[0] += 1
            if len(said) <= 4:
                said.append((article_id, sentence))
            elif (slot := rng.randrange(said[0])) < 4:
                said[1 + slot] = (article_id, sentence)
        paragraphs.append(" ".join(sentences))
    x = cast[0]
    headline = rng.choice(HEADLINES).format(X=x["name"], XP=x["name"] + "'s", issue=rng.choice(issues))
    sources = [(headline, rng.choice(OUTLETS))]
    for _ in range(rng.randint(0, 2)):
        other = rng.choice(cast)
        sources.append((rng.choice(HEADLINES).format(X=other["name"], XP=other["name"] + "'s", issue=rng.choice(issues)), rng.choice(OUTLETS)))
    lines = paragraphs + [""] + [f"- {h}{rng.choice([' - ', ' - ', ' – ', ' — '])}{o}" for h, o in sources]
    lines += ["", "Written by", "The synthetic benchmark desk. This text was generated for performance tests and describes no real events."]
    return "\n".join(lines) + "\n", sources[0][1]


def fragment(rng: random.Random, sentence: str) -> str:
    """A verbatim piece of a sentence (at least six words), as an analyst would quote it."""
    words = sentence.rstrip(".").split(" ")
    if len(words) <= 7 or rng.random() < 0.3:
        return sentence
    start = rng.randint(0, len(words) - 7)
    end = rng.randint(start + 6, len(words))
    return " ".join(words[start:end])


def citation_lines(rng: random.Random, picks: list[tuple[str, str]], indent: str) -> list[str]:
    lines = [f"{indent}sources:"]
    for article_id, sentence in picks:
        lines += [f"{indent}  - article: {q(article_id)}", f"{indent}    quote: {q(fragment(rng, sentence))}"]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--actors", type=int, default=None, help="number of actors (default N/3)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make_corpus(args.n, args.outdir, args.actors, args.seed)


def make_corpus(n: int, out: Path, actor_count: int | None = None, seed: int = 1) -> None:
    rng = random.Random(seed)
    world = World(rng)
    m = actor_count if actor_count is not None else max(4, n // 3)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("articles", "actors", "topics", "events"):
        (out / "seeds" / folder).mkdir(parents=True)
    (out / "docs").mkdir(parents=True)
    name = f"Synthetic briefing: {n} articles, {m} actors"
    (out / "mkdocs.yml").write_text((SKELETON / "mkdocs.yml").read_text(encoding="utf-8").replace("{name}", q(name)), encoding="utf-8")
    (out / "docs" / "index.md").write_text((SKELETON / "index.md").read_text(encoding="utf-8").replace("{name}", name), encoding="utf-8")

    # ---- topics ---------------------------------------------------------------------------
    topic_pairs = [(a, b) for a in ISSUE_ADJECTIVES for b in ISSUE_NOUNS]
    rng.shuffle(topic_pairs)
    topics = []
    for adjective, noun in topic_pairs[: max(5, n // 200)]:
        phrase = f"{adjective} {noun}"
        topics.append({"id": slug(phrase), "phrase": phrase})
        (out / "seeds" / "topics" / f"{slug(phrase)}.yaml").write_text(
            f"title: {q(phrase.capitalize())}\n"
            f"question: {q(f'Should the governments involved agree on {phrase} this year?')}\n"
            f"summary: {q(f'Where the actors stand on {phrase}.')}\n"
            f"tags:\n  - {adjective}\n",
            encoding="utf-8",
        )
    issues = [t["phrase"] for t in topics]
    vocabulary = Vocabulary(world)

    # ---- actors and articles --------------------------------------------------------------
    actors = make_actors(world, m)
    order = list(range(len(actors)))
    rng.shuffle(order)
    popularity = list(range(len(actors)))
    rng.shuffle(popularity)  # popularity[r] = actor index with rank r: a few actors are in many articles
    cumulative, total = [], 0.0
    for rank in range(len(actors)):
        total += 1.0 / (rank + 10)
        cumulative.append(total)
    quotes: dict[str, list] = {a["id"]: [0] for a in actors}  # [times seen, (article id, sentence)...]
    articles: list[tuple[str, str]] = []
    width = max(3, len(str(n - 1)))
    for i in range(n):
        article_id = f"{i:0{width}d}_{rng.getrandbits(64):016x}"
        cast_index = [order[i % len(actors)]] if actors else []
        for pick in rng.choices(popularity, cum_weights=cumulative, k=rng.randint(4, 8)):
            if pick not in cast_index:
                cast_index.append(pick)
        cast = [actors[c] for c in cast_index]
        if len(cast) < 2:
            continue
        text, outlet = make_article(rng, cast, issues, quotes, article_id, vocabulary)
        (out / "seeds" / "articles" / f"{article_id}.txt").write_text(text, encoding="utf-8")
        date = date_text(rng)
        articles.append((article_id, date))
        if rng.random() < 0.95:
            side = [f"date: {q(date)}", f"outlet: {q(outlet)}", "topics:"]
            side += [f"  - {t['id']}" for t in rng.sample(topics, rng.randint(1, min(3, len(topics))))]
            if rng.random() < 0.3:
                side.append(f"summary: {q('A one-line bottom line: ' + rng.choice(issues) + ' remains unresolved.')}")
            (out / "seeds" / "articles" / f"{article_id}.yaml").write_text("\n".join(side) + "\n", encoding="utf-8")

    # ---- actor profiles -------------------------------------------------------------------
    states = [a for a in actors if a["kind"] == "state"]
    bodies = [a for a in actors if a["kind"] == "government-body"]
    for actor in actors:
        lines = [f"name: {q(actor['name'])}", f"kind: {actor['kind']}"]
        if actor["aliases"]:
            lines += ["aliases:"] + [f"  - {q(a)}" for a in actor["aliases"]]
        lines.append(f"summary: {q(actor['summary'])}")
        if "country" in actor:
            lines.append(f"country: {actor['country']}")
        if "role" in actor:
            title, organization, start = actor["role"]
            lines += ["roles:", f"  - title: {q(title)}", f"    organization: {organization}", f"    start: {q(start)}"]
        said = quotes[actor["id"]][1:]
        if said and rng.random() < 0.4:
            lines.append("positions:")
            for topic in rng.sample(topics, rng.randint(1, min(2, len(topics)))):
                lines += [f"  - topic: {topic['id']}", f"    stance: {rng.choice(STANCES)}",
                          f"    summary: {q('Its stated view on ' + topic['phrase'] + '.')}",
                          f"    as_of: {q(date_text(rng))}", f"    confidence: {rng.choice(CONFIDENCES)}"]
                lines += citation_lines(rng, rng.sample(said, min(len(said), rng.randint(1, 2))), "    ")
        relations = []
        if actor["kind"] == "government-body":
            relations.append(("part-of", actor["country"]))
        elif actor["kind"] == "person" and "role" in actor:
            relations.append((rng.choice(["member-of", "leads", "represents"]), actor["role"][1]))
        elif actor["kind"] == "organization" and bodies and rng.random() < 0.5:
            relations.append(("advises", rng.choice(bodies)["id"]))
        elif actor["kind"] == "state" and len(states) > 1:
            for other in rng.sample(states, 2):
                if other["id"] != actor["id"]:
                    relations.append((rng.choice(["allied-with", "opposes", "supports"]), other["id"]))
        if relations:
            lines.append("relations:")
            for kind, target in relations:
                lines += [f"  - type: {kind}", f"    target: {target}"]
                if said and rng.random() < 0.5:
                    lines += citation_lines(rng, [rng.choice(said)], "    ")
        lines.append(f"reviewed: {q('2024-06')}")
        (out / "seeds" / "actors" / f"{actor['id']}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # ---- events ---------------------------------------------------------------------------
    quoted = [a for a in actors if quotes[a["id"]][0]]
    for e in range(n // 20):
        involved = rng.sample(quoted, min(len(quoted), rng.randint(1, 3)))
        topic = rng.choice(topics)
        place = rng.choice(states)
        event_id = f"event-{e:05d}-{slug(topic['phrase'])}"
        title = "Talks on " + topic["phrase"] + " in " + place["aliases"][0]
        lines = [f"date: {q(date_text(rng))}", f"title: {q(title)}",
                 f"summary: {q('Delegations met to discuss ' + topic['phrase'] + '; no agreement was announced.')}",
                 "actors:"] + [f"  - {a['id']}" for a in involved]
        lines += ["topics:", f"  - {topic['id']}"]
        lines += citation_lines(rng, [rng.choice(quotes[involved[0]["id"]][1:])], "")
        (out / "seeds" / "events" / f"{event_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
