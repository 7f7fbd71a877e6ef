# ruff: noqa: E501
"""The TempEval-3 harness: TimeML reading/writing and the scorer, on hand-made documents."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dateline.bench.tempeval import SPLIT_FILE, run
from dateline.bench.tempeval_io import GoldTimex, read_timeml
from dateline.bench.tempeval_score import measures, score_document

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-05-04" temporalFunction="false" functionInDocument="CREATION_TIME">May 4, 2001</TIMEX3></DCT>
<TEXT>
Officials <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2001-05-03">yesterday</TIMEX3> that R&amp;D spending rose for <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3>.
The plan was drafted <TIMEX3 tid="t3" type="DATE" value="2001-W17">last week</TIMEX3>.
</TEXT>
</TimeML>
"""


def _g(start: int, end: int, value: str, type_: str = "DATE") -> GoldTimex:
    return GoldTimex(start, end, "x" * (end - start), type_, value)


def test_read_strips_tags_and_unescapes(tmp_path: Path) -> None:
    p = tmp_path / "TEST001.tml"
    p.write_text(DOC, encoding="utf-8")
    doc = read_timeml(p)
    assert doc.dct == date(2001, 5, 4)
    assert "R&D" in doc.plain and "R&amp;D" in doc.source and "<" not in doc.source
    assert [(g.text, g.value) for g in doc.gold] == [("yesterday", "2001-05-03"), ("three years", "P3Y"),
                                                     ("last week", "2001-W17")]  # fmt: skip
    for g in doc.gold:
        assert doc.plain[g.start : g.end] == g.text


def test_scorer_known_answer() -> None:
    gold = [_g(0, 10, "2001"), _g(20, 30, "P3Y", "DURATION"), _g(40, 50, "2001-05")]
    system = [
        _g(0, 10, "2001"),  # strict match, right value
        _g(22, 30, "P2Y", "DURATION"),  # relaxed match, wrong value
        _g(60, 65, "2002"),  # spurious
    ]
    m = measures(score_document(gold, system))
    assert m.strict_p == pytest.approx(1 / 3) and m.strict_r == pytest.approx(1 / 3)
    assert m.relaxed_p == pytest.approx(2 / 3) and m.relaxed_r == pytest.approx(2 / 3)
    assert m.relaxed_f1 == pytest.approx(2 / 3)
    assert m.value_accuracy == pytest.approx(1 / 2)
    assert m.value_f1 == pytest.approx(1 / 3)
    assert m.type_accuracy == pytest.approx(1.0)


def test_scorer_empty_system() -> None:
    m = measures(score_document([_g(0, 4, "2001")], []))
    assert m.relaxed_f1 == 0.0 and m.value_f1 == 0.0 and m.strict_r == 0.0


def test_run_writes_byte_identical_text_and_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "TEST001.tml").write_text(DOC, encoding="utf-8")
    out = tmp_path / "out"
    total = run(src, out, src)
    assert total is not None
    m = measures(total)
    assert m.strict_f1 == pytest.approx(1.0) and m.value_f1 == pytest.approx(1.0)
    written = (out / "TEST001.tml").read_text(encoding="utf-8")
    assert 'functionInDocument="CREATION_TIME">May 4, 2001</TIMEX3></DCT>' in written
    assert '<TIMEX3 tid="t1" type="DATE" value="2001-05-03"' in written
    again = read_timeml(out / "TEST001.tml")
    assert again.plain == read_timeml(src / "TEST001.tml").plain
    assert [g.value for g in again.gold] == ["2001-05-03", "P3Y", "2001-W17"]


def test_split_is_by_document_and_covers_both_corpora() -> None:
    split = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    dev, held = set(split["dev"]), set(split["heldout"])
    assert not dev & held
    assert len(dev) + len(held) == 256
    for part in (dev, held):
        assert any(n.startswith("APW") or n.startswith("NYT") for n in part)
        assert any(n.startswith("wsj") for n in part)
