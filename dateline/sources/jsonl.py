"""JSON Lines: one article per line, ``{"text" | "html": ..., "id", "url", "title", "published", "outlet"}``.

Feeds and scrapers name the same fields differently ("body", "content", "maintext";
"headline"; "timestamp", "date_published" as text or epoch seconds): each field is looked for
under the names below, first found wins.  Article text that is markup ("<p>...") is read as HTML
whatever its field is called.

Lines are read one at a time, each held to ``SourceLimits.max_document_bytes`` (a longer line
is skipped without being held in memory).  Blank lines are ignored.  A bad line becomes a
``Rejection`` naming its line number; the good lines around it are kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Protocol

from dateline.errors import Reason
from dateline.records import Rejection, SourceItem, record_origin

from .limits import SourceLimits

# Metadata fields kept from a record, with the other names accepted for them (first wins).
META_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "document_id", "guid"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "title": ("title", "headline", "heading", "name"),
    "published": ("published", "published_at", "publishedAt", "publish_date", "pubdate", "pub_date",
                  "date_published", "datePublished", "publication_date", "published_time", "date", "datetime",
                  "timestamp", "created_at", "dt", "ts", "time"),
    "outlet": ("outlet", "source", "sitename", "site_name", "publisher"),
}
# The article itself: text fields, then markup fields.
TEXT_FIELDS = ("text", "body", "content", "maintext", "full_text", "article", "article_text", "story")
HTML_FIELDS = ("html", "raw_html", "body_html", "content_html")
CONTENT_FIELDS = TEXT_FIELDS + HTML_FIELDS
MARKUP = re.compile(r"^\s*<(?:!doctype|html|body|article|div|p|h[1-6]|section|main)\b", re.IGNORECASE)


class LineStream(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def read_jsonl(stream: LineStream, *, origin: str, stem: str, limits: SourceLimits) -> Iterator[
    SourceItem | Rejection
]:
    """Yield a SourceItem per good record of ``stream`` and a Rejection per bad line."""
    limit = limits.max_document_bytes
    lineno = 0
    seen_content = False
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            break
        lineno += 1
        where = record_origin(origin, lineno)
        if len(raw) > limit and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            seen_content = True
            yield Rejection(where, Reason.TOO_LARGE,
                            f"{where}: line {lineno} is over the limit of {limit:,} bytes "
                            "(SourceLimits.max_document_bytes)")
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        seen_content = True
        yield _record(raw, where=where, lineno=lineno, stem=stem)
    if not seen_content:
        yield Rejection(origin, Reason.EMPTY, f"{origin}: empty: no JSON Lines records")


def _skip_rest_of_line(stream: LineStream) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _record(raw: bytes, *, where: str, lineno: int, stem: str) -> SourceItem | Rejection:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Rejection(where, Reason.ENCODING,
                         f"{where}: line {lineno} is not valid UTF-8 (byte 0x{raw[exc.start]:02x})")
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejection(where, Reason.MALFORMED_JSON,
                         f"{where}: line {lineno} is not valid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(record, dict):
        return Rejection(where, Reason.MALFORMED_JSON,
                         f"{where}: line {lineno} is a JSON {type(record).__name__}, not an object")
    meta = _meta(record)
    doc_id = str(meta["id"]) if "id" in meta else f"{stem}-{lineno}"
    for name in CONTENT_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            markup = name in HTML_FIELDS or MARKUP.match(value) is not None
            return SourceItem(origin=where, fmt="html" if markup else "text", content=value,
                              default_id=doc_id, meta=meta)
    present = [name for name in CONTENT_FIELDS if name in record]
    if present:
        return Rejection(where, Reason.EMPTY,
                         f"{where}: line {lineno}: field {present[0]!r} is empty or not a string",
                         doc_id=doc_id)
    return Rejection(where, Reason.MISSING_FIELD,
                     f"{where}: line {lineno}: record has no article text (looked for {', '.join(CONTENT_FIELDS)})",
                     doc_id=doc_id)


def _meta(record: dict[str, Any]) -> dict[str, Any]:
    return {"container": "jsonl", **record_meta(record)}


def record_meta(record: dict[str, Any]) -> dict[str, Any]:
    """The metadata of a record (a JSON Lines object, a file's front matter), each field under
    any of its names in any case ("pubDate", "PublishedAt"); an outlet given as an object is read
    from its name ("source": {"name": ...})."""
    meta: dict[str, Any] = {}
    folded = {k.casefold(): v for k, v in reversed(list(record.items())) if isinstance(k, str)}
    for key, names in META_FIELDS.items():
        for name in names:
            value = record.get(name, folded.get(name.casefold()))
            if key == "outlet" and isinstance(value, dict):
                value = value.get("name") or value.get("title")
            if key == "id" and isinstance(value, bool):
                continue
            if isinstance(value, str) and value.strip():
                meta[key] = value.strip()
                break
            if isinstance(value, int | float) and not isinstance(value, bool) and key in ("id", "published"):
                meta[key] = value
                break
    return meta
