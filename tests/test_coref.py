"""Event coreference: the score's cues and the clustering's guarantees, on hand-made mentions."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from dateline.resolve.coref import (
    EventMention,
    ScoreWeights,
    candidate_pairs,
    cluster,
    compatible,
    default_block,
    default_score,
    features,
    make_score,
)
from dateline.resolve.coref_features import lemma_stem, name_overlap, names_match, normalise_name


def m(key: str, doc: str = "", lemma: str = "visit", **kw: object) -> EventMention:
    return EventMention(key=key, doc=doc or f"d{key}", sentence=kw.pop("sentence", 0), lemma=lemma, **kw)  # type: ignore[arg-type]


def fs(*xs: str) -> frozenset[str]:
    return frozenset(xs)


# --------------------------------------------------------------------------- features


def test_names_contained_in_each_other_match() -> None:
    assert names_match("kovacs", "anna kovacs")
    assert names_match("anna kovacs", "kovacs")
    assert not names_match("anna kovacs", "peter novak")
    assert not names_match("", "")
    assert normalise_name("The Defence Minister's") == "defence minister"
    assert name_overlap(fs("kovacs"), fs("anna kovacs", "peter novak")) == 1.0
    assert name_overlap(fs("kovacs", "lind"), fs("anna kovacs", "peter novak")) == 0.5
    assert name_overlap(fs(), fs("x")) == 0.0


def test_lemma_stem_relates_derivations() -> None:
    assert lemma_stem("election") == lemma_stem("elect")
    assert lemma_stem("announcement") == lemma_stem("announce")
    assert lemma_stem("meeting") == lemma_stem("meet") == "meet"
    assert lemma_stem("arrival") == lemma_stem("arrive")
    assert lemma_stem("talk") == "talk"  # too short to strip


def test_score_rewards_shared_participants() -> None:
    a = m("a", actors=fs("anna kovacs"), recipients=fs("port authority"))
    b = m("b", actors=fs("kovacs"))
    c = m("c", actors=fs("peter novak"))
    assert features(a, b)["participants"] == 1.0
    assert features(a, c)["participant_clash"] == 1.0
    assert default_score(a, b) > default_score(a, m("u")) > default_score(a, c)


def test_score_lemma_and_words_and_context() -> None:
    a = m("a", lemma="attack", words=fs("rocket", "depot", "night"), context=fs("harbourville", "2019"))
    same = m("b", lemma="attack", words=fs("rocket", "depot", "morning"), context=fs("harbourville"))
    other = m("c", lemma="protest", words=fs("rocket", "depot", "morning"), context=fs("harbourville"))
    assert default_score(a, same) > 0.5 > default_score(a, other) > 0
    unrelated = replace(same, words=fs("budget"), context=fs("elsewhere"))
    assert default_score(a, same) > default_score(a, unrelated)


def test_dates_disjoint_is_zero_overlap_or_unknown_is_not() -> None:
    may = {"first": date(2024, 5, 3), "last": date(2024, 5, 3)}
    a = m("a", **may)
    assert default_score(a, m("b", first=date(2024, 6, 1), last=date(2024, 6, 30))) == 0.0
    assert default_score(a, m("c", first=date(2024, 5, 1), last=date(2024, 5, 31))) > 0
    undated = default_score(a, m("d"))
    assert undated > 0
    assert undated == default_score(m("a"), m("d"))  # unknown dates are neutral
    assert not compatible(m("x", category="ASSAULT"), m("y", category="PROTEST"))
    assert default_score(m("x", category="ASSAULT"), m("y", category="PROTEST")) == 0.0


def test_same_sentence_discourages_and_same_doc_encourages() -> None:
    a = m("a", doc="d1", sentence=2)
    assert default_score(a, m("b", doc="d1", sentence=2)) < default_score(a, m("c", doc="d2"))
    assert default_score(a, m("b", doc="d1", sentence=5)) > default_score(a, m("c", doc="d2"))


def test_weights_change_the_score() -> None:
    a, b = m("a"), m("b")
    assert make_score(replace(ScoreWeights(), bias=-9.0))(a, b) < default_score(a, b)


# --------------------------------------------------------------------------- clustering


def _mentions() -> list[EventMention]:
    out = []
    for month, day in ((3, 10), (4, 14), (5, 20)):  # three visits, same parties, three months
        for k in range(4):  # each reported by four outlets
            out.append(
                m(f"v{month}-{k}", doc=f"o{k}-{month}", actors=fs("anna kovacs"), recipients=fs("northland"),
                  first=date(2024, month, day), last=date(2024, month, day), words=fs("visit", "capital", "talks"))
            )  # fmt: skip
    for k in range(3):
        out.append(m(f"q{k}", doc=f"q{k}", lemma="earthquake", words=fs("magnitude", "coast"), context=fs("isla")))
    out.append(m("lone", lemma="resign"))
    return out


def test_every_key_once_and_deterministic() -> None:
    ms = _mentions()
    got = cluster(ms)
    keys = [k for c in got for k in c]
    assert sorted(keys) == sorted(x.key for x in ms) and len(keys) == len(set(keys))
    assert got == sorted(got, key=lambda c: c[0]) and all(c == sorted(c) for c in got)
    for seed in range(5):
        shuffled = ms[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster(shuffled) == got


def test_three_visits_stay_three_events_and_reports_merge() -> None:
    got = cluster(_mentions())
    assert ["v3-0", "v3-1", "v3-2", "v3-3"] in got
    assert ["v4-0", "v4-1", "v4-2", "v4-3"] in got
    assert ["v5-0", "v5-1", "v5-2", "v5-3"] in got
    assert ["lone"] in got
    assert ["q0", "q1", "q2"] in got


def test_no_chaining_through_a_bridge() -> None:
    # b's dates overlap a's and c's, but a and c are disjoint: a and c never share a cluster.
    a = m("a", first=date(2024, 1, 1), last=date(2024, 1, 10))
    b = m("b", first=date(2024, 1, 1), last=date(2024, 1, 31))
    c = m("c", first=date(2024, 1, 20), last=date(2024, 1, 31))
    always = lambda x, y: 1.0 if compatible(x, y) else 0.0  # noqa: E731
    got = cluster([a, b, c], always, threshold=0.1)
    assert not any({"a", "c"} <= set(cl) for cl in got)
    assert len(got) == 2
    # with a scorer that vetoes explicitly (negative score) too
    veto = lambda x, y: -1.0 if {x.key, y.key} == {"a", "c"} else 0.9  # noqa: E731
    got = cluster([m("a"), m("b"), m("c")], veto)
    assert not any({"a", "c"} <= set(cl) for cl in got)


def test_average_link_threshold() -> None:
    table = {("a", "b"): 0.9, ("a", "c"): 0.6, ("b", "c"): 0.2}
    score = lambda x, y: table[tuple(sorted((x.key, y.key)))]  # type: ignore[index]  # noqa: E731
    ms = [m("a"), m("b"), m("c")]
    assert cluster(ms, score, threshold=0.5) == [["a", "b"], ["c"]]  # (0.6 + 0.2) / 2 < 0.5
    assert cluster(ms, score, threshold=0.4) == [["a", "b", "c"]]


def test_blocking_limits_the_pairs_scored() -> None:
    calls: list[tuple[str, str]] = []

    def counting(x: EventMention, y: EventMention) -> float:
        calls.append((x.key, y.key))
        return 0.9

    ms = [m(f"k{i}", lemma=f"lemma{i}x") for i in range(300)]
    assert cluster(ms, counting) == [[x.key] for x in sorted(ms, key=lambda x: x.key)]
    assert calls == []  # no shared block key, no pair scored
    big = [m(f"b{i:04d}", lemma="meet", first=date(2020, 1, 1 + i % 28)) for i in range(1000)]
    pairs = candidate_pairs(big, default_block, window=10)
    assert len(pairs) <= 10 * 1000 * 2  # two keys (lemma, stem): sorted neighbourhood, not 499,500 pairs
    assert all(i < j for i, j in pairs)
    calls.clear()
    cluster(big[:50], counting, window=10)
    assert 0 < len(calls) <= 10 * 50


def test_fixed_mentions_are_not_compared_nor_joined() -> None:
    calls: list[frozenset[str]] = []

    def liking(x: EventMention, y: EventMention) -> float:
        calls.append(frozenset((x.key, y.key)))
        return 0.9

    stored = {"s1", "s2", "s3"}
    ms = [m("s1"), m("s2"), m("s3"), m("n1"), m("n2")]
    # one block of all; window 2 takes the sorted-neighbourhood path of blocks larger than it
    for window in (100, 2):
        calls.clear()
        got = cluster(ms, liking, block=lambda x: ["all"], window=window, fixed=lambda x: x.key in stored)
        assert not any(len(set(c) & stored) > 1 for c in got)  # a new report never bridges two stored events
        assert not any(c <= stored for c in calls)  # two stored events are never even scored
        assert sum(len(c) for c in got) == 5
    # without it everything likes everything: one cluster
    assert cluster(ms, liking, block=lambda x: ["all"]) == [sorted(x.key for x in ms)]
    big = [m(f"s{i:02d}") for i in range(40)] + [m("new")]
    calls.clear()
    got = cluster(big, liking, block=lambda x: ["all"], fixed=lambda x: x.key != "new")
    assert len(calls) == 40 and len(got) == 40  # the new one joined one stored event


def test_custom_block_and_duplicates() -> None:
    ms = [m("a", lemma="x"), m("b", lemma="y")]
    assert cluster(ms, lambda x, y: 0.9, block=lambda x: ["all"]) == [["a", "b"]]
    with pytest.raises(ValueError):
        cluster([m("a"), m("a")])
    assert cluster([]) == []


def test_fast_score_equals_weighted_features() -> None:
    import math

    rng = random.Random(3)
    names = ["anna kovacs", "kovacs", "peter novak", "port authority", "lind"]
    words = ["rocket", "depot", "harbour", "talks", "aid", "visit"]

    def rand(key: str) -> EventMention:
        day = rng.choice([None, 1, 2, 3])
        return m(
            key, doc=rng.choice(["d1", "d2", "d3"]), sentence=rng.randint(0, 2),
            lemma=rng.choice(["visit", "visits", "meet", "meeting", "attack"]),
            category=rng.choice([None, "CONSULT"]),
            actors=frozenset(rng.sample(names, rng.randint(0, 2))),
            recipients=frozenset(rng.sample(names, rng.randint(0, 1))),
            places=frozenset(rng.sample(["tellholm", "north tellholm", "varna"], rng.randint(0, 2))),
            first=date(2024, 5, day) if day else None, last=date(2024, 5, day + 1) if day else None,
            words=frozenset(rng.sample(words, 3)), quantities=frozenset(rng.sample([1.0, 2.0, 3.0], rng.randint(0, 2))),
            context=frozenset(rng.sample(words, 2)),
        )  # fmt: skip

    w = ScoreWeights()
    for k in range(300):
        a, b = rand(f"a{k}"), rand(f"b{k}")
        if not compatible(a, b):
            assert default_score(a, b) == 0.0
            continue
        z = w.bias + sum(getattr(w, f) * v for f, v in features(a, b).items())
        assert math.isclose(default_score(a, b), max(1e-6, 1 / (1 + math.exp(-z))), rel_tol=1e-9)


def test_related_lemmas_and_reporting_verbs() -> None:
    from dateline.resolve.coref_lexicon import related, reporting

    assert related("die", "death") and related("quake", "earthquake") and related("blaze", "fire")
    assert not related("die", "die") and not related("die", "elect")
    assert reporting("say") and not reporting("attack")
    assert lemma_stem("dies") == "die"
    quake, tremor, vote = m("a", lemma="earthquake"), m("b", lemma="quake"), m("c", lemma="vote")
    assert set(default_block(quake)) & set(default_block(tremor))
    assert not set(default_block(quake)) & set(default_block(vote))
    assert default_score(quake, tremor) > default_score(quake, vote)
    # two "said" in two articles are less alike than two "attack"
    assert default_score(m("s1", lemma="say"), m("s2", lemma="say")) < default_score(
        m("t1", lemma="attack"), m("t2", lemma="attack")
    )
