"""Schema version 4: word indexes of names, so that name lookups cost the same in any size of store.

- ``name_words``: each word of each normalised actor alias (the actor registry finds the persons
  a name may be, and queries the actors a name stands for, without reading every alias);
- ``report_words``: each word of the names of each report's actor and recipient (queries by
  actor find their events without reading every event);
- ``description_roles``: the offices each stored description may denote (a newly learned
  office holder re-resolves only the descriptions of that office and country).

The tables are filled from the rows already stored.

Revision ID: 0002_word_indexes
Revises: 0001_schema_v3
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

from dateline.store.migrations import record_schema_version

revision = "0002_word_indexes"
down_revision = "0001_schema_v3"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 4
WORD = 128
BATCH = 5000


def upgrade() -> None:
    op.create_table(
        "name_words",
        sa.Column("word", sa.String(length=WORD), nullable=False),
        sa.Column("norm", sa.String(length=512), nullable=False),
        sa.PrimaryKeyConstraint("word", "norm", name=op.f("pk_name_words")),
    )
    op.create_table(
        "report_words",
        sa.Column("word", sa.String(length=WORD), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.PrimaryKeyConstraint("word", "role", "report_id", name=op.f("pk_report_words")),
    )
    op.create_index("ix_report_words_doc", "report_words", ["doc_id"], unique=False)
    op.create_table(
        "description_roles",
        sa.Column("role", sa.String(length=256), nullable=False),
        sa.Column("country", sa.String(length=64), nullable=False),
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.PrimaryKeyConstraint("role", "country", "report_id", "party", name=op.f("pk_description_roles")),
    )
    op.create_index("ix_description_roles_doc", "description_roles", ["doc_id"], unique=False)
    _fill()
    record_schema_version(SCHEMA_VERSION)


def downgrade() -> None:
    for table in ("description_roles", "report_words", "name_words"):
        op.drop_table(table)
    op.execute(sa.text("DELETE FROM schema_version WHERE version = :v").bindparams(v=SCHEMA_VERSION))


def _fill() -> None:
    """Index what is stored (the same words dateline.store.keys.index_words makes)."""
    from dateline.store.keys import index_words

    conn = op.get_bind()
    aliases = sa.table("actor_aliases", sa.column("norm"))
    words = {(w, norm) for (norm,) in conn.execute(sa.select(aliases.c.norm).distinct()) for w in index_words(norm)}
    _insert(conn, "name_words", ({"word": w, "norm": n} for w, n in sorted(words)))

    reports = sa.table("reports", sa.column("id"), sa.column("doc_id"), sa.column("actor_terms"),
                       sa.column("recipient_terms"))  # fmt: skip
    rows = conn.execute(sa.select(reports.c.id, reports.c.doc_id, reports.c.actor_terms, reports.c.recipient_terms))
    _insert(conn, "report_words", (
        {"word": w, "role": role, "report_id": rid, "doc_id": doc}
        for rid, doc, actor, recipient in rows.fetchall()
        for role, terms in (("actor", actor), ("recipient", recipient))
        for w in sorted(index_words(terms))
    ))  # fmt: skip

    desc = sa.table("actor_descriptions", sa.column("report_id"), sa.column("party"), sa.column("doc_id"),
                    sa.column("roles", sa.JSON), sa.column("country"))  # fmt: skip
    found = conn.execute(sa.select(desc).where(desc.c.country.is_not(None))).mappings().fetchall()
    _insert(conn, "description_roles", (
        {"role": r, "country": d["country"], "report_id": d["report_id"], "party": d["party"], "doc_id": d["doc_id"]}
        for d in found for r in dict.fromkeys(d["roles"] or ())
    ))  # fmt: skip


def _insert(conn: Any, name: str, rows: Iterator[dict[str, Any]]) -> None:
    table = sa.table(name, *(sa.column(c) for c in ("word", "norm", "role", "report_id", "doc_id", "country",
                                                    "party")))  # fmt: skip
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            conn.execute(table.insert(), batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)
