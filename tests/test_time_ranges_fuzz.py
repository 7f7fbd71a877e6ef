"""Property test of ranges: thousands of random ranges of years, months and days, in the shapes
English news writes them, must each come out as one expression whose interval runs from the
first end to the last, and every value the tagger gives must be a TIMEX3 value.

The generator is seeded (the same cases every run); a failure message names the text and the
reference date, to be copied into dateline/data/time/cases.yaml once fixed."""

from __future__ import annotations

import calendar
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from dateline.records import TimeExpression
from dateline.time import TimeTagger

TAGGER = TimeTagger()
CASES_FILE = Path(__file__).resolve().parents[1] / "dateline" / "data" / "time" / "cases.yaml"

# --------------------------------------------------------------------------- TIMEX3 values

_Y = r"\d{4}"
_TIME = r"T(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|AF|EV|NI|DT)"
_MM = r"(?:0[1-9]|1[0-2]|XX)"
_DD = r"(?:0[1-9]|[12]\d|3[01]|XX)"
_WW = r"(?:0[1-9]|[1-4]\d|5[0-3]|XX)"
_DATE = (
    rf"(?:{_Y}|XXXX)(?:-{_MM}(?:-{_DD})?)?(?:{_TIME})?"  # 2024, 2024-05, 2024-05-03T10:00
    rf"|(?:{_Y}|XXXX)-W{_WW}(?:-(?:[1-7]|WE))?(?:{_TIME})?"  # 2024-W10, XXXX-WXX-3, 2024-W10-WE
    rf"|(?:{_Y}|XXXX)-(?:Q[1-4]|H[12]|SP|SU|FA|WI|QX)"  # 2024-Q1, 2024-H2, 2024-SU
    r"|\d{3}|\d{2}"  # a decade, a century
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
)
_NUM = r"(?:\d+(?:\.\d+)?|X)"
# Units as TimeBank writes them: ISO's Y M W D, quarters, decades (E), centuries (C) and an
# unknown unit (X, "a while" PXX).
_DURATION = rf"P(?:{_NUM}[YMWDQECX])+(?:T(?:{_NUM}[HMS])+)?|PT(?:{_NUM}[HMSX])+"
TIMEX_VALUE = re.compile(rf"(?:{_DATE}|{_DURATION})")


def timex_problem(t: TimeExpression, *, inside: bool = True) -> str | None:
    """Why ``t``'s value is no TIMEX3 value (or its interval runs backwards, or with ``inside``
    leaves its value), else None.  Two documented conventions give an interval wider than the
    value ("two weeks ago" is a day in a week around it, "the 1996-97 season" is 1996 across two
    years): ``inside`` is for ranges, which have neither."""
    v = t.value
    if not TIMEX_VALUE.fullmatch(v):
        return f"value {v!r} is not TIMEX3"
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", v)
    if m:
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12 or (m[3] and not 1 <= int(m[3]) <= calendar.monthrange(y, mo)[1]):
            return f"value {v!r} is no calendar date"
    wk = re.match(r"(\d{4})-W(\d{2})", v)
    if wk and not 1 <= int(wk[2]) <= 53:
        return f"value {v!r} has no such week"
    if t.type in ("DATE", "TIME") and t.first is not None and t.last is not None:
        if t.first > t.last:
            return f"interval {t.first}..{t.last} runs backwards"
        outer = _value_span(v) if inside else None
        if outer is not None and not (outer[0] <= t.first and t.last <= outer[1]):
            return f"interval {t.first}..{t.last} lies outside its value {v!r}"
    return None


def _value_span(v: str) -> tuple[date, date] | None:
    """The days a calendar value (YYYY, YYYY-MM, YYYY-MM-DD, decade, century) covers."""
    if re.fullmatch(r"\d{2}", v):
        c = int(v) * 100
        return date(max(c, 1), 1, 1), date(c + 99, 12, 31)
    if re.fullmatch(r"\d{3}", v):
        d = int(v) * 10
        return date(max(d, 1), 1, 1), date(d + 9, 12, 31)
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", v)
    if not m:
        return None
    y = int(m[1])
    if m[2] is None:
        return date(y, 1, 1), date(y, 12, 31)
    mo = int(m[2])
    if m[3] is None:
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    day = date(y, mo, int(m[3]))
    return day, day


@pytest.mark.parametrize(
    "value", ["2024", "2024-05", "2024-05-03", "2024-05-03T10:30", "2024-W09", "2024-Q3", "2024-SU", "199", "20",
              "XXXX", "XXXX-05-03", "XXXX-WXX-3", "P3Y", "P2Y6M", "PT4H", "PXY", "PXX", "P2C", "PRESENT_REF",
              "2024-05-03TNI"],
)  # fmt: skip
def test_grammar_accepts(value: str) -> None:
    assert TIMEX_VALUE.fullmatch(value)


@pytest.mark.parametrize(
    "value", ["1", "2", "2019/2023", "2024-05-03/05", "20240503", "2024-5", "P", "199s", "", "P3", "2024-W", "XXXX-13"]
)
def test_grammar_rejects(value: str) -> None:
    assert not TIMEX_VALUE.fullmatch(value)


# --------------------------------------------------------------------------- random ranges

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip
_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
_DASHES = ["-", "–", " - ", " – "]
_FRAMES = [
    "Prices rose {r}, the ministry said.",
    "The talks will run {r}, officials said.",
    "Fighting in the region continued {r}.",
    "The company reported losses {r} and blamed the weather.",
    "{R}, the army held the northern towns.",
    "He served as mayor {r}.",
]


@dataclass(frozen=True)
class Case:
    phrase: str  # the range as written
    lo: tuple[date, date]  # the first end's days (the interval starts within them)
    hi: tuple[date, date]  # the last end's days (the interval ends within them)
    yearless: bool = False  # the year comes from the reference date: compare month and day only


def _year_unit(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def _month_unit(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _day(d: date) -> tuple[date, date]:
    return d, d


def _years(rng: random.Random) -> Case:
    a = rng.randint(1900, 2035)
    b = a + rng.choice([2, 3, 4, 5, 7, 10, 12, 20, 25])
    mods = ["", "early ", "mid-", "late "]
    ma, mb = rng.choice(mods), rng.choice(mods)
    shapes = [
        f"{a}{rng.choice(_DASHES)}{b}",
        f"from {a} to {b}",
        f"from {a} until {b}",
        f"between {a} and {b}",
        f"{a} through {b}",
        f"from {ma}{a} to {mb}{b}",
        f"between {ma}{a} and {mb}{b}",
        f"in {ma}{a}-{b}",
    ]
    if a // 100 == b // 100:
        shapes.append(f"{a}-{b % 100:02d}")
    return Case(rng.choice(shapes), _year_unit(a), _year_unit(b))


def _months(rng: random.Random) -> Case:
    y = rng.randint(1950, 2035)
    m1 = rng.randint(1, 11)
    m2 = rng.randint(m1 + 1, 12)
    y2 = y + rng.choice([1, 1, 2, 3])
    n1, n2 = rng.choice([_MONTHS, _ABBR]), _MONTHS
    mod = rng.choice(["", "early ", "late "])
    same = [
        f"{n1[m1 - 1]}{rng.choice(_DASHES)}{n2[m2 - 1]} {y}",
        f"{n1[m1 - 1]} to {n2[m2 - 1]} {y}",
        f"from {n1[m1 - 1]} to {n2[m2 - 1]} {y}",
        f"between {n1[m1 - 1]} and {n2[m2 - 1]} {y}",
        f"from {mod}{n1[m1 - 1]} to {n2[m2 - 1]} {y}",
    ]
    across = [
        f"from {n1[m2 - 1]} {y} to {n2[m1 - 1]} {y2}",
        f"between {n1[m2 - 1]} {y} and {n2[m1 - 1]} {y2}",
        f"{n1[m2 - 1]} {y}{rng.choice(_DASHES)}{n2[m1 - 1]} {y2}",
        f"from {mod}{n1[m2 - 1]} {y} to {n2[m1 - 1]} {y2}",
    ]
    if rng.random() < 0.5:
        return Case(rng.choice(same), _month_unit(y, m1), _month_unit(y, m2))
    return Case(rng.choice(across), _month_unit(y, m2), _month_unit(y2, m1))


def _nth(d: int) -> str:
    return f"{d}{'th' if d in (11, 12, 13) else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def _days(rng: random.Random) -> Case:
    first = date(rng.randint(1950, 2035), 1, 1) + timedelta(days=rng.randint(0, 364))
    last = first + timedelta(days=rng.randint(1, 40))
    m1, m2 = rng.choice([_MONTHS, _ABBR])[first.month - 1], rng.choice([_MONTHS, _ABBR])[last.month - 1]
    d1, d2, y1, y2 = first.day, last.day, first.year, last.year
    shapes: list[tuple[str, bool]] = [
        (f"from {m1} {d1}, {y1} to {m2} {d2}, {y2}", False),
        (f"between {m1} {d1}, {y1} and {m2} {d2}, {y2}", False),
        (f"{m1} {d1} {y1}{rng.choice(_DASHES)}{m2} {d2} {y2}", False),
        (f"from {first.isoformat()} to {last.isoformat()}", False),
    ]
    if y1 == y2:
        shapes += [
            (f"{m1} {d1}{rng.choice(_DASHES)}{m2} {d2}, {y1}", False),
            (f"from {m1} {d1} to {m2} {d2}, {y1}", False),
            (f"from {d1} {m1} to {d2} {m2} {y1}", False),
            (f"{m1} {d1}{rng.choice(_DASHES)}{m2} {d2}", True),
            (f"from {m1} {d1} to {m2} {d2}", True),
        ]
    if (y1, first.month) == (y2, last.month):
        shapes += [
            (f"{m1} {d1}{rng.choice(_DASHES)}{d2}, {y1}", False),
            (f"{d1}{rng.choice(_DASHES)}{d2} {m1} {y1}", False),
            (f"from {d1} to {d2} {m1} {y1}", False),
            (f"between {d1} and {d2} {m1} {y1}", False),
            (f"between {m1} {d1} and {d2}, {y1}", False),
            (f"from the {_nth(d1)} to the {_nth(d2)} of {m1} {y1}", False),
            (f"{m1} {_nth(d1)}-{_nth(d2)}, {y1}", False),
            (f"{m1} {d1}{rng.choice(_DASHES)}{d2}", True),
            (f"{m1} {d1} to {d2}", True),
            (f"from the {_nth(d1)} to the {_nth(d2)} of {m1}", True),
            (f"{d1}-{d2} {m1}", True),
        ]
    phrase, yearless = rng.choice(shapes)
    return Case(phrase, _day(first), _day(last), yearless)


_ORD = {18: "18th", 19: "19th", 20: "20th", 21: "21st"}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_QUARTER_WORDS = ["first", "second", "third", "fourth"]


def _periods(rng: random.Random) -> Case:
    """Decades, centuries, quarters and seasons: ends coarser than a month."""
    kind = rng.choice(["decade", "century", "quarter", "season"])
    if kind == "decade":
        a = rng.randrange(1900, 2020, 10)
        b = a + rng.randrange(10, 40, 10)
        phrase = rng.choice([f"from the {a}s to the {b}s", f"between the {a}s and the {b}s"])
        return Case(phrase, (date(a, 1, 1), date(a + 9, 12, 31)), (date(b, 1, 1), date(b + 9, 12, 31)))
    if kind == "century":
        a = rng.choice([18, 19, 20])
        b = rng.randint(a + 1, 21)
        phrase = rng.choice([f"from the {_ORD[a]} to the {_ORD[b]} century", f"the {_ORD[a]} and {_ORD[b]} centuries"])
        lo = (date((a - 1) * 100, 1, 1), date((a - 1) * 100 + 99, 12, 31))
        return Case(phrase, lo, (date((b - 1) * 100, 1, 1), date((b - 1) * 100 + 99, 12, 31)))
    y = rng.randint(1960, 2034)
    y2 = y + rng.choice([0, 1, 2])
    if kind == "quarter":
        q1, q2 = rng.randint(1, 4), rng.randint(1, 4)
        if y2 == y:
            q1, q2 = min(q1, q2), max(q1, q2) + (1 if q1 == q2 else 0)
            if q2 > 4:
                q1, q2 = 3, 4
        w1, w2 = _QUARTER_WORDS[q1 - 1], _QUARTER_WORDS[q2 - 1]
        phrase = rng.choice([
            f"from Q{q1} {y} to Q{q2} {y2}",
            f"the {w1} quarter of {y} through the {w2} quarter of {y2}",
            f"from the {w1} quarter of {y} to the {w2} quarter of {y2}",
        ])  # fmt: skip
        return Case(phrase, _month_unit(y, 3 * q1 - 2)[:1] + _month_unit(y, 3 * q1)[1:],
                    _month_unit(y2, 3 * q2 - 2)[:1] + _month_unit(y2, 3 * q2)[1:])  # fmt: skip
    s1, s2 = rng.choice(list(_SEASONS)), rng.choice(list(_SEASONS))
    y2 = max(y2, y + 1)
    (a1, b1), (a2, b2) = _SEASONS[s1], _SEASONS[s2]
    phrase = rng.choice([f"from {s1} {y} to {s2} {y2}", f"between {s1} {y} and {s2} {y2}"])
    return Case(phrase, (date(y, a1, 1), _month_unit(y, b1)[1]), (date(y2, a2, 1), _month_unit(y2, b2)[1]))


def _weekdays(rng: random.Random) -> Case:
    """Day ranges with their weekdays written: "from Monday, March 3 to Friday, March 7, 2025"."""
    first = date(rng.randint(1990, 2035), 1, 1) + timedelta(days=rng.randint(0, 364))
    last = first + timedelta(days=rng.randint(1, 12))
    w1, w2 = first.strftime("%A"), last.strftime("%A")
    m1, m2 = _MONTHS[first.month - 1], _MONTHS[last.month - 1]
    phrase = rng.choice([
        f"from {w1}, {m1} {first.day}, {first.year} to {w2}, {m2} {last.day}, {last.year}",
        f"between {w1}, {m1} {first.day}, {first.year} and {w2}, {m2} {last.day}, {last.year}",
    ])  # fmt: skip
    return Case(phrase, _day(first), _day(last))


_MAKERS: list[Callable[[random.Random], Case]] = [_years, _months, _days, _periods, _weekdays]


def _cases(n: int, seed: int) -> list[tuple[str, date, Case, int]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        case = rng.choice(_MAKERS)(rng)
        frame = rng.choice(_FRAMES)
        text = frame.replace("{R}", case.phrase[:1].upper() + case.phrase[1:]).replace("{r}", case.phrase)
        ref = date(2000, 1, 1) + timedelta(days=rng.randint(0, 365 * 35))
        out.append((text, ref, case, text.index(case.phrase[1:]) - 1))
    return out


def _range_problem(text: str, ref: date, case: Case, at: int) -> str | None:
    found = TAGGER.tag(text, ref)
    for t in found:
        bad = timex_problem(t)
        if bad is not None:
            return f"{t.text!r}: {bad}"
    end = at + len(case.phrase)
    over = [t for t in found if t.start < end and t.end > at]
    if len(over) != 1:
        return f"{len(over)} expressions over the range: {[(t.text, t.value) for t in over]}"
    t = over[0]
    core = re.sub(r"^(?i:from|between|in)\s+", "", case.phrase)
    if t.text.lower().find(core.lower()) < 0:
        return f"{t.text!r} does not cover {core!r}"
    if t.first is None or t.last is None:
        return f"{t.text!r} ({t.value}) has no interval"
    if case.yearless:
        if (t.first.month, t.first.day) != (case.lo[0].month, case.lo[0].day) or (t.last.month, t.last.day) != (
            case.hi[1].month,
            case.hi[1].day,
        ):
            return f"{t.text!r}: {t.first}..{t.last}"
        return None
    if not (case.lo[0] <= t.first <= case.lo[1] and case.hi[0] <= t.last <= case.hi[1]):
        return f"{t.text!r} ({t.value}): {t.first}..{t.last}, want from {case.lo} to {case.hi}"
    return None


@pytest.mark.parametrize("seed", range(4))
def test_random_ranges(seed: int) -> None:
    problems = []
    for text, ref, case, at in _cases(750, seed):
        bad = _range_problem(text, ref, case, at)
        if bad is not None:
            problems.append(f"{text!r} (ref {ref}): {bad}")
    assert not problems, f"{len(problems)} bad ranges, e.g.\n" + "\n".join(problems[:15])


def test_random_ranges_unjoined_values() -> None:
    """Without joining (as TempEval is scored) the ends are dates of their own: TIMEX3 values too."""
    problems = []
    for text, ref, _, _ in _cases(750, 99):
        for t in TAGGER.tag(text, ref, ranges=False):
            bad = timex_problem(t)
            if bad is not None:
                problems.append(f"{text!r} (ref {ref}): {t.text!r}: {bad}")
    assert not problems, f"{len(problems)} bad values, e.g.\n" + "\n".join(problems[:15])


def test_backward_ranges_are_not_joined() -> None:
    """"from 2005 to 1998", "May 20-3": no interval may run backwards, whatever is tagged."""
    rng = random.Random(7)
    problems = []
    for _ in range(300):
        a = rng.randint(1950, 2030)
        b = a - rng.randint(1, 30)
        m = rng.choice(_MONTHS)
        d1 = rng.randint(2, 28)
        for phrase in (f"from {a} to {b}", f"{a}-{b}", f"between {a} and {b}", f"{m} {d1}-{rng.randint(1, d1 - 1)}",
                       f"from {m} {d1}, {a} to {m} {d1}, {b}"):  # fmt: skip
            text = f"Prices rose {phrase}, the ministry said."
            for t in TAGGER.tag(text, date(2024, 6, 1)):
                bad = timex_problem(t)
                if bad is not None:
                    problems.append(f"{text!r}: {t.text!r}: {bad}")
    assert not problems, f"{len(problems)} bad values, e.g.\n" + "\n".join(problems[:15])


def test_every_case_text_has_timex_values() -> None:
    """Every expression of every written case (joined or not) has a TIMEX3 value."""
    cases = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    problems = []
    for case in cases:
        ref = case["ref"] if isinstance(case["ref"], date) else date.fromisoformat(str(case["ref"]))
        for joined in (True, False):
            for t in TAGGER.tag(case["text"], ref, ranges=joined):
                bad = timex_problem(t, inside=False)
                if bad is not None:
                    problems.append(f"{case['text']!r}: {t.text!r}: {bad}")
    assert not problems, "\n".join(problems[:15])


_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.mark.parametrize("frame, side", [("Fighting went on from {a} to {b}, officials said.", "past"),
                                         ("The talks will run from {a} to {b}.", "future")])  # fmt: skip
def test_weekday_ranges(frame: str, side: str) -> None:
    """Every pair of weekdays, written on every day of a week: one range, first..last on those
    weekdays and under a week long, wholly before the day written (past clause) or ending after
    it (future: a single weekday just gone may still be taken against the tense)."""
    problems = []
    for ref in (date(2031, 3, 17) + timedelta(days=i) for i in range(7)):
        for i, a in enumerate(_WEEKDAYS):
            for j, b in enumerate(_WEEKDAYS):
                if i == j:
                    continue
                text = frame.format(a=a, b=b)
                found = [t for t in TAGGER.tag(text, ref) if t.type == "DATE"]
                if len(found) != 1 or found[0].first is None or found[0].last is None:
                    problems.append(f"{text!r} (ref {ref:%a %Y-%m-%d}): {[(t.text, t.value) for t in found]}")
                    continue
                f, last = found[0].first, found[0].last
                ok = (f.weekday(), last.weekday()) == (i, j) and 0 < (last - f).days < 7
                ok = ok and (last <= ref if side == "past" else last >= ref)
                if not ok:
                    problems.append(f"{text!r} (ref {ref:%a %Y-%m-%d}): {f:%a %Y-%m-%d}..{last:%a %Y-%m-%d}")
    assert not problems, f"{len(problems)} bad weekday ranges, e.g.\n" + "\n".join(problems[:15])
