"""`topics/`: the questions the briefing tracks, and the stance matrix (actors × topics).

The matrix is a plain HTML table (readable without JavaScript, in print and by screen readers):
each cell the stance in words and colour, linked to the evidence on the topic page. Topics with the
most disagreement (supporters × opponents) come first, so a split stands out.

A briefing with more actors holding a position than `page_size` gets the matrix in pages of that many
rows (`paging.py`), the actors in the same order (by kind, then by name): `topics/` keeps the
questions, the column order and the first rows; `topics/page/2/`, … the next rows, each page with
the same columns and the links between the pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..core.stances import Series
from ..model import ACTOR_KINDS, KIND_PLURALS, Actor, Topic
from ..render.environment import render
from ..render.escape import Markdown, html_text
from .paging import page_links, split
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


PAGE = "topics/index.md"


class Matrix:
    """The stance matrix's columns (topics, the most disagreement first) and rows (every actor holding a
    position, by kind then by name), made once for all its pages."""

    def __init__(self, site: Site, topics: list[Topic]):
        self.by_topic = {t.id: stances_on(site, t.id) for t in topics}
        self.columns = sorted(topics, key=lambda t: (-disagreement(self.by_topic[t.id]), t.title, t.id))
        self.cell = {(s.actor.id, topic_id): s for topic_id, stances in self.by_topic.items() for s in stances}
        actors = {s.actor.id: s.actor for stances in self.by_topic.values() for s in stances}
        kind_order = {kind: index for index, kind in enumerate(ACTOR_KINDS)}
        self.rows: list[Actor] = sorted(
            (a for a in actors.values() if a.kind in kind_order), key=lambda a: (kind_order[a.kind], a.name, a.id)
        )

    def table(self, actors: Sequence[Actor], linker: Linker) -> Markdown:
        """The matrix with the given rows (one page's), under a kind's heading row where the kind starts."""
        if not actors:
            return Markdown("")
        columns = self.columns
        out = ['<div class="briefing-matrix"><table>', "<thead><tr><th>Actor</th>"]
        for topic in columns:
            score = disagreement(self.by_topic[topic.id])
            out.append(
                f'<th><a href="{html_text(linker.url(topic_path(topic.id)))}">{html_text(topic.title)}</a>'
                + (f'<br><small>split: {score}</small>' if score else "")
                + "</th>"
            )
        out.append("</tr></thead>")
        for kind in ACTOR_KINDS:
            group = [a for a in actors if a.kind == kind]
            if not group:
                continue
            out.append(f'<tbody><tr class="briefing-matrix__group"><th colspan="{len(columns) + 1}">{html_text(KIND_PLURALS[kind])}</th></tr>')
            for actor in group:
                out.append(f'<tr><th scope="row"><a href="{html_text(linker.url(f"actors/{actor.id}.md"))}">{html_text(actor.name)}</a></th>')
                for topic in columns:
                    series = self.cell.get((actor.id, topic.id))
                    if series is None:
                        out.append('<td class="briefing-cell--none">—</td>')
                        continue
                    out.append(matrix_cell(series, linker.url(topic_path(topic.id)) + "#" + evidence_anchor(actor.id)))
                out.append("</tr>")
            out.append("</tbody>")
        out.append("</table></div>")
        return Markdown("".join(out))


def build(site: Site) -> Iterator[tuple[str, str]]:
    topics = [site.corpus.topics[t] for t in sorted(site.corpus.topics)]
    matrix = Matrix(site, topics)
    for page in split(matrix.rows, site.options.page_size, PAGE):
        linker = site.linker(page.path)
        yield page.path, render(
            "topics_index.md.j2",
            page=page,
            topics=[(t, len(matrix.by_topic[t.id])) for t in topics] if page.number == 1 else [],
            matrix=matrix.table(page.items, linker),
            pages=page_links(page, linker, "Actors", "Previous", "Next"),
            ln=linker,
        )
