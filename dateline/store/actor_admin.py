"""User-facing side of the actor registry: finding, listing and showing actors, splitting
them, importing aliases and roles, and :class:`ActorStore`, which runs each of these in one
transaction for the Python API.  The registry itself is :mod:`dateline.store.actors`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import InvalidQuery, NotFound, StoreError
from ..resolve.actor_files import ImportEntry, read_actor_file
from ..resolve.actors import choose_person, words_of
from .actors import KINDS, Registry, chunks
from .dialect import bytewise
from .engine import writing
from .keys import normalise_name
from .schema import actor_aliases, actor_merges, actor_roles, actors, events, reports

if TYPE_CHECKING:
    from .database import Store

__all__ = ["ActorStore", "ActorSummary", "ActorView", "AliasView", "ImportReport", "RoleView"]

# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class AliasView:
    alias: str
    source: str  # gazetteer, learned, user


@dataclass(frozen=True)
class RoleView:
    """An office an actor held: a user-given term (``start``/``end``), or learned observations
    summed up (``start``/``end`` are the first and last document dates, ``documents`` how many)."""

    title: str
    role: str
    country: str | None
    organisation: str | None
    start: date | None
    end: date | None
    source: str
    documents: int


@dataclass(frozen=True)
class ActorSummary:
    id: str
    name: str
    kind: str
    country: str | None
    created_by: str
    aliases: tuple[str, ...]
    n_events: int  # events with this actor as actor or recipient


@dataclass(frozen=True)
class ActorView:
    id: str
    name: str
    kind: str
    country: str | None
    created_by: str
    aliases: tuple[AliasView, ...]
    roles: tuple[RoleView, ...]
    n_as_actor: int
    n_as_recipient: int
    by_month: tuple[tuple[str, int, int], ...]  # (YYYY-MM or "unknown", as actor, as recipient)


def split(reg: Registry, actor: str, alias: str, *, at: datetime) -> str:
    """Give ``alias`` (and what it refers to) an actor of its own; returns that actor's id.

    When the alias came with an actor merged into this one, that merge is undone (the
    actor comes back with its id, aliases, roles and references); otherwise a new actor
    takes the alias and the reports naming it."""
    a = reg.canonical(actor)
    if a is None:
        raise NotFound(f"no actor {actor!r}")
    norm = normalise_name(alias)
    logged = (
        reg.conn.execute(
            select(actor_merges)
            .where(actor_merges.c.kept == a, actor_merges.c.undone_at.is_(None))
            .order_by(actor_merges.c.id.desc())
        )
        .mappings()
        .all()
    )
    for m in logged:
        if norm in {normalise_name(x) for x in m["snapshot"]["aliases"]}:
            return _unmerge(reg, a, m, at)
    rows = (
        reg.conn.execute(select(actor_aliases).where(actor_aliases.c.actor_id == a, actor_aliases.c.norm == norm))
        .mappings()
        .all()
    )
    if not rows:
        raise NotFound(f"{actor!r} has no alias {alias!r}")
    me = reg.row(a)
    if normalise_name(me["name"]) == norm:
        raise InvalidQuery(f"{alias!r} is the canonical name of {a}; split another alias, or merge instead")
    new = reg.new_id(me["kind"], rows[0]["alias"])
    reg.forget()
    reg.conn.execute(
        insert(actors).values(
            id=new, name=rows[0]["alias"], kind=me["kind"], country=me["country"], created_by="user", match_key=None
        )
    )
    reg.conn.execute(update(actor_aliases).where(actor_aliases.c.id.in_([r["id"] for r in rows])).values(actor_id=new))
    for table in (reports, events):
        for role in ("actor", "recipient"):
            q = select(table.c.id, table.c[f"{role}_name"]).where(table.c[f"{role}_id"] == a)
            ids = [i for i, name in reg.conn.execute(q) if name and normalise_name(name) == norm]
            for part in chunks(ids):
                reg.conn.execute(update(table).where(table.c.id.in_(part)).values({f"{role}_id": new}))
    return new


def _unmerge(reg: Registry, a: str, m: Any, at: datetime) -> str:
    snap = m["snapshot"]
    b = snap["actor"]["id"]
    reg.forget()
    reg.conn.execute(insert(actors).values(**snap["actor"]))
    if snap["moved_aliases"]:
        reg.conn.execute(
            update(actor_aliases)
            .where(actor_aliases.c.id.in_(snap["moved_aliases"]), actor_aliases.c.actor_id == a)
            .values(actor_id=b)
        )
    for alias, source in snap["dropped_aliases"]:
        reg.conn.execute(
            insert(actor_aliases).values(actor_id=b, alias=alias, norm=normalise_name(alias), source=source)
        )
    if snap["roles"]:
        reg.conn.execute(
            update(actor_roles)
            .where(actor_roles.c.id.in_(snap["roles"]), actor_roles.c.actor_id == a)
            .values(actor_id=b)
        )
    for key, ids in snap["refs"].items():
        name, role = key.split("_", 1)
        table = reports if name == "reports" else events
        for part in chunks(ids):
            reg.conn.execute(
                update(table).where(table.c.id.in_(part), table.c[f"{role}_id"] == a).values({f"{role}_id": b})
            )
    reg.conn.execute(update(actor_merges).where(actor_merges.c.id == m["id"]).values(undone_at=at))
    return str(b)


# --------------------------------------------------------------------------- finding


def find(reg: Registry, query: str, *, on: date | None = None) -> str:
    """The actor an id, a name or alias, a place standing for a state ("the Kremlin") or a
    description ("Belarus's top general", held on ``on``) stands for."""
    text = query.strip()
    found = reg.canonical(text)
    if found is not None:
        return found
    norm = normalise_name(text)
    named = sorted({reg.canonical(i) or i for i in reg.conn.execute(
        select(actor_aliases.c.actor_id).where(actor_aliases.c.norm == norm)).scalars()})  # fmt: skip
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        full = [i for i in named if normalise_name(reg.row(i)["name"]) == norm]
        if len(full) == 1:
            return full[0]
        raise InvalidQuery(f"{query!r} names several actors: {', '.join(named)} (use an id)")
    entry = reg.gz.lookup(re.sub(r"^the\s+", "", text, flags=re.I))
    if entry is not None:
        state = reg.gz.state_for(entry.name) if entry.capital else None
        found = reg.canonical(state.key if state is not None else entry.key)
        if found is not None:
            return found
    role = reg.lex.parse(text)
    if role is not None and role.country is not None and role.definite:
        holder = reg.holder(role.keys, role.country, on or _latest_role_day(reg, role.keys, role.country))
        if holder is not None:
            return holder
    words = words_of(text)
    if words:
        cands = reg.person_candidates(words)
        verdict, actor_id = choose_person(text, None, cands)
        if verdict == "found" and actor_id is not None:
            return actor_id
        if verdict == "ambiguous" and len(words) == 1:
            fits = sorted(c.id for c in cands if any(words[0] in n.split() for n in c.names))
            raise InvalidQuery(f"{query!r} names several actors: {', '.join(fits)} (use an id)")
    raise NotFound(f"no actor {query!r}")


def _latest_role_day(reg: Registry, keys: Sequence[str], country: str) -> date | None:
    q = (
        select(func.max(actor_roles.c.end), func.max(actor_roles.c.start))
        .join(actors, actors.c.id == actor_roles.c.actor_id)
        .where(actor_roles.c.role.in_(list(keys)), func.coalesce(actor_roles.c.country, actors.c.country) == country)
    )
    end, start = reg.conn.execute(q).one()
    days = [d for d in (end, start) if d is not None]  # an open term's start may be the latest date
    return max(days) if days else None


# --------------------------------------------------------------------------- queries


def summaries(
    reg: Registry, *, kind: str | None = None, country: str | None = None, every: bool = False
) -> list[ActorSummary]:
    counts: Counter[str] = Counter()
    for role in ("actor", "recipient"):
        col = events.c[f"{role}_id"]
        for actor_id, n in reg.conn.execute(select(col, func.count()).where(col.is_not(None)).group_by(col)):
            counts[actor_id] += n
    q = select(actors).order_by(bytewise(actors.c.name), bytewise(actors.c.id))
    if kind:
        q = q.where(actors.c.kind == kind)
    if country:
        q = q.where(actors.c.country == country.upper())
    if not every:
        q = q.where(or_(actors.c.created_by != "gazetteer", actors.c.id.in_(list(counts))))
    rows = reg.conn.execute(q).mappings().all()
    aliases: dict[str, list[str]] = {}
    ids = [r["id"] for r in rows]
    for part in chunks(ids):
        q2 = select(actor_aliases.c.actor_id, actor_aliases.c.alias).where(actor_aliases.c.actor_id.in_(part))
        for actor_id, alias in reg.conn.execute(q2.order_by(actor_aliases.c.id)):
            aliases.setdefault(actor_id, []).append(alias)
    out = [
        ActorSummary(r["id"], r["name"], r["kind"], r["country"], r["created_by"],
                     tuple(a for a in aliases.get(r["id"], ()) if a != r["name"]), counts[r["id"]])
        for r in rows
    ]  # fmt: skip
    return sorted(out, key=lambda s: (-s.n_events, s.name.casefold(), s.id))


def view(reg: Registry, actor_id: str) -> ActorView:
    r = reg.row(actor_id)
    aliases = tuple(
        AliasView(a, s) for a, s in reg.conn.execute(
            select(actor_aliases.c.alias, actor_aliases.c.source)
            .where(actor_aliases.c.actor_id == actor_id).order_by(actor_aliases.c.id))
        if a != r["name"]
    )  # fmt: skip
    by_month: dict[str, list[int]] = {}
    totals = [0, 0]
    for i, role in enumerate(("actor", "recipient")):
        for (first,) in reg.conn.execute(select(events.c.date_first).where(events.c[f"{role}_id"] == actor_id)):
            key = f"{first.year:04d}-{first.month:02d}" if first else "unknown"
            by_month.setdefault(key, [0, 0])[i] += 1
            totals[i] += 1
    months = tuple((k, v[0], v[1]) for k, v in sorted(by_month.items(), key=lambda kv: (kv[0] == "unknown", kv[0])))
    return ActorView(r["id"], r["name"], r["kind"], r["country"], r["created_by"], aliases,
                     _roles(reg, actor_id, r["country"]), totals[0], totals[1], months)  # fmt: skip


def _roles(reg: Registry, actor_id: str, home: str | None) -> tuple[RoleView, ...]:
    """User terms as given; learned observations summed up per office and country (a title
    without a country counts for the actor's own)."""
    rows = reg.conn.execute(select(actor_roles).where(actor_roles.c.actor_id == actor_id)).mappings().all()
    out: list[RoleView] = []
    learned: dict[tuple[str, str | None], list[Any]] = {}
    for r in rows:
        if r["source"] == "user":
            out.append(
                RoleView(r["title"], r["role"], r["country"], r["organisation"], r["start"], r["end"], "user", 0)
            )
        else:
            learned.setdefault((r["role"], r["country"] or home), []).append(r)
    for (role, country), group in learned.items():
        days = [d for g in group for d in (g["start"], g["end"]) if d is not None]
        title = Counter(g["title"] for g in group).most_common(1)[0][0]
        org = next((g["organisation"] for g in group if g["organisation"]), None)
        docs = len({g["doc_id"] for g in group})
        out.append(
            RoleView(title, role, country, org, min(days, default=None), max(days, default=None), "learned", docs)
        )
    return tuple(sorted(out, key=lambda v: (v.start or date.min, v.role)))


# --------------------------------------------------------------------------- in transactions


@dataclass(frozen=True)
class ImportReport:
    """What ``import_actors`` did: actors made, aliases and roles added, and one message per
    entry or row that was not imported."""

    actors_created: int
    aliases_added: int
    roles_added: int
    entries: int
    errors: tuple[str, ...]

    def summary(self) -> str:
        return (
            f"{self.entries} entr{'y' if self.entries == 1 else 'ies'} imported: "
            f"{self.actors_created} actor(s) created, "
            f"{self.aliases_added} alias(es) and {self.roles_added} role(s) added; {len(self.errors)} rejected"
        )


def import_entry(reg: Registry, e: ImportEntry) -> tuple[int, int, int]:
    """Apply one import entry; returns (actors created, aliases added, roles added)."""
    created = 0
    actor_id = reg.canonical(e.actor)
    if actor_id is None:
        q = select(actor_aliases.c.actor_id).where(actor_aliases.c.norm == normalise_name(e.actor))
        if e.kind:
            q = q.join(actors, actors.c.id == actor_aliases.c.actor_id).where(actors.c.kind == e.kind)
        found = sorted({reg.canonical(i) or i for i in reg.conn.execute(q).scalars()})
        if len(found) > 1:
            raise InvalidQuery(f"{e.where}: {e.actor!r} names several actors: {', '.join(found)} (use an id)")
        actor_id = found[0] if found else None
    if actor_id is None:
        actor_id = reg.create(e.kind or "person", e.actor, e.country, "user")
        created = 1
    elif e.country:
        reg.conn.execute(update(actors).where(actors.c.id == actor_id).values(country=e.country))
    aliases = reg.add_aliases(actor_id, list(e.aliases), "user")
    country = e.country or reg.row(actor_id)["country"]
    roles = 0
    for r in e.roles:
        parsed = reg.lex.parse(r.title)
        role = (
            parsed.role
            if parsed is not None
            else reg.lex.canonical.get(reg.lex.key_of(r.title), reg.lex.key_of(r.title))
        )
        where = r.country or (parsed.country if parsed is not None else None) or country
        same = select(actor_roles.c.id).where(
            actor_roles.c.actor_id == actor_id, actor_roles.c.role == role, actor_roles.c.source == "user",
            actor_roles.c.country == where if where else actor_roles.c.country.is_(None),
            actor_roles.c.start == r.start if r.start else actor_roles.c.start.is_(None),
            actor_roles.c.end == r.end if r.end else actor_roles.c.end.is_(None),
        )  # fmt: skip
        if reg.conn.execute(same).first() is not None:
            continue
        reg.add_role(actor_id, title=r.title, role=role, country=where, organisation=r.organisation,
                     start=r.start, end=r.end, source="user")  # fmt: skip
        roles += 1
    return created, aliases, roles


# --------------------------------------------------------------------------- in transactions


class ActorStore:
    """The registry of one :class:`~dateline.store.Store`, one transaction per call."""

    def __init__(self, store: Store, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.clock = clock or store.clock

    @contextmanager
    def registry(self) -> Iterator[Registry]:
        """A registry in one transaction, seeded if it was not."""
        try:
            with writing(self.store.engine) as conn:
                reg = Registry(conn)
                if not reg.seeded():
                    reg.seed()
                yield reg
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}") from exc

    def seed(self) -> int:
        """Add the gazetteer's states and bodies that are missing; returns how many."""
        try:
            with writing(self.store.engine) as conn:
                return Registry(conn).seed()
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}") from exc

    def list(self, *, kind: str | None = None, country: str | None = None, every: bool = False) -> list[ActorSummary]:
        if kind is not None and kind not in KINDS:
            raise InvalidQuery(f"unknown kind {kind!r} (use {', '.join(KINDS)})")
        with self.registry() as reg:
            return summaries(reg, kind=kind, country=country, every=every)

    def show(self, query: str, *, on: date | None = None) -> ActorView:
        with self.registry() as reg:
            return view(reg, find(reg, query, on=on))

    def merge(self, kept: str, merged: str) -> ActorView:
        with self.registry() as reg:
            actor_id = reg.merge(find(reg, kept), find(reg, merged), by="user", at=self.clock())
            reg.reresolve()
            return view(reg, actor_id)

    def split(self, actor: str, alias: str) -> ActorView:
        with self.registry() as reg:
            new = split(reg, find(reg, actor), alias, at=self.clock())
            reg.reresolve()
            return view(reg, new)

    def import_file(self, path: Path) -> ImportReport:
        entries, errors = read_actor_file(path)
        done = [0, 0, 0]
        n = 0
        with self.registry() as reg:
            for e in entries:
                try:
                    counts = import_entry(reg, e)
                except InvalidQuery as exc:
                    errors.append(str(exc))
                    continue
                n += 1
                done = [a + b for a, b in zip(done, counts, strict=True)]
            reg.reresolve()
        errors.sort(key=_line_order)
        return ImportReport(done[0], done[1], done[2], n, tuple(errors))


def _line_order(message: str) -> tuple[int, str]:
    m = re.match(r"[^:]*:(\d+):", message)
    return (int(m.group(1)) if m else 0, message)
