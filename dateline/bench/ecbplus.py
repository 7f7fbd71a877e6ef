"""ECB+ event-coreference harness: dateline's clustering on gold mentions, scored with CoNLL F1.

    python -m dateline.bench.ecbplus DATA_DIR --topics dev|train|test|all|2,5,12
                                     [--out RESPONSE_FILE] [--key-out KEY_FILE] [--baseline]

``DATA_DIR`` is laid out as ``ECB+/<topic>/*.xml`` beside ``ECBplus_coreference_sentences.csv``;
only the validated sentences listed there are used, and only topics present are run.  The
gold event mentions (``ACTION_*``/``NEG_ACTION_*`` markables, see ``ecbplus_io``) become
``EventMention`` records (``ecbplus_features``) and are clustered with
``dateline.resolve.coref.cluster`` **one topic at a time**: topics are the standard blocking
of ECB+ evaluation (Cybulska & Vossen 2015, Barhom et al. 2019), so no chain crosses a topic.
Within a topic every pair of mentions is a candidate (topics hold a few hundred mentions).

Scores are MUC, B-cubed, CEAF-e and CoNLL F1 (``conll_scores``) over all documents as one
meta-document, with gold mentions and singletons kept.  ``--baseline`` scores instead the
same-head-lemma baseline: all mentions of a topic whose head lemma is the same form one
cluster (the lemma baseline of the ECB+ literature; Barhom et al. 2019 additionally split
topics by predicted document clusters first, their CLUSTER+LEMMA).  ``--out`` writes the
response and ``--key-out`` the gold key in the CoNLL layout of ``ecbplus_io.write_conll``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dateline.bench.conll_scores import CorefScores, scores
from dateline.bench.ecbplus_features import document_mentions
from dateline.bench.ecbplus_io import GoldMention, read_topic, read_validated, select_topics, write_conll
from dateline.resolve.coref import EventMention, Scorer, cluster, default_block, default_score

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class TopicData:
    topic: str
    gold: tuple[GoldMention, ...]
    mentions: tuple[EventMention, ...]


def load(data_dir: Path, topics: Sequence[str], use_cache: bool = True) -> list[TopicData]:
    """Gold mentions and their EventMentions, topic by topic."""
    validated = read_validated(data_dir)
    out = []
    for t in topics:
        gold: list[GoldMention] = []
        mentions: list[EventMention] = []
        for doc in read_topic(data_dir, t, validated):
            gold.extend(doc.events)
            mentions.extend(document_mentions(doc, use_cache))
        out.append(TopicData(t, tuple(gold), tuple(mentions)))
    return out


def topic_block(m: EventMention) -> list[str]:
    """Every mention of a topic in one block: the harness clusters one topic at a time."""
    return ["topic"]


BLOCK = default_block


def lemma_baseline(mentions: Sequence[EventMention]) -> list[list[str]]:
    """Same head lemma, one cluster."""
    groups: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        groups[m.lemma].append(m.key)
    return sorted((sorted(g) for g in groups.values()), key=lambda c: c[0])


Clusterer = Callable[[Sequence[EventMention]], list[list[str]]]


def dateline_clusterer(score: Scorer = default_score, threshold: float = DEFAULT_THRESHOLD) -> Clusterer:
    def run(mentions: Sequence[EventMention]) -> list[list[str]]:
        return cluster(mentions, score, threshold, block=BLOCK)

    return run


def evaluate(data: Sequence[TopicData], clusterer: Clusterer) -> tuple[CorefScores, dict[str, str]]:
    """Cluster each topic; the scores over all topics and the response chain of every key."""
    key: list[list[str]] = []
    response: list[list[str]] = []
    chain_of: dict[str, str] = {}
    for td in data:
        chains: dict[str, list[str]] = defaultdict(list)
        for g in td.gold:
            chains[g.chain].append(g.key)
        key.extend(chains.values())
        for n, c in enumerate(clusterer(td.mentions)):
            response.append(c)
            for k in c:
                chain_of[k] = f"{td.topic}/{n}"
    return scores(key, response), chain_of


def run(
    data_dir: Path,
    topics: str,
    out: Path | None = None,
    key_out: Path | None = None,
    baseline: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
) -> CorefScores:
    names = select_topics(data_dir, topics)
    if not names:
        raise SystemExit(f"no topic of {topics!r} under {data_dir}")
    data = load(data_dir, names)
    clusterer = lemma_baseline if baseline else dateline_clusterer(threshold=threshold)
    result, chain_of = evaluate(data, clusterer)
    rows = [g for td in data for g in td.gold]
    if out is not None:
        write_conll(out, [(g, chain_of[g.key]) for g in rows])
    if key_out is not None:
        write_conll(key_out, [(g, g.chain) for g in rows])
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.bench.ecbplus", description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--topics", default="dev", help="dev, train, test, all or a comma list of topics")
    ap.add_argument("--out", type=Path, default=None, help="write the response in CoNLL format")
    ap.add_argument("--key-out", type=Path, default=None, help="write the gold key in CoNLL format")
    ap.add_argument("--baseline", action="store_true", help="score the same-head-lemma baseline instead")
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="average-link merge threshold")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    result = run(a.data_dir, a.topics, a.out, a.key_out, a.baseline, a.threshold)
    names = ",".join(select_topics(a.data_dir, a.topics))
    print(f"topics: {a.topics} ({names})")
    print(f"system: {'same-head-lemma baseline' if a.baseline else 'dateline coref'}")
    print(result.table())
    print(f"time: {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
