"""The collector's thresholds during a batch job, and after it."""

from __future__ import annotations

import gc

import pytest

from dateline.scale.collector import YOUNG, batch_collection


def test_the_young_generation_is_collected_less_often_while_the_block_runs() -> None:
    before = gc.get_threshold()
    with batch_collection():
        inside = gc.get_threshold()
    assert inside == (max(YOUNG, before[0]), *before[1:])
    assert gc.get_threshold() == before


def test_a_higher_threshold_is_kept_and_an_error_restores_the_old_one() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(YOUNG * 2, *before[1:])
        with batch_collection():
            assert gc.get_threshold()[0] == YOUNG * 2  # never more often than it was
        with pytest.raises(RuntimeError), batch_collection(young=YOUNG // 2):
            raise RuntimeError("boom")
        assert gc.get_threshold() == (YOUNG * 2, *before[1:])
    finally:
        gc.set_threshold(*before)
