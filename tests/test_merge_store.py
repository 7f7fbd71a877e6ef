"""Merging in the store: reports of one happening become one event across documents, incrementally,
with syndicated copies counted once, disagreements kept, and users' merges and splits remembered.

The fake pipeline of helpers_store reads a tiny grammar; every name is invented.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest
from helpers_store import FakePipeline, make_document
from sqlalchemy import func, select

import dateline.store.merging as merging
from dateline.api import Dateline
from dateline.cli import cli
from dateline.errors import InvalidQuery
from dateline.render import event_detail, timeline_lines
from dateline.settings import Settings
from dateline.store import schema as S
from dateline.views import EventView

CLOCK = lambda: datetime(2024, 7, 1, 12, 0, tzinfo=UTC)  # noqa: E731
FILLER = (" The statement gave no further details. Officials declined to comment on the talks. "
          "Markets in the region were calm and traders expected prices to settle. ")  # fmt: skip


@pytest.fixture
def dl(db_url: str) -> Dateline:
    d = Dateline(db_url, Settings(), pipeline=FakePipeline(), clock=CLOCK)
    yield d
    d.close()


def ingest(dl: Dateline, *docs: tuple[str, str, date | None]) -> None:
    report = dl.ingest_documents([make_document(i, text, published) for i, text, published in docs])
    assert report.rejected == 0, report.messages


def by_type(dl: Dateline, type_: str) -> list[EventView]:
    return dl.events(type=type_)


def test_two_outlets_reporting_one_meeting_make_one_event(dl: Dateline) -> None:
    ingest(dl, ("a", "Alma Reyes met Tomas Varga in Eastport on 2024-05-03." + FILLER, date(2024, 5, 4)),
           ("b", "Tomas Varga met Alma Reyes in Eastport in 2024-05. Norland sanctioned Westria.", date(2024, 5, 6)))
    (meeting,) = by_type(dl, "CONSULT")
    assert meeting.n_sources == 2 and meeting.independent_sources == 2 and meeting.documents == 2
    assert meeting.date.value == "2024-05-03"  # the day beats the month that contains it
    assert len(by_type(dl, "SANCTION")) == 1
    (entry,) = dl.merge_log(meeting.id)
    assert (entry.action, entry.by) == ("merge", "rule") and entry.score is not None and entry.score >= 0.5
    assert "[2 sources, 2 independent]" in timeline_lines([meeting])[0]


def test_three_visits_on_three_dates_stay_three_events(dl: Dateline) -> None:
    visits = " ".join(f"Tomas Varga visited Norland in Capitol on {d}." for d in
                      ("2024-01-14", "2024-02-11", "2024-03-09"))  # fmt: skip
    ingest(dl, ("a", visits + FILLER, date(2024, 3, 10)),
           ("b", "Tomas Varga visited Norland in Capitol on 2024-02-11. Tomas Varga visited Norland in Capitol.",
            date(2024, 3, 11)))  # fmt: skip
    dated = [e for e in by_type(dl, "CONSULT") if e.date.value]
    assert sorted(e.date.value for e in dated) == ["2024-01-14", "2024-02-11", "2024-03-09"]
    assert [e.n_sources for e in dated] == [1, 2, 1]
    undated = [e for e in by_type(dl, "CONSULT") if not e.date.value]
    assert len(undated) == 1 and undated[0].n_sources == 1  # which visit? it joins none


def test_new_articles_are_compared_only_with_events_sharing_a_key(
    dl: Dateline, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(dl, ("a", "Alma Reyes met Tomas Varga in Eastport on 2024-05-03. Norland sanctioned Westria in 2024-04.",
                date(2024, 5, 4)))  # fmt: skip
    loaded: list[str] = []
    real = merging.load_members

    def spy(conn, event_ids, rules):  # type: ignore[no-untyped-def]
        loaded.extend(event_ids)
        return real(conn, event_ids, rules)

    monkeypatch.setattr(merging, "load_members", spy)
    sanction = by_type(dl, "SANCTION")[0].id
    ingest(dl, ("c", "Tomas Varga met Alma Reyes on 2024-05-03.", date(2024, 5, 8)))
    assert sanction not in loaded  # not a candidate: another family, other parties
    (meeting,) = by_type(dl, "CONSULT")
    assert {s.doc for s in meeting.sources} == {"a", "c"}
    assert dl.resolve().documents == 0  # nothing pending; ingest resolved it


def test_syndicated_copies_count_once(dl: Dateline) -> None:
    story = "Alma Reyes met Tomas Varga in Eastport on 2024-05-03." + FILLER * 3
    copy = "Wire copy. " + story.replace("Markets in the region", "Markets across the region", 1)
    ingest(dl, ("paper", copy, date(2024, 5, 5)), ("wire", story, date(2024, 5, 4)))
    (meeting,) = by_type(dl, "CONSULT")
    assert meeting.n_sources == 2 and meeting.documents == 2 and meeting.independent_sources == 1
    paper = next(s for s in meeting.sources if s.doc == "paper")
    assert paper.original == "wire"  # the earliest published is the original
    record = json.loads(_export(dl)[0])
    assert record["independent_sources"] == 1 and {s["original"] for s in record["sources"]} == {None, "wire"}
    assert "syndicated copy of wire" in event_detail(meeting, color=False)


def _export(dl: Dateline) -> list[str]:
    import io

    out = io.StringIO()
    dl.export("jsonl", out)
    return out.getvalue().splitlines()


def test_sources_disagreeing_on_the_day_and_the_toll_are_recorded(dl: Dateline) -> None:
    ingest(dl, ("x", "Sudmark shelled Eastport Harbour in Eastport on 2024-05-06 with 12 shells.", date(2024, 5, 7)),
           ("y", "Sudmark shelled Eastport Harbour in Eastport on 2024-05-07 with 14 shells.", date(2024, 5, 8)))
    (attack,) = by_type(dl, "ASSAULT")
    fields = {d.field: d for d in attack.disagreements}
    assert set(fields) == {"date", "quantity shells"}
    assert [(v.value, v.docs) for v in fields["date"].values] == [("2024-05-06", ("x",)), ("2024-05-07", ("y",))]
    assert fields["date"].kept in ("2024-05-06", "2024-05-07")
    record = json.loads(_export(dl)[0])
    assert [d["field"] for d in record["disagreements"]] == ["date", "quantity shells"]
    assert "disputed    date: 2024-05-06 (x) | 2024-05-07 (y)" in event_detail(attack, color=False)


def test_a_user_split_is_never_merged_again(dl: Dateline) -> None:
    ingest(dl, ("a", "Alma Reyes met Tomas Varga on 2024-05-03.", date(2024, 5, 4)),
           ("b", "Tomas Varga met Alma Reyes on 2024-05-03.", date(2024, 5, 5)))
    (meeting,) = by_type(dl, "CONSULT")
    b_report = next(s.report for s in meeting.sources if s.doc == "b")
    kept, new = dl.split_event(meeting.id, [b_report], note="two meetings that day")
    assert [s.doc for s in kept.sources] == ["a"] and [s.doc for s in new.sources] == ["b"]
    # the same report comes back in a new version of b: resolution keeps it apart
    ingest(dl, ("b", "Tomas Varga met Alma Reyes on 2024-05-03. Reporting by the desk.", date(2024, 5, 5)))
    assert len(by_type(dl, "CONSULT")) == 2
    log = dl.merge_log()
    assert [(m.action, m.by) for m in log] == [("merge", "rule"), ("split", "user")]
    assert log[1].note == "two meetings that day" and log[1].reports == (b_report,)


def test_a_user_merge_holds_when_a_document_comes_back(dl: Dateline) -> None:
    ingest(dl, ("a", "Alma Reyes met Tomas Varga on 2024-05-03.", date(2024, 5, 4)),
           ("b", "Ilse Brandt met Alma Reyes on 2024-06-01.", date(2024, 6, 2)))
    first, second = by_type(dl, "CONSULT")
    merged = dl.merge_events([first.id, second.id], note="one conference")
    assert merged.id == first.id and merged.n_sources == 2
    ingest(dl, ("b", "Ilse Brandt met Alma Reyes on 2024-06-01. More later.", date(2024, 6, 2)))
    (again,) = by_type(dl, "CONSULT")
    assert again.n_sources == 2 and {s.doc for s in again.sources} == {"a", "b"}
    assert next((m.action, m.by) for m in dl.merge_log(first.id)) == ("merge", "user")


def test_merge_and_split_refuse_what_makes_no_sense(dl: Dateline) -> None:
    ingest(dl, ("a", "Alma Reyes met Tomas Varga on 2024-05-03.", date(2024, 5, 4)))
    (only,) = by_type(dl, "CONSULT")
    with pytest.raises(InvalidQuery):
        dl.merge_events([only.id])
    with pytest.raises(InvalidQuery):
        dl.split_event(only.id)
    with pytest.raises(InvalidQuery):
        dl.split_event(only.id, ["rp_000000000000"])


def test_reingesting_a_merged_document_loses_and_duplicates_nothing(dl: Dateline) -> None:
    texts = [("a", "Alma Reyes met Tomas Varga on 2024-05-03.", date(2024, 5, 4)),
             ("b", "Tomas Varga met Alma Reyes on 2024-05-03.", date(2024, 5, 5)),
             ("c", "Alma Reyes met Tomas Varga in 2024-05.", date(2024, 5, 9))]  # fmt: skip
    ingest(dl, *texts)
    (meeting,) = by_type(dl, "CONSULT")
    survivor_doc = next(s.doc for s in meeting.sources if s.report.removeprefix("rp_") == meeting.id[3:])
    changed = next((i, t + " Corrected.", p) for i, t, p in texts if i == survivor_doc)
    ingest(dl, changed)
    (after,) = by_type(dl, "CONSULT")
    assert sorted(s.doc for s in after.sources) == ["a", "b", "c"]
    with dl.store().engine.connect() as conn:
        n_reports = conn.execute(select(func.count()).select_from(S.reports)).scalar_one()
        keyed = set(conn.execute(select(S.event_keys.c.event_id).distinct()).scalars())
        events = set(conn.execute(select(S.events.c.id)).scalars())
    assert n_reports == 3 and keyed == events  # every event keyed, no key of a removed event


def test_cli_merge_split_and_log(dl: Dateline, db_url: str) -> None:
    from click.testing import CliRunner

    ingest(dl, ("a", "Alma Reyes met Tomas Varga on 2024-05-03.", date(2024, 5, 4)),
           ("b", "Ilse Brandt met Alma Reyes on 2024-06-01.", date(2024, 6, 2)))
    first, second = (e.id for e in by_type(dl, "CONSULT"))
    dl.close()
    runner = CliRunner()
    db = db_url
    merged = runner.invoke(cli, ["--db", db, "events", "merge", first, second, "--note", "same"])
    assert merged.exit_code == 0, merged.output
    assert "[2 sources, 2 independent]" in merged.stdout
    split = runner.invoke(cli, ["--db", db, "events", "split", first])
    assert split.exit_code == 0 and split.stdout.count("\n") == 2
    shown = runner.invoke(cli, ["--db", db, "show", first, "--no-color"]).stdout
    history = shown.splitlines()[-2:]
    assert re.fullmatch(r"history     merged \d{4}-\d\d-\d\d by user, 1 report\(s\) of 1 event\(s\): same", history[0])
    assert re.fullmatch(r" {12}split \d{4}-\d\d-\d\d by user, 1 report\(s\) into 1 event\(s\)", history[1])
    log = runner.invoke(cli, ["--db", db, "events", "log", "--format", "jsonl"])
    assert [json.loads(line)["action"] for line in log.stdout.splitlines()] == ["merge", "split"]
    listed = runner.invoke(cli, ["--db", db, "events", "--type", "consult"])
    assert listed.exit_code == 0 and listed.stdout.count("ev_") == 2
    resolved = runner.invoke(cli, ["--db", db, "events", "resolve"])
    assert resolved.stdout.startswith("0 document(s) resolved")


def test_members_are_made_again_when_their_stored_row_changes(dl: Dateline) -> None:
    from dateline.resolve.merge import MergeRules
    from dateline.store.event_rows import load_members, summary_of

    ingest(dl, ("a", "Alma Reyes met Tomas Varga in Eastport on 2024-05-03." + FILLER, date(2024, 5, 4)))
    (meeting,) = by_type(dl, "CONSULT")
    rules = MergeRules.default()
    engine = dl.store().engine
    with engine.connect() as conn:
        (first,) = load_members(conn, [meeting.id], rules)[meeting.id]
        (again,) = load_members(conn, [meeting.id], rules)[meeting.id]
    assert again is first  # read again, made once
    assert summary_of(meeting.id, [again], rules) is summary_of(meeting.id, [first], rules)
    with engine.begin() as conn:
        conn.execute(S.reports.update().values(date_first=date(2024, 5, 2), date_last=date(2024, 5, 2)))
    with engine.connect() as conn:
        (changed,) = load_members(conn, [meeting.id], rules)[meeting.id]
    assert changed is not first and changed.facts.when.first == date(2024, 5, 2)
    summary = summary_of(meeting.id, [changed], rules)
    assert summary.facts.when.first == date(2024, 5, 2)
    other = MergeRules(**{**{f: getattr(rules, f) for f in ("threshold", "compatible", "symmetric", "date_rules",
                                                            "stopwords", "spellings", "plan_markers",
                                                            "plan_triggers")}, "threshold": 0.9})  # fmt: skip
    with engine.connect() as conn:
        (under_other,) = load_members(conn, [meeting.id], other)[meeting.id]
    assert under_other is not changed  # other rules: made anew
