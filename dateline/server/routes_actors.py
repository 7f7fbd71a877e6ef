"""GET /api/actors and /api/actors/{id}: canonical actors where the registry resolved the
parties, the names events give them elsewhere."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query

from ..errors import NotFound
from . import paging
from .actors import (
    count_actors,
    document_titles,
    event_aliases,
    matches,
    page,
    registry_actor,
    registry_roles,
    sort_key,
)
from .buckets import auto_interval, fold
from .convert import summary_from_row
from .errors import responses
from .queries import EventQuery, Sort, count_by_day, events_page, first_quotes, lane_column, quad_of
from .schemas import ActorDetail, ActorPage, BucketOut, PartnerOut
from .state import ServerState, state

router = APIRouter(prefix="/api", tags=["actors"], responses=responses(422, 503))
State = Annotated[ServerState, Depends(state)]


@router.get("/actors", response_model=ActorPage)
def list_actors(
    st: State,
    q: Annotated[str | None, Query(max_length=200, description="Name or alias (whole words, any case).")] = None,
    sort: Annotated[Literal["events", "name"], Query(description="Most events first, or by name.")] = "events",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> ActorPage:
    """Actors with how often they act and are acted upon, and when."""
    key, types = sort_key(sort)
    kind = f"actors:{sort}"
    after = paging.decode(cursor, kind, types) if cursor else None
    with st.read() as conn:
        found, _ = st.cached(conn, "actors", lambda: count_actors(conn))
    items = [a.summary() for a in found.values() if not q or matches(q, (a.name, *a.aliases))]
    chosen, last = page(items, key, after, limit)
    return ActorPage(
        items=chosen, next_cursor=paging.encode(kind, last) if last is not None else None,
        source="registry" if any(a.registry for a in found.values()) else "events",
    )


@router.get("/actors/{actor_id:path}", response_model=ActorDetail, responses=responses(404))
def get_actor(st: State, actor_id: Annotated[str, Path(max_length=600)]) -> ActorDetail:
    """One actor: aliases, roles, events over time (lanes by quad class), partners, latest events."""
    q = EventQuery(party_id=actor_id)
    with st.read() as conn:
        around, _ = count_actors(conn, q)  # the actor and everyone it shares an event with
        actor = around.get(actor_id) or registry_actor(conn, actor_id)
        if actor is None:
            raise NotFound(f"no actor {actor_id!r}")
        if actor.registry:
            aliases, roles = list(actor.aliases), registry_roles(conn, actor_id)
        else:
            aliases, roles = event_aliases(conn, actor.name), document_titles(conn, actor.name)
        days = [(d, quad_of(str(k)) or "other", n) for d, k, n in count_by_day(conn, q, lane_column("category"))
                if d is not None]
        recent, _ = events_page(conn, q, Sort("date", descending=True), 50)
        quotes = first_quotes(conn, [r["id"] for r in recent])
    interval = auto_interval(actor.first, actor.last, max_buckets=60)
    partners = sorted((a for k, a in around.items() if k != actor_id), key=lambda a: (-a.events, a.name))[:30]
    return ActorDetail(
        **actor.summary().model_dump(), aliases=aliases, roles=roles,
        source="registry" if actor.registry else "events", interval=interval,
        over_time=[BucketOut(start=b.start, end=b.end, label=b.label, total=b.total, counts=b.counts)
                   for b in fold(days, interval, fill=True)],
        partners=[PartnerOut(id=a.id, name=a.name, events=a.events) for a in partners],
        recent=[summary_from_row(r, quotes.get(r["id"])) for r in recent],
    )
