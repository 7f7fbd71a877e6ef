"""Text rendering: date labels show their precision, highlights mark trigger and time phrase."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.records import EventDate
from dateline.render import TIME, TRIGGER, date_label, highlight, table

LABELS = [
    (("2025-01-09", date(2025, 1, 9), date(2025, 1, 9)), "2025-01-09"),
    (("2025-01", date(2025, 1, 1), date(2025, 1, 31)), "2025-01"),
    (("2024", date(2024, 1, 1), date(2024, 12, 31)), "2024"),
    ((None, date(2025, 6, 16), date(2025, 6, 17)), "~2025-06-16..17"),
    (("2025-W22", date(2025, 5, 26), date(2025, 6, 1)), "~2025-05-26..06-01"),
    ((None, date(2024, 12, 30), date(2025, 1, 2)), "~2024-12-30..2025-01-02"),
    ((None, date(2025, 2, 1), date(2025, 2, 28)), "2025-02"),
    (("PAST_REF", None, None), "????-??-??"),
    ((None, None, None), "????-??-??"),
]


@pytest.mark.parametrize(("given", "label"), LABELS)
def test_date_labels(given: tuple, label: str) -> None:
    assert date_label(EventDate(*given, None, None, "x")) == label


def test_highlight_marks_spans_in_document_offsets() -> None:
    text = "Troops crossed the river on Monday."
    offset = 100  # the sentence starts at character 100 of the document
    spans = [(107, 114, TRIGGER), (125, 134, TIME)]
    assert highlight(text, offset, spans, color=False) == "Troops [[crossed]] the river {{on Monday}}."
    colored = highlight(text, offset, spans, color=True)
    assert colored == "Troops \x1b[1;33mcrossed\x1b[0m the river \x1b[1;36mon Monday\x1b[0m."


def test_highlight_skips_spans_outside_or_overlapping() -> None:
    text = "Troops crossed the river."
    spans = [(7, 14, TRIGGER), (10, 20, TIME), (40, 45, TIME)]
    assert highlight(text, 0, spans, color=False) == "Troops [[crossed]] the river."


def test_table_cuts_long_cells() -> None:
    out = table([("a", "x" * 100)], ("id", "text"), max_width=10).splitlines()
    assert out[0].split() == ["id", "text"] and out[2] == "a   xxxxxxxxx…"
