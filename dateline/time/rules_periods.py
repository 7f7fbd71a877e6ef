"""Rules for the parts of a (business) year: quarters, halves and the year end.

"The third quarter", "Q3 2024", "the fiscal first quarter", "the first half of next year",
"by year-end".  A quarter or half without a year takes it from the sentence or from the tense;
a quarter of play in a sports report is left alone."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from dateline.time import calendar as cal
from dateline.time.model import Ctx, Res, Rule
from dateline.time.rules_absolute import _full_year, direction, prev_word, span_res

_C = re.compile


# --------------------------------------------------------------------------- quarters and halves

_QWORD = r"(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final))"
_QUARTER = _C(
    r"(?:(?P<det>(?i:the|this|that|a|this year's|last year's|next year's))\s+"
    r"(?!(?i:fiscal[\s-]+)?(?i:first|second|third|fourth|1st|2nd|3rd|4th|final)-(?i:quarter)))?"
    r"(?:(?P<y1>(?:19|20)\d\d)\s+)?(?:(?i:fiscal|financial)[\s-]+)?" + _QWORD + r"[\s-](?i:quarter|qtr\.?)(?![a-z])"
    r"(?:\s+(?i:of)\s+(?:(?i:the\s+)?(?i:fiscal\s+|financial\s+)?(?:(?i:year\s+))?(?P<y2>(?:19|20)\d\d)(?!\d)|"
    r"(?P<rel>(?i:this|last|next|the current|the previous) year)))?"
    r"|(?P<qq>Q[1-4])(?:\s+(?P<y3>(?:19|20)\d\d)(?!\d))?(?![\w])"
    r"|(?P<qq2>[1-4]Q)\s*(?P<y4>(?:19|20)?\d\d)(?![\w])"
)
_QNUM = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


def _quarter(m: re.Match[str], c: Ctx) -> Res | None:
    if m.group("qq"):
        q = int(m.group("qq")[1])
    elif m.group("qq2"):
        q = int(m.group("qq2")[0])
    else:
        q = _QNUM[m.group("q").lower()]
    yt = m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4")
    det = (m.group("det") or "").lower()
    rel = (m.group("rel") or "").lower()
    if yt:
        return span_res(cal.quarter(_full_year(yt), q), explicit_year=True)
    if not rel and not det.startswith(("this year", "last year", "next year")) and _in_a_game(c, m):
        return None  # "a touchdown in the fourth quarter": a period of play
    if m.group("qq2") or m.group("qq"):
        y = _quarter_year(c, q)
        return span_res(cal.quarter(y, q), anchor="dct")
    named = _relative_year(rel or (det if det.startswith(("this year", "last year", "next year")) else ""), c)
    return span_res(cal.quarter(_quarter_year(c, q) if named is None else named, q), anchor="dct")


def _relative_year(rel: str, c: Ctx) -> int | None:
    """The year a period's "last year", "the previous year", "next year" or "this year" (``rel``,
    lower-cased) names; without ``rel``, the story's latest year (None when it has none)."""
    if rel.startswith(("last", "the previous")):
        return c.ref.year - 1
    if rel.startswith("next"):
        return c.ref.year + 1
    return c.ref.year if rel else c.last_year


_GAME = _C(
    r"(?i:\b(?:game|match|touchdowns?|goals?|scored?|scoring|points|trailing|trailed|led\s+\d|lead\s+\d|"
    r"minutes?\s+(?:left|remaining|to\s+play)|quarterback|yards?|rebounds?|assists?|field\s+goal|"
    r"halftime|half-time|overtime|innings?|period\s+of\s+play|buzzer|\d+-\d+\s+(?:win|lead|victory|loss)))"
)
_MONEY = _C(
    r"(?i:\b(?:earnings|profits?|revenues?|sales|net|loss(?:es)?|results|fiscal|dividends?|shares?|economy|"
    r"economic|gdp|growth|percent|billion|million|inflation|output|quarterly)\b|%|\$)"
)


def _in_a_game(c: Ctx, m: re.Match[str]) -> bool:
    """Whether a quarter without a year is a period of play in a sports report, not of a year."""
    lo, hi = max(0, m.start() - 150), min(len(c.text), m.end() + 100)
    window = c.text[lo:hi]
    return _GAME.search(window) is not None and _MONEY.search(window) is None


def _quarter_year(c: Ctx, q: int) -> int:
    cur = (c.ref.month - 1) // 3 + 1
    if direction(c) == "future":
        # Results are reported after a quarter ends: the last one is still "this year's".
        return c.ref.year if q >= cur - 1 else c.ref.year + 1
    return c.ref.year if q <= cur else c.ref.year - 1


# "the second and fourth quarters of 2021", "the first to third quarters": TimeBank tags the two
# ordinals apart ("second", "fourth quarters"), each a quarter of the year written after both.
_PAIR_TAIL = (
    r"\s*(?:-|–|(?i:and|or|to|through|thru))\s+(?:(?i:the)\s+)?(?P<q2>(?i:first|second|third|fourth|1st|2nd|3rd|4th))"
    r"[\s-](?i:quarters|quarter)(?![a-z])"
    r"(?:\s+(?i:of)\s+(?:(?i:the\s+)?(?:(?i:fiscal|financial)\s+)?(?:(?i:year\s+))?(?P<y>(?:19|20)\d\d)(?!\d)|"
    r"(?P<rel>(?i:this|last|next|the current|the previous) year)))?"
)
_PAIR_TAIL_RE = _C(_PAIR_TAIL)
_QUARTER_FIRST = _C(_QWORD + r"(?=" + _PAIR_TAIL + r")")
_QUARTER_SECOND = _C(_QWORD + _PAIR_TAIL.replace("(?P<q2>", "(?P<q_2>"))


_HABITUAL = _C(r"(?i:\b(?:usually|typically|customarily|traditionally|normally|generally|always|often|each|every)\b)")


def _pair_year(m: re.Match[str], c: Ctx, q: int) -> Res:
    yt, rel = m.group("y"), (m.group("rel") or "").lower()
    if yt:
        return span_res(cal.quarter(int(yt), q), explicit_year=True)
    if not rel and _HABITUAL.search(c.text, max(c.sent_start, m.start() - 80), m.start()):
        return Res("SET", f"XXXX-Q{q}")  # "is usually conducted in the second and fourth quarters"
    y = _relative_year(rel, c)
    return span_res(cal.quarter(_quarter_year(c, q) if y is None else y, q), anchor="dct")


def _quarter_first(m: re.Match[str], c: Ctx) -> Res | None:
    tail = _PAIR_TAIL_RE.match(c.text, m.end())
    q, q2 = _QNUM[m.group("q").lower()], _QNUM[tail.group("q2").lower()] if tail else 0
    if tail is None or q >= q2 or _in_a_game(c, m):
        return None
    return _pair_year(tail, c, q)


def _quarter_second(m: re.Match[str], c: Ctx) -> Res | None:
    q, q2 = _QNUM[m.group("q").lower()], _QNUM[m.group("q_2").lower()]
    if q >= q2 or _in_a_game(c, m):
        return None
    skip = m.start("q_2") - m.start()
    return replace(_pair_year(m, c, q2), skip=skip)


_HALF = _C(
    r"(?:(?i:the)\s+)?(?P<h>(?i:first|second|1st|2nd|latter|last))\s+(?i:half)"
    r"(?:\s+(?i:of)\s+(?:(?P<y>(?:19|20)\d\d)(?!\d)|"
    r"(?P<rel>(?i:this|last|next|the|the current|the previous)\s+year)))?"
    r"|(?P<hh>H[12])(?:\s+(?P<y2>(?:19|20)\d\d)(?!\d))?(?![\w])"
)


def _half(m: re.Match[str], c: Ctx) -> Res | None:
    h = int(m.group("hh")[1]) if m.group("hh") else 1 if m.group("h").lower() in ("first", "1st") else 2
    yt = m.group("y") or m.group("y2")
    if yt:
        return span_res(cal.half(int(yt), h), explicit_year=True)
    rel = (m.group("rel") or "").lower()
    if not rel and not m.group("hh") and c.last_year is None:
        # "the second half" of a game, of a book, of the month: a half of a year only in business
        # news ("profit in the first half rose"), with no sign of a game around it.
        stop = re.search(r"[.!?](?:\s|$)", c.text[m.end() : m.end() + 120])
        hi = m.end() + (stop.start() if stop else 120)
        if (
            not m.group(0).lower().startswith("the")
            or not _MONEY.search(c.text, max(c.sent_start, m.start() - 120), hi)
            or _in_a_game(c, m)
            or re.match(r"\s+of\b", c.text[m.end() : m.end() + 4])
        ):
            return None
        cur = 1 if c.ref.month <= 6 else 2
        if direction(c) == "future":
            y = c.ref.year if h >= cur else c.ref.year + 1
        else:
            y = c.ref.year if h <= cur else c.ref.year - 1
        return span_res(cal.half(y, h), anchor="dct")
    named = _relative_year(rel, c)
    return span_res(cal.half(c.ref.year if named is None else named, h), anchor="dct")


_YEAR_END = _C(r"(?:(?i:the)\s+)?(?i:year)[- ](?i:end)(?![a-z])|(?i:year-?end)(?![a-z])")


def _year_end(m: re.Match[str], c: Ctx) -> Res | None:
    if c.last_year is None and prev_word(c, m.start()) == "since":
        # "up 12% since year-end": the close of the year before
        d = date(c.ref.year - 1, 12, 31)
        return span_res(cal.day(d), anchor="dct")
    y = c.last_year if c.last_year is not None else c.ref.year
    s = cal.year(y)
    return Res("DATE", s.value, s.first, s.last, "year", mod="END", anchor="dct")


# --------------------------------------------------------------------------- the 1996-97 season, fiscal 1998-99

_YEAR_SPAN = _C(
    r"(?<![\w$£€.,/#:-])(?:(?P<fy>(?i:fiscal(?:\s+year)?|FY|financial\s+year))[\s-]?)?"
    r"(?P<a>(?:19|20)\d\d)\s*(?:-|–|/)\s*(?P<b>(?:19|20)\d\d|\d\d)(?![\w%/:-]|[.,]\d)"
)


def _year_span(m: re.Match[str], c: Ctx) -> Res | None:
    """A season, school or budget year across two calendar years: "the 1996-97 season", "the
    budget for 1998-99", "fiscal 1999-2000", "the 2024/25 season".  One period, not a range of
    two dates: its value is the year it starts in (TimeBank names a fiscal year by one year,
    "fiscal 1989" 1989), its interval both calendar years.  It lends no year to the month-days
    around it (which of the two is meant is unknown)."""
    a = int(m.group("a"))
    bt = m.group("b")
    b = int(bt) if len(bt) == 4 else a - a % 100 + int(bt) + (100 if int(bt) < a % 100 else 0)
    if b != a + 1:
        return None  # "1950-53" is a range of years (``ranges``), "2024/2026" no one period
    if m.group("fy") is None and re.match(r"\s*(?:%|percent|per\s+cent)", c.text[m.end() : m.end() + 10]):
        return None
    return Res("DATE", f"{a:04d}", date(a, 1, 1), date(b, 12, 31), "year", anchor="none")


RULES: list[Rule] = [
    Rule("year-span", _YEAR_SPAN, _year_span, 13),
    Rule("quarter", _QUARTER, _quarter, 7),
    Rule("quarter", _QUARTER_FIRST, _quarter_first, 7),
    Rule("quarter", _QUARTER_SECOND, _quarter_second, 7),
    Rule("half", _HALF, _half, 6),
    Rule("year-end", _YEAR_END, _year_end, 6),
]
