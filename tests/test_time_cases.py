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
    if "tense" in case:  # the tense a parser gives the (single) sentence
        text = case["text"]
        ranges = case.get("ranges", True)
        found = TAGGER.tag(text, ref, sentences=[(0, len(text))], tenses=[case["tense"]], ranges=ranges)
    else:
        found = TAGGER.tag(case["text"], ref, ranges=case.get("ranges", True))
    for exp in case["expect"]:
        same_text = [e for e in found if e.text == exp["text"]]
        assert same_text, f"{exp['text']!r} not found in {[e.text for e in found]}"
        problems = []
        for got in same_text:
            wrong = [
                f"{key}: {_iso(getattr(got, key))!r} != {_iso(want)!r}"
                for key, want in exp.items()
                if key != "text" and _iso(getattr(got, key)) != _iso(want)
            ]
            if not wrong:
                break
            problems.append(wrong)
        else:
            raise AssertionError(f"{exp['text']!r}: {problems}")
    if case.get("only"):
        assert sorted(e.text for e in found) == sorted(e["text"] for e in case["expect"])


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


def test_local_cue_outweighs_caller_sentence_tense() -> None:
    # The parser gives the main verb's tense ("said": past); the clause of the weekday is future.
    text = "Officials said the talks will resume Monday."
    found = TAGGER.tag(text, date(2031, 3, 21), sentences=[(0, len(text))], tenses=["past"])
    assert [(e.text, e.value) for e in found] == [("Monday", "2031-03-24")]


def test_caller_sentence_tense_used_without_local_cue() -> None:
    text = "Monday: the summit in the capital."
    past = TAGGER.tag(text, date(2031, 3, 21), sentences=[(0, len(text))], tenses=["past"])
    future = TAGGER.tag(text, date(2031, 3, 21), sentences=[(0, len(text))], tenses=["future"])
    assert (past[0].value, future[0].value) == ("2031-03-17", "2031-03-24")


def test_month_may_is_no_modal() -> None:
    from dateline.time.tense import local_tense

    text = "Exports fell in May. Sales may recover in June."
    june = text.index("June")
    assert local_tense(text, june, june + 4, text.index("Sales"), None) == "future"
    # "May" the month carries no tense: the sentence's (here none) applies
    text2 = "The May figures, Tuesday"
    assert local_tense(text2, 17, 24, 0, None) is None
