"""Query parameters shared by the event list, the timeline and the graph, checked once."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from ..errors import InvalidQuery
from ..periods import as_date
from .errors import invalid
from .queries import CATEGORIES, QUAD_CLASSES, EventQuery


def _split(values: list[str] | None) -> list[str]:
    """Repeated parameters, each possibly comma-separated."""
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


def _q(description: str, **kw: Any) -> Any:
    return Query(description=description, **kw)


NAME = "name or alias (whole words, any case)"
DATE = "YYYY, YYYY-MM or YYYY-MM-DD"


def event_query(
    actor: Annotated[str | None, _q(f"Actor {NAME}.", max_length=200)] = None,
    recipient: Annotated[str | None, _q(f"Recipient {NAME}.", max_length=200)] = None,
    party: Annotated[str | None, _q(f"Actor or recipient {NAME}.", max_length=200)] = None,
    party_id: Annotated[str | None, _q("Actor id (GET /api/actors) as actor or recipient.", max_length=600)] = None,
    category: Annotated[list[str] | None, _q(
        "PLOVER category (CONSULT, ASSAULT ...); repeat or comma-separate for several.")] = None,
    quad: Annotated[list[str] | None, _q(
        "Quad class: verbal-cooperation, material-cooperation, verbal-conflict or material-conflict.")] = None,
    since: Annotated[str | None, _q(f"{DATE}: events that may have happened on or after it.", max_length=10)] = None,
    until: Annotated[str | None, _q(f"{DATE}: events that may have happened on or before it.", max_length=10)] = None,
    place: Annotated[str | None, _q("Place name (whole words, any case) or ISO alpha-3.", max_length=200)] = None,
    q: Annotated[str | None, _q("Text in an evidence sentence (any case).", max_length=200)] = None,
    doc: Annotated[str | None, _q("Only events reported by this document.", max_length=512)] = None,
    min_sources: Annotated[int | None, _q("At least this many independent sources.", ge=1, le=1000)] = None,
) -> EventQuery:
    categories = [c.upper() for c in _split(category)]
    unknown = [c for c in categories if c not in CATEGORIES]
    if unknown:
        raise invalid("category", f"unknown PLOVER category {unknown[0]!r} (use {', '.join(CATEGORIES)})")
    quads = [x.lower() for x in _split(quad)]
    bad = [x for x in quads if x not in QUAD_CLASSES]
    if bad:
        raise invalid("quad", f"unknown quad class {bad[0]!r} (use {', '.join(QUAD_CLASSES)})")
    try:
        first = as_date(since, end=False) if since else None
    except InvalidQuery as exc:
        raise invalid("since", str(exc)) from exc
    try:
        last = as_date(until, end=True) if until else None
    except InvalidQuery as exc:
        raise invalid("until", str(exc)) from exc
    if first and last and first > last:
        raise invalid("until", f"{until} is before since={since}")
    return EventQuery(
        actor=actor or None, recipient=recipient or None, party=party or None, party_id=party_id or None,
        categories=tuple(categories), quads=tuple(quads), since=first, until=last, place=place or None,
        text=q or None, doc=doc or None, min_sources=min_sources,
    )
