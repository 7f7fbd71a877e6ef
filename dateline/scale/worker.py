"""What worker processes run: analyse a batch of documents (and, on a shared PostgreSQL, store a
batch analysed earlier on the cluster).  Workers of a local pool and of a Dask cluster import
this module; the analyser is built once per worker process (loading the spaCy model takes
seconds) and kept in :data:`_LOADED`.

Everything passed to or returned from a worker is pickled: documents, analyses and rejections
are frozen dataclasses; the analyser travels as a *factory* (:class:`StandardPipeline`, a class,
or :class:`Given` around an object), never as a loaded model.
"""

from __future__ import annotations

import os
import platform
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import Reason, RejectedDocument, StoreError
from ..records import Analysis, Document, Rejection
from ..settings import Settings

if TYPE_CHECKING:
    from ..store import SaveResult, Store


class Analyser(Protocol):
    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]: ...


AnalyserFactory = Callable[[], Analyser]


@dataclass(frozen=True)
class StandardPipeline:
    """Builds the standard NLP pipeline with ``settings`` (picklable: settings only)."""

    settings: Settings

    def __call__(self) -> Analyser:
        from ..pipeline import Pipeline

        return Pipeline.load(self.settings)


@dataclass(frozen=True)
class Given:
    """A factory handing out (a copy of) an analyser object made by the caller."""

    analyser: Any

    def __call__(self) -> Analyser:
        return self.analyser


@dataclass(frozen=True)
class Stored:
    """A document a worker analysed and stored itself (shared PostgreSQL)."""

    document: Document
    saved: SaveResult


@dataclass(frozen=True)
class WorkerStats:
    """One worker process after a batch: its id, its peak resident memory, the documents it
    analysed and the seconds it spent on them so far."""

    worker: str
    peak_rss_mb: float
    documents: int
    busy_seconds: float


@dataclass(frozen=True)
class BatchResult:
    """What a task returns: its results in input order and the figures of the worker that analysed
    them (and, after :func:`store_batch`, of the worker that stored them)."""

    results: list[Analysis | Rejection | Stored]
    stats: WorkerStats
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, when the analyser keeps them
    rest: int | None = None  # store_batch stopped before this index of the analysed batch
    stored_by: WorkerStats | None = None


_LOADED: dict[Any, Analyser] = {}  # factory -> analyser, in this process
_STORES: dict[str, Store] = {}  # database URL -> store, in this process (direct writes)
_DONE = {"documents": 0, "seconds": 0.0}
_DONE_LOCK = threading.Lock()  # a Dask worker may store in one thread while it analyses in another


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB: VmHWM on Linux (ru_maxrss of a spawned
    worker includes its parent's peak: Linux carries it over fork and exec), else ru_maxrss
    (KiB on Linux, bytes on macOS)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def analyser(factory: AnalyserFactory) -> Analyser:
    """The analyser ``factory`` makes, built once per process."""
    found = _LOADED.get(factory)
    if found is None:
        found = _LOADED[factory] = factory()
    return found


def init(factory: AnalyserFactory) -> None:
    """Pool initializer: build the analyser before the first batch arrives."""
    analyser(factory)


def analyse_batch(documents: list[Document], factory: AnalyserFactory) -> BatchResult:
    """Analyse ``documents`` in order; a document that fails comes back as a rejection."""
    t0 = time.perf_counter()
    nlp = analyser(factory)
    results: list[Analysis | Rejection | Stored] = list(nlp.analyse_many(documents))
    return _finish(results, len(documents), t0, nlp)


def store_batch(analysed: BatchResult, db: str, settings: Settings, start: int = 0, room: int | None = None,
                attempts: int = 5) -> BatchResult:  # fmt: skip
    """Store the analyses of ``analysed`` (a batch :func:`analyse_batch` returned on this cluster)
    from ``start`` on, in order, each in its own transaction, on a shared PostgreSQL database;
    rejections pass through.  With ``room``, stop once that many documents are written (added or
    updated): the caller merges then, and :attr:`BatchResult.rest` says where to go on.

    The client runs one such task at a time, in input order (see :mod:`.cluster`): the actor
    registry learns the documents in the order a serial run does.  A transaction colliding with
    another writer of the database (another ingest) is stored again, up to ``attempts`` times."""
    from ..store.write import Status

    t0 = time.perf_counter()
    store = _STORES.get(db)
    if store is None:
        from ..store import Store

        store = _STORES[db] = Store(db, min_event_confidence=settings.min_event_confidence)
    out: list[Analysis | Rejection | Stored] = []
    written = 0
    items = analysed.results
    at = start
    while at < len(items) and (room is None or written < room):
        result = items[at]
        at += 1
        if not isinstance(result, Analysis):
            out.append(result)
            continue
        doc = result.document
        try:
            saved = save_with_retry(store, result, attempts)
        except RejectedDocument as exc:
            out.append(Rejection(doc.origin, exc.reason, exc.message, doc.id, doc.content_hash))
            continue
        out.append(Stored(doc, saved))
        written += saved.status in (Status.NEW, Status.CHANGED)
    stats = _account(0, time.perf_counter() - t0)
    return BatchResult(out, analysed.stats, analysed.timings, rest=at if at < len(items) else None, stored_by=stats)


def save_with_retry(store: Store, analysis: Analysis, attempts: int = 5) -> SaveResult:
    """``store.save_analysis``, again after a collision with a concurrent writer."""
    for attempt in range(1, attempts + 1):
        try:
            return store.save_analysis(analysis)
        except (RejectedDocument, StoreError) as exc:
            if attempt == attempts or not _collision(exc):
                raise
            time.sleep(0.02 * attempt)
    raise AssertionError("unreachable")


def _collision(exc: Exception) -> bool:
    """A unique key another transaction took first, a deadlock or a serialization failure."""
    from sqlalchemy.exc import DBAPIError, IntegrityError

    cause = exc.__cause__
    if isinstance(exc, RejectedDocument):
        return exc.reason == Reason.STORE and isinstance(cause, IntegrityError)
    code = getattr(getattr(cause, "orig", None), "sqlstate", None) if isinstance(cause, DBAPIError) else None
    return code in ("40P01", "40001")


def _account(documents: int, seconds: float) -> WorkerStats:
    """Add to this process's figures; its stats after that."""
    with _DONE_LOCK:
        _DONE["documents"] += documents
        _DONE["seconds"] += seconds
        done, busy = int(_DONE["documents"]), _DONE["seconds"]
    return WorkerStats(f"{platform.node()}:{os.getpid()}", peak_rss_mb(), done, busy)


def _finish(results: list[Analysis | Rejection | Stored], n: int, t0: float, nlp: Analyser) -> BatchResult:
    stats = _account(n, time.perf_counter() - t0)
    timings = dict(getattr(nlp, "timings", {}) or {})
    return BatchResult(results, stats, timings)
