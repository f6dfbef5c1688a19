"""The typed corpus: what seeds/ holds once read. Every value that can be wrong knows its Location.

The small classes made by the hundred thousand (dates, located values, paragraphs, citations) use
`slots=True`: no per-instance dict, about a tenth less memory for a large briefing (docs/performance.md).
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from .problems import Location

# \Z, not $: Python's $ also matches before a final newline, and "alpha\n" must not be an id.
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
ARTICLE_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]+\Z")


# Letters NFKD does not take apart into a plain letter and an accent.
_UNACCENTED = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "œ": "oe", "ı": "i"})


def id_for(text: str) -> str:
    """The valid id closest to a name or file stem: 'Tomas_Reyvik' or 'Tomas Reyvik' -> 'tomas-reyvik',
    accents dropped ('Søren Lykke' -> 'soren-lykke', 'Arsenio Domínguez' -> 'arsenio-dominguez'); ''
    when nothing is left."""
    plain = unicodedata.normalize("NFKD", text.lower().translate(_UNACCENTED))
    return "-".join(re.findall(r"[a-z0-9]+", "".join(c for c in plain if not unicodedata.combining(c))))


def possessive(name: str) -> str:
    """"Egypt's", "Houthis'": a name ending in s takes the apostrophe alone."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"

ACTOR_KINDS = ("person", "state", "organization", "government-body", "group")
KIND_SINGULARS = {
    "person": "Person",
    "state": "State",
    "organization": "Organization",
    "government-body": "Government body",
    "group": "Group",
}
KIND_PLURALS = {
    "person": "People",
    "state": "States",
    "organization": "Organizations",
    "government-body": "Government bodies",
    "group": "Groups",
}
STANCES = ("supports", "leans-supports", "mixed", "leans-opposes", "opposes", "unclear")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`: a briefing often knows only the month or the year."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Raise ValueError with a plain reason when `text` is not a real date in one of the three forms."""
        match = _DATE.match(text)
        if not match:
            raise ValueError(f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else 0 for g in match.groups())
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"'{text}' is not a real date: month {month} does not exist")
        if match.group(3) and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"'{text}' is not a real date: {calendar.month_name[month]} {year} has no day {day}")
        return cls(year, month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def first_day(self) -> datetime.date:
        """The earliest day the date can mean (1 June 2023 for `2023-06`)."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        """The latest day the date can mean (30 June 2023 for `2023-06`)."""
        month = self.month or 12
        return datetime.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def human(self) -> str:
        if not self.month:
            return str(self.year)
        if not self.day:
            return f"{calendar.month_name[self.month]} {self.year}"
        return f"{self.day} {calendar.month_name[self.month]} {self.year}"


@dataclass(frozen=True, slots=True)
class Located:
    """A text value and where it was written."""

    value: str
    location: Location


# ---- articles ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Paragraph:
    number: int  # 1-based; the anchor is #p<number>
    text: str  # exactly as delivered (wrapped lines joined with one space)
    markdown: bool = False  # True for .md article bodies: text is the author's Markdown
    heading: bool = False  # a Markdown heading or code block in a .md body: shown, never linked
    line: int = 1  # line in the file where the paragraph starts


@dataclass(slots=True)
class SourceItem:
    headline: str
    outlet: str  # "" when the line had no separator


@dataclass(slots=True)
class FurnitureLine:
    """A line of a delivered text that is not story: a headline, byline, timestamp, dateline, credit,
    notice, related link, web page chrome, a forward's quoted headers (core/furniture.py)."""

    line: int  # 1-based line in the delivered file
    kind: str
    text: str  # as delivered (a dateline: only its own words, before the story starts)


@dataclass(slots=True)
class Reading:
    """A value read for an article, and where: shown by `briefing check --verbose`, so a curator sees
    why an article has the date, title or outlet it has."""

    key: str  # title, date, outlet, byline, place, credits, sender, lang
    value: str
    line: int
    source: str  # "sidecar", "headline line", "dateline", "timestamp line", "<meta og:title>", "e-mail Date:", …
    path: str = ""  # the file it was read from when not the article's own (its sidecar)


@dataclass
class Article:
    id: str
    path: str  # project-relative
    title: str
    date: PartialDate | None
    paragraphs: list[Paragraph]
    sources: list[SourceItem]
    disclosure: list[str]
    url: str = ""
    outlet: str = ""
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    topics: list[Located] = field(default_factory=list)
    # Read from the delivered text's furniture or its container (web page, e-mail), or the sidecar:
    byline: str = ""
    place: str = ""  # the dateline's place ("COPENHAGEN")
    credits: list[str] = field(default_factory=list)  # "Reporting by …; Editing by …"
    sender: str = ""  # an e-mailed story's sender
    lang: str = ""  # the story's language (sidecar `lang`, the page's, or detected); "" when unknown
    furniture: list[FurnitureLine] = field(default_factory=list)  # lines that are not story, as delivered
    readings: list[Reading] = field(default_factory=list)  # where each value came from

    @property
    def outlets(self) -> list[str]:
        """The outlet named in metadata first, then each listed source's outlet, without repeats."""
        names = [self.outlet] + [s.outlet for s in self.sources]
        return list(dict.fromkeys(n for n in names if n))

    @property
    def full_text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


# ---- profiles ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Citation:
    location: Location
    article: Located | None = None
    quote: Located | None = None
    url: str = ""
    title: str = ""
    outlet: str = ""
    date: PartialDate | None = None


@dataclass(slots=True)
class Role:
    title: str
    organization: Located | None
    start: PartialDate | None
    end: PartialDate | None
    location: Location
    end_location: Location | None = None  # where `end` is written: a date-order error points there


@dataclass(slots=True)
class Position:
    topic: Located
    stance: str
    summary: str
    as_of: PartialDate | None
    confidence: str
    sources: list[Citation]
    location: Location
    as_of_location: Location | None = None  # where `as_of` is written: a repeated date is reported there


@dataclass(slots=True)
class Relation:
    type: str
    target: Located
    start: PartialDate | None
    end: PartialDate | None
    sources: list[Citation]
    location: Location
    end_location: Location | None = None


@dataclass(slots=True)
class Link:
    title: str
    url: str


@dataclass
class Actor:
    id: str
    path: str
    name: str
    kind: str
    aliases: list[Located] = field(default_factory=list)
    summary: str = ""
    country: Located | None = None
    roles: list[Role] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    reviewed: PartialDate | None = None
    name_location: Location | None = None

    @property
    def surface_forms(self) -> list[str]:
        """Every way the text may name this actor: the name and each alias."""
        return list(dict.fromkeys([self.name] + [a.value for a in self.aliases]))


@dataclass
class Topic:
    id: str
    path: str
    title: str
    question: str
    summary: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass
class Event:
    id: str
    path: str
    date: PartialDate
    title: str
    summary: str = ""
    actors: list[Located] = field(default_factory=list)
    topics: list[Located] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)


@dataclass
class Corpus:
    """Everything under seeds/, each collection sorted by id so output never depends on file order."""

    articles: dict[str, Article] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
