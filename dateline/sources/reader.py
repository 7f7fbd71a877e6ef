"""Reading files, folders and stdin into SourceItems, and bad input into Rejections.

Rules (also in the package README):

* a named file is read by its extension (``FORMATS``); a named file of another type is
  rejected as ``unsupported``; inside a folder such files are silently ignored;
* folders are walked recursively in sorted order, skipping hidden files and folders (names
  starting with ".") and, unless ``SourceLimits.follow_symlinks``, symlinked folders;
* ``-`` is stdin; its format is sniffed: JSON Lines when every non-empty line of its first
  ``sniff_bytes`` starts with "{", HTML when it starts with "<", text otherwise;
* a file bigger than ``max_document_bytes`` is rejected from its size, unread; stdin is read
  only up to ``max_document_bytes + 1`` bytes per document.

Nothing here raises for bad input: every problem becomes a ``Rejection`` and the batch goes on.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, TextIO

from dateline.errors import Reason, RejectedDocument
from dateline.records import Rejection, SourceItem

from .decoding import binary_kind, decode
from .jsonl import read_jsonl
from .limits import SourceLimits

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
STDIN_ORIGIN = "<stdin>"
_LOOKS_LIKE_HTML = re.compile(r"\s*(<!doctype\s+html|<html[\s>])", re.I)


def read_sources(
    paths: Sequence[str | Path],
    *,
    limits: SourceLimits = SourceLimits(),  # noqa: B008 - frozen, shared default is safe
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[SourceItem | Rejection]:
    """Yield a SourceItem per article found in ``paths`` and a Rejection per bad input.

    ``paths`` holds files, folders and ``"-"`` (read from ``stdin``, default ``sys.stdin``).
    """
    ids = _StemIds()
    for entry in paths:
        if str(entry) == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin, limits=limits)
            continue
        path = Path(entry)
        if path.is_dir():
            for file in walk_folder(path, follow_symlinks=limits.follow_symlinks):
                yield from read_file(file, limits=limits, ids=ids)
        elif path.is_file():
            if path.suffix.lower() not in FORMATS:
                known = ", ".join(sorted(FORMATS))
                yield Rejection(str(path), Reason.UNSUPPORTED,
                                f"{path}: unsupported file type {path.suffix or '(none)'!r}; dateline reads {known}")
            else:
                yield from read_file(path, limits=limits, ids=ids)
        elif path.exists():
            yield Rejection(str(path), Reason.UNSUPPORTED, f"{path}: not a regular file or folder")
        else:
            yield Rejection(str(path), Reason.UNREADABLE, f"{path}: no such file or folder")


def walk_folder(folder: Path, *, follow_symlinks: bool = False) -> Iterator[Path]:
    """Files of a supported type under ``folder``, recursively, sorted, hidden ones skipped."""
    for root, dirs, files in os.walk(folder, followlinks=follow_symlinks):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if path.suffix.lower() in FORMATS:
                yield path


def read_file(path: Path, *, limits: SourceLimits, ids: _StemIds | None = None) -> Iterator[
    SourceItem | Rejection
]:
    """Read one file of a supported type."""
    fmt = FORMATS[path.suffix.lower()]
    origin = str(path)
    try:
        stat = path.stat()
        size, saved = stat.st_size, datetime.fromtimestamp(stat.st_mtime, tz=UTC).date()
        if fmt == "jsonl":
            if limits.max_jsonl_file_bytes is not None and size > limits.max_jsonl_file_bytes:
                yield _too_large(origin, size, limits.max_jsonl_file_bytes, "max_jsonl_file_bytes")
                return
            with path.open("rb") as stream:
                head = stream.read(SNIFF_HEAD)
                kind = binary_kind(head)
                if kind is not None:
                    yield Rejection(origin, Reason.BINARY, f"{origin}: not text: looks like {kind}")
                    return
                stream.seek(0)
                yield from read_jsonl(stream, origin=origin, stem=path.stem, limits=limits)
            return
        if size > limits.max_document_bytes:
            yield _too_large(origin, size, limits.max_document_bytes, "max_document_bytes")
            return
        with path.open("rb") as stream:
            data = stream.read(limits.max_document_bytes + 1)
    except OSError as exc:
        yield Rejection(origin, Reason.UNREADABLE, f"{origin}: cannot be read: {exc.strerror or exc}")
        return
    if len(data) > limits.max_document_bytes:  # the file grew while we looked
        yield _too_large(origin, len(data), limits.max_document_bytes, "max_document_bytes")
        return
    doc_id = ids.claim(path) if ids is not None else path.stem
    item = _single(data, fmt=fmt, origin=origin, doc_id=doc_id)
    if isinstance(item, SourceItem):
        # when the file was last written: an article is never published after it was saved
        item.meta["saved"] = saved.isoformat()
    yield item


SNIFF_HEAD = 8192


def _too_large(origin: str, size: int, limit: int, setting: str) -> Rejection:
    return Rejection(origin, Reason.TOO_LARGE,
                     f"{origin}: {size:,} bytes, over the limit of {limit:,} bytes (SourceLimits.{setting})")


def _single(data: bytes, *, fmt: str, origin: str, doc_id: str) -> SourceItem | Rejection:
    """One whole document (a text, Markdown or HTML file, or stdin)."""
    if not data.strip():
        return Rejection(origin, Reason.EMPTY, f"{origin}: empty" + (" (only whitespace)" if data else ""))
    try:
        text = decode(data, fmt=fmt, where=origin)
    except RejectedDocument as exc:
        return Rejection(origin, exc.reason, exc.message, doc_id=doc_id)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return Rejection(origin, Reason.EMPTY, f"{origin}: empty (only whitespace)", doc_id=doc_id)
    if fmt != "html" and _LOOKS_LIKE_HTML.match(text[:1024]):
        fmt = "html"
    return SourceItem(origin=origin, fmt=fmt, content=text, default_id=doc_id)


class _StemIds:
    """Document ids from file stems, made unique within one ``read_sources`` call."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, path: Path) -> str:
        doc_id = path.stem
        if doc_id in self._seen:
            doc_id = f"{doc_id}-{_hash8(str(path).encode())}"
        self._seen.add(doc_id)
        return doc_id


def _hash8(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


# --------------------------------------------------------------------------- stdin


def read_stdin(stream: TextIO | BinaryIO, *, limits: SourceLimits) -> Iterator[SourceItem | Rejection]:
    """Read stdin: JSON Lines (streamed, line by line) or one text/HTML document."""
    source = _ByteSource(stream)
    try:
        head = source.read(limits.sniff_bytes)
    except OSError as exc:
        yield Rejection(STDIN_ORIGIN, Reason.UNREADABLE, f"{STDIN_ORIGIN}: cannot be read: {exc}")
        return
    fmt = sniff_format(head, complete=len(head) < limits.sniff_bytes)
    if fmt == "jsonl":
        kind = binary_kind(head)
        if kind is not None:
            yield Rejection(STDIN_ORIGIN, Reason.BINARY, f"{STDIN_ORIGIN}: not text: looks like {kind}")
            return
        yield from read_jsonl(_PrefixedLines(head, source.read), origin=STDIN_ORIGIN, stem="stdin",
                              limits=limits)
        return
    limit = limits.max_document_bytes
    parts = [head]
    size = len(head)
    while size <= limit:
        chunk = source.read(min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > limit:
        yield Rejection(STDIN_ORIGIN, Reason.TOO_LARGE,
                        f"{STDIN_ORIGIN}: more than {limit:,} bytes (SourceLimits.max_document_bytes)")
        return
    data = b"".join(parts)
    yield _single(data, fmt=fmt, origin=STDIN_ORIGIN, doc_id=f"stdin-{_hash8(data)}")


def sniff_format(head: bytes, *, complete: bool) -> str:
    """``jsonl``, ``html`` or ``text`` for the first bytes of a stream."""
    body = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if body.startswith(b"<"):
        return "html"
    lines = body.split(b"\n")
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    non_empty = [line.strip() for line in lines if line.strip()]
    if non_empty and all(line.startswith(b"{") for line in non_empty):
        return "jsonl"
    return "text"


class _ByteSource:
    """Bytes from a binary or text stream (text is encoded as UTF-8)."""

    def __init__(self, stream: TextIO | BinaryIO) -> None:
        buffer = getattr(stream, "buffer", None)
        self._stream: TextIO | BinaryIO | io.BufferedIOBase = (
            buffer if isinstance(buffer, io.BufferedIOBase) else stream
        )

    def read(self, size: int) -> bytes:
        data = self._stream.read(size)
        if isinstance(data, str):
            return data.encode("utf-8", errors="surrogateescape")
        return data


class _PrefixedLines:
    """``readline(size)`` over already-read bytes followed by the rest of a stream."""

    def __init__(self, prefix: bytes, read: Callable[[int], bytes]) -> None:
        self._buffer = bytearray(prefix)
        self._read = read
        self._eof = False

    def readline(self, size: int = -1, /) -> bytes:
        limit = size if size >= 0 else sys.maxsize
        while True:
            newline = self._buffer.find(b"\n", 0, limit)
            if newline >= 0 or len(self._buffer) >= limit or self._eof:
                cut = newline + 1 if newline >= 0 else min(limit, len(self._buffer))
                line = bytes(self._buffer[:cut])
                del self._buffer[:cut]
                return line
            chunk = self._read(1 << 16)
            if not chunk:
                self._eof = True
            self._buffer += chunk
