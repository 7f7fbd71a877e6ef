"""GET /api/summary, /api/events, /api/events/{id}, /api/timeline, /api/graph."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy import Connection, func, select

from ..store.schema import documents, events, rejections, reports
from . import paging
from .actors import count_actors
from .buckets import auto_interval, fold
from .convert import detail_from_view, summary_from_row
from .errors import invalid, responses
from .params import event_query
from .queries import (
    CATEGORIES,
    QUAD_CLASSES,
    EventQuery,
    Sort,
    category_counts,
    count_by_day,
    date_range,
    events_page,
    first_quotes,
    lane_column,
    pair_counts,
    quad_of,
    registry_ids,
    top_names,
    where_clauses,
)
from .schemas import (
    BucketOut,
    CategoryOut,
    EdgeOut,
    EventDetail,
    EventPage,
    GraphOut,
    LaneOut,
    NodeOut,
    SummaryOut,
    TimelineOut,
)
from .state import ServerState, state

router = APIRouter(prefix="/api", tags=["events"], responses=responses(422, 503))

Filters = Annotated[EventQuery, Depends(event_query)]
State = Annotated[ServerState, Depends(state)]
SORT_KEY_TYPES: dict[str, list[type]] = {"date": [date, date, str], "confidence": [float, str], "sources": [int, str]}


@router.get("/summary", response_model=SummaryOut)
def summary(st: State) -> SummaryOut:
    """Counts, the dated range, and the categories present: what the UI starts from."""
    with st.read() as conn:
        counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                  for t in (events, documents, reports, rejections)}
        first, last = date_range(conn)
        by_category = category_counts(conn)
    return SummaryOut(
        events=counts["events"], documents=counts["documents"], reports=counts["reports"],
        rejections=counts["rejections"], first=first, last=last,
        categories=[CategoryOut(name=c, quad=quad_of(c), count=by_category.get(c, 0)) for c in CATEGORIES],
        quad_classes=list(QUAD_CLASSES), ingest_enabled=bool(st.token),
        features={
            "independent_sources_column": "independent_sources" in events.c,
            "actor_registry": callable(getattr(st.dl, "actors", None)),
        },
    )


@router.get("/events", response_model=EventPage)
def list_events(
    st: State,
    f: Filters,
    sort: Annotated[str, Query(max_length=20, description="date, confidence or sources; - reverses.")] = "date",
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000, description="next_cursor of the previous page.")] = None,
) -> EventPage:
    """Events matching every filter given, one page at a time (keyset pages: stable under inserts)."""
    try:
        order = Sort.parse(sort)
    except ValueError as exc:
        raise invalid("sort", str(exc)) from exc
    kind = f"events:{order}"
    after = paging.decode(cursor, kind, SORT_KEY_TYPES[order.key]) if cursor else None
    with st.read() as conn:
        rows, last_key = events_page(conn, f, order, limit, after)
        quotes = first_quotes(conn, [r["id"] for r in rows])
    return EventPage(
        items=[summary_from_row(r, quotes.get(r["id"])) for r in rows],
        next_cursor=paging.encode(kind, last_key) if last_key is not None else None,
        limit=limit, sort=str(order),
    )


@router.get("/events/{event_id}", response_model=EventDetail, responses=responses(404))
def get_event(st: State, event_id: Annotated[str, Path(max_length=64)]) -> EventDetail:
    """One event with every source: its sentence, the spans of the trigger and the time phrase,
    and how the date was derived."""
    view = st.dl.event(event_id)
    with st.read() as conn:
        ids = registry_ids(conn, event_id)
    return detail_from_view(view, ids)


LaneBy = Literal["category", "quad", "actor", "none"]
Interval = Literal["auto", "day", "week", "month", "year"]


@router.get("/timeline", response_model=TimelineOut)
def timeline(
    st: State,
    f: Filters,
    interval: Annotated[Interval, Query(description="Bucket size; auto picks one for the range.")] = "auto",
    lanes: Annotated[LaneBy, Query(description="Split each bucket by category, quad class or actor.")] = "quad",
    lane_limit: Annotated[int, Query(ge=1, le=50, description="Actor lanes: the most frequent actors.")] = 12,
) -> TimelineOut:
    """Matching events counted per day, week, month or year (by the first day of their interval)."""
    with st.read() as conn:
        names = top_names(conn, f, "actor", lane_limit) if lanes == "actor" else []
        lane = None if lanes == "none" else lane_column(lanes, names)
        chosen: str | None = None if interval == "auto" else interval
        if chosen is None and ((f.since and f.until) or not where_clauses(f)):
            first, last = (f.since, f.until) if f.since and f.until else date_range(conn)
            chosen = auto_interval(first, last)
        rows = count_by_day(conn, f, lane, months=chosen in ("month", "year"))
    undated = sum(n for d, _, n in rows if d is None)
    dated = [(d, _lane_key(lanes, str(k)), n) for d, k, n in rows if d is not None]
    first = f.since or min((d for d, _, _ in dated), default=None)
    last = f.until or max((d for d, _, _ in dated), default=None)
    chosen = chosen or auto_interval(first, last)
    buckets = fold(dated, chosen, since=f.since, until=f.until)
    totals: dict[str, int] = defaultdict(int)
    for _, k, n in dated:
        totals[k] += n
    return TimelineOut(
        interval=chosen, lanes_by=lanes, since=first, until=last, total=undated + sum(totals.values()),
        undated=undated, lanes=_lanes(lanes, totals, names),
        buckets=[BucketOut(start=b.start, end=b.end, label=b.label, total=b.total, counts=b.counts) for b in buckets],
    )


def _lane_key(lanes: str, key: str) -> str:
    if lanes == "quad":
        return quad_of(key) or "other"
    return key


def _lanes(lanes: str, totals: dict[str, int], names: list[str]) -> list[LaneOut]:
    if lanes == "quad":
        order = [*QUAD_CLASSES, "other"]
    elif lanes == "category":
        order = list(CATEGORIES) + sorted(set(totals) - set(CATEGORIES))
    elif lanes == "actor":
        order = [*names, "(other)"]
    else:
        order = ["all"]
    return [LaneOut(key=k, label=k, count=totals[k]) for k in order if totals.get(k)]


@router.get("/graph", response_model=GraphOut)
def graph(
    request: Request,
    st: State,
    f: Filters,
    limit: Annotated[int, Query(ge=1, le=200, description="At most this many actors (the most active).")] = 40,
    min_weight: Annotated[int, Query(ge=1, le=100000, description="Leave out pairs with fewer events.")] = 1,
    max_edges: Annotated[int, Query(ge=1, le=5000, description="At most this many edges (the heaviest).")] = 300,
) -> GraphOut:
    """Actors as nodes and actor -> recipient edges weighted by event counts per quad class."""
    with st.read() as conn:
        key = f"graph?{request.url.query}"
        return st.cached(conn, key, lambda: _graph(conn, f, limit, min_weight, max_edges))


def _graph(conn: Connection, f: EventQuery, limit: int, min_weight: int, max_edges: int) -> GraphOut:
    found, total = count_actors(conn, f)
    ranked = sorted(found.values(), key=lambda a: (-a.events, a.name, a.id))
    kept = ranked[:limit]
    pairs = pair_counts(conn, f, among=[a.id for a in kept]) if kept else []
    edges: dict[tuple[str, str], EdgeOut] = {}
    for p in pairs:
        if p.actor is None or p.recipient is None or p.actor == p.recipient:
            continue
        e = edges.get((p.actor, p.recipient))
        if e is None:
            e = edges[(p.actor, p.recipient)] = EdgeOut(source=p.actor, target=p.recipient, weight=0, counts={},
                                                        categories={})
        e.weight += p.n
        quad = quad_of(p.category) or "other"
        e.counts[quad] = e.counts.get(quad, 0) + p.n
        e.categories[p.category] = e.categories.get(p.category, 0) + p.n
    heavy = sorted((e for e in edges.values() if e.weight >= min_weight), key=lambda e: (-e.weight, e.source, e.target))
    return GraphOut(
        nodes=[NodeOut(id=a.id, name=a.name, kind=a.kind, country=a.country, events=a.events) for a in kept],
        edges=heavy[:max_edges], total_events=total, truncated=len(ranked) > limit or len(heavy) > max_edges,
    )
