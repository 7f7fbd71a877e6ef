"""Memory over a long run: RSS and spaCy's string store while the pipeline analyses N articles.

    python -m dateline.bench.memory_growth [--articles N] [--every K] [--no-zone] [--warm B]

Every article brings strings spaCy has not seen: it is one of the bundled sample articles
(dateline/data/sample/articles, written for dateline) with its people renamed to made-up names,
its larger numbers changed, a word misspelt and a paragraph of reference codes, amounts and a
made-up official added.  The articles go through the analyser the CLI uses
(``Dateline.pipeline()``: :class:`dateline.pipeline.Pipeline`), in its batches, nothing stored.
Every K articles it prints the resident memory, the number of strings and lexemes of the
model's vocabulary and the entries of the attribute ruler's memo; at the end the growth per
1,000 articles over the second half of the run (the first batches fill caches that then stay).

``--no-zone`` analyses without spaCy memory zones (the vocabulary keeps every string it meets);
``--warm B`` analyses the first B batches outside a zone (default: the pipeline's, see
:class:`~dateline.pipeline.Pipeline`; ``--warm 0`` zones from the first batch).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import os
import random
import re
import string
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from dateline.records import Document, SourceItem
from dateline.settings import Settings

SYLLABLES = ["ka", "ro", "vel", "tan", "mi", "sor", "du", "lek", "ba", "zi", "nor", "pe", "gra", "shu", "ol",
             "ven", "ti", "mar", "ul", "des", "kor", "an", "bri", "sa", "lo", "dre", "fen", "ya", "um"]
UNITS = ["tonnes", "litres", "rounds", "vehicles", "households", "barrels"]
BODIES = ["Authority", "Directorate", "Commission", "Agency", "Inspectorate", "Bureau"]


def sample_texts() -> list[str]:
    folder = resources.files("dateline").joinpath("data/sample/articles")
    return [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir(), key=lambda p: p.name)
            if p.name.endswith((".txt", ".md"))]  # fmt: skip


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _code(rng: random.Random) -> str:
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(2, 3)))
    return f"{letters}-{rng.randint(100, 99_999)}"


def _typo(text: str, rng: random.Random) -> str:
    words = [m for m in re.finditer(r"\b[a-z]{6,}\b", text)]
    if not words:
        return text
    m = rng.choice(words)
    w = m.group()
    i = rng.randrange(len(w) - 1)
    return text[: m.start()] + w[:i] + w[i + 1] + w[i] + w[i + 2 :] + text[m.end() :]


@dataclass(frozen=True)
class Novel:
    """Makes articles with new strings from the sample: people's names (capitalised word pairs
    the sample repeats) become made-up names, numbers of three digits or more other numbers."""

    texts: tuple[str, ...]
    names: tuple[str, ...]  # "First Last" pairs of the sample

    @classmethod
    def from_sample(cls) -> Novel:
        texts = sample_texts()
        pairs = re.findall(r"\b([A-Z][a-z]{2,} [A-Z][a-z]{3,}(?:ov|ova|ev|eva|yev|in|ina|iev|ski|son|ez|ian))\b",
                           "\n".join(texts))  # fmt: skip
        return cls(tuple(texts), tuple(sorted({p for p in pairs if not p.startswith("The ")})))

    def article(self, rng: random.Random) -> str:
        text = rng.choice(self.texts)
        for old in self.names:
            if old in text:
                new_first, new_last = _name(rng), _name(rng) + rng.choice(["ov", "enko", "ari", "sen", "ez"])
                text = text.replace(old, f"{new_first} {new_last}").replace(old.split()[-1], new_last)
        text = re.sub(r"\b(?!(?:19|20)\d\d\b)\d{3,}\b", lambda m: str(rng.randint(100, 999_999)), text)  # not years
        text = _typo(text, rng)
        extra = (f"Officials said the consignment, registered as {_code(rng)}, held {rng.randint(1_000, 9_999_999):,} "
                 f"{rng.choice(UNITS)} and was inspected by {_name(rng)} {_name(rng)} of the {_name(rng)} "
                 f"{rng.choice(BODIES)} under case {_code(rng)}/{rng.randint(10, 99)}.")  # fmt: skip
        return text.rstrip() + "\n\n" + extra + "\n"


def documents(n: int, seed: int) -> Iterator[Document]:
    from dateline.sources.document import build_document

    novel, rng = Novel.from_sample(), random.Random(seed)
    for i in range(n):
        item = SourceItem(origin=f"generated:{i}", fmt="text", content=novel.article(rng), default_id=f"gen-{i:07d}")
        yield build_document(item)


def rss_mb() -> float:
    """Resident memory now (not the peak), from /proc, after a collection and, on glibc, after
    handing freed heap pages back (else freed-but-kept pages make the figure jump around)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@dataclass(frozen=True)
class Point:
    articles: int
    rss_mb: float
    strings: int
    lexemes: int
    memo: int
    seconds: float


def measure(n: int, every: int, seed: int, zone: bool, warm: int, settings: Settings) -> list[Point]:
    from dateline.api import Dateline
    from dateline.pipeline import WARM_BATCHES, Pipeline
    from dateline.ruler import indexed_matcher

    if zone and warm == WARM_BATCHES:
        pipeline = Dateline(":memory:", settings).pipeline()  # what the CLI runs
        assert isinstance(pipeline, Pipeline)
    else:
        pipeline = Pipeline.load(settings, memory_zone=zone, warm_batches=warm)
    nlp = pipeline.nlp
    matcher = indexed_matcher(nlp)
    points: list[Point] = []
    t0 = time.perf_counter()

    def point(done: int) -> Point:
        memo = len(matcher.memo) if matcher is not None else 0
        lexemes = sum(1 for _ in nlp.vocab)  # not len(vocab): spaCy 3.8 does not lower it when a zone ends
        return Point(done, rss_mb(), len(nlp.vocab.strings), lexemes, memo, time.perf_counter() - t0)

    points.append(point(0))
    for done, _ in enumerate(pipeline.analyse_many(documents(n, seed)), 1):
        if done % every == 0 or done == n:
            points.append(point(done))
    return points


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of ys over xs (0 for fewer than two points)."""
    if len(xs) < 2:
        return 0.0
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else 0.0


def growth(points: list[Point]) -> tuple[float, float]:
    """RSS (MB) and strings per 1,000 articles: the least-squares slope over the points of the
    second half of the run (the first batches fill caches that then stay)."""
    last = points[-1].articles
    tail = [p for p in points if p.articles >= last / 2]
    xs = [p.articles / 1000 for p in tail]
    return slope(xs, [p.rss_mb for p in tail]), slope(xs, [float(p.strings) for p in tail])


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.bench.memory_growth", description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000, help="articles to analyse (default 2000)")
    ap.add_argument("--every", type=int, default=200, help="print the figures every K articles (default 200)")
    ap.add_argument("--no-zone", action="store_true", help="analyse without spaCy memory zones")
    ap.add_argument("--warm", type=int, help="batches analysed outside a zone first (default: the pipeline's)")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    if args.warm is None:
        from dateline.pipeline import WARM_BATCHES

        args.warm = WARM_BATCHES
    if args.articles < 1 or args.every < 1 or args.warm < 0:
        ap.error("--articles and --every must be at least 1, --warm at least 0")
    settings = Settings.from_env()
    points = measure(args.articles, args.every, args.seed, not args.no_zone, args.warm, settings)
    out(f"memory zones: {'off' if args.no_zone else 'on'}, warm batches {args.warm}, batch size {settings.batch_size}")
    out(f"{'articles':>8} {'RSS MB':>8} {'strings':>9} {'lexemes':>9} {'memo':>8} {'art/s':>7}")
    for p in points:
        rate = p.articles / p.seconds if p.seconds else 0.0
        out(f"{p.articles:8d} {p.rss_mb:8.1f} {p.strings:9d} {p.lexemes:9d} {p.memo:8d} {rate:7.1f}")
    mb, strings = growth(points)
    out(f"growth per 1,000 articles (second half): RSS {mb:+.1f} MB, strings {strings:+,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
