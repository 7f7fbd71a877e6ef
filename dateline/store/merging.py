"""Merging reports into events across documents, in the store (the scoring is dateline.resolve).

A document is stored with one event per report; :func:`resolve` then, for each *pending*
document (stored, not yet resolved), in order of publication:

1. fingerprints its text and groups it with the documents it is a syndicated copy of (MinHash
   with LSH band keys in ``doc_bands``; the earliest published document of a group is its
   original, ``syndication``);
2. looks up the existing events that share a blocking key (``event_keys``:
   category family, a participant, a month) with the document's reports, never all events, so
   the cost grows with the new articles and not with the store;
3. clusters the new reports and those events (:func:`dateline.resolve.merge.cluster_facts`),
   keeping apart what a user split (``merge_links``); an undated report that fits two distinct
   events joins neither;
4. applies each merge in its own transaction (reports re-pointed, merged-away events removed,
   the kept event recomputed: most precise consistent date and place, disagreements, keys) and
   logs it in ``merge_log`` with its score.

Users merge and split events (:func:`merge_events`, :func:`split_event`); both are logged as
``by='user'`` and remembered by report id in ``merge_links``, so that resolution never re-merges
what a user split and re-joins what a user merged when a document comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, or_, select, update

from ..errors import InvalidQuery, NotFound
from ..records import EventDate, Party, Place, Quantity
from ..resolve.merge import Facts, MergeRules, blocking_keys, cluster_facts, facts_from_report, judge, stored_keys
from ..resolve.summary import Member, Summary, summarise
from ..resolve.syndication import Fingerprint, is_copy
from ..views import Disagreement, MergeRecord, ResolveReport
from . import keys
from .schema import (
    doc_bands,
    doc_fingerprints,
    documents,
    event_keys,
    events,
    merge_links,
    merge_log,
    reports,
    resolved_documents,
    syndication,
)
from .write import chunks, date_columns, party_columns, place_columns, quantity_json

CHUNK_DOCUMENTS = 200  # pending documents clustered together
CANDIDATES = 12  # stored events compared with one new event at most (those sharing most keys)


# --------------------------------------------------------------------------- loading events


def _party(row: Any, role: str) -> Party | None:
    name = row[f"{role}_name"]
    if name is None:
        return None
    return Party(name, row[f"{role}_kind"] or "", tuple(row[f"{role}_aliases"] or ()), row[f"{role}_country"],
                 actor_id=row.get(f"{role}_id"))  # fmt: skip


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
        q = (
            select(reports, documents.c.published, syndication.c.original)
            .join(documents, documents.c.id == reports.c.doc_id)
            .outerjoin(syndication, syndication.c.doc_id == reports.c.doc_id)
            .where(reports.c.event_id.in_(part))
            .order_by(reports.c.id)
        )
        for row in conn.execute(q).mappings():
            out.setdefault(row["event_id"], []).append(_member(row, rules))
    return out


def load_units(conn: Connection, event_ids: Sequence[str], rules: MergeRules) -> dict[str, Summary]:
    """Each event summarised from its reports (events without reports are left out)."""
    return {e: summarise(e, ms, rules) for e, ms in load_members(conn, event_ids, rules).items()}


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


def refresh_events(conn: Connection, event_ids: Iterable[str], rules: MergeRules | None = None) -> dict[str, Summary]:
    """Recompute events from their reports (row and blocking keys); remove those left without any."""
    rules = rules or MergeRules.default()
    ids = sorted(set(event_ids))
    members = load_members(conn, ids, rules)
    orphans = [e for e in ids if e not in members]
    for part in chunks(ids):
        conn.execute(delete(event_keys).where(event_keys.c.event_id.in_(part)))
    for part in chunks(orphans):
        conn.execute(delete(events).where(events.c.id.in_(part)))
    out: dict[str, Summary] = {}
    key_rows: list[dict[str, str]] = []
    for event_id, ms in members.items():
        s = summarise(event_id, ms, rules)
        conn.execute(update(events).where(events.c.id == event_id).values(**_event_values(s)))
        key_rows += [{"key": k, "event_id": event_id} for k in sorted(stored_keys(s.facts, rules))]
        out[event_id] = s
    if key_rows:
        conn.execute(event_keys.insert(), key_rows)
    return out


def _log(conn: Connection, at: datetime, action: str, by: str, event_id: str, others: Sequence[str],
         moved: Sequence[str], score: float | None, note: str) -> None:  # fmt: skip
    conn.execute(merge_log.insert().values(
        at=at, action=action, by=by, event_id=event_id, others=list(others), reports=sorted(moved), score=score,
        note=note,
    ))  # fmt: skip


def _move(conn: Connection, report_ids: Sequence[str], event_id: str) -> None:
    for part in chunks(sorted(report_ids)):
        conn.execute(update(reports).where(reports.c.id.in_(part)).values(event_id=event_id))


def _reports_of(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in chunks(sorted(set(event_ids))):
        q = select(reports.c.event_id, reports.c.id).where(reports.c.event_id.in_(part)).order_by(reports.c.id)
        for event_id, report_id in conn.execute(q):
            out.setdefault(event_id, []).append(report_id)
    return out


# --------------------------------------------------------------------------- syndication


def fingerprint(conn: Connection, doc_id: str) -> bool:
    """Fingerprint a stored document and group it with the documents it copies (or that copy it);
    True when it joined a group."""
    row = conn.execute(select(documents.c.text).where(documents.c.id == doc_id)).first()
    if row is None:
        return False
    fp = Fingerprint.of(row[0])
    conn.execute(delete(doc_bands).where(doc_bands.c.doc_id == doc_id))
    conn.execute(delete(doc_fingerprints).where(doc_fingerprints.c.doc_id == doc_id))
    bands = fp.bands()
    others = sorted({
        d for part in chunks(bands)
        for d in conn.execute(select(doc_bands.c.doc_id).where(doc_bands.c.band.in_(part))).scalars()
    } - {doc_id})  # fmt: skip
    conn.execute(doc_fingerprints.insert().values(doc_id=doc_id, size=fp.size, signature=list(fp.signature)))
    conn.execute(doc_bands.insert(), [{"band": b, "doc_id": doc_id} for b in sorted(set(bands))])
    matches: dict[str, float] = {}
    for part in chunks(others):
        q = select(doc_fingerprints).where(doc_fingerprints.c.doc_id.in_(part))
        for other in conn.execute(q).mappings():
            copy, similarity = is_copy(fp, Fingerprint(tuple(other["signature"]), other["size"]))
            if copy:
                matches[other["doc_id"]] = similarity
    if matches:
        _regroup(conn, doc_id, matches)
    return bool(matches)


def _regroup(conn: Connection, doc_id: str, matches: dict[str, float]) -> None:
    members = {doc_id, *matches}
    originals = {o for o in conn.execute(
        select(syndication.c.original).where(syndication.c.doc_id.in_(sorted(members)))).scalars()}  # fmt: skip
    members |= originals
    copies = conn.execute(
        select(syndication.c.doc_id, syndication.c.similarity).where(syndication.c.original.in_(sorted(members)))
    ).all()
    similarity = {d: s for d, s in copies} | matches | {doc_id: max(matches.values())}
    members |= set(similarity)
    original = _earliest(conn, members)
    conn.execute(delete(syndication).where(syndication.c.doc_id.in_(sorted(members))))
    conn.execute(syndication.insert(), [
        {"doc_id": d, "original": original, "similarity": similarity.get(d, 0.0)}
        for d in sorted(members - {original})
    ])  # fmt: skip


def _earliest(conn: Connection, doc_ids: Iterable[str]) -> str:
    """The original of a group: the earliest published document (then ingested, then by id)."""
    q = select(documents.c.id, documents.c.published, documents.c.ingested_at).where(
        documents.c.id.in_(sorted(doc_ids)))  # fmt: skip
    return str(min(conn.execute(q).all(), key=lambda r: (r.published or date.max, r.ingested_at, r.id)).id)


def forget_document(conn: Connection, doc_id: str) -> None:
    """Before a document is removed: its copies get the next earliest original."""
    copies = conn.execute(
        select(syndication.c.doc_id).where(syndication.c.original == doc_id)
    ).scalars().all()  # fmt: skip
    conn.execute(delete(syndication).where(or_(syndication.c.doc_id == doc_id, syndication.c.original == doc_id)))
    if len(copies) > 1:
        original = _earliest(conn, copies)
        conn.execute(syndication.insert(), [
            {"doc_id": d, "original": original, "similarity": 0.0} for d in sorted(copies) if d != original
        ])  # fmt: skip


# --------------------------------------------------------------------------- resolution


def pending_documents(conn: Connection, doc_ids: Sequence[str] | None = None) -> list[str]:
    """Stored documents not yet resolved (of ``doc_ids`` when given), earliest published first."""
    q = (
        select(documents.c.id)
        .outerjoin(resolved_documents, resolved_documents.c.doc_id == documents.c.id)
        .where(resolved_documents.c.doc_id.is_(None))
        .order_by(documents.c.published.is_(None), documents.c.published, documents.c.id)
    )
    found = list(conn.execute(q).scalars())
    if doc_ids is not None:
        wanted = set(doc_ids)
        found = [d for d in found if d in wanted]
    return found


@dataclass
class _Batch:
    units: dict[str, Summary] = field(default_factory=dict)
    members: dict[str, list[Member]] = field(default_factory=dict)
    pending: set[str] = field(default_factory=set)  # events holding a report of a pending document
    apart: set[tuple[str, str]] = field(default_factory=set)

    def facts(self) -> list[Facts]:
        return [s.facts for s in self.units.values()]

    def kept_apart(self, a: Facts, b: Facts) -> bool:
        return bool(self.apart) and any((min(x, y), max(x, y)) in self.apart for x in a.reports for y in b.reports)


def resolve(engine: Engine, doc_ids: Sequence[str] | None, *, clock: Callable[[], datetime],
            rules: MergeRules | None = None) -> ResolveReport:  # fmt: skip
    """Merge the reports of pending documents (all, or those of ``doc_ids``) with the store's events."""
    rules = rules or MergeRules.default()
    with engine.connect() as conn:
        pending = pending_documents(conn, doc_ids)
    totals = ResolveReport()
    for part in chunks(pending, CHUNK_DOCUMENTS):
        totals += _resolve_chunk(engine, list(part), clock, rules)
    return totals


def _resolve_chunk(engine: Engine, doc_ids: list[str], clock: Callable[[], datetime],
                   rules: MergeRules) -> ResolveReport:  # fmt: skip
    copies = 0
    for doc_id in doc_ids:
        with engine.begin() as conn:
            copies += fingerprint(conn, doc_id)
    with engine.begin() as conn:
        _follow_links(conn, doc_ids, clock(), rules)
    with engine.connect() as conn:
        batch, n_reports = _batch(conn, doc_ids, rules)
    clusters = _clusters(batch, rules)
    merged = 0
    for cluster in clusters:
        if len(cluster) < 2 or not batch.pending & set(cluster):
            continue
        with engine.begin() as conn:
            merged += _apply(conn, batch, cluster, clock(), rules)
    with engine.begin() as conn:
        alone = [e for e in batch.pending if not any(e in c and len(c) > 1 for c in clusters)]
        refresh_events(conn, alone, rules)
        now = clock()
        conn.execute(resolved_documents.insert(), [{"doc_id": d, "resolved_at": now} for d in doc_ids])
    return ResolveReport(len(doc_ids), n_reports, copies, merged)


def _batch(conn: Connection, doc_ids: Sequence[str], rules: MergeRules) -> tuple[_Batch, int]:
    """The pending documents' events and the existing events that share a blocking key with them."""
    pending: set[str] = set()
    n_reports = 0
    for part in chunks(doc_ids):
        rows = conn.execute(select(reports.c.event_id).where(reports.c.doc_id.in_(part))).scalars().all()
        n_reports += len(rows)
        pending |= set(rows)
    members = load_members(conn, sorted(pending), rules)
    units = {e: summarise(e, ms, rules) for e, ms in members.items()}
    candidates: set[str] = set()
    for s in units.values():
        found = sorted(blocking_keys(s.facts, rules))
        counts: dict[str, int] = {}
        for part in chunks(found):
            q = (select(event_keys.c.event_id, func.count()).where(event_keys.c.key.in_(part))
                 .group_by(event_keys.c.event_id))  # fmt: skip
            for event_id, n in conn.execute(q):
                counts[event_id] = counts.get(event_id, 0) + n
        best = sorted((e for e in counts if e not in pending), key=lambda e: (-counts[e], e))[:CANDIDATES]
        candidates |= set(best)
    members |= load_members(conn, sorted(candidates), rules)
    units |= {e: summarise(e, members[e], rules) for e in candidates if e in members}
    batch = _Batch(units, members, pending & set(units))
    all_reports = sorted({r for s in units.values() for r in s.facts.reports})
    for part in chunks(all_reports):
        q = select(merge_links.c.report_a, merge_links.c.report_b).where(
            merge_links.c.kind == "apart", or_(merge_links.c.report_a.in_(part), merge_links.c.report_b.in_(part))
        )
        batch.apart |= {(a, b) for a, b in conn.execute(q)}
    return batch, n_reports


MAX_ROUNDS = 10


def _clusters(batch: _Batch, rules: MergeRules) -> list[list[str]]:
    """Clusters of the batch's events.  Each round clusters the current events; the events a
    round merges are summarised again (their words, places, amounts and date together), so
    that a report without its own date is compared with what a whole event says.

    Two events that did not change since the last round (stored events, in the first) are not
    compared again: they score 0, so a new report never bridges two stored events."""
    fresh = set(batch.pending)

    def score(a: Facts, b: Facts) -> float:
        if (a.key not in fresh and b.key not in fresh) or batch.kept_apart(a, b):
            return 0.0
        return judge(a, b, rules).score

    groups = {k: [k] for k in batch.units}
    profiles = dict(batch.units)
    isolated: set[str] = set()  # ambiguous reports: they stay events of their own

    def profile(keys: Sequence[str]) -> Facts:
        members = [m for k in keys for o in groups[k] for m in batch.members[o]]
        return summarise(keys[0], members, rules).facts

    for _ in range(MAX_ROUNDS):
        facts = [p.facts for k, p in profiles.items() if k not in isolated]
        found = cluster_facts(facts, score=score, rules=rules, apart=batch.kept_apart)
        clusters = _without_ambiguous(found, profiles, batch.pending, score, profile, rules, isolated)
        merged = [c for c in clusters if len(c) > 1]
        if not merged:
            break
        fresh = set()
        for c in merged:
            keep = max(c, key=lambda k: (profiles[k].facts.size, k))
            joined = [o for k in c for o in groups.pop(k)]
            for k in c:
                profiles.pop(k)
            groups[keep] = joined
            profiles[keep] = summarise(keep, [m for o in joined for m in batch.members[o]], rules)
            fresh.add(keep)
    return [sorted(g) for g in groups.values()]


def _without_ambiguous(clusters: list[list[str]], units: dict[str, Summary], pending: set[str],
                       score: Callable[[Facts, Facts], float], profile: Callable[[Sequence[str]], Facts],
                       rules: MergeRules, isolated: set[str]) -> list[list[str]]:  # fmt: skip
    """A new report without its own date that fits two distinct events (clusters whose dates,
    categories, parties or places exclude each other) joins neither; it is added to ``isolated``."""
    by_key = {k: units[k].facts for c in clusters for k in c}
    home = {k: i for i, c in enumerate(clusters) for k in c}
    blocks: dict[str, set[int]] = {}
    for k, f in by_key.items():
        for b in blocking_keys(f, rules):
            blocks.setdefault(b, set()).add(home[k])
    out = [list(c) for c in clusters]
    for i, c in enumerate(clusters):
        if len(c) < 2:
            continue
        for k in c:
            f = by_key[k]
            if k not in pending or f.size > 1 or f.when.dated:
                continue
            near = {j for b in blocking_keys(f, rules) for j in blocks.get(b, ())} - {i}
            for j in sorted(near):
                scores = [score(f, by_key[o]) for o in clusters[j]]
                fits = min(scores) > 0 and sum(scores) / len(scores) >= rules.threshold
                if fits and judge(profile([o for o in c if o != k]), profile(clusters[j]), rules).distinct:
                    out[i].remove(k)
                    out.append([k])
                    isolated.add(k)
                    break
    return [c for c in out if c]


def _apply(conn: Connection, batch: _Batch, cluster: list[str], at: datetime, rules: MergeRules) -> int:
    """Merge the events of one cluster into one; returns how many reports moved."""
    units = [batch.units[k] for k in cluster]
    keep = max(units, key=lambda s: (s.facts.key not in batch.pending, s.facts.size, _first_day(s), s.facts.key))
    others = [s for s in units if s is not keep]
    moved = sorted(r for s in others for r in s.facts.reports)
    _move(conn, moved, keep.facts.key)
    judgements = [judge(keep.facts, s.facts, rules) for s in others]
    weakest = min(judgements, key=lambda j: j.score)
    for part in chunks([s.facts.key for s in others]):
        conn.execute(delete(event_keys).where(event_keys.c.event_id.in_(part)))
        conn.execute(delete(events).where(events.c.id.in_(part)))
    refreshed = refresh_events(conn, [keep.facts.key], rules)
    _log(conn, at, "merge", "rule", keep.facts.key, [s.facts.key for s in others], moved, weakest.score, weakest.reason)
    batch.units[keep.facts.key] = refreshed.get(keep.facts.key, keep)
    return len(moved)


def _first_day(s: Summary) -> int:
    """Earlier-published events rank higher under ``max``."""
    return -(s.facts.published or date.max).toordinal()


def _follow_links(conn: Connection, doc_ids: Sequence[str], at: datetime, rules: MergeRules) -> None:
    """Reports a user put together ("same") go back together when their document comes back."""
    for part in chunks(doc_ids):
        mine = dict(conn.execute(select(reports.c.id, reports.c.event_id).where(reports.c.doc_id.in_(part))).all())
        if not mine:
            continue
        ids = sorted(mine)
        links = conn.execute(select(merge_links.c.report_a, merge_links.c.report_b).where(
            merge_links.c.kind == "same", or_(merge_links.c.report_a.in_(ids), merge_links.c.report_b.in_(ids))
        )).all()  # fmt: skip
        for a, b in links:
            found = dict(conn.execute(select(reports.c.id, reports.c.event_id).where(reports.c.id.in_([a, b]))).all())
            if len(set(found.values())) == 2:
                _merge(conn, [found[a], found[b]], at, "rule", "a user merged these reports before", rules)


# --------------------------------------------------------------------------- user decisions


def _merge(conn: Connection, event_ids: Sequence[str], at: datetime, by: str, note: str,
           rules: MergeRules) -> str:  # fmt: skip
    keep, others = event_ids[0], list(dict.fromkeys(e for e in event_ids[1:] if e != event_ids[0]))
    owned = _reports_of(conn, [keep, *others])
    moved = sorted(r for e in others for r in owned.get(e, ()))
    _move(conn, moved, keep)
    for part in chunks(others):
        conn.execute(delete(event_keys).where(event_keys.c.event_id.in_(part)))
        conn.execute(delete(events).where(events.c.id.in_(part)))
    refresh_events(conn, [keep], rules)
    _log(conn, at, "merge", by, keep, others, moved, None, note)
    return keep


def _check_events(conn: Connection, event_ids: Sequence[str]) -> None:
    found = set(conn.execute(select(events.c.id).where(events.c.id.in_(list(event_ids)))).scalars())
    missing = [e for e in event_ids if e not in found]
    if missing:
        raise NotFound(f"no event {missing[0]!r}")


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
    _check_events(conn, ids)
    owned = _reports_of(conn, ids)
    anchor = owned[ids[0]][0]
    everyone = [r for e in ids for r in owned.get(e, ())]
    _link(conn, ((anchor, r) for e in ids[1:] for r in owned.get(e, ())), "same", at)
    _unlink_apart(conn, everyone)
    return _merge(conn, ids, at, "user", note, rules or MergeRules.default())


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
    _check_events(conn, [event_id])
    owned = _reports_of(conn, [event_id]).get(event_id, [])
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
        _move(conn, g, new_id)
        created.append(new_id)
    _link(conn, ((a, b) for i, p in enumerate(parts) for q in parts[i + 1 :] for a in p for b in q), "apart", at)
    refresh_events(conn, [event_id, *created], rules)
    _log(conn, at, "split", "user", event_id, created, [r for g in groups for r in g], None, note)
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
