"""Time-expression cases from dateline/data/time/cases.yaml, one test per case."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from dateline.time import TimeTagger

CASES_FILE = Path(__file__).resolve().parents[1] / "dateline" / "data" / "time" / "cases.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
TAGGER = TimeTagger()


def _iso(v: Any) -> str:
    return v.isoformat() if isinstance(v, date) else str(v)


@pytest.mark.parametrize("case", CASES, ids=[f"{i}:{c['text'][:40]}" for i, c in enumerate(CASES)])
def test_case(case: dict[str, Any]) -> None:
    ref = case["ref"] if isinstance(case["ref"], date) else date.fromisoformat(str(case["ref"]))
    found = TAGGER.tag(case["text"], ref, ranges=case.get("ranges", True))
    by_text = {e.text: e for e in found}
    for exp in case["expect"]:
        assert exp["text"] in by_text, f"{exp['text']!r} not found in {[e.text for e in found]}"
        got = by_text[exp["text"]]
        for key, want in exp.items():
            if key == "text":
                continue
            have = getattr(got, key)
            assert _iso(have) == _iso(want), f"{exp['text']!r}.{key}: {have!r} != {want!r}"
    if case.get("only"):
        assert sorted(by_text) == sorted(e["text"] for e in case["expect"])


def test_offsets_sorted_and_disjoint() -> None:
    text = " ".join(c["text"] for c in CASES)
    found = TAGGER.tag(text, date(2031, 3, 21))
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for e in found:
        assert text[e.start : e.end] == e.text


def test_caller_tense_decides_bare_weekday() -> None:
    text = "The leaders meet Monday."
    past = TAGGER.tag(text, date(2031, 3, 21), sentences=[(0, len(text))], tenses=["past"])
    future = TAGGER.tag(text, date(2031, 3, 21), sentences=[(0, len(text))], tenses=["future"])
    assert past[0].value == "2031-03-17"
    assert future[0].value == "2031-03-24"
