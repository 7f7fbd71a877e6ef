"""Alembic's environment script: runs the revisions on the connection dateline passes in
(``config.attributes["connection"]``), inside that connection's transaction."""

from __future__ import annotations

from alembic import context

from dateline.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
