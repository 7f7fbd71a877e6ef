"""Rules for expressions resolved against the reference date or an earlier date in the text.

today/yesterday/tonight, weekdays with tense, "last week", "next month", "the previous day",
"two days later", "three years ago", now/recently/the future."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.time import calendar as cal
from dateline.time.discourse import base_day, period, recent
from dateline.time.lexicon import NUMBER, UNIT, WEEKDAY, duration_value, parse_number, unit_key, weekday_number
from dateline.time.model import Ctx, Res, Rule
from dateline.time.ranges import common_value
from dateline.time.rules_absolute import direction, part_of_date, prev_word, span_res

_C = re.compile
_POD = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "noon": "12:00",
    "midday": "12:00",
}


def pod_res(d: date, pod: str, anchor: str, mod: str | None = None) -> Res:
    code = _POD[pod.lower()]
    return Res("TIME", f"{d.isoformat()}T{code}", d, d, "time", mod=mod, anchor=anchor)


# --------------------------------------------------------------------------- today, yesterday

_DEICTIC = _C(
    r"(?i:(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight|"
    r"overnight|last\s+night|this\s+(?:morning|afternoon|evening)|earlier\s+today|later\s+today)"
    r"(?:(?:,\s*|\s+)(?P<pod>morning|afternoon|evening|night)(?![a-z]))?)(?![\w-])"
)


# the day each deictic word names, counted from the reference day
_DEICTIC_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                 "the day after tomorrow": 2, "earlier today": 0, "later today": 0}  # fmt: skip


def _deictic(m: re.Match[str], c: Ctx) -> Res | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    r = c.ref
    pod = m.group("pod")
    offs = _DEICTIC_DAYS
    if w == "tomorrow" and not pod and re.search(r"\b(?i:of)\s+$", c.text[max(0, m.start() - 4) : m.start()]):
        return None  # "the people of tomorrow": the future at large
    if w in offs:
        d = r + timedelta(days=offs[w])
        if pod:
            return pod_res(d, pod, "dct")
        return span_res(cal.day(d), anchor="dct")
    if w == "tonight":
        return pod_res(r, "night", "dct")
    if w == "last night":
        return pod_res(r - timedelta(days=1), "night", "dct")
    if w == "overnight":
        return Res("TIME", f"{(r - timedelta(days=1)).isoformat()}TNI", r - timedelta(days=1), r, "time",
                   anchor="dct")  # fmt: skip
    return pod_res(r, w.split()[1], "dct")


# --------------------------------------------------------------------------- weekdays

_WEEKDAY = _C(
    r"(?:(?P<rel>(?i:this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next|the\s+preceding|"
    r"the\s+same|that|last|next|this|coming|previous|past|early|late))\s+)?"
    rf"(?P<wd>{WEEKDAY})"
    r"(?:(?:,\s*|\s+)(?P<pod>(?i:morning|afternoon|evening|night))(?![a-z]))?"
)


_LOCAL_DAY = _C(r"(?i:\blocal\s+time\b|\b(?:GMT|UTC)\b|\bearly\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)")


def _sentence(c: Ctx, m: re.Match[str]) -> str:
    stop = re.search(r"[.!?](?:\s|$)", c.text[m.end() : m.end() + 200])
    return c.text[c.sent_start : m.end() + (stop.start() if stop else 200)]


def _weekday(m: re.Match[str], c: Ctx) -> Res | None:
    if re.match(r"[A-Z]", c.text[m.end() + 1 : m.end() + 2]) and c.text[m.end() : m.end() + 1] == " ":
        nxt = c.text[m.end() + 1 : m.end() + 12]
        if re.match(r"(?:Times|Post|Night|Morning|News|Telegraph|Herald|Mirror|Express)\b", nxt):
            return None  # a newspaper or programme name
    wd = weekday_number(m.group("wd"))
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    if (
        not rel
        and re.search(r"(?:^|[^\w])(?:a|an|one|any|some)\s+$", c.text[max(0, m.start() - 6) : m.start()], re.I)
        and re.match(r"\s*(?:[,.;:!?)\"'”]|--|$|(?:in|of|on|at|when|and|or|after|before|that)\b)", c.text[m.end() :])
    ):
        # "on a Sunday in 1994": some Sunday ("a Sunday night memorial" is the article of the noun)
        return Res("DATE", f"XXXX-WXX-{wd + 1}", anchor="none")
    r = c.ref
    anchor = "dct"
    if rel in ("last", "this past", "past"):
        d = r - timedelta(days=(r.weekday() - wd) % 7 or 7)
    elif rel in ("next", "this coming", "coming"):
        d = r + timedelta(days=(wd - r.weekday()) % 7 or 7)
    elif rel in ("the previous", "the preceding"):
        base = c.last_day or r
        anchor = "discourse" if c.last_day else "dct"
        d = base - timedelta(days=(base.weekday() - wd) % 7 or 7)
    elif rel in ("the following", "the next"):
        base = c.last_day or r
        anchor = "discourse" if c.last_day else "dct"
        d = base + timedelta(days=(wd - base.weekday()) % 7 or 7)
    elif rel in ("that", "the same"):
        base = c.last_day or r
        anchor = "discourse" if c.last_day else "dct"
        d = cal.nearest_weekday(base, wd, "none")
    else:
        t = direction(c)
        if t == "present" and c.text[m.end() : m.end() + 2] not in ("'s", "’s"):
            t = "future"  # "voters go to the polls Sunday": the present of a schedule looks ahead
        d = cal.nearest_weekday(r, wd, t)
        if direction(c) == "past" and (wd - r.weekday()) % 7 == 1 and _LOCAL_DAY.search(_sentence(c, m)):
            # "struck early Saturday local time" in a report dated Friday: the place is ahead of
            # the newsroom's time zone, so its Saturday is the day after the reference.
            d = r + timedelta(days=1)
    # "Friday night", "Thursday morning": TimeBank/AQUAINT write the day more often than the
    # part of it (9 to 7 on the development part: 2000-01-05 rather than 2000-01-05TNI), so the
    # weekday keeps its day value; "this morning", "tonight" stay times of day.
    mod = {"early": "START", "late": "END"}.get(rel)
    return span_res(cal.day(d), anchor=anchor, mod=mod)


# "Monday of last week", "Friday of next week": that day of the week named
_WEEKDAY_OF_WEEK = _C(rf"(?P<wd>{WEEKDAY})\s+of\s+(?P<rel>(?i:last|next|this|the\s+same))\s+week(?![a-z])")


def _weekday_of_week(m: re.Match[str], c: Ctx) -> Res | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    monday = c.ref - timedelta(days=c.ref.weekday())
    weeks = {"last": -1, "next": 1}.get(rel, 0)
    return span_res(cal.day(monday + timedelta(days=7 * weeks + weekday_number(m.group("wd")))), anchor="dct")


# --------------------------------------------------------------------------- this/last/next unit

_REL_UNIT = _C(
    r"(?P<rel>(?i:this\s+past|that\s+same|the\s+current|the\s+past|the\s+last|the\s+previous|the\s+preceding|the\s+prior|"
    r"the\s+next|the\s+coming|the\s+following|the\s+same|the\s+latest|the\s+latest|the\s+most\s+recent|"
    r"this|last|next|past|previous|coming|current|that|prior|latest|the\s+new))\s+"
    r"(?P<u>(?i:week|weekend|month|year|quarter|decade|century|fortnight|fiscal\s+year))(?![a-z-]|'[a-rt-z])"
    r"(?P<orso>\s+(?i:or\s+so))?"
)


def _rel_unit(m: re.Match[str], c: Ctx) -> Res | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    u = re.sub(r"\s+", " ", m.group("u").lower())
    if u == "fiscal year":
        u = "year"
    if u == "fortnight":
        u = "week"
    r = c.ref
    if rel == "the new" and m.group("u").lower() == "year":
        return None  # "the new year" is the rule "new-year" (rules_feasts)
    if re.match(r"[\s-]+(?:old|long|high|low|term|ago|earlier|later)\b", c.text[m.end() : m.end() + 10]):
        return None  # "the past year-long", "last year ago": left to other rules
    if rel == "the next" and c.tense == "past" and u != "decade" and u != "century":
        # "It opened in 1932. The next year, ...": a past narrative goes on from the date it
        # named in this sentence or the one before; otherwise "the next year" looks ahead of now.
        d = recent(c, u)
        if d is not None:
            b = c.last_day if u in ("week", "weekend") and c.last_day is not None else base_day(d)
            return span_res(cal.unit_span(u, cal.shift_day(b, _shift_unit(u), 1)), anchor="discourse")
    if rel in ("the same", "that", "that same", "the previous", "the preceding", "the prior", "prior", "the following"):
        base = _discourse_base(c, u)
        anchor = "discourse" if base is not None else "dct"
        b = base or r
        k = {"the same": 0, "that": 0, "that same": 0, "the following": 1}.get(rel, -1)
        return span_res(cal.unit_span(u, cal.shift_day(b, _shift_unit(u), k)), anchor=anchor)
    if rel in ("this", "the current", "current", "the new"):
        k = 0
    elif rel in ("next", "the next", "the coming", "coming"):
        k = 1
    else:
        k = -1
    if rel == "the last" and u == "week" and part_of_date(c, m.end()):
        return None  # "the last week of October": October narrowed (the engine's modifier pass)
    if rel in ("the past", "the last") and u in ("decade", "century"):
        return None  # "the past decade" is a duration
    if rel in ("the past", "the last", "this past") and u == "week":
        # "for the past week": the seven days up to now, named by the week holding most of them
        return span_res(cal.unit_span("week", r - timedelta(days=3)), anchor="dct")
    mod = "APPROX" if m.group("orso") else None
    return span_res(cal.unit_span(u, cal.shift_day(r, _shift_unit(u), k)), anchor="dct", mod=mod)


def _shift_unit(u: str) -> str:
    return {"weekend": "week"}.get(u, u)


def _discourse_base(c: Ctx, unit: str) -> date | None:
    """The day "that month", "the previous year" count from: the latest date named that lies
    within one such unit (``discourse.period``), else the latest date of any kind."""
    if unit in ("day", "week", "weekend"):
        return c.last_day
    d = period(c, unit)
    if d is not None:
        return base_day(d)
    if c.last_span is not None and c.last_span.first is not None:
        return c.last_span.first
    return c.last_day


# --------------------------------------------------------------------------- the previous day

_ANCHORED = _C(
    r"(?i:(?P<w>the\s+(?:previous|preceding|prior|following|next|same)\s+(?:day|morning|afternoon|evening|night)"
    r"|that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)"
    r"|the\s+(?:day|night|evening|morning)\s+(?:before|after|earlier)(?=\s*(?:[,.;:)!?\"'”]|--|$)"
    r"|\s+(?:and|but|when|while|as|he|she|they|it|we|i|police|officials)\b)"
    r"|a\s+day\s+(?:earlier|later|before|after)(?=\s*[,.;:)]|\s*$)"
    r"|(?:the\s+)?next\s+day|later\s+that\s+(?:day|night|morning|afternoon|evening)"
    r"|earlier\s+that\s+(?:day|night|morning|afternoon|evening|week|month|year)|the\s+day"
    r"(?=\s+(?:before|after)\s+that\b)))(?![\w-])"
)


def _anchored(m: re.Match[str], c: Ctx) -> Res | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    if w == "the day":
        return None
    base = c.last_day
    anchor = "discourse" if base is not None else "dct"
    b = base or c.ref
    words = set(w.split())
    if words & {"previous", "preceding", "prior", "before", "earlier"} and "earlier that" not in w:
        k = -1
    elif words & {"following", "next", "after", "later"} and "later that" not in w:  # not "afternoon"
        k = 1
    else:
        k = 0
    told = c.last_span
    if (
        told is not None
        and told.gran in ("week", "month")
        and told.first is not None
        and told.last is not None
        and (base is None or not told.first <= base <= told.last)
        and not w.startswith("earlier that")
    ):
        # "Last week X happened. The following day ...": the latest date named is a week, not the
        # older day before it; the day is one of that week's days, shifted
        first, last = told.first + timedelta(days=k), told.last + timedelta(days=k)
        value, gran = common_value(first, last)
        return Res("DATE", value, first, last, gran, anchor="discourse")
    d = b + timedelta(days=k)
    if w.startswith("earlier that") and w.split()[-1] in ("week", "month", "year"):
        u = w.split()[-1]
        s = cal.unit_span(u, b)
        return Res("DATE", s.value, s.first, b, s.gran, mod="START", anchor=anchor)
    pod = words & {"morning", "afternoon", "evening", "night"}
    if pod and not w.startswith(("a ", "the day")):
        return pod_res(d, pod.pop(), anchor)  # "that evening", "the night before"
    return span_res(cal.day(d), anchor=anchor)


# --------------------------------------------------------------------------- N units ago / later

_QUANT = (
    r"(?i:about|around|nearly|almost|some|roughly|approximately|more\s+than|less\s+than|over(?!\s+the\b)|"
    r"just\s+over|just\s+under|under(?!\s+the\b)|at\s+least|at\s+most|fewer\s+than|up\s+to|no\s+more\s+than|"
    r"no\s+less\s+than|well\s+over|less|a\s+full)"
)
_AGO = _C(
    rf"(?:(?P<q>{_QUANT})\s+)?(?:(?P<n>{NUMBER})[\s-]+)?(?P<u>{UNIT})(?:\s+(?i:and\s+a\s+half))?(?:\s+(?i:or\s+so))?"
    r"\s+(?P<dir>(?i:ago|earlier|later|(?:before|after)\s+that(?=\s*(?:[,.;:)]|--|$)|\s+(?:the|a|an|he|she|"
    r"they|it|we|i|his|her|their|its)\s)|before|after|previously|back|hence|from\s+now|on))"
    r"(?![\w-])"
)
QMOD = {
    "about": "APPROX", "around": "APPROX", "nearly": "APPROX", "almost": "APPROX", "some": "APPROX",
    "roughly": "APPROX", "approximately": "APPROX", "more than": "MORE_THAN", "over": "MORE_THAN",
    "just over": "MORE_THAN", "well over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "just under": "LESS_THAN", "fewer than": "LESS_THAN", "less": "LESS_THAN", "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}  # fmt: skip


def qmod(q: str | None) -> str | None:
    return QMOD.get(re.sub(r"\s+", " ", q.lower())) if q else None


_GRAN_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "season": 4, "half": 5, "year": 6,
              "decade": 7, "century": 8}  # fmt: skip


def _ago(m: re.Match[str], c: Ctx) -> Res | None:
    d = re.sub(r"\s+", " ", m.group("dir").lower())
    rest = c.text[m.end() : m.end() + 6]
    if d in ("before", "after", "on", "back") and not re.match(r"\s*(?:[,.;:)]|$|--|and\b|when\b)", rest):
        return None  # "two days before the vote": the duration rule takes "two days"
    if d in ("earlier", "later") and re.match(r"\s+than\b", c.text[m.end() : m.end() + 8]):
        return None  # "two weeks later than the timetable": a delay measured, no day
    if d.endswith(" that"):
        d = d.split()[0]  # "two years after that": after the date the story last named
    u = unit_key(m.group("u"))
    if u in ("second", "minute", "hour", "night", "weekend"):
        return None
    if m.group("n") is None:
        # "years ago", "decades ago": some time back
        if d != "ago" or not m.group("u").lower().endswith("s") or m.group("q"):
            return None
        return Res("DATE", "PAST_REF", None, c.ref, None, anchor="dct")
    n = parse_number(m.group("n"))
    mod = qmod(m.group("q"))
    unit = "year" if u in ("decade", "century", "millennium") else u
    if n is not None:
        mult = {"decade": 10, "century": 100, "millennium": 1000}.get(u, 1)
        n = n * mult
        if u == "fortnight":
            unit, n = "week", n * 2
    if d in ("ago", "back", "previously"):
        if n is None or n != int(n):
            return Res("DATE", "PAST_REF", None, c.ref, None, mod=mod, anchor="dct")
        when = cal.shift_day(c.ref, unit, -int(n))
        if unit == "week":
            # "two weeks ago": TimeBank writes the day (2 of 3 on the development part); the
            # interval is the week around it, the claim the phrase makes.
            return Res("DATE", when.isoformat(), when - timedelta(days=3), when + timedelta(days=3), "day",
                       mod=mod, anchor="dct")  # fmt: skip
        return span_res(cal.unit_span(unit, when), anchor="dct", mod=mod)
    if d in ("hence", "from now"):
        if n is None or n != int(n):
            return Res("DATE", "FUTURE_REF", c.ref, None, None, mod=mod, anchor="dct")
        return span_res(cal.unit_span(unit, cal.shift_day(c.ref, unit, int(n))), anchor="dct", mod=mod)
    sign = -1 if d in ("earlier", "before") else 1
    base_span = c.last_span if unit not in ("day", "week") else None
    if unit in ("day", "week") and c.last_day is not None:
        base, gran, anchor = c.last_day, "day", "discourse"
    elif base_span is not None and base_span.first is not None and base_span.gran in _GRAN_RANK:
        base, anchor = base_span.first, "discourse"
        gran = base_span.gran if _GRAN_RANK[base_span.gran] <= _GRAN_RANK.get(unit, 6) else unit
        gran = gran or unit
    else:
        if sign > 0:
            # "41 years later" with no date before it: later than something undated, not than
            # the reference; only its length is known.
            return Res("DURATION", duration_value(n, unit if u != "fortnight" else "week"), mod=mod)
        base, gran, anchor = c.ref, unit, "dct"
    if n is None or n != int(n):
        return Res("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, None, None, mod=mod, anchor=anchor)
    when = cal.shift_day(base, unit, sign * int(n))
    if gran == "season":
        gran = "quarter"
    return span_res(cal.unit_span(gran, when), anchor=anchor, mod=mod)


# --------------------------------------------------------------------------- now, recently, the future

_REF_WORDS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PAST_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "presently": "PRESENT_REF", "at present": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "these days": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at this time": "PRESENT_REF", "the present": "PRESENT_REF", "present": "PRESENT_REF",
    "the present day": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "the past": "PAST_REF", "once": "PAST_REF", "earlier": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF", "shortly": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the medium term": "FUTURE_REF", "the long run": "FUTURE_REF",
    "the short run": "FUTURE_REF", "the foreseeable future": "FUTURE_REF", "later": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF", "the coming days": "FUTURE_REF",
    "more recently": "PAST_REF", "until recently": "PAST_REF", "in recent days": "PAST_REF",
    "recent days": "PAST_REF", "recent weeks": "PAST_REF", "recent months": "PAST_REF",
    "recent years": "PAST_REF", "recent decades": "PAST_REF", "the immediate future": "FUTURE_REF",
}  # fmt: skip
# Vague words that TimeML annotators tag consistently in news; "soon", "previously", "recent"
# (adjective), "the long run" are left out: they are mostly not tagged.
_REF = _C(
    r"(?i:(?P<w>right\s+now|just\s+now|now|currently|current|presently|at\s+present|at\s+the\s+moment|"
    r"these\s+days|nowadays|recently|more\s+recently|recent\s+(?:days|weeks|months|years|decades)|"
    r"lately|formerly|the\s+past|the\s+present(?:\s+day)?|"
    r"the\s+(?:near|immediate)\s+future|the\s+future|future|"
    r"the\s+(?:near|short|long|medium)\s+term|as\s+soon\s+as\s+possible))(?![\w-])"
)
_NOT_CURRENT_AFTER = _C(r"\s+(?:account|accounts|affairs|events|flows?|flowing|density|source|sea|generation)\b")


_PAST_FOLLOWED = _C(r"\s+(?:few|several|\d|two|three|four|five|six|seven|eight|nine|ten|year|month|week|day|decade)")
_FUTURE_NOUNS = _C(
    r"\s+(?:generations?|plans?|talks?|negotiations?|quarters?|years?|meetings?|dates?|visits?|events?|"
    r"sessions?|growth|attacks?|prospects?)\b"
)


def _ref(m: re.Match[str], c: Ctx) -> Res | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    nxt = c.text[m.end() : m.end() + 24]
    if w == "current" and _NOT_CURRENT_AFTER.match(nxt):
        return None
    if w == "the past" and _PAST_FOLLOWED.match(nxt):
        return None
    if w == "future" and not _FUTURE_NOUNS.match(nxt):
        return None
    if w.startswith("the present") and not (
        prev_word(c, m.start()) in ("to", "until", "till", "through", "into")
        and re.match(r"\s*(?:[,.;:)!?\"'”]|--|—|$|\s(?:and|but|when|as)\b)", nxt)
    ):
        return None  # "from 1998 to the present", not "the present government"
    if w == "recent" and re.match(r"\s+(?:days|weeks|months|years)", nxt):
        return None
    v = _REF_WORDS[w]
    if v == "PRESENT_REF":
        return Res("DATE", v, c.ref, c.ref, "day", anchor="dct")
    return Res("DATE", v, None, None, None, anchor="dct")


# "a short time ago", "moments ago": some time back, with no unit to count
_VAGUE_AGO = _C(
    r"(?i:(?:a\s+(?:short|little)\s+(?:time|while)|a\s+(?:moment|while)|moments|some\s+time|a\s+long\s+time)"
    r"\s+ago)(?![\w-])"
)


def _vague_ago(m: re.Match[str], c: Ctx) -> Res | None:
    return Res("DATE", "PAST_REF", None, c.ref, None, anchor="dct")


# "a year ago today", "two years ago this week": the day (or week, month) that many units
# before the deictic one, an anniversary
_AGO_DEICTIC = _C(
    rf"(?P<n>{NUMBER}|(?i:a|an))[\s-]+(?P<u>(?i:years?|months?|weeks?))\s+(?i:ago)\s+"
    r"(?P<w>(?i:today|yesterday|tomorrow|this\s+week|this\s+month))(?![\w-])"
)


def _ago_deictic(m: re.Match[str], c: Ctx) -> Res | None:
    n = 1 if m.group("n").lower() in ("a", "an") else parse_number(m.group("n"))
    unit = unit_key(m.group("u"))
    w = re.sub(r"\s+", " ", m.group("w").lower())
    if n is None or n != int(n) or (w == "this month" and unit != "year"):
        return None
    if w in _DEICTIC_DAYS:
        return span_res(cal.day(cal.shift_day(c.ref + timedelta(days=_DEICTIC_DAYS[w]), unit, -int(n))), anchor="dct")
    if w == "this week":
        return span_res(cal.week(cal.shift_day(c.ref, unit, -int(n))), anchor="dct")
    return span_res(cal.unit_span("month", cal.shift_day(c.ref, unit, -int(n))), anchor="dct")


RULES: list[Rule] = [
    Rule("deictic", _DEICTIC, _deictic, 9),
    Rule("ago-deictic", _AGO_DEICTIC, _ago_deictic, 9),
    Rule("vague-ago", _VAGUE_AGO, _vague_ago, 2),
    Rule("weekday", _WEEKDAY, _weekday, 7),
    Rule("weekday-of-week", _WEEKDAY_OF_WEEK, _weekday_of_week, 8),
    Rule("relative-unit", _REL_UNIT, _rel_unit, 7),
    Rule("anchored-day", _ANCHORED, _anchored, 8),
    Rule("offset", _AGO, _ago, 8),
    Rule("ref-word", _REF, _ref, 1),
]


# --------------------------------------------------------------------------- the end of the year

_EDGE = _C(
    r"(?i:(?:the\s+)?(?P<e>end|beginning|start|middle|close|turn|rest|remainder|balance)\s+of\s+"
    r"(?P<rel>the|this|that|the\s+current)\s+(?P<u>year|month|week|decade|century|quarter))(?![\w-])"
)
_EDGE_MOD = {"end": "END", "close": "END", "beginning": "START", "start": "START", "turn": "START",
             "middle": "MID", "rest": "END", "remainder": "END", "balance": "END"}  # fmt: skip


def _edge(m: re.Match[str], c: Ctx) -> Res | None:
    u = m.group("u").lower()
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    told = period(c, u) if rel == "that" else recent(c, u) if rel == "the" and c.tense == "past" else None
    if told is not None:
        # "by the end of that month"; "Rebels took the port on May 3. By the end of the month, ...":
        # a past clause right after a date goes on in its month
        b, anchor = base_day(told), "discourse"
    elif rel == "that" and c.last_span is not None and c.last_span.first is not None:
        b, anchor = c.last_span.first, "discourse"
    else:
        b, anchor = c.ref, "dct"
    if m.group("e").lower() == "turn" and u == "century" and rel == "the":
        # "at the turn of the century": around the nearest turn (2000 told in 2025, 1900 after 1898)
        y = round((c.last_year if c.last_year is not None else c.ref.year) / 100) * 100
        anchor = "none" if c.last_year is not None else "dct"
        return Res("DATE", f"{y:04d}", date(y - 2, 1, 1), date(y + 2, 12, 31), "year", mod="APPROX", anchor=anchor)
    if u == "year" and rel == "the" and c.last_year is not None:
        b = date(c.last_year, 6, 30)
    s = cal.unit_span(u, b)
    return span_res(s, anchor=anchor, mod=_EDGE_MOD[m.group("e").lower()])


RULES.append(Rule("unit-edge", _EDGE, _edge, 8))


# --------------------------------------------------------------------------- the weekend

_WEEKEND = _C(r"(?i:the\s+weekend)(?![\w-])")


def _weekend(m: re.Match[str], c: Ctx) -> Res | None:
    r = c.ref
    t = direction(c)
    this_sat = r - timedelta(days=r.weekday()) + timedelta(days=5)
    if t == "past":
        d = this_sat if r.weekday() >= 5 else this_sat - timedelta(days=7)
    elif t == "future" or r.weekday() >= 4:
        d = this_sat
    else:
        d = this_sat - timedelta(days=7)
    return span_res(cal.weekend(d), anchor="dct")


RULES.append(Rule("weekend", _WEEKEND, _weekend, 6))
