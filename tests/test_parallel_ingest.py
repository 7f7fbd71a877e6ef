"""Parallel ingestion: worker processes (``workers=N``) and a Dask LocalCluster (``dask="local"``)
give the same store as a serial ingest, on SQLite and PostgreSQL; rejections made in a worker
come back; a second run analyses nothing.  The workers build a slowed fake pipeline (helpers_store's;
a class, pickled by reference), so these tests do not load the spaCy model."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers_store import FakePipeline, make_document
from sqlalchemy import select

from dateline.api import Dateline
from dateline.errors import InvalidQuery
from dateline.records import Analysis, Document, Rejection
from dateline.settings import Settings
from dateline.store import schema as S

NAMES = ["Alma Reyes", "Tomas Varga", "Ilse Brandt", "Norland", "Sudmark", "Westria"]
VERBS = ["met", "visited", "accused", "sanctioned"]
SETTINGS = Settings(batch_size=4)  # several batches out at once even on a small corpus


class SlowFake(FakePipeline):
    """The fake pipeline taking 10 ms a document, so that every worker gets batches."""

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]:
        for result in super().analyse_many(documents):
            time.sleep(0.01)
            yield result


MEET = "DATELINE_TEST_MEET"  # a folder where the workers of a run meet before analysing


class MeetingFake(SlowFake):
    """SlowFake whose workers each wait, before their first batch, until two workers have come:
    a worker that starts slowly (a cold clone imports everything afresh) still gets batches, so
    the test can ask for two workers' figures without a race.  The wait gives up after a minute,
    and then the two-worker assertion fails as it should."""

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]:
        folder = os.environ.get(MEET)
        if folder and not getattr(self, "met", False):
            self.met = True
            Path(folder, str(os.getpid())).touch()
            deadline = time.monotonic() + 60
            while len(os.listdir(folder)) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
        yield from super().analyse_many(documents)


def corpus(n: int = 24) -> list[Document]:
    """Invented articles: the same few actors meeting on a few days, so that reports merge."""
    docs = []
    for i in range(n):
        a, b = NAMES[i % len(NAMES)], NAMES[(i * 5 + 1) % len(NAMES)]
        day = date(2024, 5, 1) + timedelta(days=i % 5)
        text = f"{a} {VERBS[i % len(VERBS)]} {b} on {day.isoformat()}. Reported by desk {i}."
        if i == 7:
            text += " CRASH"  # the fake pipeline fails on it: a rejection made in a worker
        docs.append(make_document(f"doc-{i:02d}", text, published=day + timedelta(days=1)))
    return docs


def snapshot(dl: Dateline) -> dict[str, Any]:
    """Everything a user sees: documents, events with their sources, actors, rejections."""
    with dl.store().engine.connect() as conn:
        actors = sorted(conn.execute(select(S.actors.c.id, S.actors.c.name)).all())
        aliases = sorted(conn.execute(select(S.actor_aliases.c.actor_id, S.actor_aliases.c.alias)).all())
        reports = sorted(conn.execute(select(S.reports.c.id, S.reports.c.event_id, S.reports.c.actor_id)).all())
    return {
        "documents": [(d.id, d.content_hash, d.n_reports) for d in dl.documents()],
        "events": [(e.id, e.type, e.date.value, e.n_sources, tuple(s.report for s in e.sources)) for e in dl.events()],
        "actors": actors, "aliases": aliases, "reports": reports,
        "rejections": [(r.doc_id, r.reason) for r in dl.rejections()],
    }  # fmt: skip


@pytest.fixture(autouse=True)
def helpers_importable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes import helpers_store to unpickle the fake pipeline."""
    here = str(Path(__file__).resolve().parent)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p))


def serial(db: str) -> dict[str, Any]:
    with Dateline(db, SETTINGS, pipeline=SlowFake) as dl:
        dl.ingest_documents(corpus())
        return snapshot(dl)


def test_two_worker_processes_store_what_a_serial_run_stores(db_factory: Callable[[], str], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    expected = serial(db_factory())
    db = db_factory()
    meet = tmp_path / "meet"  # a folder of its own: the SQLite databases sit in tmp_path
    meet.mkdir()
    monkeypatch.setenv(MEET, str(meet))
    with Dateline(db, SETTINGS, pipeline=MeetingFake) as dl:
        report = dl.ingest_documents(corpus(), workers=2)
        monkeypatch.delenv(MEET)  # the next runs start new workers, and one document needs only one
        assert (report.added, report.rejected) == (23, 1)
        assert "analysis failed: boom" in report.messages[0]
        assert snapshot(dl) == expected
        stats = dl.run_stats
        assert stats is not None and len(stats.workers) == 2
        assert sum(w.documents for w in stats.workers.values()) == 24
        assert all(0 < w.peak_rss_mb < 800 for w in stats.workers.values())
    with Dateline(db, SETTINGS, pipeline=SlowFake) as again:  # only the rejected document is tried again
        second = again.ingest_documents(corpus(), workers=2)
        assert (second.added, second.unchanged, second.rejected) == (0, 23, 1)
        assert again.run_stats is not None and sum(w.documents for w in again.run_stats.workers.values()) == 1
        assert snapshot(again) == expected
        third = again.ingest_documents(corpus()[:7], workers=2)  # nothing new: no worker is started
        assert third.unchanged == 7 and again.run_stats is None


def test_merging_goes_on_during_the_ingest_in_the_same_chunks(db_factory: Callable[[], str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """Every RESOLVE_EVERY stored documents are merged while the workers analyse the next ones;
    the chunks are the same in a serial and a parallel run, and so is the store."""
    import dateline.api
    from dateline.store.database import Store

    monkeypatch.setattr(dateline.api, "RESOLVE_EVERY", 5)
    calls: list[int | None] = []
    real = Store.resolve

    def spy(self: Store, doc_ids: Any = None) -> Any:
        calls.append(None if doc_ids is None else len(doc_ids))
        return real(self, doc_ids)

    monkeypatch.setattr(Store, "resolve", spy)
    expected = serial(db_factory())
    assert calls == [5, 5, 5, 5, None]  # 23 documents stored: four chunks of 5, the last 3 at the end
    calls.clear()
    with Dateline(db_factory(), SETTINGS, pipeline=SlowFake) as dl:
        report = dl.ingest_documents(corpus(), workers=2)
        assert snapshot(dl) == expected and report.merged > 0
    assert calls == [5, 5, 5, 5, None]


def test_a_dask_local_cluster_stores_what_a_serial_run_stores(db_factory: Callable[[], str], backend: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """On SQLite the analyses come back to be stored here; on PostgreSQL the workers store them,
    one batch at a time in input order: either way the very store of a serial run (the same
    actors, aliases and links, whichever worker finishes first; tests/test_dask_store_order.py
    forces the order)."""
    expected = serial(db_factory())
    if backend == "postgres":  # nothing is stored by this process: only by the workers
        from dateline.store.database import Store

        def refuse(*_: object) -> None:
            raise AssertionError("the client stored a document")

        monkeypatch.setattr(Store, "save_analysis", refuse)
        monkeypatch.setattr(Store, "save_analyses", refuse)
    with Dateline(db_factory(), SETTINGS, pipeline=SlowFake) as dl:
        report = dl.ingest_documents(corpus(), workers=2, dask="local")
        assert (report.added, report.rejected, report.events) == (23, 1, 23)
        assert snapshot(dl) == expected
        stats = dl.run_stats
        assert stats is not None and sum(w.documents for w in stats.workers.values()) == 24


def test_workers_must_be_positive(tmp_path: Path) -> None:
    with Dateline(tmp_path / "t.db", SETTINGS, pipeline=SlowFake) as dl, pytest.raises(InvalidQuery):
        dl.ingest_documents(corpus(2), workers=0)


def test_the_cli_takes_workers(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import cli

    folder = tmp_path / "in"
    folder.mkdir()
    for d in corpus(8):
        (folder / f"{d.id}.txt").write_text(d.text, encoding="utf-8")
    db = str(tmp_path / "t.db")
    out = CliRunner().invoke(cli, ["--db", db, "ingest", "--workers", "2", str(folder)],
                             obj=lambda path, settings: Dateline(path, settings, pipeline=SlowFake))  # fmt: skip
    assert out.exit_code == 0, out.output
    assert out.stdout.startswith("7 added, 0 updated, 0 unchanged, 0 duplicate(s), 1 rejected")
    bad = CliRunner().invoke(cli, ["--db", db, "ingest", "--workers", "0", str(folder)])
    assert bad.exit_code == 2
