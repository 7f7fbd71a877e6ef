"""The decision-kind breakdown of TempEval-3 value errors and the learned past/future check."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.bench.tempeval_kinds import Decision, _candidates, kind_of, predict, train_list


@pytest.mark.parametrize(
    ("gold", "system", "kind"),
    [
        ("2031-W7", "2031-W07", "gold-form"),
        ("PAST_REF", "2030", "ref"),
        ("P1Y", "2030", "type"),
        ("P2Y", "P3Y", "duration"),
        ("2030-WXX", "2030-W42", "unspecified"),
        ("XXXX-WXX-2", "2030-03-05", "unspecified"),
        ("2030-Q3", "2030", "granularity"),
        ("2030-10-16", "2030-W42", "granularity"),
        ("2030-03-01", "2030-03-08", "direction-late"),
        ("2031", "2030", "direction-early"),
        ("2031-SP", "2031-FA", "direction-late"),
    ],
)
def test_value_errors_fall_in_one_kind(gold: str, system: str, kind: str) -> None:
    assert kind_of(gold, system) == kind


def test_candidates_of_a_bare_weekday_month_day_and_month() -> None:
    ref = date(2031, 3, 19)  # a Wednesday
    back, fwd, past, fut = _candidates("weekday", ref, date(2031, 3, 17))  # a Monday
    assert (back, fwd, past, fut) == (2, 5, date(2031, 3, 17), date(2031, 3, 24))
    back, fwd, past, fut = _candidates("date-month-day", ref, date(2031, 4, 2))
    assert (past, fut) == (date(2030, 4, 2), date(2031, 4, 2)) and fwd == 14
    back, fwd, past, fut = _candidates("month", ref.replace(day=1), date(2031, 1, 1))
    assert (back, fwd, past, fut) == (2, 10, date(2031, 1, 1), date(2032, 1, 1))


def _d(tense: str, back: int, fwd: int, gold: str) -> Decision:
    return Decision("weekday", tense, back, fwd, gold, gold, 0)


def test_decision_list_backs_off_to_coarser_cells() -> None:
    train = [_d("past", 1, 6, "P")] * 4 + [_d("future", 5, 2, "F")] * 3 + [_d("past", 6, 1, "F")]
    tables = train_list(train)
    assert predict(tables, _d("past", 2, 5, "P")) == "P"  # its own cell
    assert predict(tables, _d("past", 6, 1, "P")) == "P"  # one case: the tense's cell decides
    assert predict(tables, _d("none", 3, 4, "P")) == "P"  # unseen tense: the overall majority
    assert _d("future", 5, 2, "F").nearness == "Fx2"
