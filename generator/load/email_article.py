"""E-mailed stories (`seeds/articles/<id>.eml`, kept as delivered): a newsletter, or an article a
colleague forwarded. Read with the standard library's e-mail parser (`email.policy.default`: MIME
parts, quoted-printable and base64, encoded headers, charsets).

- The subject is the headline (`Fwd:`/`Fw:`/`TR:`/`WG:` prefixes dropped), `Date:` the date (the
  calendar day where it was sent, never converted to this machine's zone), `From:` the sender.
- The text is the message's plain-text part, else its HTML part read as a saved web page.
- A forward: the forwarder's note and the quoted headers (`From:`, `Date:`, `Subject:`, `To:` under
  `---------- Forwarded message ---------` or `Begin forwarded message:`) are furniture; the quoted
  subject, date and sender are the article's, since they are the original's.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from dataclasses import dataclass, field

from ..model import FurnitureLine, Reading
from .web_page import read_web_page

_FORWARD = re.compile(r"(?i)^\s*(?:-{2,}\s*(?:forwarded|original)\s+message\s*-{2,}|begin\s+forwarded\s+message\s*:?)\s*\Z")
_QUOTED_HEADER = re.compile(r"(?i)^\s*(?P<name>from|date|sent|subject|to|cc|reply-to)\s*:\s*(?P<value>.*)\Z")
_SUBJECT_PREFIX = re.compile(r"(?i)^\s*(?:(?:fwd?|fw|tr|wg|re|aw)\s*:\s*)+")


@dataclass
class EmailStory:
    text: str  # the story text, with its own furniture (bylines, datelines) still in it
    body_line: int  # the file line where `text` starts (for located warnings; exact for unencoded parts)
    readings: list[Reading] = field(default_factory=list)
    furniture: list[FurnitureLine] = field(default_factory=list)  # the forward's note and quoted headers
    title: str = ""
    problem: str = ""  # why nothing could be read, for a located error


def _sender(value: str) -> str:
    name, address = email.utils.parseaddr(value)
    return name or address


def _date(value: str):
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _headers_line(raw: str, name: str) -> int:
    match = re.search(rf"(?im)^{re.escape(name)}:", raw)
    return raw.count("\n", 0, match.start()) + 1 if match else 1


def read_email(data: bytes, raw: str) -> EmailStory:
    """`data`: the file's bytes; `raw`: the same decoded leniently, for line numbers."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    readings: list[Reading] = []
    subject = _SUBJECT_PREFIX.sub("", str(message.get("subject", "") or "")).strip()
    sent = _date(str(message.get("date", "") or ""))
    sender = _sender(str(message.get("from", "") or ""))
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return EmailStory(text="", body_line=1, problem="the e-mail has no text or HTML part to read the story from")
    try:
        content = part.get_content()
    except (LookupError, ValueError) as error:  # an unknown charset, a broken encoding
        return EmailStory(text="", body_line=1, problem=f"the e-mail's text cannot be decoded ({error})")
    if part.get_content_type() == "text/html":
        page = read_web_page(content.encode("utf-8"), content)
        text, page_readings = page.text, page.readings
    else:
        text, page_readings = content, []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header_end = raw.find("\n\n")
    body_line = raw.count("\n", 0, header_end) + 3 if header_end >= 0 else 1
    if part is not message:  # a MIME part: its text starts after the part's own headers
        probe = next((line.strip() for line in text.split("\n") if line.strip()), "")[:40]
        at = raw.find(probe) if probe else -1
        body_line = raw.count("\n", 0, at) + 1 if at >= 0 else body_line
        text = text[text.find(probe):] if probe and probe in text else text

    furniture: list[FurnitureLine] = []
    lines = text.split("\n")
    forward = next((i for i, line in enumerate(lines) if _FORWARD.match(line)), None)
    if forward is not None:
        quoted: dict[str, tuple[str, int]] = {}
        for i in range(forward):
            if lines[i].strip():
                furniture.append(FurnitureLine(body_line + i, "forward note", lines[i].strip()))
        furniture.append(FurnitureLine(body_line + forward, "forwarded headers", lines[forward].strip()))
        end = forward + 1
        while end < len(lines) and (match := _QUOTED_HEADER.match(lines[end])):
            quoted.setdefault(match.group("name").lower(), (match.group("value").strip(), body_line + end))
            furniture.append(FurnitureLine(body_line + end, "forwarded headers", lines[end].strip()))
            end += 1
        lines = [""] * end + lines[end:]  # blank lines keep the line numbers of the rest
        if "subject" in quoted:
            readings.append(Reading("title", _SUBJECT_PREFIX.sub("", quoted["subject"][0]).strip(), quoted["subject"][1], "forwarded Subject:"))
        for key in ("date", "sent"):
            if key in quoted and _date(quoted[key][0]):
                readings.append(Reading("date", _date(quoted[key][0]).isoformat(), quoted[key][1], f"forwarded {key.title()}:"))
                break
        if "from" in quoted:
            readings.append(Reading("sender", _sender(quoted["from"][0]), quoted["from"][1], "forwarded From:"))
    # A signature ("-- " alone on a line, RFC 3676): the sender's footer, never story.
    signature = next((i for i, line in enumerate(lines) if line.rstrip() == "--"), None)
    if signature is not None:
        furniture += [FurnitureLine(body_line + i, "signature", line.strip()) for i, line in enumerate(lines[signature:], signature) if line.strip()]
        lines = lines[:signature]
    text = "\n".join(lines)
    if subject:
        readings.append(Reading("title", subject, _headers_line(raw, "Subject"), "e-mail Subject:"))
    if sent:
        readings.append(Reading("date", sent.isoformat(), _headers_line(raw, "Date"), "e-mail Date:"))
    if sender:
        readings.append(Reading("sender", sender, _headers_line(raw, "From"), "e-mail From:"))
    readings += page_readings
    # A newsletter's sender, or the forwarded original's, is the outlet when nothing better says it.
    readings += [Reading("outlet", r.value, r.line, r.source) for r in readings if r.key == "sender"][:1]
    title = next((r.value for r in readings if r.key == "title"), "")
    return EmailStory(text=text, body_line=body_line, readings=readings, furniture=furniture, title=title)
