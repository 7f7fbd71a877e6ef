"""TempEval-3 task A harness: tag TimeML documents and score them against gold.

    python -m dateline.bench.tempeval INPUT_DIR OUTPUT_DIR [--gold GOLD_DIR] [--split dev|heldout|all]

Reads ``.tml`` (gold TIMEX3s in the text are stripped first, the DCT is kept) or
``.TE3input`` files, writes ``OUTPUT_DIR/NAME.tml`` with our TIMEX3 tags, and with ``--gold``
prints strict/relaxed extent P/R/F1, value accuracy and value F1, type accuracy and type F1
(see ``tempeval_score``).  ``--split`` keeps the documents of one part of the fixed
development/held-out split in ``dateline/bench/data/tempeval_split.json``.  The per-timex
errors are written to ``OUTPUT_DIR/errors.tsv``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dateline.bench.tempeval_io import doc_name, find_documents, read_timeml, write_timeml
from dateline.bench.tempeval_score import Counts, measures, score_document
from dateline.time import TimeTagger

SPLIT_FILE = Path(__file__).resolve().parent / "data" / "tempeval_split.json"


def load_split() -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    return data


def run(input_dir: Path, output_dir: Path, gold_dir: Path | None, split: str = "all") -> Counts | None:
    tagger = TimeTagger()
    paths = find_documents(input_dir)
    if split != "all":
        keep = set(load_split()[split])
        paths = [p for p in paths if doc_name(p) in keep]
    gold_paths = {doc_name(p): p for p in find_documents(gold_dir)} if gold_dir else {}
    output_dir.mkdir(parents=True, exist_ok=True)
    total = Counts() if gold_dir else None
    for p in paths:
        doc = read_timeml(p)
        exprs = tagger.tag(doc.plain, doc.dct, ranges=False)
        write_timeml(doc, exprs, output_dir / f"{doc.name}.tml")
        if total is not None:
            gp = gold_paths.get(doc.name)
            if gp is None:
                print(f"no gold for {doc.name}", file=sys.stderr)
                continue
            gold = read_timeml(gp)
            if gold.plain != doc.plain:
                # not left out, which would raise the figures: its gold timexes count as missed
                print(f"{doc.name}: text differs from its gold; its {len(gold.gold)} gold timexes count as missed",
                      file=sys.stderr)  # fmt: skip
                total.add(score_document(gold.gold, [], doc.name))
                continue
            total.add(score_document(gold.gold, exprs, doc.name))
    if total is not None:
        with (output_dir / "errors.tsv").open("w", encoding="utf-8") as f:
            for row in total.errors:
                f.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in row) + "\n")
    print(f"{len(paths)} documents tagged into {output_dir}")
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.bench.tempeval", description=__doc__.split("\n")[0])
    ap.add_argument("input_dir", type=Path)
    ap.add_argument("output_dir", type=Path)
    ap.add_argument("--gold", type=Path, default=None, help="directory of gold .tml files")
    ap.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    a = ap.parse_args(argv)
    total = run(a.input_dir, a.output_dir, a.gold, a.split)
    if total is not None:
        print(f"split: {a.split}")
        print(measures(total).table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
