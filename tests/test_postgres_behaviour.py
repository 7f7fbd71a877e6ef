"""Where SQLite and PostgreSQL differ, the store behaves the same on both: the order of text ids,
times and their zones, numbers in JSON, values longer than a column, savepoints and
transactional DDL.  Each test runs on both backends (the ``db_url`` fixture)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from helpers_store import FakePipeline, analyse, make_document
from sqlalchemy import inspect, select, text

from dateline.api import Dateline
from dateline.errors import RejectedDocument
from dateline.settings import Settings
from dateline.store import Store
from dateline.store import schema as S

EAST = timezone(timedelta(hours=5))


def test_text_ids_sort_by_code_point(db_url: str) -> None:
    """A database collation would put "a" before "B"; SQLite sorts by code point: so do both."""
    ids = ["b-two", "B-one", "a-three", "A-four", "_five"]
    with Dateline(db_url, Settings(), pipeline=FakePipeline()) as dl:
        dl.ingest_documents([make_document(i, f"Alma Reyes met Tomas Varga on 2024-05-0{n + 1}. {i}")
                             for n, i in enumerate(ids)])  # fmt: skip
        assert [d.id for d in dl.documents()] == sorted(ids)
        sources = [s.doc for e in dl.events() for s in e.sources]
        assert sorted(sources) == sorted(ids)


def test_times_come_back_as_utc_moments(db_url: str) -> None:
    stamp = datetime(2024, 7, 1, 17, 30, tzinfo=EAST)
    with Store(db_url, clock=lambda: stamp) as store:
        store.save_analysis(analyse(make_document("a", "Alma Reyes met Tomas Varga on 2024-05-03.")))
        (doc,) = store.documents()
    assert doc.ingested_at == stamp and doc.ingested_at.tzinfo == UTC
    assert doc.ingested_at.isoformat() == "2024-07-01T12:30:00+00:00"


def test_json_numbers_and_lists_round_trip(db_url: str) -> None:
    with Store(db_url) as store:
        store.save_analysis(analyse(make_document(
            "a", "Sudmark shelled Eastport Harbour in Eastport between 2024-05-06 and 07 with 12 shells.")))
        (ev,) = store.events()
    (q,) = ev.quantities
    assert (q.value, type(q.value), q.item) == (12.0, float, "shells")
    assert isinstance(ev.confidence, float) and ev.confidence == pytest.approx(0.8)
    assert ev.actor is not None and ev.actor.aliases == () and ev.disagreements == ()
    assert (ev.date.first, ev.date.last) == (date(2024, 5, 6), date(2024, 5, 7))


def test_a_document_id_too_long_for_the_column_is_refused_on_both(db_url: str) -> None:
    long_id = "x" * 600
    with Store(db_url) as store:
        with pytest.raises(RejectedDocument, match="longer than 512"):
            store.save_analysis(analyse(make_document(long_id, "Alma Reyes met Tomas Varga.")))
        assert store.counts()["documents"] == 0
        assert store.save_analysis(analyse(make_document("ok", "Alma Reyes met Tomas Varga."))).reports == 1
    with Dateline(db_url, Settings(), pipeline=FakePipeline()) as dl:
        report = dl.ingest_documents([make_document(long_id, "Ilse Brandt met Alma Reyes.")])
        assert report.rejected == 1 and [r.reason for r in dl.rejections()] == ["store-error"]


def test_very_long_names_are_stored_and_merged(db_url: str) -> None:
    """A 300-character name makes blocking keys longer than their column: they are hashed to fit."""
    name = "Westria" + "x" * 300
    text_ = f"Alma Reyes met {name} on 2024-05-03."
    with Dateline(db_url, Settings(), pipeline=FakePipeline()) as dl:
        dl.ingest_documents([make_document("a", text_), make_document("b", text_ + " Again.")])
        (ev,) = dl.events()
        assert ev.recipient is not None and ev.recipient.name == name and ev.n_sources == 2
        with dl.store().engine.connect() as conn:
            keys = conn.execute(select(S.event_keys.c.key)).scalars().all()
        assert keys and max(len(k) for k in keys) <= S.KEY_LENGTH


def test_a_savepoint_rolls_back_only_its_part(db_url: str) -> None:
    with Store(db_url) as store:
        with store.engine.begin() as conn:
            conn.execute(S.merge_links.insert().values(report_a="a", report_b="b", kind="same",
                                                       created_at=datetime(2024, 1, 1, tzinfo=UTC)))  # fmt: skip
            nested = conn.begin_nested()
            conn.execute(S.merge_links.insert().values(report_a="c", report_b="d", kind="apart",
                                                       created_at=datetime(2024, 1, 1, tzinfo=UTC)))  # fmt: skip
            nested.rollback()
        with store.engine.connect() as conn:
            assert conn.execute(select(S.merge_links.c.report_a)).scalars().all() == ["a"]


def test_schema_changes_are_transactional(db_url: str) -> None:
    """What makes a failed migration leave nothing behind (SQLite too, not only PostgreSQL)."""
    with Store(db_url) as store:
        with pytest.raises(RuntimeError), store.engine.begin() as conn:
            conn.execute(text("CREATE TABLE scratch (x INTEGER)"))
            raise RuntimeError("the migration failed here")
        with store.engine.connect() as conn:
            assert "scratch" not in inspect(conn).get_table_names()
