"""Event-coding cases as data (tests/cases/events.yaml) through the real pipeline.

Each case is a tiny article; the test codes it and checks the expected events (type, actor,
recipient, date, quantity) and the absent ones, as they would be exported.  Cases under
``pending:`` are what the coder gets wrong today: strict expected failures, so a fix is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from dateline.events.lexicon import QUAD
from dateline.export import date_record, party_record
from dateline.pipeline import Pipeline
from dateline.records import Event, SourceItem
from dateline.sources import build_document

CASES_FILE = Path(__file__).resolve().parent / "cases" / "events.yaml"
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
CASE_KEYS = {"id", "published", "format", "text", "note", "expect", "absent", "why"}
EXPECT_KEYS = {"type", "actor", "recipient", "date", "date_rule", "quantity", "mode"}
ABSENT_KEYS = {"type", "actor", "recipient"}


def _load() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    data = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    return list(data.get("cases") or []), list(data.get("pending") or [])


CASES, PENDING = _load()


# --------------------------------------------------------------------------- produced events


@dataclass(frozen=True)
class Produced:
    """One coded event in the export's terms (names, date value and interval, quantities)."""

    type: str
    actor: dict[str, Any] | None
    recipient: dict[str, Any] | None
    date: dict[str, Any]
    quantities: list[tuple[float, str, str]]  # (value, unit, item)
    trigger: str
    mode: str | None = None

    @classmethod
    def of(cls, ev: Event) -> Produced:
        qty = [(q.value, q.unit or "", q.item or "") for q in ev.quantities]
        return cls(ev.type, party_record(ev.actor), party_record(ev.recipient), date_record(ev.date), qty,
                   ev.evidence.trigger, ev.mode)  # fmt: skip

    def describe(self) -> str:
        d = self.date
        when = d["value"] if d["value"] else (f"{d['start']}/{d['end']}" if d["start"] else "unknown")
        qty = "".join(f" [{v:g} unit={u or '-'} item={i or '-'}]" for v, u, i in self.quantities)
        return (f"{self.type}{'/' + self.mode if self.mode else ''} actor={_name(self.actor)} "
                f"recipient={_name(self.recipient)} date={when} "
                f"({d['rule']}: {d['phrase']!r}) trigger={self.trigger!r}{qty}")  # fmt: skip


def _name(party: dict[str, Any] | None) -> str:
    return "-" if party is None else repr(party["name"])


def _names(party: dict[str, Any] | None) -> list[str]:
    if party is None:
        return []
    return [n.lower() for n in [party["name"], *party["aliases"], party.get("country_name") or ""] if n]


def names(party: dict[str, Any] | None, wanted: str) -> bool:
    """Whether a party answers to ``wanted`` (contained in its name, an alias or its country name)."""
    return any(wanted.lower() in n for n in _names(party))


def parties_ok(spec: dict[str, Any], ev: Produced) -> bool:
    actor, recipient = spec["actor"], spec.get("recipient")

    def fits(a: dict[str, Any] | None, r: dict[str, Any] | None) -> bool:
        return names(a, actor) and (recipient is None or names(r, recipient))

    return fits(ev.actor, ev.recipient) or (ev.type in SYMMETRIC and fits(ev.recipient, ev.actor))


def date_ok(spec: dict[str, Any], ev: Produced) -> bool:
    if "date" not in spec:
        return True
    want, d = spec["date"], ev.date
    if want is None:
        return d["value"] is None and d["start"] is None
    want = str(want)
    if "/" in want:
        return f"{d['start']}/{d['end']}" == want
    return bool(d["value"]) and str(d["value"]).startswith(want)


def quantity_ok(spec: dict[str, Any], ev: Produced) -> bool:
    """Some quantity has the value, and the unit and item contain what the spec says of them."""
    want = spec.get("quantity")
    if want is None:
        return True
    unit, item = str(want.get("unit", "")).lower(), str(want.get("item", "")).lower()
    return any(v == float(want["value"]) and unit in u.lower() and item in i.lower() for v, u, i in ev.quantities)


def types_of(spec: dict[str, Any]) -> list[str]:
    t = spec["type"]
    return [t] if isinstance(t, str) else list(t)


def matches(spec: dict[str, Any], ev: Produced) -> bool:
    return (
        ev.type in types_of(spec)
        and parties_ok(spec, ev)
        and date_ok(spec, ev)
        and ("date_rule" not in spec or ev.date["rule"] == spec["date_rule"])
        and ("mode" not in spec or ev.mode == spec["mode"])
        and quantity_ok(spec, ev)
    )


def problems(case: dict[str, Any], produced: list[Produced]) -> list[str]:
    """What the produced events get wrong against the case (empty when right)."""
    out = []
    for spec in case.get("expect") or []:
        if not any(matches(spec, ev) for ev in produced):
            out.append(f"missing {spec}")
    for spec in case.get("absent") or []:
        wrong = [ev for ev in produced if ev.type in types_of(spec) and parties_ok(spec, ev)]
        out += [f"unwanted {ev.describe()} (absent: {spec})" for ev in wrong]
    return out


def code(pipeline: Pipeline, case: dict[str, Any]) -> list[Produced]:
    """The case as ingest would build it (a text record with metadata), coded."""
    meta = {} if case.get("published") is None else {"published": str(case["published"])}
    item = SourceItem(origin=f"cases/events.yaml#{case['id']}", fmt=case.get("format", "text"),
                      content=case["text"], default_id=case["id"], meta=meta)  # fmt: skip
    analysis = pipeline.analyse(build_document(item))
    return [Produced.of(ev) for ev in analysis.events]


def check(pipeline: Pipeline, case: dict[str, Any]) -> None:
    produced = code(pipeline, case)
    found = problems(case, produced)
    listing = "\n".join(f"  {ev.describe()}" for ev in produced) or "  (no event)"
    assert not found, f"{case['text']}\n" + "\n".join(found) + f"\nproduced:\n{listing}"


# --------------------------------------------------------------------------- tests


def test_cases_are_well_formed() -> None:
    ids = [c["id"] for c in CASES + PENDING]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    assert len(CASES) + len(PENDING) >= 60
    for case in CASES + PENDING:
        assert set(case) <= CASE_KEYS, (case["id"], set(case) - CASE_KEYS)
        assert case.get("expect") or case.get("absent"), case["id"]
        assert 1 <= case["text"].count(". ") + 1 <= 4, case["id"]
        for spec in case.get("expect") or []:
            assert set(spec) <= EXPECT_KEYS and "actor" in spec, (case["id"], spec)
            assert all(t in QUAD for t in types_of(spec)), (case["id"], spec)
        for spec in case.get("absent") or []:
            assert set(spec) <= ABSENT_KEYS and "actor" in spec, (case["id"], spec)
            assert all(t in QUAD for t in types_of(spec)), (case["id"], spec)
    for case in PENDING:
        assert case.get("why"), f"pending case {case['id']} needs a why"


def test_matching_rules() -> None:
    ev = Produced(
        "CONSULT",
        {"name": "Haruto Kameda", "aliases": ["Kameda"], "country_name": "Japan"},
        {"name": "Chile", "aliases": [], "country_name": "Chile"},
        {"value": None, "start": "2025-03-10", "end": "2025-03-16", "rule": "trigger-phrase", "phrase": "next week"},
        [(40.0, "", "armoured vehicles"), (12.0, "killed", "people")],
        "meet",
    )
    assert matches({"type": "CONSULT", "actor": "japan", "recipient": "Chile", "date": "2025-03-10/2025-03-16"}, ev)
    assert matches({"type": ["AGREE", "CONSULT"], "actor": "Chile", "recipient": "Kameda"}, ev)  # symmetric
    assert not matches({"type": "CONSULT", "actor": "Kameda", "date": "2025-03"}, ev)  # no value
    assert not matches({"type": "CONSULT", "actor": "Kameda", "date": None}, ev)
    assert matches({"type": "CONSULT", "actor": "Kameda", "quantity": {"value": 40, "item": "vehicle"}}, ev)
    assert not matches({"type": "CONSULT", "actor": "Kameda", "quantity": {"value": 4, "item": "vehicle"}}, ev)
    killed = {"value": 12, "unit": "kill", "item": "people"}
    assert matches({"type": "CONSULT", "actor": "Kameda", "quantity": killed}, ev)
    assert not matches({"type": "CONSULT", "actor": "Kameda", "quantity": {"value": 40, "unit": "kill"}}, ev)
    accuse = Produced("ACCUSE", ev.recipient, ev.actor, ev.date, [], "accused")
    assert not matches({"type": "ACCUSE", "actor": "Kameda", "recipient": "Chile"}, accuse)  # not symmetric


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_event_case(pipeline: Pipeline, case: dict[str, Any]) -> None:
    check(pipeline, case)


@pytest.mark.slow
@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["why"], raises=AssertionError)) for c in PENDING],
    ids=[c["id"] for c in PENDING],
)
def test_pending_event_case(pipeline: Pipeline, case: dict[str, Any]) -> None:
    check(pipeline, case)
