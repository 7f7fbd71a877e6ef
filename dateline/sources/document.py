"""SourceItem -> Document: clean the content into blocks, check the language, date it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, TextIO

from dateline.errors import Reason, RejectedDocument
from dateline.pubdate import copyright_year, find_publication_date
from dateline.records import Block, BlockKind, Document, Rejection, SourceItem

from .cleaning import Cleaned, clean_lines
from .html import extract_html
from .jsonl import META_FIELDS, record_meta
from .language import check_english
from .limits import SourceLimits
from .markdown import front_matter, read_markdown
from .reader import read_sources
from .timeline import with_dated_lines, with_pipe_timelines

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Prepared:
    """The cleaned content of an item with the metadata gathered on the way."""

    cleaned: Cleaned
    title: str | None
    url: str | None
    outlet: str | None


def _meta_str(item: SourceItem, key: str) -> str | None:
    value = item.meta.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def prepare(item: SourceItem) -> Prepared:
    """Clean an item's content (raises RejectedDocument for HTML without an article)."""
    title, url, outlet = _meta_str(item, "title"), _meta_str(item, "url"), _meta_str(item, "outlet")
    if item.fmt == "html":
        article = extract_html(item.content, where=item.origin)
        cleaned = clean_lines(with_dated_lines(article.lines), title=title or article.title, wrapped=False)
        return Prepared(cleaned, title or article.title, url or article.url, outlet or article.outlet)
    cleaned = clean_lines(with_dated_lines(with_pipe_timelines(read_markdown(item.content))), title=title)
    return Prepared(cleaned, title, url or cleaned.url, outlet)


def assemble(blocks: Sequence[tuple[BlockKind, str]]) -> tuple[str, tuple[Block, ...]]:
    """The document text (blocks joined by a blank line) and each block's exact span in it."""
    parts: list[str] = []
    spans: list[Block] = []
    position = 0
    for kind, text in blocks:
        if parts:
            position += len(BLOCK_SEPARATOR)
        spans.append(Block(kind, position, position + len(text)))
        parts.append(text)
        position += len(text)
    return BLOCK_SEPARATOR.join(parts), tuple(spans)


# Keys that make a "---" block front matter (one of them must be there): the metadata read from
# it, and what static-site generators and scrapers write beside it.
FRONT_MATTER_KEYS = frozenset(n.lower() for names in META_FIELDS.values() for n in names) | frozenset(
    {"author", "authors", "byline", "tags", "categories", "slug", "layout", "description", "summary", "lang",
     "language", "draft", "section", "keywords", "image", "updated", "modified", "lastmod"}
)  # fmt: skip


def with_front_matter(item: SourceItem) -> SourceItem:
    """A text or Markdown item whose YAML front matter is read into its metadata (title, url,
    published, outlet, under the names JSON Lines records use; metadata the item already has
    wins) and cut from its content."""
    if item.fmt == "html":
        return item
    fields, rest = front_matter(item.content)
    if not any(k.lower() in FRONT_MATTER_KEYS for k in fields):  # "---\nUpdate: ...\n---": a note set off by rules
        return item
    found = {k: v for k, v in record_meta(fields).items() if k != "id"}  # (the file names the document)
    return replace(item, content=rest, meta={**found, **item.meta})


def build_document(item: SourceItem) -> Document:
    """Turn a raw SourceItem into a Document; raises RejectedDocument(reason, message)."""
    item = with_front_matter(item)
    prepared = prepare(item)
    cleaned = prepared.cleaned
    if not cleaned.blocks:
        raw_verdict = check_english(item.content)
        if item.fmt != "html" and not raw_verdict.english:
            raise RejectedDocument(Reason.NOT_ENGLISH, f"{item.origin}: not English: {raw_verdict.explain()}")
        raise RejectedDocument(Reason.EMPTY, f"{item.origin}: empty: nothing left after removing page furniture")
    body = [text for kind, text in cleaned.blocks if kind is not BlockKind.CAPTION] or [t for _, t in cleaned.blocks]
    verdict = check_english(" ".join(body))
    if not verdict.english:
        raise RejectedDocument(Reason.NOT_ENGLISH, f"{item.origin}: not English: {verdict.explain()}")
    text, blocks = assemble(cleaned.blocks)
    headline = next((text[b.start : b.end] for b in blocks if b.kind is BlockKind.HEADLINE), None)
    notices = [line for kind, line in cleaned.dropped if kind == "copyright"]
    published = find_publication_date(
        item, text, blocks, stamps=cleaned.stamps, url=prepared.url, copyright_year=copyright_year(notices)
    )
    return Document(
        id=item.default_id,
        text=text,
        blocks=blocks,
        published=published,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        origin=item.origin,
        title=prepared.title or headline,
        url=prepared.url,
        outlet=prepared.outlet,
        language="en",
    )


def iter_documents(
    paths: Sequence[str | Path],
    *,
    limits: SourceLimits = SourceLimits(),  # noqa: B008 - frozen, shared default is safe
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Document | Rejection]:
    """``read_sources`` + ``build_document``: a Document or a Rejection per input, never raising.

    An unexpected error while cleaning one document (a bug) becomes a ``pipeline-error``
    rejection naming it, so that the rest of the batch is still ingested."""
    for entry in read_sources(paths, limits=limits, stdin=stdin):
        if isinstance(entry, Rejection):
            yield entry
            continue
        try:
            yield build_document(entry)
        except RejectedDocument as exc:
            yield Rejection(entry.origin, exc.reason, exc.message, doc_id=entry.default_id)
        except Exception as exc:  # a bug must not stop the batch: record it and go on
            message = f"{entry.origin}: unexpected {type(exc).__name__} while cleaning: {exc}".splitlines()[0]
            yield Rejection(entry.origin, Reason.PIPELINE, message, doc_id=entry.default_id)
