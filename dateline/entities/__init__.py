"""Entities: name mentions clustered inside one document under canonical names."""

from __future__ import annotations

from typing import ClassVar

from ..pipeline import Work
from .cluster import Clusterer
from .gazetteer import Gazetteer


class EntityStage:
    name: ClassVar[str] = "entities"
    requires: ClassVar[frozenset[str]] = frozenset({"parsed"})
    assigns: ClassVar[frozenset[str]] = frozenset({"mentions", "entities"})

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()

    def __call__(self, work: Work) -> None:
        clusterer = Clusterer(self.gazetteer)
        for block in work.parsed:
            clusterer.add_block(block.doc, block.offset)
        clusterer.finish()
        work.mentions = sorted(clusterer.mentions, key=lambda m: (m.start, m.end))
        work.entities = clusterer.entities()


__all__ = ["EntityStage"]
