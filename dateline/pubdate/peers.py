"""The year of a year-less dateline from the reports read with it.

A wire dateline gives a month and a day ("TASHKENT, May 18 (Wire) -"); when the text names no
year, :mod:`dateline.pubdate.links` takes the latest year, before the file was saved, in which
the lead's weekday fits (or just the latest).  That weekday repeats every five, six or eleven
years, so a report saved years after it was written gets a year too late.  Reports are read in
batches about one story: when the other documents read with it have dates the text or the page
gives (confidence of :data:`FIRM` or more), the guessed year is replaced by the fitting year
nearest to theirs.  This is the one publication-date rule that looks beyond its own document;
it runs over a window of the input stream, so memory stays bounded.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date

from dateline.records import Document, PublicationDate, Rejection

from .links import CONFIDENCE
from .parsing import make_date

WINDOW = 500  # documents read together that count as one batch
FIRM = 0.6  # peers whose dates are at least this sure
NEAR_DAYS = 200  # the fitting year must fall this close to the peers' median date
GUESSED = (CONFIDENCE["dateline-weekday-year"], CONFIDENCE["dateline-saved-year"])


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
    centre = date.fromordinal(int(statistics.median(d.toordinal() for d in peers)))
    keep_weekday = published.confidence == CONFIDENCE["dateline-weekday-year"]
    options = [d for y in range(centre.year - 1, centre.year + 2)
               if (d := make_date(y, value.month, value.day)) is not None
               and (not keep_weekday or d.weekday() == value.weekday())]  # fmt: skip
    best = min(options, key=lambda d: abs((d - centre).days), default=None)
    if best is None or best == value or abs((best - centre).days) > NEAR_DAYS:
        return None
    weekday = f", a {best.strftime('%A')} as the lead says" if keep_weekday else ""
    how = f"year {best.year}: that of the {len(peers)} report(s) read with it (around {centre}){weekday}"
    evidence = published.evidence.split(" [year ")[0] + f" [{how}]"
    return PublicationDate(best, "dateline", evidence, CONFIDENCE["dateline-peer-year"])


def date_by_peers(items: Iterable[Document | Rejection], window: int = WINDOW) -> Iterator[Document | Rejection]:
    """``items`` in their order, a guessed-year dateline moved to the year of the documents read
    in the same window of ``window`` items."""
    it = iter(items)
    while chunk := list(itertools.islice(it, window)):
        peers = [i.published.value for i in chunk if isinstance(i, Document) and i.published.value is not None
                 and i.published.confidence >= FIRM]  # fmt: skip
        for item in chunk:
            if isinstance(item, Document) and guessed_year(item.published):
                moved = year_from_peers(item.published, peers)
                if moved is not None:
                    item = replace(item, published=moved)
            yield item
