"""The export contract: every line valid, dates in contract form, CSV flattening, scorer-readable."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from helpers_store import ARTICLE_A, ARTICLE_B, ARTICLE_C, FakePipeline, make_document

from dateline.api import Dateline
from dateline.export import CSV_COLUMNS, contract_problems, date_record, write_events
from dateline.records import EventDate
from dateline.settings import Settings

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


@pytest.fixture
def dl(db_url: str) -> Dateline:
    d = Dateline(db_url, Settings(), pipeline=FakePipeline())
    d.ingest_documents([make_document("a01-report", ARTICLE_A), make_document("b02", ARTICLE_B),
                        make_document("c03", ARTICLE_C, published=None)])
    return d


def exported(dl: Dateline) -> list[dict]:
    out = io.StringIO()
    n = dl.export("jsonl", out)
    lines = out.getvalue().splitlines()
    assert len(lines) == n
    return [json.loads(line) for line in lines]


def test_every_exported_line_meets_the_contract(dl: Dateline) -> None:
    records = exported(dl)
    assert len(records) == 6
    for rec in records:
        assert contract_problems(rec) == [], rec
    by_type = {r["type"]: r for r in records}
    assault = by_type["ASSAULT"]
    assert assault["date"] == {"value": None, "start": "2024-05-06", "end": "2024-05-07", "granularity": "range",
                               "phrase": "between 2024-05-06 and 07", "rule": "trigger-phrase",
                               "timex": "2024-05-06/07"}
    assert assault["quantities"] == [{"value": 12.0, "unit": None, "item": "shells", "approx": False}]
    src = assault["sources"][0]
    assert src["doc"] == "a01-report" and src["published"] == "2024-05-10"
    assert ARTICLE_A[src["start"] : src["end"]] == src["sentence"]
    assert by_type["SANCTION"]["date"]["value"] is None and by_type["SANCTION"]["location"] is None
    consult = next(r for r in records if r["sources"][0]["doc"] == "c03")
    assert consult["actor"] == {
        "name": "Ilse Brandt",
        "aliases": ["Brandt"],
        "kind": "person",
        "country": None,
        "country_name": None,
    }
    assert consult["sources"][0]["published"] is None
    assert consult["n_sources"] == consult["independent_sources"] == 1


DATE_CASES = [
    # (value, first, last) -> (value, start, end)
    (("2024-03-07", date(2024, 3, 7), date(2024, 3, 7)), ("2024-03-07", "2024-03-07", "2024-03-07")),
    (("2024-03", date(2024, 3, 1), date(2024, 3, 31)), ("2024-03", "2024-03-01", "2024-03-31")),
    (("2024", None, None), ("2024", "2024-01-01", "2024-12-31")),
    (("2024-W10", date(2024, 3, 4), date(2024, 3, 10)), (None, "2024-03-04", "2024-03-10")),
    (("2024-SU", date(2024, 6, 1), date(2024, 8, 31)), (None, "2024-06-01", "2024-08-31")),
    (("XXXX-03", date(2024, 3, 1), date(2024, 3, 31)), ("2024-03", "2024-03-01", "2024-03-31")),
    (("PAST_REF", None, None), (None, None, None)),
    (("2024-06", date(2024, 6, 16), date(2024, 6, 17)), (None, "2024-06-16", "2024-06-17")),
    (("2024", date(2024, 6, 16), date(2024, 6, 16)), ("2024-06-16", "2024-06-16", "2024-06-16")),
    ((None, None, None), (None, None, None)),
    (("2024-02-30", None, None), (None, None, None)),
]


@pytest.mark.parametrize(("given", "expected"), DATE_CASES)
def test_dates_take_contract_form(given: tuple, expected: tuple) -> None:
    value, first, last = given
    rec = date_record(EventDate(value, first, last, None, None, "unknown"))
    assert (rec["value"], rec["start"], rec["end"]) == expected
    assert rec["timex"] == value


def test_a_phrase_dated_event_keeps_the_phrase_timex_and_exports_its_interval() -> None:
    """ "last week" said on Wednesday 2025-05-21: the week of 12-18 May.  The event keeps the
    TIMEX3 value (not the month that holds the week), and the export gives the interval with
    no calendar value, since a Monday-to-Sunday week is none."""
    from dateline.events.dating import from_phrase
    from dateline.time.engine import TimeTagger

    [week] = TimeTagger().tag("Troops shelled the town last week.", date(2025, 5, 21))
    when = from_phrase(week, "trigger-phrase")
    assert (when.value, when.first, when.last) == ("2025-W20", date(2025, 5, 12), date(2025, 5, 18))
    rec = date_record(when)
    assert (rec["value"], rec["start"], rec["end"], rec["timex"]) == (None, "2025-05-12", "2025-05-18", "2025-W20")


def test_contract_check_catches_bad_records() -> None:
    good = {"id": "ev_1", "type": "AID", "mode": None, "actor": None, "recipient": None, "location": None,
            "date": {"value": "2024-01", "start": None, "end": None, "granularity": None, "phrase": None,
                     "rule": "unknown"},
            "quantities": [], "confidence": 0.5, "n_sources": 0, "independent_sources": 0, "sources": []}
    assert contract_problems(good) == []
    assert contract_problems([]) == ["not a JSON object"]
    bad_cases = {
        "date.value": {**good, "date": {**good["date"], "value": "2024-W01"}},
        "date.start": {**good, "date": {**good["date"], "start": "2024-01"}},
        "actor": {**good, "actor": {"name": "X"}},
        "location": {**good, "location": "Eastport"},
        "source": {**good, "sources": [{"doc": "a", "sentence": "s", "start": 0}]},
        "quantity": {**good, "quantities": [{"value": "3"}]},
        "mode": {k: v for k, v in good.items() if k != "mode"},
        "id": {**good, "id": 3},
    }
    for key, rec in bad_cases.items():
        problems = contract_problems(rec)
        assert len(problems) == 1 and problems[0].startswith(key), (key, problems)


def test_csv_flattens_the_contract(dl: Dateline) -> None:
    out = io.StringIO()
    dl.export("csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assault = next(r for r in rows if r["type"] == "ASSAULT")
    assert (assault["actor_name"], assault["recipient_name"], assault["location_name"]) == (
        "Sudmark", "Eastport Harbour", "Eastport")
    assert (assault["date_value"], assault["date_start"], assault["date_end"]) == ("", "2024-05-06", "2024-05-07")
    assert assault["quantities"] == "12 shells" and assault["n_sources"] == "1"
    assert assault["sentence"].startswith("Sudmark shelled Eastport Harbour")
    visit = next(r for r in rows if r["mode"] == "visit")
    assert visit["actor_aliases"] == "Varga" and visit["date_value"] == "2023"


def test_json_array_matches_jsonl(dl: Dateline) -> None:
    events = dl.events()
    array, lines = io.StringIO(), io.StringIO()
    assert write_events("json", events, array) == write_events("jsonl", events, lines) == 6
    assert json.loads(array.getvalue()) == [json.loads(line) for line in lines.getvalue().splitlines()]
    empty = io.StringIO()
    write_events("json", [], empty)
    assert json.loads(empty.getvalue()) == []


@pytest.mark.shared
def test_the_project_scorer_reads_the_export(dl: Dateline, tmp_path: Path) -> None:
    scorer = SHARED / "tools" / "score_events.py"
    if not scorer.exists():
        pytest.skip("../shared is absent")
    system = tmp_path / "system.jsonl"
    dl.export("jsonl", system)
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in [
        {"id": "g1", "docs": ["a01"], "core": True, "types": ["CONSULT"], "actor": ["Alma Reyes"],
         "target": ["Varga"], "location": ["Eastport"], "date": "2024-05-03"},
        {"id": "g2", "docs": ["a01"], "core": True, "types": ["ASSAULT"], "actor": ["Sudmark"],
         "target": None, "location": None, "date": "2024-05-06/2024-05-07"},
        {"id": "g3", "docs": ["b02"], "core": True, "types": ["AID"], "actor": ["Norland"],
         "target": None, "location": None, "date": None},
    ]) + "\n")
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(system), "--json"],
                         capture_output=True, text=True, check=True)
    res = json.loads(out.stdout)
    assert res["recall_core"] == round(2 / 3, 3) and res["date_acc"] == 1.0 and res["missed_core"] == ["g3"]
