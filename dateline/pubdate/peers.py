"""The year of a year-less dateline from the reports read with it.

A wire dateline gives a month and a day ("TASHKENT, May 18 (Wire) -"); when the text names no
year, :mod:`dateline.pubdate.links` takes the latest year, before the file was saved, in which
the lead's weekday fits (or just the latest).  That weekday repeats every five, six or eleven
years, so a report saved years after it was written gets a year too late.  Reports are read in
batches about one story: when the other documents read with it have dates the text or the page
gives (confidence of :data:`FIRM` or more), the guessed year is replaced by the fitting year
nearest to theirs (also a year a copyright notice bounded, when the lead's weekday was the day
before the dateline's; when no such year is near theirs, the year that puts the day among their
dates: the lead's weekday was another day of the week), a numeric date that reads both ways
("Published: 03/12/2010") takes the reading near theirs, and a report that gives no date at all
and names no year ("on Wednesday, May 15") is dated from its text with theirs.  This is the one
publication-date rule that looks beyond its own document; it runs over a window of the input
stream, so memory stays bounded.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta

from dateline.records import Document, PublicationDate, Rejection

from .links import CONFIDENCE
from .parsing import make_date

WINDOW = 500  # documents read together that count as one batch
FIRM = 0.6  # peers whose dates are at least this sure
NEAR_DAYS = 200  # the fitting year must fall this close to the peers' median date
# a report without any date may be this much older than its peers, and a dateline whose weekday fits
# no year near them must fall this close to their span
LOOKBACK = timedelta(days=31)
# years guessed, not read: the peers' year replaces them (a year the text names may be history:
# "the June 2018 conference" in a 2019 report)
# (or by a copyright notice, a bound that the lead's weekday placed in an earlier year: the
# weekday may be the day before the dateline's, as the peers then show)
GUESSED = (CONFIDENCE["dateline-weekday-year"], CONFIDENCE["dateline-saved-year"],
           CONFIDENCE["dateline-inferred-year"], CONFIDENCE["dateline-text-year"],
           CONFIDENCE["dateline-copyright-year"])  # fmt: skip
# guesses that put the dateline's day on the weekday the lead names
BY_WEEKDAY = (CONFIDENCE["dateline-weekday-year"], CONFIDENCE["dateline-copyright-year"])


def guessed_year(published: PublicationDate) -> bool:
    """Whether the year of this date was guessed from the day the file was saved."""
    return published.source == "dateline" and published.value is not None and published.confidence in GUESSED


def year_from_peers(published: PublicationDate, peers: Sequence[date]) -> PublicationDate | None:
    """The guessed-year ``published`` moved to the year of its ``peers`` (the firm publication
    dates of the documents read with it), keeping its weekday when the lead named one; None
    when there are no peers, none is near, or the year stays the same."""
    if not guessed_year(published) or not peers:
        return None
    assert published.value is not None
    value = published.value
    centre = _centre(peers)
    keep_weekday = published.confidence in BY_WEEKDAY
    lead_weekday = value.weekday()
    best = _nearest_fitting(value, centre, lead_weekday if keep_weekday else None)
    weekday = f", a {best.strftime('%A')} as the lead says" if best is not None and keep_weekday else ""
    if best is None and keep_weekday:
        # the lead's weekday may be the day before the dateline's ("ROTTERDAM, May 14 - The port
        # authority on Tuesday lifted ...", filed on the Wednesday): the weekday held the guess in a year whose
        # day is that weekday, but the reports read with it put the story in another
        best = _nearest_fitting(value, centre, (lead_weekday + 1) % 7)
        if best is not None:
            weekday = f", the day after the {value.strftime('%A')} the lead names"
        else:
            # the weekday may be a day earlier in the week ("TOKYO, July 14 - ... met on Friday", filed
            # on the Sunday) or one to come ("will take the dispute to the council on Wednesday"): a
            # day inside the span of the batch's own dates outweighs it
            plain = _nearest_fitting(value, centre, None)
            if plain is not None and min(peers) - LOOKBACK <= plain <= max(peers) + LOOKBACK:
                best = plain
                weekday = f"; the {value.strftime('%A')} the lead names is another day of its week"
    if best is None or best == value:
        return None
    if published.confidence == CONFIDENCE["dateline-inferred-year"] and best < value:
        # the text's own dates put it on or after its inferred day ("Sept. 27" told as past):
        # the peers may show it later ("the June 2018 conference" in a 2019 report), not earlier
        return None
    how = f"year {best.year}: that of the {len(peers)} report(s) read with it (around {centre}){weekday}"
    evidence = published.evidence.split(" [year ")[0] + f" [{how}]"
    return PublicationDate(best, "dateline", evidence, CONFIDENCE["dateline-peer-year"])


def _centre(peers: Sequence[date]) -> date:
    """The median day of the reports read with it."""
    return date.fromordinal(int(statistics.median(d.toordinal() for d in peers)))


def _nearest_fitting(value: date, centre: date, weekday: int | None) -> date | None:
    """The day with ``value``'s month and day nearest ``centre`` (within a year of it and
    NEAR_DAYS of it) that falls on ``weekday`` when one is given."""
    options = [d for y in range(centre.year - 1, centre.year + 2)
               if (d := make_date(y, value.month, value.day)) is not None
               and (weekday is None or d.weekday() == weekday)]  # fmt: skip
    best = min(options, key=lambda d: abs((d - centre).days), default=None)
    return best if best is not None and abs((best - centre).days) <= NEAR_DAYS else None


def reading_by_peers(published: PublicationDate, peers: Sequence[date]) -> PublicationDate | None:
    """A numeric date that reads both ways ("Published: 03/12/2010") in the other reading when
    that one falls near the reports read with it and the first does not (12 March 2010 in a
    batch of reports from November 2010 to March 2011: 3 December); None otherwise."""
    if published.value is None or published.swapped is None or not peers:
        return None
    centre = _centre(peers)
    first, other = (abs((d - centre).days) for d in (published.value, published.swapped))
    if first <= NEAR_DAYS or other > NEAR_DAYS:
        return None
    how = (f" [read {published.swapped.isoformat()}: the reading near the {len(peers)} report(s) read with it "
           f"(around {centre})]")  # fmt: skip
    return replace(published, value=published.swapped, swapped=published.value, evidence=published.evidence + how)


def inferred_from_peers(text: str, peers: Sequence[date]) -> PublicationDate | None:
    """A date for a report that gives none and whose text names no year ("on Wednesday, May
    15"): inferred from the text, on or after a month before the earliest of its peers."""
    if not peers:
        return None
    from dateline.time.pubdate import infer_reference_date

    if infer_reference_date(text) is not None:
        return None  # the text dates itself: the chain had its answer (or the caller chose none)
    found = infer_reference_date(text, floor=min(peers) - LOOKBACK)
    if found is None:
        return None
    return replace(found, confidence=min(found.confidence, CONFIDENCE["inferred-max"]))


def date_by_peers(items: Iterable[Document | Rejection], window: int = WINDOW) -> Iterator[Document | Rejection]:
    """``items`` in their order; a guessed-year dateline moved to the year of the documents read
    in the same window of ``window`` items, and a document without a date given one from its
    text with their year."""
    it = iter(items)
    while chunk := list(itertools.islice(it, window)):
        peers = [i.published.value for i in chunk if isinstance(i, Document) and i.published.value is not None
                 and i.published.confidence >= FIRM]  # fmt: skip
        for item in chunk:
            if isinstance(item, Document):
                if item.published.swapped is not None:
                    found = reading_by_peers(item.published, peers)
                elif guessed_year(item.published):
                    found = year_from_peers(item.published, peers)
                else:
                    found = inferred_from_peers(item.text, peers) if item.published.value is None else None
                if found is not None:
                    item = replace(item, published=found)
            yield item
