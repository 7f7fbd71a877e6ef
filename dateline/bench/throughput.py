"""Throughput of ingest against bare spaCy, on the same texts in the same run.

    python -m dateline.bench.throughput [--docs N] [--workers N] [--db URL | --postgres]
                                        [--corpus DIR] [--dask local|tcp://HOST:PORT]

Without ``--corpus`` it writes a synthetic, newswire-shaped corpus of ``--docs`` articles (a
headline, a byline, a dateline, paragraphs) by recombining the paragraphs of the bundled sample
(dateline/data/sample, written for dateline) with the people's names shuffled among themselves,
other days and months, and other publication dates.  Then, one after the other:

1. bare spaCy: ``nlp.pipe`` over the texts dateline reads from those files, same model as
   ``spacy.load`` gives it (stock components), one process;
2. dateline end to end on one core: read, analyse, store, resolve into a new database;
3. with ``--workers N`` (N > 1) or ``--dask``: the same with N worker processes.

It prints articles/s and words/s of each, the share of each stage in dateline's time (annotate,
time, entities, events: summed over workers; store, resolve, read and the rest: in the parent),
the peak RSS of each process that analysed, the ratio of dateline's words/s to bare spaCy's and,
for the parallel run, its speed-up over the one-core run.  Words are whitespace-separated.
Check ``uptime`` first: other processes on the machine make every figure lower.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, cast

from dateline.settings import Settings

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Example Wire", "Bench Herald", "Synthetic Post", "Test Observer"]
CITIES = ["EASTPORT", "NORLAND CITY", "VALMERA", "KORSTAD", "LINDHOLM", "PORT AVEN"]


# --------------------------------------------------------------------------- the corpus


def _sample_articles() -> list[str]:
    folder = resources.files("dateline").joinpath("data/sample/articles")
    return [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir(), key=lambda p: p.name)
            if p.name.endswith((".txt", ".md"))]  # fmt: skip


@dataclass(frozen=True)
class State:
    name: str
    demonym: str
    capital: str


@dataclass
class Pool:
    headlines: list[str]
    leads: list[str]  # first paragraphs, without their dateline
    paragraphs: list[str]
    names: list[str]  # people's names (two or three words)
    states: list[State]  # the states the sample names
    others: list[State]  # states of the world to put in their place


def _states() -> list[State]:
    from dateline.entities.gazetteer import Gazetteer

    g = Gazetteer.default()
    out = []
    for e in g.entries():
        demonyms, capitals = g.demonyms.get(e.country or ""), g.capitals.get(e.country or "")
        if e.key.startswith("state:") and demonyms and capitals and " " not in e.name:
            out.append(State(e.name, demonyms[0], capitals[0]))
    return out


def sample_pool(nlp: Any) -> Pool:
    """Headlines and paragraphs of the sample, the people named in it (by the model's NER), the
    states it names and the world's states to put in their place."""
    heads, leads, paras = [], [], []
    for text in _sample_articles():
        lines = [ln.strip() for ln in text.splitlines()]
        heads.append(lines[0].lstrip("# ").strip())
        body = [ln for ln in lines if len(ln.split()) >= 18 and not ln.startswith(("!", "#", "By ", "["))]
        if body:
            leads.append(re.sub(r"^[A-Z][A-Z .]+(?:, [A-Za-z .]+)?\s*(?:\([^)]*\))?\s*[-–—]\s*", "", body[0]))
            paras += body[1:]
    names = sorted({e.text for doc in nlp.pipe(paras) for e in doc.ents if e.label_ == "PERSON"
                    and 2 <= len(e.text.split()) <= 3 and e.text.replace(" ", "").isalpha()})  # fmt: skip
    world = _states()
    text = " ".join(paras + heads)
    named = [st for st in world if re.search(rf"\b{re.escape(st.name)}\b", text)]
    return Pool(heads, leads, paras, names, named, [st for st in world if st not in named])


def synthetic_article(pool: Pool, rng: random.Random, day: date) -> str:
    """One article: a headline, a byline, a date line, a lead with a dateline and 4 to 14 paragraphs,
    its people renamed consistently, its states (names, demonyms, capitals) replaced by others of
    the world and its days and months moved."""
    names = pool.names  # each becomes one of the first names and surnames of the sample put together
    firsts, lasts = sorted({n.split()[0] for n in names}), sorted({n.split()[-1] for n in names})
    made = rng.sample([f"{f} {la}" for f in firsts for la in lasts], len(names))
    mapping = dict(zip(names, made, strict=True))
    surnames = {a.split()[-1]: b.split()[-1] for a, b in mapping.items()}
    words: dict[str, str] = {}
    for old, new in zip(pool.states, rng.sample(pool.others, len(pool.states)), strict=True):
        words |= {old.name: new.name, old.demonym: new.demonym, old.capital: new.capital}
    month_shift, weekday_shift = rng.randrange(12), rng.randrange(7)

    def rewrite(text: str) -> str:
        for a in sorted(mapping, key=len, reverse=True):
            text = text.replace(a, f"\x00{names.index(a)}\x00")
        text = re.sub(r"\b(" + "|".join(map(re.escape, surnames)) + r")\b", lambda m: surnames[m.group(1)], text)
        text = re.sub(r"\x00(\d+)\x00", lambda m: mapping[names[int(m.group(1))]], text)
        text = re.sub(r"\b(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b",
                      lambda m: words[m.group(1)], text)  # fmt: skip
        text = re.sub(r"\b(" + "|".join(MONTHS) + r")\b",
                      lambda m: MONTHS[(MONTHS.index(m.group(1)) + month_shift) % 12], text)  # fmt: skip
        return re.sub(r"\b(" + "|".join(WEEKDAYS) + r")\b",
                      lambda m: WEEKDAYS[(WEEKDAYS.index(m.group(1)) + weekday_shift) % 7], text)  # fmt: skip

    paras = [rewrite(rng.choice(pool.leads)), *(rewrite(p) for p in rng.sample(pool.paragraphs, rng.randint(4, 14)))]
    outlet, city = rng.choice(OUTLETS), rng.choice(CITIES)
    paras[0] = f"{city}, {MONTHS[day.month - 1]} {day.day} ({outlet}) - {paras[0]}"
    reporter = rng.choice(names)
    head = rewrite(rng.choice(pool.headlines))
    return f"{head}\nBy {reporter}\nPublished {MONTHS[day.month - 1]} {day.day}, {day.year}\n\n" + "\n\n".join(paras)


def write_corpus(folder: Path, n: int, nlp: Any, seed: int = 7) -> list[Path]:
    pool = sample_pool(nlp)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
        path = folder / f"article-{i:06d}.txt"
        path.write_text(synthetic_article(pool, rng, day), encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- timing the stages


class _Timed:
    """A pipeline stage that adds the seconds it takes to ``timings[name]``."""

    def __init__(self, stage: Any, timings: dict[str, float]) -> None:
        self.stage, self.timings = stage, timings
        self.name, self.requires, self.assigns = stage.name, stage.requires, stage.assigns
        timings.setdefault(stage.name, 0.0)
        if hasattr(stage, "run_batch"):
            self.run_batch = self._run_batch

    def __call__(self, work: Any) -> None:
        t0 = time.perf_counter()
        self.stage(work)
        self.timings[self.name] += time.perf_counter() - t0

    def _run_batch(self, batch: list[Any]) -> None:
        t0 = time.perf_counter()
        self.stage.run_batch(batch)
        self.timings[self.name] += time.perf_counter() - t0


@dataclass(frozen=True)
class TimedPipeline:
    """Builds the standard pipeline with each stage timed (``.timings``); picklable, so worker
    processes build it too and report their timings with each batch."""

    settings: Settings

    def __call__(self) -> Any:
        from dateline.pipeline import Pipeline, Stage

        base = Pipeline.load(self.settings)
        timings: dict[str, float] = {}
        timed = Pipeline(base.nlp, [cast(Stage, _Timed(s, timings)) for s in base.stages], self.settings)
        timed.timings = timings  # type: ignore[attr-defined]
        return timed


# --------------------------------------------------------------------------- runs


@dataclass
class Run:
    label: str
    docs: int
    words: int
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    rss_mb: dict[str, float] = field(default_factory=dict)  # process -> peak RSS
    summary: str = ""

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


def peak_rss_mb() -> float:
    from dateline.scale.worker import peak_rss_mb as peak

    return peak()


def _bare(texts: list[str], model: str) -> tuple[float, float]:
    """In a process of its own: seconds of ``nlp.pipe`` over ``texts`` and the peak RSS.  The
    model as spaCy loads it (dateline.annotate.load_model gives it a faster attribute ruler)."""
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:20]))  # warm up
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts):  # as a user would call it (spaCy's default batch size)
        pass
    return time.perf_counter() - t0, peak_rss_mb()


def bare_spacy(texts: list[str], settings: Settings) -> Run:
    """Bare spaCy in a fresh process, so that neither run's memory counts in the other's peak."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        seconds, rss = pool.submit(_bare, texts, settings.spacy_model).result()
    return Run("bare spaCy (nlp.pipe, 1 process)", len(texts), sum(len(t.split()) for t in texts), seconds,
               rss_mb={"spaCy process": rss})  # fmt: skip


def timed_method(obj: Any, name: str, into: dict[str, float], key: str) -> None:
    """Replace ``obj.name`` by a wrapper adding the seconds of each call to ``into[key]``."""
    real = getattr(obj, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            into[key] = into.get(key, 0.0) + time.perf_counter() - t0

    setattr(obj, name, wrapper)


def run_dateline(label: str, folder: Path, db: str, settings: Settings, words: int, *, workers: int = 1,
                 dask: str | None = None) -> Run:  # fmt: skip
    from dateline.api import Dateline

    factory = TimedPipeline(settings)
    with Dateline(db, settings, pipeline=factory) as dl:
        parent: dict[str, float] = {}
        store = dl.store(create=True)
        timed_method(store, "save_analyses", parent, "store")
        timed_method(store, "resolve", parent, "resolve")
        if workers == 1 and dask is None:
            dl.pipeline()  # load the model before the clock starts, as the workers do in their initializer
        t0 = time.perf_counter()
        report = dl.ingest([str(folder)], workers=workers, dask=dask)
        seconds = time.perf_counter() - t0
        if dl.run_stats is not None:
            stages = dl.run_stats.stage_seconds()
            rss = {w.worker: w.peak_rss_mb for w in dl.run_stats.workers.values()}
            rss["parent (this bench process: made the corpus, ran the 1-process run)"] = peak_rss_mb()
        else:
            stages = dict(getattr(dl.pipeline(), "timings", {}))
            rss = {"this process": peak_rss_mb()}
        stages |= parent
        return Run(label, report.seen, words, seconds, stages, rss, report.summary())


# --------------------------------------------------------------------------- databases


class Databases:
    """A fresh database per run: SQLite files in a temporary folder, databases on a private
    PostgreSQL server (``--postgres``), or the given URL emptied before each run."""

    def __init__(self, folder: Path, url: str | None, postgres: bool) -> None:
        self.folder, self.url, self.server, self.n = folder, url, None, 0
        if postgres:
            from dateline.scale.pgserver import PrivatePostgres

            self.server = PrivatePostgres.start(fast=False)

    def fresh(self) -> str:
        self.n += 1
        if self.server is not None:
            return self.server.create_database(f"bench_{self.n}")
        if self.url is None:
            return str(self.folder / f"bench-{self.n}.db")
        drop_dateline_tables(self.url)
        return self.url

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()


def drop_dateline_tables(url: str) -> None:
    from sqlalchemy import create_engine, text

    from dateline.store.schema import metadata

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- report

STAGES = ("annotate", "time", "entities", "events", "store", "resolve")


def describe(run: Run, spacy: Run | None = None) -> Iterator[str]:
    yield f"{run.label}: {run.docs} articles, {run.words:,} words in {run.seconds:.1f} s"
    yield f"  {run.docs_per_s:8.1f} articles/s  {run.words_per_s:9,.0f} words/s"
    if spacy is not None:
        yield f"  {run.words_per_s / spacy.words_per_s:8.2f} x bare spaCy words/s"
    if run.stages:
        # stage seconds in workers run in parallel: shares are of the summed busy time
        total = max(run.seconds, sum(run.stages.values()))
        other = max(0.0, total - sum(run.stages.values()))
        parts = [f"{s} {run.stages.get(s, 0.0) / total:5.1%}" for s in STAGES] + [f"read+other {other / total:5.1%}"]
        yield "  time shares: " + ", ".join(parts)
        model = run.stages.get("annotate", 0.0)
        if model:
            own = sum(run.stages.get(s, 0.0) for s in STAGES[1:])
            yield f"  dateline's own stages (time..resolve) = {own / model:.0%} of annotate's time"
    for proc, mb in sorted(run.rss_mb.items()):
        yield f"  peak RSS {proc}: {mb:.0f} MB"
    if run.summary:
        yield f"  {run.summary}"


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.bench.throughput", description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200, help="synthetic articles to generate (default 200)")
    ap.add_argument("--workers", type=int, default=1, help="also run with this many worker processes")
    ap.add_argument("--dask", metavar="ADDRESS", help="also run on a Dask cluster: local or tcp://HOST:PORT")
    ap.add_argument("--db", metavar="URL", help="a database URL to use (its dateline tables are dropped first)")
    ap.add_argument("--postgres", action="store_true", help="use a private PostgreSQL server started for the run")
    ap.add_argument("--corpus", type=Path, metavar="DIR", help="ingest this folder instead of a synthetic corpus")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if args.docs < 1 or args.workers < 1:
        ap.error("--docs and --workers must be at least 1")
    settings = Settings.from_env()
    from dateline.annotate import load_model
    from dateline.sources import SourceLimits, iter_documents

    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        folder = args.corpus
        if folder is None:
            folder = Path(tmp) / "corpus"
            write_corpus(folder, args.docs, load_model(settings.spacy_model), args.seed)
        limits = SourceLimits(max_document_bytes=settings.max_document_bytes)
        texts = [d.text for d in iter_documents([str(folder)], limits=limits) if not hasattr(d, "reason")]
        words = sum(len(t.split()) for t in texts)
        out(f"corpus: {len(texts)} articles, {words:,} words ({words / max(1, len(texts)):.0f} a document), "
            f"{'synthetic' if args.corpus is None else folder}; load {os.getloadavg()[0]:.2f}")  # fmt: skip
        dbs = Databases(Path(tmp), args.db, args.postgres)
        try:
            spacy = bare_spacy(texts, settings)
            runs = [run_dateline("dateline, 1 process", folder, dbs.fresh(), settings, words)]
            if args.workers > 1 or args.dask:
                where = f"Dask {args.dask}" if args.dask else "local processes"
                runs.append(run_dateline(f"dateline, {args.workers} workers ({where})", folder, dbs.fresh(), settings,
                                         words, workers=args.workers, dask=args.dask))  # fmt: skip
        finally:
            dbs.close()
        for line in describe(spacy):
            out(line)
        for run in runs:
            for line in describe(run, spacy):
                out(line)
        if len(runs) == 2:
            out(f"speed-up of {runs[1].label} over 1 process: {runs[0].seconds / runs[1].seconds:.2f} x")
        out(f"load average after the runs: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
