"""The coreference measures on hand-made partitions whose scores were worked out by hand.

The "Luo" cases are the example of Luo (2005, figure 1): key {1..5}, {6,7}, {8,9,A,B,C} with
four responses; the published figures (MUC, B3, CEAF-phi4 F) are 0.947/0.865/0.733,
0.947/0.737/0.667, 0.900/0.545/0.294 and -/0.400/0.178.  The exact fractions below are ours.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F

import pytest

from dateline.bench.conll_scores import (
    b_cubed,
    best_assignment_total,
    ceaf_e,
    max_weight_matching,
    muc,
    partition_from_labels,
    scores,
)

KEY = [["1", "2", "3", "4", "5"], ["6", "7"], ["8", "9", "A", "B", "C"]]
ALL = [m for c in KEY for m in c]

# response, then (recall, precision) of MUC, B3, CEAF-e as exact fractions
LUO = [
    (
        [["1", "2", "3", "4", "5"], ["6", "7", "8", "9", "A", "B", "C"]],
        (F(1), F(9, 10)), (F(1), F(64, 84)), (F(11, 18), F(11, 12)),
    ),
    (
        [["1", "2", "3", "4", "5", "8", "9", "A", "B", "C"], ["6", "7"]],
        (F(1), F(9, 10)), (F(1), F(7, 12)), (F(5, 9), F(5, 6)),
    ),
    (
        [ALL],
        (F(1), F(9, 11)), (F(1), F(54, 144)), (F(10, 51), F(10, 17)),
    ),
    (
        [[m] for m in ALL],
        (F(0), F(0)), (F(3, 12), F(1)), (F(4, 9), F(4, 36)),
    ),
]  # fmt: skip
LUO_F1 = [(0.947, 0.865, 0.733), (0.947, 0.737, 0.667), (0.900, 0.545, 0.294), (0.0, 0.400, 0.178)]


def _close(x: float, y: F | float, tol: float = 1e-9) -> bool:
    return abs(x - float(y)) < tol


@pytest.mark.parametrize(("case", "published"), list(zip(LUO, LUO_F1, strict=True)))
def test_luo_example(case: tuple, published: tuple[float, float, float]) -> None:
    response, m_rp, b_rp, c_rp = case
    s = scores(KEY, response)
    for got, (r, p) in ((s.muc, m_rp), (s.b3, b_rp), (s.ceafe, c_rp)):
        assert _close(got.recall, r) and _close(got.precision, p), (got, r, p)
    for got, f in zip((s.muc.f1, s.b3.f1, s.ceafe.f1), published, strict=True):
        assert abs(got - f) < 0.0006
    assert _close(s.conll, (s.muc.f1 + s.b3.f1 + s.ceafe.f1) / 3)


def test_vilain_muc_example() -> None:
    # Vilain et al. (1995): key A-B-C-D, response A-B and C-D: recall 2/3, precision 1.
    m = muc([["A", "B", "C", "D"]], [["A", "B"], ["C", "D"]])
    assert _close(m.recall, F(2, 3)) and _close(m.precision, 1)
    # and the other way round
    m = muc([["A", "B"], ["C", "D"]], [["A", "B", "C", "D"]])
    assert _close(m.recall, 1) and _close(m.precision, F(2, 3))


def test_twinless_mentions() -> None:
    key = [["a", "b"], ["c"]]
    response = [["a", "b", "x"]]
    m = muc(key, response)
    assert _close(m.recall, 1) and _close(m.precision, F(1, 2))
    b = b_cubed(key, response)
    assert _close(b.recall, F(2, 3)) and _close(b.precision, F(4, 9))
    c = ceaf_e(key, response)  # phi4({a,b},{a,b,x}) = 4/5
    assert _close(c.recall, F(4, 10)) and _close(c.precision, F(4, 5))


def test_identity_is_perfect_and_singletons_count() -> None:
    key = [["a", "b", "c"], ["d"], ["e"]]
    s = scores(key, [["e"], ["c", "b", "a"], ["d"]])
    assert s.conll == 1.0
    # Merging two singletons: MUC precision drops, and B3/CEAF see the singletons too.
    s = scores(key, [["a", "b", "c"], ["d", "e"]])
    assert _close(s.muc.recall, 1) and _close(s.muc.precision, F(2, 3))
    assert _close(s.b3.precision, F(4, 5))  # d and e each 1/2
    # CEAF-e: {a,b,c} matches itself (1), {d} or {e} matches {d,e} (2/3): 5/3 over 3 key, 2 response clusters
    assert _close(s.ceafe.recall, F(5, 9)) and _close(s.ceafe.precision, F(5, 6))


def test_partition_errors_and_labels() -> None:
    with pytest.raises(ValueError):
        muc([["a"], ["a"]], [["a"]])
    assert partition_from_labels([("m1", 3), ("m2", 1), ("m3", 3)]) == [["m1", "m3"], ["m2"]]
    s = scores([], [])
    assert s.conll == 0.0


def _brute(weights: list[list[float]]) -> float:
    n, m = len(weights), len(weights[0])
    return max(sum(weights[i][j] for i, j in zip(range(n), perm, strict=False))
               for perm in itertools.permutations(range(m), n))  # fmt: skip


def test_kuhn_munkres_matches_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(60):
        n = rng.randint(1, 5)
        m = rng.randint(n, 6)
        w = [[rng.choice([0.0, 0.0, rng.random()]) for _ in range(m)] for _ in range(n)]
        pairs = max_weight_matching(w)
        assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs}) == n
        assert _close(sum(w[i][j] for i, j in pairs), _brute(w))
        sims = {(i, j): w[i][j] for i in range(n) for j in range(m) if w[i][j] > 0}
        assert _close(best_assignment_total(sims), _brute(w))
        if n < m:  # more rows than columns is transposed internally
            sims_t = {(j, i): s for (i, j), s in sims.items()}
            assert _close(best_assignment_total(sims_t), _brute(w))


def test_greedy_is_not_optimal_here() -> None:
    # The greedy pick (0,0)=0.9 leaves 0.1; the optimum pairs (0,1) and (1,0) for 1.6.
    w = [[0.9, 0.8], [0.8, 0.1]]
    assert sorted(max_weight_matching(w)) == [(0, 1), (1, 0)]
