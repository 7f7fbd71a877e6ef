"""Analysis on a Dask cluster: ``local`` starts a LocalCluster of worker processes on this
machine, ``tcp://HOST:PORT`` uses a running scheduler (its workers need dateline and the spaCy
model package installed).

Batches go out as tasks of :func:`dateline.scale.worker.analyse_batch`; each worker builds its
analyser once and keeps it.  Without ``store`` the analyses come back and the client stores them,
in input order (:func:`.pool.in_order`).

With ``store`` (a PostgreSQL URL the workers can reach) the workers store the documents
themselves, and the store must still be the one a serial run makes.  It depends on the order
documents are stored in: the actor registry (:mod:`dateline.store.actors`) decides by what it has
learned so far ("Alma Reyes" then "Alma Reyes Ortiz" is one person named after the first; the
other way round, after the second; a surname alone is a person while one person bears it; a
description is the office holder known then), and merging a chunk of documents into events
(``resolve``, run by the client every so many documents) reads the registry as it is then.
Workers that stored each batch as soon as they had analysed it made a store that depended on
which worker finished first; and two of them learning the same new name at once, each in its own
transaction, could both create the person (``person:x`` and ``person:x-2``, the later reports
of that name then ambiguous).

Decision: the workers store **one batch at a time, in input order**.  The analyses of a batch
stay on the worker that made them (a Dask future); the client submits the task storing them
(:func:`~dateline.scale.worker.store_batch`) only once it has handed on the receipts of the batch
before, merges included, so stores never overlap and never run ahead of the client's merges; a
store task stops where the client merges a chunk (``merge_every`` documents written, as in a
serial run) and the rest of its batch is stored after that merge.  The alternatives were weighed
on the code: re-linking the run's reports afterwards against the final registry does not give
the serial run's links (a serial run links each document against the registry as it was then),
re-deriving the registry in the client means undoing what the workers learned (actors and
aliases keep no document of origin) from analyses the client never receives, and a registry
whose decisions do not depend on order would be another registry.  The registry is also most of
storing (about 60% of 16 ms an article on PostgreSQL), so it could not be taken out of the
serial part anyway.

Analysis goes on while a batch is stored: on a LocalCluster each worker has two threads and one
``analyse`` resource, so that one thread analyses while the other stores.  Workers of a remote
cluster do the same when started with ``--nthreads 2 --resources analyse=1``; otherwise a store
waits for a free thread.  The client adds one scheduler round trip per batch, none per document.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import ConfigError
from ..records import Analysis, Document, Rejection
from ..settings import Settings
from . import worker
from .pool import RunStats, batches, in_order
from .worker import AnalyserFactory, Stored

ANALYSE = "analyse"  # the worker resource an analysis takes (one per worker: one analysis at a time)


class DaskAnalyser:
    """``analyse_many`` over a Dask cluster, in input order (see :mod:`.pool`); with ``store``
    the workers store, one batch at a time in input order (see above).  ``merge_every``: the
    client merges after every that many documents written (an ingest passes its
    ``dateline.api.RESOLVE_EVERY``; None: no merging during the run)."""

    def __init__(self, address: str, factory: AnalyserFactory, *, batch_size: int = 32, inflight: int = 2,
                 workers: int | None = None, store: str | None = None,
                 settings: Settings | None = None, merge_every: int | None = None) -> None:  # fmt: skip
        if address != "local" and "://" not in address:
            raise ConfigError(f"--dask takes 'local' or a scheduler address such as tcp://host:8786, not {address!r}")
        self.address = address
        self.factory = factory
        self.batch_size = max(1, batch_size)
        self.inflight = max(1, inflight)
        self.n_workers = workers
        self.store = store
        self.settings = settings or Settings()
        self.merge_every = merge_every
        self.stats = RunStats()

    def connect(self) -> tuple[Any, Any]:
        """(client, the local cluster or None)."""
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError("--dask needs dask[distributed]: pip install 'dateline[dask]'") from exc
        if self.address == "local":
            storing = self.store is not None  # then one thread analyses, the other stores
            cluster = LocalCluster(n_workers=self.n_workers or os.cpu_count() or 1, processes=True,
                                   threads_per_worker=2 if storing else 1, resources={ANALYSE: 1} if storing else None,
                                   dashboard_address=None, silence_logs=logging.ERROR)  # fmt: skip
            return Client(cluster), cluster
        try:
            return Client(self.address, timeout=30), None
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from exc

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection | Stored]:
        client, cluster = self.connect()
        try:
            found = client.scheduler_info().get("workers", {})
            window = max(1, len(found)) * self.inflight
            if self.store is None:

                def submit(batch: list[Document]) -> Any:
                    return client.submit(worker.analyse_batch, batch, self.factory, pure=False)

                yield from in_order(submit, documents, self.batch_size, window, self.stats)
                return
            only_one = bool(found) and all(w.get("resources", {}).get(ANALYSE) for w in found.values())
            yield from _Storing(self, client, {ANALYSE: 1} if only_one else None).run(documents, window)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


class _Storing:
    """One direct-store run: analyses submitted ``window`` batches ahead, stores one at a time."""

    def __init__(self, owner: DaskAnalyser, client: Any, resources: dict[str, int] | None) -> None:
        self.owner, self.client, self.resources = owner, client, resources
        self.every = owner.merge_every  # None: nobody merges while this run stores
        self.written = 0  # documents the workers added or updated in this run

    def run(self, documents: Iterable[Document], window: int) -> Iterator[Rejection | Stored]:
        o = self.owner
        pending: deque[Any] = deque()  # futures of analysed batches, in input order, not stored yet
        for batch in batches(documents, o.batch_size):
            pending.append(self.client.submit(worker.analyse_batch, batch, o.factory, pure=False,
                                              resources=self.resources))  # fmt: skip
            while len(pending) >= window:
                yield from self.store(pending.popleft())
        while pending:
            yield from self.store(pending.popleft())

    def store(self, analysed: Any) -> Iterator[Rejection | Stored]:
        """Store an analysed batch (in parts when the client merges in the middle of it),
        yielding what each part stored: the next part is submitted when the caller asks for more,
        after it has handed on (and merged) all of this one."""
        from ..store.write import Status

        o = self.owner
        start: int | None = 0
        while start is not None:
            room = None if self.every is None else self.every - self.written % self.every
            done = self.client.submit(worker.store_batch, analysed, o.store, o.settings, start, room, pure=False,
                                      priority=1).result()  # fmt: skip
            o.stats.add(done)
            for item in done.results:
                if isinstance(item, Analysis):  # pragma: no cover - store_batch stores every analysis
                    raise AssertionError("a worker returned an analysis it was to store")
                if isinstance(item, Stored) and item.saved.status in (Status.NEW, Status.CHANGED):
                    self.written += 1
                yield item
            start = done.rest

