"""Syndicated copies in the store: each document's MinHash fingerprint and LSH band keys, and
the groups of copies (``syndication``), whose earliest published document is the original.
The comparison itself is dateline.resolve.syndication."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, delete, or_, select

from ..resolve.syndication import Fingerprint, is_copy
from .schema import doc_bands, doc_fingerprints, documents, syndication
from .write import chunks


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
