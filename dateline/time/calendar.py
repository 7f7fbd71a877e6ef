"""Calendar arithmetic: calendar units as TIMEX3 values with their closed day intervals."""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass, replace
from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
SEASON_ORDER = ("WI", "SP", "SU", "FA")


@dataclass(frozen=True)
class Span:
    """A calendar unit: TIMEX3 value, first and last day, granularity."""

    value: str
    first: date | None
    last: date | None
    gran: str | None


def month_end(y: int, m: int) -> date:
    return date(y, m, _cal.monthrange(y, m)[1])


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1 <= y <= 9999):
        return None
    if d > _cal.monthrange(y, m)[1]:
        return None
    return date(y, m, d)


def shift_day(d: date, unit: str, k: int) -> date:
    """``d`` moved by ``k`` units (day, week, month, quarter, year, decade, century), clamping month ends."""
    if unit == "day":
        return d + timedelta(days=k)
    if unit == "week":
        return d + timedelta(days=7 * k)
    months = k if unit == "month" else 3 * k if unit == "quarter" else 12 * k if unit == "year" else 0
    if unit == "decade":
        months = 120 * k
    if unit == "century":
        months = 1200 * k
    y, m = add_months(d.year, d.month, months)
    return date(y, m, min(d.day, _cal.monthrange(y, m)[1]))


def day(d: date) -> Span:
    return Span(d.isoformat(), d, d, "day")


def week(d: date) -> Span:
    iy, iw, _ = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Span(f"{iy:04d}-W{iw:02d}", monday, monday + timedelta(days=6), "week")


def weekend(d: date) -> Span:
    iy, iw, _ = d.isocalendar()
    sat = d - timedelta(days=d.weekday()) + timedelta(days=5)
    return Span(f"{iy:04d}-W{iw:02d}-WE", sat, sat + timedelta(days=1), "week")


def month(y: int, m: int) -> Span:
    return Span(f"{y:04d}-{m:02d}", date(y, m, 1), month_end(y, m), "month")


def quarter(y: int, q: int) -> Span:
    return Span(f"{y:04d}-Q{q}", date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter")


def half(y: int, h: int) -> Span:
    return Span(f"{y:04d}-H{h}", date(y, 6 * h - 5, 1), month_end(y, 6 * h), "half")


def season(y: int, s: str) -> Span:
    a, b = SEASON_MONTHS[s]
    if s == "WI":
        return Span(f"{y:04d}-WI", date(y, 12, 1), month_end(y + 1, 2), "season")
    return Span(f"{y:04d}-{s}", date(y, a, 1), month_end(y, b), "season")


def year(y: int) -> Span:
    return Span(f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year")


def decade(y: int) -> Span:
    d0 = y - y % 10
    return Span(f"{d0 // 10:03d}", date(max(d0, 1), 1, 1), date(d0 + 9, 12, 31), "decade")


def century(c0: int) -> Span:
    """Century starting at year ``c0`` (1900 for "the 20th century"); value "19"."""
    return Span(f"{c0 // 100:02d}", date(max(c0, 1), 1, 1), date(c0 + 99, 12, 31), "century")


def unit_span(unit: str, d: date) -> Span:
    """The calendar unit of the given kind containing ``d``."""
    if unit == "day":
        return day(d)
    if unit == "week":
        return week(d)
    if unit == "weekend":
        return weekend(d)
    if unit == "month":
        return month(d.year, d.month)
    if unit == "quarter":
        return quarter(d.year, (d.month - 1) // 3 + 1)
    if unit == "half":
        return half(d.year, 1 if d.month <= 6 else 2)
    if unit == "decade":
        return decade(d.year)
    if unit == "century":
        return century(d.year - d.year % 100)
    return year(d.year)


def season_of(d: date) -> Span:
    m = d.month
    if m == 12:
        return season(d.year, "WI")
    if m <= 2:
        return season(d.year - 1, "WI")
    return season(d.year, "SP" if m <= 5 else "SU" if m <= 8 else "FA")


def narrow(span: Span, mod: str | None) -> Span:
    """Interval of the START/MID/END third of a span (mid-December -> 11..20)."""
    if mod not in ("START", "MID", "END") or span.first is None or span.last is None:
        return span
    f, last = span.first, span.last
    if span.gran == "month":
        if mod == "START":
            return replace(span, last=f.replace(day=10))
        if mod == "MID":
            return replace(span, first=f.replace(day=11), last=f.replace(day=20))
        return replace(span, first=f.replace(day=21))
    if span.gran == "year":
        y = f.year
        if mod == "START":
            return replace(span, last=date(y, 4, 30))
        if mod == "MID":
            return replace(span, first=date(y, 5, 1), last=date(y, 8, 31))
        return replace(span, first=date(y, 9, 1))
    n = (last - f).days + 1
    third = max(n // 3, 1)
    if mod == "START":
        return replace(span, last=f + timedelta(days=third - 1))
    if mod == "MID":
        return replace(span, first=f + timedelta(days=third), last=last - timedelta(days=third))
    return replace(span, first=last - timedelta(days=third - 1))


def nearest_weekday(ref: date, wd: int, direction: str) -> date:
    """Weekday ``wd`` (0 = Monday) relative to ``ref``.

    ``past``: on or before ``ref``; ``future``: on or after; otherwise the one within 3 days."""
    back = (ref.weekday() - wd) % 7
    if direction == "past":
        return ref - timedelta(days=back)
    fwd = (wd - ref.weekday()) % 7
    if direction == "future":
        return ref + timedelta(days=fwd)
    return ref - timedelta(days=back) if back <= 3 else ref + timedelta(days=fwd)


# How strongly the tense of the clause outweighs nearness when a month-day or a month is
# written without a year.  News mixes tenses ("officials said the vote will be held on
# Feb. 10"; "the talks were set for next month"), so the tense is evidence, not a rule: a
# date against the tense is chosen only when it is several times nearer than the date that
# agrees with it ("said on Wednesday that the summit is on Jan. 14", written on January 5,
# is that January 14, not the one a year ago).  Fitted on the development part of
# TempEval-3 (TimeBank/AQUAINT): 5 for days and for months (so only the month just ahead
# or just behind can go against the tense).  A clause in the present leans slightly to
# the past ("investigators are searching for him since the Oct. 23 attack").
DAY_AGAINST_TENSE = 5.0
MONTH_AGAINST_TENSE = 5.0
PRESENT_FUTURE_LEAN = 1.25


def _against(delta: float, direction: str, grace: float, factor: float) -> float:
    """Cost of a candidate ``delta`` units from the reference for a clause in ``direction``."""
    a = abs(delta)
    if direction == "past" and delta > grace:
        return a * factor
    if direction == "future" and delta < -grace:
        return a * factor
    if direction == "present" and delta > grace:
        return a * PRESENT_FUTURE_LEAN
    return a


def month_day_year(ref: date, m: int, d: int, direction: str) -> int:
    """Year for a month-day without a year: the nearest to ``ref``, where a date against the
    tense of the clause (2 days' grace) counts ``DAY_AGAINST_TENSE`` times as far."""
    best: tuple[float, int, int] | None = None
    for y in (ref.year, ref.year - 1, ref.year + 1):
        dd = safe_date(y, m, d) or safe_date(y, m, min(d, 28))
        if dd is None:
            continue
        delta = (dd - ref).days
        cost = _against(delta, direction, 2, DAY_AGAINST_TENSE)
        agrees = 0 if cost == abs(delta) else 1  # ties go to the date that agrees with the tense
        if best is None or (cost, agrees) < best[:2]:
            best = (cost, agrees, y)
    return best[2] if best else ref.year


def nearest_occurrence(ref: date, occs: list[tuple[date, date]], direction: str) -> tuple[date, date]:
    """The occurrence of a yearly day or period (first, last) nearest ``ref``, one against the tense
    of the clause counting ``DAY_AGAINST_TENSE`` times as far; one that holds ``ref`` is at 0."""

    def cost(o: tuple[date, date]) -> tuple[float, int]:
        first, last = o
        delta = 0 if first <= ref <= last else (first - ref).days if first > ref else (last - ref).days
        c = _against(delta, direction, 2, DAY_AGAINST_TENSE)
        return c, 0 if c == abs(delta) else 1

    return min(occs, key=cost)


def leap_day_year(ref: date, direction: str) -> int:
    """Year for "Feb. 29" without a year: the leap year whose February 29 is nearest ``ref``,
    a date against the tense counting ``DAY_AGAINST_TENSE`` times as far."""
    years = [y for y in range(ref.year - 4, ref.year + 5) if _cal.isleap(y)]
    return min(years, key=lambda y: _against((date(y, 2, 29) - ref).days, direction, 2, DAY_AGAINST_TENSE))


def month_year(ref: date, m: int, direction: str) -> int:
    """Year for a bare month name: the nearest to ``ref`` in months, where a month against
    the tense counts ``MONTH_AGAINST_TENSE`` times as far."""
    best: tuple[float, int, int] | None = None
    for y in (ref.year, ref.year - 1, ref.year + 1):
        delta = (y * 12 + m) - (ref.year * 12 + ref.month)
        if direction in ("past", "future"):
            cost = _against(delta, direction, 0, MONTH_AGAINST_TENSE)
        else:
            cost = abs(delta) + (0.5 if delta > 0 else 0)  # equally far: the past one
        agrees = 0 if cost == abs(delta) else 1
        if best is None or (cost, agrees) < best[:2]:
            best = (cost, agrees, y)
    return best[2] if best else ref.year
