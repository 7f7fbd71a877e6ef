"""Writing one document's analysis, and rejections, inside a caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Insert, Table, bindparam, delete, or_, select, update

from ..errors import Reason, RejectedDocument
from ..records import Analysis, Document, Event, EventDate, Party, Place, Quantity, Rejection
from . import keys
from .actors import Registry
from .schema import (
    DOCUMENT_CHILDREN,
    ID_LENGTH,
    WORD_LENGTH,
    doc_entities,
    documents,
    events,
    mentions,
    rejections,
    report_words,
    reports,
    sentences,
    time_expressions,
)

CHUNK = 500  # ids per IN (...) clause, well under every database's parameter limit

# Statements run for every document, built once (building one costs more than running it)
_STATUS = select(documents.c.id, documents.c.content_hash, documents.c.origin).where(
    or_(documents.c.id == bindparam("id"), documents.c.content_hash == bindparam("hash")))  # fmt: skip
_FORGET_REJECTIONS = delete(rejections).where(
    or_(rejections.c.origin == bindparam("origin"), rejections.c.doc_id == bindparam("doc_id")))  # fmt: skip
_TAKEN_EVENTS = select(events.c.id).where(events.c.id.in_(bindparam("ids", expanding=True)))
_INSERTS: dict[str, Insert] = {}


class Status(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class DocStatus:
    status: Status
    duplicate_of: str | None = None
    stored_origin: str | None = None  # where the stored version of a changed document was read


def document_status(conn: Connection, doc_id: str, content_hash: str) -> DocStatus:
    """How ``doc_id`` with ``content_hash`` relates to what is stored (one indexed lookup)."""
    rows = conn.execute(_STATUS, {"id": doc_id, "hash": content_hash}).all()
    stored = next(((h, o) for i, h, o in rows if i == doc_id), None)
    if stored is not None and stored[0] == content_hash:
        return DocStatus(Status.UNCHANGED)
    other = next((i for i, h, _ in rows if h == content_hash and i != doc_id), None)
    if other is not None:
        return DocStatus(Status.DUPLICATE, other)
    return DocStatus(Status.NEW) if stored is None else DocStatus(Status.CHANGED, stored_origin=stored[1])


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def delete_document(conn: Connection, doc_id: str) -> None:
    """Remove a document and everything derived from it.

    Events lose this document's reports; an event left without reports is removed, the
    others get their source count recomputed (events may gather reports of many documents)."""
    from . import merging  # merging writes with this module's helpers

    event_ids = sorted(
        conn.execute(select(reports.c.event_id).where(reports.c.doc_id == doc_id).distinct()).scalars()
    )
    merging.forget_document(conn, doc_id)
    for table in DOCUMENT_CHILDREN:
        conn.execute(delete(table).where(table.c.doc_id == doc_id))
    merging.refresh_events(conn, event_ids)  # recomputed from the reports left; removed when none is
    conn.execute(delete(documents).where(documents.c.id == doc_id))


def write_analysis(
    conn: Connection, analysis: Analysis, *, ingested_at: datetime, min_confidence: float, fresh: bool = False
) -> int:
    """Insert a document, its annotations, its reports and one event per report.

    The caller owns the transaction (one per document) and has removed an older version of
    the document.  Returns the number of reports written."""
    doc = analysis.document
    if len(doc.id) > ID_LENGTH:  # PostgreSQL would refuse it, SQLite would not: refuse it on both
        raise RejectedDocument(
            Reason.STORE, f"{doc.origin}: document id is longer than {ID_LENGTH} characters: {doc.id[:60]}..."
        )
    _insert(conn, documents, [document_row(doc, ingested_at)])
    conn.execute(_FORGET_REJECTIONS, {"origin": doc.origin, "doc_id": doc.id})
    _insert(conn, sentences, [
        {"doc_id": doc.id, "idx": s.index, "start": s.start, "end": s.end, "block": str(s.block),
         "tense": s.tense}
        for s in analysis.sentences
    ])
    _insert(conn, time_expressions, [
        {
            "doc_id": doc.id, "idx": i, "start": t.start, "end": t.end, "text": t.text, "type": t.type,
            "value": t.value, "rule": t.rule, "anchor": t.anchor, "mod": t.mod, "first": t.first,
            "last": t.last, "granularity": t.granularity,
        }
        for i, t in enumerate(analysis.times)
    ])
    _insert(conn, doc_entities, [
        {
            "doc_id": doc.id, "entity": e.id, "name": e.name, "kind": str(e.kind), "aliases": list(e.aliases),
            "country": e.country, "titles": list(e.titles),
        }
        for e in analysis.entities
    ])
    _insert(conn, mentions, [
        {"doc_id": doc.id, "idx": i, "start": m.start, "end": m.end, "text": m.text, "label": m.label,
         "entity": m.entity}
        for i, m in enumerate(analysis.mentions)
    ])
    kept = [e for e in analysis.events if e.confidence >= min_confidence]
    report_rows = [
        report_row(doc, e, key) for e, key in zip(kept, keys.report_keys(doc.id, kept), strict=True)
    ]
    # the actor registry learns from the document and names each party's canonical actor
    refs = Registry(conn).learn(analysis, kept, [r["id"] for r in report_rows], at=ingested_at, fresh=fresh)
    for row, (actor_id, recipient_id) in zip(report_rows, refs, strict=True):
        row["actor_id"], row["recipient_id"] = actor_id, recipient_id
    _free_event_ids(conn, report_rows, doc.content_hash)
    _insert(conn, events, [event_row_from_report(r) for r in report_rows])
    _insert(conn, reports, report_rows)
    _insert(conn, report_words, [  # the word index of the parties' names (read.event_query)
        {"word": w, "role": role, "report_id": r["id"], "doc_id": doc.id}
        for r in report_rows for role in ("actor", "recipient")
        for w in sorted(keys.index_words(r[f"{role}_terms"], WORD_LENGTH))
    ])  # fmt: skip
    return len(report_rows)


def _free_event_ids(conn: Connection, rows: list[dict[str, Any]], salt: str) -> None:
    """A report's own event id may be held by a merged event that kept it when an earlier
    version of the document went: such reports get a fresh event id."""
    wanted = [r["event_id"] for r in rows]
    taken = {e for part in chunks(wanted) for e in conn.execute(_TAKEN_EVENTS, {"ids": list(part)}).scalars().all()}
    for r in rows:
        if r["event_id"] in taken:
            r["event_id"] = keys.event_id(keys.short_hash(r["id"], salt))


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        stmt = _INSERTS.get(table.name)
        if stmt is None:  # one statement per table, built once
            stmt = _INSERTS[table.name] = table.insert()
        conn.execute(stmt, rows)


def document_row(doc: Document, ingested_at: datetime) -> dict[str, Any]:
    pub = doc.published
    return {
        "id": doc.id, "content_hash": doc.content_hash, "origin": doc.origin, "title": doc.title,
        "url": doc.url, "outlet": doc.outlet, "published": pub.value, "published_source": pub.source,
        "published_evidence": pub.evidence, "published_confidence": pub.confidence,
        "language": doc.language, "text": doc.text,
        "blocks": [[str(b.kind), b.start, b.end] for b in doc.blocks], "ingested_at": ingested_at,
    }


def party_columns(role: str, party: Party | None) -> dict[str, Any]:
    if party is None:
        return {f"{role}_{k}": None for k in ("name", "kind", "country", "aliases", "terms", "id")}
    return {
        f"{role}_name": party.name,
        f"{role}_kind": party.kind,
        f"{role}_country": party.country,
        f"{role}_aliases": list(party.aliases),
        f"{role}_terms": keys.name_terms((party.name, *party.aliases)),
        f"{role}_id": None,  # the canonical actor, set by the actor registry
    }


def place_columns(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {"location_name": None, "location_country": None}
    return {"location_name": place.name, "location_country": place.country}


def date_columns(d: EventDate) -> dict[str, Any]:
    return {
        "date_value": d.value, "date_first": d.first, "date_last": d.last,
        "date_granularity": d.granularity, "date_phrase": d.phrase, "date_rule": d.rule,
    }


def quantity_json(q: Quantity) -> dict[str, Any]:
    return {"value": q.value, "unit": q.unit, "item": q.item, "approx": q.approx, "text": q.text}


def report_row(doc: Document, e: Event, key: str) -> dict[str, Any]:
    ev = e.evidence
    return {
        "id": keys.report_id(key), "doc_id": doc.id, "event_id": keys.event_id(key),
        "sentence": ev.sentence, "sentence_start": ev.start, "sentence_end": ev.end,
        "sentence_text": doc.text[ev.start : ev.end], "trigger": ev.trigger,
        "trigger_start": ev.trigger_start, "trigger_end": ev.trigger_end, "type": e.type, "mode": e.mode,
        **party_columns("actor", e.actor), "actor_entity": e.actor.entity if e.actor else None,
        **party_columns("recipient", e.recipient),
        "recipient_entity": e.recipient.entity if e.recipient else None,
        **place_columns(e.location), **date_columns(e.date),
        "date_phrase_start": e.date.phrase_start, "date_phrase_end": e.date.phrase_end,
        "quantities": [quantity_json(q) for q in e.quantities], "contexts": list(e.contexts),
        "confidence": e.confidence, "rule": e.rule,
    }


def event_row_from_report(row: dict[str, Any]) -> dict[str, Any]:
    """The event a single report describes (until reports are merged across documents)."""
    return {c.name: row[c.name] for c in events.columns if c.name in row and c.name != "id"} | {
        "id": row["event_id"], "n_sources": 1,
    }


def write_rejection(conn: Connection, rejection: Rejection, *, created_at: datetime) -> bool:
    """Store a rejection once: the same input rejected again for the same reason adds nothing."""
    r = rejection
    key = keys.rejection_key(r.origin, str(r.reason), r.doc_id, r.content_hash)  # the full id
    exists = conn.execute(select(rejections.c.id).where(rejections.c.key == key)).scalar()
    if exists is not None:
        conn.execute(update(rejections).where(rejections.c.id == exists).values(message=rejection.message))
        return False
    conn.execute(
        rejections.insert().values(
            key=key, origin=rejection.origin, reason=str(rejection.reason), message=rejection.message,
            doc_id=keys.fit(rejection.doc_id, ID_LENGTH) if rejection.doc_id else None,
            content_hash=rejection.content_hash, created_at=created_at,
        )
    )
    return True
