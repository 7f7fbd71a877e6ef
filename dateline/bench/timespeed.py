"""Speed of the time tagger: sentences per second on one core.

    python -m dateline.bench.timespeed [--sentences N] [--tbaq DIR]

Tags a corpus of generated news sentences (or the text of TBAQ TimeML files with ``--tbaq``)
document by document, and prints sentences/second together with a baseline measured in the
same process: the same sentences through one trivial regex pass (digits and month names).
The target is at least 2,000 sentences per second.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from datetime import date
from pathlib import Path

from dateline.time import TimeTagger
from dateline.time.tense import split_sentences

_SUBJECTS = ("The minister", "Officials", "The army", "Rebels", "The company", "Negotiators", "Police")
_VERBS = ("said", "reported", "announced", "will meet", "arrived", "plans to visit", "confirmed")
_TIMES = (
    "on Friday", "last week", "on April 9", "two days later", "the previous day", "in mid-October 2029",
    "earlier this month", "at 3:35 p.m. local time", "for three years", "every year", "", "", "",
    "between January and June last year", "next Tuesday", "a year ago", "in the third quarter", "overnight",
)  # fmt: skip
_TAILS = ("in the capital.", "according to a statement.", "after talks stalled.", "amid protests.",
          "despite the truce.", "the agency said.")  # fmt: skip


def generated_documents(n_sentences: int, seed: int = 7) -> list[str]:
    """Invented news-like sentences, grouped ten to a document."""
    rnd = random.Random(seed)
    docs: list[str] = []
    for i in range(0, n_sentences, 10):
        sents = []
        for _ in range(min(10, n_sentences - i)):
            t = rnd.choice(_TIMES)
            sents.append(f"{rnd.choice(_SUBJECTS)} {rnd.choice(_VERBS)} {t} {rnd.choice(_TAILS)}".replace("  ", " "))
        docs.append(" ".join(sents))
    return docs


def tbaq_documents(root: Path) -> list[str]:
    from dateline.bench.tempeval_io import find_documents, read_timeml

    return [read_timeml(p).plain for p in find_documents(root)]


_BASELINE = re.compile(r"\d+|\b(?:January|February|March|April|May|June|July|August|September|October|"
                       r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")  # fmt: skip


def measure(docs: list[str], ref: date = date(2031, 3, 17), repeat: int = 3) -> tuple[int, float, float]:
    """(sentences, tagger sentences/s, baseline sentences/s), best of ``repeat`` runs."""
    tagger = TimeTagger()
    n = sum(len(split_sentences(d)) for d in docs)
    best_tag = best_base = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for d in docs:
            tagger.tag(d, ref)
        best_tag = min(best_tag, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for d in docs:
            split_sentences(d)
            _BASELINE.findall(d)
        best_base = min(best_base, time.perf_counter() - t0)
    return n, n / best_tag, n / best_base


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.bench.timespeed", description=__doc__.split("\n")[0])
    ap.add_argument("--sentences", type=int, default=5000, help="generated sentences (default 5000)")
    ap.add_argument("--tbaq", type=Path, default=None, help="use the text of the TimeML files under DIR")
    a = ap.parse_args(argv)
    docs = tbaq_documents(a.tbaq) if a.tbaq else generated_documents(a.sentences)
    n, rate, base = measure(docs)
    print(f"corpus: {'TBAQ ' + str(a.tbaq) if a.tbaq else 'generated'}, {len(docs)} documents, {n} sentences")
    print(f"time tagger: {rate:,.0f} sentences/second")
    print(f"baseline (sentence split + one regex pass): {base:,.0f} sentences/second")
    print(f"target 2,000 sentences/second: {'met' if rate >= 2000 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
