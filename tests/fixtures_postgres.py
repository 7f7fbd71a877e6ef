"""Databases for the storage tests: each test gets a fresh SQLite file and a fresh PostgreSQL
database (a copy of a migrated template, emptied and reused by later tests), on a private server
this session starts (Debian's PostgreSQL, see
dateline.scale.pgserver).  Where no server can be started the PostgreSQL half skips and says
why; ``-m "not postgres"`` runs the SQLite half alone.

    def test_something(db_url: str) -> None:      # a path for SQLite, a URL for PostgreSQL
        with Dateline(db_url, ...) as dl: ...

    def test_two_stores(db_factory) -> None:      # as many fresh databases as needed
        one, two = db_factory(), db_factory()
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dateline.scale.pgserver import PostgresUnavailable, PrivatePostgres

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
TEMPLATE = "dateline_template"
_names = itertools.count()
_free: list[str] = []  # emptied databases, ready for the next test


@pytest.fixture(scope="session")
def postgres() -> Iterator[PrivatePostgres]:
    """A private PostgreSQL server for the session, with a template database at the schema's head."""
    try:
        server = PrivatePostgres.start(fast=True)
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    try:
        from dateline.store import Store

        Store(server.create_database(TEMPLATE)).close()  # migrated once; each test copies it
        yield server
    finally:
        _free.clear()
        server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_factory(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes fresh, empty databases of the test's backend (a file path or a URL)."""
    made: list[str] = []
    if backend == "sqlite":

        def new() -> str:
            path = tmp_path / f"db{len(made)}.db"
            made.append(str(path))
            return str(path)

        yield new
        return
    server: PrivatePostgres = request.getfixturevalue("postgres")

    def new_pg() -> str:
        if _free:
            name = _free.pop()
        else:
            name = f"t{os.getpid()}_{next(_names)}"
            server.create_database(name, template=TEMPLATE)
        made.append(name)
        return server.url(name)

    yield new_pg
    for name in made:  # emptied for the next test (a CREATE DATABASE costs ~0.3 s), or dropped
        if server.empty_database(name):
            _free.append(name)
        else:
            server.drop_database(name)


@pytest.fixture
def db_url(db_factory: Callable[[], str]) -> str:
    """One fresh database of the test's backend."""
    return db_factory()
