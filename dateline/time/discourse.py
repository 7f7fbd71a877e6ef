"""The discourse's period: which earlier date a "that summer", "that month", "the next year"
refers to.

A story that has named a date ("In 1994, he moved to the capital"; "The bridge opened on June 4,
1932") goes on from it: "that summer" is the summer of that year, "that month" the month of the
latest date at least as precise as a month, "the next year" (in a past clause right after it)
the year after it.  The period is the latest date named before the phrase that fits inside one
unit of the phrase's kind: a day or a month for "that month" (not a week across two months,
nor a year, which has no one month), a day, month, season or year for "that year" or "that
summer".  Dates from "now", "recently" (no interval) are not periods."""

from __future__ import annotations

from datetime import date

from dateline.time import calendar as cal
from dateline.time.model import Ctx, Dated

_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "season": 4, "half": 5, "year": 6,
         "decade": 7, "century": 8}  # fmt: skip
# The kinds of unit whose period is looked up; seasons fit in a year (a winter straddles two).
_UNIT_OF = {"season": "year", "weekend": "week", "fortnight": "week"}


def period(c: Ctx, unit: str) -> Dated | None:
    """The latest date before the match that lies within one ``unit`` (or is a ``unit`` itself)."""
    u = _UNIT_OF.get(unit, unit)
    rank = _RANK.get(u)
    if rank is None:
        return None
    for d in reversed(c.dated):
        s = d.span
        if s.first is None or s.last is None or s.gran not in _RANK or _RANK[s.gran] > max(rank, _RANK.get(unit, 0)):
            continue
        if unit == "season" and s.gran == "season":
            return d
        whole = cal.unit_span(u, s.first)
        if whole.last is not None and s.last <= whole.last:
            return d
    return None


def base_day(d: Dated) -> date:
    """The day a period is counted from: its first day."""
    assert d.span.first is not None
    return d.span.first


def recent(c: Ctx, unit: str, sentences: int = 1) -> Dated | None:
    """The period of ``unit`` when it was named in the phrase's sentence or the ``sentences``
    before it (a past narrative going on from it: "It opened in 1932. The next year, ...")."""
    d = period(c, unit)
    if d is None or c.sent < 0 or d.sent < c.sent - sentences:
        return None
    return d
