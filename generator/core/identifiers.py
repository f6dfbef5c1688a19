"""An actor's `identifiers:` (its ids in public registries): what each key means and where it links.

The form of each value is checked by the actor schema (actor.schema.json, `identifiers`): the patterns
there and here are the same. What a pattern cannot say, the check digits of an LEI, is `lei_problem`,
called where actors are built (load/profiles.py).

| key             | what                                   | form                            | links to                                  |
|-----------------|----------------------------------------|---------------------------------|-------------------------------------------|
| `wikidata`      | Wikidata item                          | `Q` and digits: `Q30`           | https://www.wikidata.org/wiki/Q30         |
| `iso`           | ISO 3166-1 country code                | alpha-2 `US` or alpha-3 `USA`   | ISO's Online Browsing Platform (alpha-2)  |
| `lei`           | Legal Entity Identifier (ISO 17442)    | 18 letters/digits + 2 check digits | https://search.gleif.org/#/record/<LEI> |
| `opensanctions` | OpenSanctions entity id                | FollowTheMoney id: `Q7747`, `NK-…`, `ofac-123` | https://www.opensanctions.org/entities/<id>/ |
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Scheme(NamedTuple):
    label: str
    pattern: str  # the same as in actor.schema.json (test_identifiers_search checks)

    def url(self, key: str, value: str) -> str:
        if key == "wikidata":
            return f"https://www.wikidata.org/wiki/{value}"
        if key == "lei":
            return f"https://search.gleif.org/#/record/{value}"
        if key == "opensanctions":
            return f"https://www.opensanctions.org/entities/{value}/"
        if key == "iso" and len(value) == 2:  # the OBP addresses a country by its alpha-2 code
            return f"https://www.iso.org/obp/ui/#iso:code:3166:{value}"
        return ""


SCHEMES: dict[str, Scheme] = {
    "wikidata": Scheme("Wikidata", r"^Q[1-9][0-9]*$"),
    "iso": Scheme("ISO 3166-1", r"^[A-Z]{2}([A-Z])?$"),
    "lei": Scheme("LEI", r"^[0-9A-Z]{18}[0-9]{2}$"),
    # FollowTheMoney's entity id (followthemoney.types.entity.EntityType.REGEX), which OpenSanctions uses.
    "opensanctions": Scheme("OpenSanctions", r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$"),
}


def lei_problem(value: str) -> str:
    """Why `value` (already of the LEI's form) is not a valid LEI, or "": ISO 17442 check digits,
    ISO 7064 MOD 97-10 (letters count A=10 … Z=35; the whole number modulo 97 is 1)."""
    if not re.fullmatch(SCHEMES["lei"].pattern.strip("^$"), value):
        return ""  # the schema reports the form
    if int("".join(str(int(c, 36)) for c in value)) % 97 == 1:
        return ""
    body = value[:18]
    expected = 98 - int("".join(str(int(c, 36)) for c in body + "00")) % 97
    return (f"'lei': '{value}' is not a valid Legal Entity Identifier: its last two digits (check digits) would be "
            f"{expected:02d}, not {value[18:]}; copy it again from its GLEIF record")


def links(identifiers: dict[str, str]) -> list[tuple[str, str, str]]:
    """(label, value, registry URL or "") for each identifier, in the order of SCHEMES."""
    return [(SCHEMES[key].label, identifiers[key], SCHEMES[key].url(key, identifiers[key]))
            for key in SCHEMES if key in identifiers]
