"""Fit ``ScoreWeights`` on ECB+ training topics: pair logistic regression, then the threshold.

    python -m dateline.bench.ecbplus_tune DATA_DIR [--topics train] [--thresholds 0.3,0.4,0.5]

Every pair of gold mentions inside a topic is an example (label: same gold chain) with the
features of ``dateline.resolve.coref.features``; the weights are fitted by L2-regularised
logistic regression (full-batch gradient descent with numpy), pairs weighted so that both
classes count equally.  Then each threshold is tried with ``cluster`` on the same topics and
CoNLL F1 printed.  Run it on training topics only; the defaults in ``ScoreWeights`` are what
it printed (rounded).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import fields, replace

from dateline.bench.ecbplus import BLOCK, TopicData, dateline_clusterer, evaluate, load, topic_block
from dateline.bench.ecbplus_io import select_topics
from dateline.resolve.coref import FEATURES, ScoreWeights, candidate_pairs, compatible, features, make_score


def pair_examples(data: Sequence[TopicData], all_pairs: bool = False) -> tuple[list[list[float]], list[int]]:
    xs: list[list[float]] = []
    ys: list[int] = []
    for td in data:
        chain = {g.key: g.chain for g in td.gold}
        ms = td.mentions
        for i, j in sorted(candidate_pairs(ms, topic_block if all_pairs else BLOCK)):
            a, b = ms[i], ms[j]
            if compatible(a, b):
                f = features(a, b)
                xs.append([f[name] for name in FEATURES])
                ys.append(int(chain[a.key] == chain[b.key]))
    return xs, ys


def fit(xs: list[list[float]], ys: list[int], l2: float = 1e-4, balanced: bool = False) -> ScoreWeights:
    """L2-regularised logistic regression by Newton's method (IRLS); the bias is not penalised."""
    import numpy as np

    x = np.hstack([np.ones((len(xs), 1)), np.asarray(xs, dtype=float)])
    y = np.asarray(ys, dtype=float)
    if balanced:
        sw = np.where(y > 0, 0.5 / max(1.0, y.sum()), 0.5 / max(1.0, len(y) - y.sum())) * len(y)
    else:
        sw = np.ones(len(y))
    reg = l2 * np.eye(x.shape[1])
    reg[0, 0] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (sw * (p - y)) + reg @ w * len(y)
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + reg * len(y)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    values = {name: round(float(v), 2) for name, v in zip(FEATURES, w[1:], strict=True)}
    return ScoreWeights(bias=round(float(w[0]), 2), **values)


def search(
    data: Sequence[TopicData], start: ScoreWeights, threshold: float = 0.5, rounds: int = 2,
    steps: Sequence[float] = (-1.0, -0.5, 0.5, 1.0), log: bool = True,
) -> tuple[ScoreWeights, float]:
    """Coordinate ascent of training CoNLL F1 over the weights (the threshold fixed)."""

    def conll(w: ScoreWeights) -> float:
        s, _ = evaluate(data, dateline_clusterer(make_score(w), threshold))
        return s.conll

    best, best_f = start, conll(start)
    for r in range(rounds):
        improved = False
        for name in ("bias", *FEATURES):
            for step in steps:
                cand = replace(best, **{name: round(getattr(best, name) + step * (0.5 if name == "bias" else 1), 2)})
                f = conll(cand)
                if f > best_f + 1e-4:
                    best, best_f, improved = cand, f, True
                    if log:
                        print(f"round {r} {name}={getattr(cand, name)}: CoNLL {100 * f:.2f}", flush=True)
        if not improved:
            break
    return best, best_f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.bench.ecbplus_tune", description=__doc__.split("\n")[0])
    ap.add_argument("data_dir")
    ap.add_argument("--topics", default="train")
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7")
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--search", action="store_true", help="then coordinate ascent of CoNLL F1 (threshold 0.5)")
    ap.add_argument("--balanced", action="store_true", help="weigh both classes equally")
    ap.add_argument("--blocked-pairs", action="store_true", help="fit on blocked pairs only, not every pair of a topic")
    a = ap.parse_args(argv)
    from pathlib import Path

    data_dir = Path(a.data_dir)
    data = load(data_dir, select_topics(data_dir, a.topics))
    xs, ys = pair_examples(data, not a.blocked_pairs)
    print(f"{len(ys)} pairs, {sum(ys)} coreferent")
    weights = fit(xs, ys, a.l2, a.balanced)
    print(", ".join(f"{f.name}={getattr(weights, f.name)}" for f in fields(weights)))
    if a.search:
        weights, _ = search(data, weights)
        print("searched:", ", ".join(f"{f.name}={getattr(weights, f.name)}" for f in fields(weights)))
    score = make_score(weights)
    for t in (float(x) for x in a.thresholds.split(",")):
        s, _ = evaluate(data, dateline_clusterer(score, t))
        print(f"threshold {t:.2f}: MUC {100 * s.muc.f1:.2f} B3 {100 * s.b3.f1:.2f} "
              f"CEAF-e {100 * s.ceafe.f1:.2f} CoNLL {100 * s.conll:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
