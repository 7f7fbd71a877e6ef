"""Queries: events with their sources, documents and rejections, as view records."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, case, func, or_, select, union

from ..records import EventDate, Party, Place, PublicationDate, Quantity, Rejection
from ..views import ClaimedValue, Disagreement, DocumentView, EventView, SourceView
from . import keys
from .actors import alias_match
from .dialect import bytewise
from .schema import WORD_LENGTH, documents, events, metadata, rejections, report_words, reports, syndication
from .write import chunks


@dataclass(frozen=True)
class EventFilter:
    """Which events to list.  Names match the name or any alias, as whole words, any case;
    ``since``/``until`` keep events whose date interval overlaps ``[since, until]``."""

    actor: str | None = None
    recipient: str | None = None
    party: str | None = None  # actor or recipient
    type: str | None = None
    since: date | None = None
    until: date | None = None
    doc: str | None = None
    limit: int | None = None


def _nulls_last(column: Any) -> Any:
    """Sort key putting NULLs last on every database (SQLite and PostgreSQL disagree)."""
    return case((column.is_(None), 1), else_=0)


def name_clause(roles: Sequence[str], query: str) -> Any:
    """In one of ``roles``, the party's own names match, or its canonical actor has a matching
    name or alias (so "Kemelbayev" also finds the reports that called him "Kazakhstan's top
    diplomat").

    Written for indexes on every database: one set of event ids, a UNION of the events whose
    reports name the query's first word in the role (``report_words``) and whose own names hold
    the whole query, and of the events of the actors so named (``name_words``).  Each part is
    an index lookup; nothing reads every event (an OR of IN-subqueries, or a LIKE on the events
    outside them, makes PostgreSQL's planner do so)."""
    pattern = keys.terms_pattern(query)
    if not pattern:
        return or_(*(events.c[f"{role}_terms"].is_not(None) for role in roles))
    first = keys.fit(pattern.strip("% ").split()[0], WORD_LENGTH)
    actors = alias_match(pattern)
    sources: list[Select[Any]] = []
    for role in roles:
        named = events.alias(f"named_{role}")
        sources.append(
            select(named.c.id)
            .join(reports, reports.c.event_id == named.c.id)
            .join(report_words, report_words.c.report_id == reports.c.id)
            .where(report_words.c.word == first, report_words.c.role == role, named.c[f"{role}_terms"].like(pattern))
        )
        held = events.alias(f"held_{role}")
        sources.append(select(held.c.id).where(held.c[f"{role}_id"].in_(actors)))
    return events.c.id.in_(union(*sources))


def event_query(f: EventFilter, *, chronological: bool) -> Select[Any]:
    q = select(events.c.id)
    if f.actor:
        q = q.where(name_clause(["actor"], f.actor))
    if f.recipient:
        q = q.where(name_clause(["recipient"], f.recipient))
    if f.party:
        q = q.where(name_clause(["actor", "recipient"], f.party))
    if f.type:
        q = q.where(events.c.type == f.type.upper())  # PLOVER categories are stored upper-case
    if f.since:
        q = q.where(events.c.date_last >= f.since)
    if f.until:
        q = q.where(events.c.date_first <= f.until)
    if f.doc:
        q = q.where(events.c.id.in_(select(reports.c.event_id).where(reports.c.doc_id == f.doc)))
    if chronological:
        q = q.order_by(_nulls_last(events.c.date_first), events.c.date_first, events.c.date_last, bytewise(events.c.id))
    else:
        q = q.order_by(bytewise(events.c.id))
    if f.limit is not None:
        q = q.limit(f.limit)
    return q


def find_event_ids(conn: Connection, f: EventFilter, *, chronological: bool = True) -> list[str]:
    return list(conn.execute(event_query(f, chronological=chronological)).scalars())


def load_events(conn: Connection, ids: Sequence[str]) -> list[EventView]:
    """Events with their sources, in the order of ``ids`` (unknown ids are left out)."""
    by_id: dict[str, EventView] = {}
    for part in chunks(ids):
        rows = conn.execute(select(events).where(events.c.id.in_(part))).mappings().all()
        sources = _sources(conn, part)
        for row in rows:
            by_id[row["id"]] = _event_view(row, sources.get(row["id"], ()))
    return [by_id[i] for i in ids if i in by_id]


def iter_events(conn: Connection, f: EventFilter, *, batch: int = 500) -> Iterator[EventView]:
    ids = find_event_ids(conn, f)
    for part in chunks(ids, batch):
        yield from load_events(conn, part)


def _sources(conn: Connection, event_ids: Sequence[str]) -> dict[str, tuple[SourceView, ...]]:
    q = (
        select(reports, documents.c.url, documents.c.title, documents.c.outlet, documents.c.published,
               syndication.c.original)
        .join(documents, documents.c.id == reports.c.doc_id)
        .outerjoin(syndication, syndication.c.doc_id == reports.c.doc_id)
        .where(reports.c.event_id.in_(event_ids))
        .order_by(
            _nulls_last(documents.c.published), documents.c.published,
            bytewise(reports.c.doc_id), reports.c.trigger_start, bytewise(reports.c.id),
        )
    )
    out: dict[str, list[SourceView]] = {}
    for r in conn.execute(q).mappings():
        out.setdefault(r["event_id"], []).append(
            SourceView(
                report=r["id"], doc=r["doc_id"], url=r["url"], title=r["title"], outlet=r["outlet"],
                published=r["published"], sentence=r["sentence_text"], start=r["sentence_start"],
                end=r["sentence_end"], trigger=r["trigger"], trigger_start=r["trigger_start"],
                trigger_end=r["trigger_end"],
                date=_date(r, r["date_phrase_start"], r["date_phrase_end"]),
                rule=r["rule"], confidence=r["confidence"], original=r["original"],
            )
        )
    return {k: tuple(v) for k, v in out.items()}


def _party(row: Any, role: str) -> Party | None:
    name = row[f"{role}_name"]
    if name is None:
        return None
    return Party(
        name=name, kind=row[f"{role}_kind"] or "", aliases=tuple(row[f"{role}_aliases"] or ()),
        country=row[f"{role}_country"], actor_id=row[f"{role}_id"],
    )


def _date(row: Any, phrase_start: int | None = None, phrase_end: int | None = None) -> EventDate:
    return EventDate(
        value=row["date_value"], first=row["date_first"], last=row["date_last"],
        granularity=row["date_granularity"], phrase=row["date_phrase"], rule=row["date_rule"],
        phrase_start=phrase_start, phrase_end=phrase_end,
    )


def _event_view(row: Any, sources: tuple[SourceView, ...]) -> EventView:
    location = Place(row["location_name"], row["location_country"]) if row["location_name"] else None
    quantities = tuple(
        Quantity(value=q["value"], unit=q.get("unit"), item=q.get("item"), approx=bool(q.get("approx")),
                 text=q.get("text") or "")
        for q in row["quantities"] or ()
    )
    # the event's date phrase is located in its first source that carries the same phrase
    span = next(
        ((s.date.phrase_start, s.date.phrase_end) for s in sources
         if s.date.phrase == row["date_phrase"] and s.date.phrase_start is not None),
        (None, None),
    )
    return EventView(
        id=row["id"], type=row["type"], mode=row["mode"], actor=_party(row, "actor"),
        recipient=_party(row, "recipient"), location=location, date=_date(row, *span),
        quantities=quantities, confidence=row["confidence"], n_sources=row["n_sources"], sources=sources,
        disagreements=_disagreements(row["disagreements"]),
    )


def _disagreements(raw: Any) -> tuple[Disagreement, ...]:
    def value(v: Any) -> ClaimedValue:
        return ClaimedValue(v["value"], tuple(v.get("reports") or ()), tuple(v.get("docs") or ()))

    return tuple(Disagreement(d["field"], d.get("kept"), tuple(map(value, d["values"]))) for d in raw or ())


def load_documents(conn: Connection) -> list[DocumentView]:
    n_reports = (
        select(reports.c.doc_id, func.count().label("n")).group_by(reports.c.doc_id).subquery()
    )
    q = (
        select(
            documents.c.id, documents.c.title, documents.c.url, documents.c.outlet, documents.c.origin,
            documents.c.published, documents.c.published_source, documents.c.published_evidence,
            documents.c.published_confidence, documents.c.language, documents.c.content_hash,
            documents.c.ingested_at, func.length(documents.c.text).label("chars"),
            func.coalesce(n_reports.c.n, 0).label("n_reports"),
        )
        .outerjoin(n_reports, n_reports.c.doc_id == documents.c.id)
        .order_by(bytewise(documents.c.id))
    )
    return [
        DocumentView(
            id=r["id"], title=r["title"], url=r["url"], outlet=r["outlet"], origin=r["origin"],
            published=PublicationDate(
                r["published"], r["published_source"], r["published_evidence"], r["published_confidence"]
            ),
            language=r["language"], content_hash=r["content_hash"], ingested_at=r["ingested_at"],
            chars=r["chars"], n_reports=r["n_reports"],
        )
        for r in conn.execute(q).mappings()
    ]


def load_rejections(conn: Connection) -> list[Rejection]:
    q = select(rejections).order_by(rejections.c.created_at, rejections.c.id)
    return [
        Rejection(origin=r["origin"], reason=r["reason"], message=r["message"], doc_id=r["doc_id"],
                  content_hash=r["content_hash"])
        for r in conn.execute(q).mappings()
    ]


def document_text(conn: Connection, doc_id: str) -> str | None:
    return conn.execute(select(documents.c.text).where(documents.c.id == doc_id)).scalar()


def table_counts(conn: Connection) -> dict[str, int]:
    return {
        name: conn.execute(select(func.count()).select_from(table)).scalar_one()
        for name, table in metadata.tables.items()
    }

