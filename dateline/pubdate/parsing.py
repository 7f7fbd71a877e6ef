"""Finding calendar dates in short strings: metadata values, time stamps, datelines, URLs.

A small parser of our own rather than ``dateparser``: publication dates come in a handful of
shapes, and each match must say exactly which characters it used (the evidence) and whether
it was ambiguous.  Nothing here reads the clock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from dateline.records import EARLIEST_PUBLICATION_YEAR

from ..datafiles import furniture as load

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip

MIN_YEAR = EARLIEST_PUBLICATION_YEAR
MAX_YEAR = 2199

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20|21)\d\d)"
_TZ_NAMES = (
    r"(?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[ECMP][SD]T|KST|JST|HKT|SGT|BST|CES?T|EES?T|MSK|IST|AES?T|AEDT|WIB"
)
_TZ = r"(?P<tz>Z|[+-][01]\d:?[0-5]\d|(?:" + _TZ_NAMES + r")\b)?"
_TIME = r"(?:[T ,]+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*" + _TZ + r")?"

# Full dates, tried in this order at every position; the earliest match in the string wins.
_FULL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<!\d)" + _YEAR + r"-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)" + _TIME, re.I)),
    ("ymd", re.compile(r"(?<![\d.])" + _YEAR + r"[/.](?P<m>[01]?\d)[/.](?P<d>[0-3]?\d)(?![\d/])\.?", re.I)),
    ("d-month-y", re.compile(r"\b" + _DAY + r"\s*(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I)),
    ("month-d-y", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+(?:at\s+)?" + _YEAR + r"\b", re.I)),
    ("numeric", re.compile(r"(?<![\d/.-])(?P<a>[0-3]?\d)[/.-](?P<b>[0-3]?\d)[/.-]" + _YEAR + r"(?![\d/.-])")),
)
_MONTH_DAY = (
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"\b(?!\s*,?\s*(?:19|20|21)\d\d)", re.I),
    re.compile(r"\b" + _DAY + r"\s+" + _MONTH + r"(?!\w)(?!\s*,?\s*(?:19|20|21)\d\d)", re.I),
)
_TZ_WORD = re.compile(r"(?<![A-Za-z\d])(" + _TZ_NAMES + r"|[+-][01]\d:?[0-5]\d)(?![A-Za-z\d])")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a string: the value, the exact characters matched and how."""

    value: date
    start: int
    end: int
    matched: str
    pattern: str
    ambiguous: bool = False  # day and month could be swapped (e.g. 03/04/2025)
    tz: str | None = None


def make_date(year: int, month: int, day: int) -> date | None:
    """A valid date in the plausible range, else None."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def find_date(text: str) -> FoundDate | None:
    """The earliest full calendar date (day, month and year) in ``text``."""
    best: FoundDate | None = None
    for name, pattern in _FULL_PATTERNS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best.start:
                break
            found = _from_match(name, match)
            if found is not None:
                best = found
                break
    if best is not None and best.ambiguous:
        best = _by_weekday(best, text)
    if best is not None and best.tz is None:
        tz = _TZ_WORD.search(text)
        if tz is not None:
            best = FoundDate(best.value, best.start, best.end, best.matched, best.pattern, best.ambiguous,
                             tz.group(1))
    return best


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")  # date.weekday() order
_WEEKDAY = re.compile(r"\b(" + "|".join(w[:3] for w in WEEKDAYS) + r")(?:[a-z]*)\.?\b", re.I)


def _by_weekday(found: FoundDate, text: str) -> FoundDate:
    """An ambiguous numeric date ("Saturday 06/03/2026") in the reading its weekday names, if
    exactly one reading agrees with the weekday written beside it (then no longer ambiguous)."""
    named = {WEEKDAYS.index(w) for m in _WEEKDAY.finditer(text) if (w := _full_weekday(m.group(0)))}
    if len(named) != 1:
        return found
    (weekday,) = named
    swapped = make_date(found.value.year, found.value.day, found.value.month)
    readings = [d for d in (found.value, swapped) if d is not None and d.weekday() == weekday]
    if len(readings) != 1:
        return found
    return FoundDate(readings[0], found.start, found.end, found.matched, found.pattern, False, found.tz)


@cache
def _spellings() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One pattern of the British forms of ``spelling.yaml`` and one of the American ones."""
    pairs = load("spelling.yaml")["pairs"]
    british, american = ("|".join(f"(?:{pair[side]})" for pair in pairs) for side in (0, 1))
    return re.compile(rf"\b(?:{british})\b"), re.compile(rf"\b(?:{american})\b")


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")  # fmt: skip
_FULL_MONTH = r"(?:" + "|".join(MONTH_NAMES) + r")"
_DAY = r"(?:[1-9]|[12]\d|3[01])"
_WRITTEN_DAY_FIRST = re.compile(rf"(?<![\d:.,])\b{_DAY}(?:st|nd|rd|th)? {_FULL_MONTH}\b", re.I)  # "10 October"
_WRITTEN_MONTH_FIRST = re.compile(rf"\b{_FULL_MONTH} {_DAY}\b(?!:)", re.I)  # "October 10"


def by_spelling(found: FoundDate, text: str) -> tuple[FoundDate, str | None]:
    """An ambiguous numeric date read day first when ``text`` spells the British way ("organisers",
    "defence") and never the American way, or writes its dates day first ("adjourned to 10
    October") and never month first: such outlets write numeric dates day first too.  Returns
    the date (still marked ambiguous) and the words that decided, or the date unchanged and None."""
    if not found.ambiguous or found.pattern != "numeric":
        return found, None
    british, american = _spellings()
    signs = sorted({m.group(0) for m in british.finditer(text)})  # the British words, else the day-first dates
    if not signs or american.search(text):
        signs = sorted({f'"{m.group(0)}"' for m in _WRITTEN_DAY_FIRST.finditer(text)})
        if not signs or _WRITTEN_MONTH_FIRST.search(text):
            return found, None
    a, b = (int(x) for x in re.findall(r"\d+", found.matched)[:2])
    day_first = make_date(found.value.year, b, a)
    if day_first is None or day_first == found.value:
        return found, None
    read = FoundDate(day_first, found.start, found.end, found.matched, found.pattern, True, found.tz)
    return read, ", ".join(signs[:3])


_SHORT_WEEKDAYS = ("tues", "thur", "thurs", "weds")


def _full_weekday(word: str) -> str | None:
    """The weekday ``word`` names ("Sat", "Tues.", "Saturday"), or None ("Saturn", "wedding")."""
    w = word.lower().rstrip(".")
    return next((d for d in WEEKDAYS if d.startswith(w) and (len(w) == 3 or w == d or w in _SHORT_WEEKDAYS)), None)


def _from_match(name: str, match: re.Match[str]) -> FoundDate | None:
    groups = match.groupdict()
    year = int(groups["year"])
    ambiguous = False
    if name in ("iso", "ymd"):
        value = make_date(year, int(groups["m"]), int(groups["d"]))
    elif name == "numeric":
        a, b = int(groups["a"]), int(groups["b"])
        dotted = "." in match.group(0)
        # day first when it must be, and always with dots ("06.03.2026" is 6 March); else month
        # first, the usual order in English-language news
        day_first = a > 12 >= b or (dotted and b <= 12)
        value = make_date(year, b, a) if day_first else make_date(year, a, b)
        ambiguous = a != b and a <= 12 and b <= 12
    else:
        month = month_number(groups["month"])
        value = make_date(year, month, int(groups["day"])) if month else None
    if value is None:
        return None
    tz = groups.get("tz") or None
    return FoundDate(value, match.start(), match.end(), match.group(0).strip(), name, ambiguous, tz)


@dataclass(frozen=True)
class MonthDay:
    """A month and day without a year, as in a dateline ("June 17")."""

    month: int
    day: int
    start: int
    end: int
    matched: str

    def in_year(self, year: int) -> date | None:
        return make_date(year, self.month, self.day)


def find_month_day(text: str) -> MonthDay | None:
    """The earliest month-and-day without a year in ``text``."""
    best: MonthDay | None = None
    for pattern in _MONTH_DAY:
        match = pattern.search(text)
        if match is None or (best is not None and match.start() >= best.start):
            continue
        month = month_number(match.group("month"))
        day = int(match.group("day"))
        if month and 1 <= day <= 31 and make_date(2000, month, day) is not None:
            best = MonthDay(month, day, match.start(), match.end(), match.group(0))
    return best


def parse_metadata_value(value: object) -> FoundDate | None:
    """A date from a metadata field: an ISO or common-format string, or a Unix timestamp."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = float(value) / 1000 if value > 10**11 else float(value)  # milliseconds
        try:
            moment = datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
        text = str(value)
        day = make_date(moment.year, moment.month, moment.day)
        return FoundDate(day, 0, len(text), text, "timestamp", tz="UTC") if day else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    compact = re.fullmatch(r"((?:19|20|21)\d\d)([01]\d)([0-3]\d)", text)
    if compact:
        day = make_date(int(compact.group(1)), int(compact.group(2)), int(compact.group(3)))
        return FoundDate(day, 0, len(text), text, "compact") if day else None
    return find_date(text)


_URL_DATES = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_.](?P<m>[01]\d)[-_.](?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
)


def find_url_date(url: Any) -> tuple[date, str] | None:
    """A full date in a URL's path or query (/2025/06/11/, /20250611/, 2025-06-11) and the text matched."""
    if not isinstance(url, str) or not url:
        return None
    parts = urlsplit(url)
    where = parts.path + ("?" + parts.query if parts.query else "")
    for pattern in _URL_DATES:
        for match in pattern.finditer(where):
            value = make_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            if value is not None:
                return value, match.group(0)
    return None


_NOTICE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def copyright_year(notices: Sequence[str]) -> int | None:
    """The latest year of a page's copyright notices ("(c) 2022 Asia Pacific Wire", "© 2009-2023"):
    the year the page was made or later, never earlier than the article's."""
    years = [int(y) for n in notices for y in _NOTICE_YEAR.findall(n) if int(y) >= MIN_YEAR]
    return max(years) if years else None

