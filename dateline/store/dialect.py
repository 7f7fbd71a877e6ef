"""Differences between databases that queries have to spell out.

Rows that may already be there are inserted with :func:`insert_missing` (``INSERT ... ON
CONFLICT DO NOTHING``, spelled by each dialect).

Text sorts byte-wise on SQLite but by the collation of the database on PostgreSQL (often a
language's, where "a" < "B"); ids and names that decide an order (which document is resolved
first, which actor a lookup returns) are sorted with :func:`bytewise`, so that both databases
give the same answers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal


class bytewise(ColumnElement[Any]):
    """``column`` compared by its code points on every database (``COLLATE "C"`` on PostgreSQL)."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]  # noqa: RUF012 - SQLAlchemy reads it

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column
        self.type = column.type


@compiles(bytewise)
def _plain(element: bytewise, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column, **kw))


@compiles(bytewise, "postgresql")
def _postgresql(element: bytewise, compiler: Any, **kw: Any) -> str:
    return f'{compiler.process(element.column, **kw)} COLLATE "C"'


def insert_missing(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows``, skipping those whose primary key is taken (also by a concurrent writer)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    else:  # pragma: no cover - other databases: look first, one row at a time
        keys = list(table.primary_key.columns)
        for row in rows:
            taken = select(*keys).where(*(c == row[c.name] for c in keys))
            if conn.execute(taken).first() is None:
                conn.execute(table.insert().values(**row))
        return
    conn.execute(insert(table).on_conflict_do_nothing(), rows)


# One key for every dateline writer on a PostgreSQL database (any number fits; this one spells "dtln").
WRITERS_LOCK = 0x64746C6E


def lock_writers(conn: Connection) -> None:
    """Make the caller's transaction the only one storing documents until it ends.

    Storing a document teaches the actor registry (a new person gets an id, a name its actor):
    two transactions learning the same new name at once would each miss the other's uncommitted
    actor and make two, or collide on its id.  PostgreSQL takes a transaction-level advisory
    lock, first thing in the transaction so that no row lock is held while waiting (no
    deadlock); SQLite needs nothing, its writers begin ``IMMEDIATE`` and queue already."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITERS_LOCK})
