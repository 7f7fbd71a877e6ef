"""Migrations (Alembic, dateline/store/migrations) on SQLite and PostgreSQL: an empty database is
brought to the head revision, the migrated tables equal dateline.store.schema exactly, a
version-3 database made before migrations is adopted with its rows, the way down and up again
works, and several processes opening one new database at once do not trip over each other."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers_store import ARTICLE_A, ARTICLE_C, analyse, make_document
from sqlalchemy import Engine, create_engine, inspect, select, text

from dateline.errors import StoreError
from dateline.scale.pgserver import PrivatePostgres
from dateline.store import SCHEMA_VERSION, EventFilter, Store, database_url
from dateline.store import migrations as M
from dateline.store import schema as S
from dateline.store import write as W
from dateline.store.keys import report_keys

CLOCK = lambda: datetime(2024, 7, 1, 12, 0, tzinfo=UTC)  # noqa: E731
VERSIONS = sorted(M.REVISIONS.values())  # one schema_version row per revision: [3, 4, ...]


@pytest.fixture
def empty_db(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes databases with no tables at all (not copies of the migrated template)."""
    if backend == "sqlite":
        paths = iter(range(100))
        yield lambda: str(tmp_path / f"empty{next(paths)}.db")
        return
    server: PrivatePostgres = request.getfixturevalue("postgres")
    made: list[str] = []

    def new() -> str:
        name = f"empty_{id(made)}_{len(made)}"
        made.append(name)
        return server.create_database(name)

    yield new
    for name in made:
        server.drop_database(name)


def engine_of(db: str) -> Engine:
    return create_engine(database_url(db))


def tables(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(inspect(conn).get_table_names())


def test_head_is_the_scripts_head() -> None:
    assert M.script_head() == M.HEAD
    assert M.REVISIONS[M.HEAD] == SCHEMA_VERSION


def test_an_empty_database_is_migrated_to_the_schema(empty_db: Callable[[], str]) -> None:
    db = empty_db()
    Store(db, clock=CLOCK).close()
    engine = engine_of(db)
    try:
        with engine.connect() as conn:
            assert M.current_revision(conn) == M.HEAD
            rows = conn.execute(select(S.schema_version.c.version, S.schema_version.c.applied_at)).all()
            assert sorted(rows) == [(v, CLOCK()) for v in VERSIONS]  # stamped by each revision, with the opener's clock
            assert M.differences(conn) == []  # what `alembic check` compares: none
        assert tables(engine) == set(S.metadata.tables) | {"alembic_version"}
    finally:
        engine.dispose()


def test_down_to_nothing_and_up_again(empty_db: Callable[[], str]) -> None:
    db = empty_db()
    Store(db, clock=CLOCK).close()
    engine = engine_of(db)
    try:
        from alembic import command

        with engine.begin() as conn:
            command.downgrade(M.config(conn), "base")
        assert tables(engine) == {"alembic_version"}
        with engine.begin() as conn:
            M.upgrade(conn, CLOCK())
        with engine.connect() as conn:
            assert M.differences(conn) == [] and M.current_revision(conn) == M.HEAD
    finally:
        engine.dispose()


def test_a_version_3_database_made_before_migrations_is_adopted(empty_db: Callable[[], str]) -> None:
    """What dateline made before it had migrations (create_all of version 3, no alembic_version),
    with rows in it: stamped, upgraded, and its new word indexes filled from those rows."""
    db = empty_db()
    engine = engine_of(db)
    doc = make_document("a", ARTICLE_A)
    analysis = analyse(doc)
    try:
        with engine.begin() as conn:
            M.upgrade(conn, CLOCK(), "0001_schema_v3")
            conn.execute(text("DROP TABLE alembic_version"))
            conn.execute(S.documents.insert().values(**W.document_row(doc, CLOCK())))
            rows = [W.report_row(doc, e, k) for e, k in zip(analysis.events, report_keys("a", analysis.events),
                                                             strict=True)]  # fmt: skip
            conn.execute(S.events.insert(), [W.event_row_from_report(r) for r in rows])
            conn.execute(S.reports.insert(), rows)
            conn.execute(S.actors.insert().values(id="person:ilse-brandt", name="Ilse Brandt", kind="person",
                                                  created_by="user"))  # fmt: skip
            conn.execute(S.actor_aliases.insert().values(actor_id="person:ilse-brandt", alias="Ilse Brandt",
                                                         norm="ilse brandt", source="user"))  # fmt: skip
            conn.execute(S.actor_descriptions.insert().values(
                report_id=rows[0]["id"], party="actor", doc_id="a", phrase="Norland's top diplomat",
                roles=["foreign minister", "diplomat"], country="NOR", day=None, actor_id=None))  # fmt: skip
    finally:
        engine.dispose()
    with Store(db, clock=CLOCK) as store:
        store.save_analysis(analyse(make_document("c", ARTICLE_C)))
        assert store.counts()["documents"] == 2
        with store.engine.connect() as conn:
            assert M.current_revision(conn) == M.HEAD
            assert sorted(conn.execute(select(S.schema_version.c.version)).scalars()) == VERSIONS
            assert M.differences(conn) == []
            words = set(conn.execute(select(S.name_words.c.word, S.name_words.c.norm)).all())
            assert {("ilse", "ilse brandt"), ("brandt", "ilse brandt")} <= words
            roles = conn.execute(select(S.description_roles.c.role, S.description_roles.c.country)).all()
            assert sorted(roles) == [("diplomat", "NOR"), ("foreign minister", "NOR")]
        # the events stored before the upgrade are found by name through the filled index
        assert [e.actor.name for e in store.events(EventFilter(actor="varga"))] == []  # type: ignore[union-attr]
        assert {e.actor.name for e in store.events(EventFilter(actor="reyes"))} == {"Alma Reyes"}  # type: ignore[union-attr]
        assert {e.recipient.name for e in store.events(EventFilter(recipient="varga"))} == {"Tomas Varga"}  # type: ignore[union-attr]


def test_tables_without_a_version_are_refused(empty_db: Callable[[], str]) -> None:
    db = empty_db()
    engine = engine_of(db)
    try:
        with engine.begin() as conn:
            S.documents.create(conn)
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="no schema_version table"):
        Store(db)


def test_a_revision_this_dateline_does_not_know_is_refused(db_url: str) -> None:
    with Store(db_url) as s, s.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    with pytest.raises(StoreError, match="0099_from_the_future"):
        Store(db_url)


@pytest.mark.postgres
def test_workers_opening_one_new_database_at_once(postgres: PrivatePostgres) -> None:
    """Dask workers writing to a shared PostgreSQL may all open it first: one migrates it, the
    others wait for it (an advisory lock) and find it at the head."""
    name = "fresh_for_workers"
    url = postgres.create_database(name)
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Store(url).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    try:
        threads = [threading.Thread(target=open_it) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        with Store(url) as s, s.engine.connect() as conn:
            assert sorted(conn.execute(select(S.schema_version.c.version)).scalars()) == VERSIONS
    finally:
        postgres.drop_database(name)
