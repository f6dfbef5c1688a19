"""Checks across files, once every file has been read: references, evidence, dates, curation hints.

Pure: takes the loaded corpus and the mention index, adds problems. File-level and schema problems
were reported while loading (load/).
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from .. import fast
from ..model import Actor, Article, Citation, Corpus, Located, PartialDate, id_for, possessive
from . import furniture
from ..problems import Location, Problems
from .mentions import NAME_LIMIT, MentionIndex
from .quotes import closest_passage, fold
from .stances import series_of


def _close_ids(value: str, known: list[str]) -> list[str]:
    """Ids close enough to be the one meant: a typo away ("inda" for "india", not "china" for
    "india"), or the same id with a part added or left off ("acme-corp" for "acme")."""
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.75)
    if close:
        return close
    return [k for k in known if k.startswith(value + "-") or value.startswith(k + "-")][:1]


def _definitely_before(end: PartialDate, start: PartialDate) -> bool:
    """True when `end` is before `start` at the precision both give (2021 is not before 2021-05)."""
    precision = min(3 if end.day else 2 if end.month else 1, 3 if start.day else 2 if start.month else 1)
    return (end.year, end.month, end.day)[:precision] < (start.year, start.month, start.day)[:precision]


T = TypeVar("T")

# article id -> (the article, what it contributes to the mention index, its unlinked names (Unlinked));
# reused while both objects are the same.
NameCache = dict[str, tuple[Article, object, list["Unlinked"]]]


@dataclass
class ValidationCache:
    """What `validate` works out per article, kept across calls (a live preview re-checks the whole
    briefing after each edit) and reused while the article object is the same (an unchanged file)."""

    names: NameCache = field(default_factory=dict)
    folded: dict[str, tuple[Article, None, str]] = field(default_factory=dict)  # article id -> its text folded (quotes.fold)

    @staticmethod
    def kept(table: dict, article: Article, also: object, compute: Callable[[], T]) -> T:
        """`compute()`'s answer for `article`, worked out again only when the article object, or the
        object `also` it depends on (its mentions), is not the one it was worked out from."""
        known = table.get(article.id)
        if known is not None and known[0] is article and known[1] is also:
            fast.took("validation_cache")
            return known[2]
        value = compute()
        table[article.id] = (article, also, value)
        return value

    def forget_gone(self, articles: dict[str, Article]) -> None:
        for cache in (self.names, self.folded):
            for gone in [a for a in cache if a not in articles]:
                del cache[gone]


class _Checker:
    def __init__(self, corpus: Corpus, known: dict[str, set[str]], problems: Problems, cache: ValidationCache):
        self.corpus = corpus
        self.known = known
        self.problems = problems
        self._folded = cache.folded

    def reference(self, value: Located | None, folder: str, what: str) -> None:
        if value is None or value.value in self.known.get(folder, ()):
            return
        close = _close_ids(value.value, sorted(self.known.get(folder, ())))
        hint = f" (did you mean '{close[0]}'?)" if close else f" (no seeds/{folder}/{value.value}{'.txt' if folder == 'articles' else '.yaml'})"
        self.problems.error(value.location, f"unknown {what} '{value.value}'{hint}")

    def dates_in_order(self, start: PartialDate | None, end: PartialDate | None, location: Location, what: str) -> None:
        if start and end and _definitely_before(end, start):
            self.problems.error(location, f"{what} ends ({end}) before it starts ({start})")

    def citation(self, citation: Citation) -> None:
        if citation.article is None:
            return
        self.reference(citation.article, "articles", "article")
        article = self.corpus.articles.get(citation.article.value)
        if article is None or citation.quote is None:
            return
        folded_article = ValidationCache.kept(self._folded, article, None, lambda: fold(article.full_text))
        quote = fold(citation.quote.value)
        if quote in folded_article:
            return
        furniture = next((line for line in article.furniture if quote in fold(line.text)), None)
        if furniture is not None:
            self.problems.error(
                citation.quote.location,
                f"quote is from the {furniture.kind} of article '{article.id}' (line {furniture.line}), not its story: "
                "evidence must be the story's own words",
            )
            return
        close = closest_passage(quote, article.full_text)
        hint = f"; the closest passage differs at {{your words → the article's}}: \"{close}\"" if close else ""
        self.problems.error(
            citation.quote.location,
            f"quote not found in article '{article.id}': it must be the article's exact words{hint}",
        )


def validate(corpus: Corpus, known: dict[str, set[str]], mentions: MentionIndex, problems: Problems,
             names_not_wanted: set[str] = frozenset(), cache: ValidationCache | None = None) -> None:  # type: ignore[assignment]
    """`names_not_wanted`: names never reported as unprofiled (a failed profile's, the ignore list's).
    `cache`: kept across calls (a live preview), what is worked out per article is worked out once."""
    cache = cache if cache is not None else ValidationCache()
    check = _Checker(corpus, known, problems, cache)
    for actor in corpus.actors.values():
        if actor.country is not None:
            check.reference(actor.country, "actors", "actor")
            country = corpus.actors.get(actor.country.value)
            if country is not None and country.kind != "state":
                article = "an" if country.kind[0] in "aeiou" else "a"  # "an organization", "a group"
                problems.error(actor.country.location, f"'country' must name a state; '{country.id}' is {article} {country.kind}")
        for role in actor.roles:
            check.reference(role.organization, "actors", "actor")
            check.dates_in_order(role.start, role.end, role.end_location or role.location, f"role '{role.title}'")
        for position in actor.positions:
            check.reference(position.topic, "topics", "topic")
            for citation in position.sources:
                check.citation(citation)
        for relation in actor.relations:
            check.reference(relation.target, "actors", "actor")
            if relation.target.value == actor.id:
                problems.error(relation.target.location, "a relation's target is the actor itself")
            check.dates_in_order(relation.start, relation.end, relation.end_location or relation.location, f"relation '{relation.type}'")
            for citation in relation.sources:
                check.citation(citation)
    for event in corpus.events.values():
        for actor_ref in event.actors:
            check.reference(actor_ref, "actors", "actor")
        for topic_ref in event.topics:
            check.reference(topic_ref, "topics", "topic")
        for citation in event.sources:
            check.citation(citation)
    for article in corpus.articles.values():
        for topic_ref in article.topics:
            check.reference(topic_ref, "topics", "topic")
    _stance_series(corpus, problems)
    _overlong_names(corpus, problems)
    _shared_aliases(corpus, problems)
    if corpus.articles:
        _unmentioned_actors(corpus, mentions, problems)
        _unprofiled_names(corpus, mentions, problems, names_not_wanted, cache.names)
    cache.forget_gone(corpus.articles)


def _stance_series(corpus: Corpus, problems: Problems) -> None:
    """Positions of one actor on one topic form a series ordered by `as_of`: in a series of two or more,
    each needs its `as_of`, and no two may share one (which of them would be current?). The listing
    order does not matter (the site sorts); a repeated date is reported at the later-listed position."""
    for actor in corpus.actors.values():
        for series in series_of(actor):
            if len(series.steps) < 2:
                continue
            seen: dict[PartialDate, Location] = {}
            # Steps with one date keep their listing order (a stable sort): the second seen is the second listed.
            for position in series.steps:
                if position.as_of is None:
                    if position.as_of_location is None:  # an impossible date was reported where it is written
                        problems.error(
                            position.location,
                            f"position on '{series.topic_id}' has no 'as_of': {actor.name} has {len(series.steps)} "
                            "positions on this topic, a series ordered by date, so each needs its 'as_of'",
                        )
                    continue
                where = position.as_of_location or position.location
                first = seen.setdefault(position.as_of, where)
                if first is not where:
                    problems.error(
                        where,
                        f"'as_of' {position.as_of} is given twice for topic '{series.topic_id}' (first on line {first.line}): "
                        "each position in a series needs a date of its own",
                    )


def _overlong_names(corpus: Corpus, problems: Problems) -> None:
    """A name or alias longer than NAME_LIMIT is an error (core/mentions.py says why), and the mention
    finder leaves it out: a 700,000-character alias crashed `check` and `build` (issue #21)."""
    for actor_id in sorted(corpus.actors):
        actor = corpus.actors[actor_id]
        forms = [("name", Located(actor.name, actor.name_location or Location(actor.path)))]
        forms += [("alias", alias) for alias in actor.aliases]
        for what, form in forms:
            if len(form.value) > NAME_LIMIT:
                problems.error(
                    form.location,
                    f"{what} '{form.value[:40]}…' is {len(form.value):,} characters long: a name or alias may have at most "
                    f"{NAME_LIMIT} (the longest official names have under 100); write it as the articles do",
                )


def _shared_aliases(corpus: Corpus, problems: Problems) -> None:
    owners: dict[str, list[tuple[str, Location]]] = {}
    for actor_id in sorted(corpus.actors):
        actor = corpus.actors[actor_id]
        forms = [Located(actor.name, actor.name_location or Location(actor.path))] + actor.aliases
        for form in {f.value: f for f in reversed(forms)}.values():
            if len(form.value) > NAME_LIMIT:  # an error of its own (_overlong_names), not repeated here
                continue
            owners.setdefault(form.value, []).append((actor_id, form.location))
    # An error, not a warning: a copied profile (`india.yaml` -> `inda.yaml`) would otherwise take
    # mentions silently, and the text can link a name to one actor only.
    for surface, claimed in sorted(owners.items()):
        if len(claimed) > 1:
            first, first_location = claimed[0]
            for actor_id, location in claimed[1:]:
                problems.error(
                    location,
                    f"'{surface}' is already a name or alias of '{first}' ({first_location.path}:{first_location.line}): "
                    f"two actors cannot share one; keep it on one of them",
                )


def _referenced_actors(corpus: Corpus) -> set[str]:
    """Actors another profile or an event points to: a country, a role's organization, a relation's
    target, an event's actor. They belong in the briefing even when no text names them (France, the
    country of a president the text calls "French President ...")."""
    found: set[str] = set()
    for actor in corpus.actors.values():
        found.update(ref.value for ref in (actor.country, *(r.organization for r in actor.roles)) if ref is not None)
        found.update(r.target.value for r in actor.relations)
    for event in corpus.events.values():
        found.update(a.value for a in event.actors)
    return found


def _unmentioned_actors(corpus: Corpus, mentions: MentionIndex, problems: Problems) -> None:
    referenced = _referenced_actors(corpus)
    for actor_id, actor in sorted(corpus.actors.items()):
        if not mentions.count(actor_id) and actor_id not in referenced:
            name = actor.name if len(actor.name) <= NAME_LIMIT else actor.name[:40] + "…"  # overlong: an error already
            problems.warning(
                actor.name_location or Location(actor.path),
                f"no article mentions '{name}' or its aliases; add the name as it appears in the text to 'aliases'",
            )


# Two or more capitalised words in a row ("Oksana Markarova", "Brookings Institution"), allowing
# lowercase joiners inside ("Secretary of State") and an Arabic article before a word ("Bab el-Mandeb",
# "Faisal al-Murtada").
_WORD = r"[A-Z][\w'’.-]*[a-z]\w*"
# Linear in the text, with the matches of the plain pattern `\b{_WORD}(?:\s+(?:JOINER\s+|ARTICLE-)?{_WORD})+`:
# - Each word is matched once, as the plain pattern first matches it, and never tried again shorter
#   (`(?=(?P<w>...))(?P=w)`: a lookahead does not backtrack). The plain pattern tried every split of
#   a word it could not end a name with: `"A" + "a" * 32000` took `briefing check` 17 s (issue #21).
#   Trying them never found a name: a shorter word ends before a letter, a digit or `'’.-`, where
#   no space can follow, and a later word of the name is never made shorter once it is matched.
# - Where no name starts at a capital, no name starts later in the same run of `[\w'’.-]`: every
#   start in the run would end its first word at the same place. The second alternative steps over
#   the rest of the run (a match `name` is None for: a one-word name or none), where the plain pattern tried again
#   after each `-`, `.` or `'`: `A-A-A-...` cost the square of its length.
_NAME = re.compile(
    rf"\b(?:(?P<name>(?=(?P<first>{_WORD}))(?P=first)"
    rf"(?:\s+(?:(?:of|the|de|von|van|al|bin)\s+|(?:al|el|ad|as|ash|at|bin|ibn)-)?(?=(?P<next>{_WORD}))(?P=next))+)|[A-Z][\w'’.-]*)"
)


# A title or office written before a name ("Trade Commissioner Lena Hartmann") is cut from the front of
# a candidate, so the suggestion is the person's name. Only when a word that titles a person is among the
# words cut: "National Security Council" stays whole, "National Security Adviser Jake Sullivan" is cut.
_PERSON_TITLES = frozenset(
    "President Minister Secretary Commissioner Chancellor Ambassador Envoy Senator Representative Governor "
    "Mayor Director Chairman Chair Spokesman Spokeswoman Spokesperson Adviser Advisor King Queen Prince "
    "Princess Pope Mr Mrs Ms Dr Sir Dame Lord Lady Sheikh Colonel Major Captain Admiral Marshal General "
    "Lieutenant Commander Premier Judge Speaker Leader".split()
)
_TITLE_QUALIFIERS = frozenset(
    "Vice Prime Foreign Defence Defense Trade Finance Interior State Special Deputy Chief National Security "
    "Field Former Acting Attorney Justice of the".split()
)


# Capitalised only because a sentence starts with them: "As Ukraine ..." is not a name.
_SENTENCE_STARTS = frozenset(
    "A An As The In But And When While If After Before On At For With Since Although Though Meanwhile Still "
    "Yet So Then Now This That These Those Both Even Only Under Over From By To However Later Earlier Also Instead "
    "Indeed Last Next Despite During Among Amid Asked Some Many Most Several It He She They We You Its His Her Their "
    "Our There Here What Why How Who Where Which Whether Such Each Every No Not Like Unlike Without Within Through "
    "Across Against Around Between Until Unless Because Once Today Yesterday".split()
)


def _is_qualifier(word: str) -> bool:
    """A word that can stand before a title: 'Trade', 'Deputy', and nationalities ('French', 'German')."""
    return word in _TITLE_QUALIFIERS or word.endswith(("ian", "ese", "ish", "an", "ch"))


# Where a word's capital may come from the start of a sentence alone: the paragraph's start, or after
# . ! ? : ; a quotation mark, an opening bracket or a dash. One pass: `\s*` is the pattern's only
# quantifier and nothing after it can fail.
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\"“”‘’'(\[—–•]|\s-)\s*")

# A one-word name ("Maersk", "Egypt") is suggested when it is capitalised mid-sentence at least this
# many times across the briefing: a capital there is the writer's, not the sentence's.
ONE_WORD_AT_LEAST = 3
# Words capitalised mid-sentence that name no actor: days, months, titles, nationalities ("Danish
# officials"; also any word ending as _DEMONYM_ENDINGS do).
_NOT_ONE_WORD_NAMES = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December American African Afghan Arab Czech Dutch French German Greek Iraqi Israeli "
    "Kenyan Kuwaiti Mexican Moroccan Omani Pakistani Qatari Saudi Somali Swiss Thai Yemeni Emirati Cuban Western "
    "Eastern Northern Southern Muslim Christian Jewish Sunni Shia Shiite Islamic".split()
) | _PERSON_TITLES | _TITLE_QUALIFIERS | _SENTENCE_STARTS
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish")
# Possessives that belong to a name ("People's Liberation Army"), not an owner written before one.
_NAME_POSSESSIVES = frozenset("People's Women's Men's Children's Lloyd's".split())
_WORDS = re.compile(r"\S+")
_APOSTROPHE_IN_WORD = re.compile(r"['’](?![A-Z])")  # "I'm", "They've"; not "O'Brien"


def _owner(word: str) -> str | None:
    """"Yemen's" -> "Yemen" (the owner of what follows, a name of its own); "Iran-backed" -> "Iran" (a
    name made an adjective); None for any other word, and for a possessive that belongs to a name."""
    if word.endswith(("'s", "’s")) and word.replace("’", "'") not in _NAME_POSSESSIVES:
        return word[:-2]
    if "-" in word:
        parts = word.split("-")
        capitalised = list(itertools.takewhile(lambda part: part[:1].isupper(), parts))
        if 0 < len(capitalised) < len(parts):
            return "-".join(capitalised)
    return None


def _pieces(run: str, offset: int) -> list[tuple[int, str]]:
    """A run of capitalised words cut after each word that owns or qualifies the next: "Yemen's Houthi
    rebels" -> "Yemen", "Houthi"; "Iran-backed Houthi" -> "Iran", "Houthi"; "Lena Hartmann's" -> "Lena
    Hartmann". Each piece with where it starts (`offset`: where the run does)."""
    pieces = []
    first = -1  # where the current piece starts in `run`
    for word in _WORDS.finditer(run):
        if first < 0:
            first = word.start()
        owner = _owner(word.group())
        if owner is not None:
            if owner:
                pieces.append((offset + first, run[first:word.start()] + owner))
            first = -1
    if first >= 0:
        pieces.append((offset + first, run[first:]))
    return pieces


def _one_word_name(word: str) -> str:
    """A capitalised word as a one-word name: "Egypt." -> "Egypt", "Maersk's" -> "Maersk", "Houthi-led"
    -> "Houthi"; '' for what is none ("U.S.", "I'm", "COPENHAGEN", "Monday", "Danish")."""
    if len(word) > NAME_LIMIT:
        return ""
    word = word.rstrip(".'’")
    word = _owner(word) or word
    if (not word[:1].isupper() or not any(c.islower() for c in word) or _APOSTROPHE_IN_WORD.search(word)
            or not all(part.replace("'", "").replace("’", "").isalpha() for part in word.split("-"))):
        return ""
    if word in _NOT_ONE_WORD_NAMES or word.endswith(_DEMONYM_ENDINGS):
        return ""
    return word


def _candidate(piece: str, at: int, sentence_starts: set[int]) -> tuple[str, bool | None]:
    """A piece of a capitalised run as the name a profile would have ('' when none is left), and for a
    one-word name whether it is capitalised mid-sentence (None for a name of two words or more)."""
    words = list(_WORDS.finditer(piece))
    first = 0
    while first < len(words) and words[first].group() in _SENTENCE_STARTS:
        first += 1
    words = words[first:]  # one cut, not one pop(0) per word: "The The The ..." is one long match
    if len(words) == 1:  # "Maersk", or "The Houthis" (mid-sentence: the capital is not The's)
        return _one_word_name(words[0].group()), at + words[0].start() not in sentence_starts
    return (_without_title(" ".join(w.group() for w in words)) if words else ""), None


def _without_title(name: str) -> str:
    words = name.split()
    cut = 0
    while len(words) - cut > 2 and (words[cut].rstrip(".") in _PERSON_TITLES or _is_qualifier(words[cut])):
        cut += 1
    if not any(word.rstrip(".") in _PERSON_TITLES for word in words[:cut]):
        return name
    return " ".join(words[cut:])


def _spellings(corpus: Corpus) -> dict[str, tuple[Actor, str]]:
    """Each actor's id, name and aliases by their spelling key (model.id_for: no accents, case or
    hyphens; "Arsenio Dominguez" and "Arsenio Domínguez" share one), also without a final s ("Houthi",
    "Houthis"): a name with such a key is a spelling of that actor, never a new one."""
    keys: dict[str, tuple[Actor, str]] = {}
    for actor_id in sorted(corpus.actors):
        actor = corpus.actors[actor_id]
        forms = [actor.name] + [alias.value for alias in actor.aliases]
        for key, form in [(actor_id, actor.name)] + [(id_for(f), f) for f in forms if len(f) <= NAME_LIMIT]:
            for variant in _key_variants(key):
                keys.setdefault(variant, (actor, form))
    return keys


def _key_variants(key: str) -> tuple[str, ...]:
    return (key, key[:-1]) if key.endswith("s") and len(key) > 4 else (key,) if key else ()


def _spelling_of(name: str, spellings: dict[str, tuple[Actor, str]]) -> tuple[Actor, str] | None:
    return next((spellings[k] for k in _key_variants(id_for(name)) if k in spellings), None)


def _unprofiled_names(corpus: Corpus, mentions: MentionIndex, problems: Problems, not_wanted: set[str], cache: NameCache) -> None:
    """A curator's to-do list: names that recur in the articles but match no profile. A name of two
    words or more counts from 2 occurrences, a one-word name from ONE_WORD_AT_LEAST capitalised
    mid-sentence; a spelling of an existing actor's name or alias (accents, case, hyphens) from one,
    as an alias to add to that actor (`briefing new actor` would refuse its id)."""
    counts: Counter[str] = Counter()
    mid_sentence: Counter[str] = Counter()
    first_seen: dict[str, Location] = {}
    for article_id in sorted(corpus.articles):
        article = corpus.articles[article_id]
        linked = mentions.by_article.get(article_id, [])
        names = ValidationCache.kept(cache, article, mentions.of_article(article_id), lambda: _unlinked_names(article, linked))
        for seen in names:
            if seen.name in not_wanted or seen.written in not_wanted or seen.whole in not_wanted:
                continue
            counts[seen.name] += 1
            mid_sentence[seen.name] += bool(seen.mid)
            first_seen.setdefault(seen.name, Location(article.path, seen.line))
    spellings = _spellings(corpus) if counts else {}
    # Spellings of one name ("Houthis", "Houthi"; "Arsenio Domínguez", "Arsenio Dominguez") are one suggestion.
    groups: dict[str, list[str]] = {}
    for name in sorted(counts):
        variants = _key_variants(id_for(name))
        groups.setdefault(variants[-1] if variants else name, []).append(name)

    def times(name: str) -> str:
        return f"{counts[name]} time{'s' * (counts[name] != 1)}"

    for names in groups.values():
        near = _spelling_of(names[0], spellings)
        if near is not None:
            actor, form = near
            for name in names:
                if name != form:
                    problems.warning(
                        first_seen[name],
                        f"'{name}' appears {times(name)}, spelt differently from '{form}' of actor '{actor.id}' "
                        f"(add '{name}' to aliases in {actor.path}, or list it in seeds/unprofiled-ignore.txt)",
                    )
            continue
        if any(" " in name for name in names):  # a name of two words or more: from 2 occurrences
            enough = sum(counts[n] for n in names) >= 2
        else:  # a one-word name: from ONE_WORD_AT_LEAST capitalised mid-sentence
            enough = sum(mid_sentence[n] for n in names) >= ONE_WORD_AT_LEAST
        if not enough:
            continue
        name = min(names, key=lambda n: (-counts[n], n))  # the most written, then the first in order
        others = [n for n in names if n != name]
        also = " (and as " + ", ".join(f"'{n}' {times(n)}" for n in others) + ")" if others else ""
        aliases = "; the other spellings are its aliases" if others else ""
        problems.warning(
            first_seen[name],
            f"'{name}' appears {times(name)}{also} but matches no actor profile "
            f"(`briefing new actor {id_for(name)} --name \"{name}\" --kind ...`{aliases}, or list it in seeds/unprofiled-ignore.txt)",
        )


class Unlinked(NamedTuple):
    """A name in an article's text that no mention covers."""

    name: str  # as counted: "Lena Hartmann", "Houthis"
    written: str  # its words as written: "Trade Commissioner Lena Hartmann", "The Houthis"
    whole: str  # the capitalised run it was cut from: "Yemen's Houthis"
    line: int
    mid: bool | None  # a one-word name: capitalised mid-sentence; None for a name of two words or more


def _unlinked_names(article: Article, linked: list) -> list[Unlinked]:
    """The names in an article's text that no mention covers, as `_unprofiled_names` counts them."""
    names = []
    for paragraph, paragraph_mentions in zip(article.paragraphs, linked):
        if paragraph.heading:
            continue
        text = paragraph.text
        # Furniture the reader left in the story (core/furniture.py takes it from the head and foot):
        # a byline or credit line later on names the writers; a dateline's words are a place and an agency.
        if len(text) <= 400 and (furniture.byline_of(text) or furniture.is_credit(text)):
            continue
        dateline = furniture.dateline_of(text[:120])
        skip = dateline.end() if dateline else 0
        sentence_starts = {start.end() for start in _SENTENCE_START.finditer(text)} | {skip}
        # Names and mentions both come in text order without overlaps: one sweep, not names x mentions.
        ahead = 0
        for match in _NAME.finditer(text, skip):
            whole = match.group(0)
            # A run where no name of two words starts is a one-word name or none ("Maersk", "Egypt.").
            pieces = _pieces(whole, match.start()) if match.start("name") >= 0 else [(match.start(), whole)]
            for start, piece in pieces:
                while ahead < len(paragraph_mentions) and paragraph_mentions[ahead].end <= start:
                    ahead += 1
                if ahead < len(paragraph_mentions) and paragraph_mentions[ahead].start < start + len(piece):
                    continue
                name, mid = _candidate(piece, start, sentence_starts)
                if name:
                    names.append(Unlinked(name, piece, whole, paragraph.line, mid))
    return names


def stale_stances(corpus: Corpus, mentions: MentionIndex, days: int, problems: Problems) -> None:
    """`briefing check --stale DAYS`: a warning for each current stance whose `as_of` is more than DAYS
    days before the newest dated article that mentions the actor: the articles have moved on, the
    profile may not have. Partial dates are read generously (an `as_of` of June 2023 counts as its last
    day, an article of July 2023 as its first), so only a stance certainly that old is reported; a
    current stance without `as_of` cannot be judged and is left alone."""
    newest: dict[str, Article] = {}
    for article in corpus.articles.values():
        if article.date is None:
            continue
        for actor_id in {m.actor_id for paragraph in mentions.by_article.get(article.id, ()) for m in paragraph}:
            known = newest.get(actor_id)
            if known is None or (article.date, article.id) > (known.date, known.id):
                newest[actor_id] = article
    for actor_id in sorted(corpus.actors):
        article = newest.get(actor_id)
        if article is None or article.date is None:
            continue
        actor = corpus.actors[actor_id]
        for series in series_of(actor):
            current = series.current
            if current.as_of is None:
                continue
            gap = (article.date.first_day() - current.as_of.last_day()).days
            if gap > days:
                problems.warning(
                    current.as_of_location or current.location,
                    f"{possessive(actor.name)} current stance on '{series.topic_id}' is as of {current.as_of.human()}, "
                    f"{gap} days before the newest article that mentions {actor.name} ('{article.id}', "
                    f"{article.date.human()}): check that it still holds, or add a newer position",
                )
