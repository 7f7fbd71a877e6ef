"""Two processes storing at once (two ingests into one team database): a new person both of them
meet is one actor, whichever commits first.  On PostgreSQL the second writer waits for the first
(an advisory lock); on SQLite its ``BEGIN IMMEDIATE`` queues it the same way."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from helpers_store import analyse, make_document
from sqlalchemy import select

from dateline.store import Store
from dateline.store import schema as S
from dateline.store.dialect import lock_writers
from dateline.store.engine import writer

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
