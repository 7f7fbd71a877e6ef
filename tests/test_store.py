"""The storage layer: schema, one transaction per document, replacement, stable ids, queries
(on SQLite and PostgreSQL: the ``db_url`` fixture of tests/fixtures_postgres.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from helpers_store import ARTICLE_A, ARTICLE_B, ARTICLE_C, analyse, make_document
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from dateline.errors import NotFound, RejectedDocument, StoreError
from dateline.records import Rejection, Sentence
from dateline.store import SCHEMA_VERSION, EventFilter, Status, Store, database_url
from dateline.store import schema as S
from dateline.store.keys import name_terms, normalise_name, report_keys, terms_pattern

CLOCK = lambda: datetime(2024, 7, 1, 12, 0, tzinfo=UTC)  # noqa: E731


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store(db_url, clock=CLOCK)
    yield s
    s.close()


def test_database_url_accepts_paths_and_urls(tmp_path: Path) -> None:
    assert database_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url(":memory:") == "sqlite://"


def test_new_database_records_its_schema_version(store: Store) -> None:
    with store.engine.connect() as conn:
        versions = sorted(conn.execute(select(S.schema_version.c.version)).scalars())
        assert versions[-1] == SCHEMA_VERSION and versions == sorted(set(versions))  # one row per version applied
    assert set(store.counts()) == set(S.metadata.tables)


def test_other_schema_version_is_refused(db_url: str) -> None:
    with Store(db_url) as s, s.engine.begin() as conn:
        conn.execute(S.schema_version.insert().values(version=999, applied_at=CLOCK()))  # a newer dateline's
    with pytest.raises(StoreError, match="schema version 999"):
        Store(db_url)


def test_a_file_that_is_not_a_database_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError) as err:
        Store(bad)
    assert "\n" not in str(err.value) and "notes.db" in str(err.value)


def test_reading_a_missing_file_does_not_create_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "typo.db", create=False)
    assert not (tmp_path / "typo.db").exists()
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "dir.db")


def test_saving_an_analysis_writes_every_layer(store: Store) -> None:
    result = store.save_analysis(analyse(make_document("a", ARTICLE_A)))
    assert result.status is Status.NEW and result.reports == 3
    counts = store.counts()
    assert counts["documents"] == 1 and counts["sentences"] == 4
    assert counts["reports"] == counts["events"] == 3
    assert counts["time_expressions"] == 3 and counts["doc_entities"] == 5 and counts["mentions"] == 6
    ev = store.events(EventFilter(type="consult"))[0]
    assert ev.id.startswith("ev_") and len(ev.id) == 15
    assert (ev.actor and ev.actor.name, ev.recipient and ev.recipient.name) == ("Alma Reyes", "Tomas Varga")
    assert ev.actor.aliases == ("Reyes",)
    src = ev.sources[0]
    assert src.sentence == "Alma Reyes met Tomas Varga in Eastport on 2024-05-03."
    assert ARTICLE_A[src.start : src.end] == src.sentence
    assert ARTICLE_A[src.trigger_start : src.trigger_end] == "met" == src.trigger
    assert src.published == date(2024, 5, 10) and src.url == "https://news.example/a"
    assert ev.date.phrase == "on 2024-05-03"
    assert ARTICLE_A[ev.date.phrase_start : ev.date.phrase_end] == "on 2024-05-03"


def test_same_document_again_writes_nothing(store: Store, db_url: str) -> None:
    analysis = analyse(make_document("a", ARTICLE_A))
    store.save_analysis(analysis)
    before = store.counts(), [e.id for e in store.events()]
    with Store(db_url, clock=lambda: datetime(2030, 1, 1, tzinfo=UTC)) as later:
        assert later.save_analysis(analysis).status is Status.UNCHANGED
    assert (store.counts(), [e.id for e in store.events()]) == before
    assert store.documents()[0].ingested_at.year == 2024  # not restamped


def test_changed_document_replaces_the_old_version(store: Store) -> None:
    store.save_analysis(analyse(make_document("a", ARTICLE_A)))
    old_ids = {e.id for e in store.events()}
    result = store.save_analysis(analyse(make_document("a", ARTICLE_C)))
    assert result.status is Status.CHANGED
    counts = store.counts()
    assert counts["documents"] == counts["reports"] == counts["events"] == counts["sentences"] == 1
    new = store.events()
    assert new[0].actor and new[0].actor.name == "Ilse Brandt" and new[0].id not in old_ids


def test_same_text_under_another_id_is_a_duplicate(store: Store) -> None:
    store.save_analysis(analyse(make_document("a", ARTICLE_A)))
    result = store.save_analysis(analyse(make_document("a-copy", ARTICLE_A)))
    assert (result.status, result.duplicate_of) == (Status.DUPLICATE, "a")
    assert store.counts()["documents"] == 1


def test_ids_are_stable_across_databases(db_factory: Callable[[], str]) -> None:
    ids = []
    for _ in range(2):
        with Store(db_factory()) as s:
            s.save_analysis(analyse(make_document("a", ARTICLE_A)))
            ids.append(sorted(e.id for e in s.events()))
    assert ids[0] == ids[1] and len(set(ids[0])) == 3


def test_one_trigger_with_two_events_of_a_type_gets_two_ids() -> None:
    events = analyse(make_document("a", ARTICLE_A)).events
    twin = replace(events[0], recipient=replace(events[0].recipient, name="Other Person"))
    keys = report_keys("a", [events[0], twin, events[1]])
    assert len(set(keys)) == 3
    assert keys[2] == report_keys("a", [events[1]])[0]  # unaffected events keep the simple key
    assert keys == report_keys("a", [events[0], twin, events[1]])
    same = report_keys("a", [events[0], events[0]])
    assert same[0] != same[1]


def test_a_failure_midway_leaves_no_partial_rows(store: Store) -> None:
    good = analyse(make_document("a", ARTICLE_A))
    bad = analyse(make_document("c", ARTICLE_C))
    # two sentences with the same index: the insert fails after the document row was written
    bad = replace(bad, sentences=(*bad.sentences, Sentence(0, 0, 5, bad.sentences[0].block)))
    with pytest.raises(RejectedDocument, match="could not store document c"):
        store.save_analysis(bad)
    assert all(n == 0 for t, n in store.counts().items() if t != "schema_version")
    assert store.save_analysis(good).status is Status.NEW
    assert store.counts()["documents"] == 1


def test_a_batch_keeps_each_document_whole_around_a_refused_one(store: Store) -> None:
    a, c = analyse(make_document("a", ARTICLE_A)), analyse(make_document("c", ARTICLE_C))
    bad = analyse(make_document("b", ARTICLE_C + " Another line."))
    bad = replace(bad, sentences=(*bad.sentences, Sentence(0, 0, 5, bad.sentences[0].block)))
    results = store.save_analyses([a, bad, c])
    assert [type(r).__name__ for r in results] == ["SaveResult", "RejectedDocument", "SaveResult"]
    assert "could not store document b" in str(results[1])
    assert isinstance(results[1].__cause__, IntegrityError)  # a worker retries a key a concurrent writer took
    assert sorted(d.id for d in store.documents()) == ["a", "c"]
    with store.engine.connect() as conn:  # nothing of b: its savepoint was rolled back whole
        assert conn.execute(select(S.sentences).where(S.sentences.c.doc_id == "b")).first() is None
    again = store.save_analyses([a, c])
    assert [r.status for r in again] == [Status.UNCHANGED, Status.UNCHANGED]  # type: ignore[union-attr]
    long_id = analyse(make_document("x" * 600, ARTICLE_B))  # refused by dateline, not by the database
    results = store.save_analyses([long_id, analyse(make_document("b2", ARTICLE_B))])
    assert type(results[0]).__name__ == "RejectedDocument" and "longer than" in str(results[0])
    assert sorted(d.id for d in store.documents()) == ["a", "b2", "c"]


def test_failed_replacement_keeps_the_old_version(store: Store) -> None:
    store.save_analysis(analyse(make_document("a", ARTICLE_A)))
    before = store.counts()
    bad = analyse(make_document("a", ARTICLE_C))
    bad = replace(bad, sentences=(*bad.sentences, Sentence(0, 0, 5, bad.sentences[0].block)))
    with pytest.raises(RejectedDocument):
        store.save_analysis(bad)
    assert store.counts() == before
    assert store.documents()[0].content_hash == make_document("a", ARTICLE_A).content_hash


def test_rejections_are_stored_once(store: Store) -> None:
    r = Rejection("in/bad.bin", "binary", "in/bad.bin: not text", None, None)
    assert store.save_rejection(r) is True
    assert store.save_rejection(r) is False
    assert store.save_rejection(replace(r, reason="too-large")) is True
    assert [x.reason for x in store.rejections()] == ["binary", "too-large"]


def test_storing_a_document_clears_its_old_rejections(store: Store) -> None:
    doc = make_document("a", ARTICLE_A, origin="in/a.txt")
    store.save_rejection(Rejection("in/a.txt", "pipeline-error", "boom", "a", "oldhash"))
    store.save_rejection(Rejection("in/other.txt", "empty", "empty", None, None))
    store.save_analysis(analyse(doc))
    assert [r.origin for r in store.rejections()] == ["in/other.txt"]


def test_min_confidence_drops_weak_events(db_url: str) -> None:
    with Store(db_url, min_event_confidence=0.9) as s:
        assert s.save_analysis(analyse(make_document("a", ARTICLE_A))).reports == 0
        assert s.counts()["events"] == 0 and s.counts()["sentences"] == 4


@pytest.fixture
def filled(store: Store) -> Store:
    for doc_id, text in (("a", ARTICLE_A), ("b", ARTICLE_B), ("c", ARTICLE_C)):
        store.save_analysis(analyse(make_document(doc_id, text)))
    return store


def names(events: list) -> list[tuple[str, str]]:
    return [(e.type, e.actor.name if e.actor else "") for e in events]


def test_actor_matches_whole_words_of_names_and_aliases(filled: Store) -> None:
    assert names(filled.events(EventFilter(actor="reyes"))) == [("CONSULT", "Alma Reyes")]
    assert names(filled.events(EventFilter(actor="ALMA REYES"))) == [("CONSULT", "Alma Reyes")]
    assert filled.events(EventFilter(actor="Rey")) == []
    assert filled.events(EventFilter(actor="Reyes Alma")) == []
    assert {e.id for e in filled.events(EventFilter(party="Reyes"))} == {
        e.id for e in filled.events() if "Reyes" in {e.actor.name.split()[-1], e.recipient.name.split()[-1]}
    }
    assert names(filled.events(EventFilter(recipient="varga"))) == [("CONSULT", "Alma Reyes")]


def test_date_filters_keep_overlapping_intervals(filled: Store) -> None:
    in_may = filled.events(EventFilter(since=date(2024, 5, 1), until=date(2024, 5, 31)))
    assert [e.date.value for e in in_may] == ["2024-05-03", "2024-05-06/07"]
    from_7th = filled.events(EventFilter(since=date(2024, 5, 7)))
    assert [e.date.value for e in from_7th] == ["2024-05-06/07", "2024-06-01"]
    assert [e.date.value for e in filled.events(EventFilter(until=date(2023, 12, 31)))] == ["2023"]


def test_chronological_order_puts_unknown_dates_last(filled: Store) -> None:
    values = [e.date.value for e in filled.events(chronological=True)]
    assert values == ["2023", "2024-04", "2024-05-03", "2024-05-06/07", "2024-06-01", None]


def test_doc_type_and_limit_filters(filled: Store) -> None:
    assert {e.type for e in filled.events(EventFilter(doc="b"))} == {"CONSULT", "SANCTION"}
    assert len(filled.events(EventFilter(type="CONSULT"))) == 3
    assert len(filled.events(EventFilter(limit=2), chronological=True)) == 2


def test_unknown_event_is_not_found(filled: Store) -> None:
    with pytest.raises(NotFound):
        filled.event("ev_000000000000")


def test_removing_a_document_keeps_events_other_documents_report(filled: Store) -> None:
    """Ready for merged events: an event losing one of two reports stays, with one source."""
    a_consult = filled.events(EventFilter(doc="a", type="CONSULT"))[0]
    c_event = filled.events(EventFilter(doc="c"))[0]
    with filled.engine.begin() as conn:  # merge c's report into a's event by hand
        conn.execute(update(S.reports).where(S.reports.c.doc_id == "c").values(event_id=a_consult.id))
        conn.execute(S.events.delete().where(S.events.c.id == c_event.id))
        conn.execute(update(S.events).where(S.events.c.id == a_consult.id).values(n_sources=2))
    merged = filled.event(a_consult.id)
    assert merged.n_sources == 2 and merged.independent_sources == 2
    assert filled.save_analysis(analyse(make_document("a", "Nobody met Anyone."))).status is Status.CHANGED
    kept = filled.event(a_consult.id)
    assert kept.n_sources == 1 and [s.doc for s in kept.sources] == ["c"]


def test_name_terms_are_word_level() -> None:
    assert normalise_name("  Park Min-jun ") == "park min jun"
    assert name_terms(["Park Min-jun", "park min jun", "Park"]) == " park min jun | park |"
    assert terms_pattern("Jong-Un") == "% jong un %"
    assert terms_pattern("--") is None
    assert normalise_name("Łukasz Żółw") == "łukasz żółw"


def test_schema_compiles_for_postgresql() -> None:
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex, CreateTable

    dialect = postgresql.dialect()
    for table in S.metadata.sorted_tables:
        ddl = str(CreateTable(table).compile(dialect=dialect))
        assert "JSON" in ddl or table.name not in ("documents", "events", "reports")
        for index in table.indexes:
            str(CreateIndex(index).compile(dialect=dialect))


def test_constraints_are_named_for_migrations() -> None:
    from sqlalchemy.schema import CreateTable

    ddl = "".join(str(CreateTable(t)) for t in S.metadata.sorted_tables)
    assert "CONSTRAINT uq_documents_content_hash UNIQUE" in ddl
    assert "CONSTRAINT fk_reports_event_id_events FOREIGN KEY" in ddl
    assert "CONSTRAINT pk_events PRIMARY KEY" in ddl


def test_a_database_failure_is_a_store_error(store: Store) -> None:
    store.save_analysis(analyse(make_document("a", ARTICLE_A)))
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE mentions")
    with pytest.raises(StoreError, match="database error"):
        store.save_analysis(analyse(make_document("a", ARTICLE_C)))
    assert store.events(EventFilter(doc="a"))  # the failed replacement was rolled back
