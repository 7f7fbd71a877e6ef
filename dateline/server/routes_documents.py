"""GET /api/documents, /api/documents/{id}, /api/rejections; POST /api/documents (with a token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from ..errors import NotFound
from . import paging
from .documents import document_detail, documents_page, rejections_page
from .errors import responses
from .ingest import RAW_FORMATS, ingest_body
from .schemas import ArticleRecord, DocumentDetail, DocumentPage, IngestOut, RejectionPage
from .state import ServerState, state

router = APIRouter(prefix="/api", tags=["documents"], responses=responses(422, 503))
State = Annotated[ServerState, Depends(state)]


@router.get("/documents", response_model=DocumentPage)
def list_documents(
    st: State,
    q: Annotated[str | None, Query(max_length=200, description="Text in the id, title or outlet.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> DocumentPage:
    """Stored documents by id, with their publication date and how it was found."""
    after = paging.decode(cursor, "documents", [str])[0] if cursor else None
    with st.read() as conn:
        items, last = documents_page(conn, q=q, limit=limit, after=after)
    return DocumentPage(items=items, next_cursor=paging.encode("documents", [last]) if last is not None else None)


@router.get("/documents/{doc_id:path}", response_model=DocumentDetail, responses=responses(404))
def get_document(st: State, doc_id: Annotated[str, Path(max_length=512)]) -> DocumentDetail:
    """A document's text with the spans of its mentions, time phrases and event reports."""
    with st.read() as conn:
        found = document_detail(conn, doc_id)
    if found is None:
        raise NotFound(f"no document {doc_id!r}")
    return found


@router.get("/rejections", response_model=RejectionPage)
def list_rejections(
    st: State,
    reason: Annotated[str | None, Query(max_length=64, description="Only this reason code.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> RejectionPage:
    """Inputs that could not be ingested, with their reason codes, in the order first met."""
    after = paging.decode(cursor, "rejections", [int])[0] if cursor else None
    with st.read() as conn:
        items, last = rejections_page(conn, reason=reason, limit=limit, after=after)
    return RejectionPage(items=items, next_cursor=paging.encode("rejections", [last]) if last is not None else None)


_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "Articles as JSON (one record, a list of records, or {\"documents\": [...]}), "
                       "as JSON Lines, or one article as text, Markdown or HTML.",
        "content": {
            "application/json": {"schema": {"anyOf": [
                ArticleRecord.model_json_schema(),
                {"type": "array", "items": ArticleRecord.model_json_schema()},
            ]}},
            **{ctype: {"schema": {"type": "string"}} for ctype in ("application/x-ndjson", *RAW_FORMATS)},
        },
    }
}


@router.post(
    "/documents", response_model=IngestOut, openapi_extra=_BODY_DOC,
    responses=responses(400, 401, 403, 413, 415),
)
async def post_documents(
    request: Request,
    st: State,
    id: Annotated[str | None, Query(max_length=512, description="Document id of a text/HTML body.")] = None,
    url: Annotated[str | None, Query(max_length=2000, description="URL of a text/HTML body.")] = None,
    title: Annotated[str | None, Query(max_length=1000, description="Title of a text/HTML body.")] = None,
    published: Annotated[str | None, Query(max_length=64, description="Publication date of a text/HTML body.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet of a text/HTML body.")] = None,
) -> IngestOut:
    """Ingest articles through the same reading and analysis as `dateline ingest`.

    Needs ``Authorization: Bearer <DATELINE_API_TOKEN>``; without a configured token the server
    is read-only and answers 403."""
    st.check_token(request)
    body = await request.body()
    meta = {k: v for k, v in {"id": id, "url": url, "title": title, "published": published,
                              "outlet": outlet}.items() if v}
    return await run_in_threadpool(ingest_body, st, request.headers.get("content-type", ""), body, meta)
