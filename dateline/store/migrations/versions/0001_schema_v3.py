"""Schema version 3: documents and their analyses, reports and merged events, the actor registry,
syndicated copies and the merge log, as dateline 0.1 created them.

This revision is frozen: it spells the tables out rather than reading dateline.store.schema, so
that it keeps creating version 3 when the schema moves on (later revisions change it).

Revision ID: 0001_schema_v3
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dateline.store.migrations import record_schema_version

revision = "0001_schema_v3"
down_revision = None
branch_labels = None
depends_on = None

SCHEMA_VERSION = 3


def upgrade() -> None:
    op.create_table(
        "actor_descriptions",
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("phrase", sa.Text(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("country", sa.String(length=64), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("actor_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("report_id", "party", name=op.f("pk_actor_descriptions")),
    )
    op.create_index("ix_actor_descriptions_doc", "actor_descriptions", ["doc_id"], unique=False)
    op.create_table(
        "actor_merges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kept", sa.String(length=64), nullable=False),
        sa.Column("merged", sa.String(length=64), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_merges")),
    )
    op.create_index("ix_actor_merges_merged", "actor_merges", ["merged"], unique=False)
    op.create_table(
        "actors",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("country", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("match_key", sa.String(length=512), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
    )
    op.create_index("ix_actors_kind", "actors", ["kind", "country"], unique=False)
    op.create_index("ix_actors_match_key", "actors", ["match_key"], unique=False)
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=512), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_source", sa.String(length=64), nullable=False),
        sa.Column("published_evidence", sa.Text(), nullable=False),
        sa.Column("published_confidence", sa.Float(), nullable=False),
        sa.Column("language", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("blocks", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_documents_content_hash")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("mode", sa.String(length=64), nullable=True),
        sa.Column("actor_name", sa.Text(), nullable=True),
        sa.Column("actor_kind", sa.String(length=64), nullable=True),
        sa.Column("actor_country", sa.String(length=64), nullable=True),
        sa.Column("actor_aliases", sa.JSON(), nullable=True),
        sa.Column("actor_terms", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.String(length=64), nullable=True),
        sa.Column("recipient_name", sa.Text(), nullable=True),
        sa.Column("recipient_kind", sa.String(length=64), nullable=True),
        sa.Column("recipient_country", sa.String(length=64), nullable=True),
        sa.Column("recipient_aliases", sa.JSON(), nullable=True),
        sa.Column("recipient_terms", sa.Text(), nullable=True),
        sa.Column("recipient_id", sa.String(length=64), nullable=True),
        sa.Column("location_name", sa.Text(), nullable=True),
        sa.Column("location_country", sa.String(length=64), nullable=True),
        sa.Column("date_value", sa.Text(), nullable=True),
        sa.Column("date_first", sa.Date(), nullable=True),
        sa.Column("date_last", sa.Date(), nullable=True),
        sa.Column("date_granularity", sa.String(length=64), nullable=True),
        sa.Column("date_phrase", sa.Text(), nullable=True),
        sa.Column("date_rule", sa.String(length=64), nullable=False),
        sa.Column("quantities", sa.JSON(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("disagreements", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index("ix_events_actor_id", "events", ["actor_id"], unique=False)
    op.create_index("ix_events_actor_name", "events", ["actor_name"], unique=False)
    op.create_index("ix_events_dates", "events", ["date_first", "date_last"], unique=False)
    op.create_index("ix_events_first_type", "events", ["date_first", "type"], unique=False)
    op.create_index("ix_events_recipient_id", "events", ["recipient_id"], unique=False)
    op.create_index("ix_events_recipient_name", "events", ["recipient_name"], unique=False)
    op.create_index("ix_events_type", "events", ["type"], unique=False)
    op.create_table(
        "merge_links",
        sa.Column("report_a", sa.String(length=64), nullable=False),
        sa.Column("report_b", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("report_a", "report_b", name=op.f("pk_merge_links")),
    )
    op.create_index("ix_merge_links_b", "merge_links", ["report_b"], unique=False)
    op.create_table(
        "merge_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("others", sa.JSON(), nullable=False),
        sa.Column("reports", sa.JSON(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_log")),
    )
    op.create_index("ix_merge_log_event", "merge_log", ["event_id"], unique=False)
    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("doc_id", sa.String(length=512), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejections")),
        sa.UniqueConstraint("key", name=op.f("uq_rejections_key")),
    )
    op.create_index("ix_rejections_origin", "rejections", ["origin"], unique=False)
    op.create_table(
        "schema_version",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_schema_version")),
    )
    op.create_table(
        "actor_aliases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=False),
        sa.Column("alias", sa.String(length=512), nullable=False),
        sa.Column("norm", sa.String(length=512), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"], name=op.f("fk_actor_aliases_actor_id_actors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_aliases")),
        sa.UniqueConstraint("actor_id", "alias", name="uq_actor_aliases_actor_alias"),
    )
    op.create_index("ix_actor_aliases_norm", "actor_aliases", ["norm"], unique=False)
    op.create_table(
        "actor_roles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=256), nullable=False),
        sa.Column("country", sa.String(length=64), nullable=True),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=512), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"], name=op.f("fk_actor_roles_actor_id_actors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_roles")),
    )
    op.create_index("ix_actor_roles_actor", "actor_roles", ["actor_id"], unique=False)
    op.create_index("ix_actor_roles_doc", "actor_roles", ["doc_id"], unique=False)
    op.create_index("ix_actor_roles_role", "actor_roles", ["role", "country"], unique=False)
    op.create_table(
        "doc_bands",
        sa.Column("band", sa.String(length=32), nullable=False),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name=op.f("fk_doc_bands_doc_id_documents")),
        sa.PrimaryKeyConstraint("band", "doc_id", name=op.f("pk_doc_bands")),
    )
    op.create_index("ix_doc_bands_doc", "doc_bands", ["doc_id"], unique=False)
    op.create_table(
        "doc_entities",
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("entity", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("country", sa.String(length=64), nullable=True),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name=op.f("fk_doc_entities_doc_id_documents")),
        sa.PrimaryKeyConstraint("doc_id", "entity", name=op.f("pk_doc_entities")),
    )
    op.create_table(
        "doc_fingerprints",
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("signature", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name=op.f("fk_doc_fingerprints_doc_id_documents")),
        sa.PrimaryKeyConstraint("doc_id", name=op.f("pk_doc_fingerprints")),
    )
    op.create_table(
        "event_keys",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_event_keys_event_id_events")),
        sa.PrimaryKeyConstraint("key", "event_id", name=op.f("pk_event_keys")),
    )
    op.create_index("ix_event_keys_event", "event_keys", ["event_id"], unique=False)
    op.create_table(
        "mentions",
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("idx", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name=op.f("fk_mentions_doc_id_documents")),
        sa.PrimaryKeyConstraint("doc_id", "idx", name=op.f("pk_mentions")),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("sentence_text", sa.Text(), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("mode", sa.String(length=64), nullable=True),
        sa.Column("actor_name", sa.Text(), nullable=True),
        sa.Column("actor_kind", sa.String(length=64), nullable=True),
        sa.Column("actor_country", sa.String(length=64), nullable=True),
        sa.Column("actor_aliases", sa.JSON(), nullable=True),
        sa.Column("actor_terms", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.String(length=64), nullable=True),
        sa.Column("actor_entity", sa.Integer(), nullable=True),
        sa.Column("recipient_name", sa.Text(), nullable=True),
        sa.Column("recipient_kind", sa.String(length=64), nullable=True),
        sa.Column("recipient_country", sa.String(length=64), nullable=True),
        sa.Column("recipient_aliases", sa.JSON(), nullable=True),
        sa.Column("recipient_terms", sa.Text(), nullable=True),
        sa.Column("recipient_id", sa.String(length=64), nullable=True),
        sa.Column("recipient_entity", sa.Integer(), nullable=True),
        sa.Column("location_name", sa.Text(), nullable=True),
        sa.Column("location_country", sa.String(length=64), nullable=True),
        sa.Column("date_value", sa.Text(), nullable=True),
        sa.Column("date_first", sa.Date(), nullable=True),
        sa.Column("date_last", sa.Date(), nullable=True),
        sa.Column("date_granularity", sa.String(length=64), nullable=True),
        sa.Column("date_phrase", sa.Text(), nullable=True),
        sa.Column("date_rule", sa.String(length=64), nullable=False),
        sa.Column("date_phrase_start", sa.Integer(), nullable=True),
        sa.Column("date_phrase_end", sa.Integer(), nullable=True),
        sa.Column("quantities", sa.JSON(), nullable=False),
        sa.Column("contexts", sa.JSON(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name=op.f("fk_reports_doc_id_documents")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_reports_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    op.create_index("ix_reports_actor_id", "reports", ["actor_id"], unique=False)
    op.create_index("ix_reports_doc", "reports", ["doc_id"], unique=False)
    op.create_index("ix_reports_event", "reports", ["event_id"], unique=False)
    op.create_index("ix_reports_recipient_id", "reports", ["recipient_id"], unique=False)
    op.create_table(
        "resolved_documents",
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name=op.f("fk_resolved_documents_doc_id_documents")),
        sa.PrimaryKeyConstraint("doc_id", name=op.f("pk_resolved_documents")),
    )
    op.create_table(
        "sentences",
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("idx", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("block", sa.String(length=64), nullable=False),
        sa.Column("tense", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name=op.f("fk_sentences_doc_id_documents")),
        sa.PrimaryKeyConstraint("doc_id", "idx", name=op.f("pk_sentences")),
    )
    op.create_table(
        "syndication",
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("original", sa.String(length=512), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name=op.f("fk_syndication_doc_id_documents")),
        sa.ForeignKeyConstraint(["original"], ["documents.id"], name=op.f("fk_syndication_original_documents")),
        sa.PrimaryKeyConstraint("doc_id", name=op.f("pk_syndication")),
    )
    op.create_index("ix_syndication_original", "syndication", ["original"], unique=False)
    op.create_table(
        "time_expressions",
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("idx", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("anchor", sa.String(length=64), nullable=False),
        sa.Column("mod", sa.String(length=64), nullable=True),
        sa.Column("first", sa.Date(), nullable=True),
        sa.Column("last", sa.Date(), nullable=True),
        sa.Column("granularity", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name=op.f("fk_time_expressions_doc_id_documents")),
        sa.PrimaryKeyConstraint("doc_id", "idx", name=op.f("pk_time_expressions")),
    )

    record_schema_version(SCHEMA_VERSION)


def downgrade() -> None:
    for table in (
        "time_expressions",
        "syndication",
        "sentences",
        "resolved_documents",
        "reports",
        "mentions",
        "event_keys",
        "doc_fingerprints",
        "doc_entities",
        "doc_bands",
        "actor_roles",
        "actor_aliases",
        "schema_version",
        "rejections",
        "merge_log",
        "merge_links",
        "events",
        "documents",
        "actors",
        "actor_merges",
        "actor_descriptions",
    ):
        op.drop_table(table)
