"""Score an event export (JSON Lines, the export contract) against a gold event file.

The project's own implementation of the event measures, so that the golden-corpus gate runs on
a fresh clone.  It follows the definitions of the reference scorer kept beside the project
(``../shared/tools/score_events.py``); a test checks that both give the same figures.

Gold line::

    {"id", "docs": [doc id prefixes], "core": bool, "types": [PLOVER categories],
     "actor": [aliases], "target": [aliases] | null, "location": [...] | null,
     "date": "YYYY" | "YYYY-MM" | "YYYY-MM-DD" | "A/B" | null}

System line: an exported event (``dateline.export.event_record``); only ``type``, ``actor``,
``recipient`` (or ``target``), ``date`` and ``sources[].doc`` are read.

Definitions
-----------
*Names* are compared after :func:`normalise` (ASCII, lower case, punctuation and hyphens to
spaces, one leading "the"/"president"/"leader" dropped).  A system party's names are its
``name``, ``aliases``, ``canonical``, ``country`` and ``country_name``.  A gold alias *hits* a
name when they are equal or, for aliases longer than three characters, when one is contained
in the other as whole words.

A system event is a *candidate* for a gold event when its type is one of the gold types, one
of its sources' document stems starts with one of the gold doc ids, and the parties match:
the gold actor hits the system actor and (when the gold has a target) the gold target hits
the system recipient; for the symmetric categories (CONSULT, AGREE, COOPERATE) the swapped
roles also count.

A gold date ``D`` is met when the event's ``date.value`` (else ``date.start``) starts with
``D``; a range ``A/B`` when the event's interval (``start``/``end``, else the value) begins no
earlier than ``A`` and ends no later than ``B``, each compared at the precision of ``A``/``B``.

Each system event is *assigned* to at most one gold event: among its candidates, one whose
date it meets, then the one with the fewest events so far, then a core one (then file order).

Figures: ``recall_core`` (core gold events with at least one assigned event), ``date_acc``
(matched dated core events with at least one assigned event on the right date),
``date_acc_pubdate_baseline`` (over the same events and each of their documents with a known
publication date: is that date right), ``source_coverage_multi`` (mean share of the documents
of a multi-document core event covered by its assigned events), ``events_per_gold`` (mean
assigned events per matched core event: fragmentation), ``system_events`` (system events from
the gold's documents), ``gold_matched_share`` (the share of those assigned to a gold event),
``missed_core`` and ``wrong_date`` (gold ids).

Usage: ``python -m dateline.bench.score GOLD SYSTEM [--pubdates DOC=DATE ...] [--json]``.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
PARTY_NAME_KEYS = ("aliases", "canonical", "country", "country_name")
_LEADING_TITLE = re.compile(r"^(?:the|president|leader) ")
_NOT_ALNUM = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")

# --------------------------------------------------------------------------- names


def normalise(name: str | None) -> str:
    """A name folded for comparison: ``"The Kyrgyz-Tajik border"`` -> ``"kyrgyz tajik border"``."""
    ascii_only = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    spaced = _NOT_ALNUM.sub(" ", ascii_only.lower().replace("-", " ")).strip()
    return _SPACES.sub(" ", _LEADING_TITLE.sub("", spaced)).strip()


def party_names(party: Any) -> frozenset[str]:
    """The normalised names a system party answers to (a string is one name)."""
    if not party:
        return frozenset()
    if isinstance(party, str):
        return frozenset({normalise(party)})
    if not isinstance(party, Mapping):
        return frozenset()
    raw: list[str] = [str(party.get("name") or "")]
    for key in PARTY_NAME_KEYS:
        value = party.get(key)
        if isinstance(value, str):
            raw.append(value)
        elif isinstance(value, list):
            raw.extend(v for v in value if isinstance(v, str))
    return frozenset(n for n in map(normalise, raw) if n)


def _contains_words(outer: str, inner: str) -> bool:
    return f" {inner} " in f" {outer} "


def alias_hit(gold_aliases: Iterable[str] | None, names: Iterable[str]) -> bool:
    """Whether one gold alias names the party: equal, or (aliases over three characters) one
    contained in the other as whole words."""
    folded = {normalise(a) for a in gold_aliases or ()}
    names = list(names)
    for alias in folded:
        for name in names:
            if alias == name:
                return True
            if len(alias) > 3 and (_contains_words(name, alias) or _contains_words(alias, name)):
                return True
    return False


# --------------------------------------------------------------------------- documents


def doc_stem(doc: str) -> str:
    """The file stem of a source's document id or path: ``"a/s01_x.txt"`` -> ``"s01_x"``."""
    last = str(doc).rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[0] if "." in last else last


def docs_hit(gold_docs: Iterable[str], stems: Iterable[str]) -> bool:
    """Whether a document stem starts with one of the gold doc ids."""
    gold_docs = list(gold_docs)
    return any(stem.startswith(g) for g in gold_docs for stem in stems)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class SystemDate:
    value: str | None = None
    start: str | None = None
    end: str | None = None

    @classmethod
    def parse(cls, raw: Any) -> SystemDate:
        if isinstance(raw, str):
            return cls(value=raw)
        if not isinstance(raw, Mapping):
            return cls()
        return cls(raw.get("value") or None, raw.get("start") or None, raw.get("end") or None)


@dataclass(frozen=True)
class GoldEvent:
    id: str
    docs: tuple[str, ...]
    types: tuple[str, ...]
    actor: tuple[str, ...]
    target: tuple[str, ...] = ()
    date: str | None = None
    core: bool = False

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> GoldEvent:
        return cls(
            id=str(raw["id"]),
            docs=tuple(str(d) for d in raw.get("docs") or ()),
            types=tuple(raw.get("types") or ()),
            actor=tuple(raw.get("actor") or ()),
            target=tuple(raw.get("target") or ()),
            date=raw.get("date") or None,
            core=bool(raw.get("core", False)),
        )


@dataclass(frozen=True)
class SystemEvent:
    type: str | None
    actor: frozenset[str]
    recipient: frozenset[str]
    date: SystemDate
    docs: frozenset[str]

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> SystemEvent:
        sources = raw.get("sources") or ()
        return cls(
            type=raw.get("type"),
            actor=party_names(raw.get("actor")),
            recipient=party_names(raw.get("recipient") or raw.get("target")),
            date=SystemDate.parse(raw.get("date")),
            docs=frozenset(doc_stem(s.get("doc", "")) for s in sources if isinstance(s, Mapping)),
        )


# --------------------------------------------------------------------------- matching


def date_ok(gold_date: str, date: SystemDate) -> bool:
    """Whether an event's date meets a gold ``YYYY[-MM[-DD]]`` value or ``A/B`` range."""
    value = date.value or date.start or ""
    if "/" in gold_date:
        low, high = gold_date.split("/")
        first = date.start or value
        last = date.end or value or first
        return bool(first) and low <= first[: len(low)] and last[: len(high)] <= high
    return bool(value) and value.startswith(gold_date)


def parties_match(gold: GoldEvent, event: SystemEvent) -> bool:
    """Actor and target as stated, or swapped for a symmetric category."""
    if alias_hit(gold.actor, event.actor) and (not gold.target or alias_hit(gold.target, event.recipient)):
        return True
    return (
        event.type in SYMMETRIC
        and bool(gold.target)
        and alias_hit(gold.target, event.actor)
        and alias_hit(gold.actor, event.recipient)
    )


def is_candidate(gold: GoldEvent, event: SystemEvent) -> bool:
    return event.type in gold.types and docs_hit(gold.docs, event.docs) and parties_match(gold, event)


@dataclass
class Assignment:
    """Which system events (by index) each gold event collected."""

    by_gold: dict[str, list[int]] = field(default_factory=dict)
    assigned: set[int] = field(default_factory=set)

    def of(self, gold_id: str) -> list[int]:
        return self.by_gold.get(gold_id, [])


def assign(gold: Sequence[GoldEvent], system: Sequence[SystemEvent]) -> Assignment:
    """Give each system event, in file order, to at most one gold event (see module doc)."""
    out = Assignment({g.id: [] for g in gold})
    for i, event in enumerate(system):
        best: GoldEvent | None = None
        best_key: tuple[bool, int, bool] | None = None
        for g in gold:
            if not is_candidate(g, event):
                continue
            key = (g.date is not None and date_ok(g.date, event.date), -len(out.by_gold[g.id]), g.core)
            if best_key is None or key > best_key:  # the first of equals wins
                best, best_key = g, key
        if best is not None:
            out.by_gold[best.id].append(i)
            out.assigned.add(i)
    return out


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Scores:
    gold_core: int
    recall_core: float
    date_acc: float
    date_acc_pubdate_baseline: float | None
    source_coverage_multi: float | None
    events_per_gold: float | None
    system_events: int
    gold_matched_share: float
    missed_core: list[str]
    wrong_date: list[str]

    def as_dict(self) -> dict[str, Any]:
        """The figures under the reference scorer's keys, in its order."""
        return {
            "gold_core": self.gold_core,
            "recall_core": self.recall_core,
            "date_acc": self.date_acc,
            "date_acc_pubdate_baseline": self.date_acc_pubdate_baseline,
            "source_coverage_multi": self.source_coverage_multi,
            "events_per_gold": self.events_per_gold,
            "system_events": self.system_events,
            "gold_matched_share": self.gold_matched_share,
            "missed_core": list(self.missed_core),
            "wrong_date": list(self.wrong_date),
        }

    def table(self) -> str:
        return "\n".join(f"{k}: {v}" for k, v in self.as_dict().items())


def _share(part: int | float, whole: int, digits: int = 3) -> float | None:
    return round(part / whole, digits) if whole else None


def score(gold_records: Sequence[Mapping[str, Any]], system_records: Sequence[Mapping[str, Any]],
          pubdates: Mapping[str, str] | None = None) -> Scores:  # fmt: skip
    """The figures for an export (``system_records``) against a gold file's lines."""
    gold = [GoldEvent.parse(g) for g in gold_records]
    system = [SystemEvent.parse(e) for e in system_records]
    pubdates = pubdates or {}
    got = assign(gold, system)

    core = [g for g in gold if g.core]
    hit = [g for g in core if got.of(g.id)]
    dated = [g for g in hit if g.date]
    right = [g for g in dated if any(date_ok(g.date or "", system[i].date) for i in got.of(g.id))]
    # the GDELT-style baseline: every report dates the event by its own publication day
    reports = [(g, pubdates[d]) for g in dated for d in g.docs if pubdates.get(d)]
    baseline_right = sum(date_ok(g.date or "", SystemDate(value=day)) for g, day in reports)
    coverage = []
    for g in (g for g in hit if len(g.docs) > 1):
        stems = frozenset().union(*(system[i].docs for i in got.of(g.id)))
        coverage.append(sum(docs_hit([d], stems) for d in g.docs) / len(g.docs))
    per_gold = [len(got.of(g.id)) for g in hit]
    all_docs = {d for g in gold for d in g.docs}
    relevant = [i for i, e in enumerate(system) if docs_hit(all_docs, e.docs)]
    return Scores(
        gold_core=len(core),
        recall_core=_share(len(hit), len(core)) or 0.0,
        date_acc=_share(len(right), len(dated)) or 0.0,
        date_acc_pubdate_baseline=_share(baseline_right, len(reports)),
        source_coverage_multi=_share(sum(coverage), len(coverage)),
        events_per_gold=_share(sum(per_gold), len(per_gold), 2),
        system_events=len(relevant),
        gold_matched_share=_share(sum(i in got.assigned for i in relevant), len(relevant)) or 0.0,
        missed_core=[g.id for g in core if not got.of(g.id)],
        wrong_date=[g.id for g in dated if g not in right],
    )


# --------------------------------------------------------------------------- files and CLI


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def parse_pubdates(pairs: Iterable[str]) -> dict[str, str]:
    """``["s01=2026-03-03", ...]`` -> ``{"s01": "2026-03-03"}`` (words without ``=`` are ignored)."""
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" in pair:
            key, value = pair.split("=", 1)
            out[key] = value
    return out


def read_pubdates(path: str | Path) -> dict[str, str]:
    """A ``pubdates.txt`` file: ``DOC=YYYY-MM-DD`` pairs separated by white space."""
    return parse_pubdates(Path(path).read_text(encoding="utf-8").split())


def score_files(gold: str | Path, system: str | Path, pubdates: Mapping[str, str] | None = None) -> Scores:
    return score(read_jsonl(gold), read_jsonl(system), pubdates)


def _parse_args(argv: Sequence[str]) -> tuple[str, str, dict[str, str], bool]:
    """Positional GOLD SYSTEM, ``--json`` anywhere, ``--pubdates`` followed by DOC=DATE words."""
    positional: list[str] = []
    pairs: list[str] = []
    as_json = False
    taking_pairs = False
    for arg in argv:
        if arg == "--json":
            as_json, taking_pairs = True, False
        elif arg == "--pubdates":
            taking_pairs = True
        elif taking_pairs and "=" in arg:
            pairs.append(arg)
        elif arg.startswith("--"):
            raise SystemExit(f"unknown option {arg!r}")
        else:
            taking_pairs = False
            positional.append(arg)
    if len(positional) != 2:
        raise SystemExit("usage: python -m dateline.bench.score GOLD SYSTEM [--pubdates DOC=DATE ...] [--json]")
    return positional[0], positional[1], parse_pubdates(pairs), as_json


def main(argv: Sequence[str] | None = None) -> int:
    gold, system, pubdates, as_json = _parse_args(list(sys.argv[1:] if argv is None else argv))
    scores = score_files(gold, system, pubdates)
    print(json.dumps(scores.as_dict()) if as_json else scores.table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
