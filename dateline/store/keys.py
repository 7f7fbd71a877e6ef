"""Stable identifiers and searchable name terms.

Ids are short hashes of what identifies a thing in its document, so re-ingesting the same
document gives the same ids: a report is its document, trigger span and PLOVER type.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from ..records import Event

HASH_CHARS = 12  # 48 bits: collisions stay unlikely well past millions of events


def short_hash(*parts: object) -> str:
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:HASH_CHARS]


def report_keys(doc_id: str, events: Sequence[Event]) -> list[str]:
    """One hash per event of a document, stable across re-ingests.

    The key is document + trigger offsets + type.  When one trigger yields several events of
    the same type (``met A and B``) the party names separate them, and an ordinal as a last
    resort, so keys never collide inside a document."""
    def base(e: Event) -> tuple[object, ...]:
        return (doc_id, e.evidence.trigger_start, e.evidence.trigger_end, e.type)

    counts: dict[tuple[object, ...], int] = {}
    for e in events:
        counts[base(e)] = counts.get(base(e), 0) + 1
    keys: list[str] = []
    used: set[str] = set()
    for e in events:
        parts = base(e)
        if counts[parts] > 1:
            parts += (
                e.actor.name if e.actor else None,
                e.recipient.name if e.recipient else None,
                e.location.name if e.location else None,
            )
        key = short_hash(*parts)
        n = 1
        while key in used:
            n += 1
            key = short_hash(*parts, n)
        used.add(key)
        keys.append(key)
    return keys


def report_id(key: str) -> str:
    return f"rp_{key}"


def event_id(key: str) -> str:
    return f"ev_{key}"


def fit(text: str, length: int) -> str:
    """``text`` if it has at most ``length`` characters, else its start and a hash of all of it
    in ``length`` characters: long derived values (a blocking key of a very long name) then fit
    a ``String(length)`` column on PostgreSQL, which enforces lengths, as on SQLite, which does
    not, and stay distinct."""
    if len(text) <= length:
        return text
    h = short_hash(text)
    return f"{text[: length - len(h) - 1]}~{h}"


def rejection_key(origin: str, reason: str, doc_id: str | None, content_hash: str | None) -> str:
    return short_hash(origin, reason, doc_id, content_hash)


_NON_WORD = re.compile(r"[\W_]+")


def normalise_name(text: str) -> str:
    """Lower-case words separated by single spaces: ``Park Min-jun`` -> ``park min jun``."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def name_terms(names: Iterable[str]) -> str | None:
    """The stored search column: `` name one | alias two `` (spaces around every name)."""
    seen: list[str] = []
    for n in names:
        norm = normalise_name(n)
        if norm and norm not in seen:
            seen.append(norm)
    return "".join(f" {n} |" for n in seen) or None


def index_words(names: str | None, length: int = 128) -> set[str]:
    """The words a name index holds for a normalised name or a terms column (`` a b | c |``);
    a word longer than ``length`` is kept as :func:`fit` makes it (queries look it up the same way)."""
    return {fit(w, length) for w in (names or "").replace("|", " ").split()}


def terms_pattern(query: str) -> str | None:
    """A LIKE pattern matching the query as a run of whole words in any stored name.

    Normalised text only holds word characters and spaces, so there is nothing to escape."""
    norm = normalise_name(query)
    return f"% {norm} %" if norm else None
