"""dateline.bench.score: each matching rule on hand-made gold/system pairs with known answers,
the CLI, and (with ../shared) agreement with the reference scorer on the same files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers_store import FakePipeline, make_document

from dateline.api import Dateline
from dateline.bench.score import (
    SystemDate,
    alias_hit,
    date_ok,
    doc_stem,
    main,
    normalise,
    party_names,
    read_pubdates,
    score,
)
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def gold(gid: str, *, types: tuple[str, ...] = ("CONSULT",), actor: tuple[str, ...] = ("Lena Vasquez",),
         target: tuple[str, ...] | None = ("Chile",), date: str | None = None, docs: tuple[str, ...] = ("d1",),
         core: bool = True) -> dict[str, Any]:  # fmt: skip
    return {"id": gid, "docs": list(docs), "core": core, "types": list(types), "actor": list(actor),
            "target": list(target) if target is not None else None, "location": None, "date": date}  # fmt: skip


def party(name: str, *aliases: str, country: str | None = None, country_name: str | None = None) -> dict[str, Any]:
    return {"name": name, "aliases": list(aliases), "kind": "person", "country": country, "country_name": country_name}


def event(etype: str = "CONSULT", actor: dict[str, Any] | None = None, recipient: dict[str, Any] | None = None,
          *, value: str | None = None, start: str | None = None, end: str | None = None,
          docs: tuple[str, ...] = ("d1_report",)) -> dict[str, Any]:  # fmt: skip
    if value is not None and start is None:
        start = end = value if len(value) == 10 else None
    return {
        "id": "ev", "type": etype, "mode": None,
        "actor": actor if actor is not None else party("Lena Vasquez", "Vasquez"),
        "recipient": recipient if recipient is not None else party("Chile", country="CHL", country_name="Chile"),
        "location": None,
        "date": {"value": value, "start": start, "end": end},
        "quantities": [], "confidence": 0.8, "n_sources": len(docs), "independent_sources": len(docs),
        "sources": [{"doc": d, "url": None, "published": None, "sentence": "", "start": 0, "end": 0} for d in docs],
    }  # fmt: skip


# --------------------------------------------------------------------------- names


def test_normalise_folds_case_accents_punctuation_and_one_leading_title() -> None:
    assert normalise("The  Kyrgyz-Tajik Border ") == "kyrgyz tajik border"
    assert normalise("President Émile Durand") == "emile durand"
    assert normalise("U.N. panel") == "u n panel"
    assert normalise("the the league") == "the league"  # one title only
    assert normalise("the") == "the"
    assert normalise(None) == ""


def test_party_names_reads_name_aliases_country_and_country_name() -> None:
    p = {"name": "Defence Ministry", "aliases": ["MoD", 7], "kind": "organisation", "country": "KGZ",
         "country_name": "Kyrgyzstan", "canonical": "Kyrgyz Defence Ministry"}  # fmt: skip
    assert party_names(p) == {"defence ministry", "mod", "kgz", "kyrgyzstan", "kyrgyz defence ministry"}
    assert party_names("The Kremlin") == {"kremlin"}
    assert party_names(None) == frozenset()
    assert party_names({"name": "", "aliases": []}) == frozenset()


@pytest.mark.parametrize(
    ("aliases", "names", "hit"),
    [
        (["Ilse Brandt"], ["brandt"], True),  # the system name inside the gold alias
        (["Brandt"], ["ilse brandt"], True),  # the gold alias inside the system name
        (["Tajik"], ["tajik defence ministry"], True),
        (["Tajik"], ["tajikistan"], False),  # whole words only
        (["Lee"], ["lee min ho"], False),  # aliases of three characters or fewer must be equal
        (["Kim"], ["kim"], True),
        (["UN"], ["un panel"], False),
        (["UN panel"], ["un"], True),  # a long gold alias may contain a short system name
        (["President Ana Rivas"], ["ana rivas"], True),  # the title is dropped from the gold alias
        (["Rivas Foundation"], ["rivas"], True),
        ([], ["rivas"], False),
    ],
)
def test_alias_hit(aliases: list[str], names: list[str], hit: bool) -> None:
    assert alias_hit(aliases, names) is hit


def test_doc_stem_and_prefix() -> None:
    assert doc_stem("corpus/s01_meridian-wire.txt") == "s01_meridian-wire"
    assert doc_stem("s20-nsb-news-kok-tash-mortar") == "s20-nsb-news-kok-tash-mortar"
    assert doc_stem("a.b/c") == "c"
    g = [gold("g1", docs=("s01",))]
    assert score(g, [event(docs=("s01_meridian.txt",))]).recall_core == 1.0
    assert score(g, [event(docs=("xs01_other",))]).recall_core == 0.0


def test_actor_matches_through_country_name() -> None:
    g = [gold("g1", types=("ACCUSE",), actor=("Kyrgyzstan",), target=("Tajikistan",))]
    ministry = {"name": "Foreign Ministry", "aliases": [], "kind": "organisation", "country": "KGZ",
                "country_name": "Kyrgyzstan"}  # fmt: skip
    tajik = party("Tajikistan", "Tajik", country="TJK", country_name="Tajikistan")
    assert score(g, [event("ACCUSE", ministry, tajik)]).recall_core == 1.0
    ministry_nowhere = dict(ministry, country=None, country_name=None)
    assert score(g, [event("ACCUSE", ministry_nowhere, tajik)]).recall_core == 0.0


def test_target_required_only_when_gold_has_one() -> None:
    untargeted = [gold("g1", types=("MOBILIZE",), actor=("Lena Vasquez",), target=None)]
    assert score(untargeted, [event("MOBILIZE", recipient={})]).recall_core == 1.0
    targeted = [gold("g1", types=("MOBILIZE",))]
    nobody = event("MOBILIZE")
    nobody["recipient"] = None
    assert score(targeted, [nobody]).recall_core == 0.0
    # an export that names the role "target" is read too
    legacy = event("MOBILIZE")
    legacy["target"] = legacy.pop("recipient")
    assert score(targeted, [legacy]).recall_core == 1.0


def test_type_must_be_one_of_the_gold_types() -> None:
    g = [gold("g1", types=("AGREE", "CONSULT"))]
    assert score(g, [event("AGREE")]).recall_core == 1.0
    assert score(g, [event("SUPPORT")]).recall_core == 0.0


@pytest.mark.parametrize(("etype", "hit"), [("CONSULT", True), ("AGREE", True), ("COOPERATE", True),
                                             ("ACCUSE", False), ("AID", False)])  # fmt: skip
def test_symmetric_categories_accept_swapped_roles(etype: str, hit: bool) -> None:
    g = [gold("g1", types=(etype,), actor=("Lena Vasquez",), target=("Chile",))]
    swapped = event(etype, party("Chile", country="CHL"), party("Lena Vasquez"))
    assert (score(g, [swapped]).recall_core == 1.0) is hit


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("gold_date", "value", "start", "end", "ok"),
    [
        ("2026-03", "2026-03-15", "2026-03-15", "2026-03-15", True),
        ("2026-03-15", "2026-03", "2026-03-01", "2026-03-31", False),  # less precise than the gold
        ("2026", None, "2026-05-01", "2026-05-07", True),  # no value: the start is read
        ("2026-03-15", None, None, None, False),
        # ranges: the event's interval must lie inside, compared at the precision of each bound
        ("2026-03-03/2026-03-04", None, "2026-03-03", "2026-03-04", True),
        ("2026-03-03/2026-03-04", "2026-03-04", "2026-03-04", "2026-03-04", True),
        ("2026-03-03/2026-03-04", "2026-03-04", None, None, True),  # the value stands for both ends
        ("2026-03-03/2026-03-04", "2026-03-05", "2026-03-05", "2026-03-05", False),
        ("2026-03-03/2026-03-04", None, "2026-03-02", "2026-03-04", False),
        ("2026-03-03/2026-03-04", "2026-03", "2026-03-01", "2026-03-31", False),
        ("2026-03/2026-04", "2026-04-30", "2026-04-30", "2026-04-30", True),
        ("2026-03/2026-04", None, "2026-03-30", "2026-05-02", False),
    ],
)
def test_date_ok(gold_date: str, value: str | None, start: str | None, end: str | None, ok: bool) -> None:
    assert date_ok(gold_date, SystemDate(value, start, end)) is ok


def test_date_accuracy_and_wrong_date() -> None:
    g = [gold("g1", date="2026-03-10"), gold("g2", types=("ACCUSE",), date="2026-03-11"),
         gold("g3", types=("AID",), date=None)]  # fmt: skip
    s = [event(value="2026-03-10"), event("ACCUSE", value="2026-03-12"), event("AID", value="2026-03-01")]
    res = score(g, s)
    assert res.recall_core == 1.0
    assert res.date_acc == 0.5 and res.wrong_date == ["g2"]  # g3 has no date: not counted


def test_string_date_is_read_as_value() -> None:
    g = [gold("g1", date="2026-03-10")]
    e = event()
    e["date"] = "2026-03-10"
    assert score(g, [e]).date_acc == 1.0


# --------------------------------------------------------------------------- assignment


def test_each_event_goes_to_the_gold_event_whose_date_it_meets() -> None:
    # three visits by the same person to the same country: separate gold events
    g = [gold("v1", date="2026-01-14"), gold("v2", date="2026-02-11"), gold("v3", date="2026-03-09")]
    s = [event(value="2026-03-09"), event(value="2026-01-14"), event(value="2026-02-11")]
    res = score(g, s)
    assert res.recall_core == 1.0 and res.date_acc == 1.0 and res.events_per_gold == 1.0


def test_undated_events_spread_over_the_least_matched_gold_events() -> None:
    g = [gold("v1", date="2026-01-14"), gold("v2", date="2026-02-11")]
    res = score(g, [event(), event()])
    assert res.recall_core == 1.0 and res.events_per_gold == 1.0 and res.date_acc == 0.0


def test_on_a_tie_a_core_event_wins() -> None:
    g = [gold("side", core=False), gold("main")]
    res = score(g, [event()])
    assert res.recall_core == 1.0 and res.missed_core == []


def test_fragmentation_counts_events_per_matched_gold() -> None:
    g = [gold("g1", date="2026-03-10"), gold("g2", types=("ACCUSE",))]
    s = [event(value="2026-03-10"), event(value="2026-03-10"), event(value="2026-03-10"), event("SUPPORT")]
    res = score(g, s)
    assert res.recall_core == 0.5 and res.missed_core == ["g2"]
    assert res.events_per_gold == 3.0
    assert res.system_events == 4 and res.gold_matched_share == 0.75


def test_events_from_other_documents_are_not_counted() -> None:
    g = [gold("g1")]
    res = score(g, [event(), event(docs=("zz9_elsewhere",))])
    assert res.system_events == 1 and res.gold_matched_share == 1.0


def test_source_coverage_of_multi_document_events() -> None:
    g = [gold("g1", docs=("d1", "d2", "d3", "d4")), gold("g2", types=("ACCUSE",), docs=("d1", "d2")),
         gold("g3", types=("AID",), docs=("d1",))]  # fmt: skip
    s = [event(docs=("d1_a", "d2_b")), event(docs=("d3_c",)), event("ACCUSE", docs=("d2_b",)), event("AID")]
    res = score(g, s)
    assert res.source_coverage_multi == round((3 / 4 + 1 / 2) / 2, 3)


def test_pubdate_baseline_dates_each_report_by_its_publication_day() -> None:
    g = [gold("g1", docs=("d1", "d2"), date="2026-03-03"),
         gold("g2", types=("ACCUSE",), docs=("d1",), date="2026-03-03/2026-03-04"),
         gold("g3", types=("AID",), docs=("d1",), date="2026-03-01")]  # fmt: skip
    s = [event(docs=("d1_a", "d2_b")), event("ACCUSE"), event("AID")]
    pub = {"d1": "2026-03-04", "d2": "2026-03-03"}
    res = score(g, s, pub)
    # (g1,d1) wrong, (g1,d2) right, (g2,d1) right (inside the range), (g3,d1) wrong
    assert res.date_acc_pubdate_baseline == 0.5
    assert score(g, s).date_acc_pubdate_baseline is None  # no publication dates known
    # the baseline counts only matched gold events
    assert score(g, s[:1], pub).date_acc_pubdate_baseline == 0.5


def test_empty_inputs() -> None:
    res = score([], [])
    assert res.as_dict() == {
        "gold_core": 0, "recall_core": 0.0, "date_acc": 0.0, "date_acc_pubdate_baseline": None,
        "source_coverage_multi": None, "events_per_gold": None, "system_events": 0, "gold_matched_share": 0.0,
        "missed_core": [], "wrong_date": [],
    }  # fmt: skip


# --------------------------------------------------------------------------- files and CLI


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_cli_prints_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    g = _write(tmp_path / "gold.jsonl", [gold("g1", date="2026-03-10", docs=("d1", "d2"))])
    s = _write(tmp_path / "sys.jsonl", [event(value="2026-03-10")])
    assert main([str(g), str(s), "--pubdates", "d1=2026-03-10", "d2=2026-03-11", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["recall_core"] == 1.0 and res["date_acc_pubdate_baseline"] == 0.5
    assert res["source_coverage_multi"] == 0.5
    assert main([str(g), str(s)]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[1] == "recall_core: 1.0" and text[3] == "date_acc_pubdate_baseline: None"
    with pytest.raises(SystemExit):
        main([str(g)])


def test_sample_pubdates_file_is_read() -> None:
    pub = read_pubdates(ROOT / "dateline" / "data" / "sample" / "pubdates.txt")
    assert len(pub) == 22 and pub["s01"] == "2026-03-03"


# --------------------------------------------------------------------------- against the reference


def _variants(records: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The export as it is and deliberately damaged copies, to exercise every branch."""
    out = [records, records[::-1], records[:2]]
    swapped = json.loads(json.dumps(records))
    for r in swapped:
        r["actor"], r["recipient"] = r["recipient"], r["actor"]
    undated = json.loads(json.dumps(records))
    for r in undated:
        r["date"] = {"value": None, "start": None, "end": None}
    retyped = json.loads(json.dumps(records))
    for r in retyped:
        r["type"] = "CONSULT"
    return [*out, swapped, undated, retyped, records + records]


@pytest.mark.shared
def test_same_figures_as_the_reference_scorer(tmp_path: Path) -> None:
    reference = SHARED / "tools" / "score_events.py"
    if not reference.exists():
        pytest.skip("../shared is absent")
    dl = Dateline(tmp_path / "t.db", Settings(), pipeline=FakePipeline())
    dl.ingest_documents([
        make_document("a01-report", "Alma Reyes met Varga in Eastport on 2024-05-03. "
                      "Sudmark shelled Eastport Harbour between 2024-05-06 and 07 with 12 shells."),
        make_document("b02-wire", "Alma Reyes visited Varga in 2023. Norland sanctioned Sudmark on 2024-05-09. "
                      "Varga met Alma Reyes on 2024-05-03."),
        make_document("c03", "Sudmark accused Norland in 2024-05. Norland accused Sudmark on 2024-05-08."),
    ])  # fmt: skip
    buf = io.StringIO()
    dl.export("jsonl", buf)
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len(records) >= 6
    gold_lines = [
        gold("g1", actor=("Alma Reyes",), target=("Varga",), docs=("a01", "b02"), date="2024-05-03"),
        gold("g2", types=("ASSAULT",), actor=("Sudmark",), target=None, docs=("a01",), date="2024-05-06/2024-05-07"),
        gold("g3", types=("CONSULT",), actor=("Reyes",), target=("Varga",), docs=("b02",), date="2023"),
        gold("g4", types=("SANCTION",), actor=("Norland",), target=("Sudmark",), docs=("b02",), date="2024-05-10"),
        gold("g5", types=("ACCUSE",), actor=("Norland",), target=("Sudmark",), docs=("c03",), date="2024-05"),
        gold("g6", types=("AID",), actor=("Norland",), target=None, docs=("b02",), core=False),
    ]  # fmt: skip
    gold_path = _write(tmp_path / "gold.jsonl", gold_lines)
    pubdates = ["a01=2024-05-03", "b02=2024-05-10", "c03=2024-05-08"]
    for n, variant in enumerate(_variants(records)):
        system = _write(tmp_path / f"sys{n}.jsonl", variant)
        args = [str(gold_path), str(system), "--pubdates", *pubdates, "--json"]
        ref = subprocess.run([sys.executable, str(reference), *args], capture_output=True, text=True, check=True)
        ours = subprocess.run([sys.executable, "-m", "dateline.bench.score", *args], capture_output=True,
                              text=True, check=True, cwd=ROOT)  # fmt: skip
        assert json.loads(ours.stdout) == json.loads(ref.stdout), f"variant {n}"
    first = score(gold_lines, records, dict(p.split("=") for p in pubdates))
    assert first.recall_core == 1.0  # the comparison covered matches, not only misses
