"""Read-only queries the HTTP API needs beyond :mod:`dateline.store.read` (SQLAlchemy Core).

Everything here filters, sorts, pages and counts inside the database, so a request never loads
more rows than it returns: keyset (cursor) pages of events, events counted per day and
bucketed, actor pairs counted per category.  Only portable SQL is used (SQLite and PostgreSQL).

Columns that other parts of the store may add later are used when present and computed when
not: ``events.independent_sources`` (else: distinct documents among an event's reports).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    distinct,
    false,
    func,
    literal,
    null,
    or_,
    select,
    tuple_,
)

from ..events.lexicon import QUAD
from ..store import keys
from ..store.read import name_clause
from ..store.schema import events, metadata, reports
from ..store.write import chunks

QUAD_CLASSES = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict")
CATEGORIES = tuple(QUAD)  # PLOVER categories, cooperation first
LATEST = date(9999, 12, 31)  # unknown dates sort after every known one ...
EARLIEST = date(1, 1, 1)  # ... in both directions


def quad_of(category: str) -> str | None:
    return QUAD.get(category)


def categories_of_quads(quads: Sequence[str]) -> list[str]:
    return [c for c, q in QUAD.items() if q in quads]


@dataclass(frozen=True)
class EventQuery:
    """One filter, shared by the event list, the timeline and the graph.

    Names (``actor``, ``recipient``, ``party``) match a name or alias as whole words in any
    case; ``categories`` and ``quads`` are alternatives (an event passes when its category is
    in either); ``since``/``until`` keep events whose date interval overlaps them; ``place``
    matches the place name (whole words, any case) or its ISO alpha-3 country; ``text`` is a
    substring of an evidence sentence (any case); ``min_sources`` counts independent sources."""

    actor: str | None = None
    recipient: str | None = None
    party: str | None = None
    categories: tuple[str, ...] = ()
    quads: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    place: str | None = None
    text: str | None = None
    doc: str | None = None
    min_sources: int | None = None
    party_id: str | None = None  # an actor id (GET /api/actors) on either side


HAS_ACTOR_IDS = "actor_id" in events.c and "recipient_id" in events.c  # the canonical actor registry
SYNDICATION = metadata.tables.get("syndication")
NAME_ID_PREFIX = "name:"


def name_id(name: str) -> str:
    """The id of a party the registry has not resolved: its exact name, reversibly encoded."""
    return NAME_ID_PREFIX + base64.urlsafe_b64encode(name.encode("utf-8")).decode("ascii").rstrip("=")


def name_of_id(ident: str) -> str | None:
    """The name inside an id made by :func:`name_id` (None for other ids)."""
    if not ident.startswith(NAME_ID_PREFIX):
        return None
    raw = ident[len(NAME_ID_PREFIX):]
    try:
        return base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode("utf-8") or None
    except (binascii.Error, ValueError):
        return None


def party_id(registry_id: str | None, name: str | None) -> str | None:
    """A party's id in the API: its canonical actor when resolved, else its name."""
    return registry_id or (name_id(name) if name else None)


def role_id(role: str) -> ColumnElement[Any] | None:
    """The column holding the canonical actor of ``role``, when the store has the registry."""
    return events.c[f"{role}_id"] if HAS_ACTOR_IDS else None


def party_clause(ident: str) -> ColumnElement[bool]:
    """Events with the party ``ident`` (see :func:`party_id`) on either side."""
    name = name_of_id(ident)
    sides = []
    for role in ("actor", "recipient"):
        rid = role_id(role)
        if name is not None:
            same = events.c[f"{role}_name"] == name
            sides.append(and_(same, rid.is_(None)) if rid is not None else same)
        elif rid is not None:
            sides.append(rid == ident)
    return or_(*sides) if sides else false()


def independent_sources() -> ColumnElement[Any]:
    """The stored column when the store has one, else the distinct documents among an event's
    reports, a syndicated copy counting as its original."""
    if "independent_sources" in events.c:
        return events.c.independent_sources
    doc: ColumnElement[Any] = reports.c.doc_id
    if SYNDICATION is not None:
        original = select(SYNDICATION.c.original).where(SYNDICATION.c.doc_id == reports.c.doc_id)
        doc = func.coalesce(original.scalar_subquery(), reports.c.doc_id)
    return select(func.count(distinct(doc))).where(reports.c.event_id == events.c.id).scalar_subquery()


def _name(roles: Sequence[str], query: str) -> ColumnElement[bool]:
    """A name or alias in one of ``roles``, as whole words in any case: the store's own clause
    (index lookups through the words of reports and aliases, never a scan of every event)."""
    if not keys.terms_pattern(query):
        return false()
    return name_clause(roles, query)


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _place(query: str) -> ColumnElement[bool]:
    words = " ".join(query.split()).lower()
    if not words:
        return false()
    name = func.lower(events.c.location_name)
    w = like_escape(words)
    return or_(
        name == words,
        name.like(f"{w} %", escape="\\"),
        name.like(f"% {w}", escape="\\"),
        name.like(f"% {w} %", escape="\\"),
        events.c.location_country == words.upper(),
    )


def where_clauses(q: EventQuery) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if q.actor:
        clauses.append(_name(["actor"], q.actor))
    if q.recipient:
        clauses.append(_name(["recipient"], q.recipient))
    if q.party:
        clauses.append(_name(["actor", "recipient"], q.party))
    if q.party_id:
        clauses.append(party_clause(q.party_id))
    kinds = sorted({*q.categories, *categories_of_quads(q.quads)})
    if q.categories or q.quads:
        clauses.append(events.c.type.in_(kinds) if kinds else false())
    if q.since:
        clauses.append(events.c.date_last >= q.since)
    if q.until:
        clauses.append(events.c.date_first <= q.until)
    if q.place:
        clauses.append(_place(q.place))
    if q.text and q.text.strip():
        pattern = f"%{like_escape(q.text.strip())}%"
        clauses.append(
            events.c.id.in_(select(reports.c.event_id).where(reports.c.sentence_text.ilike(pattern, escape="\\")))
        )
    if q.doc:
        clauses.append(events.c.id.in_(select(reports.c.event_id).where(reports.c.doc_id == q.doc)))
    if q.min_sources and q.min_sources > 1:
        clauses.append(independent_sources() >= q.min_sources)
    return clauses


# --------------------------------------------------------------------------- event pages

SORTS = ("date", "confidence", "sources")


@dataclass(frozen=True)
class Sort:
    key: str  # one of SORTS
    descending: bool = False

    @classmethod
    def parse(cls, text: str) -> Sort:
        """``date``, ``-date``, ``confidence``, ``-confidence``, ``sources``, ``-sources``."""
        desc = text.startswith("-")
        key = text[1:] if desc else text
        if key not in SORTS:
            raise ValueError(f"unknown sort {text!r} (use {', '.join(SORTS)}, each optionally prefixed with -)")
        return cls(key, desc)

    def __str__(self) -> str:
        return ("-" if self.descending else "") + self.key

    def columns(self) -> list[ColumnElement[Any]]:
        """The sort key, most significant first; the event id breaks ties."""
        if self.key == "date":
            unknown = EARLIEST if self.descending else LATEST
            return [
                func.coalesce(events.c.date_first, literal(unknown, events.c.date_first.type)),
                func.coalesce(events.c.date_last, literal(unknown, events.c.date_last.type)),
                events.c.id,
            ]
        if self.key == "confidence":
            return [events.c.confidence, events.c.id]
        return [independent_sources(), events.c.id]

    def values(self, row: Any) -> list[Any]:
        """The sort key of a fetched row (as :meth:`columns` computes it)."""
        if self.key == "date":
            unknown = EARLIEST if self.descending else LATEST
            return [row["date_first"] or unknown, row["date_last"] or unknown, row["id"]]
        if self.key == "confidence":
            return [row["confidence"], row["id"]]
        return [row["independent_sources"], row["id"]]


def events_page(
    conn: Connection, q: EventQuery, sort: Sort, limit: int, after: Sequence[Any] | None = None
) -> tuple[list[Any], list[Any] | None]:
    """One page of event rows (mappings with ``independent_sources``) and the key of the last
    row when more follow.  ``after`` is the key of the previous page's last row: a keyset page
    does not shift when events are inserted before it."""
    cols = sort.columns()
    stmt: Select[Any] = select(events, independent_sources().label("independent_sources")) if (
        "independent_sources" not in events.c
    ) else select(events)
    stmt = stmt.where(*where_clauses(q))
    if after is not None:
        bounds = [literal(v, c.type) for v, c in zip(after, cols, strict=True)]
        stmt = stmt.where(tuple_(*cols) < tuple_(*bounds) if sort.descending else tuple_(*cols) > tuple_(*bounds))
    stmt = stmt.order_by(*(c.desc() if sort.descending else c.asc() for c in cols)).limit(limit + 1)
    rows = list(conn.execute(stmt).mappings())
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (sort.values(rows[-1]) if more and rows else None)


@dataclass(frozen=True)
class Quote:
    report: str
    doc: str
    sentence: str


def first_quotes(conn: Connection, event_ids: Sequence[str]) -> dict[str, Quote]:
    """One evidence sentence per event (its first report in document order)."""
    out: dict[str, Quote] = {}
    for part in chunks(list(event_ids)):
        rows = conn.execute(
            select(reports.c.event_id, reports.c.id, reports.c.doc_id, reports.c.sentence_text)
            .where(reports.c.event_id.in_(part))
            .order_by(reports.c.event_id, reports.c.doc_id, reports.c.trigger_start, reports.c.id)
        )
        for event_id, report_id, doc_id, sentence in rows:
            out.setdefault(event_id, Quote(report_id, doc_id, sentence))
    return out


# --------------------------------------------------------------------------- counting


def scan_key(column: Any) -> ColumnElement[Any]:
    """A grouping key that the database computes while scanning the table.

    Grouping a filtered set by an indexed column makes SQLite walk that index and fetch each
    row through it, several times slower than one pass over the table; an expression (a no-op
    ``coalesce``) keeps the plan a single scan on every database."""
    return func.coalesce(column, null())


def _month(column: Any, dialect: str) -> ColumnElement[Any] | None:
    """``YYYY-MM`` of a date column, where the database has a way to say it."""
    if dialect == "sqlite":  # dates are stored as ISO text
        return func.substr(column, 1, 7)
    if dialect == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return None


def count_by_day(
    conn: Connection, q: EventQuery, lane: Any = None, *, months: bool = False
) -> list[tuple[date | None, Any, int]]:
    """``(first day, lane, n)`` for the filtered events (first day None for undated).

    ``lane`` is a column of ``events`` (or an expression); with ``months`` the database counts
    per month (the first day of the month stands for it), far fewer rows for long ranges."""
    clauses = where_clauses(q)
    plain = not clauses  # unfiltered: the (date_first, type) index covers the query
    day: ColumnElement[Any] = events.c.date_first if plain else scan_key(events.c.date_first)
    month = _month(events.c.date_first, conn.dialect.name) if months else None
    key = month if month is not None else day
    lane_col = literal("all") if lane is None else lane if plain or not isinstance(lane, Column) else scan_key(lane)
    stmt = select(key, lane_col, func.count()).where(*clauses).group_by(key, lane_col)
    out: list[tuple[date | None, Any, int]] = []
    for d, k, n in conn.execute(stmt):
        if d is not None and not isinstance(d, date):
            text = str(d)
            d = date.fromisoformat(text + "-01" if len(text) == 7 else text)
        out.append((d, k, n))
    return out


@dataclass
class PartyCount:
    """A party's events in the filtered set, and what the events say of it."""

    id: str
    name: str
    n: int = 0
    kind: str | None = None
    country: str | None = None
    first: date | None = None
    last: date | None = None

    def add(self, n: int, kind: str | None, country: str | None, first: date | None, last: date | None) -> None:
        self.n += n
        self.kind, self.country = self.kind or kind, self.country or country
        if first is not None and (self.first is None or first < self.first):
            self.first = first
        if last is not None and (self.last is None or last > self.last):
            self.last = last


def _id_key(role: str) -> ColumnElement[Any]:
    rid = role_id(role)
    return scan_key(rid) if rid is not None else literal("")


def role_counts(conn: Connection, q: EventQuery, role: str) -> tuple[dict[str, PartyCount], int]:
    """Filtered events per party (by party id) in ``role`` (``actor`` or ``recipient``), and
    how many filtered events there are (with or without a party)."""
    rid, name = _id_key(role), scan_key(events.c[f"{role}_name"])
    stmt = (
        select(rid, name, func.count(), func.max(events.c[f"{role}_kind"]), func.max(events.c[f"{role}_country"]),
               func.min(events.c.date_first), func.max(events.c.date_last))
        .where(*where_clauses(q))
        .group_by(rid, name)
    )
    out: dict[str, PartyCount] = {}
    total = 0
    for i, n, count, kind, country, first, last in conn.execute(stmt):
        total += count
        key = party_id(i or None, n or None)
        if key is not None:
            out.setdefault(key, PartyCount(key, n)).add(count, kind, country, first, last)
    return out, total


def top_names(conn: Connection, q: EventQuery, role: str, n: int) -> list[str]:
    """The ``n`` names seen most often in ``role`` of the filtered events."""
    key = scan_key(events.c[f"{role}_name"])
    counts = {name: c for name, c in conn.execute(select(key, func.count()).where(*where_clauses(q)).group_by(key))}
    return sorted((k for k in counts if k), key=lambda k: (-counts[k], k))[:n]


def lane_column(by: str, names: Sequence[str] = ()) -> Any:
    """The value an event is put in a lane by: its category, or its actor when among ``names``."""
    if by == "actor":
        return case((events.c.actor_name.in_(list(names)), events.c.actor_name), else_=literal("(other)"))
    return events.c.type


@dataclass(frozen=True)
class PairCount:
    actor: str | None  # party ids
    recipient: str | None
    category: str
    n: int


def pair_counts(conn: Connection, q: EventQuery, among: Sequence[str] | None = None) -> list[PairCount]:
    """Filtered events counted per (actor id, recipient id, category); with ``among`` (party
    ids), only the pairs whose actor and recipient are both in it."""
    cols = [_id_key("actor"), scan_key(events.c.actor_name), _id_key("recipient"), scan_key(events.c.recipient_name)]
    stmt = (
        select(*cols, events.c.type, func.count())
        .where(*where_clauses(q))
        .where(or_(events.c.actor_name.is_not(None), events.c.recipient_name.is_not(None)))
        .group_by(*cols, events.c.type)
    )
    wanted = set(among) if among is not None else None
    if wanted is not None:  # narrowed in the database too (still one scan)
        names = [n for n in (name_of_id(i) for i in wanted) if n]
        registry = [i for i in wanted if name_of_id(i) is None]
        for role in ("actor", "recipient"):
            side = [scan_key(events.c[f"{role}_name"]).in_(names)]
            if registry and role_id(role) is not None:
                side.append(_id_key(role).in_(registry))
            stmt = stmt.where(or_(*side))
    out: dict[tuple[str | None, str | None, str], int] = {}
    for row in conn.execute(stmt):
        ai, an, ri, rn, kind, n = tuple(row)
        a, r = party_id(ai or None, an or None), party_id(ri or None, rn or None)
        if wanted is not None and (a not in wanted or r not in wanted):
            continue
        out[(a, r, kind)] = out.get((a, r, kind), 0) + n
    return [PairCount(a, r, k, n) for (a, r, k), n in out.items()]


def date_range(conn: Connection, q: EventQuery | None = None) -> tuple[date | None, date | None]:
    stmt = select(func.min(events.c.date_first), func.max(events.c.date_last))
    if q is not None:
        stmt = stmt.where(*where_clauses(q))
    first, last = conn.execute(stmt).one()
    return first, last


def category_counts(conn: Connection) -> dict[str, int]:
    stmt = select(events.c.type, func.count()).group_by(events.c.type)
    return {t: n for t, n in conn.execute(stmt)}


def registry_ids(conn: Connection, event_id: str) -> tuple[str | None, str | None]:
    """The canonical actor ids of an event's actor and recipient (None where unresolved)."""
    if not HAS_ACTOR_IDS:
        return None, None
    row = conn.execute(select(events.c.actor_id, events.c.recipient_id).where(events.c.id == event_id)).first()
    return (row[0], row[1]) if row is not None else (None, None)
