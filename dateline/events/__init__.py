"""Events: PLOVER events coded from every sentence, with parties, place, date and evidence."""

from __future__ import annotations

from typing import ClassVar

from ..entities.gazetteer import Gazetteer
from ..pipeline import Work
from .candidates import CandidateFinder
from .coder import DocumentCoder
from .lexicon import Lexicon, default_lexicon
from .parties import Parties


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
        coder = DocumentCoder(self.finder, self.lexicon, parties, work.document.published.value)
        sentences = {s.start: s for s in work.sentences}
        events = []
        for block in work.parsed:
            events.extend(coder.code_block(block, sentences, work.times))
        work.events = events


__all__ = ["EventStage"]
