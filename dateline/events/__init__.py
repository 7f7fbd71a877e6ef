"""Events: PLOVER events coded from every sentence, with parties, place, date and evidence."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from itertools import combinations
from typing import ClassVar

from ..entities.gazetteer import Gazetteer
from ..pipeline import Work
from ..records import EntityKind, Party
from .candidates import CandidateFinder
from .coder import DocumentCoder
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


class EventStage:
    name: ClassVar[str] = "events"
    requires: ClassVar[frozenset[str]] = frozenset({"parsed", "sentences", "times", "mentions", "entities"})
    assigns: ClassVar[frozenset[str]] = frozenset({"events"})

    def __init__(self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.gazetteer = gazetteer or Gazetteer.default()
        self.finder = CandidateFinder(self.lexicon)

    def __call__(self, work: Work) -> None:
        parties = Parties(work.mentions, work.entities, self.gazetteer, self.lexicon.vocab)
        salient = salient_states(work, parties)
        parties.home = salient[0].country if salient else None
        parties.salient = salient
        parties.pair = state_pair(work, parties, salient)
        parties.text = work.document.text
        coder = DocumentCoder(self.finder, self.lexicon, parties, work.document.published.value, salient)
        sentences = {s.start: s for s in work.sentences}
        events = []
        for block in work.parsed:
            events.extend(coder.code_block(block, sentences, work.times))
        work.events = events


__all__ = ["EventStage"]
