"""Quantities read from a parsed sentence: what is counted, and numbers that count nothing."""

from __future__ import annotations

import pytest

from dateline.events.quantities import quantities
from dateline.pipeline import Pipeline


def _read(pipeline: Pipeline, text: str) -> list[tuple[float, str | None]]:
    doc = pipeline.nlp(text)
    return [(q.value, q.item) for q in quantities(doc, set(), {})]


@pytest.mark.slow
def test_counts_keep_their_items(pipeline: Pipeline) -> None:
    assert _read(pipeline, "Gunmen killed 12 villagers and burned 40 houses.") == [(12, "villagers"), (40, "houses")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Coast guard cutters rammed the supply boat Unity Star 5 near the reef.",
        "The wreckage of Flight 17 was found near the border.",
    ],
)
def test_a_number_after_a_name_is_part_of_it(pipeline: Pipeline, text: str) -> None:
    assert _read(pipeline, text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "A one-way attack drone hit the tanker before dawn.",
        "The rebels agreed to a 30-day truce in the capital.",
    ],
)
def test_a_number_in_a_compound_adjective_counts_nothing(pipeline: Pipeline, text: str) -> None:
    assert _read(pipeline, text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Taiwan will set up a US$200 million fund.", "USD"),
        ("Taipei announced a credit programme worth one billion US dollars.", "USD"),
        ("Germany pledged 48 million euros in aid.", "EUR"),
        ("Canberra pledged 2 million Australian dollars for the Red Cross.", "AUD"),
        ("The ministry spent 30 million dollars on the road.", None),  # whose dollars: not said
    ],
)
def test_a_sum_of_money_keeps_its_currency(pipeline: Pipeline, text: str, unit: str | None) -> None:
    assert [q.unit for q in quantities(pipeline.nlp(text), set(), {})] == [unit]
