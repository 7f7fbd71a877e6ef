"""Score floors on the TempEval-3 TBAQ split (reads ../shared; skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.bench.tempeval import run
from dateline.bench.tempeval_score import measures

TBAQ = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "tempeval3" / "TBAQ-cleaned"

# Floors a little under the measured figures: a drop below them is a regression.
FLOORS = {"dev": (0.898, 0.849), "heldout": (0.86, 0.76)}  # (strict F1, value F1)


@pytest.mark.shared
@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_tempeval_floors(split: str, tmp_path: Path) -> None:
    if not TBAQ.is_dir():
        pytest.skip("../shared/bench/tempeval3 is absent")
    total = run(TBAQ, tmp_path, TBAQ, split)
    assert total is not None
    m = measures(total)
    strict, value = FLOORS[split]
    assert m.strict_f1 >= strict, m.table()
    assert m.value_f1 >= value, m.table()
