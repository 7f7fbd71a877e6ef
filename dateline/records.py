"""Typed records passed between the stages of the pipeline.

The flow is one-directional::

    SourceItem -> Document -> Analysis(sentences, times, mentions, entities, events) -> store

Every record is a frozen dataclass.  Character offsets (``start``/``end``) always index
``Document.text``; every derived value says where it came from (``rule``, ``source``,
``phrase``) so that a user can check it against the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class SourceItem:
    """One raw article as read from a file, a JSON Lines record or stdin, before cleaning.

    ``origin`` names where it came from (``path`` or ``path:line``); ``fmt`` is ``text``,
    ``markdown``, ``html`` or ``json``; ``meta`` holds record metadata (``id``, ``url``,
    ``title``, ``published``, ``outlet``) when the source had any.
    """

    origin: str
    fmt: str
    content: str
    default_id: str
    meta: dict[str, Any] = field(default_factory=dict)


def record_origin(path: str, line: int) -> str:
    """The origin of a record read from a file of records (JSON Lines): ``path:line``."""
    return f"{path}:{line}"


def source_of(origin: str) -> str:
    """The file (or other source) an origin names, without a record's line ("feed.jsonl:3" ->
    "feed.jsonl"): what :func:`record_origin` added."""
    return _RECORD_LINE.sub("", origin)


_RECORD_LINE = re.compile(r":\d+$")


class BlockKind(StrEnum):
    HEADLINE = "headline"
    BODY = "body"
    CAPTION = "caption"


@dataclass(frozen=True)
class Block:
    """A span of ``Document.text`` with a role: headline, body paragraph or photo caption.

    Caption dates belong to the photo, not to the article's main events."""

    kind: BlockKind
    start: int
    end: int


EARLIEST_PUBLICATION_YEAR = 1900  # no report dateline reads is older; a year before it dates history


@dataclass(frozen=True)
class PublicationDate:
    """The document's reference date and how it was found.

    ``source`` is one link of the publication-date chain: ``metadata``, ``meta-tag``,
    ``published-line``, ``dateline``, ``url``, ``inferred`` or ``none``."""

    value: date | None
    source: str
    evidence: str = ""
    confidence: float = 0.0
    # the other reading of a numeric date whose day and month could be swapped ("03/12/2010"),
    # for the reports read with it to decide (pubdate.peers)
    swapped: date | None = None

    @property
    def inferred(self) -> bool:
        return self.source == "inferred"


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    blocks: tuple[Block, ...]
    published: PublicationDate
    content_hash: str
    origin: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class Rejection:
    """A document that could not be ingested, with a code from ``dateline.errors.Reason``."""

    origin: str
    reason: str
    message: str
    doc_id: str | None = None
    content_hash: str | None = None


# --------------------------------------------------------------------------- annotate


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    block: BlockKind
    tense: str | None = None  # "past", "present", "future" or None, from the main verb


# --------------------------------------------------------------------------- time


@dataclass(frozen=True)
class TimeExpression:
    """A time phrase normalised in TIMEX3 terms, anchored on the reference date.

    ``value`` is a TIMEX3 value (``2031-04-18``, ``2031-W16``, ``P30D``, ``PAST_REF`` ...);
    ``first``/``last`` is the closed interval of days it covers when it denotes dates;
    ``rule`` names the rule that produced it and ``anchor`` what it was resolved against
    (``dct`` for the document date, ``discourse`` for a date mentioned earlier, ``none``)."""

    start: int
    end: int
    text: str
    type: str
    value: str
    rule: str
    anchor: str = "none"
    mod: str | None = None
    first: date | None = None
    last: date | None = None
    granularity: str | None = None


# --------------------------------------------------------------------------- entities


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    STATE = "state"
    GROUP = "group"
    LOCATION = "location"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str  # spaCy NER label, or "TITLE" for a descriptive mention resolved to an entity
    entity: int  # index into Analysis.entities


@dataclass(frozen=True)
class Entity:
    """A cluster of mentions inside one document, under one canonical name."""

    id: int
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-3
    titles: tuple[str, ...] = ()


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Party:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    entity: int | None = None  # index into Analysis.entities when resolved in the document
    actor_id: str | None = None  # the canonical actor across documents (store's actor registry), when known


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None = None


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str | None
    item: str | None
    approx: bool = False
    text: str = ""


@dataclass(frozen=True)
class EventDate:
    """When an event happened, and how that was derived.

    ``rule`` is one of ``trigger-phrase`` (a time phrase governed by the trigger),
    ``clause-phrase`` (in the same clause), ``sentence-phrase`` (elsewhere in the sentence),
    ``context`` (inherited from a governing event or the previous sentence), ``report-date``
    (the publication date used deliberately, e.g. "arrived today") or ``unknown``."""

    value: str | None
    first: date | None
    last: date | None
    granularity: str | None
    phrase: str | None
    rule: str
    phrase_start: int | None = None
    phrase_end: int | None = None

    @classmethod
    def unknown(cls) -> EventDate:
        return cls(None, None, None, None, None, "unknown")


@dataclass(frozen=True)
class Evidence:
    sentence: int  # Sentence.index
    start: int  # sentence span in Document.text
    end: int
    trigger_start: int
    trigger_end: int
    trigger: str


@dataclass(frozen=True)
class Event:
    type: str  # PLOVER category
    mode: str | None
    actor: Party | None
    recipient: Party | None
    location: Place | None
    date: EventDate
    quantities: tuple[Quantity, ...]
    evidence: Evidence
    confidence: float
    contexts: tuple[str, ...] = ()
    rule: str = ""  # which lexicon entry / pattern coded it


@dataclass(frozen=True)
class Analysis:
    """Everything the per-document stages derived from one Document."""

    document: Document
    sentences: tuple[Sentence, ...]
    times: tuple[TimeExpression, ...]
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    events: tuple[Event, ...]
