"""A Dask ingest stores what a serial run stores whichever batch its workers finish first.

The actor registry learns in the order documents are stored ("Alma Reyes" then "Alma Reyes
Ortiz" is one person named after the first; the other way round, after the second), and the
merging of a chunk of documents into events reads the registry as it is then.  Here the first
batch is analysed last on purpose (its pipeline sleeps), on SQLite (the analyses come back to be
stored here) and on PostgreSQL (the workers store them): the store must be the serial run's, and
each chunk must be merged when the store holds what a serial run holds at that point.  The
workers build the fake pipelines of helpers_store (classes, pickled by reference), so these
tests do not load the spaCy model.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers_store import FakePipeline, make_document
from test_parallel_ingest import SETTINGS, SlowFake, corpus, snapshot

import dateline.api
from dateline.api import Dateline
from dateline.records import Analysis, Document, Rejection
from dateline.store.database import Store

FIRST = "doc-00"  # the first batch holds it


class FirstBatchLast(FakePipeline):
    """The fake pipeline taking 1.5 s over the batch holding FIRST and 10 ms a document over the
    others: with two workers every later batch is analysed (and, on PostgreSQL, stored) first."""

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]:
        docs = list(documents)
        time.sleep(1.5 if any(d.id == FIRST for d in docs) else 0.01 * len(docs))
        yield from super().analyse_many(docs)


def named_twice(n: int = 16) -> list[Document]:
    """Invented articles: a person is "Alma Reyes" in the first article only and "Alma Reyes
    Ortiz" in the later ones, so the registry's person depends on which it learns first."""
    docs = []
    for i in range(n):
        who = "Alma Reyes" if i == 0 else ("Alma Reyes Ortiz" if i % 3 == 1 else "Tomas Varga")
        day = date(2024, 6, 1) + timedelta(days=i % 4)
        text = f"{who} met Ilse Brandt on {day.isoformat()}. Filed by desk {i}."
        docs.append(make_document(f"doc-{i:02d}", text, published=day + timedelta(days=1)))
    return docs


@pytest.fixture(autouse=True)
def helpers_importable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes import helpers_store and this module to unpickle the fake pipelines."""
    here = str(Path(__file__).resolve().parent)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p))


def client_stores_nothing(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL the workers store: storing in this process is an error."""
    if backend == "postgres":

        def refuse(*_: object) -> None:
            raise AssertionError("the client stored a document")

        monkeypatch.setattr(Store, "save_analysis", refuse)
        monkeypatch.setattr(Store, "save_analyses", refuse)


def test_the_batch_finished_last_is_still_stored_first(db_factory: Callable[[], str], backend: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    with Dateline(db_factory(), SETTINGS, pipeline=FakePipeline) as dl:
        dl.ingest_documents(named_twice())
        expected = snapshot(dl)
    people = {a for a in expected["actors"] if a[0].startswith("person:")}
    assert ("person:alma-reyes", "Alma Reyes") in people and not any("ortiz" in a for a, _ in people)
    client_stores_nothing(backend, monkeypatch)
    with Dateline(db_factory(), SETTINGS, pipeline=FirstBatchLast) as dl:
        report = dl.ingest_documents(named_twice(), workers=2, dask="local")
        assert (report.added, report.rejected) == (16, 0)
        assert snapshot(dl) == expected
        stats = dl.run_stats
        assert stats is not None and sum(w.documents for w in stats.workers.values()) == 16


def test_each_chunk_is_merged_when_the_store_holds_what_a_serial_run_holds(
    db_factory: Callable[[], str], backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Merging every 5 documents with batches of 4: when a chunk is merged the store holds the
    documents up to it and none after, as in a serial run (a worker storing ahead would change
    the actors the chunk's reports are merged by)."""
    monkeypatch.setattr(dateline.api, "RESOLVE_EVERY", 5)
    seen: list[tuple[int | None, int]] = []
    real = Store.resolve

    def spy(self: Store, doc_ids: Any = None) -> Any:
        seen.append((None if doc_ids is None else len(doc_ids), self.counts()["documents"]))
        return real(self, doc_ids)

    monkeypatch.setattr(Store, "resolve", spy)
    with Dateline(db_factory(), SETTINGS, pipeline=SlowFake) as dl:
        dl.ingest_documents(corpus())
        expected = snapshot(dl)
    assert seen == [(5, 5), (5, 10), (5, 15), (5, 20), (None, 23)]  # doc-07 is rejected: 23 stored
    seen.clear()
    client_stores_nothing(backend, monkeypatch)
    with Dateline(db_factory(), SETTINGS, pipeline=SlowFake) as dl:
        dl.ingest_documents(corpus(), workers=2, dask="local")
        assert snapshot(dl) == expected
    assert seen == [(5, 5), (5, 10), (5, 15), (5, 20), (None, 23)]
