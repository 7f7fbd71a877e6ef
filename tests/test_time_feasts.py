"""Movable feasts: calendar facts that hold every year, and a few known dates."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from dateline.time import feasts

YEARS = range(1950, 2071)


def test_western_easter_is_a_sunday_between_march_22_and_april_25() -> None:
    for y in YEARS:
        d = feasts.easter(y)
        assert d.weekday() == 6 and date(y, 3, 22) <= d <= date(y, 4, 25), y


def test_orthodox_easter_is_a_sunday_between_april_4_and_may_8_never_before_western_easter() -> None:
    for y in YEARS:
        d = feasts.orthodox_easter(y)
        assert d.weekday() == 6 and date(y, 4, 4) <= d <= date(y, 5, 8), y
        assert d >= feasts.easter(y), y


@pytest.mark.parametrize(
    ("y", "western", "orthodox"),
    [(2000, date(2000, 4, 23), date(2000, 4, 30)), (2025, date(2025, 4, 20), date(2025, 4, 20)),
     (2026, date(2026, 4, 5), date(2026, 4, 12)), (2038, date(2038, 4, 25), date(2038, 4, 25))],
)
def test_known_easters(y: int, western: date, orthodox: date) -> None:
    assert (feasts.easter(y), feasts.orthodox_easter(y)) == (western, orthodox)


def test_ramadan_lasts_29_or_30_days_and_eid_al_fitr_is_the_day_after() -> None:
    starts = []
    for y in range(1990, 2060):
        for first, last in feasts.in_year("ramadan", y):
            assert (last - first).days + 1 in (29, 30)
            (eid,) = [o for o in feasts.occurrences("eid al-fitr", first) if o[0] > first][:1]
            assert eid == (last + timedelta(days=1),) * 2
            starts.append(first)
    gaps = {(b - a).days for a, b in itertools.pairwise(starts)}
    assert gaps <= {353, 354, 355, 356}, gaps  # a lunar year


def test_a_gregorian_year_can_hold_two_ramadans() -> None:
    assert [o[0] for o in feasts.in_year("ramadan", 2030)] == [date(2030, 1, 5), date(2030, 12, 26)]


def test_eid_al_adha_is_the_tenth_day_two_months_after_eid_al_fitr() -> None:
    for y in range(2000, 2040):
        (fitr,) = feasts.in_year("eid al-fitr", y)[:1]
        adha = next(o for o in feasts.occurrences("eid al-adha", fitr[0]) if o[0] > fitr[0])
        assert 67 <= (adha[0] - fitr[0]).days <= 69, y  # two months of 29 or 30 days, and 9


def test_the_lunar_new_year_falls_between_january_21_and_february_20() -> None:
    for y in range(1950, 2051):
        d = feasts.lunar_new_year(y)
        assert d is not None and date(y, 1, 21) <= d <= date(y, 2, 20), y
    assert feasts.lunar_new_year(2026) == date(2026, 2, 17)
    assert feasts.lunar_new_year(2051) is None  # past the end of the calendar's table


def test_outside_the_islamic_table_there_is_no_occurrence() -> None:
    assert feasts.occurrences("ramadan", date(1800, 1, 1)) == []
