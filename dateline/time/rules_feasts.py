"""Rules for movable feasts and the new year: "Easter", "Orthodox Easter", "Good Friday",
"Ramadan", "Eid al-Adha", "the Lunar New Year", "the New Year holiday", "in the new year"
(Orthodox Christmas, on a fixed day, is in the holiday table of ``rules_absolute``).

The occurrence is chosen like a month-day without a year: an explicit year ("Easter 2024",
"In 2019 ... during Ramadan"), "last"/"next"/"this", else the nearest to the reference, one
against the tense of the clause counting as farther (``calendar.nearest_occurrence``).  A feast
of one day has that day as value; Ramadan has the most specific TIMEX3 value covering its days
("2026" for February 18 to March 19) and those days as its interval."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from dateline.time import calendar as cal
from dateline.time import feasts
from dateline.time.model import Ctx, Res, Rule
from dateline.time.ranges import common_value
from dateline.time.rules_absolute import direction, month_day, prev_word, span_res

_C = re.compile

_REL = r"(?:(?P<rel>(?i:last|next|this|this\s+year's|last\s+year's|next\s+year's))\s+)?"
_FEAST = _C(
    _REL + r"(?P<f>(?:Orthodox\s+)?(?:Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday)"
    r"|Rama[dz]an"
    r"|Eid(?:[\s-]+|\s+(?:al|ul|el)[\s-]+|-(?:al|ul|el)-)(?:Fitr|Adha)"
    r"|(?:Lunar|Chinese)\s+New\s+Year(?:'s\s+(?:Day|Eve))?|Seollal)(?![\w'-])"
)
# "Easter Island", "the Easter Rising", "an Easter egg": names, not the day
_NOT_A_DAY = _C(r"\s+(?:Island|Rising|[Ee]ggs?|[Bb]unny|Parade|Offensive|Uprising)\b")
# Words before "Ramadan" that leave it a month, where a capitalised word before it makes a
# surname ("Tariq Ramadan", "Taha Yassin Ramadan")
_MONTH_WORDS = {"of", "during", "in", "since", "before", "after", "until", "by", "through", "throughout", "for",
                "the", "this", "last", "next", "holy", "fasting", "muslim", "islamic", "start", "end", "and",
                "over", "from", "to", "till", "ahead", "as", "when", "begins", "began", "ends", "ended"}  # fmt: skip


def _name(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text).lower()


def _feast(m: re.Match[str], c: Ctx) -> Res | None:
    f = _name(m.group("f"))
    if _NOT_A_DAY.match(c.text, m.end()):
        return None
    if f in ("ramadan", "ramazan"):
        word = prev_word(c, m.start("f"), keep_case=True)
        if re.match(r"\s+[A-Z][a-z]", c.text[m.end() : m.end() + 3]):
            return None  # "Ramadan Abdullah"
        if word[:1].isupper() and word.lower() not in _MONTH_WORDS:
            return None  # "Tariq Ramadan"
        return _occurrence("ramadan", m, c)
    if f.startswith("eid"):
        return _occurrence("eid al-fitr" if f.endswith("fitr") else "eid al-adha", m, c)
    if f.startswith(("lunar", "chinese")) or f == "seollal":
        shift = -1 if f.endswith("eve") else 0
        return _occurrence("lunar new year", m, c, shift)
    feast = f.replace(" sunday", "")  # "Easter Sunday" is Easter
    return _occurrence(feast, m, c)


def _occurrence(feast: str, m: re.Match[str], c: Ctx, shift: int = 0) -> Res | None:
    rel = _name(m.group("rel") or "")
    move = timedelta(days=shift)

    def in_year(y: int) -> list[feasts.Occurrence]:
        return [(a + move, b + move) for a, b in feasts.in_year(feast, y)]

    if rel.startswith(("last", "next")) and rel.endswith("year's"):
        occs = in_year(c.ref.year + (-1 if rel.startswith("last") else 1))
        return _res(occs[0], "dct") if occs else None
    occs = [(a + move, b + move) for a, b in feasts.occurrences(feast, c.ref)]
    if rel == "last":
        past = [o for o in occs if o[1] < c.ref]
        return _res(past[-1], "dct") if past else None
    if rel == "next":
        ahead = [o for o in occs if o[0] > c.ref]
        return _res(ahead[0], "dct") if ahead else None
    named_before = in_year(c.last_year) if c.last_year is not None and c.last_year != c.ref.year else []
    if named_before:
        return _res(named_before[0], "none")  # "In 2019 ... during Ramadan"
    if not occs:
        return None
    chosen = cal.nearest_occurrence(c.ref, occs, "none" if rel.startswith("this") else direction(c))

    def with_year(y: int) -> Res:  # "Easter 2024", "Ramadan last year"
        named = in_year(y)
        if not named:
            return Res("DATE", f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year", explicit_year=True)
        return replace(_res(named[0], "none"), explicit_year=True)

    return replace(_res(chosen, "dct"), with_year=with_year)


def _res(occ: feasts.Occurrence, anchor: str) -> Res:
    value, gran = common_value(*occ)
    return Res("DATE", value, occ[0], occ[1], gran, anchor=anchor)


# --------------------------------------------------------------------------- the new year

_HOLIDAY_WORDS = r"\s+(?:holidays?|break|celebrations?|festivities|recess|period)\b"
_HOLIDAY_NEXT = _C(_HOLIDAY_WORDS)
_NEW_YEAR = _C(r"(?P<w>(?i:the\s+new\s+year)|New\s+Year(?=" + _HOLIDAY_WORDS + r"))(?![\w-])")


def _new_year(m: re.Match[str], c: Ctx) -> Res | None:
    """ "The New Year holiday" is January 1 (the next or the last by the tense); "in the new
    year", said in the second half of a year and not of the past, is the coming year."""
    if re.match(r"'s\b", c.text[m.end() :]) or prev_word(c, m.start()) in ("lunar", "chinese", "jewish", "persian"):
        return None  # "the new year's budget"; other calendars' new years are other rules'
    if not m.group("w").lower().startswith("the") or _HOLIDAY_NEXT.match(c.text, m.end()):
        res = month_day(1, 1, c)
        return None if res is None else replace(res, anchor="dct")
    past = direction(c) == "past"
    y = c.ref.year if past or c.ref.month < 7 else c.ref.year + 1
    return span_res(cal.year(y), anchor="dct")


RULES: list[Rule] = [Rule("feast", _FEAST, _feast, 6), Rule("new-year", _NEW_YEAR, _new_year, 6)]
