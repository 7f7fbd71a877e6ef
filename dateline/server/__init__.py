"""dateline's server: the HTTP API (/api, schema at /openapi.json) and the web UI (/), one app.

    from dateline.server import create_app, serve
    app = create_app("news.db")            # an ASGI app (FastAPI)
    serve("news.db", host="127.0.0.1", port=8000)

Reference: docs/http.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .app import DEFAULT_MAX_BODY, TOKEN_ENV, create_app

if TYPE_CHECKING:
    from ..api import Dateline

__all__ = ["DEFAULT_MAX_BODY", "TOKEN_ENV", "create_app", "serve"]


def serve(
    dl: Dateline | str | Path | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY,
    log_level: str = "info",
) -> None:
    """Run the server with uvicorn until interrupted (loopback only unless ``host`` says otherwise)."""
    import uvicorn

    app = create_app(dl, token=token, max_body_bytes=max_body_bytes)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
