"""Latency of the HTTP API over a large store: ``python -m dateline.bench.server_latency``.

Builds a store of synthetic events (``--events``, default 100,000) through the store's own
writer, starts the server with uvicorn on a free loopback port, sends a bounded number of
requests to ``GET /api/events`` with an actor filter and ``GET /api/timeline`` (for an actor,
and for everything), and prints p50/p95 latencies in milliseconds.

The corpus is invented (names built from syllables): sizes and shapes like a news store, a
few very active actors and a long tail, dates over seven years at day, month, year and
multi-day precision.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from dateline.records import (
    Analysis,
    Block,
    BlockKind,
    Document,
    Entity,
    EntityKind,
    Event,
    EventDate,
    Evidence,
    Mention,
    Party,
    Place,
    PublicationDate,
    Sentence,
    TimeExpression,
)

SYLLABLES = ["ka", "lo", "mer", "dan", "vi", "tor", "sa", "len", "ru", "bek", "ost", "ria", "no", "zan",
             "pel", "ia", "gor", "mi", "tas", "ul", "ven", "ha", "dro", "sel"]
VERBS = [("met", "CONSULT"), ("visited", "CONSULT"), ("accused", "ACCUSE"), ("shelled", "ASSAULT"),
         ("sanctioned", "SANCTION"), ("thanked", "SUPPORT"), ("threatened", "THREATEN"), ("aided", "AID"),
         ("rejected", "REJECT"), ("signed with", "AGREE"), ("asked", "REQUEST"), ("raided", "COERCE"),
         ("protested", "PROTEST"), ("mobilised against", "MOBILIZE"), ("yielded to", "CONCEDE"),
         ("withdrew from", "RETREAT"), ("traded with", "COOPERATE")]
START, DAYS = date(2019, 1, 1), 7 * 365
EVENTS_PER_DOC = 10
CLOCK = datetime(2026, 1, 1, tzinfo=UTC)


def _name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                    for _ in range(words))


class Corpus:
    """Invented actors (a Zipf-like spread of activity), places and dated events."""

    def __init__(self, seed: int = 7, actors: int = 2000, places: int = 300) -> None:
        self.rng = random.Random(seed)
        states = [_name(self.rng, 1) + "ia" for _ in range(60)]
        people = [_name(self.rng, 2) for _ in range(actors - len(states))]
        self.actors = list(dict.fromkeys(states + people))
        self.weights = [1.0 / (i + 1) ** 0.9 for i in range(len(self.actors))]
        self.places = list(dict.fromkeys(_name(self.rng, 1) for _ in range(places)))

    def party(self) -> str:
        return self.rng.choices(self.actors, self.weights)[0]

    def when(self) -> tuple[str, date, date, str, str]:
        """(value, first, last, granularity, phrase)."""
        rng = self.rng
        day = START + timedelta(days=rng.randrange(DAYS))
        r = rng.random()
        if r < 0.70:
            return day.isoformat(), day, day, "day", f"on {day.isoformat()}"
        if r < 0.85:
            first = day.replace(day=1)
            nxt = (first + timedelta(days=32)).replace(day=1)
            return first.strftime("%Y-%m"), first, nxt - timedelta(days=1), "month", f"in {first:%Y-%m}"
        if r < 0.90:
            return str(day.year), date(day.year, 1, 1), date(day.year, 12, 31), "year", f"in {day.year}"
        last = day + timedelta(days=rng.randint(1, 6))
        return f"{day.isoformat()}/{last.isoformat()}", day, last, "range", f"from {day} to {last}"

    def analysis(self, n: int) -> Analysis:
        """Document ``n`` with EVENTS_PER_DOC one-sentence events."""
        parts: list[str] = []
        sentences, times, events, mentions = [], [], [], []
        entities: dict[str, Entity] = {}
        pos = 0
        for i in range(EVENTS_PER_DOC):
            actor, recipient = self.party(), self.party()
            while recipient == actor:
                recipient = self.party()
            verb, category = self.rng.choice(VERBS)
            place = self.rng.choice(self.places)
            value, first, last, gran, phrase = self.when()
            sentence = f"{actor} {verb} {recipient} in {place} {phrase}."
            start = pos
            a_end = start + len(actor)
            v_start = a_end + 1
            r_start = v_start + len(verb) + 1
            p_start = start + len(sentence) - 1 - len(phrase)
            for name, at in ((actor, start), (recipient, r_start)):
                if name not in entities:
                    kind = EntityKind.STATE if " " not in name else EntityKind.PERSON
                    entities[name] = Entity(len(entities), name, kind, (name.split()[-1],) if " " in name else ())
                mentions.append(Mention(at, at + len(name), name, "PERSON", entities[name].id))
            parties = [Party(x, str(entities[x].kind), entities[x].aliases, None, entities[x].id)
                       for x in (actor, recipient)]
            edate = EventDate(value, first, last, gran, phrase, "trigger-phrase", p_start, p_start + len(phrase))
            times.append(TimeExpression(p_start, p_start + len(phrase), phrase, "DATE", value, "bench", "dct",
                                        None, first, last, gran))
            sentences.append(Sentence(i, start, start + len(sentence), BlockKind.BODY, "past"))
            events.append(Event(
                type=category, mode=None, actor=parties[0], recipient=parties[1], location=Place(place),
                date=edate, quantities=(), confidence=round(self.rng.uniform(0.4, 0.95), 2),
                evidence=Evidence(i, start, start + len(sentence), v_start, v_start + len(verb), verb),
                rule=f"bench:{verb}",
            ))
            parts.append(sentence)
            pos += len(sentence) + 1
        text = " ".join(parts)
        doc = Document(
            id=f"bench-{n:06d}", text=text, blocks=(Block(BlockKind.BODY, 0, len(text)),),
            published=PublicationDate(START + timedelta(days=n % DAYS), "metadata", "bench", 0.9),
            content_hash=hashlib.sha256(text.encode()).hexdigest(), origin=f"bench/{n}.txt",
            title=f"Report {n}", url=f"https://news.example/{n}", outlet="Bench Wire",
        )
        return Analysis(doc, tuple(sentences), tuple(times), tuple(mentions), tuple(entities.values()),
                        tuple(events))


def build_store(db: Path, n_events: int, *, log: Callable[[str], None] = print) -> Corpus:
    """A SQLite store at ``db`` with ``n_events`` events.

    The rows are made by the store writer's own row builders and inserted in bulk (documents,
    reports, one event per report); the per-document steps a real ingest also runs (learning
    the actor registry, merging events) are left out, so parties are known by name."""
    from dateline.store import Store, keys, write
    from dateline.store.schema import documents, events, reports

    corpus = Corpus()
    store = Store(db, create=True, clock=lambda: CLOCK)
    t0 = time.perf_counter()
    n_docs = (n_events + EVENTS_PER_DOC - 1) // EVENTS_PER_DOC
    try:
        for lo in range(0, n_docs, 1000):
            doc_rows, report_rows = [], []
            for n in range(lo, min(lo + 1000, n_docs)):
                a = corpus.analysis(n)
                doc_rows.append(write.document_row(a.document, CLOCK))
                ids = keys.report_keys(a.document.id, a.events)
                report_rows += [write.report_row(a.document, e, k) for e, k in zip(a.events, ids, strict=True)]
            with store.engine.begin() as conn:
                conn.execute(documents.insert(), doc_rows)
                conn.execute(events.insert(), [write.event_row_from_report(r) for r in report_rows])
                conn.execute(reports.insert(), report_rows)
        counts = store.counts()
    finally:
        store.close()
    log(f"built {counts['events']:,} events in {counts['documents']:,} documents "
        f"in {time.perf_counter() - t0:.1f}s ({db})")
    return corpus


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LoopbackServer:
    """uvicorn serving the app on 127.0.0.1 in a thread, stopped on exit."""

    def __init__(self, app: object) -> None:
        import uvicorn

        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")  # type: ignore[arg-type]
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def measure(get: Callable[[str], int], paths: list[str], requests: int) -> tuple[float, float, float]:
    """(p50, p95, max) in ms over ``requests`` requests cycling through ``paths`` (after a warm-up)."""
    for path in paths[:3]:
        get(path)
    times: list[float] = []
    for i in range(requests):
        path = paths[i % len(paths)]
        t0 = time.perf_counter()
        status = get(path)
        times.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
    return statistics.median(times), _percentile(times, 95), max(times)


def scenarios(corpus: Corpus) -> dict[str, list[str]]:
    rng = random.Random(11)
    head, tail = corpus.actors[:20], corpus.actors[20:]
    actors = head[:5] + rng.sample(tail, 15)  # busy actors and the long tail
    quoted = [a.replace(" ", "%20") for a in actors]
    return {
        "GET /api/events?actor=": [f"/api/events?actor={a}&limit=50" for a in quoted],
        "GET /api/timeline?party=": [f"/api/timeline?party={a}" for a in quoted],
        "GET /api/timeline (all)": ["/api/timeline", "/api/timeline?lanes=category",
                                    "/api/timeline?since=2021&until=2021&interval=week"],
        "GET /api/events (first page)": ["/api/events?limit=50", "/api/events?sort=-date&limit=50"],
        "GET /api/graph?party=": [f"/api/graph?party={a}" for a in quoted],
        "GET /api/graph (all)": ["/api/graph"],
        "GET /api/actors": ["/api/actors?limit=100"],
    }


def run(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.bench.server_latency", description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000, help="synthetic events in the store")
    ap.add_argument("--requests", type=int, default=100, help="requests per scenario (bounded)")
    ap.add_argument("--db", type=Path, help="reuse or create this SQLite file (default: a temporary one)")
    ap.add_argument("--in-process", action="store_true", help="call the app in-process instead of over loopback")
    args = ap.parse_args(argv)
    if args.events < EVENTS_PER_DOC or not 1 <= args.requests <= 10_000:
        ap.error("--events must be at least 10 and --requests between 1 and 10000")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if db.exists():
            corpus = Corpus()
            print(f"reusing {db}")
        else:
            corpus = build_store(db, args.events)
        from dateline.server import create_app

        app = create_app(db, token="", cache_seconds=0)  # measure the queries, not a cache
        results = {}
        for name, gets in _clients(app, args.in_process):
            for label, paths in scenarios(corpus).items():
                results[label] = measure(gets, paths, args.requests)
            print(f"{name}, {args.requests} requests per line")
        print(f"{'endpoint':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for label, (p50, p95, worst) in results.items():
            print(f"{label:32} {p50:8.1f} {p95:8.1f} {worst:8.1f}")
    return 0


def _clients(app: object, in_process: bool) -> Iterator[tuple[str, Callable[[str], int]]]:
    import httpx

    if in_process:
        from fastapi.testclient import TestClient

        with TestClient(app) as client:  # type: ignore[arg-type]
            yield "in-process client", lambda path: client.get(path).status_code
        return
    with LoopbackServer(app) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        yield f"uvicorn on {server.url}", lambda path: client.get(path).status_code


if __name__ == "__main__":
    sys.exit(run())
