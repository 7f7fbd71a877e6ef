"""The application: the HTTP API under /api, the web UI at /, the schema at /openapi.json."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from ..api import Dateline
from ..errors import StoreError
from . import errors, routes_actors, routes_documents, routes_events
from .errors import ApiError, error_response
from .state import ServerState

STATIC = Path(__file__).resolve().parent / "static"
TOKEN_ENV = "DATELINE_API_TOKEN"
DEFAULT_MAX_BODY = 10 * 1024 * 1024

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# The UI loads only its own files; article text never becomes markup, and this says so twice.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", CSP.encode()),
]


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, whether announced or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None:
            try:
                announced = int(length)
            except ValueError:
                await error_response(400, "bad-request", "Content-Length is not a number")(scope, receive, send)
                return
            if announced > self.max_bytes:
                await self._too_large()(scope, receive, send)
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise self._error()
            return message

        await self.app(scope, limited, send)

    def _error(self) -> ApiError:
        return ApiError(413, "payload-too-large", f"request body over the limit of {self.max_bytes:,} bytes",
                        {"max_bytes": self.max_bytes})

    def _too_large(self) -> Any:
        e = self._error()
        return error_response(e.status, e.code, e.message, e.details)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", ())}
                message["headers"] = [*message.get("headers", ()),
                                      *((k, v) for k, v in SECURITY_HEADERS if k not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(
    dl: Dateline | str | Path | None = None,
    *,
    token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY,
    cache_seconds: float = 10.0,
    ui: bool = True,
) -> FastAPI:
    """The server over ``dl`` (a :class:`Dateline`, or a database path or URL).

    ``token`` enables POST /api/documents for requests bearing it; by default it is read from
    ``DATELINE_API_TOKEN`` and, when that is unset or empty, the server is read-only.
    ``cache_seconds`` bounds how long the whole-store aggregates of /api/actors and /api/graph
    are reused while the store's row counts do not change (0: never)."""
    if not isinstance(dl, Dateline):
        dl = Dateline(dl)
    if token is None:
        token = os.environ.get(TOKEN_ENV) or None
    app = FastAPI(
        title="dateline",
        summary="A dated, sourced record of PLOVER events from news articles.",
        version=_version(),
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; the UI is at /
        openapi_url="/openapi.json",
    )
    app.state.dateline = ServerState(dl, token, max_body_bytes, cache_seconds)
    with contextlib.suppress(StoreError):  # open now, so that request threads do not race to open it
        dl.store()  # (a missing SQLite file stays a 503 until something is ingested)
    errors.install(app)
    app.include_router(routes_events.router)
    app.include_router(routes_actors.router)
    app.include_router(routes_documents.router)
    if ui:
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

        @app.get("/", include_in_schema=False)
        def index() -> FileResponse:
            return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dateline")
    except PackageNotFoundError:
        return "0"
