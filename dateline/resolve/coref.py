"""Event coreference: group mentions of the same real-world happening, keep distinct ones apart.

Event databases count reports, not events.  This module is the core that turns many mentions
(one per report, or one per benchmark gold mention) into clusters, each one real happening::

    from dateline.resolve.coref import EventMention, cluster
    clusters = cluster(mentions)             # [["r1", "r7"], ["r2"], ...]: every key exactly once

* ``default_score(a, b)`` is the likelihood in [0, 1] that two mentions describe the same event:
  a logistic combination (weights in ``ScoreWeights``) of trigger-lemma and category agreement,
  participant overlap (a name contained in another counts: "Kovacs" and "Anna Kovacs"),
  place and date agreement, overlap of the content words, shared quantities and the
  same-document and same-sentence cues.  Two facts are hard constraints and score exactly 0
  ("must not merge"): disjoint date intervals and different known categories.
* ``cluster(mentions)`` scores only candidate pairs that share a block key (by default the
  trigger lemma, its stem, its related-word groups and the category), never all pairs; a block larger than ``window``
  is sorted by date and each mention paired with its ``window`` neighbours (the
  sorted-neighbourhood method), so 100,000 mentions cost O(n * window) scores.  Clusters are
  merged best-first by average link (pairs never scored count 0), while the average is at
  least ``threshold``; two clusters holding a pair that scored <= 0 are never merged, so no
  bridge mention chains incompatible mentions together (the veto comes from the scorer, so it
  covers the pairs that were scored: give incompatible mentions a shared block key, e.g. the
  category or a participant, when they must be kept apart).  The output is deterministic: keys
  sorted inside a cluster, clusters sorted by their first key.

The default weights were fitted on the ECB+ training topics only (``dateline.bench.ecbplus_tune``:
a pair logistic regression, then coordinate ascent of training CoNLL F1 at threshold 0.5).
"""

from __future__ import annotations

import heapq
import itertools
import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .coref_features import lemma_stem, name_overlap, overlap_ratio
from .coref_lexicon import related, related_groups, reporting


@dataclass(frozen=True)
class EventMention:
    """One mention of an event, with the evidence coreference can compare.

    Sets hold normalised strings (lower case, single spaces); any of them may be empty
    when unknown.  ``first``/``last`` is the closed interval of days the event falls in."""

    key: str  # unique id (a report id, or an ECB+ mention id)
    doc: str  # document id (mentions of one document may corefer too)
    sentence: int
    lemma: str  # trigger lemma ("meet", "attack", "visit")
    category: str | None = None  # PLOVER category when known
    actors: frozenset[str] = frozenset()  # normalised participant names on the actor side
    recipients: frozenset[str] = frozenset()  # on the recipient side
    places: frozenset[str] = frozenset()
    first: date | None = None  # date interval when known
    last: date | None = None
    words: frozenset[str] = frozenset()  # content lemmas of the mention's sentence/arguments
    quantities: frozenset[float] = frozenset()
    context: frozenset[str] = frozenset()  # names and terms of the whole document (article-level context)


Scorer = Callable[[EventMention, EventMention], float]  # 0..1, same-event likelihood; <= 0: must not merge
Blocker = Callable[[EventMention], Iterable[Hashable]]


@dataclass(frozen=True)
class ScoreWeights:
    """Weights of the logistic same-event score: sigmoid(bias + sum of weight x feature).

    Features are in [0, 1]: ``lemma`` (same trigger lemma), ``stem`` (derivations:
    "elect"/"election", not the same), ``related`` (one kind of happening, neither:
    "die"/"death", see ``coref_lexicon``), ``reporting`` (both speech verbs), ``category``
    (same known category), ``participants`` (share of the smaller participant set matched
    by name), ``participant_clash`` (both have
    participants, none shared), ``places``/``place_clash`` likewise, ``dates`` (both dated
    and overlapping), ``words`` (Jaccard of content words, mentions of different sentences),
    ``quantities``/``quantity_clash``, ``same_doc``, ``same_sentence`` and ``context``
    (Jaccard of the document contexts, mentions of different documents)."""

    bias: float = -3.95
    lemma: float = 3.72
    stem: float = 4.07
    related: float = 3.9
    reporting: float = -2.49
    category: float = 1.5  # not fitted: ECB+ has no PLOVER categories
    participants: float = 0.2  # kept at the regression's value (the search preferred -0.3, a 0.2-point gain)
    participant_clash: float = -0.47
    places: float = 0.29
    place_clash: float = -0.3
    dates: float = 0.13
    words: float = 2.0
    quantities: float = 0.26
    quantity_clash: float = -0.23
    same_doc: float = 2.41
    same_sentence: float = -2.44
    context: float = 4.21


DEFAULT_WEIGHTS = ScoreWeights()
FEATURES = tuple(f for f in ScoreWeights.__dataclass_fields__ if f != "bias")
MIN_SCORE = 1e-6  # a compatible pair never scores 0: 0 is reserved for "must not merge"
MIN_LINK = 0.01  # pair scores below this count as 0 in cluster averages (not stored)


def compatible(a: EventMention, b: EventMention) -> bool:
    """False when the two mentions cannot be one event: disjoint dates or different categories."""
    if a.category and b.category and a.category != b.category:
        return False
    return not _disjoint(a, b)


def _disjoint(a: EventMention, b: EventMention) -> bool:
    if a.first is None or b.first is None:
        return False
    a_last = a.last or a.first
    b_last = b.last or b.first
    return a_last < b.first or b_last < a.first


def features(a: EventMention, b: EventMention) -> dict[str, float]:
    """The pair features that ``ScoreWeights`` weighs (all in [0, 1])."""
    same_lemma = a.lemma == b.lemma
    stem = not same_lemma and lemma_stem(a.lemma) == lemma_stem(b.lemma)
    parts_a, parts_b = a.actors | a.recipients, b.actors | b.recipients
    parts = name_overlap(parts_a, parts_b)
    places = name_overlap(a.places, b.places)
    same_sentence = a.doc == b.doc and a.sentence == b.sentence
    quantities = overlap_ratio(a.quantities, b.quantities)
    return {
        "lemma": float(same_lemma),
        "stem": float(stem),
        "related": float(not same_lemma and not stem and related(a.lemma, b.lemma)),
        "reporting": float(reporting(a.lemma) and reporting(b.lemma)),
        "category": float(bool(a.category) and a.category == b.category),
        "participants": parts,
        "participant_clash": float(bool(parts_a) and bool(parts_b) and parts == 0.0),
        "places": places,
        "place_clash": float(bool(a.places) and bool(b.places) and places == 0.0),
        "dates": float(a.first is not None and b.first is not None and not _disjoint(a, b)),
        "words": 0.0 if same_sentence else _jaccard(a.words, b.words),
        "quantities": quantities,
        "quantity_clash": float(bool(a.quantities) and bool(b.quantities) and quantities == 0.0),
        "same_doc": float(a.doc == b.doc),
        "same_sentence": float(same_sentence),
        "context": 0.0 if a.doc == b.doc else _jaccard(a.context, b.context),
    }


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def make_score(weights: ScoreWeights = DEFAULT_WEIGHTS) -> Scorer:
    """A scorer with the given weights (``default_score`` uses ``DEFAULT_WEIGHTS``).

    Same value as ``sigmoid(bias + sum(weight * features(a, b)))``, computed without the dict."""
    w = weights

    def score(a: EventMention, b: EventMention) -> float:
        if not compatible(a, b):
            return 0.0
        z = w.bias
        if a.lemma == b.lemma:
            z += w.lemma
        elif lemma_stem(a.lemma) == lemma_stem(b.lemma):
            z += w.stem
        elif related(a.lemma, b.lemma):
            z += w.related
        if reporting(a.lemma) and reporting(b.lemma):
            z += w.reporting
        if a.category and a.category == b.category:
            z += w.category
        parts_a, parts_b = a.actors | a.recipients, b.actors | b.recipients
        if parts_a and parts_b:
            parts = name_overlap(parts_a, parts_b)
            z += w.participants * parts if parts else w.participant_clash
        if a.places and b.places:
            places = name_overlap(a.places, b.places)
            z += w.places * places if places else w.place_clash
        if a.first is not None and b.first is not None:
            z += w.dates  # compatible, so overlapping
        same_doc = a.doc == b.doc
        if same_doc:
            z += w.same_doc
            if a.sentence == b.sentence:
                z += w.same_sentence
            else:
                z += w.words * _jaccard(a.words, b.words)
        else:
            z += w.words * _jaccard(a.words, b.words) + w.context * _jaccard(a.context, b.context)
        if a.quantities and b.quantities:
            q = overlap_ratio(a.quantities, b.quantities)
            z += w.quantities * q if q else w.quantity_clash
        return max(MIN_SCORE, 1.0 / (1.0 + math.exp(-z)))

    return score


_default = make_score(DEFAULT_WEIGHTS)


def default_score(a: EventMention, b: EventMention) -> float:
    """Same-event likelihood in [0, 1] with the default weights; 0 when incompatible."""
    return _default(a, b)


def default_block(m: EventMention) -> list[Hashable]:
    """Block keys: the trigger lemma, its stem, its related-word groups, the category when known."""
    keys: list[Hashable] = [("lemma", m.lemma), ("stem", lemma_stem(m.lemma))]
    keys.extend(("related", g) for g in sorted(related_groups(m.lemma)))
    if m.category:
        keys.append(("category", m.category))
    return keys


# --------------------------------------------------------------------------- clustering


def candidate_pairs(
    mentions: Sequence[EventMention], block: Blocker = default_block, window: int = 100
) -> set[tuple[int, int]]:
    """Index pairs (i < j) of mentions sharing a block key.

    A block of more than ``window + 1`` mentions is sorted by (date, document, sentence, key)
    and each mention paired with the next ``window`` ones only."""
    n = len(mentions)
    return {(int(c) // n, int(c) % n) for c in _pair_codes(mentions, block, window)}


SMALL_BLOCK = 24  # blocks up to this size are paired in Python


def _pair_codes(mentions: Sequence[EventMention], block: Blocker, window: int,
                fixed: Sequence[bool] | None = None) -> Any:  # fmt: skip
    """Sorted unique pair codes ``i * n + j`` (i < j) as a numpy array (compact for millions);
    never a pair of two ``fixed`` mentions."""
    import numpy as np

    n = len(mentions)
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    # the free mentions make the blocks; the fixed ones, after them, join those only
    order = range(n) if fixed is None else [*(i for i in range(n) if not fixed[i]), *(i for i in range(n) if fixed[i])]
    for i in order:
        for k in dict.fromkeys(block(mentions[i])):
            if fixed is None or not fixed[i] or k in blocks:
                blocks[k].append(i)
    frozen = np.asarray(fixed, dtype=bool) if fixed is not None else None
    chunks = [np.zeros(0, dtype=np.int64)]
    small: list[int] = []  # pairs of small blocks, in Python: numpy costs more than it saves on a few
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) <= min(SMALL_BLOCK, window + 1):
            free = members if fixed is None else [i for i in members if not fixed[i]]
            held = [] if fixed is None else [i for i in members if fixed[i]]
            small.extend(min(x, y) * n + max(x, y) for x, y in itertools.combinations(free, 2))
            small.extend(min(x, y) * n + max(x, y) for x in free for y in held)
        elif len(members) > window + 1:
            idx = np.asarray(sorted(members, key=lambda i: _order(mentions[i])), dtype=np.int64)
            for d in range(1, window + 1):
                a, b = idx[:-d], idx[d:]
                chunks.append(_codes(a, b, n, frozen))
        else:
            idx = np.asarray(members, dtype=np.int64)
            a, b = np.triu_indices(len(idx), 1)
            chunks.append(_codes(idx[a], idx[b], n, frozen))
    if small:
        chunks.append(np.asarray(small, dtype=np.int64))
    codes = np.sort(np.concatenate(chunks))  # (np.unique hashes: much slower here)
    if len(codes) > 1:
        codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
    return codes


def _codes(a: Any, b: Any, n: int, frozen: Any) -> Any:
    """Codes of the index pairs ``(a[k], b[k])``, leaving out pairs of two frozen mentions."""
    import numpy as np

    if frozen is not None:
        keep = ~(frozen[a] & frozen[b])
        a, b = a[keep], b[keep]
    return np.minimum(a, b) * n + np.maximum(a, b)


def _iter_codes(codes: Any, chunk: int = 65536) -> Iterable[int]:
    """Python ints from a numpy code array, a chunk at a time (not one list of millions)."""
    for start in range(0, len(codes), chunk):
        yield from codes[start : start + chunk].tolist()


def _components(n: int, links: dict[int, dict[int, float]]) -> list[int]:
    """Connected-component label of each mention in the graph of stored links."""
    label = list(range(n))
    for start in range(n):
        if label[start] != start or start not in links:
            continue
        stack = [start]
        while stack:
            i = stack.pop()
            for j in links[i]:
                if label[j] == j and j != start:
                    label[j] = start
                    stack.append(j)
    return label


def _order(m: EventMention) -> tuple[date, str, int, str]:
    return (m.first or date.max, m.doc, m.sentence, m.key)


def cluster(
    mentions: Sequence[EventMention],
    score: Scorer = default_score,
    threshold: float = 0.5,
    block: Blocker | None = None,
    *,
    window: int = 100,
    fixed: Callable[[EventMention], bool] | None = None,
) -> list[list[str]]:
    """Cluster mentions into events; returns lists of keys, every key exactly once.

    Best-first average-link agglomeration over the candidate pairs (see the module doc):
    the two clusters with the highest mean pair score (unscored pairs, and pairs scoring under
    ``MIN_LINK``, count 0) are merged while that mean is >= ``threshold``, except clusters
    holding a pair scored <= 0.  Ties are broken by creation order, so the result does not
    depend on the input order.

    ``fixed`` mentions (events already settled, compared again only with new ones) are never
    scored against each other, and no cluster ever holds two of them."""
    ms = sorted(mentions, key=lambda m: m.key)
    for x, y in itertools.pairwise(ms):
        if x.key == y.key:
            raise ValueError(f"duplicate mention key {x.key!r}")
    n = len(ms)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> cluster -> sum of pair scores
    vetoes: dict[int, set[int]] = defaultdict(set)  # cluster -> clusters it must never join
    heap: list[tuple[float, int, int]] = []
    veto_codes = array("q")
    settled = [fixed(m) for m in ms] if fixed is not None else None
    held = {i: 1 for i in range(n) if settled and settled[i]}  # cluster -> fixed mentions in it
    codes = _pair_codes(ms, block or default_block, window, settled)
    for code in _iter_codes(codes):
        i, j = divmod(code, n)
        s = score(ms[i], ms[j])
        if s <= 0:
            veto_codes.append(code)
        elif s >= MIN_LINK:
            links[i][j] = links[j][i] = s
            if s >= threshold:
                heap.append((-s, i, j))
    # A veto matters only inside a connected component of the links: keep those.
    component = _components(n, links)
    for code in veto_codes:
        i, j = divmod(code, n)
        if component[i] == component[j]:
            vetoes[i].add(j)
            vetoes[j].add(i)
    heapq.heapify(heap)
    next_id = n
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # stale: one side was merged already
        if a in held and b in held:
            continue  # two settled events are never joined (through new mentions either)
        new = next_id
        next_id += 1
        members[new] = sorted(members.pop(a) + members.pop(b))
        if a in held or b in held:
            held[new] = held.pop(a, 0) + held.pop(b, 0)
        veto = vetoes.pop(a, set()) | vetoes.pop(b, set())
        for c in veto:
            vetoes[c] -= {a, b}
            vetoes[c].add(new)
        if veto:
            vetoes[new] = veto
        la, lb = links.pop(a, {}), links.pop(b, {})
        for c in la.keys() | lb.keys():
            if c in (a, b):
                continue
            total = la.get(c, 0.0) + lb.get(c, 0.0)
            other = links[c]
            other.pop(a, None)
            other.pop(b, None)
            other[new] = links[new][c] = total
            if c not in veto and not (new in held and c in held):
                avg = total / (len(members[new]) * len(members[c]))
                if avg >= threshold:
                    heapq.heappush(heap, (-avg, min(new, c), max(new, c)))
    out = [sorted(ms[i].key for i in group) for group in members.values()]
    return sorted(out, key=lambda c: c[0])
