"""The links of the publication-date chain.  Each looks at one kind of clue and returns a
``PublicationDate`` saying which link produced it and from which text, or None."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from dateline.records import Block, BlockKind, PublicationDate, SourceItem

from .markup import canonical_urls, markup_date
from .parsing import (
    WEEKDAYS,
    FoundDate,
    by_spelling,
    find_date,
    find_month_day,
    find_url_date,
    make_date,
    parse_metadata_value,
)
from .stamps import Stamp

CONFIDENCE = {
    "metadata": 0.95,
    "meta-tag": 0.9,
    "dateline": 0.85,  # a dateline with its own year
    "dateline-borrowed-year": 0.6,  # month-day, year from the URL
    "dateline-inferred-year": 0.45,  # month-day, year from the date inferred from the text
    "dateline-text-year": 0.35,  # month-day, year = the year the text mentions most
    "dateline-weekday-year": 0.4,  # month-day, year = the latest before the file was saved with the lead's weekday
    "dateline-saved-year": 0.25,  # month-day, year = the latest before the file was saved
    "dateline-copyright-year": 0.55,  # month-day, year = the latest by the copyright year with the lead's weekday
    "dateline-peer-year": 0.5,  # month-day, year = that of the reports read with it (pubdate.peers)
    "url": 0.7,
    "inferred-max": 0.5,  # inference never claims more than this
    "ambiguous-penalty": 0.2,  # day and month could be swapped (03/04/2025)
    "htmldate-penalty": 0.1,
}


@dataclass
class Clues:
    """Everything the links may look at for one document (built by find_publication_date)."""

    item: SourceItem
    text: str
    blocks: Sequence[Block]
    stamps: Sequence[Stamp] = ()
    url: str | None = None
    copyright_year: int | None = None  # the page's copyright notice: its year or later
    _inferred: PublicationDate | None = field(default=None, init=False)
    _inferred_done: bool = field(default=False, init=False)

    def inferred(self) -> PublicationDate | None:
        """The date inferred from the text (computed once, shared by the links that need it)."""
        if not self._inferred_done:
            self._inferred = _infer(self.text)
            self._inferred_done = True
        return self._inferred


Link = Callable[[Clues], PublicationDate | None]


def _tz_note(found: FoundDate) -> str:
    return f" [date part taken; time zone {found.tz}]" if found.tz else ""


def _confidence(base: float, found: FoundDate) -> float:
    return round(base - (CONFIDENCE["ambiguous-penalty"] if found.ambiguous else 0.0), 2)


# --------------------------------------------------------------------------- links


def from_metadata(clues: Clues) -> PublicationDate | None:
    """The record's ``published`` field (JSON Lines)."""
    raw = clues.item.meta.get("published")
    if raw is None:
        return None
    found = parse_metadata_value(raw)
    if found is None:
        return None
    return PublicationDate(
        found.value, "metadata", f"published: {raw}{_tz_note(found)}", _confidence(CONFIDENCE["metadata"], found)
    )


def from_markup(clues: Clues) -> PublicationDate | None:
    """HTML meta tags, JSON-LD, <time> (htmldate as a fallback, markup only)."""
    if clues.item.fmt != "html":
        return None
    found = markup_date(clues.item.content)
    if found is None:
        return None
    base = CONFIDENCE["meta-tag"] - (CONFIDENCE["htmldate-penalty"] if found.via == "htmldate" else 0.0)
    if found.via == "htmldate" and _same_as_url(found.found.value, clues):
        return None  # htmldate read the date off the URL: that is the url link's answer
    return PublicationDate(
        found.found.value, "meta-tag", found.evidence + _tz_note(found.found), _confidence(base, found.found)
    )


def _same_as_url(value: date, clues: Clues) -> bool:
    urls = [clues.url, clues.item.meta.get("url"), *canonical_urls(clues.item.content)]
    return any((hit := find_url_date(u)) is not None and hit[0] == value for u in urls)


def from_published_line(clues: Clues) -> PublicationDate | None:
    """ "Published:/Posted:/Updated:" lines; an "updated" stamp only when nothing better is there."""
    if not clues.stamps:
        return None
    best = min(enumerate(clues.stamps), key=lambda pair: (pair[1].rank, pair[0]))[1]
    found, spelled = by_spelling(best.found, clues.text)
    why = f" [day first: the text spells {spelled}]" if spelled else ""
    swapped = make_date(found.value.year, found.value.day, found.value.month) if found.ambiguous else None
    return PublicationDate(
        found.value, "published-line", best.line + why + _tz_note(found), _confidence(best.confidence, found),
        swapped=swapped,
    )


# "SEOUL, June 17 (Agency) --", "WASHINGTON (Agency) -", "LONDON, Jan. 5, 2026 /Wire/ --"
_PLACE_CAPS = r"[A-Z][A-Z.'’]+(?:(?:[ -]|\s?/\s?)[A-Z][A-Z.'’]+)*"  # "GENEVA/PIEDRA HONDA"
_PLACE_TITLE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}"
_REGION = r"(?:,\s*[A-Z][A-Za-z.'’]+(?: [A-Z][A-Za-z.'’]+){0,2})?"
_DATE_CHUNK = (
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?"
    r"|\d{4}-\d{2}-\d{2}))?"
)
_AGENCY = r"(?:\([^()\n]{1,40}\)|/[^/\n]{1,40}/)"
_SEPARATOR = r"\s*(?:--|—|–|\s-\s|:\s)"
_DATELINES = (  # "SEOUL, June 17 (Agency) --", "KYIV, Country (Agency) —", "LONDON, Jan. 5, 2026 /Wire/ --"
    re.compile(r"(?P<prefix>" + _PLACE_CAPS + _REGION + _DATE_CHUNK + r"\s*" + _AGENCY + r"?)" + _SEPARATOR),
    re.compile(r"(?P<prefix>" + _PLACE_TITLE + _REGION + _DATE_CHUNK + r"\s*" + _AGENCY + r")" + _SEPARATOR),
)


def dateline_length(paragraph: str) -> int:
    """How many characters of ``paragraph`` are a dateline ("GENEVA, March 17 (Wire) - "), or 0.

    The annotator parses the paragraph after it, so that the place of the dateline is not
    read as the subject of the first sentence."""
    for pattern in _DATELINES:
        m = pattern.match(paragraph)
        if m is not None:
            end = m.end()
            while end < len(paragraph) and paragraph[end].isspace():
                end += 1
            return end
    return 0


def first_bodies(text: str, blocks: Sequence[Block], count: int) -> list[str]:
    return [text[b.start : b.end] for b in blocks if b.kind is BlockKind.BODY][:count]


def lead_bodies(text: str, blocks: Sequence[Block]) -> list[str]:
    """The first body paragraphs, up to and with the first that reads as a sentence: where a
    dateline may stand, below a standfirst or lines of page furniture the cleaner kept."""
    out: list[str] = []
    for body in first_bodies(text, blocks, LEAD_SEARCH_BLOCKS):
        out.append(body)
        if len(body.split()) >= LEAD_MIN_WORDS and body.rstrip().endswith((".", "!", "?", '"', "”")):
            break
    return out


LEAD_SEARCH_BLOCKS = 8
LEAD_MIN_WORDS = 12


def from_dateline(clues: Clues) -> PublicationDate | None:
    """A dateline at the start of a paragraph opening the body (see :func:`lead_bodies`)."""
    match = next(
        (m for body in lead_bodies(clues.text, clues.blocks) for pattern in _DATELINES if (m := pattern.match(body))),
        None,
    )
    if match is None:
        return None
    prefix = match.group("prefix")
    evidence = match.group(0).strip()
    found = find_date(prefix)
    if found is not None:
        return PublicationDate(found.value, "dateline", evidence, _confidence(CONFIDENCE["dateline"], found))
    month_day = find_month_day(prefix)
    if month_day is None:
        return None
    url_date = find_url_date(clues.url or clues.item.meta.get("url"))
    inferred = clues.inferred() if url_date is None else None
    lead = match.string[match.end() :]  # the paragraph after its dateline
    by_notice = _year_by_notice(month_day.month, month_day.day, clues.copyright_year, inferred, lead)
    if url_date is not None:
        value = _nearest(month_day.month, month_day.day, url_date[0])
        how, confidence = "year from the URL", CONFIDENCE["dateline-borrowed-year"]
    elif by_notice is not None:
        value, how = by_notice
        confidence = CONFIDENCE["dateline-copyright-year"]
    elif inferred is not None and inferred.value is not None:
        value = _on_or_after(month_day.month, month_day.day, inferred.value - timedelta(days=INFERRED_SLACK_DAYS))
        how, confidence = "year from the date inferred from the text", CONFIDENCE["dateline-inferred-year"]
    elif (year := _most_mentioned_year(clues.text)) is not None:
        value = make_date(year, month_day.month, month_day.day)
        how, confidence = f"year {year}, the one the text mentions most", CONFIDENCE["dateline-text-year"]
    else:
        value, how, confidence = _year_before_saved(month_day.month, month_day.day, clues, lead)
    if value is None:
        return None
    return PublicationDate(value, "dateline", f"{evidence} [{how}]", confidence)


WEEKDAY_YEARS = 12  # how far back a weekday may place a year-less dateline (its cycle is 5, 6 or 11 years)
# a weekday of the story's own days: not "last Friday" or "next Monday", which name another week's
_LEAD_WEEKDAY = re.compile(
    r"(?<!last )(?<!next )(?<!past )(?<!previous )(?<!coming )(?<!following )\b("
    + "|".join(w.capitalize() for w in WEEKDAYS) + r")\b"
)


def _lead_weekdays(after: str) -> dict[int, str]:
    """The weekdays the lead sentence names, by number (Monday 0), as written: the day of the news
    ("The United States on Wednesday imposed ..."), and the day it was told when that is another
    ("... ambushed a convoy on Friday, sources said on Saturday"); not "last Friday"."""
    named = _LEAD_WEEKDAY.findall(re.split(r"(?<=[.!?])\s", after, maxsplit=1)[0])
    return {WEEKDAYS.index(w.lower()): w for w in named}


def _days_back(month: int, day: int, last: date, floor: date | None = None) -> list[date]:
    """The days with this month and day, latest first: none after ``last``, none more than
    WEEKDAY_YEARS years before it, and none more than a day before ``floor``."""
    days = [d for y in range(last.year, last.year - WEEKDAY_YEARS - 1, -1)
            if (d := make_date(y, month, day)) is not None and d <= last]  # fmt: skip
    return [d for d in days if floor is None or d >= floor - timedelta(days=1)]


def _year_by_notice(
    month: int, day: int, notice: int | None, inferred: PublicationDate | None, after: str
) -> tuple[date, str] | None:
    """A year-less dateline on a page whose copyright notice gives a year: the latest year by
    the notice in which the day falls on the weekday the lead names, and not before the date the
    text implies ("JAKARTA, Sept 6 -- ... on Tuesday", a 2005 stand-off in the background and
    "(c) 2022" at the foot).  None without a notice, a weekday, or a year that fits."""
    wanted = _lead_weekdays(after)
    if notice is None or not wanted:
        return None
    floor = inferred.value if inferred is not None else None
    found = next((d for d in _days_back(month, day, date(notice, 12, 31), floor) if d.weekday() in wanted), None)
    if found is None:
        return None
    weekday = wanted[found.weekday()]
    return found, f"year {found.year}: the latest by the page's copyright year ({notice}) in which it is a {weekday}"


def _year_before_saved(month: int, day: int, clues: Clues, after: str) -> tuple[date | None, str, float]:
    """A year-less dateline in a text that names no year: the latest such day not after the day
    the file was saved, and, when the lead sentence names a weekday ("WASHINGTON, March 10
    -- The United States on Wednesday imposed"), the latest that falls on that weekday.
    ``after``: the paragraph after the dateline.  Without a saved day (a record, stdin) the year
    stays unknown."""
    saved = _saved_day(clues)
    if saved is None:
        return None, "", 0.0
    candidates = _days_back(month, day, saved)
    if not candidates:
        return None, "", 0.0
    wanted = _lead_weekdays(after)
    if wanted:
        on_weekday = next((d for d in candidates if d.weekday() in wanted), None)
        if on_weekday is not None:
            how = (f"year {on_weekday.year}: the latest before the file was saved ({saved}) "
                   f"in which it is a {wanted[on_weekday.weekday()]}, as the lead says")  # fmt: skip
            return on_weekday, how, CONFIDENCE["dateline-weekday-year"]
    how = f"year {candidates[0].year}: the latest before the file was saved ({saved})"
    return candidates[0], how, CONFIDENCE["dateline-saved-year"]


def _saved_day(clues: Clues) -> date | None:
    raw = clues.item.meta.get("saved")
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


# The inferred date is the earliest day the text allows ("Sept. 27" told as past: on or after it);
# a year-less dateline falls on or after it, give or take a month: the inference may overshoot
# by weeks ("two weeks after the strikes" counted from the dateline's own day).
INFERRED_SLACK_DAYS = 31


def _on_or_after(month: int, day: int, floor: date) -> date | None:
    """The first date with this month and day on or after ``floor`` ("April 10" in a report
    written after "Sept. 27" of 2012: 2013)."""
    return next((d for y in range(floor.year, floor.year + 5)
                 if (d := make_date(y, month, day)) is not None and d >= floor), None)  # fmt: skip


def _nearest(month: int, day: int, reference: date) -> date | None:
    """The date with this month and day nearest to ``reference`` (a dateline near New Year)."""
    options = [
        d
        for y in (reference.year - 1, reference.year, reference.year + 1)
        if (d := make_date(y, month, day)) is not None
    ]
    return min(options, key=lambda d: abs((d - reference).days)) if options else None


def _most_mentioned_year(text: str) -> int | None:
    years = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19[5-9]|20\d)\d)(?!\d|’?'?s\b)", text))  # not "1960s"
    return years.most_common(1)[0][0] if years else None


def from_url(clues: Clues) -> PublicationDate | None:
    """A date in the article's URL: /2024/11/05/, /20241105/, 2024-11-05."""
    url = clues.url or clues.item.meta.get("url")
    found = find_url_date(url)
    if found is None:
        return None
    return PublicationDate(found[0], "url", f"{url} [{found[1]}]", CONFIDENCE["url"])


def from_text(clues: Clues) -> PublicationDate | None:
    """The reference date inferred from the text by ``dateline.time``."""
    return clues.inferred()


def _infer(text: str) -> PublicationDate | None:
    """Call ``dateline.time.infer_reference_date(text)`` if that module provides it."""
    try:
        from dateline import time as time_stage

        infer = time_stage.infer_reference_date  # type: ignore[attr-defined,unused-ignore]
    except (ImportError, AttributeError):
        return None
    result: Any = infer(text)
    evidence = "inferred from the text"
    confidence: float | None = None
    if isinstance(result, tuple) and result:
        if len(result) > 1 and isinstance(result[1], str):
            evidence = result[1]
        result = result[0]
    if hasattr(result, "value") and not isinstance(result, date):
        evidence = str(getattr(result, "evidence", "") or evidence)
        raw_confidence = getattr(result, "confidence", None)
        confidence = float(raw_confidence) if isinstance(raw_confidence, int | float) else None
        result = result.value
    if isinstance(result, datetime):
        result = result.date()
    if not isinstance(result, date):
        return None
    cap = CONFIDENCE["inferred-max"]
    return PublicationDate(result, "inferred", evidence, min(cap, confidence) if confidence is not None else cap)


LINKS: dict[str, Link] = {
    "metadata": from_metadata,
    "meta-tag": from_markup,
    "published-line": from_published_line,
    "dateline": from_dateline,
    "url": from_url,
    "inferred": from_text,
}
