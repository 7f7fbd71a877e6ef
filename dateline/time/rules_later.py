"""Vague offsets from the story's latest date: "hours later", "moments later", "days later",
"weeks earlier", "a few days later", "minutes afterwards".

News tells a sequence this way ("The bomb went off on Monday. Hours later, police arrested two
men"): the phrase is later (or earlier) than the latest date named before it, by an unknown
count of its unit.  It becomes a DATE anchored on that date ("discourse"), its interval the days
it can cover, its value the most specific TIMEX3 value those days share (``ranges.common_value``):
"hours later" after Monday is that Monday, "days later" after October 3 is "2024-10" (October 5
to 12).  With no date before it the phrase is left to the other rules (a vague duration, or
nothing), as "41 years later" is a duration when nothing is dated before it.

Counted small units ("two hours later", "a minute and a half later") stay durations, as
TimeBank tags them (the "later" outside); so does "minutes after the blast" (anchored on an
event, not a date): only the clause-final "minutes after" / "hours before" are offsets."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.time import calendar as cal
from dateline.time.lexicon import NUMBER
from dateline.time.model import Ctx, Res, Rule
from dateline.time.ranges import common_value
from dateline.time.rules_absolute import prev_word

_C = re.compile

_VAGUE_LATER = _C(
    r"(?i:(?:(?P<q>a\s+few|several|some|many|mere|just|only|a(?=\s+moment\b))\s+)?"
    r"(?P<u>moments?|seconds|minutes|hours|days|weeks|months|years|decades)"
    r"\s+(?P<dir>later|earlier|afterwards?|after|before|beforehand))(?![\w-])"
)
# "after" and "before" end the clause ("arrived minutes after."), else they head an event
_CLAUSE_END = _C(r"\s*(?:[,.;:)!?\"'”]|--|—|$|\s(?:and|but|when|as|while)\b)")
# Counts a vague plural may stand for: (fewest, most) units.
_COUNTS = {"day": (2, 9), "week": (2, 8), "month": (2, 11), "year": (2, 9), "decade": (2, 9)}
_COUNTED = _C(rf"(?:{NUMBER}|\d)[\s-]+$")
_SMALL = {"moment", "second", "minute", "hour"}


def _unit(word: str) -> str:
    w = word.lower()
    return w[:-1] if w.endswith("s") else w


def _vague_later(m: re.Match[str], c: Ctx) -> Res | None:
    d = m.group("dir").lower()
    if d in ("after", "before") and not _CLAUSE_END.match(c.text, m.end()):
        return None
    if not m.group("q") and _COUNTED.search(c.text, max(0, m.start() - 24), m.start()):
        return None  # "two hours later", "a couple of days later": counted
    u = _unit(m.group("u"))
    q = (m.group("q") or "").lower()
    if u not in _SMALL and q:
        return None  # "a few days later": a count of days, a duration as TimeBank tags it
    if c.sent < 0:
        return Res("DATE", "FUTURE_REF")  # finding pass: the discourse is known when resolving
    sign = -1 if d in ("earlier", "before", "beforehand") else 1
    if u in _SMALL:
        if c.last_day is None:
            # "at 9 a.m. ... Hours later": the day of a clock time nearby, known once clock times
            # have their days (``TimeTagger._time_day``); nothing if no day is found there
            return Res("DATE", "", gran="day", anchor="discourse", needs_day=True,
                       on_day=lambda day, source: _small_offset(day, source, u, sign))  # fmt: skip
        s = c.last_span
        return _small_offset(c.last_day, s.value if s is not None and s.last == c.last_day else "", u, sign)
    base_first, base_last = _base(c, u)
    if base_first is None or base_last is None:
        return None
    lo, hi = _COUNTS[u]
    unit = "year" if u == "decade" else u
    k = 10 if u == "decade" else 1
    if sign > 0:
        a, b = cal.shift_day(base_last, unit, lo * k), cal.shift_day(base_last, unit, hi * k)
    else:
        a, b = cal.shift_day(base_first, unit, -hi * k), cal.shift_day(base_first, unit, -lo * k)
    if unit in ("month", "year"):  # "months later" counts whole months, "years later" whole years
        a, b = cal.unit_span(unit, a).first or a, cal.unit_span(unit, b).last or b
    value, gran = common_value(a, b)
    return Res("DATE", value, a, b, gran, anchor="discourse")


# Hours a vague small offset may stand for: "hours later" is two to eight hours, "minutes later"
# up to one.  Parts of day are read at a typical hour.
_SMALL_HOURS = {"hour": (2, 8)}
_POD_HOUR = {"MO": 9, "MI": 12, "AF": 15, "EV": 19, "NI": 22, "DT": 12}
_CLOCK = _C(r"T(?:(?P<h>\d\d):(?P<m>\d\d)|(?P<pod>MO|MI|AF|EV|NI|DT))")


def _small_offset(base: date, source: str, unit: str, sign: int) -> Res:
    """ "Hours later" (or "minutes earlier") than a date: its day, or that day and the next when
    the date is a clock time late enough in the evening (``source``, its value): "at 11:30 p.m.
    ... Hours later" is the next day; at 9 p.m. it may be either."""
    m = _CLOCK.search(source)
    a = b = base
    if m is not None:
        hour = int(m.group("h")) + int(m.group("m")) / 60 if m.group("h") else _POD_HOUR[m.group("pod")]
        lo, hi = _SMALL_HOURS.get(unit, (0, 1))
        days = sorted(int((hour + sign * k) // 24) for k in (lo, hi))
        a, b = base + timedelta(days=days[0]), base + timedelta(days=days[1])
    value, gran = (a.isoformat(), "day") if a == b else common_value(a, b)
    return Res("DATE", value, a, b, gran, anchor="discourse")


def _base(c: Ctx, unit: str) -> tuple[date | None, date | None]:
    """The latest date before the phrase: a day for "days later", any period for "months later"."""
    if c.last_day is not None and unit in ("day", "week"):
        return c.last_day, c.last_day
    s = c.last_span
    if s is None or s.first is None or s.last is None:
        return None, None
    if unit in ("day", "week") and s.last - s.first > timedelta(days=31):
        return None, None  # "days later" than a year says nothing
    return s.first, s.last


RULES: list[Rule] = [Rule("offset-vague", _VAGUE_LATER, _vague_later, 9)]


# --------------------------------------------------------------------------- dawn, dusk, the small hours

# Parts of the day named by the light: TIMEX3 has morning (MO), evening (EV) and night (NI).
_DAYPART = _C(
    r"(?i:(?P<w>pre-?dawn|dawn|daybreak|first\s+light|sunrise|dusk|nightfall|sunset|the\s+small\s+hours)"
    r"(?:(?:\s+on|,)?\s+(?P<day>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday|tomorrow))?)(?![\w-])"
)
_DAYPART_CODE = {"dawn": "MO", "predawn": "MO", "pre-dawn": "MO", "daybreak": "MO", "first light": "MO",
                 "sunrise": "MO", "dusk": "EV", "nightfall": "EV", "sunset": "EV", "the small hours": "NI"}  # fmt: skip
# "at dawn", "before dusk", "a pre-dawn raid": a time of day only after these (not "the dawn of an era")
_DAYPART_CUES = {"at", "before", "after", "until", "till", "by", "from", "since", "around", "near", "toward",
                 "towards", "to", "and", "in", "a", "the", "shortly", "just", "soon", "an", "early"}  # fmt: skip


def _daypart(m: re.Match[str], c: Ctx) -> Res | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    if re.match(r"\s+of\b", c.text[m.end() : m.end() + 4]):
        return None  # "the dawn of a new era"; "the small hours of Sunday" is that day's
    if not w.startswith(("pre", "the")) and prev_word(c, m.start()) not in _DAYPART_CUES:
        return None
    return Res("TIME", "T" + _DAYPART_CODE[w], gran="time", needs_day=True)


RULES.append(Rule("daypart", _DAYPART, _daypart, 6))


# --------------------------------------------------------------------------- this time last year

_THIS_TIME = _C(r"(?i:(?:at\s+)?this\s+time\s+(?P<rel>last|next)\s+year)(?![\w-])")


def _this_time(m: re.Match[str], c: Ctx) -> Res:
    """ "This time last year": about the reference day a year before; its month."""
    k = -1 if m.group("rel").lower() == "last" else 1
    d = cal.shift_day(c.ref, "year", k)
    s = cal.month(d.year, d.month)
    return Res("DATE", s.value, s.first, s.last, "month", mod="APPROX", anchor="dct")


RULES.append(Rule("this-time", _THIS_TIME, _this_time, 9))
