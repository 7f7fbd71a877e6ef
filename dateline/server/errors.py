"""One error shape for every 4xx and 5xx answer: ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InvalidQuery, NotFound, StoreError
from .schemas import ErrorResponse

log = logging.getLogger("dateline.server")

# Codes by status for errors raised by the framework itself (unknown route, wrong method ...).
STATUS_CODES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "invalid-parameter",
    500: "internal-error",
    503: "store-unavailable",
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers


def invalid(param: str, message: str) -> ApiError:
    """A query parameter that cannot be understood."""
    return ApiError(422, "invalid-parameter", f"{param}: {message}", [{"parameter": param, "message": message}])


def error_response(status: int, code: str, message: str, details: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "details": details}}
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for e in exc.errors():
        loc = [str(p) for p in e.get("loc", ())]
        where = loc[0] if loc else "request"
        name = ".".join(loc[1:]) or where
        out.append({"parameter": name, "in": where, "message": str(e.get("msg", "invalid"))})
    return out


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the one error shape."""

    async def api_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)

    async def validation(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        details = _validation_details(exc)
        message = "; ".join(f"{d['parameter']}: {d['message']}" for d in details) or "invalid request"
        return error_response(422, "invalid-parameter", message, details)

    async def http_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = STATUS_CODES.get(exc.status_code, "error")
        message = str(exc.detail) if exc.detail else code.replace("-", " ")
        return error_response(exc.status_code, code, message, None, dict(exc.headers or {}) or None)

    async def not_found(_request: Request, exc: Exception) -> JSONResponse:
        return error_response(404, "not-found", str(exc))

    async def invalid_query(_request: Request, exc: Exception) -> JSONResponse:
        return error_response(422, "invalid-parameter", str(exc))

    async def store_error(_request: Request, exc: Exception) -> JSONResponse:
        return error_response(503, "store-unavailable", str(exc))

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal-error", "unexpected server error (see the server log)")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(InvalidQuery, invalid_query)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(Exception, unexpected)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries in the error shape (422 replaces FastAPI's own)."""
    descriptions = {
        401: "Missing or wrong bearer token.",
        403: "The server is read-only (no DATELINE_API_TOKEN configured).",
        404: "No such resource.",
        413: "Request body too large.",
        415: "Unsupported content type.",
        422: "A parameter or the body cannot be understood.",
        503: "The database cannot be opened.",
    }
    return {s: {"model": ErrorResponse, "description": descriptions.get(s, "Error.")} for s in statuses}
