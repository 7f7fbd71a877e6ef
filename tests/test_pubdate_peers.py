"""A year-less dateline takes the year of the reports read with it (dateline.pubdate.peers)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

from helpers_store import FakePipeline

from dateline.api import Dateline
from dateline.pubdate.links import CONFIDENCE
from dateline.pubdate.peers import FIRM, date_by_peers, guessed_year, year_from_peers
from dateline.records import PublicationDate, Rejection
from dateline.settings import Settings
from dateline.sources import iter_documents

WIRE = ("ROTTERDAM, May 14 (Harbour Wire) -- The port authority on Tuesday lifted a levy on grain ships "
        "after a week of protests by shipowners, officials said.\n")  # fmt: skip
PAGE = ("Grain levy protest grows\n\nPublished: {day}\n\n"
        "Shipowners blocked the harbour entrance on {weekday}, the port said.\n")


def _guess(value: date, rule: str = "dateline-weekday-year") -> PublicationDate:
    return PublicationDate(value, "dateline", "ROTTERDAM, May 14 (Harbour Wire) -- [year ...]", CONFIDENCE[rule])


def test_the_year_of_the_peers_keeps_the_leads_weekday() -> None:
    # 14 May is a Tuesday in 2024 and in 2019; peers from May 2019 move the guess back five years
    moved = year_from_peers(_guess(date(2024, 5, 14)), [date(2019, 5, 10), date(2019, 5, 16), date(2019, 5, 20)])
    assert moved is not None and moved.value == date(2019, 5, 14)
    assert moved.confidence == CONFIDENCE["dateline-peer-year"] and "read with it" in moved.evidence
    # without a weekday any year fits: the one nearest the peers
    plain = year_from_peers(_guess(date(2024, 5, 14), "dateline-saved-year"), [date(2021, 5, 2)])
    assert plain is not None and plain.value == date(2021, 5, 14)


def test_the_lead_may_tell_the_day_before_the_dateline() -> None:
    # no Tuesday 14 May lies near May 2025, but 14 May 2025 is the Wednesday after one: a report
    # filed the day after the news its lead tells "on Tuesday"
    peers = [date(2025, 5, 12), date(2025, 5, 15), date(2025, 5, 19)]
    moved = year_from_peers(_guess(date(2024, 5, 14)), peers)
    assert moved is not None and moved.value == date(2025, 5, 14)
    assert "the day after the Tuesday" in moved.evidence
    # a year whose 14 May is the lead's own weekday is preferred when one lies near the peers
    kept = year_from_peers(_guess(date(2024, 5, 14)), [date(2019, 5, 10), date(2019, 5, 16)])
    assert kept is not None and kept.value == date(2019, 5, 14)


def test_a_weekday_earlier_in_the_week_yields_to_a_day_inside_the_peers_span() -> None:
    # "ROTTERDAM, May 14 - ... on Friday": filed on the Sunday after; no 14 May near the peers is a
    # Friday or a Saturday, but 14 May 2023 lies among their dates
    peers = [date(2023, 5, 2), date(2023, 5, 20), date(2023, 6, 30)]
    moved = year_from_peers(_guess(date(2021, 5, 14)), peers)
    assert moved is not None and moved.value == date(2023, 5, 14)
    assert "another day of its week" in moved.evidence
    # outside the span of the peers' dates the weekday still holds the guess
    assert year_from_peers(_guess(date(2021, 5, 14)), [date(2023, 12, 20)]) is None


def test_peers_far_away_no_peers_or_a_firm_date_change_nothing() -> None:
    assert year_from_peers(_guess(date(2024, 5, 14)), []) is None
    assert year_from_peers(_guess(date(2024, 5, 14)), [date(2024, 5, 2)]) is None  # already their year
    # no year with a Tuesday 14 May lies within months of December 2020
    assert year_from_peers(_guess(date(2024, 5, 14)), [date(2020, 12, 1)]) is None
    firm = PublicationDate(date(2024, 5, 14), "dateline", "ROTTERDAM, May 14, 2024 --", CONFIDENCE["dateline"])
    assert year_from_peers(firm, [date(2019, 5, 10)]) is None


def test_peers_do_not_move_a_year_inferred_from_the_text_earlier() -> None:
    # the text put the report on or after its inferred day: peers a year earlier do not move it
    inferred = _guess(date(2013, 4, 10), "dateline-inferred-year")
    assert year_from_peers(inferred, [date(2012, 4, 20), date(2012, 4, 25)]) is None
    # but may move it later ("the June 2018 conference" gave the text's year; the story is 2019's)
    later = year_from_peers(_guess(date(2018, 6, 20), "dateline-inferred-year"), [date(2019, 6, 18)])
    assert later is not None and later.value == date(2019, 6, 20)


def _save(path: Path, text: str, day: datetime) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (day.timestamp(), day.timestamp()))


def test_a_folder_of_one_story_dates_its_year_less_wire_copy(tmp_path: Path) -> None:
    saved = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    _save(tmp_path / "a_wire.txt", WIRE, saved)
    _save(tmp_path / "b_page.txt", PAGE.format(day="12 May 2019", weekday="Sunday"), saved)
    _save(tmp_path / "c_page.txt", PAGE.format(day="16 May 2019", weekday="Thursday"), saved)
    alone = [d for d in iter_documents([tmp_path / "a_wire.txt"]) if not isinstance(d, Rejection)]
    assert alone[0].published.value == date(2024, 5, 14)  # the latest Tuesday 14 May before it was saved
    docs = {d.id: d for d in date_by_peers(iter_documents([tmp_path])) if not isinstance(d, Rejection)}
    assert docs["a_wire"].published.value == date(2019, 5, 14)
    assert docs["b_page"].published.value == date(2019, 5, 12)  # firm dates are left alone
    with Dateline(tmp_path / "t.db", Settings(), pipeline=FakePipeline()) as dl:  # ingest does it
        dl.ingest([tmp_path])
        published = {d.id: d.published for d in dl.documents()}
    assert published["a_wire"].value == date(2019, 5, 14)


def test_a_report_without_a_date_or_year_is_dated_from_its_text_with_the_peers_year(tmp_path: Path) -> None:
    record = ('{"id": "r2", "title": "Levy lifted", "text": "The port authority lifted the grain levy on '
              'Wednesday, May 15, a day after shipowners blocked the harbour entrance, officials said."}')  # fmt: skip
    dated = '{"id": "r1", "published": "2019-05-14", "text": "Shipowners blocked the harbour entrance on Tuesday."}'
    (tmp_path / "feed.jsonl").write_text(dated + "\n" + record + "\n", encoding="utf-8")
    alone = [d for d in iter_documents([tmp_path]) if not isinstance(d, Rejection)]
    assert [d.published.value for d in alone] == [date(2019, 5, 14), None]  # no year anywhere in r2
    docs = [d for d in date_by_peers(iter_documents([tmp_path])) if not isinstance(d, Rejection)]
    r2 = docs[1].published
    assert r2.value == date(2019, 5, 15) and r2.source == "inferred" and "read with it" in r2.evidence
    assert r2.confidence <= CONFIDENCE["inferred-max"]


def test_a_dateline_year_borrowed_from_history_in_the_text_yields_to_the_peers(tmp_path: Path) -> None:
    # the only year in the text is history ("the June 2018 conference"): the inferred year, and the
    # dateline's with it, would be 2018; the reports read with it are from November 2019
    wire = ("KUNMING, China, Nov 9 (Harbour Wire) -- The two delegations agreed on Saturday to pull troops back,"
            " the first deal since the border conference of June 2018 broke down, officials said.\n")  # fmt: skip
    (tmp_path / "a_wire.txt").write_text(wire, encoding="utf-8")
    (tmp_path / "b_page.txt").write_text(PAGE.format(day="8 November 2019", weekday="Friday"), encoding="utf-8")
    (tmp_path / "c_page.txt").write_text(PAGE.format(day="12 November 2019", weekday="Monday"), encoding="utf-8")
    alone = [d for d in iter_documents([tmp_path / "a_wire.txt"]) if not isinstance(d, Rejection)]
    assert alone[0].published.value == date(2018, 11, 9)
    assert guessed_year(alone[0].published) and alone[0].published.confidence < FIRM  # a guess, and no peer
    docs = {d.id: d for d in date_by_peers(iter_documents([tmp_path])) if not isinstance(d, Rejection)}
    assert docs["a_wire"].published.value == date(2019, 11, 9)


def test_a_year_a_copyright_notice_bounded_by_the_leads_weekday_yields_to_the_peers(tmp_path: Path) -> None:
    # "(c) 2025" and "on Tuesday": the latest Tuesday 14 May by the notice is in 2024; the reports
    # read with it are from May 2025, whose 14 May is the Wednesday after a Tuesday (the lead told
    # the news of the day before the dateline's)
    body = WIRE + "\n(c) 2025 Harbour Wire. All rights reserved.\n"
    (tmp_path / "a_wire.txt").write_text(body, encoding="utf-8")
    (tmp_path / "b_page.txt").write_text(PAGE.format(day="12 May 2025", weekday="Sunday"), encoding="utf-8")
    (tmp_path / "c_page.txt").write_text(PAGE.format(day="16 May 2025", weekday="Thursday"), encoding="utf-8")
    alone = [d for d in iter_documents([tmp_path / "a_wire.txt"]) if not isinstance(d, Rejection)]
    assert alone[0].published.value == date(2024, 5, 14)  # the latest Tuesday 14 May by the notice
    assert alone[0].published.confidence == CONFIDENCE["dateline-copyright-year"] and guessed_year(alone[0].published)
    docs = {d.id: d for d in date_by_peers(iter_documents([tmp_path])) if not isinstance(d, Rejection)}
    moved = docs["a_wire"].published
    assert moved.value == date(2025, 5, 14) and "the day after the Tuesday" in moved.evidence


def test_a_numeric_date_that_reads_both_ways_takes_the_reading_near_the_peers(tmp_path: Path) -> None:
    # 12 March or 3 December (no British spelling to read it day first: "harbor", not "harbour")
    ambiguous = PAGE.format(day="03/12/2024", weekday="Sunday").replace("harbour", "harbor")
    (tmp_path / "a_page.txt").write_text(ambiguous, encoding="utf-8")
    (tmp_path / "b_page.txt").write_text(PAGE.format(day="28 November 2024", weekday="Tuesday"), encoding="utf-8")
    (tmp_path / "c_page.txt").write_text(PAGE.format(day="9 December 2024", weekday="Friday"), encoding="utf-8")
    alone = [d for d in iter_documents([tmp_path / "a_page.txt"]) if not isinstance(d, Rejection)]
    assert alone[0].published.value == date(2024, 3, 12) and alone[0].published.swapped == date(2024, 12, 3)
    docs = {d.id: d for d in date_by_peers(iter_documents([tmp_path])) if not isinstance(d, Rejection)}
    read = docs["a_page"].published
    assert read.value == date(2024, 12, 3) and read.source == "published-line" and "read with it" in read.evidence
    # peers near the first reading (or none) leave it as it is
    (tmp_path / "b_page.txt").write_text(PAGE.format(day="10 March 2024", weekday="Friday"), encoding="utf-8")
    (tmp_path / "c_page.txt").write_text(PAGE.format(day="14 March 2024", weekday="Tuesday"), encoding="utf-8")
    docs = {d.id: d for d in date_by_peers(iter_documents([tmp_path])) if not isinstance(d, Rejection)}
    assert docs["a_page"].published.value == date(2024, 3, 12)
