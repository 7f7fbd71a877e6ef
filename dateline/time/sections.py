"""Dated sections: a block that is a date and nothing else ("SATURDAY 26 JULY" over a live blog's
entries of that day, "Tue 5 Nov" over a digest's items, "17 Sep" over a timeline row).

An item under such a heading was written on (or is about) the heading's day: "this evening",
"at about 1 p.m." and "dawn" in it are that day's, not the day of the page's last update. The
time stage tags each section as a discourse of its own, anchored on its heading's day; the event
stage dates the items that name no day by it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from ..records import TimeExpression
from .lexicon import WEEKDAYS

# what may stand beside a heading's day: "21 Apr (Mon), night"
PARTS_OF_DAY = frozenset({"night", "overnight", "morning", "afternoon", "evening", "dawn", "midnight", "noon"})
MAX_HEADING_WORDS = 6
MAX_SECTION_DAYS = 7  # a heading may span a night ("2–3 Apr") or a few days ("14–16 February")
MIN_HEADINGS = 2  # one date line alone is the page's stamp, and what follows is not all of its day
# rows enough to tell a timeline (one item under each date); a live blog of two days whose later
# one (written first) has a single entry reads as one too, and its last day ends after one entry
MIN_TIMELINE_ROWS = 2
ZONE_LIKE = re.compile(r"\(?[A-Z]{2,5}\)?")  # "EAT", "(CET)": what may stand beside an entry time
ENTRY_TIME = "entry-time"  # the rule of a heading that is a live blog's entry time, dated by the day above it


def is_a_day(t: TimeExpression) -> bool:
    """A date of a day, or of a night over two ("2–3 Apr")."""
    if t.type != "DATE" or t.first is None or t.last is None:
        return False
    return t.granularity == "day" or (t.last - t.first).days < MAX_SECTION_DAYS


def date_heading(text: str, start: int, times: Sequence[TimeExpression],
                 day_of_clocks: date | None = None) -> TimeExpression | None:  # fmt: skip
    """The day a block at ``start`` gives when it is nothing but that date (with its weekday and
    marks such as "#", "-", "|"), else None. A live blog's entry time ("22:20 PKT", "Fri 00:50
    PKT") gives ``day_of_clocks`` (the day heading's above it, else the page's), or the nearest
    day with the weekday it names; not the day the clock time was resolved on (a bare time takes
    the last date told before it, in a live blog often another entry's "on Wednesday")."""
    if not text.split() or len(text.split()) > MAX_HEADING_WORDS:
        return None
    inside = [t for t in times if start <= t.start and t.end <= start + len(text)]
    day = next((t for t in inside if is_a_day(t)), None)
    if day is None and day_of_clocks is not None:
        day = next((t for t in inside if t.type == "TIME" and t.first is not None), None)
    if day is None:
        return None
    rest = list(text)
    for t in inside:
        rest[t.start - start : t.end - start] = " " * (t.end - t.start)
    words = "".join(rest).split()
    if day.type == "TIME":  # a time zone the tagger does not know ("22:10 EAT")
        words = [w for w in words if not ZONE_LIKE.fullmatch(w)]
    bare = [w.lower().strip("().,") for w in words]
    if not all(w in WEEKDAYS or w in PARTS_OF_DAY or not w.strip("#*:-–|·") for w in bare):
        return None
    if day.type != "TIME" or day_of_clocks is None:
        return day
    return _day_of_clock(day, day_of_clocks, [w for w in bare if w in WEEKDAYS])


def day_after(heading: TimeExpression, day: date | None) -> date | None:
    """The day entry times are of once past ``heading``: a day heading's own day; an entry time
    (dated by the day above it) leaves ``day`` as it was. Both heading walkers (this module's and
    the event stage's) carry it so."""
    return day if heading.rule == ENTRY_TIME else heading.first or day


def _day_of_clock(clock: TimeExpression, on: date, weekdays: list[str]) -> TimeExpression:
    """The day of an entry time, as a date: ``on``, or the nearest day with the weekday the entry
    time names ("Fri 00:50" in a Thursday's blog is Friday's)."""
    base = day = on
    if weekdays:
        wanted = WEEKDAYS[weekdays[0]]
        near = [base + timedelta(days=k) for k in range(-3, 4)]
        day = min(near, key=lambda d: (d.weekday() != wanted, abs((d - base).days)))
    return replace(clock, type="DATE", value=day.isoformat(), rule=ENTRY_TIME, first=day, last=day, granularity="day")


def timeline_shaped(heading_at: Sequence[int], count: int) -> bool:
    """Every date heading (by index among ``count`` blocks) is followed by exactly one item, as
    timeline rows and dated list lines are read: what comes after the last row is not its day's."""
    return (
        len(heading_at) >= MIN_TIMELINE_ROWS
        and all(b - a == 2 for a, b in pairwise(heading_at))
        and heading_at[-1] + 1 < count
    )


def dated_sections(blocks: Sequence[tuple[int, int, str]], times: Sequence[TimeExpression],
                   published: date | None = None) -> list[tuple[int, int, TimeExpression]]:  # fmt: skip
    """(start, end, heading) of each dated section of a page's body ``blocks`` ((start, end, text),
    in order): from a date heading to the next, the last to the end of the body (or, on a
    timeline, to the end of its one item). None where fewer than two headings date the page."""
    # (with its date written: "MONDAY" alone is a day of the week a digest covers, which the
    # event stage reads from the digest's top)
    found: list[tuple[int, TimeExpression | None]] = []
    day = published  # the day an entry time is of: the last day heading's, else the page's
    for i, (a, _, text) in enumerate(blocks):
        heading = date_heading(text, a, times, day) if any(c.isdigit() for c in text) else None
        if heading is not None:
            day = day_after(heading, day)
        found.append((i, heading))
    headings = [(i, t) for i, t in found if t is not None]
    if len(headings) < MIN_HEADINGS:
        return []
    at = [i for i, _ in headings]
    ends = [*at[1:], at[-1] + 2 if timeline_shaped(at, len(blocks)) else len(blocks)]
    return [(blocks[i][0], blocks[min(e, len(blocks)) - 1][1], t) for (i, t), e in zip(headings, ends, strict=True)]
