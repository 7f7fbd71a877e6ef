"""The database schema of dateline, in one place (SQLAlchemy Core, dialect-neutral).

Two layers are kept apart:

* **reports**: one row per ``records.Event`` extracted from one sentence of one document;
* **events**: the real-world happenings that one or more reports describe.

Each report points at its event (``reports.event_id``).  While reports are not yet merged
across documents every report has an event of its own; merging later only re-points reports
and recomputes the event row, so nothing here needs to change shape.

Only portable column types are used (``String``, ``Text``, ``Integer``, ``Float``, ``Date``,
``DateTime``, ``JSON``) so the same tables work on SQLite and PostgreSQL; bump
``SCHEMA_VERSION`` (and add a migration) whenever a table changes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A moment, stored in UTC and read back as an aware UTC datetime on every database
    (SQLite keeps no zone and PostgreSQL answers in the session's zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        moment = value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UTC_TIME = UTCDateTime()

SCHEMA_VERSION = 4  # 3: merged events (event_keys, merge_log, ...); 4: word indexes of names (name_words, ...)

# Lengths PostgreSQL enforces (SQLite does not): the store makes values fit (keys.fit) or refuses them.
ID_LENGTH = 512  # document ids come from file names and record ids
NAME_LENGTH = 512  # aliases, normalised names, match keys
ROLE_LENGTH = 256
KEY_LENGTH = 255  # blocking keys of events
WORD_LENGTH = 128  # indexed words of names (longer ones are indexed by keys.fit, then checked in full)
ID = String(ID_LENGTH)
SHORT = String(64)  # hashes and report/event ids
CODE = String(64)  # codes and labels: kinds, modes, rules' names, ISO countries (lengths are enforced on PostgreSQL)

# Named constraints, so that migrations (Alembic, SQLite batch mode) can address them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", UTC_TIME, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", ID, primary_key=True),
    Column("content_hash", SHORT, nullable=False, unique=True),
    Column("origin", Text, nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Date),
    Column("published_source", CODE, nullable=False),
    Column("published_evidence", Text, nullable=False, default=""),
    Column("published_confidence", Float, nullable=False, default=0.0),
    Column("language", CODE, nullable=False),
    Column("text", Text, nullable=False),
    Column("blocks", JSON, nullable=False),  # [[kind, start, end], ...]
    Column("ingested_at", UTC_TIME, nullable=False),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # hash of origin, reason, doc id and content hash: the same bad input is stored once
    Column("key", SHORT, nullable=False, unique=True),
    Column("origin", Text, nullable=False),
    Column("reason", CODE, nullable=False),
    Column("message", Text, nullable=False),
    Column("doc_id", ID),
    Column("content_hash", SHORT),
    Column("created_at", UTC_TIME, nullable=False),
    Index("ix_rejections_origin", "origin"),
)


def _doc_fk() -> Column[str]:
    return Column("doc_id", ID, ForeignKey("documents.id"), primary_key=True)


sentences = Table(
    "sentences",
    metadata,
    _doc_fk(),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("block", CODE, nullable=False),
    Column("tense", CODE),
)

time_expressions = Table(
    "time_expressions",
    metadata,
    _doc_fk(),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", CODE, nullable=False),
    Column("value", Text, nullable=False),
    Column("rule", Text, nullable=False),
    Column("anchor", CODE, nullable=False),
    Column("mod", CODE),
    Column("first", Date),
    Column("last", Date),
    Column("granularity", CODE),
)

doc_entities = Table(
    "doc_entities",
    metadata,
    _doc_fk(),
    Column("entity", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("kind", CODE, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("country", CODE),
    Column("titles", JSON, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    _doc_fk(),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", CODE, nullable=False),
    Column("entity", Integer, nullable=False),
)


def _party_columns(role: str) -> list[Column[object]]:
    """A party (actor or recipient) as columns; ``<role>_terms`` holds its normalised names
    (`` park min jun | park ``) so that a word-level name search is a portable ``LIKE``."""
    return [
        Column(f"{role}_name", Text),
        Column(f"{role}_kind", CODE),
        Column(f"{role}_country", CODE),
        Column(f"{role}_aliases", JSON),
        Column(f"{role}_terms", Text),
        Column(f"{role}_id", SHORT),  # the canonical actor (actors.id), when resolved
    ]


def _date_columns() -> list[Column[object]]:
    return [
        Column("date_value", Text),
        Column("date_first", Date),
        Column("date_last", Date),
        Column("date_granularity", CODE),
        Column("date_phrase", Text),
        Column("date_rule", CODE, nullable=False),
    ]


events = Table(
    "events",
    metadata,
    Column("id", SHORT, primary_key=True),
    Column("type", CODE, nullable=False),
    Column("mode", CODE),
    *_party_columns("actor"),
    *_party_columns("recipient"),
    Column("location_name", Text),
    Column("location_country", CODE),
    *_date_columns(),
    Column("quantities", JSON, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("disagreements", JSON),  # [{field, kept, values: [{value, reports, docs}]}] (dateline.store.merging)
    Index("ix_events_actor_name", "actor_name"),
    Index("ix_events_recipient_name", "recipient_name"),
    Index("ix_events_dates", "date_first", "date_last"),
    Index("ix_events_type", "type"),
    Index("ix_events_first_type", "date_first", "type"),  # the timeline's counts read only this index
)

reports = Table(
    "reports",
    metadata,
    Column("id", SHORT, primary_key=True),
    Column("doc_id", ID, ForeignKey("documents.id"), nullable=False),
    Column("event_id", SHORT, ForeignKey("events.id"), nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("sentence_text", Text, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("type", CODE, nullable=False),
    Column("mode", CODE),
    *_party_columns("actor"),
    Column("actor_entity", Integer),
    *_party_columns("recipient"),
    Column("recipient_entity", Integer),
    Column("location_name", Text),
    Column("location_country", CODE),
    *_date_columns(),
    Column("date_phrase_start", Integer),
    Column("date_phrase_end", Integer),
    Column("quantities", JSON, nullable=False),  # [{value, unit, item, approx, text}, ...]
    Column("contexts", JSON, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("rule", Text, nullable=False),
    Index("ix_reports_doc", "doc_id"),
    Index("ix_reports_event", "event_id"),
)

# Tables holding one document's analysis, children first (the order rows are deleted in).
DOCUMENT_CHILDREN: tuple[Table, ...] = (reports, mentions, doc_entities, time_expressions, sentences)  # + below


# --------------------------------------------------------------------------- canonical actors
# One row per real-world actor across documents (dateline.store.actors).  Ids are the
# gazetteer's keys for seeded states and bodies ("state:RUS", "org:UN") and readable slugs
# for learned and user-made ones ("person:jane-roe").  Nothing here references documents or
# reports by foreign key: replacing a document must not depend on the registry.

actors = Table(
    "actors",
    metadata,
    Column("id", SHORT, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", CODE, nullable=False),  # person, organisation, state, group
    Column("country", CODE),  # ISO 3166-1 alpha-3
    Column("created_by", CODE, nullable=False),  # gazetteer, learned, user
    Column("match_key", String(NAME_LENGTH)),  # learned bodies: "<alpha3 or ->:<normalised name>"
    Index("ix_actors_match_key", "match_key"),
    Index("ix_actors_kind", "kind", "country"),
)

actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor_id", SHORT, ForeignKey("actors.id"), nullable=False),
    Column("alias", String(NAME_LENGTH), nullable=False),
    Column("norm", String(NAME_LENGTH), nullable=False),  # keys.normalise_name(alias)
    Column("source", CODE, nullable=False),  # gazetteer, learned, user
    UniqueConstraint("actor_id", "alias", name="uq_actor_aliases_actor_alias"),
    Index("ix_actor_aliases_norm", "norm"),
)

actor_roles = Table(
    "actor_roles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor_id", SHORT, ForeignKey("actors.id"), nullable=False),
    Column("title", Text, nullable=False),  # as written: "Chilean Foreign Minister"
    Column("role", String(ROLE_LENGTH), nullable=False),  # normalised office: "security council secretary"
    Column("country", CODE),
    Column("organisation", Text),
    Column("start", Date),  # learned: the document's date (known to hold then); user: term start
    Column("end", Date),  # None: open-ended
    Column("source", CODE, nullable=False),  # learned, user
    Column("doc_id", ID),  # the evidence document of a learned role
    Index("ix_actor_roles_role", "role", "country"),
    Index("ix_actor_roles_actor", "actor_id"),
    Index("ix_actor_roles_doc", "doc_id"),
)

# Descriptive parties ("Kazakhstan's top diplomat") of reports, kept so that they can be
# resolved again when the registry learns who held the office.
actor_descriptions = Table(
    "actor_descriptions",
    metadata,
    Column("report_id", SHORT, primary_key=True),
    Column("party", CODE, primary_key=True),  # actor or recipient
    Column("doc_id", ID, nullable=False),
    Column("phrase", Text, nullable=False),
    Column("roles", JSON, nullable=False),  # offices it may denote, best first
    Column("country", CODE),
    Column("day", Date),  # the document's date
    Column("actor_id", SHORT),  # the person resolved, or None
    Index("ix_actor_descriptions_doc", "doc_id"),
)

# Merges of actors (by a user, or learned: a surname-only actor joining its full name), with
# what moved, so that a split can undo them.
actor_merges = Table(
    "actor_merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kept", SHORT, nullable=False),
    Column("merged", SHORT, nullable=False),
    Column("snapshot", JSON, nullable=False),  # the merged actor's row, aliases, roles, references
    Column("by", CODE, nullable=False),  # user, learned
    Column("at", UTC_TIME, nullable=False),
    Column("undone_at", UTC_TIME),
    Index("ix_actor_merges_merged", "merged"),
)

Index("ix_events_actor_id", events.c.actor_id)
Index("ix_events_recipient_id", events.c.recipient_id)
Index("ix_reports_actor_id", reports.c.actor_id)
Index("ix_reports_recipient_id", reports.c.recipient_id)


# --------------------------------------------------------------------------- merged events
# Reports of one real-world happening share one event (dateline.store.merging).  Documents
# that are syndicated copies of another count as one independent source.

# Blocking keys of events ("family|participant|month"): new reports are compared only with
# the events that share a key, so merging new articles costs what they bring, not the store.
event_keys = Table(
    "event_keys",
    metadata,
    Column("key", String(KEY_LENGTH), primary_key=True),
    Column("event_id", SHORT, ForeignKey("events.id"), primary_key=True),
    Index("ix_event_keys_event", "event_id"),
)

# Every merge and split, by rule or by a user, with the reports that moved and the score.
merge_log = Table(
    "merge_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTC_TIME, nullable=False),
    Column("action", CODE, nullable=False),  # merge, split
    Column("by", CODE, nullable=False),  # rule, user
    Column("event_id", SHORT, nullable=False),  # the event kept (merge) or split
    Column("others", JSON, nullable=False),  # events merged into it, or made by the split
    Column("reports", JSON, nullable=False),  # the reports that moved
    Column("score", Float),
    Column("note", Text, nullable=False),
    Index("ix_merge_log_event", "event_id"),
)

# Users' decisions, by report ids (stable across re-ingests): "same" reports are kept in one
# event, "apart" reports are never merged again by rule.  report_a < report_b.
merge_links = Table(
    "merge_links",
    metadata,
    Column("report_a", SHORT, primary_key=True),
    Column("report_b", SHORT, primary_key=True),
    Column("kind", CODE, nullable=False),  # same, apart
    Column("created_at", UTC_TIME, nullable=False),
    Index("ix_merge_links_b", "report_b"),
)

doc_fingerprints = Table(
    "doc_fingerprints",
    metadata,
    Column("doc_id", ID, ForeignKey("documents.id"), primary_key=True),
    Column("size", Integer, nullable=False),  # shingles
    Column("signature", JSON, nullable=False),  # MinHash values
)

doc_bands = Table(
    "doc_bands",
    metadata,
    Column("band", String(32), primary_key=True),
    Column("doc_id", ID, ForeignKey("documents.id"), primary_key=True),
    Index("ix_doc_bands_doc", "doc_id"),
)

# One row per syndicated copy: the group's original is its earliest published document.
syndication = Table(
    "syndication",
    metadata,
    Column("doc_id", ID, ForeignKey("documents.id"), primary_key=True),
    Column("original", ID, ForeignKey("documents.id"), nullable=False),
    Column("similarity", Float, nullable=False),
    Index("ix_syndication_original", "original"),
)

# Documents whose reports have been merged with the store's events (the others are pending).
resolved_documents = Table(
    "resolved_documents",
    metadata,
    Column("doc_id", ID, ForeignKey("documents.id"), primary_key=True),
    Column("resolved_at", UTC_TIME, nullable=False),
)

DOCUMENT_CHILDREN += (doc_bands, doc_fingerprints, resolved_documents)


# --------------------------------------------------------------------------- word indexes
# Searching names by whole words ("park" finds "Park Min-jun") with LIKE '% park %' reads every
# row; these tables find the candidates through an index on the word, so that a lookup costs the
# same in a store of a thousand events or of millions.  Each row is written with what it indexes.

# Every word of every normalised alias (actor_aliases.norm), once: insert-only (an alias that
# moves to another actor keeps its norm; words of norms no alias has any more match nothing).
name_words = Table(
    "name_words",
    metadata,
    Column("word", String(WORD_LENGTH), primary_key=True),
    Column("norm", String(NAME_LENGTH), primary_key=True),
)

# Every word of the names of each report's actor and recipient (reports.<role>_terms), written
# and removed with its document: an event's parties are named by its reports.
report_words = Table(
    "report_words",
    metadata,
    Column("word", String(WORD_LENGTH), primary_key=True),
    Column("role", CODE, primary_key=True),  # actor or recipient
    Column("report_id", SHORT, primary_key=True),
    Column("doc_id", ID, nullable=False),
    Index("ix_report_words_doc", "doc_id"),
)

# The offices each stored description may denote (actor_descriptions.roles), so that new role
# holders re-resolve only the descriptions of that office and country.
description_roles = Table(
    "description_roles",
    metadata,
    Column("role", String(ROLE_LENGTH), primary_key=True),
    Column("country", CODE, primary_key=True),
    Column("report_id", SHORT, primary_key=True),
    Column("party", CODE, primary_key=True),
    Column("doc_id", ID, nullable=False),
    Index("ix_description_roles_doc", "doc_id"),
)

DOCUMENT_CHILDREN = (report_words, *DOCUMENT_CHILDREN)
