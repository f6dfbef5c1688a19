"""The furniture news texts carry around a story, recognised so it becomes metadata, never story.

Wire and agency copy, and a news page pasted from a browser, arrive with lines that are not the story:

    Red Sea insurers raise rates again               headline: the first line, standing alone
    By Jane Aldous and Piet Vermeer                  byline
    March 3, 2024 6:12 PM GMT+1 Updated 2 hours ago  timestamp line (Published …, Updated …, a bare date)
    (Updates with minister's comment)                update note
    COPENHAGEN, March 3 (Reuters) - Denmark said …   dateline: place, date, agency, then the story
    Related:                                         a related-links block: its heading and the
    Houthi attacks force new detours                   headlines under it
    Reporting by A; Editing by B                     credit lines, parenthesised or not
    Our Standards: The Thomson Reuters Trust …       notices: copyright, standards, redistribution
    To contact the reporter on this story:           contact block
    Advertisement                                    web page chrome

`read_furniture` says which body lines are which, and what each tells (date, place, outlet, byline,
credits), with the line it was read from. A line that looks like furniture but matches no shape is a
warning with the expected form, never a silent guess. Pure functions over lines: no files, no clock.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field

from ..model import FurnitureLine, Reading
from . import news_dates

# ---- the shapes -----------------------------------------------------------------------------------

HEADLINE_MAX = 200
HEAD_LINES = 12  # bylines, timestamps and the dateline are looked for among the first lines only

_CAP = r"A-ZÀ-ÖØ-ÞĀ-Ž"  # capital letters, Latin with accents (datelines of Europe's agencies)
_BYLINE = re.compile(r"(?i:by|von|par|por|di|door|av|af)\s+(?P<names>[" + _CAP + r"].{1,150})\Z")
# "By MARTA KOVAC Associated Press", "By Elin Sørvik, Bloomberg News": the agency after the names.
_BYLINE_AGENCY = re.compile(r"(?i)[\s,]+(?:the\s+)?(?:associated\s+press|reuters|afp|bloomberg(?:\s+news)?|ap)\Z")
_ROLE = re.compile(r"(?i)\b(?:correspondent|editor|reporter|writer|columnist|staff|analyst|chief|bureau|desk|contributor|journalist|"
                   r"korrespondent(?:in)?|redakteur(?:in)?|correspondant(?:e)?|corresponsal)\b")
_NAME_CONNECTORS = {"and", "in", "de", "del", "van", "von", "der", "den", "la", "le", "du", "da", "dos", "al", "el", "bin", "ibn", "of", "the", "for", "&"}
_TIMESTAMP_WORD = re.compile(
    r"(?i)^(?P<word>(?:first\s+|last\s+)?(?:published|updated|posted|modified)(?:\s+on|\s+at)?|publié\s+le|mis\s+à\s+jour\s+le|veröffentlicht(?:\s+am)?|aktualisiert(?:\s+am)?|publicado(?:\s+el)?|actualizado(?:\s+el)?)\s*:?\s*(?P<rest>.*)\Z"
)
_UPDATE_NOTE = re.compile(r"(?i)^\((?:updates?|adds?|recasts?|corrects?|refiles?|changes?|rewrites?|fixes|removes?|inserts?|clarifies)\b[^()]*\)\Z")
# CITY[, Region][, date] [(Agency)] dash: the place in capitals, a date, an agency in parentheses.
_DATELINE = re.compile(
    r"(?P<place>[" + _CAP + r"][" + _CAP + r"'’.\- ]*[" + _CAP + r".](?:,\s+[" + _CAP + r"][^\W\d_]+\.?(?:[ -][" + _CAP + r"][^\W\d_]+\.?){0,2})?)?"
    r"(?:,\s+(?P<date>[^()\n,]{3,24}?(?:,\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[^()\n]{2,40})\))?"
    r"\s*(?P<dash>--|—|–|\.?-)\s+(?=[\"“‘'(\d" + _CAP + r"])"
)
# No place, a date and an agency: "March 3 (Reuters) - …".
_DATED_DATELINE = re.compile(
    r"(?P<place>)(?P<date>[" + _CAP + r"][^\W\d_]{2,9}\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\.?\s+[^\W\d_]{3,10}\.?(?:\s+\d{4})?)"
    r"\s*\((?P<agency>[^()\n]{2,40})\)\s*(?P<dash>--|—|–|\.?-)\s+(?=[\"“‘'(\d" + _CAP + r"])"
)
_CREDIT_WORDS = (
    r"(?:additional\s+)?reporting|writing|editing|edited|written|compiled|reported|graphics?|produced|fact-?checking|"
    r"translated|translation|bericht|redigiert|bearbeitet|geschrieben|reportaje|editado(?:\s+en\s+español)?|redactado|"
    r"rédaction|rédigé|écrit|édité|édition|avec"
)
_CREDIT_LEAD = re.compile(r"(?i)^\(?\s*(?:" + _CREDIT_WORDS + r")\s+(?:by|von|de|par|por)\s")
_CREDIT_OTHER = re.compile(
    r"(?i)^\(?\s*(?:--\s*)?with\s+(?:assistance|additional\s+reporting)\s+from\s+[" + _CAP + r"].*\Z"
    r"|^(?:the\s+)?associated\s+press\s+(?:writers?|reporters?|journalists?|correspondents?)\s+[" + _CAP + r"].*\bcontributed\b.{0,40}\Z"
    r"|^contributing:\s.*\Z"
)
# Words a credit line may hold besides names: its own keywords, joiners, "in CITY", contact phrases.
_CREDIT_FILLER = set(
    "by von de par por in and und et y from at on for the der die das a an of with this report story to our "
    "additional reporting writing editing edited written compiled reported graphics produced translated translation "
    "bericht redigiert bearbeitet geschrieben reportaje editado en español redactado rédaction rédigé écrit édité édition avec "
    "bei rückfragen wenden sie sich bitte an unsere redaktion unter".split()
)
_NOTICE = re.compile(
    r"(?i)^(?:copyright\b|©|\(c\)\s*\d{4}|our\s+standards:|all\s+rights\s+reserved|this\s+material\s+may\s+not\s+be\s+published)"
)
_CONTACT = re.compile(r"(?i)^to\s+contact\s+the\s+(?:reporters?|editors?|authors?)\b.*:\s*\Z")
_RELATED = re.compile(
    r"(?i)^(?:related(?:\s+(?:coverage|stories|articles|content|news))?|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|top\s+stories|"
    r"recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like|more\s+(?:stories|from\s+[\w ]{2,30})|read\s+(?:more|also|next)|more\s+on\s+this(?:\s+story)?|see\s+also|also\s+read|lire\s+aussi|à\s+lire\s+aussi|mehr\s+zum\s+thema|lesen\s+sie\s+auch|más\s+información|le\s+puede\s+interesar)\s*(?::\s*(?P<rest>.*)|(?P<none>))\Z"
)
_WEB_CHROME = re.compile(
    r"(?i)^(?:view\s+(?:this\s+)?(?:e-?mail|newsletter)\s+in\s+(?:your|a)\s+browser|forward\s+this\s+(?:e-?mail\s+)?to\s+a\s+(?:friend|colleague).*|"
    r"unsubscribe\b.{0,150}|update\s+your\s+preferences|manage\s+(?:your\s+)?(?:subscription|preferences)|you\s+are\s+receiving\s+this\s+(?:e-?mail|newsletter).{0,200}|"
    r"was\s+this\s+(?:e-?mail\s+)?forwarded\s+to\s+you\?.{0,80}|advertisement|ad|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?|skip\s+to\s+(?:main\s+)?content|"
    r"share(?:\s+this\s+(?:article|story|page))?|share\s+on\s+\w+|copy\s+link|link\s+copied|print(?:\s+this\s+article)?|save(?:\s+article)?|"
    r"listen\s+to\s+(?:this\s+)?article|\d+\s+min(?:ute)?s?\s+read|sign\s+up\s+here|subscribe(?:\s+now)?|follow\s+us(?:\s+on\s+\w+)?|"
    r"comments?|view\s+comments|continue\s+reading|purchase\s+licensing\s+rights|opens\s+new\s+tab|reuters\s+graphics)\.?\Z"
)
# The first words of furniture lines: a near miss of one of them ("Publishd", "Reportng by") is a warning.
_FURNITURE_WORDS = ("published", "updated", "posted", "reporting", "editing", "writing", "copyright", "related")

AGENCIES = {
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "ap": "Associated Press", "associated press": "Associated Press", "the associated press": "Associated Press",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg", "bloomberg l.p.": "Bloomberg",
    "dpa": "dpa", "efe": "EFE", "ansa": "ANSA", "upi": "UPI", "xinhua": "Xinhua", "kyodo": "Kyodo",
    "tass": "TASS", "yonhap": "Yonhap", "pa": "PA", "anadolu": "Anadolu", "anp": "ANP", "belga": "Belga",
    "apa": "APA", "ritzau": "Ritzau", "tt": "TT", "ntb": "NTB", "pap": "PAP", "ctk": "ČTK", "čtk": "ČTK",
}
_NOTICE_HOLDER = re.compile(r"(?i)(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<holder>[^.]{2,60}?)\s*(?:\.|$)")
_STANDARDS = {"thomson reuters": "Reuters"}

# Kinds, as shown in the article's "as delivered" note.
HEADLINE, STANDFIRST, MASTHEAD, BYLINE, TIMESTAMP, UPDATE_NOTE, DATELINE, CREDIT, NOTICE, CONTACT, RELATED, WEB = (
    "headline", "standfirst", "masthead", "byline", "timestamp", "update note", "dateline", "credit", "notice", "contact",
    "related", "web page",
)
_GLUED_TIME = re.compile(r"\b((?:19|20)\d\d)(\d{1,2}:\d\d)")
# A line that names a month and a number: a date, if it stands among the furniture above the story.
_MONTH_NAMED = re.compile(
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b.*\d|\d.*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)
_SEPARATOR = re.compile(r"^[_\-=*~#•·]{3,}\Z")  # "___" between story and credits (AP), "* * *" is story style
# A navigation bar pasted as one line: "Home | World | Business | Defence | Opinion".
_NAVIGATION = re.compile(r"^[^|•·]{1,30}(?:\s[|•·]\s[^|•·]{1,30}){2,}\Z")
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+")


@dataclass
class Furniture:
    lines: dict[int, str] = field(default_factory=dict)  # 0-based index of a body line -> kind
    dateline: tuple[int, int] | None = None  # (index of the line, length of its dateline prefix)
    headline: str = ""
    byline: str = ""
    place: str = ""
    outlet: str = ""
    credits: list[str] = field(default_factory=list)
    date: datetime.date | None = None
    readings: list[Reading] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (1-based line, message)

    def delivered(self, body: list[str], first_line: int = 1) -> list[FurnitureLine]:
        """Every furniture line as delivered, in file order (for the article's "as delivered" note)."""
        out = [FurnitureLine(first_line + i, kind, body[i].strip()) for i, kind in sorted(self.lines.items())]
        if self.dateline is not None:
            index, length = self.dateline
            out.append(FurnitureLine(first_line + index, DATELINE, body[index].strip()[:length].strip()))
            out.sort(key=lambda f: f.line)
        return out


# ---- one line at a time ---------------------------------------------------------------------------

def _sentence_end(line: str) -> bool:
    return line.rstrip("\"'”’)»").endswith((".", ":", ";", ","))


def is_headline_shaped(line: str) -> bool:
    return 0 < len(line) <= HEADLINE_MAX and not _sentence_end(line) and any(c.isalpha() for c in line)


def byline_of(line: str) -> str | None:
    """`By Jane Doe and John Roe`, `By JANE DOE Associated Press`, `By Jane Doe, Security Correspondent`:
    the names; None for a sentence that starts with "By" ("By Tuesday, the ships had …")."""
    match = _BYLINE.match(line)
    if not match or len(line) > 160:
        return None
    names = _BYLINE_AGENCY.sub("", match.group("names").rstrip())
    if not names or names.lower() in AGENCIES:  # "By Reuters": the outlet, not a person (see agency_byline)
        return None
    words = re.findall(r"[\w.’'-]+", names.split(",")[0])
    if not words or names.endswith(".") and not re.search(r"\b[" + _CAP + r"]\.\Z", names):
        return None
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in _NAME_CONNECTORS)
    if capitalised != len(words) or len(words) > 12:
        return None
    # "Jane Doe, Security Correspondent": the names; the role stays in the line as delivered.
    first, _, rest = names.partition(", ")
    if rest and " and " not in rest and len(rest.split()) <= 5 and _ROLE.search(rest):
        return first
    return names


def _timestamp(line: str, language: str) -> tuple[bool, datetime.date | None, bool]:
    """(is a timestamp line, the date it publishes, whether it is a keyword line whose date did not read).

    `Published 10:42 AM EST, February 19, 2024`, `Updated 11:05 AM EST, …`, a bare
    `March 3, 2024 6:12 PM GMT+1 Updated 2 hours ago`, `Published: 14:05 CET, 3 March 2024 | Updated: …`.
    The first date of the line is the publication date ("Updated …" alone: the update's date)."""
    if len(line) > 160:
        return False, None, False
    # A web page's parts pasted without their spaces: "March 3, 20246:12 PM GMT+1Updated 2 hours ago".
    line = _GLUED_TIME.sub(r"\1 \2", line)
    segments = [s.strip() for s in re.split(r"\s*[|·•]\s*|(?<=\S)\s*(?=(?:updated|last\s+updated|modified)\b)", line, flags=re.I) if s.strip()]
    dates: list[datetime.date | None] = []
    keyword_failed = False
    for segment in segments:
        keyword = _TIMESTAMP_WORD.match(segment)
        rest = keyword.group("rest") if keyword else segment
        if news_dates.RELATIVE.match(rest.strip()):
            dates.append(None)
            continue
        found = news_dates.read_date(rest, language) if news_dates.has_year(rest) else None
        if found is None and keyword is None:
            return False, None, False  # a bare segment that is not a date: not a timestamp line
        if found is None:
            keyword_failed = True
        dates.append(found)
    if not dates or keyword_failed:
        return False, None, keyword_failed
    first = next((d for d in dates if d is not None), None)
    return True, first, False


def agency_byline(line: str) -> str:
    """`By Reuters`, `By The Associated Press`: the agency's name, when the byline names only it."""
    match = re.match(r"(?i)by\s+(.{2,40}?)\.?\Z", line)
    return AGENCIES.get(match.group(1).lower(), "") if match else ""


def is_web_chrome(line: str) -> bool:
    """`Advertisement`, `Share this article`, a pasted navigation bar, `Newsletter | Unsubscribe`."""
    if _WEB_CHROME.match(line) or _NAVIGATION.match(line):
        return True
    segments = [part.strip() for part in re.split(r"\s[|•·]\s", line)]
    return 1 < len(segments) <= 6 and all(len(part) <= 60 for part in segments) and any(_WEB_CHROME.match(part) for part in segments)


def is_credit(line: str) -> bool:
    """`Reporting by A and B; Editing by C`, `(Bericht von A, redigiert von B.)`, `--With assistance
    from A.`: the keywords, then names; "Reporting by Danish broadcaster DR suggested that …" is story."""
    if len(line) > 400:
        return False
    if _CREDIT_OTHER.match(line):
        return True
    if not _CREDIT_LEAD.match(line):
        return False
    words = re.findall(r"[^\W\d_][\w.’'-]*", re.sub(r"\S+@\S+|https?://\S+", "", line))
    loose = [w for w in words if not w[0].isupper() and w.lower() not in _CREDIT_FILLER and "@" not in w]
    return len(loose) <= 1


def dateline_of(line: str) -> re.Match[str] | None:
    match = _DATELINE.match(line) or _DATED_DATELINE.match(line)
    if not match or not (match.group("place") or match.group("agency")):
        return None
    if match.group("place") and len(re.sub(r"[^" + _CAP + r"]", "", match.group("place").split(",")[0])) < 2:
        return None  # "A - B": not a place
    if not match.group("agency") and not match.group("date") and match.group("dash") in ("-", ".-"):
        return None  # "EU - China trade …": a capitalised word and a hyphen are not a dateline
    if match.group("agency") and not match.group("place") and match.group("agency").strip().lower() not in AGENCIES:
        return None  # "(Updated) - …", "(1) - …": an agency alone must be one we know
    return match


def _near_miss(line: str) -> str | None:
    """The furniture word a short line's first word nearly is ("Publishd" -> "published")."""
    first = re.match(r"\(?([A-Za-z]+)", line)
    if not first or len(line) > 100 or _sentence_end(line) and not line.endswith(":"):
        return None
    word = first.group(1).lower()
    if word in _FURNITURE_WORDS:
        return word
    close = difflib.get_close_matches(word, _FURNITURE_WORDS, n=1, cutoff=0.8)
    return close[0] if close else None


_FORMS = {
    "published": "`Published 10:42 AM EST, February 19, 2024` (or a date alone: `March 3, 2024 6:12 PM GMT+1`)",
    "updated": "`Updated 11:05 AM EST, February 19, 2024` or `Updated 2 hours ago`",
    "posted": "`Posted March 3, 2024`",
    "reporting": "`Reporting by Jane Doe; Editing by John Roe`",
    "editing": "`Editing by John Roe`",
    "writing": "`Writing by Jane Doe`",
    "copyright": "`Copyright 2024 The Outlet. All rights reserved.`",
    "related": "`Related:` alone on its line, the headlines under it",
}


# ---- the whole text -------------------------------------------------------------------------------

def read_furniture(body: list[str], language: str = "", known_date: datetime.date | None = None,
                   known_year: int | None = None, first_line: int = 1, title_hint: str = "") -> Furniture:
    """Which of `body`'s lines are furniture, and what they tell.

    `known_date`/`known_year`: a date the metadata already gives (a sidecar's), which a dateline
    without a year takes its year from when no timestamp line gives one. `title_hint`: a headline
    known from elsewhere (a web page's <title>): a first line equal to it is that headline."""
    found = Furniture()
    stripped = [line.strip() for line in body]
    nonblank = [i for i, line in enumerate(stripped) if line]
    head = set(nonblank[:HEAD_LINES])
    line_no = lambda i: first_line + i  # noqa: E731

    # Lines recognised on their own.
    timestamps: list[tuple[int, datetime.date | None]] = []
    i = 0
    while i < len(stripped):
        line = stripped[i]
        if not line:
            i += 1
            continue
        if i in head and not found.byline and (names := byline_of(line)) is not None:
            found.lines[i] = BYLINE
            found.byline = names
            found.readings.append(Reading("byline", found.byline, line_no(i), "byline line"))
        elif i in head and _UPDATE_NOTE.match(line):
            found.lines[i] = UPDATE_NOTE
        elif _SEPARATOR.match(line):
            found.lines[i] = WEB
        elif i in head and (agency := agency_byline(line)):
            found.lines[i] = BYLINE
            if not found.outlet:
                found.outlet = agency
                found.readings.append(Reading("outlet", agency, line_no(i), "byline line"))
        elif is_credit(line):
            found.lines[i] = CREDIT
            found.credits.append(line.strip("()").strip().lstrip("-").strip())
        elif _NOTICE.match(line) and len(line) <= 400:
            found.lines[i] = NOTICE
        elif is_web_chrome(line):
            found.lines[i] = WEB
        elif _CONTACT.match(line):
            found.lines[i] = CONTACT
            i += 1
            while i < len(stripped) and stripped[i] and not _CONTACT.match(stripped[i]) and len(stripped[i]) <= 200 and not _sentence_end(stripped[i].rstrip(".")):
                found.lines[i] = CONTACT
                i += 1
            continue
        elif (related := _RELATED.match(line)) is not None:
            found.lines[i] = RELATED
            if not related.group("rest"):  # a heading: the headlines under it, to a blank line or a sentence
                i += 1
                while i < len(stripped) and stripped[i] and is_headline_shaped(_NUMBERED.sub("", stripped[i])):
                    found.lines[i] = RELATED
                    i += 1
                continue
        elif i in head:
            is_stamp, date, keyword_failed = _timestamp(line, language)
            if is_stamp:
                found.lines[i] = TIMESTAMP
                timestamps.append((i, date))
            elif keyword_failed or (len(line) <= 80 and _MONTH_NAMED.search(line) and not _sentence_end(line)
                                    and news_dates.has_year(line) and _near_miss(line) is None):
                word = _near_miss(line) or "published"
                found.warnings.append((line_no(i), f"this looks like a timestamp line but its date cannot be read: write {_FORMS.get(word, _FORMS['published'])} (read as story)"))
        if i not in found.lines and (word := _near_miss(line)) is not None and not any(w[0] == line_no(i) for w in found.warnings):
            if word != "related" or not line.lower().startswith("related"):
                found.warnings.append((line_no(i), f"this looks like furniture ({word}) but matches no known shape: write {_FORMS[word]} (read as story)"))
        i += 1

    # The headline: the line equal to a headline known from elsewhere (a page's <title>, an e-mail's
    # subject), whatever masthead is above it; else the first line, standing alone (a blank line or
    # furniture after it), never joined with the next; in a text of one paragraph per line, a first
    # line that is no sentence.
    story = [i for i in nonblank if i not in found.lines]
    hinted = next((k for k, i in enumerate(story[:HEAD_LINES]) if title_hint and same_headline(stripped[i], title_hint)), None)
    if hinted is not None and len(story) > hinted + 1:
        for i in story[:hinted]:
            found.lines[i] = MASTHEAD
        story = story[hinted:]
    if len(story) >= 2 and is_headline_shaped(stripped[story[0]]) and dateline_of(stripped[story[0]]) is None:
        first = story[0]
        after = first + 1
        alone = after < len(stripped) and (not stripped[after] or after in found.lines)
        one_per_line = not any(not line for line in stripped[first:story[-1]])
        if alone or (one_per_line and _sentence_end(stripped[after])) or hinted is not None:
            found.lines[first] = HEADLINE
            found.headline = stripped[first]
            found.readings.append(Reading("title", found.headline, line_no(first), "headline line"))
            story = story[1:]

    # Lines between the headline and the last byline or timestamp line: the standfirst (a short
    # one that is no sentence may be a mangled byline: said, never guessed).
    head_furniture = [i for i, kind in found.lines.items() if kind in (BYLINE, TIMESTAMP, UPDATE_NOTE) and i in head]
    warned = {line for line, _ in found.warnings}
    for i in [i for i in story if head_furniture and i < max(head_furniture)]:
        if line_no(i) in warned or dateline_of(stripped[i]) is not None or len(stripped[i]) > 400:
            continue  # a near miss stays story, as its warning says
        story.remove(i)
        found.lines[i] = STANDFIRST
        if len(stripped[i].split()) <= 4 and not _sentence_end(stripped[i]) and not any(w[0] == line_no(i) for w in found.warnings):
            found.warnings.append((line_no(i), "a short line among the furniture above the story matches no known shape "
                                               "(byline `By Jane Doe`, timestamp `Published March 3, 2024`): read as the standfirst, not story"))

    # The dateline: at the start of the first story lines.
    dateline_date: tuple[int, str] | None = None  # (index of the line, its date as written)
    for i in story[:3]:
        if i not in head:
            break
        match = dateline_of(stripped[i])
        if match is None:
            continue
        found.dateline = (i, match.end())
        if match.group("place"):
            found.place = match.group("place").strip().rstrip(",")
            found.readings.append(Reading("place", found.place, line_no(i), "dateline"))
        agency = (match.group("agency") or "").strip()
        if agency:
            found.outlet = AGENCIES.get(agency.lower(), agency)
            found.readings.append(Reading("outlet", found.outlet, line_no(i), "dateline"))
        if match.group("date"):
            dateline_date = (i, match.group("date").strip())
        break

    # The date: the timestamp line's, else the dateline's; a dateline without a year takes the
    # timestamp's year, else the one the metadata gives, else it is a warning.
    stamp = next(((i, d) for i, d in timestamps if d is not None), None)
    if stamp is not None:
        found.date = stamp[1]
        found.readings.append(Reading("date", stamp[1].isoformat(), line_no(stamp[0]), "timestamp line"))
    if dateline_date is not None:
        i, text = dateline_date
        near = stamp[1] if stamp else known_date
        if news_dates.has_year(text):
            date = news_dates.read_date(text, language)
        elif near is not None:
            date = news_dates.nearest_year(text, near, language)
        elif known_year is not None:
            date = news_dates.with_year(text, known_year, language)
        elif news_dates.with_year(text, 2024, language) is not None:  # a day and month, and nothing gives the year
            date = None
            found.warnings.append((line_no(i), f"the dateline's date '{text}' has no year and no timestamp line gives one: "
                                               "add `date: YYYY-MM-DD` to the article's sidecar .yaml"))
            text = ""
        else:
            date = None
        if date is None and text:
            found.warnings.append((line_no(i), f"the dateline's date '{text}' cannot be read: write `CITY, March 3 (Agency) -` "
                                               "or `CITY, March 3, 2024 (Agency) -`"))
        if date is not None:
            if stamp is not None and abs((date - stamp[1]).days) > 1:
                found.warnings.append((line_no(i), f"the dateline's date ({date.isoformat()}) contradicts the timestamp line's "
                                                   f"({stamp[1].isoformat()}, line {line_no(stamp[0])}): the timestamp line's is used; "
                                                   "give `date:` in the sidecar to settle it"))
            elif stamp is None:
                found.date = date
                found.readings.append(Reading("date", date.isoformat(), line_no(i), "dateline"))

    # An outlet from a notice when no dateline named an agency ("Copyright 2024 The Associated Press").
    if not found.outlet:
        for i, kind in sorted(found.lines.items()):
            if kind == NOTICE:
                outlet = notice_outlet(stripped[i])
                if outlet:
                    found.outlet = outlet
                    found.readings.append(Reading("outlet", outlet, line_no(i), "notice"))
                    break
    if found.credits:
        first_credit = min(i for i, kind in found.lines.items() if kind == CREDIT)
        found.readings.append(Reading("credits", "; ".join(found.credits), line_no(first_credit), "credit lines"))
    return found


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def same_headline(line: str, hint: str) -> bool:
    """Whether a line is the headline a subject or <title> names ("Harbour Brief: War-risk premiums
    ease for escorted ships" names "War-risk premiums ease for escorted ships, brokers say")."""
    if not is_headline_shaped(line):
        return False
    a = _words(line)
    candidates = {_words(hint), _words(hint.split(":", 1)[-1]), _words(re.split(r"\s[|–—-]\s", hint)[0])}
    for b in candidates:
        if len(b) < 12 or len(a) < 12:
            continue
        if a == b or a.startswith(b) or (b.startswith(a) and len(a) >= 0.7 * len(b)) or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85:
            return True
    return False


def notice_outlet(line: str) -> str:
    lower = line.lower()
    for words, outlet in _STANDARDS.items():
        if lower.startswith("our standards") and words in lower:
            return outlet
    match = _NOTICE_HOLDER.match(line)
    if not match:
        return ""
    holder = match.group("holder").strip().strip(",")
    if not holder or holder.lower().startswith(("all rights", "this material")):
        return ""
    return AGENCIES.get(holder.lower(), holder)
