"""The store: one object over one database, each document stored whole or not at all."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, SQLAlchemyError, StatementError

from ..errors import NotFound, Reason, RejectedDocument, StoreError
from ..records import Analysis, Document, Rejection
from ..views import DocumentView, EventView, MergeRecord, ResolveReport
from . import merging, read, write
from .engine import open_engine, utc_now, writing
from .read import EventFilter
from .write import DocStatus, Status


@dataclass(frozen=True)
class SaveResult:
    status: Status  # NEW and CHANGED were written, UNCHANGED and DUPLICATE were not
    reports: int = 0
    duplicate_of: str | None = None


class Store:
    """Documents, their analyses, reports, events and rejections in one database.

    ``db`` is a SQLite file path or an SQLAlchemy URL.  ``clock`` stamps ingest and
    rejection times (pass a fixed one in tests)."""

    def __init__(
        self,
        db: str | Path,
        *,
        create: bool = True,
        clock: Callable[[], datetime] = utc_now,
        min_event_confidence: float = 0.0,
    ) -> None:
        self.engine: Engine = open_engine(db, create=create, clock=clock)
        self.clock = clock
        self.min_event_confidence = min_event_confidence

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    @contextmanager
    def _connect(self, *, write: bool = False) -> Iterator[Connection]:
        """A connection (a transaction when ``write``); database failures become StoreError."""
        try:
            with writing(self.engine) if write else self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {_first_line(exc)}") from exc

    def status(self, doc: Document) -> DocStatus:
        with self._connect() as conn:
            return write.document_status(conn, doc.id, doc.content_hash)

    def save_analysis(self, analysis: Analysis) -> SaveResult:
        """Store one analysed document in one transaction: all of it or nothing.

        A document whose id and content are already stored is left alone; one whose text is
        stored under another id is a duplicate; a changed document replaces the old version.
        A document the database refuses (a constraint fails) raises ``RejectedDocument``
        (``store-error``) after the rollback, and the store stays usable for the next one; a
        failing database raises :class:`StoreError`."""
        result = self.save_analyses([analysis])[0]
        if isinstance(result, RejectedDocument):
            raise result
        return result

    def save_analyses(self, analyses: Sequence[Analysis]) -> list[SaveResult | RejectedDocument]:
        """Store analysed documents with one commit: each document in a savepoint of its own, so
        that each is still all of it or nothing (a refused one is a ``RejectedDocument`` in the
        list, in its place, and the others are kept), and a process killed before the commit
        leaves none of them (the next ingest analyses them again).  One commit for a batch
        instead of one a document: the index pages the documents share are written once.
        A failing database raises :class:`StoreError` and keeps none of the batch."""
        out: list[SaveResult | RejectedDocument] = []
        doc = None
        try:
            with writing(self.engine) as conn:  # one writer at a time teaches the actor registry
                for analysis in analyses:
                    doc = analysis.document
                    try:
                        with conn.begin_nested():
                            out.append(self._write(conn, analysis))
                    except RejectedDocument as exc:  # refused before the database saw it (an id too long)
                        out.append(exc)
                    except SQLAlchemyError as exc:
                        if not refused(exc):
                            raise
                        refusal = RejectedDocument(
                            Reason.STORE, f"{doc.origin}: could not store document {doc.id}: {_first_line(exc)}")
                        refusal.__cause__ = exc  # what refused it (a concurrent writer's key is tried again)
                        out.append(refusal)
        except SQLAlchemyError as exc:  # the database itself failed: stop rather than reject every document
            where = f" while storing {doc.origin}" if doc is not None else ""
            raise StoreError(f"database error{where}: {_first_line(exc)}") from exc
        return out

    def _write(self, conn: Connection, analysis: Analysis) -> SaveResult:
        doc = analysis.document
        st = write.document_status(conn, doc.id, doc.content_hash)
        if st.status in (Status.UNCHANGED, Status.DUPLICATE):
            return SaveResult(st.status, duplicate_of=st.duplicate_of)
        if st.status is Status.CHANGED:
            write.delete_document(conn, doc.id)
        n = write.write_analysis(
            conn, analysis, ingested_at=self.clock(), min_confidence=self.min_event_confidence,
            fresh=st.status is Status.NEW,
        )
        return SaveResult(st.status, reports=n)

    def save_rejection(self, rejection: Rejection) -> bool:
        """Store a rejection unless the same one is stored; True when it is new."""
        with self._connect(write=True) as conn:
            return write.write_rejection(conn, rejection, created_at=self.clock())

    # ------------------------------------------------------------------ merging events

    def resolve(self, doc_ids: Sequence[str] | None = None) -> ResolveReport:
        """Merge the reports of pending documents (all, or those of ``doc_ids``) with the events
        they describe; syndicated copies are grouped first.  One transaction per merge."""
        try:
            return merging.resolve(self.engine, doc_ids, clock=self.clock)
        except SQLAlchemyError as exc:
            raise StoreError(f"database error while merging events: {_first_line(exc)}") from exc

    def merge_events(self, event_ids: Sequence[str], *, note: str = "") -> EventView:
        """A user's merge of events into the first one (logged; never undone by rule)."""
        with self._connect(write=True) as conn:
            kept = merging.merge_events(conn, event_ids, self.clock(), note)
        return self.event(kept)

    def split_event(self, event_id: str, reports: Sequence[str] | None = None, *, note: str = "") -> list[EventView]:
        """A user's split (logged; resolution never merges the parts again)."""
        with self._connect(write=True) as conn:
            ids = merging.split_event(conn, event_id, reports, self.clock(), note)
        with self._connect() as conn:
            return read.load_events(conn, ids)

    def merge_log(self, event_id: str | None = None) -> list[MergeRecord]:
        with self._connect() as conn:
            return merging.merge_history(conn, event_id)

    # ------------------------------------------------------------------ reading

    def events(self, f: EventFilter | None = None, *, chronological: bool = True) -> list[EventView]:
        with self._connect() as conn:
            ids = read.find_event_ids(conn, f or EventFilter(), chronological=chronological)
            return read.load_events(conn, ids)

    def iter_events(self, f: EventFilter | None = None) -> Iterator[EventView]:
        """All matching events, chronologically, loaded a batch at a time."""
        with self._connect() as conn:
            yield from read.iter_events(conn, f or EventFilter())

    def event(self, event_id: str) -> EventView:
        with self._connect() as conn:
            found = read.load_events(conn, [event_id])
        if not found:
            raise NotFound(f"no event {event_id!r}")
        return found[0]

    def documents(self) -> list[DocumentView]:
        with self._connect() as conn:
            return read.load_documents(conn)

    def document_text(self, doc_id: str) -> str:
        with self._connect() as conn:
            text = read.document_text(conn, doc_id)
        if text is None:
            raise NotFound(f"no document {doc_id!r}")
        return text

    def rejections(self) -> list[Rejection]:
        with self._connect() as conn:
            return read.load_rejections(conn)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._connect() as conn:
            return read.table_counts(conn)


def refused(exc: SQLAlchemyError) -> bool:
    """Did the database refuse this document's rows (a constraint, a value too long, a value of
    the wrong type), as opposed to failing (no such table, lost connection: OperationalError on
    SQLite, ProgrammingError on PostgreSQL)?"""
    if isinstance(exc, (IntegrityError, DataError)):
        return True
    return isinstance(exc, StatementError) and not isinstance(exc, DBAPIError)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else type(exc).__name__
