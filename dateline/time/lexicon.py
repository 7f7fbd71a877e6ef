"""Words of English time expressions: months, weekdays, numbers, units, seasons.

Regex fragments here contain no named groups, so that rules can combine them freely.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip

# Capitalised month names; abbreviations take an optional dot.  "May" without a dot only as a
# full word, "Mar" and "Sep" without one only beside a day number ("Mar 3", "3 Mar").
MONTH = (
    r"(?:January|Jan\.?|February|Feb\.?|March|Mar\.|Mar(?=\s+\d)|(?<=\d\s)Mar|April|Apr\.?|May|June|Jun\.?|July|Jul\.?|"
    r"August|Aug\.?|September|Sept\.?|Sep\.|Sep(?=\s+\d)|(?<=\d\s)Sep|October|Oct\.?|November|Nov\.?|December|Dec\.?|"
    r"JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)(?![A-Za-z])"
)

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip

WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY)(?![A-Za-z])"

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip
SEASON = r"(?i:spring|summer|fall|autumn|winter)(?![a-z])"

SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "last": -1, "final": -1,
}  # fmt: skip

# Vague quantities: None means "some unspecified number" (value X).
VAGUE = ("a few", "few", "several", "some", "many", "a couple of", "couple of", "a number of",
         "dozens of", "hundreds of", "a couple", "numerous", "multiple")  # fmt: skip

_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred|hundred)"
)
# A count: digits, number words, "a"/"an", vague quantifiers, "a dozen", "half a".
NUMBER = (
    r"(?:\d{1,3}(?:[\s-]+1/2|\s*½)|(?i:(?:\d{1,3}|" + _WORDNUM + r")\s+and\s+a\s+half)|"
    r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|(?i:" + _WORDNUM + r"|a few|several|a couple of|a couple|couple of|"
    r"a number of|a dozen|dozens of|hundreds of|many|half an?|an?(?: half)?|some|numerous|few))"
)

UNIT = (
    r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|"
    r"decades?|centuries|century|millenni(?:um|a)|semesters?|weekends?)(?![a-z])"
)

# unit word -> (TIMEX duration letter, multiplier, is-time-unit).  Decades are counted in years,
# as TimeBank mostly writes them ("the past decade" P10Y, "four decades" P40Y, "decades-long" PXY).
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("M", 3, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("C", 1, False),
    "centurie": ("C", 1, False), "millennium": ("Y", 1000, False), "millennia": ("Y", 1000, False),
    "semester": ("M", 6, False), "weekend": ("D", 2, False),
}  # fmt: skip


def unit_key(word: str) -> str:
    """Singular lower-case form of a unit word ("Years" -> "year", "centuries" -> "century")."""
    w = word.lower()
    if w in ("centuries", "century"):
        return "century"
    if w in ("millennium", "millennia"):
        return w
    return w[:-1] if w.endswith("s") else w


_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$")


def parse_number(text: str) -> float | None:
    """Value of a count phrase; None for vague quantities ("several", "a few")."""
    t = text.lower().strip().replace("-", " ")
    half = re.fullmatch(r"(.+?)(?:\s+1/2|\s*½|\s+and\s+a\s+half)", t)
    if half:
        whole = parse_number(half.group(1))
        return None if whole is None else whole + 0.5
    if _DIGITS.match(t):
        return float(t.replace(",", ""))
    if t in ("a", "an", "one", "a single"):
        return 1.0
    if t in ("a half", "half a", "half an"):
        return 0.5
    if t in ("an a half", "a a half"):
        return 1.5
    if t in ("a dozen",):
        return 12.0
    if t in ("a couple", "a couple of", "couple of"):
        return 2.0
    if t in ("a hundred", "one hundred", "hundred"):
        return 100.0
    if t in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[t])
    parts = t.split()
    if parts and parts[0] in TENS:
        v = TENS[parts[0]]
        if len(parts) == 2 and parts[1] in SMALL_NUMBERS:
            v += SMALL_NUMBERS[parts[1]]
        return float(v)
    return None


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]


_SMALLER = {"Y": ("M", 12, False), "E": ("Y", 10, False), "C": ("Y", 100, False), "M": ("D", 30, False),
            "W": ("D", 7, False), "D": ("H", 24, True), "H": ("M", 60, True), "M+": ("S", 60, True)}  # fmt: skip


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration for ``n`` units (None = unspecified: ``PXY``).

    A fraction goes to the next smaller unit, after the whole units, as TimeBank writes it:
    2 1/2 years ``P2Y6M``, a minute and a half ``PT1M30S``, half an hour ``PT30M``."""
    letter, mult, is_time = UNITS[unit]
    p = "PT" if is_time else "P"
    if n is None:
        return f"{p}X{letter}"
    n = n * mult
    if n == int(n):
        return f"{p}{int(n)}{letter}"
    whole = int(n)
    key = "M+" if (letter == "M" and is_time) else letter
    if key not in _SMALLER:
        return f"{p}{round(n)}{letter}"
    letter2, f, small_is_time = _SMALLER[key]
    if key in ("W", "E", "C"):  # 1.5 weeks: 10 days; 1.5 decades: 15 years
        return f"P{round(n * f)}{letter2}"
    rest = round((n - whole) * f)
    head = f"{whole}{letter}" if whole else ""
    if is_time:
        return f"PT{head}{rest}{letter2}"
    if small_is_time:  # 1.5 days: P1DT12H
        return f"P{head}T{rest}{letter2}"
    return f"P{head}{rest}{letter2}"
