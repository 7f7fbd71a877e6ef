"""Opening a database: a SQLite path or any SQLAlchemy URL, created or migrated to this schema."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from . import migrations
from .dialect import lock_writers
from .schema import SCHEMA_VERSION, metadata, schema_version

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def utc_now() -> datetime:
    return datetime.now(UTC)


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for ``db``: full URLs pass through, anything else is a SQLite file path."""
    text = str(db)
    if _URL.match(text):
        return text
    if text == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (``None`` for other databases and in-memory SQLite)."""
    if not url.startswith("sqlite:///"):
        return None
    rest = url[len("sqlite:///"):].split("?", 1)[0]
    return Path(rest) if rest and rest != ":memory:" else None


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy, not the sqlite3 module, starts transactions (see _sqlite_begin): DDL and
    # SAVEPOINTs are then transactional as on PostgreSQL
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # write-ahead log: readers (the server) never block the writer, and with synchronous=NORMAL
    # a commit reaches the OS without an fsync (a killed process loses nothing committed)
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """``BEGIN IMMEDIATE`` for writers (they queue on the busy timeout instead of failing to
    upgrade a read lock), a deferred ``BEGIN`` for readers."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")


WRITE_OPTION = "dateline_write"


def writer(engine: Engine) -> Engine:
    """``engine`` for a transaction that will write (``writer(engine).begin()``)."""
    return engine.execution_options(**{WRITE_OPTION: True})


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that changes what dateline knows, one at a time on a database.

    Storing documents, resolving them into events and the user's edits of actors and events
    all read what they are about to change (the registry, the events a report may join), so
    two of them at once would each decide on what the other is changing.  The transaction
    begins ``IMMEDIATE`` on SQLite and takes the writers' advisory lock on PostgreSQL
    (:func:`~dateline.store.dialect.lock_writers`) before its first read."""
    with writer(engine).begin() as conn:
        lock_writers(conn)
        yield conn


def open_engine(db: str | Path, *, create: bool = True, clock: Callable[[], datetime] = utc_now) -> Engine:
    """Connect to ``db`` and bring it to this version of the schema (creating or migrating it).

    With ``create`` false, a SQLite file that does not exist is an error instead of a new,
    empty database (read commands should not create files on a typo)."""
    url = database_url(db)
    path = sqlite_path(url)
    if path is not None:
        if not path.exists() and not create:
            raise StoreError(f"no database at {path} (ingest some documents first)")
        if not path.parent.is_dir():
            raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
    kwargs: dict[str, Any] = {}
    if url in ("sqlite://", "sqlite:///:memory:"):
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    try:
        engine = create_engine(url, **kwargs)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot open database {db}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    try:
        ensure_schema(engine, clock)
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise StoreError(f"cannot open database {db}: {reason}") from exc
    except StoreError:
        engine.dispose()
        raise
    return engine


_MIGRATION_LOCK = 0x64617465  # PostgreSQL advisory lock held while a database is checked or migrated


def ensure_schema(engine: Engine, clock: Callable[[], datetime] = utc_now) -> None:
    """Create the tables of an empty database, upgrade an older one, refuse one of another
    schema (a newer dateline's, or a version older than migrations: 1 and 2)."""
    with writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":  # concurrent openers (workers) wait for the first
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        tables = set(inspect(conn).get_table_names())
        if "schema_version" not in tables:
            if tables & set(metadata.tables):
                raise StoreError("the database has dateline tables but no schema_version table")
            migrations.upgrade(conn, clock())
            return
        found = conn.execute(select(func.max(schema_version.c.version))).scalar()
        revision = None
        if "alembic_version" in tables:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if revision == migrations.HEAD and found == SCHEMA_VERSION:
            return
        if found is None or found > SCHEMA_VERSION or found < min(migrations.REVISIONS.values()):
            raise StoreError(
                f"the database has schema version {found}; this dateline uses version {SCHEMA_VERSION}"
            )
        if revision is None:  # made by create_all before migrations existed: version 3
            revision = next(r for r, v in migrations.REVISIONS.items() if v == found)
            migrations.stamp(conn, revision)
        if revision not in migrations.REVISIONS:
            raise StoreError(f"the database is at revision {revision!r}, which this dateline does not know")
        migrations.upgrade(conn, clock())
        after = conn.execute(select(func.max(schema_version.c.version))).scalar()
        if after != SCHEMA_VERSION:
            raise StoreError(f"migrating left schema version {after}; this dateline uses version {SCHEMA_VERSION}")
