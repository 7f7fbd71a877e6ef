"""Latency of actor queries over a large store, on SQLite and PostgreSQL.

    python -m dateline.bench.store_latency [--events 1000000] [--db URL | --postgres | --sqlite-only]
                                           [--queries 200] [--keep PATH]

Builds a store of ``--events`` synthetic events quickly: invented articles of ten one-sentence
events each (dateline.bench.server_latency's corpus, here with 20,000 actors of Zipf-like
activity), written in bulk through the schema (documents, one report and one event per sentence,
the canonical actors with their aliases, the word indexes) rather than through the NLP pipeline.
Then it times, for actors drawn at random among those with events (most have few, some very
many), ``Dateline.timeline(actor=NAME)`` (every event of the actor with its sources),
``Dateline.events(actor=NAME, limit=50)`` and the HTTP API's ``GET /api/timeline?actor=NAME``
(the actor's events counted per day, week, month or year: what the web UI draws; in-process
client, no cache), and prints p50/p95/max in milliseconds, on a SQLite
file and (``--postgres``: a private server started for the run; ``--db``: that database,
emptied first) on PostgreSQL.  The ten busiest actors are timed apart: their timelines hold
tens of thousands of events.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from dateline.bench.server_latency import CLOCK, EVENTS_PER_DOC, Corpus

ACTORS = 20_000
BATCH_DOCS = 2_000


class BigCorpus(Corpus):
    """The server benchmark's corpus, drawing parties by cumulative weights (the same draws,
    without summing 20,000 weights for each)."""

    def __init__(self, actors: int = ACTORS) -> None:
        super().__init__(actors=actors)
        self.cumulative = list(itertools.accumulate(self.weights))

    def party(self) -> str:
        return self.rng.choices(self.actors, cum_weights=self.cumulative)[0]


def _actor_id(name: str) -> str:
    from dateline.store.actors import slug

    return f"{'person' if ' ' in name else 'group'}:{slug(name)}-{abs(hash(name)) % 10**6:06d}"


def build(db: str, n_events: int, *, log: Callable[[str], None] = print) -> tuple[Corpus, Counter[str]]:
    """A store at ``db`` holding ``n_events`` events; returns the corpus and events per actor name."""
    from sqlalchemy import text

    from dateline.store import Store, keys, write
    from dateline.store.actors import name_word_rows
    from dateline.store.schema import (
        WORD_LENGTH,
        actor_aliases,
        actors,
        documents,
        events,
        name_words,
        report_words,
        reports,
        resolved_documents,
    )

    corpus = BigCorpus()
    ids = {name: _actor_id(name) for name in corpus.actors}
    busy: Counter[str] = Counter()
    t0 = time.perf_counter()
    store = Store(db, create=True, clock=lambda: CLOCK)
    try:
        with store.engine.begin() as conn:
            conn.execute(actors.insert(), [
                {"id": i, "name": n, "kind": "person" if " " in n else "group", "country": None,
                 "created_by": "learned", "match_key": None} for n, i in ids.items()
            ])  # fmt: skip
            aliases = [{"actor_id": i, "alias": a, "norm": keys.normalise_name(a), "source": "learned"}
                       for n, i in ids.items() for a in dict.fromkeys((n, n.split()[-1]))]  # fmt: skip
            conn.execute(actor_aliases.insert(), aliases)
            conn.execute(name_words.insert(), name_word_rows(a["norm"] for a in aliases))
        n_docs = (n_events + EVENTS_PER_DOC - 1) // EVENTS_PER_DOC
        for lo in range(0, n_docs, BATCH_DOCS):
            doc_rows, report_rows = [], []
            for n in range(lo, min(lo + BATCH_DOCS, n_docs)):
                a = corpus.analysis(n)
                doc_rows.append(write.document_row(a.document, CLOCK))
                for e, k in zip(a.events, keys.report_keys(a.document.id, a.events), strict=True):
                    row = write.report_row(a.document, e, k)
                    row["actor_id"] = ids[e.actor.name] if e.actor else None
                    row["recipient_id"] = ids[e.recipient.name] if e.recipient else None
                    busy[e.actor.name if e.actor else ""] += 1
                    report_rows.append(row)
            words = [{"word": w, "role": role, "report_id": r["id"], "doc_id": r["doc_id"]}
                     for r in report_rows for role in ("actor", "recipient")
                     for w in sorted(keys.index_words(r[f"{role}_terms"], WORD_LENGTH))]  # fmt: skip
            with store.engine.begin() as conn:
                conn.execute(documents.insert(), doc_rows)
                conn.execute(events.insert(), [write.event_row_from_report(r) for r in report_rows])
                conn.execute(reports.insert(), report_rows)
                conn.execute(report_words.insert(), words)
                conn.execute(resolved_documents.insert(), [{"doc_id": d["id"], "resolved_at": CLOCK} for d in doc_rows])
            if (lo // BATCH_DOCS) % 10 == 9:
                log(f"  {min(lo + BATCH_DOCS, n_docs) * EVENTS_PER_DOC:,} events ({time.perf_counter() - t0:.0f} s)")
        with store.engine.begin() as conn:  # what autovacuum would do on a server that ran for a while
            if conn.dialect.name == "postgresql":
                conn.execute(text("ANALYZE"))
        counts = store.counts()
    finally:
        store.close()
    log(f"built {counts['events']:,} events, {counts['documents']:,} documents, {counts['actors']:,} actors, "
        f"{counts['report_words']:,} indexed words in {time.perf_counter() - t0:.0f} s")  # fmt: skip
    return corpus, busy


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))]


def measure(call: Callable[[str], int], names: list[str]) -> tuple[float, float, float, float]:
    """(p50, p95, max) in ms and the mean number of events returned, after a warm-up."""
    for name in names[:5]:
        call(name)
    times, sizes = [], []
    for name in names:
        t0 = time.perf_counter()
        sizes.append(call(name))
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), percentile(times, 95), max(times), statistics.mean(sizes)


def run_queries(db: str, corpus: Corpus, busy: Counter[str], queries: int, seed: int = 11) -> Iterator[str]:
    from dateline.api import Dateline
    from dateline.settings import Settings

    rng = random.Random(seed)
    active = [n for n in corpus.actors if busy[n]]
    names = [rng.choice(active) for _ in range(queries)]  # an actor a user looks up: most have few events
    head = [n for n, _ in busy.most_common(10)]
    from fastapi.testclient import TestClient

    from dateline.server import create_app

    def drawn(client: TestClient, name: str) -> int:
        """GET /api/timeline?actor=: the actor's events counted per bucket, as the UI draws them."""
        body = client.get("/api/timeline", params={"actor": name}).json()
        return int(body["total"])

    with Dateline(db, Settings()) as dl, TestClient(create_app(dl, token="", cache_seconds=0)) as client:
        rows = {
            "timeline(actor=...)": measure(lambda n: len(dl.timeline(actor=n)), names),
            "events(actor=..., limit=50)": measure(lambda n: len(dl.events(actor=n, limit=50)), names),
            "GET /api/timeline?actor=": measure(lambda n: drawn(client, n), names),
            "events(actor=busiest 10, limit=50)": measure(lambda n: len(dl.events(actor=n, limit=50)), head * 3),
            "GET /api/timeline?actor=busiest 10": measure(lambda n: drawn(client, n), head * 3),
            "timeline(actor=busiest 10)": measure(lambda n: len(dl.timeline(actor=n)), head),
        }
    yield f"  {'query':36} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'events':>9}"
    for label, (p50, p95, worst, size) in rows.items():
        yield f"  {label:36} {p50:8.1f} {p95:8.1f} {worst:8.1f} {size:9.0f}"


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.bench.store_latency", description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200, help="actor lookups per query kind")
    ap.add_argument("--db", metavar="URL", help="a PostgreSQL (or other) database to use; its tables are dropped")
    ap.add_argument("--postgres", action="store_true", help="also measure on a private PostgreSQL server")
    ap.add_argument("--keep", type=Path, metavar="PATH", help="build the SQLite store here and keep it")
    args = ap.parse_args(argv)
    if args.events < EVENTS_PER_DOC:
        ap.error("--events must be at least 10")
    with tempfile.TemporaryDirectory(prefix="dateline-latency-") as tmp:
        targets: list[tuple[str, str, Any]] = [("SQLite", str(args.keep or Path(tmp) / "latency.db"), None)]
        server = None
        if args.postgres:
            from dateline.scale.pgserver import PrivatePostgres

            server = PrivatePostgres.start(fast=False)
            targets.append(("PostgreSQL (private server)", server.create_database("latency"), None))
        elif args.db:
            from dateline.bench.throughput import drop_dateline_tables

            drop_dateline_tables(args.db)
            targets.append(("PostgreSQL" if args.db.startswith("postgresql") else args.db.split(":")[0], args.db, None))
        try:
            for label, db, _ in targets:
                out(f"{label}: {db}")
                corpus, busy = build(db, args.events, log=out)
                for line in run_queries(db, corpus, busy, args.queries):
                    out(line)
        finally:
            if server is not None:
                server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
