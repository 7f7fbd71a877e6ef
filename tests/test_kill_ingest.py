"""An ingest killed with SIGKILL half-way (while storing documents, or while merging them into
events) and run again leaves every document stored exactly once with all its rows: each
document in a savepoint of its batch's transaction, and one transaction per chunk of merges.
On SQLite and PostgreSQL, serial and with two worker processes.

The ingest runs in a subprocess (its own process group, killed whole, workers included) over 40
invented articles read from files, with a fake pipeline slowed to 40 ms a document; the test
polls the database and kills it once 10 documents are stored (or, with merges slowed down in
the subprocess, once it says a merge was applied inside the transaction of its chunk: nothing of
that transaction may remain).  The rerun must
give what one uninterrupted run gives: the same documents, rows, events and actors.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers_store import FakePipeline, analyse, make_document
from sqlalchemy import create_engine, func, select

from dateline.api import Dateline
from dateline.records import Analysis, Document, Rejection
from dateline.settings import Settings
from dateline.store import database_url
from dateline.store import schema as S

HERE = Path(__file__).resolve().parent
N = 40
PEOPLE = ["Alma Reyes", "Tomas Varga", "Ilse Brandt", "Oskar Lind", "Mira Santos"]
STATES = ["Norland", "Sudmark", "Westria"]


class SlowFake(FakePipeline):
    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]:
        for result in super().analyse_many(documents):
            time.sleep(0.04)
            yield result


def texts() -> dict[str, str]:
    out = {}
    for i in range(N):
        a, b = PEOPLE[i % 5], PEOPLE[(i + 2) % 5]
        day = date(2024, 3, 1) + timedelta(days=i % 7)
        state = STATES[i % 3]
        out[f"art-{i:02d}"] = (f"{a} met {b} in Eastport on {day.isoformat()}. "
                               f"{state} accused {STATES[(i + 1) % 3]} in 2024-03. Filed by desk {i}.")  # fmt: skip
    return out


def run_ingest(db: str, folder: str, workers: int, slow_merges: bool, marker: str = "") -> None:
    """What the subprocess runs (``python -c "import test_kill_ingest as t; t.run_ingest(...)"``)."""
    if slow_merges:
        import dateline.store.merging as merging

        real = merging._apply

        def slowly(*args: Any, **kwargs: Any) -> int:
            n = real(*args, **kwargs)
            Path(marker).touch()  # the merges are applied, their chunk's transaction still open
            time.sleep(0.3)
            return n

        merging._apply = slowly  # type: ignore[assignment]
    with Dateline(db, Settings(batch_size=2), pipeline=SlowFake) as dl:
        dl.ingest([folder], workers=workers)


def start(db: str, folder: Path, workers: int, slow_merges: bool, marker: str = "") -> subprocess.Popen[bytes]:
    code = f"import test_kill_ingest as t; t.run_ingest({db!r}, {str(folder)!r}, {workers}, {slow_merges}, {marker!r})"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(HERE), os.environ.get("PYTHONPATH")) if p)}
    return subprocess.Popen([sys.executable, "-c", code], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip


def count(db: str, table: Any) -> int:
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    except Exception:  # not created yet
        return 0
    finally:
        engine.dispose()


def kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            err = proc.stderr.read().decode()[-2000:] if proc.stderr else ""
            raise AssertionError(f"the ingest ended before it could be killed: {err}")
        if time.monotonic() > deadline:
            raise AssertionError("the ingest made no progress")
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, as a crash would
    proc.wait(timeout=30)


def state(db: str) -> dict[str, Any]:
    """The rows that must be the same after kill + rerun as after one clean run."""
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            def rows(*cols: Any) -> list[tuple[Any, ...]]:
                return sorted(tuple(r) for r in conn.execute(select(*cols)).all())

            members: dict[str, list[str]] = {}
            for report, event in conn.execute(select(S.reports.c.id, S.reports.c.event_id)):
                members.setdefault(event, []).append(report)
            return {
                "documents": rows(S.documents.c.id, S.documents.c.content_hash),
                "sentences": rows(S.sentences.c.doc_id, S.sentences.c.idx),
                "mentions": rows(S.mentions.c.doc_id, S.mentions.c.idx),
                "entities": rows(S.doc_entities.c.doc_id, S.doc_entities.c.entity),
                "times": rows(S.time_expressions.c.doc_id, S.time_expressions.c.idx),
                "reports": rows(S.reports.c.id, S.reports.c.doc_id, S.reports.c.actor_id, S.reports.c.recipient_id),
                "events": sorted(tuple(sorted(v)) for v in members.values()),
                "n_sources": rows(S.events.c.id, S.events.c.n_sources),
                "keyed": sorted(set(rows(S.event_keys.c.event_id))),
                "actors": rows(S.actors.c.id, S.actors.c.name, S.actors.c.kind),
                "aliases": rows(S.actor_aliases.c.actor_id, S.actor_aliases.c.alias),
                "roles": rows(S.actor_roles.c.actor_id, S.actor_roles.c.role, S.actor_roles.c.doc_id),
                "resolved": rows(S.resolved_documents.c.doc_id),
                "fingerprints": rows(S.doc_fingerprints.c.doc_id),
            }
    finally:
        engine.dispose()


def check_whole(got: dict[str, Any], docs: dict[str, str]) -> None:
    """Every document once, with every row its analysis has; every event backed by reports."""
    assert [d for d, _ in got["documents"]] == sorted(docs)
    for doc_id, text in docs.items():
        a = analyse(make_document(doc_id, text))
        assert sum(1 for d, _ in got["sentences"] if d == doc_id) == len(a.sentences)
        assert sum(1 for d, _ in got["mentions"] if d == doc_id) == len(a.mentions)
        assert sum(1 for d, _ in got["entities"] if d == doc_id) == len(a.entities)
        assert sum(1 for _, d, _, _ in got["reports"] if d == doc_id) == len(a.events)
    sizes = {e: n for e, n in got["n_sources"]}
    assert sorted(sizes.values()) == sorted(len(m) for m in got["events"])  # no event without its reports
    assert {e for (e,) in got["keyed"]} == set(sizes)
    assert [d for (d,) in got["resolved"]] == [d for (d,) in got["fingerprints"]] == sorted(docs)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kill-corpus")
    for doc_id, text in texts().items():
        (root / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(("phase", "workers"), [("storing", 1), ("storing", 2), ("merging", 1)])
def test_killed_and_run_again_stores_everything_once(db_factory: Callable[[], str], folder: Path, tmp_path: Path,
                                                     phase: str, workers: int) -> None:  # fmt: skip
    clean = db_factory()
    with Dateline(clean, Settings(batch_size=2), pipeline=FakePipeline) as dl:
        dl.ingest([str(folder)])
    expected = state(clean)
    docs = {d.id: dl.document_text(d.id) for d in Dateline(clean, Settings()).documents()}
    check_whole(expected, docs)

    db = db_factory()
    marker = tmp_path / "merged-one"
    proc = start(db, folder, workers, slow_merges=phase == "merging", marker=str(marker))
    if phase == "storing":
        kill_when(proc, lambda: count(db, S.documents) >= 10)
        stored = count(db, S.documents)
        assert 10 <= stored < N  # killed mid-batch
    else:
        kill_when(proc, marker.exists)
        assert count(db, S.documents) == N
        assert count(db, S.doc_fingerprints) == count(db, S.merge_log) == count(db, S.resolved_documents) == 0
        # the chunk rolled back whole: its fingerprints were taken in the same transaction

    with Dateline(db, Settings(batch_size=2), pipeline=FakePipeline) as dl:
        report = dl.ingest([str(folder)])
    if phase == "storing":
        assert report.added == N - stored and report.unchanged == stored and report.rejected == 0
    else:
        assert report.added == 0 and report.unchanged == N
    got = state(db)
    check_whole(got, docs)
    assert got == expected
