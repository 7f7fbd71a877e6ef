"""Analysis in parallel: documents go in batches to worker processes (a local pool, or a Dask
cluster in :mod:`.cluster`) and come back *in input order*, so that the parent stores them (each
document whole or not at all) exactly as a serial ingest would (same ids, same actor registry).

At most ``inflight`` batches per worker are out at any time: reading, sending and storing stay
in step, and memory stays bounded on corpora of any size.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Protocol

from ..errors import PipelineError
from ..records import Analysis, Document, Rejection
from . import worker
from .worker import AnalyserFactory, BatchResult, Stored, WorkerStats


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class RunStats:
    """What the workers reported: per worker its latest figures, and seconds per stage summed."""

    workers: dict[str, WorkerStats] = field(default_factory=dict)
    timings: dict[str, dict[str, float]] = field(default_factory=dict)  # worker -> stage -> seconds

    def add(self, result: BatchResult) -> None:
        """Keep each worker's latest figures (they only grow: a task that stored a batch brings the
        figures the analysing worker had then, maybe older than some already here)."""
        for stats in (result.stats, result.stored_by):
            if stats is not None:
                known = self.workers.get(stats.worker)
                if known is None or stats.busy_seconds >= known.busy_seconds:
                    self.workers[stats.worker] = stats
        if result.timings:
            known_timings = self.timings.get(result.stats.worker, {})
            if sum(result.timings.values()) >= sum(known_timings.values()):
                self.timings[result.stats.worker] = result.timings

    def stage_seconds(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for per in self.timings.values():
            for stage, seconds in per.items():
                out[stage] = out.get(stage, 0.0) + seconds
        return out

    @property
    def peak_rss_mb(self) -> float:
        return max((w.peak_rss_mb for w in self.workers.values()), default=0.0)


class Pending(Protocol):
    """A batch out at a worker (a concurrent.futures or a Dask future)."""

    def result(self) -> BatchResult: ...


def in_order(submit: Callable[[list[Document]], Pending], documents: Iterable[Document],
             size: int, window: int, stats: RunStats) -> Iterator[Analysis | Rejection | Stored]:  # fmt: skip
    """Submit batches of ``documents`` keeping at most ``window`` of them out; yield results in
    input order as each head-of-line batch completes."""
    pending: deque[Pending] = deque()
    for batch in batches(documents, size):
        pending.append(submit(batch))
        while len(pending) >= window:
            yield from _take(pending.popleft(), stats)
    while pending:
        yield from _take(pending.popleft(), stats)


def _take(future: Pending, stats: RunStats) -> list[Analysis | Rejection | Stored]:
    result = future.result()
    stats.add(result)
    return result.results


class ProcessAnalyser:
    """Analyses in ``workers`` local processes (``spawn``ed: each builds its own analyser with
    ``factory`` once, e.g. loads the spaCy model); ``analyse_many`` yields in input order."""

    def __init__(self, workers: int, factory: AnalyserFactory, *, batch_size: int = 32, inflight: int = 2) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.factory = factory
        self.batch_size = max(1, batch_size)
        self.inflight = max(1, inflight)
        self.stats = RunStats()

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]:
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=worker.init,
                                   initargs=(self.factory,))  # fmt: skip

        def submit(batch: list[Document]) -> Future[BatchResult]:
            return pool.submit(worker.analyse_batch, batch, self.factory)

        finished = False
        try:
            for item in in_order(submit, documents, self.batch_size, self.workers * self.inflight, self.stats):
                if isinstance(item, Stored):  # pragma: no cover - a pool's workers never store
                    raise PipelineError("a local worker stored a document")
                yield item
            finished = True
        except BrokenProcessPool as exc:
            raise PipelineError(f"a worker process died ({exc}); what was stored is kept, run ingest again") from exc
        finally:  # on an early stop (an error, an interrupt) do not wait for the batches still out
            pool.shutdown(wait=finished, cancel_futures=not finished)


def describe(stats: RunStats) -> list[str]:
    """One line per worker: documents, busy seconds, peak memory."""
    return [
        f"{w.worker}: {w.documents} document(s), {w.busy_seconds:.1f} s busy, peak RSS {w.peak_rss_mb:.0f} MB"
        for w in sorted(stats.workers.values(), key=lambda w: w.worker)
    ]
