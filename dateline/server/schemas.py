"""The JSON shapes of the HTTP API (pydantic models; they make /openapi.json).

Character offsets (``start``/``end``) always index the document text of ``GET
/api/documents/{id}``; dates are ISO days; a date interval is ``start``..``end`` inclusive.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorBody(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. invalid-parameter, not-found, read-only.")
    message: str = Field(description="What went wrong, for people.")
    details: Any = Field(default=None, description="More about it: e.g. the parameters that failed.")


class ErrorResponse(BaseModel):
    """The one shape of every 4xx and 5xx answer."""

    error: ErrorBody


# --------------------------------------------------------------------------- events


class PartyOut(BaseModel):
    id: str = Field(description="Actor id (GET /api/actors/{id}).")
    name: str
    kind: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3.")
    country_name: str | None = None
    aliases: list[str] = []


class PlaceOut(BaseModel):
    name: str
    country: str | None = None
    country_name: str | None = None


class DateOut(BaseModel):
    value: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD; null when no single calendar unit.")
    start: dt.date | None = Field(description="First day of the interval.")
    end: dt.date | None = Field(description="Last day of the interval.")
    granularity: str | None = None
    phrase: str | None = Field(default=None, description="The time phrase the date was derived from.")
    rule: str = Field(description="How the date was found (trigger-phrase, clause-phrase, ..., unknown).")
    timex: str | None = Field(default=None, description="The pipeline's own TIMEX3 value.")


class QuoteOut(BaseModel):
    report: str
    doc: str
    sentence: str


class EventSummary(BaseModel):
    id: str
    type: str = Field(description="PLOVER category.")
    quad: str | None = Field(description="Quad class of the category.")
    mode: str | None = None
    actor: PartyOut | None = None
    recipient: PartyOut | None = None
    location: PlaceOut | None = None
    date: DateOut
    confidence: float
    n_sources: int = Field(description="Reports of the event.")
    independent_sources: int = Field(description="Independent sources reporting it.")
    quote: QuoteOut | None = Field(default=None, description="One evidence sentence.")


class EventPage(BaseModel):
    items: list[EventSummary]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page.")
    limit: int
    sort: str


class Span(BaseModel):
    start: int
    end: int


class QuantityOut(BaseModel):
    value: float
    unit: str | None = None
    item: str | None = None
    approx: bool = False
    text: str = ""


class SourceOut(BaseModel):
    """One report of the event: the sentence of one document that says so."""

    report: str
    doc: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    sentence: str
    sentence_span: Span = Field(description="The sentence in the document text.")
    trigger: str
    trigger_span: Span = Field(description="The trigger word(s) in the document text.")
    time_span: Span | None = Field(default=None, description="The time phrase in the document text.")
    date: DateOut = Field(description="This report's own date derivation.")
    rule: str = Field(description="The lexicon entry or pattern that coded the event.")
    confidence: float
    original: str | None = Field(default=None, description="The document this one is a syndicated copy of.")


class EventDetail(EventSummary):
    quantities: list[QuantityOut] = []
    sources: list[SourceOut]
    extra: dict[str, Any] = Field(
        default_factory=dict,
        description="Further facts the store keeps about the event when it has them (e.g. disagreements).",
    )


# --------------------------------------------------------------------------- timeline and graph


class LaneOut(BaseModel):
    key: str
    label: str
    count: int


class BucketOut(BaseModel):
    start: dt.date
    end: dt.date
    label: str
    total: int
    counts: dict[str, int] = Field(description="Events per lane key.")


class TimelineOut(BaseModel):
    interval: str = Field(description="day, week, month or year.")
    lanes_by: str = Field(description="category, quad, actor or none.")
    since: dt.date | None
    until: dt.date | None
    total: int = Field(description="Matching events, dated or not.")
    undated: int
    lanes: list[LaneOut]
    buckets: list[BucketOut]


class NodeOut(BaseModel):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    events: int = Field(description="Matching events with this actor on either side.")


class EdgeOut(BaseModel):
    source: str = Field(description="Actor node id.")
    target: str = Field(description="Recipient node id.")
    weight: int
    counts: dict[str, int] = Field(description="Events per quad class.")
    categories: dict[str, int] = Field(description="Events per PLOVER category.")


class GraphOut(BaseModel):
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    total_events: int = Field(description="Matching events.")
    truncated: bool = Field(description="True when actors or edges were left out to stay under the limits.")


# --------------------------------------------------------------------------- actors


class ActorSummary(BaseModel):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    country_name: str | None = None
    events: int
    as_actor: int
    as_recipient: int
    first: dt.date | None = None
    last: dt.date | None = None


class ActorPage(BaseModel):
    items: list[ActorSummary]
    next_cursor: str | None
    source: str = Field(description="registry (the actor registry) or events (derived from event parties).")


class RoleOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    title: str
    mentions: int | None = Field(default=None, description="Actors known by name: how often documents give the title.")
    documents: int | None = Field(default=None, description="Registry actors: documents attesting the role.")


class PartnerOut(BaseModel):
    id: str
    name: str
    events: int


class ActorDetail(ActorSummary):
    aliases: list[str] = []
    roles: list[RoleOut] = []
    source: str
    interval: str
    over_time: list[BucketOut] = Field(description="Events per bucket, lanes by quad class.")
    partners: list[PartnerOut]
    recent: list[EventSummary] = Field(description="The latest events (at most 50).")


# --------------------------------------------------------------------------- documents


class DocumentSummary(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    origin: str
    published: dt.date | None = None
    published_source: str
    published_evidence: str = ""
    published_confidence: float = 0.0
    language: str
    chars: int
    n_reports: int
    ingested_at: dt.datetime


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    next_cursor: str | None


class BlockOut(BaseModel):
    kind: str
    start: int
    end: int


class MentionOut(BaseModel):
    start: int
    end: int
    text: str
    label: str
    entity: int
    entity_name: str | None = None
    entity_kind: str | None = None


class TimeOut(BaseModel):
    start: int
    end: int
    text: str
    type: str
    value: str
    rule: str
    first: dt.date | None = None
    last: dt.date | None = None
    granularity: str | None = None


class ReportSpanOut(BaseModel):
    report: str
    event: str
    type: str
    quad: str | None
    trigger: str
    trigger_span: Span
    sentence_span: Span
    time_span: Span | None = None
    actor: str | None = None
    recipient: str | None = None
    date: str | None = None


class DocumentDetail(DocumentSummary):
    text: str
    blocks: list[BlockOut]
    mentions: list[MentionOut]
    times: list[TimeOut]
    reports: list[ReportSpanOut]


class RejectionOut(BaseModel):
    id: int
    origin: str
    reason: str
    message: str
    doc_id: str | None = None
    content_hash: str | None = None
    created_at: dt.datetime


class RejectionPage(BaseModel):
    items: list[RejectionOut]
    next_cursor: str | None


# --------------------------------------------------------------------------- summary and ingest


class CategoryOut(BaseModel):
    name: str
    quad: str | None
    count: int


class SummaryOut(BaseModel):
    events: int
    documents: int
    reports: int
    rejections: int
    first: dt.date | None
    last: dt.date | None
    categories: list[CategoryOut]
    quad_classes: list[str]
    ingest_enabled: bool = Field(description="True when POST /api/documents accepts a token.")
    features: dict[str, bool] = Field(description="Optional store features this server found.")


class IngestOut(BaseModel):
    added: int
    updated: int
    unchanged: int
    duplicates: int
    rejected: int
    events: int = Field(description="Event reports stored by this request.")
    messages: list[str]
    documents: list[str] = Field(description="Ids of the inputs read as documents (stored or unchanged).")


class ArticleRecord(BaseModel):
    """One article, as a line of the JSON Lines format: ``text`` or ``html`` and metadata."""

    model_config = ConfigDict(extra="allow")
    id: str | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
