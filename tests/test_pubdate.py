"""The publication-date chain: cases as data, plus the chain's own rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

import dateline.time
from dateline.errors import ConfigError
from dateline.pubdate import DEFAULT_CHAIN, find_date, find_publication_date, parse_metadata_value
from dateline.records import PublicationDate, SourceItem
from dateline.sources import build_document, prepare

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CASES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "pubdate_cases.yaml").read_text(encoding="utf-8"))
STRINGS: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "date_strings.yaml").read_text(encoding="utf-8"))
SOURCES = {"metadata", "meta-tag", "published-line", "dateline", "url", "inferred", "none"}


@pytest.fixture
def no_inference(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cases test the explicit links; the text-inference link is tested on its own below."""
    monkeypatch.setattr(dateline.time, "infer_reference_date", lambda text: None, raising=False)


@pytest.mark.usefixtures("no_inference")
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_pubdate_case(case: dict[str, Any]) -> None:
    item = SourceItem("case", case.get("fmt", "text"), case["content"], "case", meta=case.get("meta", {}))
    found = build_document(item).published
    expect = case["expect"]
    assert found.source in SOURCES
    assert (found.value, found.source) == (expect["value"], expect["source"]), found.evidence
    if "evidence" in expect:
        assert expect["evidence"] in found.evidence
    if "min_confidence" in expect:
        assert found.confidence >= expect["min_confidence"]
    if "max_confidence" in expect:
        assert found.confidence <= expect["max_confidence"]
    if found.source == "none":
        assert found.evidence == "" and found.confidence == 0.0
    else:
        assert found.evidence and 0.0 < found.confidence <= 1.0


@pytest.mark.parametrize("case", STRINGS, ids=[c["text"] for c in STRINGS])
def test_date_strings(case: dict[str, Any]) -> None:
    found = find_date(case["text"])
    if case["value"] is None:
        assert found is None
        return
    assert found is not None and found.value == case["value"]
    assert found.ambiguous == case.get("ambiguous", False)
    if "tz" in case:
        assert found.tz == case["tz"]
    assert found.matched in case["text"]


def test_metadata_values() -> None:
    assert parse_metadata_value("20250211") is not None
    assert parse_metadata_value(True) is None
    assert parse_metadata_value(None) is None
    millis = parse_metadata_value(1736899200000)
    assert millis is not None and millis.value == date(2025, 1, 15)


def _item(text: str, **meta: Any) -> SourceItem:
    return SourceItem("x.txt", "text", text, "x", meta=meta)


def test_inference_is_the_last_link(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def infer(text: str) -> PublicationDate:
        calls.append(text)
        return PublicationDate(date(2024, 5, 1), "inferred", "from weekdays", 0.8)

    monkeypatch.setattr(dateline.time, "infer_reference_date", infer, raising=False)
    found = build_document(_item("Port strike\n\nDock workers walked off the job on Monday, the union said.")).published
    assert (found.value, found.source, found.evidence) == (date(2024, 5, 1), "inferred", "from weekdays")
    assert found.confidence <= 0.5  # inference never claims much
    calls.clear()
    explicit = build_document(_item("Dock workers walked off the job on Monday.", published="2025-02-03")).published
    assert (explicit.value, explicit.source) == (date(2025, 2, 3), "metadata")
    assert calls == []  # inference is not even consulted when metadata gives the date


@pytest.mark.parametrize(
    ("inferred", "text", "expected"),
    [
        # a dateline a little before the inferred day is that day's year, not the next one
        (date(2025, 1, 2), "Fire at celebrations\n\nMANILA, Dec. 31 (Meridian) - A fire broke out late on "
         "Wednesday, police said.", date(2024, 12, 31)),
        # the text tells "Sept. 27" as past, so the report is on or after it: "April 10" is the next
        # April's, though last April's is nearer
        (date(2030, 9, 29), "A year on\n\nNAIROBI, April 10 (Meridian) - Engineers restarted the wells on "
         "Saturday, officials said.", date(2031, 4, 10)),
    ],
)  # fmt: skip
def test_the_date_inferred_from_the_text_gives_a_dateline_its_year(
    monkeypatch: pytest.MonkeyPatch, inferred: date, text: str, expected: date
) -> None:
    monkeypatch.setattr(dateline.time, "infer_reference_date",
                        lambda text: PublicationDate(inferred, "inferred", "x", 0.4), raising=False)
    found = build_document(_item(text)).published
    assert (found.value, found.source) == (expected, "dateline")
    assert "inferred" in found.evidence


def test_a_copyright_notice_bounds_the_year_of_a_dateline_with_the_leads_weekday() -> None:
    # the text's only years are background (2005, 2002): the inference alone would place the
    # report in 2005, where 6 September is also a Tuesday; the page's notice says 2022
    body = ("Ports row\n\nDILI, Sept 6 (Meridian) - Timor-Leste summoned Australia's ambassador on Tuesday "
            "over a seized trawler.\n\nThe two navies faced off there in 2005, and a court ruled on the "
            "islands in December 2002.\n\n")  # fmt: skip
    found = build_document(_item(body + "(c) 2022 Meridian Wire. All rights reserved.")).published
    assert (found.value, found.source) == (date(2022, 9, 6), "dateline")
    assert "copyright" in found.evidence
    # the notice is a bound: the page may have been made after the report (Sept 6 was a Friday in 2019)
    odd = build_document(_item(body.replace("Tuesday", "Friday") + "© 2022 Meridian Wire")).published
    assert odd.value == date(2019, 9, 6)
    # nor does a notice older than what the text reports
    old = build_document(_item(body + "Copyright 1999 Meridian Wire")).published
    assert "copyright" not in old.evidence and old.value != date(1999, 9, 6)


def test_a_weekday_of_another_week_in_the_lead_does_not_pick_the_datelines_year() -> None:
    """ "on Monday freed ... held since last Friday": the dateline's day is the Monday (Nov 7 in
    2022), not a Friday (Nov 7 in 2025, later, would win if "last Friday" counted)."""
    body = ("Aid workers freed\n\nDOLOW, Nov 7 (Meridian) - The armed group on Monday freed two aid "
            "workers it had held since last Friday, officials said.\n\n(c) 2026 Meridian Wire")  # fmt: skip
    found = build_document(_item(body)).published
    assert (found.value, found.source) == (date(2022, 11, 7), "dateline")


def test_missing_inference_gives_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(dateline.time, "infer_reference_date", raising=False)
    found = build_document(_item("Dock workers walked off the job on Monday, the union said.")).published
    assert found == PublicationDate(None, "none", "", 0.0)


@pytest.mark.usefixtures("no_inference")
def test_chain_order_is_data() -> None:
    item = _item("Port strike\nPublished: 7 Nov. 2024\nDock workers walked off the job.",
                 url="https://ledger.example.org/2024/11/06/port")
    prepared = prepare(item)
    doc = build_document(item)
    args = (item, doc.text, doc.blocks)
    stamps = prepared.cleaned.stamps
    assert find_publication_date(*args, stamps=stamps).source == "published-line"
    assert find_publication_date(*args, stamps=stamps, chain=("url", "published-line")).value == date(2024, 11, 6)
    assert find_publication_date(*args, stamps=stamps, chain=()).source == "none"
    assert DEFAULT_CHAIN[0] == "metadata" and DEFAULT_CHAIN[-1] == "inferred"
    with pytest.raises(ConfigError, match="unknown publication-date link"):
        find_publication_date(*args, chain=("metadata", "horoscope"))
