"""What every route needs: the Dateline object, a read connection, the ingest token."""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import Request
from sqlalchemy import Connection, func, select
from sqlalchemy.exc import SQLAlchemyError

from ..api import Dateline
from ..errors import StoreError
from ..store.schema import documents, events, metadata, reports
from .errors import ApiError

T = TypeVar("T")
CACHE_ENTRIES = 64


@dataclass
class ServerState:
    dl: Dateline
    token: str | None  # bearer token for POST /api/documents; None: read-only
    max_body_bytes: int
    cache_seconds: float = 10.0  # aggregates over the whole store are reused this long at most
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: dict[str, tuple[float, tuple[Any, ...], Any]] = field(default_factory=dict)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read connection; database failures become :class:`StoreError` (503)."""
        store = self.dl.store()
        try:
            with store.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            first = str(getattr(exc, "orig", None) or exc).splitlines()
            raise StoreError(f"database error: {first[0] if first else type(exc).__name__}") from exc

    def cached(self, conn: Connection, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, reused while the store's row counts stay the same (and for
        ``cache_seconds`` at most: a change that keeps every count shows up then)."""
        if self.cache_seconds <= 0:
            return compute()
        mark = _fingerprint(conn)
        now = time.monotonic()
        with self._cache_lock:
            hit = self._cache.get(key)
        if hit is not None and hit[1] == mark and now - hit[0] < self.cache_seconds:
            value: T = hit[2]
            return value
        value = compute()
        with self._cache_lock:
            if len(self._cache) >= CACHE_ENTRIES:
                del self._cache[min(self._cache, key=lambda k: self._cache[k][0])]
            self._cache[key] = (now, mark, value)
        return value

    def check_token(self, request: Request) -> None:
        """Writing needs a configured token, sent as ``Authorization: Bearer <token>``."""
        if not self.token:
            raise ApiError(403, "read-only",
                           "this server is read-only: set DATELINE_API_TOKEN where it runs to allow ingesting")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self.token.encode()):
            raise ApiError(401, "unauthorized", "missing or wrong bearer token",
                           headers={"WWW-Authenticate": "Bearer"})


def state(request: Request) -> ServerState:
    s = request.app.state.dateline
    assert isinstance(s, ServerState)
    return s


def _fingerprint(conn: Connection) -> tuple[Any, ...]:
    """Cheap counts that change when documents, events or merges change."""
    tables = [events, reports, documents, *(t for n in ("merge_log", "actors", "actor_merges")
                                             if (t := metadata.tables.get(n)) is not None)]
    return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables)
