"""Rules for calendar expressions that carry their own month or year.

Full dates, month-day (year from the tense), months, years, decades, centuries, seasons,
holidays, years in words, "on the 18th" (quarters and halves are in ``rules_periods``).
Each rule is a regex plus a handler returning a ``Res``."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from dateline.time import calendar as cal
from dateline.time.lexicon import MONTH, ORDINALS, SEASON, SEASONS, WEEKDAY, month_number, weekday_number
from dateline.time.model import Ctx, Res, Rule

_C = re.compile


def span_res(span: cal.Span, anchor: str = "none", type_: str = "DATE", **kw: object) -> Res:
    return Res(type_, span.value, span.first, span.last, span.gran, anchor=anchor, **kw)  # type: ignore[arg-type]


def direction(c: Ctx) -> str:
    return c.tense or "none"


def prev_word(c: Ctx, pos: int, *, keep_case: bool = False) -> str:
    m = re.search(r"([A-Za-z'-]+)[\s,]*$", c.text[max(0, pos - 30) : pos])
    if m is None:
        return ""
    return m.group(1) if keep_case else m.group(1).lower()


# "[the last week] of October", "[the first days] of 2025": the phrase is part of a date after it
# (the modifier pass of the engine narrows that date), not a period of its own.
_PART_OF_DATE = re.compile(rf"\s+of\s+(?:the\s+)?(?:{MONTH}|(?:1[6-9]|20)\d\d\b)")


def part_of_date(c: Ctx, end: int) -> bool:
    return _PART_OF_DATE.match(c.text, end) is not None


def next_text(c: Ctx, pos: int, n: int = 30) -> str:
    return c.text[pos : pos + n]


def _full_year(y: str) -> int:
    v = int(y)
    if len(y) == 2:
        return 1900 + v if v >= 30 else 2000 + v
    return v


# --------------------------------------------------------------------------- full dates

_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_FULL = _C(
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<m1>{MONTH})\s+(?P<d1>{_DAY}),?|(?:the\s+)?(?P<d2>{_DAY})(?:\s+of)?\s+(?P<m2>{MONTH}),?)"
    r"\s+(?P<y>(?:1[6-9]|20)\d\d)(?![\d.,]\d|\d)"
)


def _full(m: re.Match[str], c: Ctx) -> Res | None:
    mo = month_number(m.group("m1") or m.group("m2"))
    d = int(re.sub(r"\D", "", m.group("d1") or m.group("d2")))
    dd = cal.safe_date(int(m.group("y")), mo, d)
    return span_res(cal.day(dd), explicit_year=True) if dd else None


_ISO = _C(r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\d])")
_NUMERIC = _C(
    r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)(?![\d/.]\d|[\d/])"
)


def _iso(m: re.Match[str], c: Ctx) -> Res | None:
    dd = cal.safe_date(_full_year(m.group("y")), int(m.group("m")), int(m.group("d")))
    return span_res(cal.day(dd), explicit_year=True) if dd else None


@lru_cache(maxsize=8)
def numeric_order(text: str) -> str | None:
    """How a document writes its numeric dates: "dm" when one of them can only be day first
    ("25/04/2026"), "md" when one can only be month first ("4/25/2026"), None when none says
    (or the document says both)."""
    seen: set[str] = set()
    for m in _NUMERIC.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b >= 1:
            seen.add("dm")
        elif b > 12 >= a >= 1:
            seen.add("md")
    return seen.pop() if len(seen) == 1 else None


def _numeric(m: re.Match[str], c: Ctx) -> Res | None:
    """"3/19/2025" (month first, American) or "19/03/2025", "19.03.2025" (day first): the reading
    that is a date.  When both are ("05/04/2026"), the order the document's other numeric dates
    show (day first with dots when none does), unless that reading contradicts the tense (a past
    date read as one to come); else the reading nearer the reference date."""
    y = _full_year(m.group("y"))
    a, b = int(m.group("a")), int(m.group("b"))
    if m.group("sep") == "." and len(m.group("y")) == 2:
        return None  # "1.5.25" is more likely a version or a score
    month_first, day_first = cal.safe_date(y, a, b), cal.safe_date(y, b, a)
    readings = [dd for dd in (month_first, day_first) if dd is not None]
    if not readings:
        return None
    order = numeric_order(c.text) or ("dm" if m.group("sep") == "." else None)
    preferred = day_first if order == "dm" else month_first if order == "md" else None
    if len(readings) == 2 and preferred is not None and _fits_tense(preferred, c):
        return span_res(cal.day(preferred), explicit_year=True)
    dd = min(readings, key=lambda d: (abs((d - c.ref).days), d.month != a))
    return span_res(cal.day(dd), explicit_year=True)


def _fits_tense(d: date, c: Ctx) -> bool:
    return not ((c.tense == "past" and d > c.ref) or (c.tense == "future" and d < c.ref))


# --------------------------------------------------------------------------- month and day

# Days as ordinal words, as broadcast transcripts write them: "March fifth", "the fifth of March".
_ORD_DAYS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth",
]  # fmt: skip
DAY_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ORD_DAYS)}
DAY_WORDS.update({f"twenty-{w}": 21 + i for i, w in enumerate(_ORD_DAYS[:9])})
DAY_WORDS.update({"thirtieth": 30, "thirty-first": 31})
_DAYW = r"(?i:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|" + "|".join(
    sorted([*_ORD_DAYS, "thirtieth"], key=len, reverse=True)
) + r")(?![\w-])"
_MD = _C(
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<m1>{MONTH})\s+(?P<d1>{_DAY})"
    r"(?!\d|:\d|\.\d|,\d|\s*(?:%|percent|per cent))"
    rf"|(?:the\s+)?(?P<d2>{_DAY})(?:\s+of)?\s+(?P<m2>{MONTH})"
    rf"|(?P<m3>{MONTH})\s+(?:the\s+)?(?P<d3>{_DAYW})|(?:the\s+)?(?P<d4>{_DAYW})\s+of\s+(?P<m4>{MONTH}))"
)


def day_number(text: str) -> int:
    """Day of the month written as digits ("5th") or as an ordinal word ("twenty-first")."""
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits else DAY_WORDS[re.sub(r"\s+", "-", text.lower())]


def month_day(mo: int, d: int, c: Ctx, wd: int | None = None) -> Res | None:
    if wd is not None:
        # A written weekday picks the year whose date falls on it, nearest the reference.
        for y in sorted((c.ref.year, c.ref.year - 1, c.ref.year + 1), key=lambda y: abs(y - c.ref.year)):
            dd = cal.safe_date(y, mo, d)
            if dd and dd.weekday() == wd and abs((dd - c.ref).days) < 200:
                return _md_res(mo, d, y)
    y = cal.month_day_year(c.ref, mo, d, direction(c))
    if c.last_year is not None and c.last_year != y and abs(c.last_year - c.ref.year) >= 1:
        # "In 2019 ... on June 5": an explicit earlier year in the same sentence wins.
        y = c.last_year
    if (mo, d) == (2, 29) and cal.safe_date(y, mo, d) is None:
        y = cal.leap_day_year(c.ref, direction(c))  # "Feb. 29" is a day of a leap year
    return _md_res(mo, d, y)


def _md_res(mo: int, d: int, y: int) -> Res | None:
    dd = cal.safe_date(y, mo, d)
    if dd is None:
        return None

    def again(yy: int) -> Res:
        return _md_res(mo, d, yy) or span_res(cal.month(yy, mo))

    return span_res(cal.day(dd), anchor="dct", with_year=again)


def _md(m: re.Match[str], c: Ctx) -> Res | None:
    mo = month_number(m.group("m1") or m.group("m2") or m.group("m3") or m.group("m4"))
    d = day_number(m.group("d1") or m.group("d2") or m.group("d3") or m.group("d4"))
    if mo == 5 and m.group("m1") == "May" and not m.group("wd") and prev_word(c, m.start()) in _NOT_MAY:
        return None
    wd = m.group("wd")
    if not wd and _ANNIVERSARY.search(c.text, max(0, m.start() - 40), m.start()):
        # "commemorating August 15", "the anniversary of June 25": a calendar day of no one year.
        if cal.safe_date(2000, mo, d) is None:
            return None
        return Res("DATE", f"XXXX-{mo:02d}-{d:02d}", None, None, "day")
    return month_day(mo, d, c, weekday_number(wd) if wd else None)


_ANNIVERSARY = _C(
    r"(?i:commemorat\w*|anniversary\s+of|annual|annually\s+on|every\s+year\s+on|each\s+year\s+on|"
    r"celebrat\w*|observ\w*|holiday\s+of|marks?|marking|day\s+of)\s+(?:the\s+)?$"
)


# --------------------------------------------------------------------------- months and years

_MY = _C(rf"(?P<m>{MONTH})(?:\s+of|,)?\s+(?P<y>(?:1[6-9]|20)\d\d)(?![\d.,]\d|\d)")


def _my(m: re.Match[str], c: Ctx) -> Res | None:
    return span_res(cal.month(int(m.group("y")), month_number(m.group("m"))), explicit_year=True)


_MONTH_ALONE = _C(rf"(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|past|coming))\s+)?(?P<m>{MONTH})")
# Words before "May"/"March" that make it a month rather than a verb/noun.
_MONTH_CUES = {
    "in", "of", "since", "until", "till", "by", "from", "to", "through", "during", "between", "and",
    "last", "next", "this", "early", "late", "mid", "before", "after", "on", "or", "for", "that",
    "each", "every", "past", "coming", "end", "beginning", "start", "middle", "in-", "mid-",
}  # fmt: skip
_TO_MONTH = _C(rf"\s*(?:-|–|—|(?i:to|through|thru|until|till)\s)\s*{MONTH}")  # "March-May", "May to July"
_NOT_MAY = {"i", "you", "he", "she", "it", "we", "they", "who", "which", "that", "there", "this"}


def _month(m: re.Match[str], c: Ctx) -> Res | None:
    word = m.group("m")
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    pw = rel.split()[0] if rel else prev_word(c, m.start())
    if word in ("May", "March", "MARCH") and pw not in _MONTH_CUES and not _TO_MONTH.match(c.text, m.end()):
        return None
    if c.text[m.end() : m.end() + 1] == "'" or re.match(r"\s+[A-Z][a-z]", c.text[m.end() : m.end() + 3]):
        return None  # "April's", "March Madness", "June Smith"
    mo = month_number(word)
    if rel in ("last", "past", "this past"):
        # "last May": at least a month back ("last February" written in March is a year ago).
        gap = 0 if rel == "this past" else 1
        y = c.ref.year if mo < c.ref.month - gap else c.ref.year - 1
        return _month_res(mo, y, "dct", explicit=False)
    if rel in ("next", "coming", "this coming"):
        gap = 0 if rel == "this coming" else 1
        y = c.ref.year if mo > c.ref.month + gap else c.ref.year + 1
        return _month_res(mo, y, "dct", explicit=False)
    if rel == "this":
        return _month_res(mo, c.ref.year, "dct", explicit=False)
    y = c.last_year if c.last_year is not None else cal.month_year(c.ref, mo, direction(c))
    return _month_res(mo, y, "dct", explicit=False)


def _month_res(mo: int, y: int, anchor: str, explicit: bool) -> Res:
    def again(yy: int) -> Res:
        return _month_res(mo, yy, "none", True)

    return span_res(cal.month(y, mo), anchor=anchor, with_year=None if explicit else again)


_YEAR = _C(
    r"(?:(?<=\b[mM]id-)|(?<![\w$£€.,/#:-]))(?:(?P<fy>(?i:fiscal(?:\s+year)?|FY|financial\s+year|calendar\s+year|the\s+year|model\s+year))[\s-]?)?"
    r"(?P<y>1[5-9]\d\d|20\d\d)(?![\w%/:-]|[.,]\d)"
)
_NOT_YEAR_AFTER = _C(
    r"\s*(?:(?i:percent|per cent|people|persons|troops|soldiers|men|women|children|members|meters|metres|"
    r"feet|miles|km|kilometers|tons|tonnes|units|cars|homes|houses|votes|cases|deaths|dollars|euros|"
    r"yuan|won|rubles|shares|points|barrels|employees|workers|jobs|workers|acres|hectares|pounds|"
    r"hours|minutes|calories|seats|rounds|missiles|drones|rockets|pages|words)(?![a-z]))"
)


_LAW_TITLE = _C(r"\b(?:Act|Acts|Ordinance|Regulations|Code|Decree|Order)\s+$")  # "the Fisheries Act 1985"


def _year(m: re.Match[str], c: Ctx) -> Res | None:
    if _NOT_YEAR_AFTER.match(c.text, m.end()) or _LAW_TITLE.search(c.text, max(0, m.start() - 16), m.start()):
        return None  # a count ("2000 troops"), or the year in a law's title, which dates no event
    pw = prev_word(c, m.start())
    if pw in ("no", "number", "nos", "route", "flight", "room", "page", "article", "resolution", "section"):
        return None
    y = int(m.group("y"))
    # A fiscal year straddles two calendar years: it gives no year to the month-days around it
    # ("fiscal 1990 begins Oct. 1").
    fiscal = (m.group("fy") or "").lower().startswith(("fiscal", "fy", "financial"))
    return span_res(cal.year(y), explicit_year=not fiscal)


_SHORT_YEAR = _C(r"(?<![\w'])'(?P<y>\d\d)(?![\w'%])")


def _short_year(m: re.Match[str], c: Ctx) -> Res | None:
    if prev_word(c, m.start()) not in _MONTH_CUES | {"class", "season", "summer", "winter", "spring", "fall"}:
        return None
    return span_res(cal.year(_full_year(m.group("y"))), explicit_year=True)


# --------------------------------------------------------------------------- decades and centuries

_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip
_DECADE = _C(
    r"(?:(?i:the)\s+)?(?:(?P<dec>1[5-9]\d0|20\d0)'?s(?![a-z])|'(?P<dec2>\d0)'?s(?![a-z])"
    r"|(?P<decw>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?![a-z]))"
)


def _decade(m: re.Match[str], c: Ctx) -> Res | None:
    if m.group("dec"):
        y = int(m.group("dec"))
    elif m.group("dec2"):
        y = _full_year(m.group("dec2"))
    else:
        if not m.group(0).lower().startswith("the"):
            return None  # "in his forties" is an age
        y = 1900 + 10 * _DECADE_WORDS[m.group("decw").lower()]
    return span_res(cal.decade(y), explicit_year=True)


_ORD_WORDS = "|".join(k for k in ORDINALS if k not in ("last", "final"))
_CENTURY = _C(
    rf"(?:(?i:the)\s+)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)[- ](?i:century)(?![a-z])"
    rf"|(?:(?i:the)\s+)?(?P<w>(?i:{_ORD_WORDS}))[- ](?i:century)(?![a-z])"
)


def _century(m: re.Match[str], c: Ctx) -> Res | None:
    n = int(m.group("n")) if m.group("n") else ORDINALS[m.group("w").lower()]
    return span_res(cal.century((n - 1) * 100), explicit_year=True)


# --------------------------------------------------------------------------- seasons

_REL_YEAR = r"(?i:last|this|next|the\s+(?:previous|following|same|next))\s+year\b"
_SEASON_OF_REL_YEAR = _C(r"\s+of\s+" + _REL_YEAR)  # "the autumn of last year"
_SEASON_OF_THING = _C(r"\s+of\s+(?!(?:19|20)\d\d|" + _REL_YEAR + ")")  # "the fall of the Berlin Wall"
_SEASON = _C(
    r"(?:(?P<rel>(?i:the\s+(?:following|next|previous|preceding|same)|that|this|last|next|past|coming|previous|"
    rf"the|this past|early|late))\s+)?(?P<s>{SEASON})"
    r"(?:(?:\s+of|,)?\s+(?P<y>(?:1[6-9]|20)\d\d)(?!\d))?"
)


def _season(m: re.Match[str], c: Ctx) -> Res | None:
    s = SEASONS[m.group("s").lower()]
    rel = (m.group("rel") or "").lower()
    if m.group("y"):
        return span_res(cal.season(int(m.group("y")), s), explicit_year=True)
    if not rel and prev_word(c, m.start()) not in _MONTH_CUES:
        return None
    if rel in ("early", "late"):
        return None  # left to the modifier pass on the bare season
    rel = re.sub(r"\s+", " ", rel)
    if rel == "the" and s in ("FA", "SP") and (
        prev_word(c, m.start()) not in _SEASON_CUES or _SEASON_OF_THING.match(c.text, m.end())
    ):
        return None  # "witnessed the fall", "the fall of the Berlin Wall", "the spring of hope"
    if rel == "the" and _SEASON_OF_REL_YEAR.match(c.text, m.end()):
        # "the autumn of last year": the year is the next expression's (linked by the engine)
        return replace(_season_now(c, s, rel), with_year=lambda y: span_res(cal.season(y, s), anchor="dct"))
    told = _told_season(c, s, rel)
    if told is not None:
        return told
    if not rel and m.group("s").islower() and prev_word(c, m.start()) not in ("in", "during", "since", "until", "by"):
        return None
    return _season_now(c, s, rel)


def _season_now(c: Ctx, s: str, rel: str) -> Res:
    """The season ``s`` nearest the reference date in the direction of ``rel`` or the tense."""
    idx = _SIDX[s]
    cur = cal.season_of(c.ref)
    cur_n = int(cur.value[:4]) * 4 + _SIDX[cur.value[5:]]
    back = (cur_n - idx) % 4  # steps back to the most recent such season (0 = current)
    fwd = (idx - cur_n) % 4
    if rel in ("last", "past", "previous", "this past"):
        n = cur_n - (back or 4)
    elif rel in ("next", "coming"):
        n = cur_n + (fwd or 4)
    elif rel == "this" and s != "WI":
        n = c.ref.year * 4 + idx
    else:
        t = direction(c)
        if back == 0:
            n = cur_n
        elif t == "past":
            n = cur_n - back
        elif t == "future":
            n = cur_n + fwd
        else:
            n = cur_n - back if back <= 2 else cur_n + fwd
    return span_res(cal.season(n // 4, _SORDER[n % 4]), anchor="dct")


def _told_season(c: Ctx, s: str, rel: str) -> Res | None:
    """ "In 1994, he moved. That summer, ...": a season told from the discourse's period
    (the latest date named within a year); "the following spring" the first one after it,
    "the previous winter" the last one before it; "the next summer", "in the summer" so in a
    past clause right after a date (a year written, for "the summer")."""
    from dateline.time.discourse import period, recent

    if rel in ("the", "the next"):
        # "The war ended in 1945. In the summer, ..." (a past clause right after a written year)
        d = recent(c, "season") if c.tense == "past" else None
        if d is None or (rel == "the" and d.anchor == "dct"):
            return None
        rel = "that" if rel == "the" else rel
    elif rel in ("that", "the same", "the following", "the previous", "the preceding"):
        d = period(c, "season")
    else:
        return None
    if d is None or d.span.first is None or d.span.last is None:
        return None
    first, last = d.span.first, d.span.last
    if rel in ("that", "the same"):
        if d.span.gran == "season" and d.span.value.endswith(s):
            return span_res(d.span, anchor="discourse")
        around = cal.season_of(first)
        span = around if around.value.endswith(s) else cal.season(first.year, s)
    elif rel in ("the previous", "the preceding"):
        y = first.year
        span = cal.season(y, s)
        while span.last is not None and span.last >= first:
            y -= 1
            span = cal.season(y, s)
    else:
        y = first.year
        span = cal.season(y, s)
        while span.first is not None and span.first <= last:
            y += 1
            span = cal.season(y, s)
    return span_res(span, anchor="discourse")


_SEASON_CUES = {"in", "during", "by", "until", "till", "since", "through", "over", "before", "after", "for",
                "throughout", "from", "to", "and", "or", "of"}  # fmt: skip
_SIDX = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
_SORDER = ("SP", "SU", "FA", "WI")


# --------------------------------------------------------------------------- holidays

_HOLIDAYS = {
    "christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "halloween": (10, 31), "independence day": (7, 4), "boxing day": (12, 26),
    "orthodox christmas": (1, 7), "orthodox christmas day": (1, 7), "orthodox christmas eve": (1, 6),
}  # fmt: skip
_HOLIDAY = _C(
    r"(?P<h>(?:Orthodox\s+)?Christmas(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|Valentine's\s+Day|Halloween|"
    r"Boxing\s+Day|Thanksgiving(?:\s+Day)?)(?![\w'])"
)


def _holiday(m: re.Match[str], c: Ctx) -> Res | None:
    name = re.sub(r"\s+", " ", m.group("h")).lower()
    if name.startswith("thanksgiving"):
        y = c.ref.year
        d = _thanksgiving(y)
        t = direction(c)
        if t == "past" and d > c.ref + timedelta(days=2):
            d = _thanksgiving(y - 1)
        elif t == "future" and d < c.ref - timedelta(days=2):
            d = _thanksgiving(y + 1)
        return span_res(cal.day(d), anchor="dct")
    if name == "christmas" and re.match(r"\s+(?:tree|card|gift|present|market|party|message)", c.text[m.end() :]):
        return None
    mo, dd = _HOLIDAYS[name]
    return month_day(mo, dd, c)


def _thanksgiving(y: int) -> date:
    nov1 = date(y, 11, 1)
    first_thu = nov1 + timedelta(days=(3 - nov1.weekday()) % 7)
    return first_thu + timedelta(days=21)


RULES: list[Rule] = [
    Rule("date-full", _FULL, _full, 10),
    Rule("date-iso", _ISO, _iso, 10),
    Rule("date-numeric", _NUMERIC, _numeric, 9),
    Rule("date-month-day", _MD, _md, 8),
    Rule("month-year", _MY, _my, 8),
    Rule("month", _MONTH_ALONE, _month, 2),
    Rule("year", _YEAR, _year, 3),
    Rule("year-short", _SHORT_YEAR, _short_year, 2),
    Rule("decade", _DECADE, _decade, 6),
    Rule("century", _CENTURY, _century, 6),
    Rule("season", _SEASON, _season, 5),
    Rule("holiday", _HOLIDAY, _holiday, 5),
]


# --------------------------------------------------------------------------- years in words (broadcast transcripts)

_UNITS_W = "one|two|three|four|five|six|seven|eight|nine"
_TEENS_W = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS_W = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD_YEAR = _C(
    r"(?i:(?:the\s+year\s+)?(?P<c>nineteen|twenty)[\s-]+(?P<yy>(?:"
    + _TENS_W
    + r")(?:[\s-](?:"
    + _UNITS_W
    + r"))?|"
    + _TEENS_W
    + r"|oh[\s-](?:"
    + _UNITS_W
    + r"))"
    r"|(?:the\s+year\s+)?two\s+thousand(?:(?:\s+and)?\s+(?P<k>" + _UNITS_W + r"|" + _TEENS_W + r"))?)(?![\w-])"
)
_W2N = {w: i + 1 for i, w in enumerate(_UNITS_W.split("|"))}
_W2N.update({w: i + 10 for i, w in enumerate(_TEENS_W.split("|"))})
_W2N.update({w: 20 + 10 * i for i, w in enumerate(_TENS_W.split("|"))})


def _word_year(m: re.Match[str], c: Ctx) -> Res | None:
    if m.group("c"):
        base = 1900 if m.group("c").lower() == "nineteen" else 2000
        parts = re.split(r"[\s-]+", m.group("yy").lower())
        yy = sum(_W2N.get(p, 0) for p in parts)
        y = base + yy
    else:
        y = 2000 + (_W2N.get(m.group("k").lower(), 0) if m.group("k") else 0)
        if not m.group(0).lower().startswith("the year") and not m.group("k"):
            return None  # "two thousand people"
    if _NOT_YEAR_AFTER.match(c.text, m.end()):
        return None
    return span_res(cal.year(y), explicit_year=True)


RULES.append(Rule("year-words", _WORD_YEAR, _word_year, 4))


# --------------------------------------------------------------------------- on the 18th

_NTH = _C(
    r"(?i:the\s+)(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
    r"(?![\w-])(?!\s+(?i:of\b|century|centuries|anniversary|floor|round|day|time|place|minute|hour|year|week|"
    r"month|street|avenue|division|brigade|regiment|army|congress|session|amendment|edition|annual))"
)


def _nth(m: re.Match[str], c: Ctx) -> Res | None:
    """"On the 18th": that day of the reference month, or of the month next to it the tense
    points to (a day several days ahead in a past clause is last month's)."""
    if prev_word(c, m.start()) not in ("on", "since", "until", "till", "by", "from", "before", "after"):
        return None  # "the 18th" alone may be anything numbered
    d = int(m.group("d"))
    best: tuple[float, date] | None = None
    for k in (0, -1, 1):
        y, mo = cal.add_months(c.ref.year, c.ref.month, k)
        dd = cal.safe_date(y, mo, d)
        if dd is None:
            continue
        delta = (dd - c.ref).days
        cost = abs(delta) * (cal.DAY_AGAINST_TENSE if (direction(c) == "past" and delta > 2)
                             or (direction(c) == "future" and delta < -2) else 1)  # fmt: skip
        if best is None or cost < best[0]:
            best = (cost, dd)
    return span_res(cal.day(best[1]), anchor="dct") if best else None


RULES.append(Rule("date-nth", _NTH, _nth, 7))
