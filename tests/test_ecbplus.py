"""The ECB+ harness: reading the corpus layout, CoNLL files, and a run on real dev topics.

The small corpus below is invented text in the ECB+ XML layout (no corpus text is copied)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dateline.bench.ecbplus import evaluate, lemma_baseline, load, main, run
from dateline.bench.ecbplus_io import (
    DEV_TOPICS,
    read_conll,
    read_topic,
    read_validated,
    select_topics,
    write_conll,
)

DOC_A = """<Document doc_name="7_1ecb.xml" doc_id="DOC1">
{tokens}
<Markables>
<ACTION_OCCURRENCE m_id="1"  >
  <token_anchor t_id="3"/>
</ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"  >
  <token_anchor t_id="9"/>
</ACTION_OCCURRENCE>
<NEG_ACTION_OCCURRENCE m_id="3"  >
  <token_anchor t_id="17"/>
</NEG_ACTION_OCCURRENCE>
<ACTION_REPORTING m_id="4"  >
  <token_anchor t_id="22"/>
</ACTION_REPORTING>
<HUMAN_PART_PER m_id="5"  >
  <token_anchor t_id="1"/>
  <token_anchor t_id="2"/>
</HUMAN_PART_PER>
<LOC_GEO m_id="6"  >
  <token_anchor t_id="4"/>
</LOC_GEO>
<ACTION_OCCURRENCE m_id="7"  >
  <token_anchor t_id="25"/>
</ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="30" RELATED_TO="" TAG_DESCRIPTOR="t7_visit" instance_id="ACT100" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="11" note="ACT100" >
  <source m_id="1" />
  <source m_id="2" />
  <target m_id="30" />
</CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="12" >
  <source m_id="3" />
  <target m_id="31" />
</INTRA_DOC_COREF>
</Relations>
</Document>
"""
# sentence 0, 1 and 2 (sentence 2 is not validated: mention 7 is dropped)
SENTENCES_A = [
    ["Mara", "Lindqvist", "visited", "Tellholm", "on", "Monday", "."],
    [
        "Her", "visit", "lasted", "a", "day", "and", "she", "did", "not", "speak", "to", "reporters", ",", "aides",
        "said", ".",
    ],
    ["She", "left", "."],
]
DOC_B = """<Document doc_name="7_2ecbplus.xml" doc_id="DOC2">
{tokens}
<Markables>
<ACTION_OCCURRENCE m_id="1"  >
  <token_anchor t_id="{visit}"/>
</ACTION_OCCURRENCE>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="21" note="ACT100" >
  <source m_id="1" />
  <target m_id="9" />
</CROSS_DOC_COREF>
</Relations>
</Document>
"""
SENTENCES_B = ["example.org/news", ["Lindqvist", "visits", "Tellholm"]]


def _tokens(sentences: list[list[str]] | list[object]) -> tuple[str, dict[str, int]]:
    lines, where, t = [], {}, 0
    for s, words in enumerate(sentences):
        for n, w in enumerate(words if isinstance(words, list) else [words]):
            t += 1
            lines.append(f'<token t_id="{t}" sentence="{s}" number="{n}">{w}</token>')
            where[f"{s}:{n}"] = t
    return "\n".join(lines), where


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "ECB+" / "7"
    folder.mkdir(parents=True)
    toks_a, _ = _tokens(SENTENCES_A)
    (folder / "7_1ecb.xml").write_text(DOC_A.format(tokens=toks_a), encoding="utf-8")
    toks_b, where = _tokens(SENTENCES_B)
    (folder / "7_2ecbplus.xml").write_text(DOC_B.format(tokens=toks_b, visit=where["1:1"]), encoding="utf-8")
    (tmp_path / "ECB+" / "40").mkdir()
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n7,1ecb,0\n7,1ecb,1\n7,2ecbplus,1\n", encoding="utf-8"
    )
    return tmp_path


def test_read_chains_and_validated_sentences(corpus: Path) -> None:
    validated = read_validated(corpus)
    assert validated == {"7_1ecb": {0, 1}, "7_2ecbplus": {1}}
    docs = read_topic(corpus, "7", validated)
    assert [d.name for d in docs] == ["7_1ecb", "7_2ecbplus"]
    a, b = docs
    assert sorted(a.sentences) == [0, 1]
    chains = {g.markable.m_id: g.chain for g in a.events}
    assert chains == {"1": "ACT100", "2": "ACT100", "3": "INTRA_12_7_1ecb", "4": "SINGLETON_7_1ecb_4"}
    assert [g.markable.text for g in a.events] == ["visited", "visit", "speak", "said"]
    assert [p.kind for p in a.participants] == ["human", "place"]
    assert [(g.key, g.chain) for g in b.events] == [("7_2ecbplus:1", "ACT100")]
    assert b.subtopic == "7ecbplus" and a.subtopic == "7ecb"


def test_topic_selection(corpus: Path) -> None:
    assert select_topics(corpus, "all") == ["7", "40"]
    assert select_topics(corpus, "train") == ["7"]
    assert select_topics(corpus, "test") == ["40"]
    assert select_topics(corpus, "dev") == []
    assert select_topics(corpus, "40, 99") == ["40"]
    assert "2" in DEV_TOPICS and "36" not in DEV_TOPICS


def test_conll_round_trip(corpus: Path, tmp_path: Path) -> None:
    docs = read_topic(corpus, "7")
    rows = [(g, g.chain) for d in docs for g in d.events]
    path = tmp_path / "key.conll"
    write_conll(path, rows)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#begin document (ecbplus); part 000" and lines[-1] == "#end document"
    assert all(re.fullmatch(r"[^\t]+\t[^\t]+\t\d+\t\d+\t[^\t]+\t\(\d+\)", x) for x in lines[1:-1])
    got = read_conll(path)
    assert got[0] == ("7_1ecb:1", 0) and got[1] == ("7_1ecb:2", 0)
    assert ("7_2ecbplus:1", 0) in got and len({n for _, n in got}) == 3


@pytest.mark.slow
def test_harness_on_the_small_corpus(corpus: Path, tmp_path: Path) -> None:
    data = load(corpus, ["7"], use_cache=False)
    lemmas = {m.key: m.lemma for m in data[0].mentions}
    assert lemmas["7_1ecb:1"] == lemmas["7_1ecb:2"] == lemmas["7_2ecbplus:1"] == "visit"
    m1 = next(m for m in data[0].mentions if m.key == "7_1ecb:1")
    assert "lindqvist" in " ".join(m1.actors) and m1.places == frozenset({"tellholm"})
    s, _ = evaluate(data, lemma_baseline)
    assert s.conll == 1.0  # the three "visit" mentions are one chain, the rest singletons
    out = tmp_path / "response.conll"
    result = run(corpus, "7", out=out)
    assert 0.0 <= result.conll <= 1.0
    assert len(read_conll(out)) == 5


@pytest.mark.slow
def test_headline_proper_nouns_are_lemmatised() -> None:
    from dateline.bench.ecbplus_features import common_lemma

    assert common_lemma("Dies") == "die"
    assert common_lemma("Checks") == "check"
    assert common_lemma("Quake") == "quake"


@pytest.mark.shared
@pytest.mark.slow
def test_harness_on_dev_topics(shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = shared_dir / "bench" / "ecbplus"
    if not (data_dir / "ECB+").is_dir():
        pytest.skip("ECB+ is absent from ../shared")
    out, key = tmp_path / "resp.conll", tmp_path / "key.conll"
    assert main([str(data_dir), "--topics", "18,35", "--out", str(out), "--key-out", str(key)]) == 0
    printed = capsys.readouterr().out
    figures = dict(re.findall(r"^(MUC|B3|CEAF-e)\s+[\d.]+\s+[\d.]+\s+([\d.]+)$", printed, re.M))
    assert set(figures) == {"MUC", "B3", "CEAF-e"}
    assert all(0 < float(f) <= 100 for f in figures.values())
    conll = float(re.search(r"^CoNLL\s+([\d.]+)$", printed, re.M).group(1))  # type: ignore[union-attr]
    assert 50 < conll <= 100
    resp, gold = read_conll(out), read_conll(key)
    assert [k for k, _ in resp] == [k for k, _ in gold] and len(resp) > 100
    assert len({k for k, _ in resp}) == len(resp)
    # the response is not the lemma baseline nor all singletons
    assert 1 < len({n for _, n in resp}) < len(resp)
