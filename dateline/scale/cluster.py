"""Analysis on a Dask cluster: ``local`` starts a LocalCluster of worker processes on this
machine, ``tcp://HOST:PORT`` uses a running scheduler (its workers need dateline and the spaCy
model package installed).

Batches go out as tasks of :func:`dateline.scale.worker.analyse_batch`; each worker builds its
analyser once and keeps it.  With ``store`` (a PostgreSQL URL the workers can reach) the tasks are
:func:`~dateline.scale.worker.analyse_and_store`: the workers write the documents themselves,
one transaction per document, and only small receipts come back; otherwise the analyses come
back and the client stores them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import ConfigError
from ..records import Analysis, Document, Rejection
from ..settings import Settings
from . import worker
from .pool import RunStats, in_order
from .worker import AnalyserFactory, Stored


class DaskAnalyser:
    """``analyse_many`` over a Dask cluster, in input order (see :mod:`.pool`)."""

    def __init__(self, address: str, factory: AnalyserFactory, *, batch_size: int = 32, inflight: int = 2,
                 workers: int | None = None, store: str | None = None,
                 settings: Settings | None = None) -> None:  # fmt: skip
        if address != "local" and "://" not in address:
            raise ConfigError(f"--dask takes 'local' or a scheduler address such as tcp://host:8786, not {address!r}")
        self.address = address
        self.factory = factory
        self.batch_size = max(1, batch_size)
        self.inflight = max(1, inflight)
        self.n_workers = workers
        self.store = store
        self.settings = settings or Settings()
        self.stats = RunStats()

    def connect(self) -> tuple[Any, Any]:
        """(client, the local cluster or None)."""
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError("--dask needs dask[distributed]: pip install 'dateline[dask]'") from exc
        if self.address == "local":
            cluster = LocalCluster(n_workers=self.n_workers or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None, silence_logs=logging.ERROR)  # fmt: skip
            return Client(cluster), cluster
        try:
            return Client(self.address, timeout=30), None
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from exc

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection | Stored]:
        client, cluster = self.connect()
        try:
            n = max(1, len(client.scheduler_info().get("workers", {})))

            def submit(batch: list[Document]) -> Any:
                if self.store is not None:
                    return client.submit(worker.analyse_and_store, batch, self.factory, self.store, self.settings,
                                         pure=False)  # fmt: skip
                return client.submit(worker.analyse_batch, batch, self.factory, pure=False)

            yield from in_order(submit, documents, self.batch_size, n * self.inflight, self.stats)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
