"""Rules for durations ("three years", "45-day"), frequencies ("monthly", "twice a week")
and clock times ("3:35 p.m. local time", "0900 GMT")."""

from __future__ import annotations

import re

from dateline.time.lexicon import (
    MONTH,
    NUMBER,
    UNIT,
    UNITS,
    WEEKDAY,
    duration_value,
    month_number,
    parse_number,
    unit_key,
    weekday_number,
)
from dateline.time.model import Ctx, Res, Rule
from dateline.time.rules_absolute import part_of_date, prev_word
from dateline.time.rules_relative import _QUANT, qmod

_C = re.compile


# --------------------------------------------------------------------------- durations

_DUR = _C(
    rf"(?:(?P<q>{_QUANT})\s+)?"
    r"(?:(?P<det>(?i:the|a|an|its|their|his|her|this|that|each\s+of\s+the|another|an\s+additional|the\s+last|"
    r"the\s+past|the\s+next|the\s+first|the\s+final|the\s+coming|the\s+previous|the\s+following|the\s+remaining|"
    r"the\s+latest|the\s+ensuing|the\s+preceding|the\s+initial|the\s+same|the\s+entire|the\s+full|the\s+whole|"
    r"past|last|next|first|final|coming|previous|following|remaining|latest|ensuing|preceding|initial|"
    r"another|additional|further|more))\s+(?![\w,.-]+-(?i:second|minute|hour|day|night|week|month|year|decade|century)s?\b))?"
    r"(?:(?P<det2>(?i:past|last|next|first|final|coming|previous|following|remaining|few|additional|more))\s+)?"
    rf"(?P<n>{NUMBER})(?:\s+(?i:to|or)\s+(?P<n2>{NUMBER}))?(?P<sep>[\s-]+)(?:(?i:more|additional|full|long|straight|consecutive|"
    r"successive|extra|calendar|business|working)\s+)?"
    rf"(?P<u>{UNIT})(?P<half>(?:\s+|-)(?i:and)(?:\s+|-)(?i:a)(?:\s+|-)(?i:half))?(?:\s+(?i:or\s+so))?"
)

_BARE_PLURAL = _C(
    r"(?:(?P<det>(?i:the\s+past|the\s+last|the\s+next|the\s+coming|the|past|coming|recent|the\s+recent|"
    r"several|many|few|some|long|the\s+early|the\s+first))\s+)?"
    r"(?P<u>(?i:seconds|minutes|hours|days|weeks|months|years|decades|centuries))(?![\w'-])"
)
_PLURAL_CUES = {"for", "over", "within", "in", "after", "than", "take", "takes", "took", "lasted", "last",
                "spent",
                "spend", "wait", "waited", "of", "since", "during", "lasting"}  # fmt: skip


# After these words "over" is "more than" ("lasted over a week", "for over a decade").
_OVER_MORE = {"for", "in", "last", "lasts", "lasted", "lasting", "after", "took", "take", "takes", "taken", "spent",
              "of", "within", "than", "since", "ago", "is", "was", "been", "be", "are", "were", "by"}  # fmt: skip


def _duration(m: re.Match[str], c: Ctx) -> Res | None:
    u = unit_key(m.group("u"))
    if u not in UNITS:
        return None
    det = (m.group("det") or "").lower()
    det = re.sub(r"\s+", " ", det)
    nt = m.group("n")
    if nt.lower() in ("some", "many", "few") and not det:
        return None
    after = c.text[m.end() : m.end() + 9]
    if re.match(r"-old\b|\s+old\b", after):
        return None
    if re.search(r"\d[:.,]$", c.text[max(0, m.start() - 2) : m.start()]):
        return None  # "2:05 minutes", "1.5 hours" read from its middle
    small = u in ("second", "minute", "hour") and "ago" not in after
    if re.match(r"\s*(?:ago|earlier|later)\b", after) and not small:
        return None  # "two days later" is a date; "an hour later" stays a duration
    if re.match(r"-(?!long\b)[a-z]", c.text[m.end() : m.end() + 7]):
        return None  # "a quarter-century", "a two-week-old truce": the unit is part of a longer word
    if nt.lower() == "one" and u == "day" and re.search(r"\b(?:will|would|could|might|may|can|should|must|to)\s+$",
                                                     c.text[max(0, m.start() - 10) : m.start()]):
        return None  # "would one day start": some day, no duration
    if u == "quarter" and re.match(r"\s+of\b", c.text[m.end() : m.end() + 4]):
        return None  # "three-quarters of the vote"
    n = parse_number(m.group("n2") or nt)
    if nt.lower() in ("a", "an") and u in ("weekend", "second"):
        return None  # "a second group" is an ordinal
    if m.group("n2") and n is not None:
        n = None  # "12 to 18 months": an unspecified number
    if m.group("half") and n is not None:
        n += 0.5
    if nt.lower() in ("a", "an", "one") and m.group("sep") == " " and u in ("year", "month", "week", "day"):
        # "$5 million a year", "twice a day": a frequency, not a duration.
        before = c.text[max(0, m.start() - 40) : m.start()]
        if det == "" and re.search(
            r"(?:\d|percent|million|billion|dollars|times|once|twice|hours|days)\S*\s*$", before
        ):
            return None
    mod = qmod(m.group("q"))
    skip = 0
    q = (m.group("q") or "").lower()
    if q == "over" and prev_word(c, m.start()) not in _OVER_MORE:
        # "repaid over three years": across them, not more than them; "over" stays outside
        mod = None
        skip = (m.start("det") if m.group("det") else m.start("n")) - m.start()
    if (
        not skip
        and det in ("a", "an")
        and not m.group("q")
        and m.group("u").lower() == u
        and n is not None
        and n > 1
        and re.match(r"\s+[a-z]", c.text[m.end() : m.end() + 3])
    ):
        skip = m.start("n") - m.start()  # "a five year low": the count and unit only
    return Res("DURATION", duration_value(n, u), mod=mod, skip=skip)


def _bare_plural(m: re.Match[str], c: Ctx) -> Res | None:
    det = re.sub(r"\s+", " ", (m.group("det") or "").lower())
    u = unit_key(m.group("u"))
    if det == "the early" and u == "hour":
        if re.match(r"\s+of\b", c.text[m.end() : m.end() + 4]):
            return None  # "in the early hours of Saturday": the day is the expression
        return Res("TIME", "TNI", gran="time", needs_day=True)  # the small hours of the day in context
    if det in ("recent", "the recent"):
        return Res("DATE", "PAST_REF", anchor="dct")
    if det in ("the first", "the last") and part_of_date(c, m.end()):
        return None  # "the last days of August": the month narrowed (the engine's modifier pass)
    if not det:
        pw = re.search(r"([A-Za-z'-]+)\s*$", c.text[max(0, m.start() - 20) : m.start()])
        if not pw or pw.group(1).lower() not in _PLURAL_CUES:
            return None
        if re.match(r"\s+(?:of|ago|earlier|later|old)\b", c.text[m.end() : m.end() + 10]):
            return None
    elif det == "the":
        return None
    return Res("DURATION", duration_value(None, u))


# --------------------------------------------------------------------------- frequencies

_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
            "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "fortnightly": "P2W",
            "bimonthly": "P2M", "biannually": "P6M", "semiannually": "P6M", "semi-annually": "P6M",
            "annual": "P1Y"}  # fmt: skip
_SET = _C(
    r"(?i:(?P<adv>daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly|fortnightly|bimonthly|"
    r"biannually|semi-?annually)(?![\w-])"
    rf"|(?P<every>every|each)\s+(?P<other>other\s+|single\s+)?(?:(?P<n>{NUMBER})\s+)?"
    r"(?P<u>seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|decades?|weekends?|morning|"
    r"evening|afternoon|summer|winter|spring|autumn|fall)(?![\w-])"
    rf"|(?P<every2>every|each)\s+(?P<wd>{WEEKDAY})(?:\s+(?P<pod>morning|afternoon|evening|night))?"
    rf"|(?P<every3>every|each)\s+(?P<mon>{MONTH})(?!\s+\d)"
    r"|(?P<times>once|twice|thrice|(?:two|three|four|five|six|\d+)\s+times)\s+(?:a|an|per|each|every)\s+"
    r"(?P<u2>day|week|month|year|hour|minute|quarter|decade|night)(?![\w-])"
    r"|(?P<per>per|a)\s+(?P<u3>day|week|month|year|annum|hour|night)(?![\w-]))"
)


def _set(m: re.Match[str], c: Ctx) -> Res | None:
    if m.group("adv") and m.group("adv")[0].isupper() and re.match(r"\s+[A-Z]", c.text[m.end() : m.end() + 2]):
        return None  # "the Daily News", "Weekly Standard": a title
    if m.group("adv"):
        return Res("SET", _SET_ADV[m.group("adv").lower().replace("-", "")])
    if m.group("every"):
        u = unit_key(m.group("u"))
        seasons = {"summer": "SU", "winter": "WI", "spring": "SP", "autumn": "FA", "fall": "FA"}
        if u in seasons:
            return Res("SET", f"XXXX-{seasons[u]}")
        if u in ("morning", "evening", "afternoon"):
            return Res("SET", f"TXX{ {'morning': 'MO', 'evening': 'EV', 'afternoon': 'AF'}[u] }".replace(" ", ""))
        n = parse_number(m.group("n")) if m.group("n") else 1.0
        if m.group("other"):
            n = 2.0 if m.group("other").strip().lower() == "other" else n
        if u not in UNITS:
            return None
        return Res("SET", duration_value(n, u))
    if m.group("every2"):
        wd = weekday_number(m.group("wd")) + 1
        pod = m.group("pod")
        v = f"XXXX-WXX-{wd}"
        if pod:
            v += "T" + {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[pod.lower()]
        return Res("SET", v)
    if m.group("every3"):
        return Res("SET", f"XXXX-{month_number(m.group('mon')):02d}")  # "each July"
    if m.group("times"):
        return Res("SET", duration_value(1.0, unit_key(m.group("u2"))))
    per, u3 = m.group("per").lower(), m.group("u3").lower()
    if per == "a":
        before = c.text[max(0, m.start() - 40) : m.start()]
        if not re.search(r"(?:\d|percent|million|billion|dollars|cents|times|once|twice|hours|days|a day|"
                         r"barrels|tons|tonnes|people|units)\S*\s*$", before):  # fmt: skip
            return None
        if re.match(r"\s*(?:ago|earlier|later|before|after|or|and)\b|-", c.text[m.end() : m.end() + 8]):
            return None
    u = "year" if u3 == "annum" else u3
    return Res("SET", duration_value(1.0, u))


_PLURAL_WEEKDAY = _C(
    r"(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)s(?![\w'])(?:\s+(?P<pod>(?i:mornings|afternoons|evenings|nights)))?"
)


def _plural_weekday(m: re.Match[str], c: Ctx) -> Res | None:
    v = f"XXXX-WXX-{weekday_number(m.group('wd')) + 1}"
    if m.group("pod"):
        v += "T" + {"m": "MO", "a": "AF", "e": "EV", "n": "NI"}[m.group("pod")[0].lower()]
    return Res("SET", v)


# --------------------------------------------------------------------------- clock times

ZONE = (  # a time zone written after a clock time
    r"(?:local\s+time|(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|MSK|KST|JST|IST|AEST|AEDT|HKT|SGT|WIB|PKT|ET|PT|CT)"
    r"(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?(?![A-Za-z])|(?:Moscow|Beijing|Tokyo|Seoul|Washington|Eastern|Pacific|Central|Mountain)\s+time)"
)
_HOUR_WORDS = r"(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_HOURS = {w: i + 1 for i, w in enumerate(_HOUR_WORDS[4:-1].split("|"))}
_TIME = _C(
    r"(?:(?P<q>(?i:about|around|approximately|roughly|shortly\s+after|shortly\s+before|just\s+after|just\s+before|"
    r"sometime\s+after|some\s+time\s+after|after|before))\s+)?"
    r"(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|a\.m|p\.m|am|pm))(?![A-Za-z])"
    rf"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?![\d:])(?=\s*(?:h\b|hrs\b|{ZONE}))"
    # a 24-hour clock after a preposition of time: "at 03:00", "until 18:30"
    r"|(?:" + "|".join(rf"(?<=\b(?i:{w})\s)" for w in ("at", "by", "until", "till", "from", "since", "around", "about",
                                                        "before", "after")) + r")"
    r"(?P<h5>[01]\d|2[0-3]):(?P<mi5>[0-5]\d)(?![\d:])"
    rf"|(?P<hm>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?:(?i:hours|hrs|h)\s*)?(?=(?:{ZONE}))"
    r"|(?P<word>(?i:noon|midday|midnight))(?![\w-])"
    rf"|(?P<h3>[01]?\d|2[0-3]|{_HOUR_WORDS})\s+(?i:o'clock)(?![\w])"
    rf"|(?P<h4>1[0-2]|0?[1-9]|{_HOUR_WORDS})(?::(?P<mi4>[0-5]\d))?"
    r"(?=\s+(?i:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|this\s+(?:morning|afternoon|evening)|tonight|"
    r"last\s+night)\b))"
    r"(?:\s+(?P<pod>(?i:in\s+the\s+(?:morning|afternoon|evening)|at\s+night))(?![\w-]))?"
    rf"(?:\s*(?P<zone>{ZONE})|\s*\((?P<zonep>{ZONE})\))?"
    r"(?:(?:,\s*|\s+)(?P<day>(?i:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday|tomorrow"
    r"|this\s+(?:morning|afternoon|evening)|tonight|last\s+night"
    rf"|{MONTH}\s+(?:[12]\d|3[01]|0?[1-9])(?![\d:])(?:,?\s+(?:19|20)\d\d(?!\d))?"
    rf"|(?:[12]\d|3[01]|0?[1-9])\s+{MONTH}(?:,?\s+(?:19|20)\d\d(?!\d))?)))?"
)


def _time(m: re.Match[str], c: Ctx) -> Res | None:
    if m.group("word"):
        w = m.group("word").lower()
        if re.search(r"\b(?i:high)\s+$", c.text[max(0, m.start() - 6) : m.start()]):
            return None  # "high noon": the climax, no clock time
        hh, mm = (0, 0) if w == "midnight" else (12, 0)
    elif m.group("hm"):
        hh, mm = int(m.group("hm")), int(m.group("mm"))
    elif m.group("h2"):
        hh, mm = int(m.group("h2")), int(m.group("mi2"))
    elif m.group("h5"):
        hh, mm = int(m.group("h5")), int(m.group("mi5"))
    elif m.group("h3") or m.group("h4"):
        ht = (m.group("h3") or m.group("h4")).lower()
        hh, mm = (int(ht) if ht.isdigit() else _HOURS[ht]), int(m.group("mi4") or 0)
        # "six o'clock this evening", "4 in the morning": the part of the day says a.m. or p.m.
        later = " ".join(x.lower() for x in (m.group("pod"), m.group("day")) if x)
        if hh < 12 and re.search(r"afternoon|evening|night", later):
            hh += 12
        if m.group("h4") and not m.group("pod") and not re.search(r"morning|afternoon|evening|night", later):
            return None  # "6:15 this morning", "9 tonight", but not "9 last week"
    else:
        hh, mm = int(m.group("h")), int(m.group("mi") or 0)
        if hh > 12 or hh == 0:
            return None
        pm = m.group("ap").lower().startswith("p")
        hh = hh % 12 + (12 if pm else 0)
    q = (m.group("q") or "").lower()
    mod = None
    if q:
        mod = "APPROX" if q in ("about", "around", "approximately", "roughly", "at about", "at around") else (
            "AFTER" if "after" in q else "BEFORE")  # fmt: skip
    return Res("TIME", f"T{hh:02d}:{mm:02d}", None, None, "time", mod=mod, needs_day=True)


# "a quarter century", "a quarter-century", "a quarter of a century"; "for a while", "for some time";
# "the past decade"
_VAGUE_SPAN = _C(
    r"(?i:(?P<qc>a\s+quarter(?:\s+|-|\s+of\s+a\s+)century)|(?<=for\s|ter\s|hin\s)(?P<w>a\s+while|some\s+time)"
    r"|(?P<pd>(?:the\s+)?(?:past|last)\s+(?P<pu>decade|century)))(?![\w-])"
)


def _vague_span(m: re.Match[str], c: Ctx) -> Res | None:
    if m.group("qc"):
        return Res("DURATION", "P25Y")
    if m.group("pd"):
        # "over the past decade": the ten years up to now (TimeBank writes the years)
        if not m.group(0).lower().startswith("the") and prev_word(c, m.start()) not in ("over", "in", "during", "for"):
            return None  # "last decade" alone is the decade before
        return Res("DURATION", "P10Y" if m.group("pu").lower() == "decade" else "P100Y")
    return Res("DURATION", "PXX")  # "for a while", "after some time", "within some time"


# "a day-long meeting", "the weeklong festival", "a decades-long dispute"
_LONG = _C(
    r"(?P<u>(?i:hours?|days?|weeks?|months?|years?|decades?|century|centuries))-?(?i:long)(?![\w-])"
)


def _long(m: re.Match[str], c: Ctx) -> Res | None:
    word = m.group("u").lower()
    return Res("DURATION", duration_value(None if word.endswith("s") else 1.0, unit_key(word)))


RULES: list[Rule] = [
    Rule("duration-long", _LONG, _long, 3),
    Rule("duration-span", _VAGUE_SPAN, _vague_span, 4),
    Rule("duration", _DUR, _duration, 4),
    Rule("duration-vague", _BARE_PLURAL, _bare_plural, 1),
    Rule("set", _SET, _set, 5),
    Rule("set-weekday", _PLURAL_WEEKDAY, _plural_weekday, 5),
    Rule("clock-time", _TIME, _time, 6),
]
