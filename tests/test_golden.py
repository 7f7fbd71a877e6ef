"""Golden-corpus gate: the real pipeline over the bundled sample corpus, scored against its gold.

The floors are the issue's acceptance figures (core recall 0.85, date accuracy 0.90); a run below
them is a regression.  ``pytest -s`` prints the figures; a failure message carries them too.
With ../shared present, the two seed articles are scored with the reference scorer as well.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dateline.api import Dateline
from dateline.bench.score import Scores, read_jsonl, read_pubdates, score
from dateline.export import contract_problems
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.views import IngestReport

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "dateline" / "data" / "sample"
RECALL_FLOOR = 0.85
DATE_FLOOR = 0.90
SEED_RECALL_FLOOR = 0.85


@dataclass(frozen=True)
class Run:
    """One corpus ingested into a fresh database and exported."""

    report: IngestReport
    doc_ids: list[str]
    rejections: list[str]
    export: Path
    records: list[dict[str, Any]]


def run_corpus(pipeline: Pipeline, corpus: Path, workdir: Path) -> Run:
    with Dateline(workdir / "events.db", Settings(), pipeline=pipeline) as dl:
        report = dl.ingest([corpus])
        export = workdir / "events.jsonl"
        dl.export("jsonl", export)
        doc_ids = [d.id for d in dl.documents()]
        rejections = [f"{r.origin}: {r.reason}: {r.message}" for r in dl.rejections()]
    return Run(report, doc_ids, rejections, export, read_jsonl(export))


def figures(scores: Scores, label: str) -> str:
    return f"{label}\n{scores.table()}"


@pytest.fixture(scope="module")
def sample(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run_corpus(pipeline, SAMPLE / "articles", tmp_path_factory.mktemp("golden"))


@pytest.fixture(scope="module")
def sample_gold() -> list[dict[str, Any]]:
    return read_jsonl(SAMPLE / "gold.jsonl")


@pytest.fixture(scope="module")
def sample_scores(sample: Run, sample_gold: list[dict[str, Any]]) -> Scores:
    scores = score(sample_gold, sample.records, read_pubdates(SAMPLE / "pubdates.txt"))
    print("\n" + figures(scores, "sample corpus (dateline/data/sample):"))
    return scores


# --------------------------------------------------------------------------- sanity


def test_every_sample_document_is_ingested(sample: Run, sample_gold: list[dict[str, Any]]) -> None:
    assert sample.report.rejected == 0 and sample.rejections == [], sample.rejections
    assert sample.report.added == len(sample.doc_ids)
    gold_docs = {d for g in sample_gold for d in g["docs"]}
    missing = sorted(d for d in gold_docs if not any(doc.startswith(d) for doc in sample.doc_ids))
    assert missing == [], f"gold documents not ingested: {missing}; ingested: {sorted(sample.doc_ids)}"


def test_every_exported_line_meets_the_contract(sample: Run) -> None:
    assert sample.records, "the sample corpus produced no event"
    bad = {r.get("id"): contract_problems(r) for r in sample.records if contract_problems(r)}
    assert bad == {}


# --------------------------------------------------------------------------- floors


def test_core_recall_floor(sample_scores: Scores) -> None:
    assert sample_scores.recall_core >= RECALL_FLOOR, figures(sample_scores, f"core recall below {RECALL_FLOOR}")


def test_date_accuracy_floor(sample_scores: Scores) -> None:
    assert sample_scores.date_acc >= DATE_FLOOR, figures(sample_scores, f"date accuracy below {DATE_FLOOR}")


def test_dates_beat_the_publication_date_baseline(sample_scores: Scores) -> None:
    baseline = sample_scores.date_acc_pubdate_baseline
    assert baseline is not None
    assert sample_scores.date_acc > baseline, figures(sample_scores, "no better than dating by publication day")


# --------------------------------------------------------------------------- with ../shared


def reference_scores(shared: Path, gold: Path, system: Path, pubdates: list[str]) -> dict[str, Any]:
    """The figures of ``../shared/tools/score_events.py`` (``--json``)."""
    cmd = [sys.executable, str(shared / "tools" / "score_events.py"), str(gold), str(system), "--json"]
    if pubdates:
        cmd += ["--pubdates", *pubdates]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def readme_pubdates(shared: Path) -> list[str]:
    """The ``DOC=YYYY-MM-DD`` words of the scoring command line given in ../shared/README.md."""
    readme = (shared / "README.md").read_text(encoding="utf-8")
    m = re.search(r"--pubdates((?:\s+[\w-]+=\d{4}-\d{2}-\d{2})+)", readme)
    assert m is not None, "../shared/README.md no longer shows the scorer's --pubdates command line"
    return m.group(1).split()


@pytest.mark.shared
def test_our_scorer_agrees_with_the_reference_on_the_sample(sample: Run, shared_dir: Path) -> None:
    pubdates = (SAMPLE / "pubdates.txt").read_text(encoding="utf-8").split()
    ref = reference_scores(shared_dir, SAMPLE / "gold.jsonl", sample.export, pubdates)
    ours = score(read_jsonl(SAMPLE / "gold.jsonl"), sample.records, read_pubdates(SAMPLE / "pubdates.txt"))
    assert ours.as_dict() == ref


@pytest.mark.shared
def test_seed_articles(pipeline: Pipeline, shared_dir: Path, tmp_path: Path) -> None:
    seeds = shared_dir / "seeds"
    gold = shared_dir / "gold" / "seeds.jsonl"
    if not seeds.is_dir() or not gold.exists():
        pytest.skip("../shared/seeds or ../shared/gold is absent")
    run = run_corpus(pipeline, seeds, tmp_path)
    assert run.report.rejected == 0, run.rejections
    pubdates = readme_pubdates(shared_dir)
    gold_docs = {d for g in read_jsonl(gold) for d in g["docs"]}
    assert gold_docs <= {p.split("=", 1)[0] for p in pubdates}, pubdates
    res = reference_scores(shared_dir, gold, run.export, pubdates)
    shown = "seed articles (../shared/seeds):\n" + "\n".join(f"{k}: {v}" for k, v in res.items())
    print("\n" + shown)
    assert res["recall_core"] >= SEED_RECALL_FLOOR, shown
    assert res["date_acc"] == 1.0, shown
