"""Migrations of the store's schema (Alembic, configured here in code: no ``alembic.ini``).

:func:`dateline.store.engine.open_engine` brings every database it opens to :data:`HEAD`: an
empty database is created by running every revision, an older one is upgraded, and a
version-3 database made before migrations existed (``schema_version`` but no
``alembic_version``) is stamped as revision ``0001`` first.  Each revision also adds its row to
``schema_version`` (:func:`record_schema_version`), so the two stamps never disagree.

Add a revision for every change of :mod:`dateline.store.schema`: a new file in ``versions/``
whose ``down_revision`` is the current head, then move :data:`HEAD` and ``SCHEMA_VERSION``;
``tests/test_postgres_migrations.py`` checks that the migrated schema equals the tables of
``schema.py`` on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

HEAD = "0002_word_indexes"  # the newest revision (a test checks it is the scripts' head)
REVISIONS = {"0001_schema_v3": 3, "0002_word_indexes": 4}  # revision -> the schema version it makes
FOLDER = Path(__file__).resolve().parent


def config(conn: Connection, applied_at: datetime | None = None) -> Config:
    """An Alembic configuration that runs the scripts of this folder on ``conn``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(FOLDER))
    cfg.attributes["connection"] = conn
    cfg.attributes["applied_at"] = applied_at
    return cfg


def current_revision(conn: Connection) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection, applied_at: datetime, target: str = HEAD) -> None:
    """Run the revisions up to ``target`` inside the caller's transaction."""
    from alembic import command

    command.upgrade(config(conn, applied_at), target)


def stamp(conn: Connection, revision: str) -> None:
    """Record ``revision`` as applied without running it (for databases older than migrations)."""
    from alembic import command

    command.stamp(config(conn), revision)


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_bare_config()).get_current_head()


def differences(conn: Connection) -> list[Any]:
    """What separates the database's tables from :mod:`dateline.store.schema` (``alembic check``)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from ..schema import metadata

    ctx = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": False})
    return list(compare_metadata(ctx, metadata))


def record_schema_version(version: int) -> None:
    """Inside a revision's ``upgrade()``: add its row to ``schema_version``."""
    import sqlalchemy as sa
    from alembic import context, op

    from ..schema import UTC_TIME

    at = context.config.attributes.get("applied_at")
    if at is None:
        from ..engine import utc_now

        at = utc_now()
    table = sa.table("schema_version", sa.column("version", sa.Integer), sa.column("applied_at", UTC_TIME))
    op.execute(table.insert().values(version=version, applied_at=at))


def _bare_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(FOLDER))
    return cfg
