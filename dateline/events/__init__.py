"""Events: PLOVER events coded from every sentence, with parties, place, date and evidence."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from datetime import date, timedelta
from itertools import combinations
from typing import ClassVar

from ..entities.gazetteer import Gazetteer
from ..pipeline import Work
from ..pubdate.links import dateline_length, lead_bodies
from ..records import BlockKind, EntityKind, EventDate, Party, TimeExpression
from ..time.lexicon import WEEKDAYS
from ..time.sections import MAX_HEADING_WORDS, MIN_HEADINGS, date_heading, day_after, timeline_shaped
from .candidates import CandidateFinder
from .coder import DocumentCoder
from .dating import contract_value, from_phrase
from .lexicon import Lexicon, default_lexicon
from .parties import Parties


def salient_states(work: Work, parties: Parties) -> list[Party]:
    """The states a document mentions, most mentioned first (names, demonyms, capitals)."""
    counts: Counter[int] = Counter()
    for m in work.mentions:
        if work.entities[m.entity].kind == EntityKind.STATE:
            counts[m.entity] += 1
    out = []
    for entity_id, _ in counts.most_common():
        party = parties.as_party(work.entities[entity_id])
        if party is not None:
            out.append(party)
    return out


def state_pair(work: Work, parties: Parties, salient: list[Party]) -> list[Party]:
    """The document's two sides, for "the two countries" and "both sides": the two states most
    often named in one sentence together (a mediator is named often, but seldom beside both), else
    the two most mentioned."""
    rank = {p.country: i for i, p in enumerate(salient) if p.country is not None}
    starts = [s.start for s in work.sentences]
    together: dict[int, set[str]] = {}
    for m in work.mentions:
        country = work.entities[m.entity].country if work.entities[m.entity].kind == EntityKind.STATE else None
        if country in rank:
            together.setdefault(bisect_right(starts, m.start), set()).add(country)
    pairs: Counter[tuple[str, str]] = Counter()
    for countries in together.values():
        pairs.update(combinations(sorted(countries), 2))
    if not pairs:
        return salient[:2]
    a, b = max(pairs, key=lambda pair: (pairs[pair], -rank[pair[0]] - rank[pair[1]]))
    return sorted((p for p in salient if p.country in (a, b)), key=lambda p: rank[p.country or ""])[:2]


COVERED_WEEK = re.compile(r"(?i)\bweek\s+of\s*$")  # "Week of 31 October - 6 November 2022"
COVER_WITHIN_CHARS = 400  # stated at the top, with the masthead
WEEK_DAYS = (3, 6)  # a working week to a whole one, first to last day
DAY_NAMES = re.compile(r"[^\W\d_]+")


def covered_week(work: Work) -> TimeExpression | None:
    """The week a digest covers, as its top states it ("Week of 31 October - 6 November 2022")."""
    text = work.document.text
    for t in work.times:
        if t.start > COVER_WITHIN_CHARS:
            break
        if (t.type == "DATE" and t.first is not None and t.last is not None
                and WEEK_DAYS[0] <= (t.last - t.first).days <= WEEK_DAYS[1]
                and COVERED_WEEK.search(text[max(0, t.start - 20) : t.start])):  # fmt: skip
            return t
    return None


def _weekday_heading(text: str, start: int, covered: TimeExpression | None,
                     published: date | None) -> EventDate | None:  # fmt: skip
    """A heading of weekday names only ("MONDAY", "Saturday-Sunday"): the days of the week the
    digest covers, else the last such days on or before the publication date."""
    words = DAY_NAMES.findall(text.lower())
    if not words or not all(w in WEEKDAYS or w in ("and", "to") for w in words):
        return None
    days = [WEEKDAYS[w] for w in words if w in WEEKDAYS]
    if covered is not None and covered.first is not None:
        base = covered.first
        first = base + timedelta(days=(days[0] - base.weekday()) % 7)
    elif published is not None:
        first = published - timedelta(days=(published.weekday() - days[0]) % 7)
    else:
        return None
    last = first + timedelta(days=(days[-1] - days[0]) % 7)
    return EventDate(
        value=contract_value(first, last), first=first, last=last, granularity="day",
        phrase=text.strip(), rule="section-date", phrase_start=start, phrase_end=start + len(text),
    )  # fmt: skip


def section_dates(work: Work) -> dict[int, EventDate]:
    """Blocks that are a date and nothing else ("Tue 5 Nov" over a digest's items, "Saturday
    26 October" over a live blog's day), by block offset, with the date they give the items
    below them.  Only where there are two or more: one date line alone is the page's stamp, and
    the items under it are not all of that day.  A heading that names only a weekday ("MONDAY")
    is a day of the week the digest covers."""
    out: dict[int, EventDate] = {}
    covered = covered_week(work)
    on = work.document.published.value  # the day of entry times: the last day heading's, else the page's
    for block in work.parsed:
        if block.kind == BlockKind.CAPTION:
            continue  # (a first date heading may have been taken for the headline)
        text = block.doc.text
        words = text.split()
        if not words or len(words) > MAX_HEADING_WORDS:
            continue
        weekday = _weekday_heading(text, block.offset, covered, work.document.published.value)
        if weekday is not None:
            out[block.offset] = weekday
            on = weekday.first or on
            continue
        day = date_heading(text, block.offset, work.times, on)
        if day is not None:
            out[block.offset] = from_phrase(day, "section-date")  # nothing but the date (and its weekday)
            on = day_after(day, on)
    return out if len(out) >= MIN_HEADINGS else {}


def timeline_end(work: Work, headings: dict[int, EventDate]) -> int | None:
    """The offset of a timeline's last item, when every date heading is followed by one item
    ("17 Sep" over one paragraph, as timeline rows and dated list lines are read): what comes
    after it ("Elsewhere on the frontiers", an archive list) is not of the last row's day.
    None for a digest whose headings are over several items each."""
    if not headings:
        return None
    offsets = [b.offset for b in work.parsed if b.kind != BlockKind.CAPTION]
    at = [offsets.index(o) for o in sorted(headings) if o in offsets]
    return offsets[at[-1] + 1] if timeline_shaped(at, len(offsets)) else None


def dateline_state(work: Work, gazetteer: Gazetteer) -> str | None:
    """The state (alpha-3) of the capital a report's dateline names ("YEREVAN, Sept 14 (Agency) -"),
    None with no dateline, a city that is no capital or two places ("TEHRAN/YEREVAN")."""
    doc = work.document
    for body in lead_bodies(doc.text, doc.blocks):
        length = dateline_length(body)
        if length:
            place = re.split(r"[,(]", body[:length], maxsplit=1)[0].strip()
            entry = gazetteer.capital_state(place) if "/" not in place else None
            return entry.country if entry is not None else None
    return None


class EventStage:
    name: ClassVar[str] = "events"
    requires: ClassVar[frozenset[str]] = frozenset({"parsed", "sentences", "times", "mentions", "entities"})
    assigns: ClassVar[frozenset[str]] = frozenset({"events"})

    def __init__(self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.acts = frozenset(lemma for lemma, pos in self.lexicon.triggers if pos == "noun")  # event nouns
        self.gazetteer = gazetteer or Gazetteer.default()
        self.finder = CandidateFinder(self.lexicon)

    def __call__(self, work: Work) -> None:
        parties = Parties(work.mentions, work.entities, self.gazetteer, self.lexicon.vocab, self.acts)
        parties.text = work.document.text  # before anything reads it (what it names is read once)
        salient = salient_states(work, parties)
        parties.home = salient[0].country if salient else None
        parties.dateline_home = dateline_state(work, self.gazetteer)
        parties.salient = salient
        parties.pair = state_pair(work, parties, salient)
        coder = DocumentCoder(self.finder, self.lexicon, parties, work.document.published.value, salient)
        sentences = {s.start: s for s in work.sentences}
        headings = section_dates(work)
        last = timeline_end(work, headings)
        events = []
        for block in work.parsed:
            if block.offset in headings:
                coder.section_date = headings[block.offset]
            elif last is not None and block.offset > last:
                coder.section_date = None  # the page goes on after its timeline
            events.extend(coder.code_block(block, sentences, work.times))
        work.events = events


__all__ = ["EventStage"]
