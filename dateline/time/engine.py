"""The time tagger: find time phrases, pick non-overlapping ones, normalise them in document
order (so that "the following day" sees the dates before it), then join ranges."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from dateline.records import TimeExpression
from dateline.time import calendar as cal
from dateline.time.model import Cand, Ctx, Dated, Res, Rule
from dateline.time.ranges import RANGE_RULES, join_ranges, narrow_first_end
from dateline.time.rules_absolute import RULES as ABSOLUTE
from dateline.time.rules_around import RULES as AROUND
from dateline.time.rules_feasts import RULES as FEASTS
from dateline.time.rules_finance import RULES as FINANCE
from dateline.time.rules_later import RULES as LATER
from dateline.time.rules_measure import RULES as MEASURE
from dateline.time.rules_measure import ZONE
from dateline.time.rules_periods import RULES as PERIODS
from dateline.time.rules_relative import RULES as RELATIVE
from dateline.time.tense import guess_tense, local_tense, split_sentences

ALL_RULES: tuple[Rule, ...] = (
    *ABSOLUTE, *PERIODS, *RELATIVE, *AROUND, *MEASURE, *FINANCE, *LATER, *FEASTS, *RANGE_RULES
)

# Modifiers written left of a date: "mid-December", "the end of 2024", "earlier this month", "around Nov. 1".
# (a word of its own: not the "c." ending "traffic.")
_MOD_LEFT = re.compile(
    r"(?<![\w.-])(?i:(?:(?:the|its|their)\s+)?(?:very\s+)?(?:(?P<eml>early|late|mid)(?:\s*-\s*|\s+)(?P<on>on\s+)?"
    r"|(?P<edge>end|beginning|start|middle|close|turn|dawn|early\s+part|latter\s+part|first\s+half|"
    r"second\s+half|latter\s+half|first\s+part|last\s+part)\s+of\s+(?:the\s+)?"
    r"|(?P<part>(?:first|second|third|fourth|last|final|closing|opening)\s+(?:week|(?:few\s+)?days))\s+of\s+(?:the\s+)?"
    r"|(?P<el>earlier|later)\s+(?:in\s+)?)"
    r"|(?P<approx>around|about|approximately|roughly|circa|c\.|some\s+time\s+around|sometime\s+around)\s+)$"
)
_EDGE_MOD = {"end": "END", "close": "END", "latter part": "END", "second half": "END", "latter half": "END",
             "last part": "END", "beginning": "START", "start": "START", "turn": "START", "dawn": "START",
             "early part": "START", "first half": "START", "first part": "START",
             "middle": "MID"}  # fmt: skip
# "the first week of", "the last days of": the modifier, and which seven days of the month or
# year (the n-th seven from its start; None: the last seven)
_PART: dict[str, tuple[str | None, int | None]] = {
    "first": ("START", 0), "opening": ("START", 0), "second": (None, 1), "third": (None, 2), "fourth": (None, 3),
    "last": ("END", None), "final": ("END", None), "closing": ("END", None),
}  # fmt: skip
_MODDABLE = {"month", "year", "decade", "century", "season", "week", "quarter", "half", "day", "range"}
# "December last year", "June 5 this year", "March of next year"
_YEAR_LINK = re.compile(r"(?:\s+of|,)?\s+$")
_SENT_RULES_TIMEY = {"year"}
# "For the nine months, net rose to $2 billion from $1.7 billion a year earlier": a reporting
# period of several months, after which "a year earlier" is the year before.
_MONTHS_PERIOD = re.compile(r"(?i:the\s+(?:first\s+|latest\s+|past\s+)?(?:six|nine|6|9)\s+months)")


class TimeTagger:
    """Finds and normalises time expressions.  Build once; ``tag`` is cheap."""

    def __init__(self, rules: Sequence[Rule] | None = None) -> None:
        given = tuple(rules) if rules is not None else ALL_RULES
        # Every phrase starts at a word boundary ("know" holds no "now").
        self.rules: tuple[Rule, ...] = tuple(
            Rule(
                r.name, re.compile(r"(?<![A-Za-z0-9])(?:" + r.regex.pattern + ")", r.regex.flags), r.handler, r.priority
            )
            for r in given
        )

    # ------------------------------------------------------------------ public

    def tag(
        self,
        text: str,
        reference: date,
        *,
        sentences: Sequence[tuple[int, int]] | None = None,
        tenses: Sequence[str | None] | None = None,
        ranges: bool = True,
    ) -> list[TimeExpression]:
        """Time expressions of ``text`` anchored on ``reference``, sorted, non-overlapping.

        ``sentences`` are (start, end) spans; ``tenses[i]`` the tense of sentence i
        ("past", "present", "future" or None).  Missing ones are guessed lexically.
        With ``ranges`` "between X and Y" / "from X to Y" / "X-Y" become one expression."""
        sents = list(sentences) if sentences is not None else split_sentences(text)
        if not sents:
            sents = [(0, len(text))]
        if tenses is None or len(tenses) != len(sents):
            stenses: list[str | None] = [guess_tense(text[a:b]) for a, b in sents]
        else:
            stenses = list(tenses)
        cands = self._candidates(text, reference, sents, stenses)
        if not ranges:
            cands = [c for c in cands if c.rule.name != "range"]
        cands = self._select(cands)
        self._extend(text, cands)
        self._resolve(text, reference, sents, stenses, cands)
        out = [c for c in cands if c.res is not None]
        return join_ranges(text, out, merge=ranges, ref=reference)

    # ------------------------------------------------------------------ steps

    def _candidates(self, text: str, ref: date, sents: list[tuple[int, int]], tenses: list[str | None]) -> list[Cand]:
        cands: list[Cand] = []
        starts = [s for s, _ in sents]
        windows: dict[str, list[tuple[int, int]]] = {}
        n = len(text)
        for rule in self.rules:
            trig = TRIGGERS.get(rule.name)
            if trig is None:
                spans = [(0, n)]
            else:
                if trig.pattern not in windows:
                    windows[trig.pattern] = _windows(trig, text)
                spans = windows[trig.pattern]
            for lo, hi in spans:
                for m in rule.regex.finditer(text, lo, hi):
                    if m.end() == m.start():
                        continue
                    si = _sentence_of(starts, m.start())
                    ctx = Ctx(text, ref, tenses[si] if si < len(tenses) else None, sent_start=sents[si][0])
                    res = rule.handler(m, ctx)
                    if res is None:
                        continue
                    cands.append(Cand(m.start() + res.skip, m.end(), rule, m, res, sent=si))
        return cands

    @staticmethod
    def _select(cands: list[Cand]) -> list[Cand]:
        cands.sort(key=lambda c: (-(c.end - c.start), -c.rule.priority, c.start))
        taken: list[Cand] = []
        for c in cands:
            if all(c.end <= t.start or c.start >= t.end for t in taken):
                taken.append(c)
        taken.sort(key=lambda c: c.start)
        return taken

    @staticmethod
    def _extend(text: str, cands: list[Cand]) -> None:
        prev_end = 0
        for i, c in enumerate(cands):
            res = c.res
            if res is not None and res.type in ("DATE", "TIME") and (res.gran in _MODDABLE or res.gran == "time"):
                left = text[max(prev_end, c.start - 40) : c.start]
                m = _MOD_LEFT.search(left)
                if m and "\n\n" in left[m.start() :]:
                    m = None  # a modifier ends its paragraph; the date heads the next
                if m and not (res.mod and m.group("approx") is None):
                    mod, kind = _mod_of(m)
                    # a clock time takes only "about"; "later this afternoon" its "later" too
                    ok = res.gran != "time" or kind == "approx" or (kind == "el" and c.rule.name == "deictic")
                    if kind == "el" and c.rule.name not in ("relative-unit", "weekday", "deictic"):
                        ok = ok and c.rule.name in ("year", "month", "month-year")
                    # "earlier this week", "later Thursday": TimeBank/AQUAINT leave the adverb out of
                    # the expression (7 to 1 on the development part), unlike "earlier this month" or
                    # "earlier this year" (11 to 5); it still narrows the interval.
                    outside = kind == "el" and (c.rule.name == "weekday" or res.gran == "week")
                    if kind == "eml" and res.gran in ("day",) and c.rule.name not in ("deictic", "weekday"):
                        ok = False
                    if m.group("on") and c.rule.name not in ("deictic", "weekday"):
                        ok = False  # "late on Friday", but not "early on 2024"
                    if kind.startswith("part") and res.gran not in ("month", "year"):
                        ok = False  # "the first week of" a month or a year, not of a season
                    if ok:
                        if not outside:
                            c.start = c.start - (len(left) - m.start())
                        c.mod, c.mod_kind = mod, kind
            prev_end = c.end
            # "December last year": a month written without a year, then the year.
            if i + 1 < len(cands) and res is not None and res.with_year is not None:
                nxt = cands[i + 1]
                gap = text[c.end : nxt.start]
                if (
                    nxt.rule.name in ("relative-unit", "year")
                    and nxt.res is not None
                    and nxt.res.gran == "year"
                    and _YEAR_LINK.fullmatch(gap)
                ):
                    c.pod = "year-link"

    def _resolve(
        self, text: str, ref: date, sents: list[tuple[int, int]], tenses: list[str | None], cands: list[Cand]
    ) -> None:
        last_day: date | None = None
        last_day_sent = -1  # the sentence that named last_day
        last_span: cal.Span | None = None
        last_year: int | None = None
        last_quarter: cal.Span | None = None
        months_period = False
        dated: list[Dated] = []
        year_sent = -1
        skip: set[int] = set()
        for i, c in enumerate(cands):
            if i in skip:
                c.res = None
                continue
            s0 = sents[c.sent][0]
            tense = local_tense(text, c.start, c.end, s0, tenses[c.sent])
            ly = last_year if year_sent == c.sent else None
            ctx = Ctx(text, ref, tense, last_day, last_span, ly, s0, last_quarter, months_period, dated, c.sent)
            res = c.rule.handler(c.match, ctx)
            if res is None:
                c.res = None
                continue
            if c.pod == "year-link" and i + 1 < len(cands) and res.with_year is not None:
                nxt = cands[i + 1]
                nctx = Ctx(text, ref, tense, last_day, last_span, ly, s0)
                nres = nxt.rule.handler(nxt.match, nctx)
                if nres is not None and nres.first is not None:
                    res = replace(res.with_year(nres.first.year), anchor=nres.anchor, with_year=None)
                    c.end = nxt.end
                    skip.add(i + 1)
            res = _apply_mod(res, c, ref)
            c.res = res
            if res.needs_day and c.match.groupdict().get("day"):
                # "shortly before midnight on September 19": a clock time with its own day names
                # the story's day like a date does ("the next day" is the 20th)
                res = c.res = self._time_day(text, ref, sents, tenses, cands, i)
                if res is None:
                    continue
            if (
                res.type == "DURATION"
                and _MONTHS_PERIOD.fullmatch(text[c.start : c.end])
                and not re.match(r"\s+end(?:ed|ing)\b", text[c.end : c.end + 8])
            ):
                months_period = True
            elif c.rule.name == "quarter" or (c.rule.name == "reporting-period" and res.gran == "quarter"):
                months_period = False
            if res.explicit_year and res.first is not None:
                last_year, year_sent = res.first.year, c.sent
            if res.type in ("DATE", "TIME") and res.first is not None and not res.value.endswith("_REF"):
                # a day counted from one named in the same sentence ("on Friday, having talked with
                # him the previous day") does not move the story's day: "Hours earlier" is Friday's
                counted = res.anchor == "discourse" and last_day_sent == c.sent
                if (res.first == res.last or (res.gran == "time" and res.first is not None)) and not counted:
                    last_day = res.first if res.gran != "time" or res.first == res.last else res.last
                    last_day_sent = c.sent
                if res.gran in ("day", "week", "month", "quarter", "season", "half", "year", "time"):
                    last_span = cal.Span(res.value, res.first, res.last, res.gran)
                    dated.append(Dated(last_span, c.sent, res.anchor))
                # A written quarter is the period the story reports on (not an older one it compares).
                # A quarter still to come or under way ("expects first-quarter results to improve")
                # is not it, unless no finished one was named.
                newer = last_quarter is None or last_quarter.first is None or res.first >= last_quarter.first
                done = res.last is not None and res.last < ref
                if c.rule.name == "quarter" and res.gran == "quarter" and newer and (done or last_quarter is None):
                    last_quarter = last_span
        # The other clock times take their day from the sentence or the sentence before (those
        # with a written day have theirs already, so "10:35 a.m. (0735 GMT) Friday" shares it).
        for i in [i for i, c in enumerate(cands) if c.res is not None and c.res.needs_day]:
            cands[i].res = self._time_day(text, ref, sents, tenses, cands, i)

    def _time_day(
        self,
        text: str,
        ref: date,
        sents: list[tuple[int, int]],
        tenses: list[str | None],
        cands: list[Cand],
        i: int,
    ) -> Res | None:
        c = cands[i]
        assert c.res is not None
        day: date | None = None
        anchor = "dct"
        source = ""  # the value of the expression the day came from
        dtext = c.match.groupdict().get("day")
        if dtext:
            here = local_tense(text, c.start, c.end, sents[c.sent][0], tenses[c.sent])
            sub = self.tag(dtext, ref, tenses=[here], sentences=[(0, len(dtext))], ranges=False)
            if sub and sub[0].first is not None:
                day, anchor = sub[0].first, sub[0].anchor
                gd = c.match.groupdict()
                if (gd.get("zone") or gd.get("zonep")) and day == ref - timedelta(days=6):
                    day = ref + timedelta(days=1)  # "0300 GMT Saturday" told on Friday: the place is ahead
        if day is None:
            best: tuple[int, date, str, int] | None = None
            for j, o in enumerate(cands):
                r = o.res
                if j == i or o.sent != c.sent or r is None or r.needs_day or r.first is None or r.first != r.last:
                    continue
                if _other_zones(text, c, o):
                    continue  # "struck at 3:45 a.m. local time ..., in a statement issued late on
                    # Friday Washington time": that day is another place's
                dist = abs(o.start - c.start)
                if best is None or dist < best[0]:
                    best = (dist, r.first, r.value, j)
            if best is not None:
                day, anchor, source = best[1], "discourse", best[2]
                day += timedelta(days=_zone_shift(text, c, cands[best[3]]))
        if day is None:
            for j in range(i - 1, -1, -1):
                r = cands[j].res
                if cands[j].sent < c.sent - 1:
                    break  # the day of the previous sentence at most; else the reference day
                if r is not None and not r.needs_day and r.first is not None and r.first == r.last:
                    day, anchor, source = r.first, "discourse", r.value
                    break
        if day is None:
            if c.rule.name == "offset-vague":
                return None  # "hours later" than nothing dated
            day = ref
        if c.res.on_day is not None:
            return c.res.on_day(day, source)
        return replace(c.res, value=day.isoformat() + c.res.value, first=day, last=day, anchor=anchor,
                       needs_day=False)  # fmt: skip


_UNITS_TRIGGER = re.compile(
    r"\b(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|"
    r"century|centuries|millenni(?:um|a)|semesters?|weekends?)\b"
)
# A cheap regex whose matches every match of a rule contains: the rule runs only near them.
TRIGGERS: dict[str, re.Pattern[str]] = {
    "feast": re.compile(r"Easter|Good\s+Friday|Rama[dz]an|Eid|New\s+Year|Seollal"),
    "new-year": re.compile(r"(?i:new\s+year)"),
    "duration": _UNITS_TRIGGER,
    "offset": _UNITS_TRIGGER,
    "ago-deictic": re.compile(r"(?i:ago)"),
    "duration-vague": _UNITS_TRIGGER,
    "relative-unit": _UNITS_TRIGGER,
    "set": re.compile(r"(?i:ly\b|every|each|once|twice|times|per\b|a\s+(?:day|week|month|year|hour|night))"),
    "clock-time": re.compile(r"\d+|(?i:noon|midday|midnight|o'clock)"),
    "century": re.compile(r"(?i:century)"),
    "quarter": re.compile(r"(?i:quarter|qtr|q[1-4]|[1-4]q)"),
    "half": re.compile(r"(?i:half|h[12])"),
    "season": re.compile(r"(?i:spring|summer|fall|autumn|winter)"),
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|DAY"),
    "pod-day": re.compile(r"(?i:morning|afternoon|evening)"),
    "date-nth": re.compile(r"\d(?i:st|nd|rd|th)\b"),
    "reporting-period": re.compile(r"(?i:quarter|period|year|three\s+months)"),
    "range": re.compile(r"\d+|(?i:centuries|century)"),
    "date-range-end": re.compile(r"\d+"),
    "ref-word": re.compile(
        r"\b(?i:now|current|currently|presently|present|moment|days|nowadays|recently|recent|lately|formerly|past|"
        r"future|term)\b"
    ),
    "nth-weekday": re.compile(r"(?i:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th)\s+\w+day\b"),
    "el-in": re.compile(r"(?i:earlier|later)\s+in\s+the\b"),
    "duration-span": re.compile(r"(?i:century|decade|while|some\s+time)"),
    "vague-ago": re.compile(r"(?i:\bago\b)"),
    "anchored-day": re.compile(r"(?i:day|morning|afternoon|evening|night)"),
    "unit-edge": re.compile(r"(?i: of )"),
    "decade": re.compile(r"\d0|(?i:ties)"),
    "year-words": re.compile(r"(?i:nineteen|twenty|thousand)"),
    "year-end": re.compile(r"(?i:end)"),
    "day-of": re.compile(r"(?i:days?\s+(?:before|after)|week\s+of|eve\s+of)"),
    "overnight": re.compile(r"(?i:overnight|night)"),
    "duration-long": re.compile(r"(?i:long\b)"),
    "daypart": re.compile(r"(?i:dawn|daybreak|first\s+light|sunrise|dusk|nightfall|sunset|small\s+hours)"),
    "this-time": re.compile(r"(?i:this\s+time)"),
    "offset-vague": re.compile(r"(?i:later|earlier|after|before)"),
    "unit-before": re.compile(r"(?i:(?:day|week|month|year)\s+(?:before|after|earlier|later))"),
}


def _windows(trigger: re.Pattern[str], text: str, before: int = 60, after: int = 30) -> list[tuple[int, int]]:
    """Merged text windows around the matches of a trigger."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for m in trigger.finditer(text):
        lo, hi = max(0, m.start() - before), min(n, m.end() + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


_UNIVERSAL = re.compile(r"(?:GMT|UTC)$")
_GLUE = re.compile(r"\s*[(),]?\s*[(]?\s*")
_HHMM = re.compile(r"T(\d\d):(\d\d)")


def _zone_shift(text: str, c: Cand, o: Cand) -> int:
    """Days from the day of ``o`` to the day of clock time ``c`` when one is written in GMT/UTC and
    the other is local, side by side: "at 6:40 a.m. (2140 GMT Tuesday)" is Wednesday morning, as
    no zone is 15 hours behind GMT.  0 unless exactly one day gives an offset from -12 to +14 hours."""
    a, b = (c, o) if c.start < o.start else (o, c)
    if o.rule.name != "clock-time" or not _GLUE.fullmatch(text[a.end : b.start]) or "(" not in text[a.start : b.end]:
        return 0

    def zone(x: Cand) -> bool:
        gd = x.match.groupdict()
        return bool(_UNIVERSAL.search((gd.get("zone") or gd.get("zonep") or "").strip()))

    if zone(c) == zone(o):
        return 0
    assert c.res is not None and o.res is not None
    mc, mo = _HHMM.search(c.res.value), _HHMM.search(o.res.value)
    if mc is None or mo is None:
        return 0
    diff = (int(mc[1]) * 60 + int(mc[2])) - (int(mo[1]) * 60 + int(mo[2]))
    sign = -1 if zone(c) else 1  # offset = local - universal
    fits = [k for k in (-1, 0, 1) if -12 * 60 <= sign * (diff + 1440 * k) <= 14 * 60]
    return fits[0] if len(fits) == 1 else 0


_ZONE_AFTER = re.compile(rf"\s*(?P<zone>{ZONE})")


def _zone_of(text: str, x: Cand) -> str | None:
    """The zone written with ``x`` ("3:45 a.m. local time") or right after it ("Friday Washington
    time"), in lower case with single spaces."""
    gd = x.match.groupdict()
    found = gd.get("zone") or gd.get("zonep")
    if not found:
        m = _ZONE_AFTER.match(text, x.end)
        found = m["zone"] if m else None
    return " ".join(found.lower().split()) if found else None


def _other_zones(text: str, c: Cand, o: Cand) -> bool:
    """Whether clock time ``c`` and day ``o`` (no clock time: :func:`_zone_shift` relates two
    clocks) are each written in a zone, and not the same one."""
    if o.rule.name == "clock-time":
        return False
    zc = _zone_of(text, c)
    zo = _zone_of(text, o) if zc else None
    return zo is not None and zo != zc


def _sentence_of(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _mod_of(m: re.Match[str]) -> tuple[str | None, str]:
    if m.group("eml"):
        return {"early": "START", "mid": "MID", "late": "END"}[m.group("eml").lower()], "eml"
    if m.group("edge"):
        return _EDGE_MOD[re.sub(r"\s+", " ", m.group("edge").lower())], "edge"
    if m.group("el"):
        return ("START" if m.group("el").lower() == "earlier" else "END"), "el"
    if m.group("part"):
        which = m.group("part").split()[0].lower()
        return _PART[which][0], f"part:{which}"
    return "APPROX", "approx"


def _apply_mod(res: Res, c: Cand, ref: date) -> Res:
    if c.mod_kind is not None and c.mod_kind.startswith("part:") and res.first is not None:
        return _part_of(replace(res, mod=c.mod), c.mod_kind[5:])
    mod = c.mod or res.mod
    if mod is None:
        return res
    res = replace(res, mod=mod)
    if res.first is None or res.last is None or mod not in ("START", "MID", "END"):
        return res
    if c.mod_kind == "el" and res.first <= ref <= res.last:
        # "earlier this month": from its start to the day before; "later this year": the rest of it.
        if mod == "START":
            return replace(res, last=max(res.first, ref - timedelta(days=1)))
        return replace(res, first=min(res.last, ref + timedelta(days=1)))
    if res.gran in ("day", "time") or c.rule.name == "el-in":
        return res  # "earlier in the week" has its interval already
    if c.rule.name in ("range", "year-span"):
        return narrow_first_end(res, mod)
    s = cal.narrow(cal.Span(res.value, res.first, res.last, res.gran), mod)
    return replace(res, first=s.first, last=s.last)


def _part_of(res: Res, which: str) -> Res:
    """ "The first week of December" (December 1-7), "the second week of" (8-14), "the last days of
    August 2025" (its last seven): the month or year it is part of, with those days as interval."""
    assert res.first is not None and res.last is not None
    k = _PART[which][1]
    if k is None:
        return replace(res, first=max(res.first, res.last - timedelta(days=6)))
    first = res.first + timedelta(days=7 * k)
    return replace(res, first=first, last=min(res.last, first + timedelta(days=6)))


def _to_expr(text: str, c: Cand, rule: str | None = None) -> TimeExpression:
    r = c.res
    assert r is not None
    return TimeExpression(
        start=c.start,
        end=c.end,
        text=text[c.start : c.end],
        type=r.type,
        value=r.value,
        rule=rule or c.rule.name,
        anchor=r.anchor,
        mod=r.mod,
        first=r.first if r.type in ("DATE", "TIME") else None,
        last=r.last if r.type in ("DATE", "TIME") else None,
        granularity=r.gran if r.type in ("DATE", "TIME") else None,
    )
