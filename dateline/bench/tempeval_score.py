"""TempEval-3 task A measures for time expressions, implemented from their definitions.

* strict extent match: same start and end; relaxed: the spans share at least one character;
* precision = system timexes that match a gold one / system timexes,
  recall = gold timexes matched by a system one / gold timexes, F1 their harmonic mean;
* attribute accuracy (value, type) over the relaxed matches: each gold timex matched by the
  system is paired with the system timex overlapping it most, and the attribute must be equal;
* value F1 = relaxed F1 x value accuracy (the task's ranking measure); type F1 likewise.

Counts are summed over documents (micro-averaged).  The DCT is never scored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict_sys: int = 0
    strict_gold: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    pairs: int = 0
    value_ok: int = 0
    type_ok: int = 0
    errors: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # kind, doc, gold, system, detail

    def add(self, other: Counts) -> None:
        for k in ("gold", "system", "strict_sys", "strict_gold", "relaxed_sys", "relaxed_gold", "pairs",
                  "value_ok", "type_ok"):  # fmt: skip
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.errors.extend(other.errors)


def _overlap(a: Span, b: Span) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def score_document(gold: Sequence[Span], system: Sequence[Span], doc: str = "") -> Counts:
    c = Counts(gold=len(gold), system=len(system))
    gold_spans = {(g.start, g.end) for g in gold}
    sys_spans = {(s.start, s.end) for s in system}
    c.strict_sys = sum((s.start, s.end) in gold_spans for s in system)
    c.strict_gold = sum((g.start, g.end) in sys_spans for g in gold)
    c.relaxed_sys = sum(any(_overlap(s, g) > 0 for g in gold) for s in system)
    for g in gold:
        best: Span | None = None
        best_ov = 0
        for s in system:
            ov = _overlap(s, g)
            if ov > best_ov:
                best, best_ov = s, ov
        if best is None:
            c.errors.append(("missed", doc, g.text, "", f"{g.type} {g.value}"))
            continue
        c.relaxed_gold += 1
        c.pairs += 1
        c.value_ok += best.value == g.value
        c.type_ok += best.type == g.type
        if (best.start, best.end) != (g.start, g.end):
            c.errors.append(("extent", doc, g.text, best.text, f"{g.type} {g.value} | {best.type} {best.value}"))
        if best.value != g.value:
            c.errors.append(("value", doc, g.text, best.text, f"{g.type} {g.value} | {best.type} {best.value}"))
    for s in system:
        if not any(_overlap(s, g) > 0 for g in gold):
            c.errors.append(("spurious", doc, "", s.text, f"{s.type} {s.value}"))
    return c


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Measures:
    strict_p: float
    strict_r: float
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    value_accuracy: float
    value_f1: float
    type_accuracy: float
    type_f1: float
    gold: int
    system: int

    def table(self) -> str:
        pct = 100.0
        return "\n".join(
            [
                f"documents' timexes: gold {self.gold}, system {self.system}",
                f"strict   P {self.strict_p * pct:6.2f}  R {self.strict_r * pct:6.2f}  F1 {self.strict_f1 * pct:6.2f}",
                f"relaxed  P {self.relaxed_p * pct:6.2f}  R {self.relaxed_r * pct:6.2f}  "
                f"F1 {self.relaxed_f1 * pct:6.2f}",
                f"value    accuracy {self.value_accuracy * pct:6.2f}  F1 {self.value_f1 * pct:6.2f}  (ranking measure)",
                f"type     accuracy {self.type_accuracy * pct:6.2f}  F1 {self.type_f1 * pct:6.2f}",
            ]
        )


def measures(c: Counts) -> Measures:
    sp = c.strict_sys / c.system if c.system else 0.0
    sr = c.strict_gold / c.gold if c.gold else 0.0
    rp = c.relaxed_sys / c.system if c.system else 0.0
    rr = c.relaxed_gold / c.gold if c.gold else 0.0
    rf = _f1(rp, rr)
    va = c.value_ok / c.pairs if c.pairs else 0.0
    ta = c.type_ok / c.pairs if c.pairs else 0.0
    return Measures(sp, sr, _f1(sp, sr), rp, rr, rf, va, rf * va, ta, rf * ta, c.gold, c.system)
