"""Documents, their spans (mentions, time phrases, event reports) and rejections, paged by key."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, or_, select

from ..store.schema import doc_entities, documents, mentions, rejections, reports, time_expressions
from .queries import like_escape, quad_of
from .schemas import (
    BlockOut,
    DocumentDetail,
    DocumentSummary,
    MentionOut,
    RejectionOut,
    ReportSpanOut,
    Span,
    TimeOut,
)

_N_REPORTS = (
    select(func.count()).where(reports.c.doc_id == documents.c.id).scalar_subquery().label("n_reports")
)
_SUMMARY_COLUMNS = (
    documents.c.id, documents.c.title, documents.c.url, documents.c.outlet, documents.c.origin,
    documents.c.published, documents.c.published_source, documents.c.published_evidence,
    documents.c.published_confidence, documents.c.language, documents.c.ingested_at,
    func.length(documents.c.text).label("chars"), _N_REPORTS,
)


def aware(moment: datetime) -> datetime:
    """Stored times are UTC; SQLite hands them back without their zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _summary(r: Any) -> DocumentSummary:
    return DocumentSummary(
        id=r["id"], title=r["title"], url=r["url"], outlet=r["outlet"], origin=r["origin"],
        published=r["published"], published_source=r["published_source"],
        published_evidence=r["published_evidence"] or "", published_confidence=r["published_confidence"] or 0.0,
        language=r["language"], chars=r["chars"] or 0, n_reports=r["n_reports"] or 0,
        ingested_at=aware(r["ingested_at"]),
    )


def documents_page(
    conn: Connection, *, q: str | None, limit: int, after: str | None
) -> tuple[list[DocumentSummary], str | None]:
    """Documents by id; ``q`` is a substring of the id, title or outlet (any case)."""
    stmt = select(*_SUMMARY_COLUMNS)
    if q and q.strip():
        pattern = f"%{like_escape(q.strip())}%"
        stmt = stmt.where(or_(*(c.ilike(pattern, escape="\\") for c in
                                (documents.c.id, documents.c.title, documents.c.outlet))))
    if after is not None:
        stmt = stmt.where(documents.c.id > after)
    rows = list(conn.execute(stmt.order_by(documents.c.id).limit(limit + 1)).mappings())
    items = [_summary(r) for r in rows[:limit]]
    return items, (items[-1].id if len(rows) > limit else None)


def document_detail(conn: Connection, doc_id: str) -> DocumentDetail | None:
    row = conn.execute(
        select(*_SUMMARY_COLUMNS, documents.c.text, documents.c.blocks).where(documents.c.id == doc_id)
    ).mappings().first()
    if row is None:
        return None
    ents = {
        e: (name, kind)
        for e, name, kind in conn.execute(
            select(doc_entities.c.entity, doc_entities.c.name, doc_entities.c.kind).where(
                doc_entities.c.doc_id == doc_id)
        )
    }
    mention_rows = conn.execute(
        select(mentions).where(mentions.c.doc_id == doc_id).order_by(mentions.c.start, mentions.c.idx)
    ).mappings()
    time_rows = conn.execute(
        select(time_expressions).where(time_expressions.c.doc_id == doc_id)
        .order_by(time_expressions.c.start, time_expressions.c.idx)
    ).mappings()
    report_rows = conn.execute(
        select(reports).where(reports.c.doc_id == doc_id).order_by(reports.c.trigger_start, reports.c.id)
    ).mappings()
    summary = _summary(row)
    return DocumentDetail(
        **summary.model_dump(),
        text=row["text"],
        blocks=[BlockOut(kind=str(k), start=int(s), end=int(e)) for k, s, e in row["blocks"] or ()],
        mentions=[
            MentionOut(start=m["start"], end=m["end"], text=m["text"], label=m["label"], entity=m["entity"],
                       entity_name=ents.get(m["entity"], (None, None))[0],
                       entity_kind=ents.get(m["entity"], (None, None))[1])
            for m in mention_rows
        ],
        times=[
            TimeOut(start=t["start"], end=t["end"], text=t["text"], type=t["type"], value=t["value"],
                    rule=t["rule"], first=t["first"], last=t["last"], granularity=t["granularity"])
            for t in time_rows
        ],
        reports=[
            ReportSpanOut(
                report=r["id"], event=r["event_id"], type=r["type"], quad=quad_of(r["type"]), trigger=r["trigger"],
                trigger_span=Span(start=r["trigger_start"], end=r["trigger_end"]),
                sentence_span=Span(start=r["sentence_start"], end=r["sentence_end"]),
                time_span=Span(start=r["date_phrase_start"], end=r["date_phrase_end"])
                if r["date_phrase_start"] is not None and r["date_phrase_end"] is not None else None,
                actor=r["actor_name"], recipient=r["recipient_name"], date=r["date_value"],
            )
            for r in report_rows
        ],
    )


def rejections_page(
    conn: Connection, *, reason: str | None, limit: int, after: int | None
) -> tuple[list[RejectionOut], int | None]:
    """Rejections in the order they were first met."""
    stmt = select(rejections)
    if reason:
        stmt = stmt.where(rejections.c.reason == reason)
    if after is not None:
        stmt = stmt.where(rejections.c.id > after)
    rows = list(conn.execute(stmt.order_by(rejections.c.id).limit(limit + 1)).mappings())
    items = [
        RejectionOut(id=r["id"], origin=r["origin"], reason=r["reason"], message=r["message"], doc_id=r["doc_id"],
                     content_hash=r["content_hash"], created_at=aware(r["created_at"]))
        for r in rows[:limit]
    ]
    return items, (items[-1].id if len(rows) > limit else None)
