"""Timelines: rows of a date and what happened that day, in HTML tables, Markdown pipes or lines
that open with their date ("- 17 Sep: The navy seizes the survey ship.").

Each row becomes the date as a heading and the event as a paragraph, as a digest's dated items
are, so the event stage dates the item by its row (``events.section_dates``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dateline.pubdate.parsing import MONTH_NAMES, WEEKDAYS
from dateline.time.sections import PARTS_OF_DAY

from .markdown import BREAK, RawLine

_MONTH_WORDS = frozenset(
    [*MONTH_NAMES, *(m[:3] for m in MONTH_NAMES), "sept", *WEEKDAYS, *(d[:3] for d in WEEKDAYS)]
)
# what may follow a date cell's comma: a part of the day, as beside a day heading, or a clock's words
_TIMES_OF_DAY = PARTS_OF_DAY | frozenset({"dusk", "midday", "early", "late", "c", "ca", "circa", "about", "am", "pm",
                                          "a", "p", "m", "local", "time", "hrs", "h"})  # fmt: skip
MAX_DATE_CELL_WORDS = 5
MIN_TIMELINE_ROWS = 2
MIN_PROSE_WORDS = 5  # the cell that tells what happened reads as a sentence
_PIPE_ROW = re.compile(r"\|(?P<cells>.*)\|")
_RULE_ROW = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")


def date_cell(text: str) -> bool:
    """A table cell that is a date and nothing else: "28 Dec", "2–3 Apr", "Tue 14 March 2023",
    "2023-03-05", "05/03"; or a date and, after a comma, the time of day ("21 Apr (Mon), night",
    "6 May (Tue), c. 01:05 IST")."""
    day, comma, when = text.partition(",")
    if comma and when.strip() and _time_of_day(when) and date_cell(day):
        return True
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(text.split()) > MAX_DATE_CELL_WORDS or not any(ch.isdigit() for ch in text):
        return False
    if not words:
        return bool(re.fullmatch(r"\d{1,4}(?:[-/.]\d{1,2}){1,2}(?:\s*[-–]\s*\d{1,4}(?:[-/.]\d{1,2}){0,2})?", text))
    return all(w in _MONTH_WORDS for w in words)  # (the words hold no dots: "Dec." is "dec")


def _time_of_day(text: str) -> bool:
    """A time of day, loosely: "night", "early morning", "c. 01:05 IST", "17:00 local"."""
    words = re.findall(r"[^\W\d_]+", text)
    return len(text.split()) <= MAX_DATE_CELL_WORDS and all(
        w.lower() in _TIMES_OF_DAY or (w.isupper() and 2 <= len(w) <= 4) for w in words
    )


def timeline_row(cells: list[str]) -> tuple[str, str] | None:
    """(date, what happened) of a row whose first cell is a date and whose longest other cell
    reads as a sentence; None for any other row."""
    if len(cells) < 2:
        return None
    prose = max(cells[1:], key=len)
    if date_cell(cells[0]) and len(prose.split()) >= MIN_PROSE_WORDS:
        return cells[0], prose
    return None


def as_items(rows: list[tuple[str, str]]) -> list[RawLine]:
    """Timeline rows as dated items: a heading line for the day, a paragraph for the event."""
    out: list[RawLine] = []
    for day, what in rows:
        out += [RawLine(day, "heading", row_date=True), BREAK, RawLine(what, "text"), BREAK]
    return out


def with_pipe_timelines(lines: list[RawLine]) -> list[RawLine]:
    """``lines`` with each Markdown pipe table that is a timeline ("| 7 Mar | Venezuela's navy
    seizes the survey ship. |") made dated items; other tables stay as they are."""
    out: list[RawLine] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].hint == "text" and _PIPE_ROW.fullmatch(lines[j].text):
            j += 1
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        table = [line for line in lines[i:j] if not _RULE_ROW.fullmatch(line.text)]
        rows = [_pipe_row(line.text) for line in table]
        if sum(r is not None for r in rows) >= MIN_TIMELINE_ROWS:
            for line, row in zip(table, rows, strict=True):  # (a row that is no dated event stays as it was)
                out += as_items([row]) if row is not None else [line, BREAK]
        else:
            out += lines[i:j]
        i = j
    return out


# "17 Sep: ...", "2 March 2023 - ...", "Tue 5 Nov — ...", "23–24 January – ...", "29 May. A ...":
# a date (a dash only between two numbers), then a colon, a dash or a full stop
_DATED_LINE = re.compile(
    r"(?P<day>[^\W_](?:[^:–—]|(?<=\d)[–—](?=\d)){0,40}?)"
    r"\s*(?::|\.(?=\s+[\"“A-Z])|\s[–—-]\s|(?<!\d)[–—]|[–—](?!\d))\s*(?P<what>\S.*)"
)


def dated_line(text: str) -> tuple[str, str] | None:
    """(date, what happened) of a line that opens with a date and a colon or dash and goes on
    with a sentence; None for any other line."""
    match = _DATED_LINE.fullmatch(text)
    if match is None:
        return None
    return timeline_row([match["day"].strip(), match["what"].strip()])


def with_dated_lines(lines: Sequence[RawLine]) -> list[RawLine]:
    """``lines`` with the lines of a list timeline made dated items, when the document has at
    least MIN_TIMELINE_ROWS of them (one "5 May: ..." line in a report is no timeline)."""
    rows = [dated_line(line.text) if line.hint == "text" else None for line in lines]
    if sum(r is not None for r in rows) < MIN_TIMELINE_ROWS:
        return list(lines)
    out: list[RawLine] = []
    for line, row in zip(lines, rows, strict=True):
        out += as_items([row]) if row is not None else [line]
    return out


def _pipe_row(line: str) -> tuple[str, str] | None:
    match = _PIPE_ROW.fullmatch(line)
    return timeline_row([c.strip() for c in match["cells"].split("|")]) if match else None
