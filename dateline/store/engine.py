"""Opening a database: a SQLite path or any SQLAlchemy URL, with the schema checked."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, inspect, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
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


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def open_engine(db: str | Path, *, create: bool = True, clock: Callable[[], datetime] = utc_now) -> Engine:
    """Connect to ``db`` and make sure it holds this version of the schema.

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
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        ensure_schema(engine, clock)
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise StoreError(f"cannot open database {db}: {reason}") from exc
    return engine


def ensure_schema(engine: Engine, clock: Callable[[], datetime] = utc_now) -> None:
    """Create the tables of an empty database; refuse a database of another schema version."""
    with engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        if "schema_version" not in tables:
            if tables & set(metadata.tables):
                raise StoreError("the database has dateline tables but no schema_version table")
            metadata.create_all(conn)
            conn.execute(schema_version.insert().values(version=SCHEMA_VERSION, applied_at=clock()))
            return
        found = conn.execute(select(func.max(schema_version.c.version))).scalar()
    if found != SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {found}; this dateline uses version {SCHEMA_VERSION}"
        )
