"""Reporting periods of business news: "the quarter", "the latest period", "a year ago",
"the year-earlier quarter".  In a story about a quarter's results these refer to that
quarter or to the same quarter a year before (the TimeML convention)."""

from __future__ import annotations

import re
from dataclasses import replace

from dateline.time import calendar as cal
from dateline.time.model import Ctx, Res, Rule
from dateline.time.rules_absolute import span_res

_C = re.compile

_CURRENT = _C(
    r"(?i:(?P<w>the\s+(?:latest|most\s+recent|recent|just-ended|just\s+ended|current)\s+(?:quarter|period)|"
    r"the\s+quarter|this\s+quarter|the\s+latest\s+three\s+months))(?![\w-])"
)


def _current(m: re.Match[str], c: Ctx) -> Res | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    completed = cal.unit_span("quarter", cal.shift_day(c.ref, "quarter", -1))
    if c.last_quarter is not None and c.last_quarter.first is not None:
        latest = "latest" in w or "recent" in w
        if latest and completed.first is not None and c.last_quarter.first > completed.first:
            return span_res(completed, anchor="dct")
        return span_res(c.last_quarter, anchor="discourse")
    if w.endswith("period") and "latest" not in w:
        return None
    if w in ("this quarter", "the current quarter"):
        return span_res(cal.unit_span("quarter", c.ref), anchor="dct")
    return span_res(completed, anchor="dct")  # the most recently completed quarter


_YEAR_AGO = _C(
    r"(?i:(?P<w>(?:the\s+|a\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year[- ]ago|year[- ]earlier|"
    r"prior[- ]year)(?:\s+(?:(?:first|second|third|fourth|fiscal)[\s-]+)?(?:quarter|period|three\s+months))?|"
    r"a\s+year\s+(?:ago|earlier)|"
    r"the\s+(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+"
    r"(?:ago|earlier))|last\s+year's\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period)))(?![\w-])"
)


_DET_ADJ = re.compile(r"(?i:(?:the|a)\s+)(?=(?:year-ago|year-earlier|prior-year)$)")


def _year_ago(m: re.Match[str], c: Ctx) -> Res | None:
    res = _year_ago_value(m, c)
    d = _DET_ADJ.match(m.group(0))
    if res is not None and d and re.match(r"\s+[a-z$]", c.text[m.end() : m.end() + 3]):
        # "the year-ago results": the article belongs to the noun, not to the time expression.
        res = replace(res, skip=d.end())
    return res


def _year_ago_value(m: re.Match[str], c: Ctx) -> Res | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    if c.months_period and "quarter" not in w and "period" not in w:
        # After "the nine months": the year before (TimeBank: 5 of 6 on the development part).
        base = c.last_quarter.first if c.last_quarter is not None and c.last_quarter.first else c.ref
        return span_res(cal.year(base.year - 1), anchor="discourse")
    if c.last_quarter is not None and c.last_quarter.first is not None:
        q = cal.unit_span("quarter", cal.shift_day(c.last_quarter.first, "year", -1))
        return span_res(q, anchor="discourse")
    if "quarter" in w:
        q = cal.unit_span("quarter", cal.shift_day(c.ref, "quarter", -1))
        return span_res(cal.unit_span("quarter", cal.shift_day(q.first or c.ref, "year", -1)), anchor="dct")
    if w in ("a year earlier",) and c.last_span is not None and c.last_span.first is not None:
        s = c.last_span
        return span_res(cal.unit_span(s.gran or "year", cal.shift_day(s.first or c.ref, "year", -1)),
                        anchor="discourse")  # fmt: skip
    return span_res(cal.year(c.ref.year - 1), anchor="dct")


RULES: list[Rule] = [
    Rule("reporting-period", _CURRENT, _current, 8),
    Rule("reporting-period", _YEAR_AGO, _year_ago, 9),
]

_THE_YEAR = _C(r"(?i:the\s+(?:(?:full|fiscal|entire|whole|current)\s+)?year)(?![\w-])")


def _the_year(m: re.Match[str], c: Ctx) -> Res | None:
    before = c.text[max(0, m.start() - 12) : m.start()].lower()
    after = c.text[m.end() : m.end() + 10].lower()
    if not re.search(r"(?:for|in|during|over|through)\s+$", before):
        return None
    if not re.match(r"\s*(?:[,.;]|ended\b|ending\b|to\s+date\b|as\s+a\s+whole\b)", after):
        return None
    if re.match(r"\s*end(?:ed|ing)\b", after):
        # "net income for the year ended Sept. 30": TimeBank annotates the twelve months (5 of
        # 6 on the development part), like "the six months ended Oct. 1".
        return Res("DURATION", "P1Y")
    if c.last_quarter is not None and c.last_quarter.first is not None:
        return span_res(cal.year(c.last_quarter.first.year), anchor="discourse")
    return span_res(cal.year(c.last_year or c.ref.year), anchor="dct")


RULES.append(Rule("reporting-period", _THE_YEAR, _the_year, 5))

_YEAR_PERIOD = _C(r"(?i:the\s+(?P<y>(?:19|20)\d\d)\s+(?:period|quarter))(?![\w-])")


def _year_period(m: re.Match[str], c: Ctx) -> Res | None:
    """"In the 1988 period": the period the story reports on, in that year (a quarter, or the
    year after "the nine months")."""
    y = int(m.group("y"))
    if not c.months_period and c.last_quarter is not None and c.last_quarter.first is not None:
        q = (c.last_quarter.first.month - 1) // 3 + 1
        return span_res(cal.quarter(y, q), explicit_year=True)
    return span_res(cal.year(y), explicit_year=True)


RULES.append(Rule("reporting-period", _YEAR_PERIOD, _year_period, 9))
