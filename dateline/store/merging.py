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
4. applies the merges (reports re-pointed, merged-away events removed, the kept event
   recomputed: most precise consistent date and place, disagreements, keys), logs each in
   ``merge_log`` with its score, and marks the documents resolved, in one transaction per
   chunk of ``CHUNK_DOCUMENTS``: a resolution cut short leaves its chunk pending, as it was.
   The transaction holds the writers' lock (:func:`dateline.store.engine.writing`) from step 1,
   so two resolutions at once take their turns, and the second skips what the first resolved.

Users merge and split events (:mod:`dateline.store.merge_admin`); both are logged as
``by='user'`` and remembered by report id in ``merge_links``, so that resolution never re-merges
what a user split and re-joins what a user merged when a document comes back.  Event rows are
recomputed in :mod:`dateline.store.event_rows`, copies found in :mod:`dateline.store.syndication`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection, Engine, bindparam, or_, select, update

from ..resolve.merge import Facts, MergeRules, Strength, blocking_keys, cluster_facts, judge
from ..resolve.summary import Member, Summary, summarise
from ..views import ResolveReport
from .dialect import bytewise
from .engine import writing
from .event_rows import drop_events, load_members, log_entry, merge_into, refresh_events, stored_key, summary_of
from .merge_admin import merge_events, merge_history, split_event
from .schema import documents, event_keys, merge_links, merge_log, reports, resolved_documents
from .syndication import fingerprint, forget_document
from .write import chunks

__all__ = ["forget_document", "merge_events", "merge_history", "refresh_events", "resolve", "split_event"]

CHUNK_DOCUMENTS = 200  # pending documents clustered together
CANDIDATES = 12  # stored events compared with one new event at most (those sharing most keys)
CANDIDATE_GROUP = 100  # new events whose candidates are looked up together


# --------------------------------------------------------------------------- resolution


def pending_documents(conn: Connection, doc_ids: Sequence[str] | None = None) -> list[str]:
    """Stored documents not yet resolved (of ``doc_ids`` when given), earliest published first."""
    q = (
        select(documents.c.id)
        .outerjoin(resolved_documents, resolved_documents.c.doc_id == documents.c.id)
        .where(resolved_documents.c.doc_id.is_(None))
        .order_by(documents.c.published.is_(None), documents.c.published, bytewise(documents.c.id))
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
    # One transaction a chunk, all or nothing, taken before the first read: a second resolver
    # (another ingest into a team database) waits, then finds the documents this one resolved
    # no longer pending and leaves them, instead of merging from what it read before the first
    # committed.
    with writing(engine) as conn:
        doc_ids = pending_documents(conn, doc_ids)
        if not doc_ids:
            return ResolveReport()
        copies = 0
        for doc_id in doc_ids:
            copies += fingerprint(conn, doc_id)
        _follow_links(conn, doc_ids, clock(), rules)
        batch, n_reports = _batch(conn, doc_ids, rules)
        clusters = _clusters(batch, rules)
        merges = [_plan(batch, c, rules) for c in clusters if len(c) >= 2 and batch.pending & set(c)]
        _apply(conn, merges, clock(), rules)
        joined = {e for c in clusters if len(c) > 1 for e in c}
        alone = [e for e in batch.pending if e not in joined]  # as _batch summarised them: nothing moved since
        refresh_events(conn, alone, rules, known={e: batch.units[e] for e in alone if e in batch.units})
        now = clock()
        conn.execute(resolved_documents.insert(), [{"doc_id": d, "resolved_at": now} for d in doc_ids])
    return ResolveReport(len(doc_ids), n_reports, copies, sum(len(m.moved) for m in merges))


def _batch(conn: Connection, doc_ids: Sequence[str], rules: MergeRules) -> tuple[_Batch, int]:
    """The pending documents' events and the existing events that share a blocking key with them."""
    pending: set[str] = set()
    n_reports = 0
    for part in chunks(doc_ids):
        rows = conn.execute(select(reports.c.event_id).where(reports.c.doc_id.in_(part))).scalars().all()
        n_reports += len(rows)
        pending |= set(rows)
    members = load_members(conn, sorted(pending), rules)
    units = {e: summary_of(e, ms, rules) for e, ms in members.items()}
    candidates: set[str] = set()
    unit_keys = {e: sorted({stored_key(k) for k in blocking_keys(s.facts, rules)}) for e, s in units.items()}
    for group in chunks(sorted(unit_keys), CANDIDATE_GROUP):  # one lookup for a group of new events
        holders: dict[str, list[str]] = {}
        for part in chunks(sorted({k for e in group for k in unit_keys[e]})):
            for key, event_id in conn.execute(select(event_keys.c.key, event_keys.c.event_id)
                                              .where(event_keys.c.key.in_(part))):  # fmt: skip
                if event_id not in pending:
                    holders.setdefault(key, []).append(event_id)
        for e in group:  # the stored events sharing most keys with it
            counts = Counter(held for k in unit_keys[e] for held in holders.get(k, ()))
            candidates |= set(sorted(counts, key=lambda held: (-counts[held], held))[:CANDIDATES])
    members |= load_members(conn, sorted(candidates), rules)
    units |= {e: summary_of(e, members[e], rules) for e in candidates if e in members}
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

    def settled(f: Facts) -> bool:  # compared only with what changed (scored 0 with each other)
        return f.key not in fresh

    groups = {k: [k] for k in batch.units}
    profiles = dict(batch.units)
    isolated: set[str] = set()  # ambiguous reports: they stay events of their own

    def profile(keys: Sequence[str]) -> Facts:
        members = [m for k in keys for o in groups[k] for m in batch.members[o]]
        return summarise(keys[0], members, rules).facts

    for _ in range(MAX_ROUNDS):
        facts = [p.facts for k, p in profiles.items() if k not in isolated]
        found = cluster_facts(facts, score=score, rules=rules, apart=batch.kept_apart, fixed=settled)
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
    """A new report without a firm date of its own that fits two distinct events (clusters whose dates,
    categories, parties or places exclude each other) joins neither; it is added to ``isolated``."""
    by_key = {k: units[k].facts for c in clusters for k in c}

    def loose(k: str) -> bool:  # a new report of its own, without a firm date
        f = by_key[k]
        return k in pending and f.size == 1 and f.when.strength is not Strength.FIRM

    doubtful = {k for c in clusters if len(c) > 1 for k in c if loose(k)}
    if not doubtful:
        return clusters
    wanted = frozenset().union(*(blocking_keys(by_key[k], rules) for k in doubtful))
    blocks: dict[str, set[int]] = {}  # the clusters holding each key of a doubtful report
    for i, c in enumerate(clusters):
        for k in c:
            for b in blocking_keys(by_key[k], rules) & wanted:
                blocks.setdefault(b, set()).add(i)
    out = [list(c) for c in clusters]
    for i, c in enumerate(clusters):
        for k in c:
            if k not in doubtful:
                continue
            f = by_key[k]
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


@dataclass(frozen=True)
class _Merge:
    """Events of one cluster merged into ``keep``, with the weakest support of a merged one."""

    keep: str
    others: tuple[str, ...]
    moved: tuple[str, ...]  # the reports of the others
    score: float
    reason: str


def _plan(batch: _Batch, cluster: list[str], rules: MergeRules) -> _Merge:
    """Which event of a cluster the others merge into, and the merge's weakest link."""
    units = [batch.units[k] for k in cluster]
    keep = max(units, key=lambda s: (s.facts.key not in batch.pending, s.facts.size, _first_day(s), s.facts.key))
    others = [s for s in units if s is not keep]
    # each merged event's best support: the rest of the cluster, or one event of it; the weakest is logged
    judgements = []
    for s in others:
        supports = (_rest(batch, units, s, rules), *(u.facts for u in units if u is not s))
        judgements.append(max((judge(x, s.facts, rules) for x in supports), key=lambda j: j.score))
    weakest = min(judgements, key=lambda j: j.score)
    return _Merge(keep.facts.key, tuple(s.facts.key for s in others),
                  tuple(sorted(r for s in others for r in s.facts.reports)), weakest.score, weakest.reason)  # fmt: skip


def _apply(conn: Connection, merges: Sequence[_Merge], at: datetime, rules: MergeRules) -> None:
    """Apply a chunk's merges with a few statements: reports re-pointed, merged-away events and
    their keys removed, kept events recomputed, each merge logged."""
    if not merges:
        return
    moves = [{"r_id": r, "r_event": m.keep} for m in merges for r in m.moved]
    conn.execute(update(reports).where(reports.c.id == bindparam("r_id")).values(event_id=bindparam("r_event")),
                 moves)  # fmt: skip
    drop_events(conn, [e for m in merges for e in m.others])
    refresh_events(conn, [m.keep for m in merges], rules)
    conn.execute(merge_log.insert(),
                 [log_entry(at, "merge", "rule", m.keep, m.others, m.moved, m.score, m.reason) for m in merges])


def _rest(batch: _Batch, units: list[Summary], left: Summary, rules: MergeRules) -> Facts:
    members = [m for u in units if u is not left for m in batch.members.get(u.facts.key, ())]
    return summarise("rest", members, rules).facts if members else left.facts


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
        ).order_by(bytewise(merge_links.c.report_a), bytewise(merge_links.c.report_b))).all()  # fmt: skip
        for a, b in links:
            found = dict(conn.execute(select(reports.c.id, reports.c.event_id).where(reports.c.id.in_([a, b]))).all())
            if len(set(found.values())) == 2:
                merge_into(conn, [found[a], found[b]], at, "rule", "a user merged these reports before", rules)
