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
    original: str | None = None  # the document this one's is a syndicated copy of, if any


@dataclass(frozen=True)
class ClaimedValue:
    """One value sources give for a field of an event, with the reports and documents saying it."""

    value: str
    reports: tuple[str, ...]
    docs: tuple[str, ...]


@dataclass(frozen=True)
class Disagreement:
    """Sources of one event that disagree on a field (``date``, ``location``, ``quantity <item>``):
    every value given, and the one the event ``kept``."""

    field: str
    kept: str | None
    values: tuple[ClaimedValue, ...]


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
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def independent_sources(self) -> int:
        """How many independent documents report the event: distinct documents, a syndicated
        copy counting as its original."""
        return len({s.original or s.doc for s in self.sources})

    @property
    def documents(self) -> int:
        """How many distinct documents report the event (``n_sources`` counts reports)."""
        return len({s.doc for s in self.sources})


@dataclass(frozen=True)
class MergeRecord:
    """One merge or split of events, by a rule (with its score) or by a user."""

    at: datetime
    action: str  # merge, split
    by: str  # rule, user
    event: str  # the event kept (merge) or split
    others: tuple[str, ...]  # the events merged into it, or made by the split
    reports: tuple[str, ...]  # the reports that moved
    score: float | None
    note: str


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
    merged: int = 0  # of the reports stored, those merged into an event another report describes
    copies: int = 0  # documents found to be syndicated copies of another

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
            + (f", {self.merged} merged with other reports of their event" if self.merged else "")
            + (f"; {self.copies} syndicated cop{'y' if self.copies == 1 else 'ies'}" if self.copies else "")
        )


@dataclass(frozen=True)
class ResolveReport:
    """What one merging of new reports into events did."""

    documents: int = 0  # documents resolved
    reports: int = 0  # their reports
    copies: int = 0  # documents found to be syndicated copies of another
    merged: int = 0  # reports that joined an event another report describes

    def __add__(self, other: ResolveReport) -> ResolveReport:
        return ResolveReport(self.documents + other.documents, self.reports + other.reports,
                             self.copies + other.copies, self.merged + other.merged)  # fmt: skip

    def summary(self) -> str:
        return (f"{self.documents} document(s) resolved: {self.merged} of {self.reports} report(s) merged with "
                f"other reports of their event; {self.copies} syndicated cop{'y' if self.copies == 1 else 'ies'}")
