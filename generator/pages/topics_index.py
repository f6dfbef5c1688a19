"""`topics/`: the questions the briefing tracks, and the stance matrix (actors × topics).

The matrix is a plain HTML table (readable without JavaScript, in print and by screen readers):
each cell the stance in words and colour, linked to the evidence on the topic page. Topics with the
most disagreement (supporters × opponents) come first, so a split stands out.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import ACTOR_KINDS, KIND_PLURALS, Actor, Position, Topic
from ..render.environment import render
from ..render.escape import Markdown, html_text
from .site import STANCE_WORDS, Linker, Site, topic_path
from .topic import evidence_anchor, positions_on

SUPPORTING = {"supports", "leans-supports"}
OPPOSING = {"opposes", "leans-opposes"}


def disagreement(positions: list[tuple[Actor, Position]]) -> int:
    supporters = sum(1 for _, p in positions if p.stance in SUPPORTING)
    opponents = sum(1 for _, p in positions if p.stance in OPPOSING)
    return supporters * opponents


def stance_matrix(site: Site, topics: list[Topic], linker: Linker) -> Markdown:
    by_topic = {t.id: positions_on(site, t.id) for t in topics}
    columns = sorted(topics, key=lambda t: (-disagreement(by_topic[t.id]), t.title, t.id))
    cell: dict[tuple[str, str], Position] = {}
    for topic_id, positions in by_topic.items():
        for actor, position in positions:
            cell.setdefault((actor.id, topic_id), position)
    actors = {actor.id: actor for positions in by_topic.values() for actor, _ in positions}
    if not actors:
        return Markdown("")
    out = ['<div class="briefing-matrix"><table>', "<thead><tr><th>Actor</th>"]
    for topic in columns:
        score = disagreement(by_topic[topic.id])
        out.append(
            f'<th><a href="{html_text(linker.url(topic_path(topic.id)))}">{html_text(topic.title)}</a>'
            + (f'<br><small>split: {score}</small>' if score else "")
            + "</th>"
        )
    out.append("</tr></thead>")
    for kind in ACTOR_KINDS:
        group = sorted((a for a in actors.values() if a.kind == kind), key=lambda a: (a.name, a.id))
        if not group:
            continue
        out.append(f'<tbody><tr class="briefing-matrix__group"><th colspan="{len(columns) + 1}">{html_text(KIND_PLURALS[kind])}</th></tr>')
        for actor in group:
            out.append(f'<tr><th scope="row"><a href="{html_text(linker.url(f"actors/{actor.id}.md"))}">{html_text(actor.name)}</a></th>')
            for topic in columns:
                position = cell.get((actor.id, topic.id))
                if position is None:
                    out.append('<td class="briefing-cell--none">—</td>')
                    continue
                href = linker.url(topic_path(topic.id)) + "#" + evidence_anchor(actor.id)
                out.append(
                    f'<td class="briefing-cell--{html_text(position.stance)}">'
                    f'<a href="{html_text(href)}" title="{html_text(position.summary)}">{html_text(STANCE_WORDS[position.stance])}</a></td>'
                )
            out.append("</tr>")
        out.append("</tbody>")
    out.append("</table></div>")
    return Markdown("".join(out))


def topics_index(site: Site) -> str:
    topics = [site.corpus.topics[t] for t in sorted(site.corpus.topics)]
    linker = site.linker("topics/index.md")
    return render(
        "topics_index.md.j2",
        topics=[(t, len(positions_on(site, t.id))) for t in topics],
        matrix=stance_matrix(site, topics, linker),
        ln=linker,
    )


def build(site: Site) -> Iterator[tuple[str, str]]:
    yield "topics/index.md", topics_index(site)
