"""Publication date inferred from the text of an article that states none.

News reports recent past events, so the text bounds its own date:

* explicit dates and months with a year in non-future sentences are a lower bound
  (the article is written after the events it reports);
* month-day mentions without a year in past-tense sentences fall before the report and,
  news being about the last days or weeks, close to it: the report is on or after the latest
  of them (each taking the first year that keeps it near the lower bound);
* "last week" beside a dated event puts the report in the ISO week after that event;
* "after 32 days" beside such a month-day ("abducted on March 14 ... released on Saturday,
  after 32 days in captivity"), or "32 days after" it, puts the report that many days or more
  after it;
* "this Sunday morning" in the present tense is the report's own weekday, and a full day with its
  weekday in the headline ("live updates - Monday 15 March 2021") is the report's own day;
* bare weekdays in past-tense sentences ("reported Friday", "said on Tuesday") lie in the
  six days up to the report: the report's weekday is the one that keeps them all closest
  before it.

The answer is the earliest day consistent with all of these.  ``None`` is returned when no
written year fixes the year (nothing with a year, or only bare years with no month, day or
weekday evidence to place the report inside the year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateline.pubdate.links import dateline_length
from dateline.records import EARLIEST_PUBLICATION_YEAR, PublicationDate, TimeExpression
from dateline.time.engine import TimeTagger
from dateline.time.lexicon import WEEKDAYS
from dateline.time.tense import guess_tense, local_tense, split_sentences

_TAGGER: TimeTagger | None = None
_PROVISIONAL = date(2000, 1, 1)  # only rule names and month-day parts are read from this run
_WD_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# a weekday said of the report's own week: "Friday", "this Monday", "early this Monday morning"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_BARE_WEEKDAY = re.compile(
    rf"^(?:(?:early|late)\s+)?(?:this\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?$", re.I
)
_LAST_WEEK = re.compile(r"^(?:last|this past)\s+week$", re.I)
_ELAPSED_BEFORE = re.compile(r"(?i)\bafter\s+(?:some\s+|nearly\s+|almost\s+|more\s+than\s+)?$")
_ELAPSED_AFTER = re.compile(r"(?i)^\s+after\b")  # "Thirty-two days after they were taken on September 28"
# "less than a week after X", "within days of": at most that long, no lower bound
_AT_MOST = re.compile(r"(?i)\b(?:less|fewer)\s+than\s+$|\b(?:under|within|nearly|almost|barely)\s+$")
_AT_MOST_MODS = frozenset({"LESS_THAN", "EQUAL_OR_LESS", "APPROX"})
# the report's own day, told in the present: "This Sunday morning the stalls are still shuttered"
_THIS_WEEKDAY = re.compile(rf"^(?:(?:early|late)\s+)?this\s+{_WEEKDAY}(?:\s+(?:morning|afternoon|evening))?$", re.I)
_DAYS_OR_WEEKS = re.compile(r"P(\d+)([DW])")
_NAMES_WEEKDAY = re.compile(rf"(?i)\b{_WEEKDAY}\b")
_MAX_SCAN = 400
# an anniversary piece: "One year ago today", "exactly a year after", "a year on", "the first anniversary"
_ANNIVERSARY = re.compile(
    r"(?i)\b(?:one|a)\s+year\s+ago\s+today\b|\bexactly\s+(?:one|a)\s+year\s+(?:ago|after|since)\b"
    r"|\b(?:one|a)\s+year\s+on\b|\bfirst\s+anniversary\b"
)
RECENT_DAYS = 60  # a month-day this close to the lower bound shows the story is around it
FAR_DAYS = 183  # a month-day this much after the bound, beside one near it, is older news
# Words before a date that make it a day set for something, not a day reported past, whatever the
# tense of the clause: "had called for 24 April", "has set 20 April for". (Postponements, "deferred
# until May 3", and "scheduled"/"slated" are future already in tense.local_tense.)
_SCHEDULED = re.compile(
    r"(?i)\b(?:for|until|till|by|(?:pushed|brought\s+forward)\s+(?:to|until)|set|fixed|pencill?ed\s+in)\s+(?:the\s+)?$"
)


@dataclass(frozen=True)
class _Clue:
    phrase: str
    sent: int
    kind: str  # "bound", "md", "weekday", "today", "lastweek", "elapsed"
    when: date | None = None
    month: int = 0
    day: int = 0
    weekday: int = -1
    days: int = 0  # of an "elapsed" clue
    exact: bool = False  # a bound that is a day
    own: bool = False  # a month-day that is the report's own dateline ("SAN JOSE, Oct 21 (MPS) -")


def _tagger() -> TimeTagger:
    global _TAGGER
    if _TAGGER is None:
        _TAGGER = TimeTagger()
    return _TAGGER


def infer_reference_date(text: str, floor: date | None = None) -> PublicationDate | None:
    """The earliest day consistent with the dates the text reports (see the module doc).

    ``floor``: a day the report is known to be on or after from elsewhere (the reports read
    with it); it stands in for a written year when the text has none, and then a month-day
    mention must place the report."""
    sents = split_sentences(text) or [(0, len(text))]
    stenses = [guess_tense(text[a:b]) for a, b in sents]
    exprs = _tagger().tag(text, _PROVISIONAL, sentences=sents, tenses=stenses, ranges=False)
    clues = _clues(text, exprs, sents, stenses)
    bounds = [c for c in clues if c.kind == "bound"]
    mds = [c for c in clues if c.kind == "md"]
    weekdays = [c for c in clues if c.kind == "weekday"]
    if not bounds and (floor is None or not mds):
        return None
    if bounds:
        low = max(bounds, key=lambda c: c.when or date.min)
        assert low.when is not None
        lowest = low.when
        evidence: list[str] = [f'"{low.phrase}" is a reported past date: on or after {lowest.isoformat()}']
        if not mds and re.fullmatch(r"\d{4}", low.phrase.strip()):
            return None  # a bare year ("the 1947 treaty") and weekdays place the report in no week of it
    else:
        assert floor is not None
        lowest = floor
        evidence = [f"no year in the text: on or after {floor.isoformat()}, from the reports read with it"]
    earliest = lowest
    md_dates: list[tuple[_Clue, date]] = []
    dateline = next((c for c in mds if c.own), None)
    for c in mds:
        if c.own:
            continue
        d = _md_after(c.month, c.day, lowest)
        if d is None:
            continue
        md_dates.append((c, d))
    if not bounds and not md_dates and dateline is None:
        return None  # the floor alone says nothing of the day
    if any(abs((d - lowest).days) <= RECENT_DAYS for _, d in md_dates):
        # the story is around the bound: a month-day that would fall most of a year after it is
        # older news of the same story ("Oct. 12", where the crisis began, in a report written
        # after "15 November 2019" and "Nov. 7"), not next year's
        md_dates = [(c, _md_nearest(c.month, c.day, lowest) or d) if (d - lowest).days > FAR_DAYS else (c, d)
                    for c, d in md_dates]  # fmt: skip
    if md_dates:
        c, d = max(md_dates, key=lambda x: x[1])
        earliest = max(earliest, d)
        evidence.append(f'"{c.phrase}" (past, no year) is the latest recent date: {d.isoformat()}')
    for el in (c for c in clues if c.kind == "elapsed"):
        near = [(c, d) for c, d in md_dates if c.sent == el.sent]
        near += [(c, c.when) for c in bounds if c.sent == el.sent and c.exact and c.when is not None]
        if near:
            c, d = min(near, key=lambda x: x[1])
            later = d + timedelta(days=el.days)
            if later > earliest:
                earliest = later
                evidence.append(f'"{el.phrase}" elapsed since "{c.phrase}": on or after {later.isoformat()}')
    week_start: date | None = None
    for lw in (c for c in clues if c.kind == "lastweek"):
        near = [(c, d) for c, d in md_dates if abs(c.sent - lw.sent) <= 1]
        if near:
            c, d = max(near, key=lambda x: x[1])
            week_start = d - timedelta(days=d.weekday()) + timedelta(days=7)
            earliest = max(earliest, week_start)
            evidence.append(f'"{lw.phrase}" beside "{c.phrase}": the report is in the week of {week_start.isoformat()}')
            break
    if dateline is not None:
        # the report's own day: on or after every past date it reports (no slack: it is not news
        # older than them), and the weekdays it names are its days before
        own = next((d for d in _occurrences(dateline.month, dateline.day, range(earliest.year, earliest.year + 3))
                    if d >= earliest), None)  # fmt: skip
        anniversary = _ANNIVERSARY.search(text)
        past_months = {(b.when.year, b.when.month) for b in bounds if b.when is not None}
        if own is not None and anniversary is not None and (own.year, own.month) in past_months:
            # "One year ago today ..." beside "the clashes of September 2022": the dateline's month is
            # the story's past, so its day is the anniversary a year on
            own = next(iter(_occurrences(own.month, own.day, range(own.year + 1, own.year + 5))), own)  # (29 Feb)
            evidence.append(f'"{anniversary.group(0)}": a year after the month it reports as past')
        if own is not None:
            evidence.append(f'"{dateline.phrase}" (the dateline, no year) is the report\'s day: {own.isoformat()}')
            confidence = round(0.5 + 0.1 * bool(bounds) + 0.1 * bool(md_dates), 2)
            return PublicationDate(own, source="inferred", evidence="; ".join(evidence), confidence=confidence)
    today = next((c for c in clues if c.kind == "today"), None)
    wanted = today.weekday if today is not None else _report_weekday(weekdays)
    if today is not None and today.when is not None:
        evidence.append(f'"{today.phrase}" in the headline is the day of the page')
        earliest = max(earliest, today.when)
    elif today is not None:
        evidence.append(f'"{today.phrase}", in the present, is the report\'s own day: a {_WD_NAMES[today.weekday]}')
    elif wanted is not None:
        names = ", ".join(sorted({c.phrase for c in weekdays}))
        evidence.append(f"past weekdays ({names}) put the report on a {_WD_NAMES[wanted]}")
    day = earliest
    for _ in range(_MAX_SCAN):
        ok = wanted is None or day.weekday() == wanted
        if week_start is not None and not (week_start <= day <= week_start + timedelta(days=6)):
            ok = False
        if ok:
            break
        day += timedelta(days=1)
    else:
        day = earliest
    confidence = 0.3 + 0.2 * bool(md_dates) + 0.2 * (week_start is not None) + 0.2 * (wanted is not None)
    if week_start is not None and wanted is None:
        confidence -= 0.1
    if not bounds:
        confidence -= 0.1  # the year is borrowed
    return PublicationDate(day, source="inferred", evidence="; ".join(evidence), confidence=round(confidence, 2))


def _clues(
    text: str, exprs: list[TimeExpression], sents: list[tuple[int, int]], stenses: list[str | None]
) -> list[_Clue]:
    out: list[_Clue] = []
    si = 0
    for e in exprs:
        while si + 1 < len(sents) and sents[si + 1][0] <= e.start:
            si += 1
        tense = local_tense(text, e.start, e.end, sents[si][0], stenses[si])
        if tense == "future" or _SCHEDULED.search(text[max(0, e.start - 40) : e.start]):
            continue  # "the referendum it had called for 24 April", "set 20 April for the next round"
        if e.anchor == "none" and e.first is not None and e.type in ("DATE", "TIME"):
            if e.first.year < EARLIEST_PUBLICATION_YEAR:
                continue  # "the 1890 agreement": history, no bound on when the report was written
            if e.granularity in ("day", "month", "year", "week", "quarter", "season", "half", "time"):
                out.append(_Clue(e.text, si, "bound", when=e.first, exact=e.granularity == "day"))
            if e.granularity == "day" and "\n" not in text[: e.start] and _NAMES_WEEKDAY.search(e.text):
                # a headline's own full day ("Northern Kosovo tensions: live updates - Monday 15 March
                # 2021"): the day of the page, as a live blog or a day's round-up titles itself
                out.append(_Clue(e.text, si, "today", when=e.first, weekday=e.first.weekday()))
        elif e.rule == "date-month-day" and tense == "past" and e.first is not None:
            out.append(_Clue(e.text, si, "md", month=e.first.month, day=e.first.day, own=_in_dateline(text, e)))
        elif e.rule == "weekday" and tense == "past" and _BARE_WEEKDAY.match(e.text):
            out.append(_Clue(e.text, si, "weekday", weekday=_weekday_of(e.text)))
        elif e.rule == "weekday" and tense == "present" and _THIS_WEEKDAY.match(e.text):
            out.append(_Clue(e.text, si, "today", weekday=_weekday_of(e.text)))
        elif e.rule == "relative-unit" and _LAST_WEEK.match(e.text):
            out.append(_Clue(e.text, si, "lastweek"))
        elif (e.type == "DURATION" and (span := _DAYS_OR_WEEKS.fullmatch(e.value or ""))
              and ((tense == "past" and _ELAPSED_BEFORE.search(text[max(0, e.start - 30) : e.start]))
                   or (tense != "future" and _ELAPSED_AFTER.match(text[e.end : e.end + 10])
                       and not _at_most(e, text)))):  # fmt: skip
            days = int(span.group(1)) * (7 if span.group(2) == "W" else 1)
            out.append(_Clue(e.text, si, "elapsed", days=days))
    return out


DATELINE_WINDOW = 200  # characters read from the start of a month-day's line (a dateline is short)


def _in_dateline(text: str, e: TimeExpression) -> bool:
    """Whether ``e`` is the month-day of a wire dateline opening its line ("SAN JOSE, Oct 21 (MPS) -"):
    the report's own day.  Only a window from that line's start is read, so a long text stays linear."""
    start = text.rfind("\n", 0, e.start) + 1
    return start < e.start and e.end - start <= dateline_length(text[start : start + DATELINE_WINDOW])


def _weekday_of(phrase: str) -> int:
    """The weekday (Monday 0) a weekday phrase names ("early this Monday morning")."""
    return WEEKDAYS[next(w for w in phrase.lower().split() if w in WEEKDAYS)]


def _at_most(e: TimeExpression, text: str) -> bool:
    """A span that is an upper bound: "less than a week", "within days"."""
    return e.mod in _AT_MOST_MODS or bool(_AT_MOST.search(text[max(0, e.start - 20) : e.start]))


def _occurrences(month: int, day: int, years: range) -> list[date]:
    """The days with this month and day in these years (29 February only in leap years)."""
    out = []
    for y in years:
        try:
            out.append(date(y, month, day))
        except ValueError:
            continue
    return out


def _md_after(month: int, day: int, low: date) -> date | None:
    """The first such day not long before the lower bound (recent news)."""
    days = _occurrences(month, day, range(low.year, low.year + 3))
    return next((d for d in days if d >= low - timedelta(days=31)), None)


def _md_nearest(month: int, day: int, low: date) -> date | None:
    """The occurrence of a month-day nearest the lower bound, before or after it."""
    days = _occurrences(month, day, range(low.year - 1, low.year + 2))
    return min(days, key=lambda d: abs((d - low).days), default=None)


def _report_weekday(weekdays: list[_Clue]) -> int | None:
    """Weekday of the report: the one that keeps every mentioned past weekday closest before it."""
    days = {c.weekday for c in weekdays}
    if not days:
        return None
    best: tuple[int, int] | None = None
    for cand in days:
        spread = max((cand - d) % 7 for d in days)
        if best is None or spread < best[0]:
            best = (spread, cand)
    return best[1] if best else None
