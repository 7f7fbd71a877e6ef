"""Movable feasts: the days of holidays whose Gregorian date changes every year.

News dates truces, offensives and amnesties by them ("a truce over Eid al-Fitr", "the Easter
ceasefire", "shelling during Ramadan", "before the Lunar New Year holiday"), so each is a
calendar computation here, not a table of guesses:

- Western Easter by the Gregorian computus; Orthodox Easter by the Julian one, moved onto the
  Gregorian calendar (Good Friday, Easter Monday and their Orthodox twins follow).
- Ramadan, Eid al-Fitr and Eid al-Adha on the Umm al-Qura calendar of Saudi Arabia
  (``hijridate``, 1924-2077).  Countries that sight the moon may keep them a day later; the
  value is the Umm al-Qura day all the same, the one most reports go by.
- The lunar new year (Chinese, Korean Seollal) on the Korean astronomical calendar
  (``korean_lunar_calendar``, up to 2050), which gives the Chinese date in the years news is
  about.

Every function answers for the occurrences *around* a day, because the Islamic year is shorter
than the Gregorian one (2030 holds two starts of Ramadan)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

Occurrence = tuple[date, date]  # first and last day, closed


def easter(y: int) -> date:
    """Western Easter Sunday of year ``y`` (Gregorian computus)."""
    golden = y % 19
    century, yc = divmod(y, 100)
    leap_skip, century_rest = divmod(century, 4)
    moon_fix = (century + 8) // 25
    moon_corr = (century - moon_fix + 1) // 3
    epact = (19 * golden + century - leap_skip - moon_corr + 15) % 30
    yq, yr = divmod(yc, 4)
    weekday_fix = (32 + 2 * century_rest + 2 * yq - epact - yr) % 7
    shift = (golden + 11 * epact + 22 * weekday_fix) // 451
    month, day = divmod(epact + weekday_fix - 7 * shift + 114, 31)
    return date(y, month, day + 1)


def orthodox_easter(y: int) -> date:
    """Orthodox Easter Sunday of year ``y``: the Julian computus, moved onto the Gregorian calendar."""
    a, b, c = y % 4, y % 7, y % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian_to_gregorian = y // 100 - y // 400 - 2  # 13 days from 1900 to 2099
    return date(y, month, day + 1) + timedelta(days=julian_to_gregorian)


# Islamic months and days of the feasts: (month, first day, days it lasts; None: the whole month)
_HIJRI = {"ramadan": (9, 1, None), "eid al-fitr": (10, 1, 1), "eid al-adha": (12, 10, 1)}


@lru_cache(maxsize=256)
def _hijri_occurrence(feast: str, hijri_year: int) -> Occurrence | None:
    from hijridate import Hijri  # a pure-Python table; loaded on first use

    month, day, days = _HIJRI[feast]
    try:
        first = _plain(Hijri(hijri_year, month, day).to_gregorian())
        if days is None:
            nxt = (hijri_year, month + 1) if month < 12 else (hijri_year + 1, 1)
            last = _plain(Hijri(*nxt, 1).to_gregorian()) - timedelta(days=1)
        else:
            last = first + timedelta(days=days - 1)
    except (ValueError, OverflowError):
        return None  # outside the Umm al-Qura table
    return first, last


def _plain(d: date) -> date:
    return date(d.year, d.month, d.day)  # hijridate's Gregorian is a date subclass


def _hijri_year(d: date) -> int | None:
    from hijridate import Gregorian

    try:
        return int(Gregorian(d.year, d.month, d.day).to_hijri().year)
    except (ValueError, OverflowError):
        return None


@lru_cache(maxsize=256)
def lunar_new_year(y: int) -> date | None:
    """The first day of the lunar year that begins in Gregorian year ``y``."""
    from korean_lunar_calendar import KoreanLunarCalendar

    cal = KoreanLunarCalendar()
    if not cal.setLunarDate(y, 1, 1, False):
        return None  # outside the calendar's table
    return date.fromisoformat(cal.SolarIsoFormat())


def occurrences(feast: str, around: date) -> list[Occurrence]:
    """The occurrences of ``feast`` from about a year before ``around`` to a year after, in order.

    ``feast`` is one of: easter, good friday, easter monday, orthodox easter, orthodox good
    friday, ramadan, eid al-fitr, eid al-adha, lunar new year."""
    out: list[Occurrence] = []
    if feast in _HIJRI:
        hy = _hijri_year(around)
        if hy is None:
            return []
        for y in (hy - 2, hy - 1, hy, hy + 1, hy + 2):
            occ = _hijri_occurrence(feast, y)
            if occ is not None:
                out.append(occ)
        return out
    for y in (around.year - 1, around.year, around.year + 1):
        d = _day_of(feast, y)
        if d is not None:
            out.append((d, d))
    return out


def in_year(feast: str, y: int) -> list[Occurrence]:
    """The occurrences of ``feast`` that begin in Gregorian year ``y``."""
    return [o for o in occurrences(feast, date(y, 7, 1)) if o[0].year == y]


def _day_of(feast: str, y: int) -> date | None:
    if feast == "lunar new year":
        return lunar_new_year(y)
    orthodox = feast.startswith("orthodox ")
    base = orthodox_easter(y) if orthodox else easter(y)
    shift = {"easter": 0, "good friday": -2, "easter monday": 1}[feast.removeprefix("orthodox ")]
    return base + timedelta(days=shift)
