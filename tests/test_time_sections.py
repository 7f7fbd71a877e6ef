"""Dated sections: a live blog's day headings anchor the time phrases and the events under them."""

from __future__ import annotations

from datetime import date

from dateline.pipeline import Pipeline
from dateline.records import SourceItem
from dateline.sources import build_document

# Written for this test: a live blog updated on Sunday, newest first, with Saturday's entries below.
LIVE = """Border clashes: live

Last updated: 14 June 2026, 09:40

Newest first. All times local.

------------------------------------------------------------
SUNDAY 14 JUNE
------------------------------------------------------------

09:20  Officials have raised the toll from Saturday's rocket strike on the market to six dead.

08:05  Shelling has stopped along the river, residents say.

------------------------------------------------------------
SATURDAY 13 JUNE
------------------------------------------------------------

21:30  The Laotian foreign minister spoke by phone this evening with the Thai foreign minister, his ministry says.

14:15  The air force says its jets struck two Laotian army positions at about 1 p.m.

11:02  A rocket has hit the market in Ban Dan, killing four civilians, Thai officials say.
"""


def _analysis(pipeline: Pipeline, text: str):  # type: ignore[no-untyped-def]
    item = SourceItem("live.txt", "text", text, "live", meta={"published": "2026-06-14"})
    return pipeline.analyse(build_document(item))


def test_phrases_under_a_day_heading_count_from_that_day(pipeline: Pipeline) -> None:
    times = {t.text: t for t in _analysis(pipeline, LIVE).times}
    # written on Saturday: "this evening" and "1 p.m." are Saturday's, not the day of the last update
    assert times["this evening"].first == date(2026, 6, 13)
    assert times["about 1 p.m."].value == "2026-06-13T13:00"
    assert times["Saturday"].first == date(2026, 6, 13)  # "Saturday's rocket strike", written on Sunday


def test_events_under_a_day_heading_take_its_day(pipeline: Pipeline) -> None:
    events = _analysis(pipeline, LIVE).events
    call = next(e for e in events if e.type == "CONSULT")
    assert call.date.first == date(2026, 6, 13)
    strike = next(e for e in events if e.type == "ASSAULT" and e.evidence.trigger == "struck")
    assert strike.date.value == "2026-06-13T13:00"
    # "has hit", an entry in the present perfect: the day of its section, not of the page
    rocket = next(e for e in events if e.type == "ASSAULT" and e.evidence.trigger == "hit")
    assert rocket.date.first == date(2026, 6, 13)
    assert rocket.date.rule == "section-date"


# Written for this test: a Markdown timeline whose date cells carry the weekday in parentheses
# and, in one row, the time of day after a comma.
TABLE = """A month on the border: a timeline

| Date | What happened |
|---|---|
| 21 Apr (Mon), night | Kenya closes the Mandera crossing to Somali traders and recalls its ambassador. |
| 22 Apr (Tue) | Somalia closes its airspace to Kenyan airlines and suspends all trade with Kenya. |
| 30 Apr (Wed) | Kenya bars Somali aircraft from its airspace. |
"""


def test_timeline_rows_with_weekdays_in_brackets_take_their_day(pipeline: Pipeline) -> None:
    item = SourceItem("t.md", "markdown", TABLE, "t", meta={"published": "2026-05-19"})
    analysis = pipeline.analyse(build_document(item))
    text = analysis.document.text
    assert not [line for line in text.splitlines() if line.startswith("| ") and "Apr" in line]  # all dated items
    days = {e.evidence.trigger: e.date for e in analysis.events if e.type == "SANCTION"}
    assert days["closes"].first == date(2026, 4, 21) or days["closes"].first == date(2026, 4, 22)
    assert days["bars"].first == date(2026, 4, 30) and days["bars"].rule == "section-date"
    assert all(d.first is not None and d.rule == "section-date" for d in days.values())


# Written for this test: a live blog with no day headings, only entry times on lines of their own,
# newest first; the page is Thursday's, its last entry past midnight; an entry names a Wednesday.
CLOCKS = """Border strikes: as it happened

Thursday 12 March 2026

All times are GMT.

Fri 00:40 GMT
Gunmen have ambushed a police convoy near Moyale, killing three officers, police say.

22:10 GMT
The UN secretary-general's spokesman says he is deeply concerned and urges restraint.

21:30 GMT
Kenya's armed forces have been placed on high alert along the northern border, officials say.
Parliament will debate the crisis on Wednesday.

16:40 GMT
Kenyan authorities have closed the Moyale border crossing to all traffic, a customs official tells us.
"""


def test_entry_times_date_their_entries_on_the_pages_day(pipeline: Pipeline) -> None:
    item = SourceItem("clocks.txt", "text", CLOCKS, "clocks", meta={"published": "2026-03-12"})
    events = pipeline.analyse(build_document(item)).events
    alert = next(e for e in events if e.type == "MOBILIZE")
    # the entry time's day is the page's, not the Wednesday the entry above it named
    assert alert.date.first == date(2026, 3, 12) and alert.date.rule == "section-date"
    closure = next(e for e in events if e.type == "SANCTION")
    assert closure.date.first == date(2026, 3, 12)
    ambush = next(e for e in events if e.type == "ASSAULT")
    assert ambush.date.first == date(2026, 3, 13)  # "Fri 00:40": past midnight, Friday's
