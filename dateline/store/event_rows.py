"""Events as the store keeps them once reports are merged: loading an event's reports,
recomputing its row from them (dateline.resolve.summary), its blocking keys, and the merge log."""

from __future__ import annotations

import operator
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, bindparam, delete, select, update

from ..errors import NotFound
from ..records import EventDate, Party, Place, Quantity
from ..resolve.merge import MergeRules, facts_from_report, stored_keys
from ..resolve.summary import Member, Summary, summarise
from ..views import Disagreement
from .dialect import bytewise
from .keys import fit
from .schema import KEY_LENGTH, actors, documents, event_keys, events, merge_log, reports, syndication
from .write import chunks, date_columns, party_columns, place_columns, quantity_json

K = TypeVar("K")
V = TypeVar("V")


def _party(row: Any, role: str) -> Party | None:
    name = row[f"{role}_name"]
    if name is None:
        return None
    return Party(name, row[f"{role}_kind"] or "", tuple(row[f"{role}_aliases"] or ()), row[f"{role}_country"],
                 actor_id=row.get(f"{role}_id"))  # fmt: skip


class _Lru(Generic[K, V]):
    """A table of at most ``size`` entries that forgets the least recently used."""

    def __init__(self, size: int) -> None:
        self.size, self.items = size, OrderedDict[K, V]()

    def get(self, key: K) -> V | None:
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
        return found

    def put(self, key: K, value: V) -> None:
        self.items[key] = value
        if len(self.items) > self.size:
            self.items.popitem(last=False)


class _Cache:
    """The members and summaries made lately, in this process (the parent of an ingest reads the
    same stored events again for each chunk it merges).  A member is found again only by the
    whole row it was made from (but the event holding it), so a report rewritten or given
    another registry actor is made anew; a summary only from the very same member objects.  Both
    are made under one set of rules: other rules empty the cache."""

    # bounded memory: ~6 KB a member, ~9 KB a summary (their facts, words and keys), ~150 MB full
    MEMBERS = 20_000
    SUMMARIES = 10_000

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rules: MergeRules | None = None
        self.members = _Lru[tuple[Any, ...], Member](self.MEMBERS)
        self.summaries = _Lru[str, tuple[tuple[Member, ...], Summary]](self.SUMMARIES)

    def _check(self, rules: MergeRules) -> None:
        if self.rules is not rules:
            self.rules, self.members, self.summaries = rules, _Lru(self.MEMBERS), _Lru(self.SUMMARIES)

    def member(self, row: Any, rules: MergeRules) -> Member:
        key = tuple(repr(v) if isinstance(v, list | dict) else v  # JSON columns, made hashable
                    for k, v in row.items() if k != "event_id")  # a member is the same in any event  # fmt: skip
        with self.lock:
            self._check(rules)
            found = self.members.get(key)
        if found is None:
            found = _member(row, rules)
            with self.lock:
                self._check(rules)
                self.members.put(key, found)
        return found

    def summary(self, event_id: str, members: Sequence[Member], rules: MergeRules) -> Summary:
        with self.lock:
            self._check(rules)
            kept = self.summaries.get(event_id)
        if kept is not None and len(kept[0]) == len(members) and all(map(operator.is_, kept[0], members)):
            return kept[1]
        made = summarise(event_id, members, rules)
        with self.lock:
            self._check(rules)
            self.summaries.put(event_id, (tuple(members), made))
        return made


_CACHE = _Cache()


def summary_of(event_id: str, members: Sequence[Member], rules: MergeRules) -> Summary:
    """``summarise(event_id, members, rules)``, made once for the same member objects."""
    return _CACHE.summary(event_id, members, rules)


def _member(row: Any, rules: MergeRules) -> Member:
    quantities = tuple(
        Quantity(q["value"], q.get("unit"), q.get("item"), bool(q.get("approx")), q.get("text") or "")
        for q in row["quantities"] or ()
    )
    return Member(
        report=row["id"], doc=row["doc_id"], group=row["original"] or row["doc_id"], published=row["published"],
        type=row["type"], mode=row["mode"], actor=_party(row, "actor"), recipient=_party(row, "recipient"),
        location=Place(row["location_name"], row["location_country"]) if row["location_name"] else None,
        date=EventDate(row["date_value"], row["date_first"], row["date_last"], row["date_granularity"],
                       row["date_phrase"], row["date_rule"], row["date_phrase_start"], row["date_phrase_end"]),
        quantities=quantities, confidence=row["confidence"],
        facts=facts_from_report(row, published=row["published"], group=row["original"], rules=rules),
    )  # fmt: skip


def load_members(conn: Connection, event_ids: Sequence[str], rules: MergeRules) -> dict[str, list[Member]]:
    out: dict[str, list[Member]] = {}
    for part in chunks(sorted(set(event_ids))):
        # the registry's kind and country of each canonical party (learned from every document)
        actor, recipient = actors.alias("registry_actor"), actors.alias("registry_recipient")
        q = (
            select(reports, documents.c.published, syndication.c.original,
                   actor.c.kind.label("actor_registry_kind"), actor.c.country.label("actor_registry_country"),
                   recipient.c.kind.label("recipient_registry_kind"),
                   recipient.c.country.label("recipient_registry_country"))
            .join(documents, documents.c.id == reports.c.doc_id)
            .outerjoin(syndication, syndication.c.doc_id == reports.c.doc_id)
            .outerjoin(actor, actor.c.id == reports.c.actor_id)
            .outerjoin(recipient, recipient.c.id == reports.c.recipient_id)
            .where(reports.c.event_id.in_(part))
            .order_by(bytewise(reports.c.id))
        )
        for row in conn.execute(q).mappings():
            out.setdefault(row["event_id"], []).append(_CACHE.member(row, rules))
    return out


def load_units(conn: Connection, event_ids: Sequence[str], rules: MergeRules) -> dict[str, Summary]:
    """Each event summarised from its reports (events without reports are left out)."""
    return {e: summary_of(e, ms, rules) for e, ms in load_members(conn, event_ids, rules).items()}


# --------------------------------------------------------------------------- writing events


def _disagreement_json(d: Disagreement) -> dict[str, Any]:
    return {"field": d.field, "kept": d.kept,
            "values": [{"value": v.value, "reports": list(v.reports), "docs": list(v.docs)} for v in d.values]}


def _event_values(s: Summary) -> dict[str, Any]:
    values: dict[str, Any] = {
        "type": s.type, "mode": s.mode, **party_columns("actor", s.actor), **party_columns("recipient", s.recipient),
        **place_columns(s.location), **date_columns(s.date), "quantities": [quantity_json(q) for q in s.quantities],
        "confidence": s.confidence, "n_sources": s.n_sources,
        "disagreements": [_disagreement_json(d) for d in s.disagreements] or None,
    }  # fmt: skip
    for role, party in (("actor", s.actor), ("recipient", s.recipient)):
        if f"{role}_id" in events.c:  # the canonical actor, as the report it came from has it
            values[f"{role}_id"] = party.actor_id if party else None
    return values


def refresh_events(conn: Connection, event_ids: Iterable[str], rules: MergeRules | None = None, *,
                   known: dict[str, Summary] | None = None) -> dict[str, Summary]:  # fmt: skip
    """Recompute events from their reports (row and blocking keys); remove those left without any.

    ``known``: summaries of some of these events made from their current reports (merging has
    them already): they are written as they are, not loaded and summarised again."""
    rules = rules or MergeRules.default()
    ids = sorted(set(event_ids))
    given = {e: known[e] for e in ids if known and e in known}
    members: dict[str, Any] = load_members(conn, [e for e in ids if e not in given], rules)
    members |= given
    orphans = [e for e in ids if e not in members]
    for part in chunks(ids):
        conn.execute(delete(event_keys).where(event_keys.c.event_id.in_(part)))
    for part in chunks(orphans):
        conn.execute(delete(events).where(events.c.id.in_(part)))
    out: dict[str, Summary] = {}
    key_rows: list[dict[str, str]] = []
    rows: list[dict[str, Any]] = []
    for event_id, ms in members.items():
        s = ms if isinstance(ms, Summary) else summary_of(event_id, ms, rules)
        rows.append({"b_id": event_id, **{f"b_{k}": v for k, v in _event_values(s).items()}})
        keys = sorted({stored_key(k) for k in stored_keys(s.facts, rules)})
        key_rows += [{"key": k, "event_id": event_id} for k in keys]
        out[event_id] = s
    if rows:  # one statement for all the events (executemany)
        columns = [k[2:] for k in rows[0] if k != "b_id"]
        stmt = update(events).where(events.c.id == bindparam("b_id")).values(
            {c: bindparam(f"b_{c}", type_=events.c[c].type) for c in columns})  # fmt: skip
        conn.execute(stmt, rows)
    if key_rows:
        conn.execute(event_keys.insert(), key_rows)
    return out


def stored_key(key: str) -> str:
    """A blocking key as ``event_keys`` holds it (very long ones hashed to fit the column)."""
    return fit(key, KEY_LENGTH)


def log_entry(at: datetime, action: str, by: str, event_id: str, others: Sequence[str], moved: Sequence[str],
              score: float | None, note: str) -> dict[str, Any]:  # fmt: skip
    """A row of ``merge_log``."""
    return {"at": at, "action": action, "by": by, "event_id": event_id, "others": list(others),
            "reports": sorted(moved), "score": score, "note": note}  # fmt: skip


def log_change(conn: Connection, at: datetime, action: str, by: str, event_id: str, others: Sequence[str],
         moved: Sequence[str], score: float | None, note: str) -> None:  # fmt: skip
    conn.execute(merge_log.insert(), [log_entry(at, action, by, event_id, others, moved, score, note)])


def drop_events(conn: Connection, event_ids: Sequence[str]) -> None:
    """Remove events merged away (their reports moved) and their blocking keys."""
    for part in chunks(sorted(event_ids)):
        conn.execute(delete(event_keys).where(event_keys.c.event_id.in_(part)))
        conn.execute(delete(events).where(events.c.id.in_(part)))


def move_reports(conn: Connection, report_ids: Sequence[str], event_id: str) -> None:
    for part in chunks(sorted(report_ids)):
        conn.execute(update(reports).where(reports.c.id.in_(part)).values(event_id=event_id))


def reports_of(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in chunks(sorted(set(event_ids))):
        q = (select(reports.c.event_id, reports.c.id).where(reports.c.event_id.in_(part))
             .order_by(bytewise(reports.c.id)))  # fmt: skip
        for event_id, report_id in conn.execute(q):
            out.setdefault(event_id, []).append(report_id)
    return out



def merge_into(conn: Connection, event_ids: Sequence[str], at: datetime, by: str, note: str,
           rules: MergeRules) -> str:  # fmt: skip
    keep, others = event_ids[0], list(dict.fromkeys(e for e in event_ids[1:] if e != event_ids[0]))
    owned = reports_of(conn, [keep, *others])
    moved = sorted(r for e in others for r in owned.get(e, ()))
    move_reports(conn, moved, keep)
    drop_events(conn, others)
    refresh_events(conn, [keep], rules)
    log_change(conn, at, "merge", by, keep, others, moved, None, note)
    return keep


def check_events(conn: Connection, event_ids: Sequence[str]) -> None:
    found = set(conn.execute(select(events.c.id).where(events.c.id.in_(list(event_ids)))).scalars())
    missing = [e for e in event_ids if e not in found]
    if missing:
        raise NotFound(f"no event {missing[0]!r}")
