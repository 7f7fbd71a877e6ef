"""Calendar buckets for the timeline: day, ISO week (Monday first), month, year.

The database counts events per first day of their interval; these functions fold those
day counts into coarser buckets (portable: no date functions of a particular database).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

INTERVALS = ("day", "week", "month", "year")


def bucket_start(d: date, interval: str) -> date:
    if interval == "day":
        return d
    if interval == "week":
        return d - timedelta(days=d.weekday())
    if interval == "month":
        return d.replace(day=1)
    if interval == "year":
        return date(d.year, 1, 1)
    raise ValueError(f"unknown interval {interval!r}")


def bucket_end(start: date, interval: str) -> date:
    """The last day of the bucket that begins on ``start``."""
    if interval == "day":
        return start
    if interval == "week":
        return start + timedelta(days=6)
    if interval == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if interval == "year":
        return date(start.year, 12, 31)
    raise ValueError(f"unknown interval {interval!r}")


def bucket_label(start: date, interval: str) -> str:
    if interval == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if interval == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if interval == "year":
        return f"{start.year:04d}"
    return start.isoformat()


def auto_interval(first: date | None, last: date | None, *, max_buckets: int = 120) -> str:
    """The finest interval that covers ``first``..``last`` in at most ``max_buckets`` buckets."""
    if first is None or last is None:
        return "month"
    days = (last - first).days + 1
    if days <= max_buckets:
        return "day"
    if days / 7 <= max_buckets:
        return "week"
    if days / 30.4 <= max_buckets:
        return "month"
    return "year"


@dataclass
class Bucket:
    start: date
    end: date
    label: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def fold(
    day_counts: Iterable[tuple[date, str, int]], interval: str, *, since: date | None = None,
    until: date | None = None, fill: bool = False,
) -> list[Bucket]:
    """Day counts ``(day, lane, n)`` folded into buckets, in time order; empty buckets are left
    out, or with ``fill`` those between the first and the last are kept (a chart's gaps).

    An event is counted in the bucket of the first day of its interval; one that began before
    ``since`` (and overlaps it) is counted in the first bucket, at ``since``."""
    buckets: dict[date, Bucket] = {}
    for day, lane, n in day_counts:
        if since is not None and day < since:
            day = since
        if until is not None and day > until:
            day = until
        start = bucket_start(day, interval)
        b = buckets.get(start)
        if b is None:
            b = buckets[start] = Bucket(start, bucket_end(start, interval), bucket_label(start, interval))
        b.counts[lane] = b.counts.get(lane, 0) + n
    if fill and buckets:
        start, last = min(buckets), max(buckets)
        while start < last:
            start = bucket_start(bucket_end(start, interval) + timedelta(days=1), interval)
            if start not in buckets:
                buckets[start] = Bucket(start, bucket_end(start, interval), bucket_label(start, interval))
    return [buckets[k] for k in sorted(buckets)]
