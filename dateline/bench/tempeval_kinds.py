"""Value errors on the TempEval-3 development part by the kind of decision that went wrong.

    python -m dateline.bench.tempeval_kinds TBAQ_DIR [--list KIND]

Every matched gold timex whose value the engine got wrong is put in one class, from the two
values alone (so the table means the same whatever rule produced the value):

* ``gold-form``: the gold value is not a well-formed TIMEX3 value ("2000-W7"): no system can
  match it;
* ``ref``: one value is PAST_REF/PRESENT_REF/FUTURE_REF, the other a concrete period;
* ``type``: a duration against a point (P1Y against 1988);
* ``unspecified``: the same granularity, but one side leaves a part unknown (1989-WXX against
  1989-W42, XXXX-WXX-2 against 1998-02-17);
* ``granularity``: both concrete points of different granularity (1998-W42 against 1998-10-16,
  1988 against 1988-Q3) whose periods overlap;
* ``direction``: the same granularity, the system's period after the gold's (``-late``) or
  before it (``-early``): the past/future/same-period choice of an underspecified expression,
  or an anchor too late/early (``anchor`` column says which anchor the engine used);
* ``duration``: two durations of different length or unit;
* ``other``.

The table gives, per class, the errors in each of the five folds and in all, and the share of
the errors; ``--list`` prints the errors of one class.

``--direction-cv`` checks the one decision with enough data to learn from: whether a bare
weekday, month-day or month is the one before or after the reference date (when neither is
the reference's own).  A decision list (rule, tense, which candidate is nearer and by how much;
backing off to coarser cells with fewer than 3 training cases) is trained on four folds and
tested on the fifth, against the engine's hand rule (tense first, nearness against the tense
only when 5x nearer: ``calendar.DAY_AGAINST_TENSE``).  On the development part the engine gets
254 of 259 decisions right and the learned list loses in four folds and ties in one, so the
engine keeps its rule."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dateline.bench.tempeval import load_split
from dateline.bench.tempeval_folds import FOLDS, Pair, fold_of, run
from dateline.bench.tempeval_io import doc_name, find_documents, read_timeml
from dateline.time import TimeTagger
from dateline.time.tense import guess_tense, local_tense, split_sentences

_WELL_FORMED = re.compile(
    r"(?:PAST_REF|PRESENT_REF|FUTURE_REF"
    r"|P(?:[\dX.]+[YMWDHSQEC]|T[\dX.]+[HMS])+|PT[\dX.]+[HMS]"
    r"|(?:\d{4}|\d{3}|\d{2}|XXXX|\d\dXX|\d{3}X)"
    r"(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?|-W(?:\d\d|XX)(?:-(?:\d|WE))?|-WXX-\d|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))?"
    r"(?:T(?:\d\d(?::\d\d(?::\d\d)?)?|MO|AF|EV|NI|DT))?)"
)
_POINT = re.compile(r"^(\d{4}|XXXX|\d\dXX|\d{3}X)(?:-(.*))?$")


def _shape(v: str) -> str:
    """The granularity of a value: year, quarter, month, week, day, time, season, half ..."""
    if v.endswith("_REF"):
        return "ref"
    if v.startswith("P"):
        return "duration"
    if "T" in v:
        return "time"
    m = _POINT.match(v)
    if m is None:
        return {2: "century", 3: "decade"}.get(len(v), "other")
    rest = m.group(2) or ""
    if not rest:
        return "year"
    if rest.startswith("Q"):
        return "quarter"
    if rest.startswith("H"):
        return "half"
    if rest in ("SP", "SU", "FA", "WI"):
        return "season"
    if rest.startswith("W"):
        return "weekend" if rest.endswith("WE") else "week" if rest.count("-") == 0 else "weekday"
    return "month" if rest.count("-") == 0 else "day"


def _first_day(v: str) -> date | None:
    """The first day of a concrete point value, for ordering two values of one granularity."""
    m = re.match(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?", v)
    if m is None:
        return None
    y = int(m.group(1))
    if re.match(r"^\d{4}-W(\d\d)", v):
        w = int(v[6:8])
        return date.fromisocalendar(y, max(1, min(w, 52)), 1)
    q = re.match(r"^\d{4}-Q([1-4])", v)
    if q:
        return date(y, 3 * int(q.group(1)) - 2, 1)
    s = re.match(r"^\d{4}-(SP|SU|FA|WI)", v)
    if s:
        return date(y, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[s.group(1)], 1)
    h = re.match(r"^\d{4}-H([12])", v)
    if h:
        return date(y, 1 if h.group(1) == "1" else 7, 1)
    return date(y, int(m.group(2) or 1), int(m.group(3) or 1))


def kind_of(gold: str, system: str) -> str:
    """The class of a value error (see the module docstring)."""
    if not _WELL_FORMED.fullmatch(gold):
        return "gold-form"
    gs, ss = _shape(gold), _shape(system)
    if (gs == "ref") != (ss == "ref"):
        return "ref"
    if gs == "ref":
        return "other"
    if (gs == "duration") != (ss == "duration"):
        return "type"
    if gs == "duration":
        return "duration"
    if "X" in gold or "X" in system:
        return "unspecified" if gs == ss or gs == "weekday" or ss == "weekday" else "granularity"
    if gs != ss:
        return "granularity"
    a, b = _first_day(gold), _first_day(system)
    if a is None or b is None or a == b:
        return "other"
    return "direction-late" if b > a else "direction-early"


def table(pairs: list[Pair], folds: dict[str, int]) -> str:
    wrong = [p for p in pairs if not p.ok]
    per: dict[str, list[int]] = defaultdict(lambda: [0] * FOLDS)
    anchors: dict[str, Counter[str]] = defaultdict(Counter)
    for p in wrong:
        k = kind_of(p.gold_value, p.sys_value)
        per[k][folds[p.doc]] += 1
        anchors[k][p.anchor] += 1
    n = [sum(1 for p in pairs if folds[p.doc] == f) for f in range(FOLDS)]
    lines = [f"{'kind':<16} " + " ".join(f"f{f}:{n[f]:>4}" for f in range(FOLDS)) + "    all  share  anchors"]
    for k, row in sorted(per.items(), key=lambda kv: -sum(kv[1])):
        anc = ", ".join(f"{a} {c}" for a, c in anchors[k].most_common())
        lines.append(
            f"{k:<16} "
            + " ".join(f"{x:>7}" for x in row)
            + f"  {sum(row):>5}  {100 * sum(row) / len(wrong):4.0f}%  {anc}"
        )
    tot = [sum(per[k][f] for k in per) for f in range(FOLDS)]
    lines.append(f"{'all errors':<16} " + " ".join(f"{x:>7}" for x in tot) + f"  {sum(tot):>5}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Decision:
    """One past-or-future choice: ``back``/``fwd`` units (days; months for a month) to the
    candidate before/after the reference; ``gold`` and ``engine`` are "P" or "F"."""

    rule: str
    tense: str
    back: int
    fwd: int
    gold: str
    engine: str
    fold: int

    @property
    def nearness(self) -> str:
        near = "P" if self.back < self.fwd else "F"
        ratio = max(self.back, self.fwd) / min(self.back, self.fwd)
        return near + ("x5" if ratio >= 5 else "x2" if ratio >= 2 else "x1")


_BARE_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:\s+\w+)?")


def _candidates(rule: str, ref: date, sys_first: date) -> tuple[int, int, date, date]:
    """Units back and forward to the candidates of a bare weekday/month-day/month, and both."""
    if rule == "weekday":
        back, fwd = (ref.weekday() - sys_first.weekday()) % 7, (sys_first.weekday() - ref.weekday()) % 7
        return back, fwd, date.fromordinal(ref.toordinal() - back), date.fromordinal(ref.toordinal() + fwd)
    if rule == "month":
        m = sys_first.month
        py = ref.year if m <= ref.month else ref.year - 1
        fy = ref.year if m >= ref.month else ref.year + 1
        back, fwd = ref.year * 12 + ref.month - (py * 12 + m), fy * 12 + m - (ref.year * 12 + ref.month)
        return back, fwd, date(py, m, 1), date(fy, m, 1)
    m, d = sys_first.month, sys_first.day

    def on(y: int) -> date:
        return date(y, m, min(d, 28)) if (m, d) == (2, 29) else date(y, m, d)

    pc = on(ref.year) if on(ref.year) <= ref else on(ref.year - 1)
    fc = on(ref.year) if on(ref.year) >= ref else on(ref.year + 1)
    return (ref - pc).days, (fc - ref).days, pc, fc


def direction_decisions(root: Path) -> list[Decision]:
    """The past-or-future decisions of the development part whose gold is one of the two."""
    tagger = TimeTagger()
    keep = set(load_split()["dev"])
    out: list[Decision] = []
    for p in find_documents(root):
        name = doc_name(p)
        if name not in keep or not p.name.endswith(".tml"):
            continue
        doc = read_timeml(p)
        text = doc.plain
        sents = split_sentences(text)
        tenses = [guess_tense(text[a:b]) for a, b in sents]
        exprs = tagger.tag(text, doc.dct, ranges=False)
        for g in doc.gold:
            best = max(exprs, key=lambda s: min(s.end, g.end) - max(s.start, g.start), default=None)
            if best is None or min(best.end, g.end) <= max(best.start, g.start) or best.first is None:
                continue
            if best.rule not in ("weekday", "date-month-day", "month") or best.anchor != "dct":
                continue
            if best.rule == "weekday" and not _BARE_WEEKDAY.fullmatch(best.text):
                continue
            month = best.rule == "month"
            try:
                gd = date.fromisoformat(g.value[:7] + "-01" if month else g.value[:10])
            except ValueError:
                continue
            ref = doc.dct.replace(day=1) if month else doc.dct
            sd = best.first.replace(day=1) if month else best.first
            back, fwd, past, fut = _candidates(best.rule, ref, sd)
            if back == 0 or fwd == 0 or gd not in (past, fut) or sd not in (past, fut):
                continue
            si = max(i for i, (a, _) in enumerate(sents) if a <= best.start) if sents[0][0] <= best.start else 0
            tense = local_tense(text, best.start, best.end, sents[si][0], tenses[si]) or "none"
            out.append(Decision(best.rule, tense, back, fwd, "P" if gd == past else "F",
                                "P" if sd == past else "F", fold_of(name)))  # fmt: skip
    return out


_CELLS: tuple[Callable[[Decision], tuple[str, ...]], ...] = (
    lambda d: (d.rule, d.tense, d.nearness),
    lambda d: (d.rule, d.tense),
    lambda d: (d.tense,),
    lambda d: (),
)


def train_list(train: list[Decision]) -> list[dict[tuple[str, ...], Counter[str]]]:
    tables: list[dict[tuple[str, ...], Counter[str]]] = []
    for cell in _CELLS:
        t: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for d in train:
            t[cell(d)][d.gold] += 1
        tables.append(t)
    return tables


def predict(tables: list[dict[tuple[str, ...], Counter[str]]], d: Decision, min_n: int = 3) -> str:
    for cell, t in zip(_CELLS, tables, strict=True):
        c = t.get(cell(d))
        if c and (sum(c.values()) >= min_n or cell(d) == ()):
            return c.most_common(1)[0][0]
    return "P"


def direction_cv(decisions: list[Decision]) -> str:
    lines = ["fold  decisions  engine-wrong  learned-wrong"]
    better = worse = 0
    for f in range(FOLDS):
        tables = train_list([d for d in decisions if d.fold != f])
        test = [d for d in decisions if d.fold == f]
        ew = sum(d.engine != d.gold for d in test)
        lw = sum(predict(tables, d) != d.gold for d in test)
        better += lw < ew
        worse += lw > ew
        lines.append(f"{f:>4}  {len(test):>9}  {ew:>12}  {lw:>13}")
    lines.append(f"learned list better in {better} folds, worse in {worse}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.bench.tempeval_kinds", description=__doc__.split("\n")[0])
    ap.add_argument("root", type=Path, help="TBAQ-cleaned directory (gold .tml files)")
    ap.add_argument("--list", default=None, help="print the errors of this kind")
    ap.add_argument("--direction-cv", action="store_true", help="learned past/future choice against the engine's")
    a = ap.parse_args(argv)
    if a.direction_cv:
        print(direction_cv(direction_decisions(a.root)))
    _, pairs, folds = run(a.root, False, None)
    print(table(pairs, folds))
    if a.list:
        for p in pairs:
            if not p.ok and kind_of(p.gold_value, p.sys_value) == a.list:
                print(f"{folds[p.doc]}\t{p.doc}\t{p.rule}/{p.anchor}\t{p.gold_text}\t{p.gold_value}\t{p.sys_value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
