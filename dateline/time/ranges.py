"""Ranges: "between X and Y", "from X to Y", "X-Y", "June 3-5", "1950-1953".

Joined ranges are one expression whose value is the most specific value both ends share,
with ``first`` from the start of X and ``last`` from the end of Y."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from dateline.records import TimeExpression
from dateline.time import calendar as cal
from dateline.time.lexicon import MONTH, ORDINALS, month_number
from dateline.time.model import Cand, Ctx, Res, Rule

_C = re.compile
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_JOIN = r"\s*(?:-|–|—|(?i:to|through|thru|until|till|and))\s*"
# a number that counts a unit is no range's end: "late on Sept 4 - 29 days in all - were released"
_NO_COUNT = r"(?!\s+(?i:days?|weeks?|months?|years?|hours?|minutes?|nights?)\b)"


def common_value(first: date, last: date) -> tuple[str, str]:
    """Most specific TIMEX3 value (and granularity) covering both days.

    The coarsest is a century ("20" for 2019..2023).  Ends in two centuries (1998..2001) share
    no TIMEX3 value: the value is "XXXX" and the granularity "range", and only the interval
    says which years (a one-digit millennium would read as the year 1)."""
    if first == last:
        return first.isoformat(), "day"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}", "month"
    if first.year == last.year:
        return f"{first.year:04d}", "year"
    if first.year // 10 == last.year // 10:
        return f"{first.year // 10:03d}", "decade"
    if first.year // 100 == last.year // 100:
        return f"{first.year // 100:02d}", "century"
    return "XXXX", "range"


def _range_res(first: date, last: date, anchor: str) -> Res:
    v, g = common_value(first, last)
    return Res("DATE", v, first, last, g, anchor=anchor)


def narrow_first_end(res: Res, mod: str) -> Res:
    """"late 1998-2001", "early March 3-5": the modifier is the first end's, and the range
    still runs to its last day.  A range of whole years starts in that third of its first
    year ("late 1998-2001" from September 1998); any other keeps its interval."""
    first, last = res.first, res.last
    if first is None or last is None or first.year == last.year:
        return res
    if (first.month, first.day, last.month, last.day) != (1, 1, 12, 31):
        return res
    head = cal.narrow(cal.year(first.year), mod)
    return replace(res, first=head.first)


_MD_RANGE = _C(
    rf"(?P<m>{MONTH})\s+(?P<d1>{_DAY}){_JOIN}(?P<d2>{_DAY})(?![\d:]){_NO_COUNT}(?:,?\s+(?P<y>(?:1[6-9]|20)\d\d)(?!\d))?"
)
_DM_RANGE = _C(
    rf"(?:(?P<btw>(?i:between))\s+)?(?<![\d.,])(?P<d1>{_DAY})\s*(?:-|–|—|(?i:to|through|until|till)(?=\s)|(?(btw)(?i:and)(?=\s)|(?!)))"
    rf"\s*(?P<d2>{_DAY})\s+(?P<m>{MONTH})"
    r"(?:,?\s+(?P<y>(?:1[6-9]|20)\d\d)(?!\d))?"
)


def _md_range(m: re.Match[str], c: Ctx) -> Res | None:
    from dateline.time.rules_absolute import month_day

    mo = month_number(m.group("m"))
    d1, d2 = int(re.sub(r"\D", "", m.group("d1"))), int(re.sub(r"\D", "", m.group("d2")))
    if d2 <= d1:
        return None
    if m.group("y"):
        y = int(m.group("y"))
        a, b = cal.safe_date(y, mo, d1), cal.safe_date(y, mo, d2)
        anchor = "none"
    else:
        r = month_day(mo, d1, c)
        if r is None or r.first is None:
            return None
        a, b = r.first, cal.safe_date(r.first.year, mo, d2)
        if b is None and (mo, d2) == (2, 29):  # "February 10-29": a leap year's
            y = cal.leap_day_year(c.ref, c.tense or "none")
            a, b = cal.safe_date(y, mo, d1), cal.safe_date(y, mo, d2)
        anchor = "dct"
    if a is None or b is None:
        return None
    return replace(_range_res(a, b, anchor), explicit_year=bool(m.group("y")))


_YEAR_RANGE = _C(
    r"(?:(?<=\b[mM]id-)|(?<![\w$.,/-]))(?P<a>1[5-9]\d\d|20\d\d)\s*(?:-|–|—)\s*(?P<b>(?:1[5-9]|20)\d\d|\d\d)(?![\w%/-])"
)


def _year_range(m: re.Match[str], c: Ctx) -> Res | None:
    a = int(m.group("a"))
    bt = m.group("b")
    b = int(bt) if len(bt) == 4 else (a // 100) * 100 + int(bt)
    if b <= a or b - a > 200:
        return None
    return replace(_range_res(date(a, 1, 1), date(b, 12, 31), "none"), explicit_year=True)


_ORD = r"(?:\d{1,2}(?:st|nd|rd|th)|(?i:" + "|".join(k for k in ORDINALS if ORDINALS[k] > 0) + r"))"
_CENTURY_RANGE = _C(
    rf"(?:(?i:the)\s+)?(?P<a>{_ORD})(?:\s*(?:-|–|—)\s*|\s+(?i:to|and|through|or)\s+(?:(?i:the)\s+)?)(?P<b>{_ORD})"
    r"[- ](?i:centur(?:y|ies))(?![a-z])"
)


def _ordinal(word: str) -> int:
    w = word.lower()
    return int(w[:-2]) if w[:1].isdigit() else ORDINALS[w]


def _century_range(m: re.Match[str], c: Ctx) -> Res | None:
    """"the 19th and 20th centuries", "from the 18th to the 20th century": both centuries."""
    a, b = _ordinal(m.group("a")), _ordinal(m.group("b"))
    if not 1 <= a < b <= 21:
        return None
    first, last = cal.century((a - 1) * 100).first, cal.century((b - 1) * 100).last
    assert first is not None and last is not None
    return replace(_range_res(first, last, "none"), explicit_year=True)


# The two years of "1950-1953" each on their own, for callers that do not join ranges (as
# TimeBank tags "from 1991 to 1997": two dates).  When ranges are joined, the longer "range"
# match wins over both.
_YEAR_PAIR_A = _C(
    r"(?<![\w$£€.,/#:-])(?P<a>1[5-9]\d\d|20\d\d)(?=\s*(?:-|–|—)\s*(?:1[5-9]|20)\d\d(?![\w%/-]|[.,]\d))"
)
_YEAR_PAIR_B = _C(r"(?<![\w$£€.,/#:-])(?:1[5-9]|20)\d\d\s*(?:-|–|—)\s*(?P<a>(?:1[5-9]|20)\d\d)(?![\w%/-]|[.,]\d)")


def _year_pair_end(m: re.Match[str], c: Ctx) -> Res | None:
    y = int(m.group("a"))
    whole = _YEAR_RANGE.match(c.text, m.start())
    if whole is None or _year_range(whole, c) is None:
        return None  # not a range of years ("1990-1880" is no range)
    s = cal.year(y)
    skip = m.start("a") - m.start()
    return Res("DATE", s.value, s.first, s.last, "year", anchor="none", explicit_year=True, skip=skip)


_RANGE_END = _C(
    rf"(?P<m>{MONTH})\s+(?P<d1>{_DAY})\s*(?:-|–|—|(?i:and|to|through|or))\s*(?P<d2>{_DAY})(?![\d:])"
    r"(?:,?\s+(?P<y>(?:1[6-9]|20)\d\d)(?!\d))?"
)


def _range_end(m: re.Match[str], c: Ctx) -> Res | None:
    """The second day of "April 24 and 25" on its own (when ranges are not joined)."""
    r = _md_range(m, c)
    if r is None or r.last is None:
        return None
    d2 = r.last
    return Res("DATE", d2.isoformat(), d2, d2, "day", anchor=r.anchor, skip=m.start("d2") - m.start())


RANGE_RULES: list[Rule] = [
    Rule("date-range-end", _RANGE_END, _range_end, 1),
    Rule("range", _MD_RANGE, _md_range, 12),
    Rule("range", _DM_RANGE, _md_range, 12),
    Rule("range", _YEAR_RANGE, _year_range, 12),
    Rule("range", _CENTURY_RANGE, _century_range, 12),
    Rule("year", _YEAR_PAIR_A, _year_pair_end, 3),
    Rule("year", _YEAR_PAIR_B, _year_pair_end, 3),
]

_BETWEEN = re.compile(r"(?i:between)\s+(?:(?i:the)\s+)?$")
_FROM = re.compile(r"(?i:from)\s+(?:(?i:the)\s+)?$")
_AND = re.compile(r"\s*(?i:and)\s*$")
_TO = re.compile(r"\s*(?:-|–|—|(?i:to|through|thru|until|till|into))\s*$")
_THROUGH = re.compile(r"\s*(?i:through|thru)\s*")
_DASH = re.compile(r"\s*(?:-|–|—)\s*$")


def join_ranges(text: str, cands: list[Cand], merge: bool = True, ref: date | None = None) -> list[TimeExpression]:
    """Join range ends into one expression (``merge``) or only let them share a year (``ref``,
    the reference date, places weekday ends that came out in the wrong order)."""
    from dateline.time.engine import _to_expr

    out: list[TimeExpression] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands):
            b = cands[i + 1]
            pair = _pair(text, a, b, ref)
            if pair is not None:
                start, ra, rb = pair
                if ra.type == "TIME" or rb.type == "TIME":
                    # "from 10 p.m. to 6 a.m.": two clock times (TIMEX3 has no value for a span of
                    # hours); the second is the next day's when it comes first on the clock
                    rb = _next_day_if_before(ra, rb)
                    a.res, b.res = ra, rb
                    out.append(_to_expr(text, a))
                    out.append(_to_expr(text, b))
                elif merge:
                    res = _range_res(ra.first, rb.last, ra.anchor if ra.anchor != "none" else rb.anchor)  # type: ignore[arg-type]
                    out.append(_to_expr(text, Cand(start, b.end, a.rule, a.match, res), rule="range"))
                else:
                    a.res, b.res = ra, rb
                    out.append(_to_expr(text, a))
                    out.append(_to_expr(text, b))
                i += 2
                continue
        out.append(_to_expr(text, a))
        i += 1
    return out


def _pair(text: str, a: Cand, b: Cand, ref: date | None = None) -> tuple[int, Res, Res] | None:
    ra, rb = a.res, b.res
    if ra is None or rb is None or ra.type not in ("DATE", "TIME") or rb.type not in ("DATE", "TIME"):
        return None
    if ra.first is None or rb.first is None or ra.last is None or rb.last is None:
        return None
    gap = text[a.end : b.start]
    before = text[max(0, a.start - 16) : a.start]
    start = a.start
    # "from 1998 to the present": a range up to the reference day; nothing else vague joins
    vague = ra.value.endswith("_REF") or rb.value.endswith("_REF")
    if vague and (ra.value.endswith("_REF") or rb.value != "PRESENT_REF" or not _FROM.search(before)):
        return None
    if vague and not _TO.fullmatch(gap):
        return None
    if _AND.fullmatch(gap):
        m = _BETWEEN.search(before)
        if not m:
            return None
        start = a.start - (len(before) - m.start())
    elif _TO.fullmatch(gap):
        m = _FROM.search(before)
        if m:
            start = a.start - (len(before) - m.start())
        elif not (
            _DASH.fullmatch(gap)
            or (ra.gran == rb.gran and ra.gran in ("day", "month", "year"))
            or (ra.gran == rb.gran and ra.gran in ("quarter", "half", "season") and _THROUGH.fullmatch(gap))
        ):
            return None  # "compared the third quarter to the fourth" is no range
    else:
        return None
    if a.rule.name == "date-nth" and rb.gran == "day":
        # "from the 3rd to the 5th of March": the first day is in the last one's month.
        day = cal.safe_date(rb.first.year, rb.first.month, ra.first.day)
        if day is None or day > rb.first:
            return None
        ra = replace(ra, value=day.isoformat(), first=day, last=day, with_year=None, anchor=rb.anchor)
    # The ends inherit each other's missing year.
    a_first, b_first, b_last = ra.first, rb.first, rb.last
    if a_first is None or b_first is None or b_last is None:
        return None
    if ra.with_year is not None and rb.with_year is None:
        ra = _keep_mod(ra.with_year(b_last.year), ra)
        if ra.first is not None and ra.first > b_first and a.res is not None and a.res.with_year is not None:
            ra = _keep_mod(a.res.with_year(b_first.year - 1), ra)
    elif rb.with_year is not None and ra.with_year is None:
        rb = _keep_mod(rb.with_year(a_first.year), rb)
        if rb.first is not None and rb.first < a_first and b.res is not None and b.res.with_year is not None:
            rb = _keep_mod(b.res.with_year(a_first.year + 1), rb)
    elif ra.with_year is not None and rb.with_year is not None and b_last < a_first:
        # Both without a year, each placed on its own ("March 16 - April 22" written in January
        # can put March ahead and April behind): the range starts where its first end was put.
        for y in (a_first.year, a_first.year + 1):
            moved = _keep_mod(rb.with_year(y), rb)
            if moved.last is not None and moved.last >= a_first:
                rb = moved
                break
    elif _weekdays(a, b) and ref is not None and 0 < (a_first - b_last).days < 7:
        # "ran from Friday to Monday" written on a Saturday: each weekday was placed on its own
        # (Friday the day before, Monday five days before); the range is the week's before,
        # or after for a Monday still to come.
        week = timedelta(days=7)
        if b_last < ref:
            ra = replace(ra, value=(a_first - week).isoformat(), first=a_first - week, last=a_first - week)
        else:
            rb = replace(rb, value=(b_last + week).isoformat(), first=b_last + week, last=b_last + week)
    if ra.first is None or rb.last is None or rb.last < ra.first:
        return None
    return start, ra, rb


def _next_day_if_before(ra: Res, rb: Res) -> Res:
    """The end of "from 10 p.m. to 6 a.m." on the same day would come before its start."""
    if not (ra.type == rb.type == "TIME" and ra.first is not None and ra.first == rb.first == rb.last):
        return rb
    ka, kb = _clock(ra.value[10:]), _clock(rb.value[10:])
    if ka is None or kb is None or kb >= ka or ka == 0 or rb.anchor == "none":
        return rb  # in order, or "from midnight to 6 a.m."
    d = ra.first + timedelta(days=1)
    return replace(rb, value=d.isoformat() + rb.value[10:], first=d, last=d)


_POD_MINUTES = {"TMO": 6 * 60, "TMI": 12 * 60, "TAF": 15 * 60, "TEV": 19 * 60, "TNI": 22 * 60}


def _clock(v: str) -> int | None:
    """Minutes into the day of a TIMEX3 time part ("T22:00", "TEV"), None if unknown."""
    m = re.match(r"T(\d\d):(\d\d)", v)
    return int(m.group(1)) * 60 + int(m.group(2)) if m else _POD_MINUTES.get(v)


def _weekdays(a: Cand, b: Cand) -> bool:
    """Both ends are bare weekdays ("Friday", not "Friday night")."""
    return all(c.rule.name == "weekday" and c.res is not None and c.res.gran == "day" for c in (a, b))


def _keep_mod(new: Res, old: Res) -> Res:
    if old.mod in ("START", "MID", "END") and new.first is not None:
        s = cal.narrow(cal.Span(new.value, new.first, new.last, new.gran), old.mod)
        return replace(new, mod=old.mod, first=s.first, last=s.last, anchor=old.anchor)
    return replace(new, mod=old.mod, anchor=old.anchor)
