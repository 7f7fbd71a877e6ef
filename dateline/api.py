"""The Python API: one :class:`Dateline` over one database.  Every CLI command is one call here::

    dl = Dateline("news.db")
    print(dl.ingest(["articles/"]).summary())
    for ev in dl.timeline(actor="Park"):
        ...

Reference: docs/api.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Protocol, TextIO, runtime_checkable

from .errors import InvalidQuery, Reason, RejectedDocument
from .export import export_events
from .periods import as_date
from .pubdate.peers import date_by_peers
from .records import Analysis, Document, Rejection, source_of
from .scale.collector import batch_collection
from .scale.worker import Stored
from .settings import Settings
from .store import EventFilter, SaveResult, Status, Store
from .store.actor_admin import ActorStore, ActorSummary, ActorView, ImportReport
from .store.engine import utc_now
from .views import DocumentView, EventView, IngestReport, MergeRecord, ResolveReport

if TYPE_CHECKING:
    from .scale.pool import RunStats


@runtime_checkable
class Analyser(Protocol):
    """What ingest needs from the pipeline (``dateline.pipeline.Pipeline`` is one)."""

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]: ...


class _Analysing(Protocol):
    """An analyser, or workers analysing (and, on a shared PostgreSQL, storing) for ingest."""

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection | Stored]: ...


DateArg = date | str | None
RESOLVE_EVERY = 200  # documents stored, then merged into events while the ingest goes on


class Dateline:
    """A dated, sourced record of events in one database.

    ``db`` is a SQLite file path or an SQLAlchemy URL; by default it comes from ``settings``
    (which, when not given, are read from ``DATELINE_*`` environment variables).  ``pipeline``
    is an analyser or a factory of one, used instead of the standard NLP pipeline (tests);
    ``clock`` stamps ingest times."""

    def __init__(
        self,
        db: str | Path | None = None,
        settings: Settings | None = None,
        *,
        pipeline: Analyser | Callable[[], Analyser] | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.settings = settings if settings is not None else Settings.from_env()
        self.db = str(db) if db is not None else self.settings.db
        self._pipeline_arg = pipeline
        self._pipeline: Analyser | None = None
        self._clock = clock
        self._store: Store | None = None
        self.run_stats: RunStats | None = None  # the workers' figures of the last parallel ingest

    # ------------------------------------------------------------------ plumbing

    def store(self, *, create: bool = False) -> Store:
        """The open store.  Reading a SQLite file that does not exist is an error (no file is
        created by a query); ingesting creates it."""
        if self._store is None:
            self._store = Store(
                self.db, create=create, clock=self._clock,
                min_event_confidence=self.settings.min_event_confidence,
            )
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Dateline:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def pipeline(self) -> Analyser:
        """The analyser, loaded on first use (loading the NLP model takes seconds)."""
        if self._pipeline is None:
            arg = self._pipeline_arg
            if arg is None:
                from .pipeline import Pipeline

                self._pipeline = Pipeline.load(self.settings)
            elif isinstance(arg, Analyser) and not isinstance(arg, type):  # an object, not a class
                self._pipeline = arg
            else:
                self._pipeline = arg()
        return self._pipeline

    # ------------------------------------------------------------------ ingest

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        stdin: TextIO | BinaryIO | None = None,
        progress: bool | None = False,
        on_message: Callable[[str], None] | None = None,
        workers: int = 1,
        dask: str | None = None,
    ) -> IngestReport:
        """Read files, folders and ``-`` (stdin), analyse what is new and store it.

        Each document is stored whole or not at all (a savepoint each, one commit for a batch
        of ``settings.batch_size``); re-ingesting unchanged input writes nothing.
        ``progress``: ``True`` always shows a progress bar on stderr, ``None`` only when
        stderr is a terminal, ``False`` never.  ``on_message`` receives each rejection or
        warning line as it happens (they are also in the report).  ``workers`` > 1 analyses
        in that many local processes, ``dask`` (``"local"`` or ``"tcp://host:port"``) on a Dask
        cluster (see ``ingest_documents``)."""
        from .sources import SourceLimits, iter_documents

        limits = SourceLimits(max_document_bytes=self.settings.max_document_bytes)
        items = iter_documents([str(p) for p in paths], limits=limits, stdin=stdin)
        return self.ingest_documents(items, progress=progress, on_message=on_message, workers=workers, dask=dask)

    def ingest_documents(
        self,
        items: Iterable[Document | Rejection],
        *,
        progress: bool | None = False,
        on_message: Callable[[str], None] | None = None,
        workers: int = 1,
        dask: str | None = None,
    ) -> IngestReport:
        """Store already-read documents (and rejections met while reading them).

        Documents are read and checked against the store here (unchanged and duplicate ones
        are skipped); with ``workers`` > 1 they are analysed in that many worker processes,
        each loading the pipeline once, and stored here in input order, each document
        whole or not at all, as a serial run would.  With ``dask`` they are analysed on a Dask cluster
        (``"local"``: a LocalCluster of ``workers`` processes, or all cores when ``workers``
        is 1); on PostgreSQL the workers also store them.  Merging reports into events
        (``resolve``) follows here, for every ``RESOLVE_EVERY`` documents stored and for the
        rest at the end: while the parent merges, the workers go on analysing."""
        with batch_collection():  # fewer passes of the cycle collector over a large heap
            return self._ingest(items, progress, on_message, workers, dask)

    def _ingest(self, items: Iterable[Document | Rejection], progress: bool | None,
                on_message: Callable[[str], None] | None, workers: int, dask: str | None) -> IngestReport:  # fmt: skip
        run = _IngestRun(self.store(create=True), progress, on_message)
        self.run_stats = None
        resolved = ResolveReport()
        try:
            fresh = run.new_documents(date_by_peers(items))
            first = next(fresh, None)
            if first is not None:
                stored: list[str] = []
                batch: list[Analysis] = []  # analysed, stored with one commit (a savepoint each)
                for result in self._analyser(workers, dask).analyse_many(chain([first], fresh)):
                    if isinstance(result, Analysis):
                        batch.append(result)
                        if len(batch) < min(self.settings.batch_size, RESOLVE_EVERY - len(stored)):
                            continue
                    stored += run.save_analyses(batch)
                    batch = []
                    if not isinstance(result, Analysis):
                        doc_id = run.save(result)
                        stored += [doc_id] if doc_id is not None else []
                    if len(stored) >= RESOLVE_EVERY:  # the same chunks in a serial and a parallel run
                        resolved += run.store.resolve(stored)
                        stored = []
                stored += run.save_analyses(batch)
        finally:
            run.close()
        resolved += run.store.resolve()  # the rest of the new documents' reports join their events
        return replace(run.report(), merged=resolved.merged, copies=resolved.copies)

    def _analyser(self, workers: int, dask: str | None) -> _Analysing:
        """The serial pipeline, or a pool of workers building it, or a Dask cluster."""
        if workers < 1:
            raise InvalidQuery(f"workers must be at least 1, not {workers}")
        if dask is None and workers == 1:
            return self.pipeline()
        from .scale.worker import Given, StandardPipeline

        arg = self._pipeline_arg  # the workers get a factory (pickled), never a loaded model
        factory: Callable[[], Analyser]
        if arg is None:
            factory = StandardPipeline(self.settings)
        elif isinstance(arg, Analyser) and not isinstance(arg, type):
            factory = Given(arg)
        else:
            factory = arg
        if dask is not None:
            from .scale.cluster import DaskAnalyser
            from .store.engine import database_url

            url = database_url(self.db)
            direct = not url.startswith("sqlite")
            if direct:  # the workers write: the registry is seeded once, here, not by each of them
                ActorStore(self.store()).seed()
            cluster = DaskAnalyser(dask, factory, batch_size=self.settings.batch_size,
                                   workers=workers if workers > 1 else None, store=url if direct else None,
                                   settings=self.settings, merge_every=RESOLVE_EVERY)  # fmt: skip
            self.run_stats = cluster.stats
            return cluster
        from .scale.pool import ProcessAnalyser

        pool = ProcessAnalyser(workers, factory, batch_size=self.settings.batch_size)
        self.run_stats = pool.stats
        return pool

    # ------------------------------------------------------------------ events: merging

    def resolve(self, doc_ids: Sequence[str] | None = None) -> ResolveReport:
        """Merge the reports of documents not merged yet (all, or those of ``doc_ids``) with the
        events they describe.  ``ingest`` does it for what it stores; this finishes an
        interrupted run."""
        with batch_collection():
            return self.store(create=True).resolve(doc_ids)

    def merge_events(self, event_ids: Sequence[str], *, note: str = "") -> EventView:
        """Merge events into the first one, as a user decision: logged, and never undone by
        automatic merging (when a document comes back, its reports rejoin the event)."""
        return self.store().merge_events(event_ids, note=note)

    def split_event(self, event_id: str, reports: Sequence[str] | None = None, *, note: str = "") -> list[EventView]:
        """Detach ``reports`` (report ids) from an event into a new one, or every report into an
        event of its own; logged, and remembered so that automatic merging keeps them apart.
        Returns the split event first, then the new ones."""
        return self.store().split_event(event_id, reports, note=note)

    def merge_log(self, event_id: str | None = None) -> list[MergeRecord]:
        """Merges and splits, oldest first (of one event when given): by rule with the score,
        or by a user."""
        return self.store().merge_log(event_id)

    # ------------------------------------------------------------------ queries

    def events(
        self,
        *,
        actor: str | None = None,
        recipient: str | None = None,
        party: str | None = None,
        type: str | None = None,
        since: DateArg = None,
        until: DateArg = None,
        doc: str | None = None,
        limit: int | None = None,
    ) -> list[EventView]:
        """Events with their sources, chronologically (unknown dates last).

        ``actor``/``recipient``/``party`` (either role) match a name or alias as whole words in
        any case (``park`` matches ``Park Min-jun``); ``since``/``until`` (a date or ``YYYY``,
        ``YYYY-MM``, ``YYYY-MM-DD``) keep events whose date interval overlaps them; ``limit``
        keeps the first ones.  :meth:`iter_events` streams the same list."""
        return self.store().events(
            _event_filter(actor, recipient, party, type, since, until, doc, limit), chronological=True
        )

    def iter_events(
        self,
        *,
        actor: str | None = None,
        recipient: str | None = None,
        party: str | None = None,
        type: str | None = None,
        since: DateArg = None,
        until: DateArg = None,
        doc: str | None = None,
    ) -> Iterator[EventView]:
        """The events :meth:`events` returns, in the same order, loaded a batch at a time: an
        actor with tens of thousands of events is read without holding them all."""
        yield from self.store().iter_events(_event_filter(actor, recipient, party, type, since, until, doc, None))

    def timeline(
        self, *, actor: str | None = None, since: DateArg = None, until: DateArg = None, limit: int | None = None
    ) -> list[EventView]:
        """The events of an actor (or all), ordered by when they happened, unknown dates last;
        ``limit`` keeps the first ones (``iter_events(actor=...)`` streams them all)."""
        return self.events(actor=actor, since=since, until=until, limit=limit)

    def event(self, event_id: str) -> EventView:
        """One event with all its sources; raises :class:`~dateline.errors.NotFound`."""
        return self.store().event(event_id)

    def documents(self) -> list[DocumentView]:
        return self.store().documents()

    def document_text(self, doc_id: str) -> str:
        return self.store().document_text(doc_id)

    def rejections(self) -> list[Rejection]:
        return self.store().rejections()

    # ------------------------------------------------------------------ actors

    def actors(
        self, *, kind: str | None = None, country: str | None = None, include_unused: bool = False
    ) -> list[ActorSummary]:
        """Canonical actors, most events first: learned and user-made ones, and the gazetteer's
        states and bodies that some event references (all of them with ``include_unused``).
        ``kind`` is person, organisation, state or group; ``country`` an ISO alpha-3 code."""
        return ActorStore(self.store()).list(kind=kind, country=country, every=include_unused)

    def actor(self, query: str, *, on: DateArg = None) -> ActorView:
        """One actor with its aliases, roles and events by month.  ``query`` is an id, a name or
        alias, a place standing for its state ("the Kremlin") or a description ("Belarus's top
        general"), resolved to the office holder on ``on`` (default: the latest date
        the registry knows).  Raises NotFound, or InvalidQuery when a name fits several actors."""
        return ActorStore(self.store()).show(query, on=as_date(on, end=False) if on else None)

    def merge_actors(self, kept: str, merged: str) -> ActorView:
        """Make ``merged`` part of ``kept``: its aliases, roles and references move; logged, and
        undone by ``split_actor(kept, <one of merged's aliases>)``."""
        return ActorStore(self.store(), self._clock).merge(kept, merged)

    def split_actor(self, actor: str, alias: str) -> ActorView:
        """Give ``alias`` an actor of its own (restoring the actor merged in with it, if any),
        with the reports that name it; returns the new actor."""
        return ActorStore(self.store(), self._clock).split(actor, alias)

    def import_actors(self, path: str | Path) -> ImportReport:
        """Add aliases and roles (with terms) from a YAML or CSV file (format: docs/cli.md);
        bad entries are reported one line each, the others imported."""
        return ActorStore(self.store(create=True), self._clock).import_file(Path(path))

    def seed_actors(self) -> int:
        """Add the gazetteer's states and bodies missing from the registry (ingest does it once
        by itself); returns how many were added."""
        return ActorStore(self.store(create=True)).seed()

    def export(self, fmt: str, out: TextIO | IO[bytes] | Path) -> int:
        """Write every event as ``jsonl`` or ``csv`` to a stream or a file; returns the count."""
        return export_events(fmt, self.store().iter_events(), out)


def _event_filter(
    actor: str | None, recipient: str | None, party: str | None, type_: str | None,
    since: DateArg, until: DateArg, doc: str | None, limit: int | None,
) -> EventFilter:  # fmt: skip
    return EventFilter(
        actor=actor, recipient=recipient, party=party, type=type_,
        since=as_date(since, end=False) if since else None,
        until=as_date(until, end=True) if until else None,
        doc=doc, limit=limit,
    )  # fmt: skip


def describe_rejection(r: Rejection) -> str:
    """One line naming the input, the reason code and what went wrong."""
    message = r.message if r.message.startswith(r.origin) else f"{r.origin}: {r.message}"
    return f"{message} [{r.reason}]"


class _IngestRun:
    """Bookkeeping of one ingest: counts, messages, the progress bar, in-run duplicates."""

    def __init__(self, store: Store, progress: bool | None, on_message: Callable[[str], None] | None) -> None:
        self.store = store
        self.counts: dict[str, int] = dict.fromkeys(
            ("added", "updated", "unchanged", "duplicates", "rejected", "events"), 0
        )
        self.messages: list[str] = []
        self.hashes: dict[str, str] = {}  # content hash -> document id, sent to analysis this run
        self.origins: dict[str, str] = {}  # document id -> origin, sent to analysis this run
        self.bar = _progress_bar(progress)
        self.on_message = on_message

    def new_documents(self, items: Iterable[Document | Rejection]) -> Iterator[Document]:
        """The documents that need analysis; the others are counted on the way."""
        for item in items:
            if isinstance(item, Rejection):
                self.reject(item)
                continue
            doc = item
            earlier = self.hashes.get(doc.content_hash)
            if earlier == doc.id:
                self.tick("unchanged")  # the same input given twice
                continue
            if earlier is not None:
                self.duplicate(doc, earlier)
                continue
            st = self.store.status(doc)
            own = f"{Path(source_of(doc.origin)).stem}-{doc.id}"  # the id it is kept under if taken
            taken = st.stored_origin if st.status is Status.CHANGED else self.origins.get(doc.id)
            if taken is not None and source_of(taken) != source_of(doc.origin):
                # two sources that number their records alike ("id": "1" in two feeds): another
                # source's article under the same id is another document, not a new version
                self.say(f"{doc.origin}: document id {doc.id!r} is taken by {taken}, another source; kept as {own!r}")
                doc = replace(doc, id=own)
                st = self.store.status(doc)
            if st.status is Status.UNCHANGED or (st.status is Status.DUPLICATE and st.duplicate_of == own):
                self.tick("unchanged")  # (or stored before under the id it was kept as)
                continue
            if st.status is Status.DUPLICATE:
                self.duplicate(doc, st.duplicate_of or "?")
                continue
            if doc.id in self.origins:
                self.say(
                    f"{doc.origin}: document id {doc.id!r} was also read from {self.origins[doc.id]}; "
                    "the later text replaces the earlier"
                )
            self.hashes[doc.content_hash] = doc.id
            self.origins[doc.id] = doc.origin
            yield doc

    def save(self, result: Rejection | Stored) -> str | None:
        """Count a rejection (stored) or what a worker stored; the document's id when it was
        written (added or updated).  Analyses are stored by :meth:`save_analyses`."""
        if isinstance(result, Rejection):
            self.reject(result)
            return None
        return self.count(result.document, result.saved)  # a worker stored it (shared PostgreSQL)

    def save_analyses(self, analyses: Sequence[Analysis]) -> list[str]:
        """Store analyses with one commit (each document all or nothing); the ids written."""
        if not analyses:
            return []
        written = []
        for analysis, saved in zip(analyses, self.store.save_analyses(analyses), strict=True):
            doc = analysis.document
            if isinstance(saved, RejectedDocument):  # nothing of it was kept; the batch goes on
                self.reject(Rejection(doc.origin, saved.reason, saved.message, doc.id, doc.content_hash))
            elif (doc_id := self.count(doc, saved)) is not None:
                written.append(doc_id)
        return written

    def count(self, doc: Document, saved: SaveResult) -> str | None:
        """Count what storing ``doc`` did; its id when it was written (added or updated)."""
        if saved.status is Status.DUPLICATE:
            self.duplicate(doc, saved.duplicate_of or "?")
            return None
        self.counts["events"] += saved.reports
        self.tick({Status.NEW: "added", Status.CHANGED: "updated"}.get(saved.status, "unchanged"))
        return doc.id if saved.status in (Status.NEW, Status.CHANGED) else None

    def duplicate(self, doc: Document, of: str) -> None:
        r = Rejection(doc.origin, Reason.DUPLICATE, f"same text as document {of!r}", doc.id, doc.content_hash)
        self.reject(r, outcome="duplicates")

    def reject(self, r: Rejection, *, outcome: str = "rejected") -> None:
        self.store.save_rejection(r)
        self.say(describe_rejection(r))
        self.tick(outcome)

    def say(self, message: str) -> None:
        self.messages.append(message)
        if self.on_message is None:
            return
        if self.bar is not None:
            with self.bar.external_write_mode(file=sys.stderr):  # keep the bar intact
                self.on_message(message)
        else:
            self.on_message(message)

    def tick(self, outcome: str) -> None:
        self.counts[outcome] += 1
        if self.bar is not None:
            self.bar.update(1)
            new = self.counts["added"] + self.counts["updated"]
            self.bar.set_postfix(new=new, rejected=self.counts["rejected"], refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def report(self) -> IngestReport:
        return IngestReport(**self.counts, messages=tuple(self.messages))


def _progress_bar(progress: bool | None) -> Any:
    if progress is False or (progress is None and not sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, desc="ingest", dynamic_ncols=True)
