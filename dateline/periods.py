"""Calendar periods written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as closed day intervals."""

from __future__ import annotations

import calendar
import re
from datetime import date

from .errors import InvalidQuery

PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_period(text: str) -> tuple[date, date]:
    """``2025`` -> 2025-01-01..2025-12-31, ``2025-03`` -> March, ``2025-03-07`` -> that day."""
    m = PERIOD.match(text.strip())
    if not m:
        raise InvalidQuery(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d = int(m[1]), m[2], m[3]
    try:
        if mo is None:
            return date(y, 1, 1), date(y, 12, 31)
        month = int(mo)
        if d is None:
            return date(y, month, 1), date(y, month, calendar.monthrange(y, month)[1])
        day = date(y, month, int(d))
    except ValueError as exc:
        raise InvalidQuery(f"{text!r} is not a date: {exc}") from exc
    return day, day


def as_date(value: date | str, *, end: bool) -> date:
    """A query bound: a date, or a period whose first (``end`` false) or last day is taken."""
    if isinstance(value, date):
        return value
    first, last = parse_period(value)
    return last if end else first


def period_value(first: date | None, last: date | None) -> str | None:
    """The ``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` name of an interval that is exactly one calendar
    day, month or year; ``None`` for any other interval (a week, a span of days)."""
    if first is None or last is None:
        return None
    if first == last:
        return first.isoformat()
    same_month = (first.year, first.month) == (last.year, last.month)
    if same_month and first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        return f"{first.year:04d}-{first.month:02d}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return f"{first.year:04d}"
    return None


def calendar_date(
    value: str | None, first: date | None, last: date | None
) -> tuple[str | None, date | None, date | None]:
    """A date as (``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` or ``None``, first day, last day).

    A value in calendar form is kept when it agrees with the interval (and fills a missing
    one).  Otherwise the interval, the more precise claim, decides: its name when it is exactly
    one day, month or year, else ``None`` (``2024-W10``, ``PAST_REF``, or ``2025-06`` said of
    two days in June)."""
    if value is not None and PERIOD.match(value):
        try:
            p_first, p_last = parse_period(value)
        except InvalidQuery:  # shaped like a date but not one (2024-02-30)
            pass
        else:
            if first is None or last is None or (first, last) == (p_first, p_last):
                return value, first or p_first, last or p_last
    return period_value(first, last), first, last
