"""Merging on the golden corpora: fewer events per real-world event, and no two distinct events merged.

The sample corpus (dateline/data/sample) has the Batken market strike reported by 21 documents,
three visits of one minister to one capital on three dates, and a syndicated copy (s10 of s09).
A merged event is *wrong* when two of its reports each match (by category, parties, document and
their own date) a different gold event of the same category whose dates exclude each other.
Gold events whose dates overlap cannot be told apart by date and are not counted (the gold keeps
an announcement of a trip "next week" apart from one of a visit "on Tuesday" of that week).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dateline.api import Dateline
from dateline.bench.score import GoldEvent, Scores, SystemEvent, date_ok, is_candidate, read_jsonl, read_pubdates, score
from dateline.export import country_name
from dateline.periods import parse_period
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.store import schema as S

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "dateline" / "data" / "sample"
# Measured with merging: 1.18 events per matched core gold event (2.76 without).  The floor is
# the acceptance figure, 1.2.  What is left apart are mostly reports whose parties, dates
# or categories the pipeline got wrong (a party's country from the wrong sentence, an offer coded
# as a meeting); merging them would need rules that also merge distinct events.
SAMPLE_EVENTS_PER_GOLD = 1.2
RECALL_FLOOR, DATE_FLOOR = 0.85, 0.90


class Run:
    def __init__(self, dl: Dateline, records: list[dict[str, Any]]) -> None:
        self.dl, self.records = dl, records


def run(pipeline: Pipeline, corpus: Path, workdir: Path) -> Run:
    dl = Dateline(workdir / "events.db", Settings(), pipeline=pipeline)
    dl.ingest([corpus])
    out = workdir / "events.jsonl"
    dl.export("jsonl", out)
    return Run(dl, read_jsonl(out))


@pytest.fixture(scope="module")
def sample(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run(pipeline, SAMPLE / "articles", tmp_path_factory.mktemp("merge-sample"))


@pytest.fixture(scope="module")
def sample_scores(sample: Run) -> Scores:
    scores = score(read_jsonl(SAMPLE / "gold.jsonl"), sample.records, read_pubdates(SAMPLE / "pubdates.txt"))
    print("\nsample corpus, merged:\n" + scores.table())
    return scores


# --------------------------------------------------------------------------- wrong merges


def _party(row: Any, role: str) -> dict[str, Any] | None:
    if row[f"{role}_name"] is None:
        return None
    return {"name": row[f"{role}_name"], "aliases": row[f"{role}_aliases"] or [],
            "country_name": country_name(row[f"{role}_country"])}  # fmt: skip


def report_records(dl: Dateline) -> dict[str, list[dict[str, Any]]]:
    """Every stored report as an export-like record of its own, by event."""
    out: dict[str, list[dict[str, Any]]] = {}
    with dl.store().engine.connect() as conn:
        for r in conn.execute(select(S.reports)).mappings():
            first, last = r["date_first"], r["date_last"]
            out.setdefault(r["event_id"], []).append({
                "type": r["type"], "actor": _party(r, "actor"), "recipient": _party(r, "recipient"),
                "date": {"value": None, "start": first.isoformat() if first else None,
                         "end": last.isoformat() if last else None},
                "sources": [{"doc": r["doc_id"]}],
            })  # fmt: skip
    return out


def _interval(gold_date: str) -> tuple[date, date]:
    low, _, high = gold_date.partition("/")
    return parse_period(low)[0], parse_period(high or low)[1]


def _distinct(a: GoldEvent, b: GoldEvent) -> bool:
    if not (set(a.types) & set(b.types)) or not a.date or not b.date:
        return False
    (a0, a1), (b0, b1) = _interval(a.date), _interval(b.date)
    return a1 < b0 or b1 < a0


def wrong_merges(dl: Dateline, gold_path: Path) -> list[tuple[str, list[str]]]:
    gold = [GoldEvent.parse(g) for g in read_jsonl(gold_path)]
    wrong = []
    for event_id, records in report_records(dl).items():
        found: set[str] = set()
        for rec in records:
            e = SystemEvent.parse(rec)
            dated = [g for g in gold if is_candidate(g, e) and g.date and date_ok(g.date, e.date)]
            if len(dated) == 1:
                found.add(dated[0].id)
        golds = [g for g in gold if g.id in found]
        clash = sorted({x.id for x in golds for y in golds if _distinct(x, y)})
        if clash:
            wrong.append((event_id, clash))
    return wrong


# --------------------------------------------------------------------------- the sample


def test_sample_reports_merge_into_fewer_events(sample_scores: Scores) -> None:
    assert sample_scores.events_per_gold is not None
    assert sample_scores.events_per_gold <= SAMPLE_EVENTS_PER_GOLD, sample_scores.table()
    assert sample_scores.recall_core >= RECALL_FLOOR, sample_scores.table()
    assert sample_scores.date_acc >= DATE_FLOOR, sample_scores.table()


def test_no_sample_event_merges_two_distinct_gold_events(sample: Run) -> None:
    assert wrong_merges(sample.dl, SAMPLE / "gold.jsonl") == []


def test_the_three_visits_to_one_capital_stay_three_events(sample: Run) -> None:
    gold = {g["id"]: GoldEvent.parse(g) for g in read_jsonl(SAMPLE / "gold.jsonl")}
    visits = [gold[g] for g in ("g11", "g12", "g13")]  # the README's three visits on three dates
    holders = []
    for visit in visits:
        assert visit.date is not None
        found = [r["id"] for r in sample.records
                 if is_candidate(visit, SystemEvent.parse(r)) and date_ok(visit.date, SystemEvent.parse(r).date)]
        assert found, f"no event for {visit.id}"
        holders.append(set(found))
    assert not (holders[0] & holders[1] or holders[1] & holders[2] or holders[0] & holders[2])


def test_the_syndicated_copy_is_not_an_independent_source(sample: Run) -> None:
    both = [r for r in sample.records
            if {s["doc"][:3] for s in r["sources"]} >= {"s09", "s10"}]  # fmt: skip
    assert both, "no event reported by both the original and its syndicated copy"
    for r in both:
        docs = {s["doc"] for s in r["sources"]}
        assert r["independent_sources"] == len(docs) - 1
        copy = next(s for s in r["sources"] if s["doc"].startswith("s10"))
        assert copy["original"] is not None and copy["original"].startswith("s09")


def test_the_most_reported_event_gathers_many_sources(sample: Run) -> None:
    assert max(r["independent_sources"] for r in sample.records) >= 8


# --------------------------------------------------------------------------- the seeds


@pytest.mark.shared
def test_seed_articles_merge(pipeline: Pipeline, shared_dir: Path, tmp_path: Path) -> None:
    """The treaty both seed articles mention is one event with two sources, and the visits of
    one official to one capital on different dates stay apart (no distinct gold events merged)."""
    seeds, gold = shared_dir / "seeds", shared_dir / "gold" / "seeds.jsonl"
    if not seeds.is_dir() or not gold.exists():
        pytest.skip("../shared/seeds or ../shared/gold is absent")
    result = run(pipeline, seeds, tmp_path)
    from test_golden import readme_pubdates, reference_scores

    res = reference_scores(shared_dir, gold, tmp_path / "events.jsonl", readme_pubdates(shared_dir))
    shown = "\n".join(f"{k}: {v}" for k, v in res.items())
    print("\nseed articles, merged:\n" + shown)
    assert res["events_per_gold"] <= 1.2, shown
    assert res["source_coverage_multi"] == 1.0, shown
    assert res["recall_core"] == 1.0 and res["date_acc"] == 1.0, shown
    assert wrong_merges(result.dl, gold) == []
    multi = [g for g in read_jsonl(gold) if g["core"] and len(g["docs"]) > 1]
    for g in multi:  # one event carries every document of a multi-document gold event
        ge = GoldEvent.parse(g)
        assert any(
            is_candidate(ge, SystemEvent.parse(r)) and {s["doc"][:3] for s in r["sources"]} >= set(g["docs"])
            for r in result.records
        ), g["id"]
