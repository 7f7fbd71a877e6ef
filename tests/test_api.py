"""The Python API: ingest semantics (idempotent, replacing, de-duplicating, lazy) and queries."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from helpers_store import ARTICLE_A, ARTICLE_B, ARTICLE_C, FakePipeline, analyse, make_document
from sqlalchemy import select

from dateline.api import Dateline, describe_rejection
from dateline.errors import InvalidQuery, NotFound, StoreError
from dateline.records import Rejection
from dateline.settings import Settings
from dateline.store import schema as S

CLOCK = lambda: datetime(2024, 7, 1, tzinfo=UTC)  # noqa: E731


def corpus() -> list:
    return [make_document("a", ARTICLE_A), make_document("b", ARTICLE_B), make_document("c", ARTICLE_C)]


def open_dl(db_url: str, pipeline: FakePipeline | None = None) -> Dateline:
    return Dateline(db_url, Settings(), pipeline=pipeline or FakePipeline(), clock=CLOCK)


def snapshot(dl: Dateline) -> tuple[dict[str, int], list[str], list[str]]:
    with dl.store().engine.connect() as conn:
        reports = sorted(conn.execute(select(S.reports.c.id)).scalars())
    return dl.store().counts(), sorted(e.id for e in dl.events()), reports


def test_ingesting_the_same_corpus_twice_changes_nothing(db_url: str) -> None:
    pipe = FakePipeline()
    dl = open_dl(db_url, pipe)
    first = dl.ingest_documents(corpus())
    assert (first.added, first.unchanged, first.events, first.ok) == (3, 0, 6, True)
    before = snapshot(dl)
    second = dl.ingest_documents(corpus())
    assert (second.added, second.updated, second.unchanged, second.rejected) == (0, 0, 3, 0)
    assert snapshot(dl) == before
    assert pipe.seen == ["a", "b", "c"]  # nothing was analysed again


def test_a_fresh_api_object_sees_the_same_ids(db_url: str) -> None:
    open_dl(db_url).ingest_documents(corpus())
    again = open_dl(db_url)
    before = snapshot(again)
    again.ingest_documents(corpus())
    assert snapshot(again) == before


def test_the_pipeline_is_not_built_when_nothing_is_new(db_url: str) -> None:
    open_dl(db_url).ingest_documents(corpus())
    built: list[int] = []

    def factory() -> FakePipeline:
        built.append(1)
        return FakePipeline()

    dl = Dateline(db_url, Settings(), pipeline=factory)
    assert dl.ingest_documents(corpus()).unchanged == 3
    assert built == []
    dl.ingest_documents([make_document("d", "Ilse Brandt accused Westria.")])
    assert built == [1]


def test_changed_text_replaces_the_document(db_url: str) -> None:
    dl = open_dl(db_url)
    dl.ingest_documents(corpus())
    report = dl.ingest_documents([make_document("c", "Ilse Brandt accused Westria in 2024-02.")])
    assert (report.updated, report.added, report.events) == (1, 0, 1)
    ev = dl.events(doc="c")
    assert [(e.type, e.date.value) for e in ev] == [("ACCUSE", "2024-02")]
    assert dl.store().counts()["documents"] == 3


def test_duplicates_in_one_run_and_across_runs(db_url: str) -> None:
    dl = open_dl(db_url)
    report = dl.ingest_documents([make_document("a", ARTICLE_A), make_document("a2", ARTICLE_A)])
    assert (report.added, report.duplicates, report.ok) == (1, 1, True)
    again = dl.ingest_documents([make_document("a3", ARTICLE_A)])
    assert again.duplicates == 1 and "same text as document 'a'" in again.messages[0]
    assert [r.reason for r in dl.rejections()] == ["duplicate", "duplicate"]
    dl.ingest_documents([make_document("a3", ARTICLE_A)])
    assert len(dl.rejections()) == 2  # the same duplicate is not stored twice
    assert dl.store().counts()["documents"] == 1


def test_the_same_input_twice_in_one_run_counts_once(db_url: str) -> None:
    report = open_dl(db_url).ingest_documents([make_document("a", ARTICLE_A)] * 2)
    assert (report.added, report.unchanged, report.duplicates) == (1, 1, 0)


def test_a_repeated_id_from_one_source_is_a_new_version_and_reported(db_url: str) -> None:
    docs = [make_document("a", ARTICLE_A, origin="x/feed.jsonl:1"),
            make_document("a", ARTICLE_C, origin="x/feed.jsonl:7")]  # fmt: skip
    report = open_dl(db_url).ingest_documents(docs)
    assert (report.added, report.updated) == (1, 1)
    assert any("also read from x/feed.jsonl:1" in m for m in report.messages)


def test_an_id_another_source_took_keeps_both_articles(db_url: str) -> None:
    """Two feeds that number their records alike: the second feed's record "1" is another
    article, kept under its source's name, in one run or a later one; nothing stored is lost."""
    dl = open_dl(db_url)
    first = dl.ingest_documents([make_document("1", ARTICLE_A, origin="in/alpha.jsonl:1")])
    later = dl.ingest_documents([make_document("1", ARTICLE_C, origin="in/beta.jsonl:1")])
    assert (first.added, later.added, later.updated) == (1, 1, 0)
    assert any("document id '1' is taken by in/alpha.jsonl:1" in m and "'beta-1'" in m for m in later.messages)
    ids = {d.id for d in dl.store().documents()}
    assert ids == {"1", "beta-1"}
    again = dl.ingest_documents([make_document("1", ARTICLE_C, origin="in/beta.jsonl:1")])
    assert (again.unchanged, again.added, again.duplicates) == (1, 0, 0)


def test_an_id_two_sources_share_in_one_run_keeps_both_articles(db_url: str) -> None:
    dl = open_dl(db_url)
    report = dl.ingest_documents([make_document("1", ARTICLE_A, origin="in/alpha.jsonl:1"),
                                  make_document("1", ARTICLE_C, origin="in/beta.jsonl:1")])  # fmt: skip
    assert (report.added, report.updated) == (2, 0)
    assert {d.id for d in dl.store().documents()} == {"1", "beta-1"}


def test_rejections_are_counted_stored_once_and_the_batch_goes_on(db_url: str) -> None:
    dl = open_dl(db_url)
    items = [
        Rejection("in/blob.bin", "binary", "in/blob.bin: NUL bytes", None, None),
        make_document("a", ARTICLE_A),
        make_document("boom", "Alma Reyes met CRASH Tomas Varga."),
        make_document("c", ARTICLE_C),
    ]
    report = dl.ingest_documents(items)
    assert (report.added, report.rejected, report.ok) == (2, 2, True)
    assert report.messages == (
        "in/blob.bin: NUL bytes [binary]",
        "corpus/boom.txt: analysis failed: boom [pipeline-error]",
    )
    dl.ingest_documents(items)
    assert [r.reason for r in dl.rejections()] == ["binary", "pipeline-error"]


def test_a_document_that_cannot_be_stored_becomes_a_rejection(db_url: str) -> None:
    class Broken(FakePipeline):
        def analyse_many(self, documents):  # type: ignore[no-untyped-def]
            from dataclasses import replace

            from dateline.records import Sentence

            for result in super().analyse_many(documents):
                if result.document.id == "b":  # type: ignore[union-attr]
                    dup = Sentence(0, 0, 3, result.sentences[0].block)  # type: ignore[union-attr]
                    result = replace(result, sentences=(*result.sentences, dup))  # type: ignore[arg-type]
                yield result

    dl = open_dl(db_url, Broken())
    report = dl.ingest_documents(corpus())
    assert (report.added, report.rejected) == (2, 1)
    assert [r.reason for r in dl.rejections()] == ["store-error"]
    assert {d.id for d in dl.documents()} == {"a", "c"}
    with dl.store().engine.connect() as conn:
        assert conn.execute(select(S.sentences).where(S.sentences.c.doc_id == "b")).first() is None


def test_everything_rejected_is_not_ok(db_url: str) -> None:
    report = open_dl(db_url).ingest_documents([Rejection("x", "empty", "x: empty")])
    assert (report.rejected, report.ok) == (1, False)


def test_queries(db_url: str) -> None:
    dl = open_dl(db_url)
    dl.ingest_documents(corpus())
    assert [e.date.value for e in dl.timeline(actor="Varga")] == ["2023"]
    assert [e.date.value for e in dl.events(party="Varga")] == ["2023", "2024-05-03"]
    assert [e.type for e in dl.events(since="2024-05", until="2024-05")] == ["CONSULT", "ASSAULT"]
    assert dl.events(since=date(2024, 5, 8), until="2024-05-31") == []
    assert [e.type for e in dl.events(type="sanction")] == ["SANCTION"]
    assert len(dl.events(limit=1)) == 1
    ev = dl.events(actor="Brandt")[0]
    assert dl.event(ev.id) == ev
    with pytest.raises(NotFound):
        dl.event("ev_nope")
    with pytest.raises(InvalidQuery):
        dl.events(since="March 2024")
    with pytest.raises(InvalidQuery):
        dl.events(until="2024-02-30")
    docs = dl.documents()
    assert [(d.id, d.published.value, d.published.source, d.n_reports) for d in docs] == [
        ("a", date(2024, 5, 10), "metadata", 3), ("b", date(2024, 5, 10), "metadata", 2),
        ("c", date(2024, 5, 10), "metadata", 1),
    ]


def test_iter_events_streams_what_events_lists_and_timeline_takes_a_limit(db_url: str) -> None:
    dl = open_dl(db_url)
    dl.ingest_documents(corpus())
    every = dl.events()
    assert len(every) == 6
    assert list(dl.iter_events()) == every
    assert list(dl.iter_events(party="Varga")) == dl.events(party="Varga")
    assert [e.type for e in dl.iter_events(since="2024-05", until="2024-05")] == ["CONSULT", "ASSAULT"]
    assert dl.timeline(limit=2) == every[:2]
    assert dl.timeline(actor="Varga", limit=5) == dl.timeline(actor="Varga")
    with pytest.raises(InvalidQuery):
        next(dl.iter_events(since="March 2024"))


def test_queries_on_a_missing_database_do_not_create_it(tmp_path: Path) -> None:
    dl = Dateline(tmp_path / "missing.db", Settings())
    with pytest.raises(StoreError, match="no database"):
        dl.events()
    assert not (tmp_path / "missing.db").exists()


def test_db_comes_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_DB", str(tmp_path / "env.db"))
    assert Dateline().db == str(tmp_path / "env.db")
    assert Dateline(settings=Settings(db="s.db")).db == "s.db"
    assert Dateline("x.db", Settings(db="s.db")).db == "x.db"


def test_export_to_streams_and_paths(db_url: str, tmp_path: Path) -> None:
    dl = open_dl(db_url)
    dl.ingest_documents(corpus())
    text = io.StringIO()
    assert dl.export("jsonl", text) == 6
    binary = io.BytesIO()
    assert dl.export("jsonl", binary) == 6
    assert binary.getvalue().decode("utf-8") == text.getvalue()
    assert dl.export("csv", tmp_path / "out.csv") == 6
    assert len((tmp_path / "out.csv").read_text().splitlines()) == 7
    exported = [json.loads(line) for line in text.getvalue().splitlines()]
    assert [e["type"] for e in exported] == ["CONSULT", "ACCUSE", "CONSULT", "ASSAULT", "CONSULT", "SANCTION"]
    with pytest.raises(InvalidQuery):
        dl.export("xml", io.StringIO())


def test_describe_rejection_names_the_input_once() -> None:
    assert describe_rejection(Rejection("f.txt", "empty", "no text")) == "f.txt: no text [empty]"
    assert describe_rejection(Rejection("f.txt", "empty", "f.txt: no text")) == "f.txt: no text [empty]"


def test_progress_bar_goes_to_stderr_when_forced(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    open_dl(db_url).ingest_documents(corpus(), progress=True)
    captured = capsys.readouterr()
    assert captured.out == "" and "3doc" in captured.err.replace(" ", "")
    open_dl(db_url).ingest_documents(corpus(), progress=None)  # stderr is no terminal here
    assert capsys.readouterr().err == ""


def test_hand_built_analysis_round_trips(db_url: str) -> None:
    analysis = analyse(make_document("a", ARTICLE_A))
    dl = open_dl(db_url)
    dl.ingest_documents([analysis.document])
    stored = {(e.type, e.actor.name, e.date.first, e.date.last) for e in dl.events()}  # type: ignore[union-attr]
    assert stored == {(e.type, e.actor.name, e.date.first, e.date.last) for e in analysis.events}  # type: ignore[union-attr]


def test_messages_are_passed_on_as_they_happen(db_url: str) -> None:
    seen: list[tuple[str, int]] = []
    # batches of one document: each is stored (committed) before the next is read
    dl = Dateline(db_url, Settings(batch_size=1), pipeline=FakePipeline(), clock=CLOCK)
    items = [Rejection("in/x.bin", "binary", "NUL bytes"), make_document("a", ARTICLE_A),
             make_document("a2", ARTICLE_A)]
    report = dl.ingest_documents(items, on_message=lambda m: seen.append((m, dl.store().counts()["documents"])))
    assert [m for m, _ in seen] == list(report.messages) == [
        "in/x.bin: NUL bytes [binary]", "corpus/a2.txt: same text as document 'a' [duplicate]"]
    assert [n for _, n in seen] == [0, 1]  # the first line came before anything was stored
