"""Coreference measures, implemented from their definitions: MUC, B-cubed, CEAF-e and CoNLL F1.

A *partition* is a sequence of clusters, each a collection of hashable mention ids; ``key`` is
the gold partition, ``response`` the system's.  Mentions present in only one of the two
(twinless mentions) are handled as in the reference scorer: for MUC they count as singleton
partitions, for B-cubed they contribute nothing to the other side, for CEAF they simply do not
overlap.

* **MUC** (Vilain et al. 1995): recall = sum over key clusters K of (|K| - p(K)) / sum (|K| - 1),
  where p(K) is the number of parts the response cuts K into (mentions the response lacks are
  parts of their own); precision swaps key and response.  Singletons contribute nothing.
* **B-cubed** (Bagga & Baldwin 1998): recall = sum over pairs (K, R) of |K n R|^2 / |K|,
  divided by the number of key mentions (the mean, over mentions, of the share of a mention's
  key cluster found in its response cluster); precision swaps the roles.
* **CEAF-e** (Luo 2005, entity-based phi4): phi4(K, R) = 2 |K n R| / (|K| + |R|); the key and
  response clusters are aligned one-to-one to maximise the total phi4 (Kuhn-Munkres);
  recall = total / number of key clusters, precision = total / number of response clusters.
* **CoNLL F1** (Pradhan et al. 2011): the mean of the three F1 values.

The assignment is solved per connected component of the overlap graph (clusters that share
no mention never gain from being aligned), with an O(n^3) Kuhn-Munkres written here, so the
module needs nothing beyond the standard library.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass

Partition = Sequence[Collection[Hashable]]


@dataclass(frozen=True)
class PRF:
    """Recall, precision and F1 of one measure, as fractions in [0, 1]."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 0.0 if r + p == 0 else 2 * r * p / (r + p)


@dataclass(frozen=True)
class CorefScores:
    muc: PRF
    b3: PRF
    ceafe: PRF

    @property
    def conll(self) -> float:
        """CoNLL F1: the unweighted mean of the MUC, B-cubed and CEAF-e F1."""
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3

    def table(self) -> str:
        """A plain-text table in percent (R, P, F1 per measure, then CoNLL F1)."""
        rows = [f"{'measure':<8} {'R':>6} {'P':>6} {'F1':>6}"]
        for name, m in (("MUC", self.muc), ("B3", self.b3), ("CEAF-e", self.ceafe)):
            rows.append(f"{name:<8} {100 * m.recall:6.2f} {100 * m.precision:6.2f} {100 * m.f1:6.2f}")
        rows.append(f"{'CoNLL':<8} {'':>6} {'':>6} {100 * self.conll:6.2f}")
        return "\n".join(rows)


def _clean(partition: Partition) -> list[frozenset[Hashable]]:
    clusters = [frozenset(c) for c in partition if len(c) > 0]
    seen: set[Hashable] = set()
    for c in clusters:
        if seen & c:
            raise ValueError("a mention appears in two clusters of one partition")
        seen |= c
    return clusters


def _index(clusters: Sequence[frozenset[Hashable]]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_side(gold: Sequence[frozenset[Hashable]], other: Sequence[frozenset[Hashable]]) -> float:
    where = _index(other)
    num = den = 0
    for c in gold:
        parts = {where.get(m, ("alone", m)) for m in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return num / den if den else 0.0


def muc(key: Partition, response: Partition) -> PRF:
    """MUC recall and precision (Vilain et al. 1995)."""
    k, r = _clean(key), _clean(response)
    return PRF(_muc_side(k, r), _muc_side(r, k))


def _b3_side(gold: Sequence[frozenset[Hashable]], other: Sequence[frozenset[Hashable]]) -> float:
    where = _index(other)
    total = 0.0
    n = 0
    for c in gold:
        n += len(c)
        counts: dict[int, int] = defaultdict(int)
        for m in c:
            if m in where:
                counts[where[m]] += 1
        total += sum(v * v for v in counts.values()) / len(c)
    return total / n if n else 0.0


def b_cubed(key: Partition, response: Partition) -> PRF:
    """B-cubed recall and precision (Bagga & Baldwin 1998), mention-weighted."""
    k, r = _clean(key), _clean(response)
    return PRF(_b3_side(k, r), _b3_side(r, k))


def ceaf_e(key: Partition, response: Partition) -> PRF:
    """Entity-based CEAF with phi4 similarity (Luo 2005)."""
    k, r = _clean(key), _clean(response)
    where = _index(r)
    sims: dict[tuple[int, int], float] = {}
    for i, c in enumerate(k):
        counts: dict[int, int] = defaultdict(int)
        for m in c:
            if m in where:
                counts[where[m]] += 1
        for j, n in counts.items():
            sims[i, j] = 2 * n / (len(c) + len(r[j]))
    total = sum(best_assignment_total(comp) for comp in _components(sims))
    return PRF(total / len(k) if k else 0.0, total / len(r) if r else 0.0)


def scores(key: Partition, response: Partition) -> CorefScores:
    """MUC, B-cubed and CEAF-e of one response against one key (one meta-document)."""
    return CorefScores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))


# --------------------------------------------------------------------------- assignment


def _components(sims: dict[tuple[int, int], float]) -> list[dict[tuple[int, int], float]]:
    """Split a sparse bipartite similarity into its connected components."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in sims:
        a, b = find(("k", i)), find(("r", j))
        if a != b:
            parent[a] = b
    groups: dict[tuple[str, int], dict[tuple[int, int], float]] = defaultdict(dict)
    for (i, j), s in sims.items():
        groups[find(("k", i))][i, j] = s
    return list(groups.values())


def best_assignment_total(sims: dict[tuple[int, int], float]) -> float:
    """The largest total similarity of a one-to-one matching of rows to columns.

    ``sims`` maps (row, column) to a non-negative similarity; absent pairs are 0."""
    rows = sorted({i for i, _ in sims})
    cols = sorted({j for _, j in sims})
    if not rows:
        return 0.0
    matrix = [[sims.get((i, j), 0.0) for j in cols] for i in rows]
    if len(rows) > len(cols):
        matrix = [list(col) for col in zip(*matrix, strict=True)]
    return sum(matrix[i][j] for i, j in max_weight_matching(matrix))


def max_weight_matching(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Kuhn-Munkres (Hungarian algorithm with potentials, O(n^2 m)) for an n x m matrix, n <= m.

    Returns the (row, column) pairs of an assignment of every row to a distinct column that
    maximises the total weight."""
    n = len(weights)
    if n == 0:
        return []
    m = len(weights[0])
    if n > m:
        raise ValueError("more rows than columns: transpose the matrix")
    inf = float("inf")
    # Minimise cost = -weight; arrays are 1-based with index 0 as the virtual start.
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    match = [0] * (m + 1)  # match[j] = row assigned to column j (0 = none)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = match[j0]
            delta = inf
            j1 = 0
            row = weights[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sorted((match[j] - 1, j - 1) for j in range(1, m + 1) if match[j])


def partition_from_labels(labels: Iterable[tuple[Hashable, Hashable]]) -> list[list[Hashable]]:
    """Group (mention, chain) pairs into clusters, in order of first appearance."""
    groups: dict[Hashable, list[Hashable]] = {}
    for mention, chain in labels:
        groups.setdefault(chain, []).append(mention)
    return list(groups.values())
