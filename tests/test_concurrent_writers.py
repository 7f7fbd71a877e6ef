"""Two processes storing at once (two ingests into one team database): a new person both of them
meet is one actor, whichever commits first; two resolutions of the same new documents merge them
once.  On PostgreSQL the second writer waits for the first (an advisory lock); on SQLite its
``BEGIN IMMEDIATE`` queues it the same way."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from datetime import date

import pytest
from helpers_store import analyse, make_document
from sqlalchemy import func, select

import dateline.store.merging as merging
from dateline.store import Store
from dateline.store import schema as S
from dateline.store.actor_admin import ActorStore
from dateline.store.dialect import lock_writers
from dateline.store.engine import writer
from dateline.views import ResolveReport

PERSON = "Odile Marchetti"  # invented; new to the registry in both documents


def test_two_writers_learning_the_same_new_person_make_one_actor(db_factory: Callable[[], str]) -> None:
    url = db_factory()
    first, second = Store(url), Store(url)
    one = analyse(make_document("doc-one", f"{PERSON} met Tomas Varga in Eastport on 2024-05-03."))
    two = analyse(make_document("doc-two", f"{PERSON} visited Norland on 2024-05-04."))
    written, waiting = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def later_writer() -> None:
        written.wait(10)
        waiting.set()
        try:
            second.save_analysis(two)
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)

    t = threading.Thread(target=later_writer)
    t.start()
    try:
        with writer(first.engine).begin() as conn:  # the first writer, its transaction held open
            lock_writers(conn)
            first._write(conn, one)
            written.set()
            waiting.wait(10)
            time.sleep(0.5)  # the second writer is learning (or waiting) meanwhile
        t.join(20)
    finally:
        written.set()
        t.join(20)
    assert not errors, errors
    with first.engine.connect() as conn:
        ids = conn.execute(select(S.actors.c.id).where(S.actors.c.name == PERSON)).scalars().all()
        linked = conn.execute(
            select(S.reports.c.doc_id, S.reports.c.actor_id).where(S.reports.c.doc_id.in_(["doc-one", "doc-two"]))
        ).all()
    assert len(ids) == 1, ids
    assert {doc for doc, actor in linked if actor == ids[0]} == {"doc-one", "doc-two"}, linked
    first.close()
    second.close()


def test_two_resolutions_of_the_same_documents_merge_them_once(
    db_factory: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = db_factory()
    first, second = Store(url), Store(url)
    first.save_analyses([
        analyse(make_document("wire", "Alma Reyes met Tomas Varga in Eastport on 2024-05-03.", date(2024, 5, 4))),
        analyse(make_document("paper", "Tomas Varga met Alma Reyes in Eastport on 2024-05-03.", date(2024, 5, 5))),
    ])  # fmt: skip
    both_read = threading.Barrier(2)
    read = merging._batch

    def read_then_meet(*args, **kwargs):  # type: ignore[no-untyped-def]
        out = read(*args, **kwargs)
        # were both resolvers to read before either wrote, they would both go on from here; a
        # broken barrier means the other one waits for this one's transaction
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait(timeout=2)
        return out

    monkeypatch.setattr(merging, "_batch", read_then_meet)
    reports: list[ResolveReport] = []
    errors: list[BaseException] = []

    def resolve(store: Store) -> None:
        try:
            reports.append(store.resolve())
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=resolve, args=(s,)) for s in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    assert sorted(r.documents for r in reports) == [0, 2]  # the second found nothing left to do
    with first.engine.connect() as conn:
        events = conn.execute(select(S.reports.c.event_id).distinct()).scalars().all()
        merges = conn.execute(select(func.count()).select_from(S.merge_log)).scalar_one()
        resolved = conn.execute(select(func.count()).select_from(S.resolved_documents)).scalar_one()
    assert len(events) == 1 and merges == 1 and resolved == 2, (events, merges, resolved)
    first.close()
    second.close()


def test_an_actor_edit_waits_for_the_writer_learning_its_actor(db_factory: Callable[[], str]) -> None:
    url = db_factory()
    first, second = Store(url), Store(url)
    first.save_analysis(analyse(make_document("known", "Tomas Varga visited Norland on 2024-05-02.")))
    learning = analyse(make_document("new", f"{PERSON} met Tomas Varga in Eastport on 2024-05-03."))
    written = threading.Event()
    views: list[object] = []
    errors: list[BaseException] = []

    def user_merges() -> None:  # a user merging the new name into a known actor, meanwhile
        written.wait(10)
        try:
            views.append(ActorStore(second).merge("Tomas Varga", PERSON))
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)

    t = threading.Thread(target=user_merges)
    t.start()
    try:
        with writer(first.engine).begin() as conn:  # the ingest's transaction, held open
            lock_writers(conn)
            first._write(conn, learning)
            written.set()
            time.sleep(0.5)  # the edit is looking for the person (or waiting) meanwhile
        t.join(20)
    finally:
        written.set()
        t.join(20)
    assert not errors, errors  # without waiting, the person is not there yet: "no actor ..."
    with first.engine.connect() as conn:
        kept = conn.execute(select(S.actors.c.id).where(S.actors.c.name == "Tomas Varga")).scalar_one()
        actors = conn.execute(select(S.reports.c.actor_id).where(S.reports.c.doc_id == "new")).scalars().all()
    assert actors == [kept], actors
    first.close()
    second.close()
