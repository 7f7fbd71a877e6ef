"""Read-side records: what the store and the Python API hand back.

They reuse the pipeline's records (``Party``, ``Place``, ``EventDate``, ``Quantity``,
``PublicationDate``) so that a value reads the same wherever it is seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .records import EventDate, Party, Place, PublicationDate, Quantity


@dataclass(frozen=True)
class SourceView:
    """One report of an event: the sentence of one document that says so.

    ``start``/``end`` is the sentence's span in the document text; the trigger and the date
    phrase offsets index the same text (``date.phrase_start`` may be ``None``)."""

    report: str
    doc: str
    url: str | None
    title: str | None
    outlet: str | None
    published: date | None
    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    date: EventDate
    rule: str
    confidence: float


@dataclass(frozen=True)
class EventView:
    """A real-world happening with every report that describes it."""

    id: str
    type: str
    mode: str | None
    actor: Party | None
    recipient: Party | None
    location: Place | None
    date: EventDate
    quantities: tuple[Quantity, ...]
    confidence: float
    n_sources: int
    sources: tuple[SourceView, ...]

    @property
    def independent_sources(self) -> int:
        """How many distinct documents report the event."""
        return len({s.doc for s in self.sources})


@dataclass(frozen=True)
class DocumentView:
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    origin: str
    published: PublicationDate
    language: str
    content_hash: str
    ingested_at: datetime
    chars: int
    n_reports: int


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did.  ``messages`` has one line per rejection, duplicate or warning."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: int = 0
    events: int = 0  # reports stored by this run (added and updated documents)
    messages: tuple[str, ...] = ()

    @property
    def seen(self) -> int:
        return self.added + self.updated + self.unchanged + self.duplicates + self.rejected

    @property
    def ok(self) -> bool:
        """True when at least one input is in the store (added, updated, unchanged or a duplicate)."""
        return self.seen > self.rejected

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.duplicates} duplicate(s), {self.rejected} rejected; {self.events} event report(s) stored"
        )
