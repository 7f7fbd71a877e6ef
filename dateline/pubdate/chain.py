"""The publication-date chain: an ordered list of links, tried in turn, first answer wins.

The order is data (``DEFAULT_CHAIN``); a caller may pass another order or a subset.  Explicit
dates come first and inference from the text last, so inference never overrides a date the
source states.  The result records which link produced it (``PublicationDate.source``), the
text it came from (``evidence``) and how sure it is (``confidence``).
"""

from __future__ import annotations

from collections.abc import Sequence

from dateline.errors import ConfigError
from dateline.records import Block, PublicationDate, SourceItem

from .links import LINKS, Clues
from .stamps import Stamp

DEFAULT_CHAIN: tuple[str, ...] = ("metadata", "meta-tag", "published-line", "dateline", "url", "inferred")
NO_DATE = PublicationDate(None, "none", "", 0.0)


def find_publication_date(
    item: SourceItem,
    text: str,
    blocks: Sequence[Block],
    *,
    stamps: Sequence[Stamp] = (),
    url: str | None = None,
    copyright_year: int | None = None,
    chain: Sequence[str] = DEFAULT_CHAIN,
) -> PublicationDate:
    """The document's publication date from the first link of ``chain`` that gives one.

    ``item`` supplies record metadata (``meta["published"]``, ``meta["url"]``) and, for HTML,
    the page markup; ``text``/``blocks`` are the cleaned document (the dateline is read from
    the first body block); ``stamps`` are the time-stamp lines the cleaner removed; ``url`` is
    the page URL when known from elsewhere (HTML canonical link); ``copyright_year`` the year
    of the page's copyright notice (the cleaner drops it as furniture).  Returns source ``none``
    with value None when no link gives a date.
    """
    unknown = [name for name in chain if name not in LINKS]
    if unknown:
        raise ConfigError(f"unknown publication-date link(s) {unknown}; known: {sorted(LINKS)}")
    clues = Clues(item=item, text=text, blocks=blocks, stamps=stamps, url=url, copyright_year=copyright_year)
    for name in chain:
        result = LINKS[name](clues)
        if result is not None and result.value is not None:
            return result
    return NO_DATE
