"""The cross-validation tool of the TempEval-3 harness: folds and gold/system pairing."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

from dateline.bench.tempeval_folds import FOLDS, Pair, compare, fold_of, pairs_of
from dateline.bench.tempeval_io import GoldTimex, TimeMLDoc
from dateline.records import TimeExpression


def test_folds_are_stable_and_spread() -> None:
    names = [f"doc{i:03d}" for i in range(200)]
    folds = [fold_of(n) for n in names]
    assert folds == [fold_of(n) for n in names]
    counts = Counter(folds)
    assert set(counts) == set(range(FOLDS))
    assert min(counts.values()) >= 20  # no fold nearly empty


def _expr(start: int, end: int, text: str, value: str) -> TimeExpression:
    return TimeExpression(start=start, end=end, text=text, type="DATE", value=value, rule="weekday", anchor="dct")


def test_pairs_take_the_most_overlapping_system_timex() -> None:
    text = "They met late on Friday night."
    gold = [GoldTimex(16, 22, "Friday", "DATE", "2031-03-21")]
    doc = TimeMLDoc("d", "", text, text, list(range(len(text) + 1)), date(2031, 3, 21), "t0", gold)
    system = [_expr(9, 16, "late on", "X"), _expr(16, 28, "Friday night", "2031-03-21")]
    (p,) = pairs_of(doc, system)
    assert p.sys_text == "Friday night" and p.ok and p.key == "d:16"


def test_compare_counts_fixed_and_broken(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"ok": {"a:1": True, "b:2": False}, "value": {"a:1": "1", "b:2": "x"}}))
    new = [Pair("a", "t", "1", 1, "t", "2", "r", "dct"), Pair("b", "t", "2", 2, "t", "2", "r", "dct")]
    out = compare(new, {"a": fold_of("a"), "b": fold_of("b")}, old, show=True)
    assert "net +0" in out and "fixed" in out and "BROKE" in out
