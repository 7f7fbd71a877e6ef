"""Actors for the API: the canonical actor registry where events are resolved to it, and the
names events give their parties where they are not (or where the store has no registry).

Either way an actor has one id (:func:`dateline.server.queries.party_id`): a registry id such
as ``state:KAZ``, or ``name:...`` for a party known only by its name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, select

from ..export import country_name
from ..store.keys import normalise_name
from ..store.schema import doc_entities, events, metadata
from ..store.write import chunks
from .queries import EventQuery, PartyCount, name_of_id, role_counts
from .schemas import ActorSummary, RoleOut

ACTORS: Table | None = metadata.tables.get("actors")
ALIASES: Table | None = metadata.tables.get("actor_aliases")
ROLES: Table | None = metadata.tables.get("actor_roles")


class Actor:
    """An actor with its counts in a set of events (either role)."""

    def __init__(self, ident: str, name: str) -> None:
        self.id, self.name = ident, name
        self.kind: str | None = None
        self.country: str | None = None
        self.as_actor = self.as_recipient = 0
        self.first: date | None = None
        self.last: date | None = None
        self.aliases: tuple[str, ...] = ()
        self.registry = False

    @property
    def events(self) -> int:
        return self.as_actor + self.as_recipient

    def add(self, role: str, c: PartyCount) -> None:
        if role == "actor":
            self.as_actor += c.n
        else:
            self.as_recipient += c.n
        self.kind, self.country = self.kind or c.kind, self.country or c.country
        self.first = c.first if self.first is None or (c.first and c.first < self.first) else self.first
        self.last = c.last if self.last is None or (c.last and c.last > self.last) else self.last

    def summary(self) -> ActorSummary:
        return ActorSummary(
            id=self.id, name=self.name, kind=self.kind, country=self.country, country_name=country_name(self.country),
            events=self.events, as_actor=self.as_actor, as_recipient=self.as_recipient, first=self.first,
            last=self.last,
        )


def count_actors(conn: Connection, q: EventQuery | None = None) -> tuple[dict[str, Actor], int]:
    """Every party of the (filtered) events, by id, with registry names where resolved; and
    how many events matched."""
    out: dict[str, Actor] = {}
    total = 0
    for role in ("actor", "recipient"):
        counts, total = role_counts(conn, q or EventQuery(), role)
        for key, c in counts.items():
            out.setdefault(key, Actor(key, c.name)).add(role, c)
    _apply_registry(conn, out)
    return out, total


def _apply_registry(conn: Connection, found: dict[str, Actor]) -> None:
    """Registry names, kinds, countries and aliases for the actors resolved to it."""
    if ACTORS is None:
        return
    ids = [k for k in found if name_of_id(k) is None]
    for part in chunks(ids):
        for row in conn.execute(select(ACTORS).where(ACTORS.c.id.in_(part))).mappings():
            a = found[row["id"]]
            a.name, a.kind, a.country, a.registry = row["name"], row["kind"], row["country"], True
        if ALIASES is not None:
            aliases: dict[str, list[str]] = {}
            for actor_id, alias in conn.execute(
                select(ALIASES.c.actor_id, ALIASES.c.alias).where(ALIASES.c.actor_id.in_(part))
                .order_by(ALIASES.c.actor_id, ALIASES.c.id)
            ):
                aliases.setdefault(actor_id, []).append(alias)
            for actor_id, names in aliases.items():
                found[actor_id].aliases = tuple(n for n in names if n != found[actor_id].name)


def registry_actor(conn: Connection, ident: str) -> Actor | None:
    """A registry actor by id (even one no event names yet)."""
    if ACTORS is None or name_of_id(ident) is not None:
        return None
    row = conn.execute(select(ACTORS).where(ACTORS.c.id == ident)).mappings().first()
    if row is None:
        return None
    a = Actor(ident, row["name"])
    a.kind, a.country, a.registry = row["kind"], row["country"], True
    _apply_registry(conn, {ident: a})
    return a


def matches(query: str, names: Iterable[str]) -> bool:
    """``query`` as a run of whole words of one of ``names`` (any case)."""
    words = normalise_name(query)
    return bool(words) and any(f" {words} " in f" {normalise_name(n)} " for n in names)


def event_aliases(conn: Connection, name: str, *, limit: int = 2000) -> list[str]:
    """Aliases events give a name, most frequent first."""
    seen: Counter[str] = Counter()
    for role in ("actor", "recipient"):
        col, aliases = events.c[f"{role}_name"], events.c[f"{role}_aliases"]
        for (values,) in conn.execute(select(aliases).where(col == name).limit(limit)):
            seen.update(str(v) for v in values or () if v and v != name)
    return [a for a, _ in seen.most_common()]


def document_titles(conn: Connection, name: str) -> list[RoleOut]:
    """Roles of an actor known by name: the titles documents give the entity of that name."""
    seen: Counter[str] = Counter()
    for (titles,) in conn.execute(select(doc_entities.c.titles).where(doc_entities.c.name == name).limit(5000)):
        seen.update(str(t) for t in titles or () if t)
    return [RoleOut(title=t, mentions=n) for t, n in seen.most_common()]


def registry_roles(conn: Connection, ident: str) -> list[RoleOut]:
    """The offices the registry knows an actor held, one per office with the span of days the
    documents attest it and how many documents do; the latest first."""
    if ROLES is None:
        return []
    rows = conn.execute(select(ROLES).where(ROLES.c.actor_id == ident).order_by(ROLES.c.id)).mappings()
    grouped: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        key = (r["title"], r.get("role"), r.get("country"), r.get("organisation"))
        g = grouped.setdefault(key, {"title": r["title"], "role": r.get("role"), "country": r.get("country"),
                                     "organisation": r.get("organisation"), "start": None, "end": None,
                                     "source": r.get("source"), "documents": set()})
        for k, better in (("start", min), ("end", max)):
            v = r.get(k)
            if v is not None:
                g[k] = v if g[k] is None else better(g[k], v)
        if r.get("doc_id"):
            g["documents"].add(r["doc_id"])
    ordered = sorted(grouped.values(), key=lambda g: g["end"] or g["start"] or date.min, reverse=True)
    out = []
    for g in ordered:
        extra: dict[str, Any] = {k: _plain(v) for k, v in g.items() if k not in ("title", "documents")}
        out.append(RoleOut(title=g["title"], documents=len(g["documents"]), **extra))
    return out


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def sort_key(sort: str) -> tuple[Any, list[type]]:
    """The key actors are listed by, and the types of its values (for cursors)."""
    if sort == "name":
        return (lambda a: [a.name, a.id]), [str, str]
    return (lambda a: [-a.events, a.name, a.id]), [int, str, str]


def page(items: Sequence[ActorSummary], key: Any, after: list[Any] | None, limit: int) -> tuple[
    list[ActorSummary], list[Any] | None
]:
    ordered = sorted(items, key=key)
    if after is not None:
        ordered = [a for a in ordered if key(a) > after]
    return ordered[:limit], (key(ordered[limit - 1]) if len(ordered) > limit else None)
