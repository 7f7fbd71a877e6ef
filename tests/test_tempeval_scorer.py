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


# The head of a TempEval-3 test document (DOCID, DCT, TITLE, EXTRA_INFO), the same in its
# TE3input and in its gold file.
TE3_HEAD = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">

<DOCID>wire_20310321</DOCID>

<DCT><TIMEX3 tid="t0" type="DATE" value="2031-03-21" temporalFunction="false" functionInDocument="CREATION_TIME">2031-03-21</TIMEX3></DCT>

<TITLE>Port reopens after strike</TITLE>

<EXTRA_INFO>wire copy</EXTRA_INFO>

<TEXT>
"""

TE3_GOLD = TE3_HEAD + """The port <EVENT eid="e1" class="OCCURRENCE">reopened</EVENT> <TIMEX3 tid="t1" type="DATE" value="2031-03-20" temporalFunction="true" functionInDocument="NONE" anchorTimeID="t0">Thursday</TIMEX3> <SIGNAL sid="s1">after</SIGNAL> a strike that <EVENT eid="e2" class="OCCURRENCE">lasted</EVENT> <TIMEX3 tid="t2" type="DURATION" value="P2W" temporalFunction="false" functionInDocument="NONE">two weeks</TIMEX3>.
</TEXT>

<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>

</TimeML>
"""

TE3_INPUT = TE3_HEAD + """The port reopened Thursday after a strike that lasted two weeks.
</TEXT>

</TimeML>
"""


def _te3_dirs(tmp_path: Path, inputs: dict[str, str]) -> tuple[Path, Path, Path]:
    """Input, gold and output folders: each named input as ``NAME.tml.TE3input``, with the gold
    ``NAME.tml`` beside it."""
    src, gold, out = tmp_path / "in", tmp_path / "gold", tmp_path / "out"
    src.mkdir()
    gold.mkdir()
    for name, text in inputs.items():
        (src / f"{name}.tml.TE3input").write_text(text, encoding="utf-8")
        (gold / f"{name}.tml").write_text(TE3_GOLD, encoding="utf-8")
    return src, gold, out


def test_te3input_files_are_tagged_and_scored_against_full_timeml_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The TempEval-3 test set's shape: ``NAME.tml.TE3input`` (DCT and text only) as input, and a
    gold ``NAME.tml`` with events, signals, instances and links around the timexes."""
    src, gold, out = _te3_dirs(tmp_path, {"wire_20310321": TE3_INPUT})
    total = run(src, out, gold)
    assert total is not None
    m = measures(total)
    assert (m.strict_f1, m.value_f1) == (pytest.approx(1.0), pytest.approx(1.0))
    written = (out / "wire_20310321.tml").read_text(encoding="utf-8")
    assert written.startswith(TE3_HEAD)
    assert 'value="2031-03-20"' in written and 'value="P2W"' in written
    assert read_timeml(out / "wire_20310321.tml").plain == read_timeml(src / "wire_20310321.tml.TE3input").plain


def test_a_document_whose_gold_text_differs_counts_its_gold_as_missed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A document that cannot be scored is not left out (which would raise the figures): its gold
    timexes count as missed, and the harness says why."""
    src, gold, out = _te3_dirs(
        tmp_path, {"wire_20310321": TE3_INPUT, "wire_20310322": TE3_INPUT.replace("port", "harbour")}
    )
    total = run(src, out, gold)
    assert total is not None
    assert total.gold == 4
    m = measures(total)
    assert m.strict_r == pytest.approx(0.5) and m.strict_p == pytest.approx(1.0)
    assert "wire_20310322: text differs from its gold" in capsys.readouterr().err
