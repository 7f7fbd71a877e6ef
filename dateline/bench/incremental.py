"""Does an ingest cost what the new articles bring, whatever the size of the store?

    python -m dateline.bench.incremental [--store 100000] [--batch 1000] [--db URL] [--keep PATH]

Grows a store batch by batch through the real ingest path (``Dateline.ingest_documents``: the
status checks, one transaction per document with the actor registry learning from it, then
``resolve`` merging the batch's reports into the stored events) and times the batches that land
on a store of 0, 1,000, 10,000, ... up to ``--store`` articles.  The analyses are synthetic,
made without the NLP pipeline (the corpus of dateline.bench.server_latency: ten one-sentence
events an article among 20,000 invented actors of Zipf-like activity), published day after day
over the years, each reporting events of the weeks before it, as a news feed does.  The figures
are per article: store (writing and registry learning), resolve (merging) and their sum.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from dateline.bench.server_latency import CLOCK
from dateline.bench.store_latency import BigCorpus
from dateline.bench.throughput import timed_method
from dateline.records import Analysis, Document, PublicationDate

START = date(2016, 1, 1)
PER_DAY = 70  # articles published a day: 100,000 articles are about four years of a feed


class Feed(BigCorpus):
    """Article ``n`` is published on day ``n // PER_DAY`` and reports events of the 30 days before."""

    day = START

    def when(self) -> tuple[str, date, date, str, str]:
        _, first, last, gran, _ = super().when()
        shift = (self.day - timedelta(days=self.rng.randrange(30))) - first
        first, last = first + shift, last + shift
        if gran == "day":
            return first.isoformat(), first, last, gran, f"on {first.isoformat()}"
        if gran == "range":
            return f"{first.isoformat()}/{last.isoformat()}", first, last, gran, f"from {first} to {last}"
        return first.isoformat(), first, first, "day", f"on {first.isoformat()}"  # months and years: a day here

    def article(self, n: int) -> Analysis:
        self.day = START + timedelta(days=n // PER_DAY)
        a = self.analysis(n)
        doc = replace(a.document, published=PublicationDate(self.day, "metadata", "bench", 0.9))
        return replace(a, document=doc)


class Replay:
    """A pipeline handing back the analyses it was given (by document id)."""

    def __init__(self, analyses: Iterable[Analysis]) -> None:
        self.by_id = {a.document.id: a for a in analyses}

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        for d in documents:
            yield self.by_id[d.id]


def checkpoints(total: int, batch: int) -> list[int]:
    out, size = [0], batch
    while size < total:
        out.append(size)
        size *= 10
    return sorted({*out, max(0, total - batch)})


def grow(db: str, total: int, batch: int, log: Callable[[str], None] = print) -> list[tuple[int, float, float]]:
    """Ingest ``total`` articles in batches; returns (store size, store ms, resolve ms) per
    article for the batches starting at the checkpoints."""
    from dateline.api import Dateline
    from dateline.settings import Settings

    feed = Feed()
    marks = set(checkpoints(total, batch))
    figures: list[tuple[int, float, float]] = []
    t0 = time.perf_counter()
    with Dateline(db, Settings(), clock=lambda: CLOCK) as dl:
        store = dl.store(create=True)
        spent: dict[str, float] = {}
        timed_method(store, "save_analyses", spent, "store")
        timed_method(store, "resolve", spent, "resolve")
        for lo in range(0, total, batch):
            analyses = [feed.article(n) for n in range(lo, min(lo + batch, total))]
            dl._pipeline = Replay(analyses)
            spent.clear()
            dl.ingest_documents([a.document for a in analyses])
            n = len(analyses)
            if lo in marks:
                figures.append((lo, spent["store"] / n * 1000, spent["resolve"] / n * 1000))
                _, store_ms, resolve_ms = figures[-1]
                log(f"  store of {lo:>7,} articles: +{n} articles, store {store_ms:5.1f} ms, resolve {resolve_ms:5.1f} "
                    f"ms an article ({time.perf_counter() - t0:.0f} s so far)")  # fmt: skip
    return figures


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.bench.incremental", description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=int, default=100_000, help="articles in the store at the end (default 100,000)")
    ap.add_argument("--batch", type=int, default=1_000, help="articles per ingest (default 1,000)")
    ap.add_argument("--db", metavar="URL", help="a database URL (its dateline tables are dropped first)")
    ap.add_argument("--keep", type=Path, metavar="PATH", help="build the SQLite store here and keep it")
    args = ap.parse_args(argv)
    if args.batch < 1 or args.store < args.batch:
        ap.error("--store must be at least --batch, which must be positive")
    with tempfile.TemporaryDirectory(prefix="dateline-incremental-") as tmp:
        db = args.db or str(args.keep or Path(tmp) / "incremental.db")
        if args.db:
            from dateline.bench.throughput import drop_dateline_tables

            drop_dateline_tables(args.db)
        out(f"{args.store:,} synthetic articles (10 events each, no NLP) in batches of {args.batch:,} into {db}")
        figures = grow(db, args.store + args.batch, args.batch, out)
    first, last = figures[0][1] + figures[0][2], figures[-1][1] + figures[-1][2]
    out(f"adding {args.batch:,} articles to a store of {figures[-1][0]:,}: {last * args.batch / 1000:.1f} s "
        f"({last:.1f} ms an article); to an empty store: {first * args.batch / 1000:.1f} s ({first:.1f} ms an article)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
