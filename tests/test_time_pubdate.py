"""Publication date inferred from article text (invented articles + the shared seed)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from dateline.time import infer_reference_date

CASES_FILE = Path(__file__).resolve().parents[1] / "dateline" / "data" / "time" / "pubdate_cases.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_inferred_date(case: dict[str, Any]) -> None:
    got = infer_reference_date(case["text"])
    if case["expect"] is None:
        assert got is None
        return
    assert got is not None
    assert got.value == case["expect"]
    assert got.source == "inferred"
    assert got.inferred
    assert got.evidence
    assert 0.0 < got.confidence <= 1.0


def test_evidence_names_the_phrases() -> None:
    got = infer_reference_date(CASES[0]["text"])
    assert got is not None
    assert "Oct. 2" in got.evidence and "Thursday" in got.evidence


@pytest.mark.shared
def test_seed_without_date_infers_its_friday() -> None:
    seeds = sorted((SHARED / "seeds").glob("000_*.txt")) if SHARED.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seeds is absent")
    # The seed's true date is the Friday stated in ../shared/README.md (not written here).
    stated = re.search(r"Friday (\d{4}-\d\d-\d\d)", (SHARED / "README.md").read_text(encoding="utf-8"))
    assert stated is not None
    got = infer_reference_date(seeds[0].read_text(encoding="utf-8"))
    assert got is not None
    assert got.value == date.fromisoformat(stated.group(1))
    assert got.value.weekday() == 4
