"""End to end with the real NLP pipeline: files in, stored reports and events out, export valid."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dateline.api import Dateline
from dateline.export import contract_problems
from dateline.settings import Settings

pytestmark = pytest.mark.slow

ARTICLE = """Coastal states sign fisheries accord

The foreign minister of Chile, Ana Torres, met Peruvian President Luis Mendoza in Lima on 4 March 2025 \
to sign a fisheries agreement, officials said.

The two governments agreed on Wednesday to hold joint patrols along the maritime border next year.

On 3 March 2025, protesters gathered outside the congress building in Lima to demand higher wages.
"""


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dateline, Path]:
    folder = tmp_path_factory.mktemp("e2e")
    (folder / "accord.txt").write_text(ARTICLE, encoding="utf-8")
    dl = Dateline(folder / "t.db", Settings())
    report = dl.ingest([folder / "accord.txt"])
    assert (report.added, report.rejected) == (1, 0), report.messages
    return dl, folder


def test_the_real_pipeline_output_is_stored_with_its_evidence(ingested: tuple[Dateline, Path]) -> None:
    dl, _ = ingested
    (doc,) = dl.documents()
    text = dl.document_text(doc.id)
    events = dl.events()
    assert events, "the pipeline found no event in a plain meeting report"
    assert doc.n_reports == sum(e.n_sources for e in events)
    for ev in events:
        for s in ev.sources:
            assert text[s.start : s.end] == s.sentence
            assert s.start <= s.trigger_start < s.trigger_end <= s.end
            assert text[s.trigger_start : s.trigger_end] == s.trigger
            if s.date.phrase_start is not None:
                assert text[s.date.phrase_start : s.date.phrase_end] == s.date.phrase
    counts = dl.store().counts()
    assert counts["sentences"] >= 3 and counts["mentions"] > 0 and counts["time_expressions"] > 0


def test_export_of_real_output_meets_the_contract(ingested: tuple[Dateline, Path]) -> None:
    dl, _ = ingested
    out = io.StringIO()
    n = dl.export("jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == n > 0
    assert [p for r in records for p in contract_problems(r)] == []


def test_reingest_does_not_load_the_pipeline(ingested: tuple[Dateline, Path]) -> None:
    _, folder = ingested

    def refuse() -> None:
        raise AssertionError("the pipeline was loaded for an unchanged document")

    again = Dateline(folder / "t.db", Settings(), pipeline=refuse)  # type: ignore[arg-type]
    before = again.store().counts(), [e.id for e in again.events()]
    assert again.ingest([folder / "accord.txt"]).unchanged == 1
    assert (again.store().counts(), [e.id for e in again.events()]) == before
