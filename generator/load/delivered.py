"""One delivered article (`.txt`, `.html`/`.htm`, `.eml`) into an Article: its format's reader, the
furniture around the story, and the sidecar's values, in one order of precedence:

    sidecar  >  the container's own tags (<meta>, <html lang>)  >  the text's furniture (timestamp
    line, dateline, headline, byline)  >  an e-mail's headers (the forwarded ones first)
    >  what trafilatura guessed from a page  >  for the title: the first source's headline, else the
    first sentence

Every value taken is kept as a Reading (value, line, where it came from) for `briefing check
--verbose`. Pure: bytes and sidecar values in, an Article and located problems out.
"""

from __future__ import annotations

import datetime
from typing import Any

from ..core.characters import first_not_text
from ..core.sentences import cut_title, shorten
from ..model import Article, FurnitureLine, Paragraph, PartialDate, Reading
from ..problems import Location, Problems
from . import language
from .email_article import read_email
from .raw_article import parse_raw
from .web_page import read_web_page

WEB_SUFFIXES = (".html", ".htm")
EMAIL_SUFFIXES = (".eml",)
# The container's readings that rank above the text's furniture (a page's <meta> tags are written for
# machines; trafilatura's guesses and an e-mail's envelope rank below what the text itself says).
_ABOVE_FURNITURE = ("<meta ", "<html lang>")
# A title is printed wherever the article is listed (every actor page it mentions, the timeline, the
# book): one read from a page's tags or a source line is cut to this, as the schema limits a sidecar's.
TITLE_LIMIT = 300
_NO_DATE = ("no date: nothing in it gives one (a timestamp line such as `Published March 3, 2024`, a dateline such as "
            "`CITY, March 3, 2024 (Agency) -`); add `date: YYYY-MM-DD` to {where}. Until then it is listed under Undated")


def _sidecar_readings(meta: dict[str, Any], sidecar: str) -> list[Reading]:
    lines = meta.get("lines", {})
    values = {key: meta.get(key) for key in ("title", "date", "outlet", "byline", "place", "lang")}
    return [Reading(key, str(value), lines.get(key, 1), "sidecar", sidecar) for key, value in values.items() if value]


def _first(readings: list[Reading], key: str) -> Reading | None:
    return next((r for r in readings if r.key == key and r.value), None)


def read_delivered(rel: str, suffix: str, data: bytes, text: str | None, stem: str, meta: dict[str, Any],
                   sidecar_rel: str, problems: Problems) -> Article | None:
    """`text`: the file decoded as UTF-8 (a `.txt` must be; None for a page or an e-mail that is not);
    `meta`: the sidecar's values (profiles.article_metadata), {} without one."""
    sidecar = _sidecar_readings(meta, sidecar_rel)
    above: list[Reading] = []
    below: list[Reading] = []
    container_furniture: list[FurnitureLine] = []
    source = text if text is not None else data.decode("utf-8", errors="replace")
    line_of: list[int] | None = None
    offset = 0
    title_hint = ""
    if suffix in WEB_SUFFIXES:
        page = read_web_page(data, source)
        story_text, line_of, title_hint = page.text, page.line_of, page.title
        above = [r for r in page.readings if r.source.startswith(_ABOVE_FURNITURE)]
        below = [r for r in page.readings if not r.source.startswith(_ABOVE_FURNITURE)]
    elif suffix in EMAIL_SUFFIXES:
        mail = read_email(data, source)
        if mail.problem:
            problems.error(Location(rel, 1), mail.problem)
            return None
        story_text, offset, title_hint = mail.text, mail.body_line - 1, mail.title
        below, container_furniture = mail.readings, mail.furniture
    else:
        story_text = text or ""

    def file_line(line: int) -> int:
        """A line of `story_text` as a line of the delivered file."""
        if line_of is not None:
            return line_of[line - 1] if 0 < line <= len(line_of) else 1
        return line + offset

    bad = first_not_text(story_text) if text is None else None  # a .txt was checked as it was decoded
    if bad:
        line, _, message = bad
        problems.error(Location(rel, file_line(line)), message)
        return None

    sidecar_date: PartialDate | None = meta.get("date")
    given_lang = _first(sidecar + above + below, "lang")
    lang = language.normalise(given_lang.value) if given_lang else ""
    text_lang = lang or language.detect(story_text)
    container_date = _first(above + below, "date")
    known = sidecar_date.first_day() if sidecar_date and sidecar_date.month and sidecar_date.day else None
    if known is None and container_date is not None:
        known = datetime.date.fromisoformat(container_date.value)
    raw = parse_raw(story_text, text_lang.split("-")[0], known, sidecar_date.year if sidecar_date else None, title_hint)
    for line, message in raw.warnings:
        problems.warning(Location(rel, file_line(line)), message)
    paragraphs = [Paragraph(i, body, line=file_line(line)) for i, (line, body) in enumerate(raw.paragraphs, 1)]
    if not paragraphs:
        problems.error(Location(rel, 1), "article has no body text" if suffix not in WEB_SUFFIXES + EMAIL_SUFFIXES
                       else "no story text found in it: save the article's page itself, or give the text as a .txt")
        return None
    furniture_readings = [Reading(r.key, r.value, file_line(r.line), r.source) for r in raw.furniture.readings]
    readings = sidecar + above + furniture_readings + below

    chosen = {key: _first(readings, key) for key in ("title", "date", "outlet", "byline", "place", "sender", "credits", "lang")}
    if chosen["date"] is None and not problems.has_errors:  # a broken sidecar is the one message, not "no date" too
        problems.warning(Location(rel, 1), _NO_DATE.format(where=f"its sidecar {rel.rsplit('.', 1)[0]}.yaml"))
    date = sidecar_date or (PartialDate.parse(chosen["date"].value) if chosen["date"] else None)
    if chosen["lang"] is None and text_lang:
        chosen["lang"] = Reading("lang", text_lang, 1, "detected (py3langid)")
    if chosen["title"] is None:
        chosen["title"] = (Reading("title", raw.sources[0].headline, 1, "first source's headline") if raw.sources
                           else Reading("title", cut_title(paragraphs[0].text), paragraphs[0].line, "first sentence"))
    value = lambda key: chosen[key].value if chosen[key] else ""  # noqa: E731
    furniture = sorted(container_furniture + [FurnitureLine(file_line(f.line), f.kind, f.text) for f in raw.delivered],
                       key=lambda f: f.line)
    return Article(
        id=stem,
        path=rel,
        title=shorten(chosen["title"].value, TITLE_LIMIT),
        date=date,
        paragraphs=paragraphs,
        sources=raw.sources,
        disclosure=raw.disclosure,
        url=meta.get("url", ""),
        outlet=value("outlet"),
        summary=meta.get("summary", ""),
        tags=meta.get("tags", []),
        topics=meta.get("topics", []),
        byline=value("byline"),
        place=value("place"),
        credits=list(raw.furniture.credits),
        sender=value("sender"),
        lang=language.normalise(value("lang")),
        furniture=furniture,
        readings=sorted((r for r in chosen.values() if r is not None), key=lambda r: r.key),
    )
