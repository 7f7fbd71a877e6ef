"""Recognising page furniture line by line, with the patterns in ``dateline/data/furniture``.

Each function answers one question about one stripped line (or paragraph): is it furniture
of some category, a byline, a time stamp, a photo caption; and strips e-mail addresses.
The patterns are data; this module only says how they combine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from dateline.pubdate.parsing import MONTH_NAMES, WEEKDAYS, find_date
from dateline.pubdate.stamps import Stamp

from ..datafiles import furniture as load

EMAIL = re.compile(r"[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# An address hidden by the site's e-mail protection: the scraped text keeps a placeholder.
EMAIL_PLACEHOLDER = re.compile(r"\[?\s*email[\s\u00a0]+protected\s*\]?", re.I)
_GLUED_EMAIL = re.compile(
    r"(?P<keep>.*?[.!?][\"”’')\]]?)(?P<email>[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})\.?"
)
# furniture that may share a line with a byline or a time stamp ("7 min read", "Updated 2 hours ago")
STAMP_FURNITURE = ("stamps", "share")
_SENTENCE_END = (".", "!", "?", '"', "”", "’", ")", ":")
_TIME_LEFTOVER = re.compile(
    r"\b(\d{1,2}[:.]\d{2}(:\d{2})?|[ap]\.?m\.?|at|on|utc|gmt|[a-z]{1,4}t|" + "|".join(WEEKDAYS)
    + r"|(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?)\b|[+-]\d{2}:?\d{2}",
    re.I,
)


# --------------------------------------------------------------------------- whole lines


@dataclass(frozen=True)
class _Category:
    name: str
    max_chars: int
    patterns: tuple[re.Pattern[str], ...]


@cache
def _categories() -> tuple[_Category, ...]:
    data: dict[str, Any] = load("lines.yaml")
    return tuple(
        _Category(name, int(spec["max_chars"]), tuple(re.compile(p, re.I) for p in spec["patterns"]))
        for name, spec in data.items()
    )


def furniture_category(line: str) -> str | None:
    """The furniture category (``share``, ``comments``, ...) a whole line belongs to, if any."""
    for category in _categories():
        if len(line) > category.max_chars:
            continue
        if any(p.fullmatch(line) for p in category.patterns):
            return category.name
    return None


# --------------------------------------------------------------------------- e-mail


def is_email_only(line: str) -> bool:
    """A line that holds nothing but e-mail addresses (and a label like "Email:")."""
    if not (EMAIL.search(line) or EMAIL_PLACEHOLDER.search(line)):
        return False
    rest = EMAIL_PLACEHOLDER.sub(" ", EMAIL.sub(" ", line))
    rest = re.sub(r"(?i)\b(e-?mail|mail|contact|by|at|and|or|to|send|write)\b", " ", rest)
    return not re.search(r"[^\W\d_]", rest)


def strip_emails(text: str) -> str:
    """``text`` without e-mail placeholders and without e-mail addresses at its end.

    Handles an address glued to the last sentence ("...officials.jdoe@example.com").
    Addresses inside a sentence are left alone: they are part of what was said.
    """
    if "@" not in text and "protected" not in text:
        return text.strip()
    text = EMAIL_PLACEHOLDER.sub("", text).rstrip()
    while True:
        head, _, last = text.rpartition(" ")
        if "@" not in last:
            return re.sub(r"\s{2,}", " ", text).strip()
        # "...said. jane.doe@x.org" is an address on its own; "...said.jdoe@x.org" is glued on
        glued = None if not head or head.endswith(_SENTENCE_END) else _GLUED_EMAIL.fullmatch(last)
        if glued is None and EMAIL.fullmatch(last.rstrip(".,;")) and head:
            text = head.rstrip(" ,;:-–—|")
            continue
        if glued is not None:
            text = (head + " " + glued.group("keep")).strip()
            continue
        return re.sub(r"\s{2,}", " ", text).strip()


# --------------------------------------------------------------------------- bylines


@dataclass(frozen=True)
class _BylineRules:
    lead: re.Pattern[str]
    max_words: int
    particles: frozenset[str]
    roles: frozenset[str]
    continuation: re.Pattern[str]
    continuation_max_words: int


@cache
def _byline_rules() -> _BylineRules:
    data: dict[str, Any] = load("bylines.yaml")
    return _BylineRules(
        lead=re.compile(r"(?:" + data["lead"] + r")\s+(?P<rest>.+)", re.I),
        max_words=int(data["max_words"]),
        particles=frozenset(data["name_particles"]),
        roles=frozenset(data["role_words"]),
        continuation=re.compile(_case_insensitive_leads(data["continuation"])),
        continuation_max_words=int(data["continuation_max_words"]),
    )


def _case_insensitive_leads(pattern: str) -> str:
    # the lead words of a continuation ("with the ...") match in any case; names must be capitalised
    return pattern.replace("(with|for|of|and|from|at)", "(?i:with|for|of|and|from|at)", 1)


def _is_name_token(token: str, rules: _BylineRules) -> bool:
    word = token.strip(".,'’\"")
    if not word:
        return False
    if word.lower() in rules.particles or word.lower() in ("and", "&"):
        return True
    return word[0].isupper() and not word.isdigit()


_NAME = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}"  # a writer's name: two to four capitalised words
_WRITER = re.compile(_NAME)  # a name beside a date on one line


def is_writer_name(text: str) -> bool:
    """Whether ``text`` is only a writer's name ("Nomvula Dube"), as on the line above a time stamp."""
    return _WRITER.fullmatch(text.strip("*_ ")) is not None

_BARE_BYLINE = re.compile(
    rf"(?P<name>{_NAME}(?: and {_NAME})?)"
    r" in (?P<place>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2})"
)


def is_byline(line: str, *, bare: bool = False) -> bool:
    """"By Jane Doe", "BY JOHN ROE [email]", "By Jane Doe, Staff Reporter", "By A and B | Agency".

    ``bare``: also accept a byline without "By" in the form "Jane Doe in Kyiv" (only below the
    first line, where it cannot be a title-case headline)."""
    rules = _byline_rules()
    clean = EMAIL_PLACEHOLDER.sub(" ", EMAIL.sub(" ", line))
    clean = re.sub(r"[\[\(<]\s*[\]\)>]", " ", clean).strip(" |,;:-–—")
    match = rules.lead.fullmatch(clean)
    if match is None:
        return bare and (_BARE_BYLINE.fullmatch(clean) is not None or _bare_with_role(clean, rules))
    pieces = re.split(r"\s*[|·•]\s*", match.group("rest").strip())
    while len(pieces) > 1 and furniture_category(pieces[-1]) in STAMP_FURNITURE:
        pieces.pop()  # "By Jane Doe | 4 min read", "By Jane Doe · Updated 2 hours ago"
    rest = " | ".join(pieces)
    if len(rest.split()) > rules.max_words:
        return False
    # "By Jane Doe, Staff Reporter", "By Jane Doe in Kyiv": a role, an outlet or a place after the name
    parts = re.split(r"\s*(?:,|\||/|\s[-–—]\s|\s·\s)\s*|\s+in\s+(?=[A-Z])", rest, maxsplit=1)
    name = parts[0].split()
    if not 1 <= len(name) <= 8 or name[0].lower().strip(".,") in WEEKDAYS + MONTH_NAMES:
        return False
    if not all(_is_name_token(t, rules) for t in name):
        return False
    if len(parts) == 1:
        return not clean.endswith((".", "?", "!")) or len(name) <= 4
    role = parts[1].split()
    if len(role) > 10:
        return False
    lowered = [t.lower().strip(".,'’") for t in role]
    if any(w in rules.roles for w in lowered):
        return True
    return all(_is_name_token(t, rules) for t in role) and not clean.endswith(("?", "!"))


_BARE_NAME_ROLE = re.compile(rf"(?P<name>{_NAME}),\s+(?P<role>[\w.&'’ -]{{3,60}})")


def _bare_with_role(line: str, rules: _BylineRules) -> bool:
    """ "Jane Doe, Latin America correspondent": a name, a comma, a short role with a role word."""
    m = _BARE_NAME_ROLE.fullmatch(line)
    if m is None or len(m.group("role").split()) > 5:
        return False
    return any(w.lower().strip(".,'’") in rules.roles for w in m.group("role").split())


def is_byline_continuation(line: str) -> bool:
    """A short line continuing a byline: "with the Daily Courier", "Staff Writer"."""
    rules = _byline_rules()
    if len(line.split()) > rules.continuation_max_words or line.endswith((".", "?", "!", ":")):
        return False
    return rules.continuation.fullmatch(line) is not None


# --------------------------------------------------------------------------- captions


@dataclass(frozen=True)
class _CaptionRules:
    max_words: int
    bracket_end: re.Pattern[str]
    upper_share: float
    paren_end: re.Pattern[str]
    credit_words: re.Pattern[str]
    agencies: re.Pattern[str]
    credit_end: tuple[re.Pattern[str], ...]
    lead: tuple[re.Pattern[str], ...]


@cache
def _caption_rules() -> _CaptionRules:
    data: dict[str, Any] = load("captions.yaml")

    def words(items: list[str]) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))
        return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", re.I)

    return _CaptionRules(
        max_words=int(data["max_words"]),
        bracket_end=re.compile(data["bracket_credit_end"]),
        upper_share=float(data["bracket_upper_share"]),
        paren_end=re.compile(data["paren_credit_end"]),
        credit_words=words(data["credit_words"]),
        agencies=words([str(a) for a in data["agencies"]]),
        credit_end=tuple(re.compile(p, re.I) for p in data["credit_end"]),
        lead=tuple(re.compile(p, re.I) for p in data["lead"]),
    )


def _upper_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if len(letters) >= 2 else 0.0


CREDIT_WINDOW = 160  # a credit is looked for in the last characters of a line only


def caption_credit(text: str) -> str | None:
    """The photo credit at the end of ``text`` ("[AP]", "(Photo: Jane Doe)"), if it has one."""
    rules = _caption_rules()
    bracket = rules.bracket_end.search(text)
    if bracket is not None:
        inner = bracket.group("inner")
        closed = bracket.group(0).rstrip().endswith("]")
        if _upper_share(inner) >= rules.upper_share or (
            closed and (rules.credit_words.search(inner) or rules.agencies.search(inner))
        ):
            return bracket.group(0).strip()
    paren = rules.paren_end.search(text)
    if paren is not None:
        inner = paren.group("inner")
        slash_credit = re.fullmatch(r"[A-Z][\w .'’-]{0,30}/\s*[A-Z][\w .'’-]{1,40}", inner.strip())
        if rules.credit_words.search(inner) or rules.agencies.fullmatch(inner.strip()) or slash_credit:
            return paren.group(0).strip()
    for pattern in rules.credit_end:
        match = pattern.search(text)
        if match is not None:
            return match.group(0).strip()
    return None


def is_caption(text: str) -> bool:
    """A photo caption: ends with a photo credit or starts with a caption lead."""
    rules = _caption_rules()
    words = text.split()
    if len(words) > rules.max_words:
        return False
    if any(p.search(text) for p in rules.lead):
        return len(words) >= 3
    credit = caption_credit(text[-CREDIT_WINDOW:])
    if credit is None:
        return False
    return len(text[: text.rfind(credit)].split()) >= 3


# --------------------------------------------------------------------------- time stamps


@dataclass(frozen=True)
class _StampLabel:
    pattern: re.Pattern[str]
    kind: str
    rank: int
    confidence: float


@dataclass(frozen=True)
class _StampRules:
    max_chars: int
    bare_within_lines: int
    labels: tuple[_StampLabel, ...]
    bare: _StampLabel


@cache
def _stamp_rules() -> _StampRules:
    data: dict[str, Any] = load("stamps.yaml")
    labels = []
    bare = None
    for entry in data["labels"]:
        pattern = re.compile(r"(?:" + entry["label"] + r")(?![\w])\s*(?:[:|–—-]\s*|on\s+|at\s+)*(?P<rest>.+)", re.I)
        label = _StampLabel(pattern, entry["kind"], int(entry["rank"]), float(entry["confidence"]))
        if entry["kind"] == "bare":
            bare = label
        else:
            labels.append(label)
    assert bare is not None, "stamps.yaml needs a 'bare' label"
    return _StampRules(int(data["max_chars"]), int(data["bare_within_lines"]), tuple(labels), bare)


_WRAPPING_EMPHASIS = re.compile(r"([*_]{1,3})(.+)\1")
_STAMP_SEPARATORS = re.compile(r"\s*(?:[|·•]|\s[-–—]\s|\s/\s)\s*")  # ("*The Outlet* — **Monday, 12 February 2024**")
_TIME_ONLY = re.compile(
    r"(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?"
    r"(?:\s*\([^()]{1,30}\))?",
    re.I,
)


_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$")  # a writer's place: "Jane Doe in Ankara"

# a short name or section beside a dated stamp near the top: "**The Outlet**", "Middle East desk",
# "Politics, Foreign affairs"
# (a stamp's date is always a full one, year included: find_date reads no other)
_MASTHEAD_LABEL = re.compile(r"[*_]{0,2}[A-Z][^\W\d_]*['’&.-]?(?:,?\s+[^\W\d_][^\W\d_'’&.-]*){0,3}[*_]{0,2}")


def stamp_of(line: str, *, line_index: int) -> Stamp | None:
    """The time stamp ``line`` is, if it is one; ``line_index`` counts non-empty lines from the top.

    A line may hold several parts ("March 3, 2026 6:42 PM · Updated 2 hours ago",
    "Published: ... | Updated: ...", "By Jane Doe · 9 March 2026 · 7 min read"): it is a stamp
    when every part is a stamp, a time, stamp furniture or a byline, and it gives the date of
    its best-ranked part."""
    rules = _stamp_rules()
    if len(line) > rules.max_chars:
        return None
    whole = _labelled_stamp(line, rules) or _bare_stamp(line, line_index, rules)
    if whole is not None:
        return whole
    wrapped = _WRAPPING_EMPHASIS.fullmatch(line)  # "**Live coverage · Wednesday 3 November 2021 · All times GMT**"
    parts = [part for part in _STAMP_SEPARATORS.split(wrapped.group(2) if wrapped else line) if part]
    if len(parts) < 2:
        return None
    found: list[Stamp] = []
    near_top = line_index < rules.bare_within_lines
    for part in parts:
        stamp = _labelled_stamp(part, rules) or _bare_stamp(part, line_index, rules)
        if stamp is not None:
            found.append(stamp)
        elif not (_TIME_ONLY.fullmatch(part) or furniture_category(part) in STAMP_FURNITURE or is_byline(part)
                  or is_writer_name(_IN_PLACE.sub("", part))  # "Jane Doe | 24 May 2019", "Jane Doe in Ankara"
                  or (near_top and _MASTHEAD_LABEL.fullmatch(part))):  # "**Outlet** · Middle East desk · 13 Jan 2024"
            return None
    if not found:
        return None
    best = min(found, key=lambda stamp: stamp.rank)
    return Stamp(line, best.kind, best.rank, best.confidence, best.found)


def _labelled_stamp(text: str, rules: _StampRules) -> Stamp | None:
    for label in rules.labels:
        match = label.pattern.fullmatch(text)
        if match is None:
            continue
        found = find_date(match.group("rest"))
        if found is not None:
            return Stamp(text, label.kind, label.rank, label.confidence, found)
    return None


def _bare_stamp(text: str, line_index: int, rules: _StampRules) -> Stamp | None:
    if line_index >= rules.bare_within_lines:
        return None
    found = find_date(text)
    if found is None:
        return None
    leftover = _TIME_LEFTOVER.sub(" ", text[: found.start] + " " + text[found.end :])
    if re.search(r"[^\W\d_]", leftover) and furniture_category(" ".join(leftover.split())) not in STAMP_FURNITURE:
        return None  # (a masthead's weather beside the date is furniture: "... 2018  Gaborone 31°C Sunny")
    bare = rules.bare
    return Stamp(text, bare.kind, bare.rank, bare.confidence, found)
