"""Rules for phrases built around another day: "the day before last Tuesday", "the week of
March 6", "overnight into Saturday", "the night of June 16-17", "mid-afternoon yesterday",
"the year before", "the weeks ahead", "the second Sunday of May"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.time import calendar as cal
from dateline.time.discourse import base_day, recent
from dateline.time.lexicon import MONTH, WEEKDAY, month_number, weekday_number
from dateline.time.model import Ctx, Res, Rule
from dateline.time.rules_absolute import direction, span_res
from dateline.time.rules_relative import _WEEKDAY, _discourse_base, _weekday, pod_res

_C = re.compile
RULES: list[Rule] = []


# --------------------------------------------------------------------------- the day before X, the week of X

_INNER_DAY = (
    rf"(?:(?:{WEEKDAY},?\s+)?{MONTH}\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
    rf"(?:,?\s+(?:19|20)\d\d(?!\d))?|(?:(?i:last|next|this)\s+)?{WEEKDAY})"
)
_DAY_OF = _C(
    r"(?i:(?P<n>the\s+day|two\s+days|three\s+days)\s+(?P<dir>before|after)|(?P<week>the\s+week)\s+of"
    r"|(?P<eve>the\s+eve)\s+of(?:\s+(?P<the>the))?)\s+"
    rf"(?P<inner>{_INNER_DAY})"
    # "the eve of the June 12 vote": the event the date names belongs to the phrase
    r"(?(the)\s+(?!(?:and|or|but|when|as|to|in|on|at|by|for|of|with)\b)[a-z][a-z-]+)"
)


def inner_day(c: Ctx, start: int, end: int) -> Res | None:
    """The day written at ``text[start:end]`` (a weekday or a month-day), resolved in ``c``."""
    from dateline.time.rules_absolute import RULES as ABSOLUTE

    for rx, handler in ((_WEEKDAY, _weekday), *((r.regex, r.handler) for r in ABSOLUTE if r.name.startswith("date"))):
        im = rx.fullmatch(c.text, start, end)
        if im is not None:
            res = handler(im, c)
            if res is not None and res.first is not None and res.gran == "day":
                return res
    return None


def _day_of(m: re.Match[str], c: Ctx) -> Res | None:
    """ "The day before last Tuesday", "two days after Oct. 3", "the week of March 6", "the eve of
    the June 12 vote" (the day before it)."""
    res = inner_day(c, m.start("inner"), m.end("inner"))
    if res is None or res.first is None:
        return None
    if m.group("week"):
        return span_res(cal.week(res.first), anchor=res.anchor)
    if m.group("eve"):
        return span_res(cal.day(res.first - timedelta(days=1)), anchor=res.anchor)
    k = {"the day": 1, "two days": 2, "three days": 3}[re.sub(r"\s+", " ", m.group("n").lower())]
    d = res.first + timedelta(days=-k if m.group("dir").lower() == "before" else k)
    return span_res(cal.day(d), anchor=res.anchor)


RULES.append(Rule("day-of", _DAY_OF, _day_of, 9))


# --------------------------------------------------------------------------- overnight, the night of X

# A night straddles two days, and reports differ on which one they name.  "Overnight" in a
# report of day D is the night D-1..D; "overnight into Saturday" and "overnight on June 17"
# the night that ends on the day written; "overnight Friday" the night after Friday when
# Friday is past (told on Saturday), else the night into it; "the night of June 16-17" and
# "Friday night into Saturday" start on the first day written ("the night of June 16" alone
# is left to "June 16").  The interval covers both days;
# the value names the evening's day with TNI.
_OVERNIGHT = _C(
    rf"(?i:overnight)\s+(?:(?i:on|into|to)\s+)?(?P<a>{_INNER_DAY})"
    rf"(?:\s+(?i:into|to|and)\s+(?:(?i:early\s+)?(?P<b>{_INNER_DAY})))?"
    rf"|(?i:the\s+night\s+(?:of|from)\s+)(?P<n>{_INNER_DAY})"
    rf"\s*(?:-|–|(?i:to|into|and))\s*(?:(?P<nb>{_INNER_DAY})|(?P<nd>(?:[12]\d|3[01]|0?[1-9]))(?![\d:]))"
    rf"|(?P<w>{WEEKDAY})\s+(?i:night)\s+(?i:into|to)\s+(?:(?i:early\s+)?(?P<wb>{WEEKDAY}))"
)


def _overnight(m: re.Match[str], c: Ctx) -> Res | None:
    if m.group("a"):
        a = inner_day(c, m.start("a"), m.end("a"))
        if a is None or a.first is None:
            return None
        if m.group("b"):
            b = inner_day(c, m.start("b"), m.end("b"))
            if b is None or b.first is None or not 0 < (b.first - a.first).days <= 2:
                return None
            first, last = a.first, b.first
        elif re.match(r"(?i:overnight\s+)(?:on\s+)?[A-Z][a-z]+day", m.group(0)) and a.first < c.ref:
            first, last = a.first, a.first + timedelta(days=1)  # "overnight Friday", told on Saturday
        else:
            first, last = a.first - timedelta(days=1), a.first
        anchor = a.anchor
    else:
        g = "n" if m.group("n") else "w"
        a = inner_day(c, m.start(g), m.end(g))
        if a is None or a.first is None:
            return None
        first, last, anchor = a.first, a.first + timedelta(days=1), a.anchor
        b_group = "nb" if g == "n" else "wb"
        if m.group(b_group):
            b = inner_day(c, m.start(b_group), m.end(b_group))
            if b is None or b.first is None or not 0 < (b.first - first).days <= 2:
                return None
            last = b.first
        elif g == "n" and int(m.group("nd")) != last.day:
            return None  # "the night of June 16-17" names two days in a row
    return Res("TIME", f"{first.isoformat()}TNI", first, last, "time", anchor=anchor)


RULES.append(Rule("overnight", _OVERNIGHT, _overnight, 10))


# --------------------------------------------------------------------------- the year before, the weeks ahead

_UNIT_BEFORE = _C(
    r"(?i:the\s+(?P<u>day|week|month|year)\s+(?P<dir>before|after|earlier|later))"
    r"(?:(?=\s*(?:[,.;:)!?\"'”]|--|–|—|$)|\s+(?:and|but|when|while|as|he|she|they|it|we|i)\b)"
    r"|(?P<that>\s+(?i:that))(?=\s*(?:[,.;:)!?\"'”]|--|–|—|$)|\s+(?i:and|but|when|while|as|he|she|they|it|we|i|"
    r"the|a|an|his|her|their|its)\b))"
)


def _unit_before(m: re.Match[str], c: Ctx) -> Res | None:
    """ "The year before", "the month after", "the year after that": the unit next to the one
    last mentioned ("the day before" alone is ``anchored-day``'s)."""
    u = m.group("u").lower()
    if u == "day" and not m.group("that"):
        return None
    k = -1 if m.group("dir").lower() in ("before", "earlier") else 1
    base = _discourse_base(c, u)
    anchor = "discourse" if base is not None else "dct"
    return span_res(cal.unit_span(u, cal.shift_day(base or c.ref, u, k)), anchor=anchor)


_AHEAD = _C(r"(?i:the\s+(?:(?:few|next\s+few|several)\s+)?(?P<u>days|weeks|months|years)\s+ahead)(?![\w-])")


def _ahead(m: re.Match[str], c: Ctx) -> Res | None:
    from dateline.time.lexicon import duration_value

    return Res("DURATION", duration_value(None, m.group("u").lower()[:-1]))


RULES.append(Rule("unit-before", _UNIT_BEFORE, _unit_before, 8))
RULES.append(Rule("duration-vague", _AHEAD, _ahead, 5))


# --------------------------------------------------------------------------- mid-afternoon yesterday

_POD_DAY = _C(
    r"(?P<e>(?i:early|mid|late))[- ]?(?P<pod>(?i:morning|afternoon|evening))\s+(?:(?i:on)\s+)?"
    rf"(?P<d>(?i:yesterday|today|tomorrow)|{WEEKDAY})(?![\w-])"
)


def _pod_day(m: re.Match[str], c: Ctx) -> Res | None:
    """ "Mid-afternoon yesterday", "late morning on Friday": a part of a named day."""
    dw = m.group("d").lower()
    if dw in ("yesterday", "today", "tomorrow"):
        d = c.ref + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[dw])
        anchor = "dct"
    else:
        res = inner_day(c, m.start("d"), m.end("d"))
        if res is None or res.first is None:
            return None
        d, anchor = res.first, res.anchor
    mod = {"early": "START", "mid": "MID", "late": "END"}[m.group("e").lower()]
    return pod_res(d, m.group("pod"), anchor, mod)


RULES.append(Rule("pod-day", _POD_DAY, _pod_day, 9))


# --------------------------------------------------------------------------- the second Sunday of May

_NTH_WEEKDAY = _C(
    r"(?:(?i:the)\s+)?(?P<nth>(?i:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th))\s+(?P<wd>" + WEEKDAY + r")"
    r"\s+(?i:of|in)\s+(?P<mon>" + MONTH + r")(?:,?\s+(?P<y>(?:19|20)\d\d)(?!\d))?"
)
_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5}


def _nth_weekday(m: re.Match[str], c: Ctx) -> Res | None:
    """ "The second Sunday of May", "the last Friday in June": that day of that month."""
    mo = month_number(m.group("mon"))
    y = int(m.group("y")) if m.group("y") else cal.month_year(c.ref, mo, direction(c))
    wd = weekday_number(m.group("wd"))
    nth = m.group("nth").lower()
    if nth == "last":
        last = cal.month(y, mo).last
        assert last is not None
        d = last - timedelta(days=(last.weekday() - wd) % 7)
    else:
        first = date(y, mo, 1)
        d = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (_NTH[nth] - 1))
        if d.month != mo:
            return None
    return span_res(cal.day(d), anchor="none" if m.group("y") else "dct")


RULES.append(Rule("nth-weekday", _NTH_WEEKDAY, _nth_weekday, 9))


# --------------------------------------------------------------------------- earlier in the year

_EL_IN = _C(r"(?P<el>(?i:earlier|later))\s+(?i:in\s+the)\s+(?P<u>(?i:day|week|month|year))(?![\w-])")


def _el_in(m: re.Match[str], c: Ctx) -> Res | None:
    """ "Earlier in the year", "later in the week": the part of the current unit before or after
    now; "earlier in the day" is the day the story is about, "later in the year" in a past
    clause right after a written date that date's year."""
    u = m.group("u").lower()
    told = recent(c, u) if u != "day" and c.tense == "past" else None
    if u == "day" and c.last_day is not None:
        base, anchor = c.last_day, "discourse"
    elif told is not None and told.anchor != "dct" and told.span.last is not None:
        # "Rebels took the port on May 3, 2019. Later in the month, ...": the month of that date,
        # before or after the date itself
        base, anchor = base_day(told), "discourse"
        end = told.span.last
    else:
        base, anchor = c.ref, "dct"
    if anchor != "discourse" or u == "day":
        end = base
    s = cal.unit_span(u, base)
    assert s.first is not None and s.last is not None
    if m.group("el").lower() == "earlier":
        first, last, mod = s.first, max(s.first, base - timedelta(days=1)) if u != "day" else base, "START"
    else:
        first, last, mod = min(s.last, end + timedelta(days=1)) if u != "day" else base, s.last, "END"
    return Res("DATE", s.value, first, last, s.gran, mod=mod, anchor=anchor)


RULES.append(Rule("el-in", _EL_IN, _el_in, 9))
