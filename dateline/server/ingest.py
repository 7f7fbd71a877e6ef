"""POST /api/documents: request bodies -> the same reading and analysis as ``dateline ingest``.

* ``application/json``: one record, a list of records or ``{"documents": [records]}``; a record
  is a line of the JSON Lines format (``text`` or ``html``, and ``id``, ``url``, ``title``,
  ``published``, ``outlet``);
* ``application/x-ndjson`` (or ``application/jsonl``): JSON Lines;
* ``text/plain``, ``text/markdown``, ``text/html``: one article; its metadata comes from the
  query string (``?id=&url=&title=&published=&outlet=``).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import Reason, RejectedDocument
from ..records import Document, Rejection, SourceItem
from ..sources import SourceLimits, build_document
from ..sources.decoding import decode
from ..sources.jsonl import read_jsonl
from .errors import ApiError
from .schemas import IngestOut
from .state import ServerState

RAW_FORMATS = {"text/plain": "text", "text/markdown": "markdown", "text/x-markdown": "markdown", "text/html": "html"}
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines")
MAX_RECORDS = 1000
ORIGIN = "<http>"


def _records(body: bytes) -> list[dict[str, Any]]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "invalid-body", f"the body is not JSON: {exc}") from exc
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        data = data["documents"]
    records = data if isinstance(data, list) else [data]
    if not records:
        raise ApiError(422, "invalid-body", "no records in the body")
    bad = [i for i, r in enumerate(records) if not isinstance(r, dict)]
    if bad:
        raise ApiError(422, "invalid-body", f"record {bad[0]} is not a JSON object", {"record": bad[0]})
    if len(records) > MAX_RECORDS:
        raise ApiError(413, "payload-too-large", f"{len(records)} records; at most {MAX_RECORDS} per request")
    return records


def read_body(content_type: str, body: bytes, meta: dict[str, str], limits: SourceLimits) -> Iterator[
    SourceItem | Rejection
]:
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime == "application/json" or mime.endswith("+json"):
        lines = b"\n".join(json.dumps(r, ensure_ascii=False).encode("utf-8") for r in _records(body))
        yield from read_jsonl(io.BytesIO(lines + b"\n"), origin=ORIGIN, stem="http", limits=limits)
    elif mime in JSONL_TYPES:
        yield from read_jsonl(io.BytesIO(body), origin=ORIGIN, stem="http", limits=limits)
    elif mime in RAW_FORMATS:
        yield _raw(body, RAW_FORMATS[mime], meta, limits)
    else:
        known = ", ".join(("application/json", JSONL_TYPES[0], *RAW_FORMATS))
        raise ApiError(415, "unsupported-media-type", f"cannot ingest {mime or 'a body without a content type'}; "
                       f"send {known}")


def _raw(body: bytes, fmt: str, meta: dict[str, str], limits: SourceLimits) -> SourceItem | Rejection:
    doc_id = meta.get("id") or f"http-{hashlib.sha256(body).hexdigest()[:12]}"
    if len(body) > limits.max_document_bytes:
        return Rejection(ORIGIN, Reason.TOO_LARGE, f"{ORIGIN}: {len(body):,} bytes, over the limit of "
                         f"{limits.max_document_bytes:,} bytes", doc_id=doc_id)
    if not body.strip():
        return Rejection(ORIGIN, Reason.EMPTY, f"{ORIGIN}: empty", doc_id=doc_id)
    try:
        text = decode(body, fmt=fmt, where=ORIGIN)
    except RejectedDocument as exc:
        return Rejection(ORIGIN, exc.reason, exc.message, doc_id=doc_id)
    text = text.removeprefix("\ufeff")
    return SourceItem(origin=ORIGIN, fmt=fmt, content=text, default_id=doc_id,
                      meta={k: v for k, v in meta.items() if k != "id"})


def documents(items: Iterable[SourceItem | Rejection]) -> Iterator[Document | Rejection]:
    """Clean and date each item, as ``dateline.sources.iter_documents`` does for files."""
    for item in items:
        if isinstance(item, Rejection):
            yield item
            continue
        try:
            yield build_document(item)
        except RejectedDocument as exc:
            yield Rejection(item.origin, exc.reason, exc.message, doc_id=item.default_id)
        except Exception as exc:  # a bug must not lose the rest of the request
            message = f"{item.origin}: unexpected {type(exc).__name__} while cleaning: {exc}".splitlines()[0]
            yield Rejection(item.origin, Reason.PIPELINE, message, doc_id=item.default_id)


def ingest_body(st: ServerState, content_type: str, body: bytes, meta: dict[str, str]) -> IngestOut:
    """Read, analyse and store the articles of one request (one ingest at a time)."""
    limits = SourceLimits(max_document_bytes=st.dl.settings.max_document_bytes)
    items = list(documents(read_body(content_type, body, meta, limits)))
    ids = [d.id for d in items if isinstance(d, Document)]
    with st.ingest_lock:
        report = st.dl.ingest_documents(items)
    return IngestOut(
        added=report.added, updated=report.updated, unchanged=report.unchanged, duplicates=report.duplicates,
        rejected=report.rejected, events=report.events, messages=list(report.messages), documents=ids,
    )
