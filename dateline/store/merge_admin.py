"""Users' decisions on events: merges and splits, logged as ``by='user'`` and remembered by
report id in ``merge_links`` ("same" reports rejoin their event when their document comes back;
"apart" reports are never merged again by rule), and the merge log read back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, select

from ..errors import InvalidQuery
from ..resolve.merge import MergeRules
from ..views import MergeRecord
from . import keys
from .event_rows import check_events, log_change, merge_into, move_reports, refresh_events, reports_of
from .schema import events, merge_links, merge_log
from .write import chunks


def _link(conn: Connection, pairs: Iterable[tuple[str, str]], kind: str, at: datetime) -> None:
    rows = {(min(a, b), max(a, b)) for a, b in pairs if a != b}
    for a, b in sorted(rows):
        conn.execute(delete(merge_links).where(and_(merge_links.c.report_a == a, merge_links.c.report_b == b)))
        conn.execute(merge_links.insert().values(report_a=a, report_b=b, kind=kind, created_at=at))


def merge_events(conn: Connection, event_ids: Sequence[str], at: datetime, note: str = "",
                 rules: MergeRules | None = None) -> str:  # fmt: skip
    """A user's merge: every report of the events goes to the first one (logged, remembered)."""
    ids = list(dict.fromkeys(event_ids))
    if len(ids) < 2:
        raise InvalidQuery("merging needs at least two different events")
    check_events(conn, ids)
    owned = reports_of(conn, ids)
    anchor = owned[ids[0]][0]
    everyone = [r for e in ids for r in owned.get(e, ())]
    _link(conn, ((anchor, r) for e in ids[1:] for r in owned.get(e, ())), "same", at)
    _unlink_apart(conn, everyone)
    return merge_into(conn, ids, at, "user", note, rules or MergeRules.default())


def _unlink_apart(conn: Connection, report_ids: Sequence[str]) -> None:
    """A user merging reports overrides an earlier split between them."""
    ids = sorted(report_ids)
    for part in chunks(ids):
        rows = conn.execute(select(merge_links.c.report_a, merge_links.c.report_b).where(
            merge_links.c.kind == "apart", merge_links.c.report_a.in_(part))).all()  # fmt: skip
        inside = set(ids)
        for a, b in rows:
            if b in inside:
                conn.execute(delete(merge_links).where(and_(merge_links.c.report_a == a, merge_links.c.report_b == b)))


def split_event(conn: Connection, event_id: str, report_ids: Sequence[str] | None, at: datetime,
                note: str = "", rules: MergeRules | None = None) -> list[str]:  # fmt: skip
    """A user's split: ``report_ids`` leave ``event_id`` together as a new event (by default
    every report becomes an event of its own).  Returns the events, the split one first;
    resolution never merges the parts again."""
    check_events(conn, [event_id])
    owned = reports_of(conn, [event_id]).get(event_id, [])
    if report_ids is None:
        groups = [[r] for r in owned[1:]]
    else:
        unknown = [r for r in report_ids if r not in owned]
        if unknown:
            raise InvalidQuery(f"report {unknown[0]!r} is not a report of event {event_id!r}")
        leaving = sorted(set(report_ids))
        if len(leaving) == len(owned):
            raise InvalidQuery("a split must leave at least one report in the event")
        groups = [leaving] if leaving else []
    if not groups:
        raise InvalidQuery(f"event {event_id!r} has a single report: nothing to split")
    staying = [r for r in owned if not any(r in g for g in groups)]
    parts = [staying, *groups]
    created = []
    for g in groups:
        new_id = _free_event_id(conn, g[0])
        conn.execute(events.insert().values(_placeholder_event(new_id)))
        move_reports(conn, g, new_id)
        created.append(new_id)
    _link(conn, ((a, b) for i, p in enumerate(parts) for q in parts[i + 1 :] for a in p for b in q), "apart", at)
    refresh_events(conn, [event_id, *created], rules)
    log_change(conn, at, "split", "user", event_id, created, [r for g in groups for r in g], None, note)
    return [event_id, *created]


def _free_event_id(conn: Connection, report_id: str) -> str:
    key = report_id.removeprefix("rp_")
    candidate, n = keys.event_id(key), 1
    while conn.execute(select(events.c.id).where(events.c.id == candidate)).first() is not None:
        n += 1
        candidate = keys.event_id(keys.short_hash(key, n))
    return candidate


def _placeholder_event(event_id: str) -> dict[str, Any]:
    """An event row to point reports at; :func:`refresh_events` fills it in."""
    return {"id": event_id, "type": "", "date_rule": "unknown", "quantities": [], "confidence": 0.0, "n_sources": 0}


def merge_history(conn: Connection, event_id: str | None = None) -> list[MergeRecord]:
    q = select(merge_log).order_by(merge_log.c.id)
    if event_id is not None:
        q = q.where(merge_log.c.event_id == event_id)
    return [
        MergeRecord(at=r["at"], action=r["action"], by=r["by"], event=r["event_id"], others=tuple(r["others"]),
                    reports=tuple(r["reports"]), score=r["score"], note=r["note"])
        for r in conn.execute(q).mappings()
    ]  # fmt: skip
