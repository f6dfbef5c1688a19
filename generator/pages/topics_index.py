"""`topics/`: the questions the briefing tracks, and the stance matrix (actors × topics).

The matrix is a plain HTML table (readable without JavaScript, in print and by screen readers):
each cell the stance in words and colour, linked to the evidence on the topic page. Topics with the
most disagreement (supporters × opponents) come first, so a split stands out.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.stances import Series
from ..model import ACTOR_KINDS, KIND_PLURALS, Topic
from ..render.environment import render
from ..render.escape import Markdown, html_text
from .site import STANCE_WORDS, Linker, Site, topic_path
from .topic import evidence_anchor, stances_on

SUPPORTING = {"supports", "leans-supports"}
OPPOSING = {"opposes", "leans-opposes"}


def disagreement(stances: list[Series]) -> int:
    """Supporters × opponents, by current stance."""
    supporters = sum(1 for s in stances if s.current.stance in SUPPORTING)
    opponents = sum(1 for s in stances if s.current.stance in OPPOSING)
    return supporters * opponents


def matrix_cell(series: Series, href: str) -> str:
    """One cell: the current stance in words and colour, linked to the evidence; a stance that moved
    carries a small "moved" line with the date of the latest move (the stance before it in the tooltip)."""
    position = series.current
    cell = (
        f'<td class="briefing-cell--{html_text(position.stance)}">'
        f'<a href="{html_text(href)}" title="{html_text(position.summary)}">{html_text(STANCE_WORDS[position.stance])}</a>'
    )
    move = series.last_move
    if move is not None:
        was = f"was {STANCE_WORDS[move.before.stance].lower()}" if move.before else ""
        cell += f'<br><small class="briefing-moved" title="{html_text(was)}">moved {html_text(move.when)}</small>'
    return cell + "</td>"


def stance_matrix(site: Site, topics: list[Topic], linker: Linker) -> Markdown:
    by_topic = {t.id: stances_on(site, t.id) for t in topics}
    columns = sorted(topics, key=lambda t: (-disagreement(by_topic[t.id]), t.title, t.id))
    cell = {(series.actor.id, topic_id): series for topic_id, stances in by_topic.items() for series in stances}
    actors = {series.actor.id: series.actor for stances in by_topic.values() for series in stances}
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
                series = cell.get((actor.id, topic.id))
                if series is None:
                    out.append('<td class="briefing-cell--none">—</td>')
                    continue
                out.append(matrix_cell(series, linker.url(topic_path(topic.id)) + "#" + evidence_anchor(actor.id)))
            out.append("</tr>")
        out.append("</tbody>")
    out.append("</table></div>")
    return Markdown("".join(out))


def topics_index(site: Site) -> str:
    topics = [site.corpus.topics[t] for t in sorted(site.corpus.topics)]
    linker = site.linker("topics/index.md")
    return render(
        "topics_index.md.j2",
        topics=[(t, len(stances_on(site, t.id))) for t in topics],
        matrix=stance_matrix(site, topics, linker),
        ln=linker,
    )


def build(site: Site) -> Iterator[tuple[str, str]]:
    yield "topics/index.md", topics_index(site)
