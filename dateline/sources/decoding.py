"""Bytes to text, refusing what is not text.

Decisions (documented in the README of the sources package):

* binary input (NUL bytes in the first 8 KiB, or a known file signature such as PDF, PNG,
  ZIP/DOCX, gzip) is rejected as ``binary``;
* text is decoded as UTF-8; a UTF-8 byte-order mark is dropped; UTF-16/UTF-32 with a
  byte-order mark are decoded (the mark declares the encoding);
* HTML that is not valid UTF-8 is decoded with the charset it declares
  (``<meta charset>``, ``http-equiv`` or an XML declaration) when that works strictly;
* anything else is rejected as ``encoding``: dateline never guesses an encoding, because a
  wrong guess silently garbles names and numbers (mojibake).
"""

from __future__ import annotations

import codecs
import re

from dateline.errors import Reason, RejectedDocument

SNIFF_BYTES = 8192

# Leading bytes of common binary formats: (signature, name).
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF container (WebP, WAV, AVI)"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE document (DOC/XLS)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "a FLAC file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"\x00\x00\x01\x00", "an icon"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]{2,40})""",
    re.I,
)


def binary_kind(head: bytes) -> str | None:
    """What binary format ``head`` (the first bytes of an input) looks like, or None for text."""
    for bom, _ in _BOMS:
        if head.startswith(bom):
            return None  # a byte-order mark declares text (UTF-16/32 contain NUL bytes)
    for signature, name in SIGNATURES:
        if head.startswith(signature):
            return name
    if b"\x00" in head[:SNIFF_BYTES]:
        return "binary data (NUL bytes)"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, normalised by ``codecs``."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, *, fmt: str, where: str) -> str:
    """Decode ``data`` (``fmt`` is ``html`` or text); raise RejectedDocument when impossible."""
    kind = binary_kind(data)
    if kind is not None:
        raise RejectedDocument(Reason.BINARY, f"{where}: not text: looks like {kind}")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise RejectedDocument(
                    Reason.ENCODING, f"{where}: declares {codec} by its byte-order mark but is not ({exc.reason})"
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    detail = f"byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}"
    if fmt == "html":
        charset = declared_charset(data)
        if charset is not None and charset != "utf-8":
            try:
                return data.decode(charset)
            except (UnicodeDecodeError, LookupError):
                detail += f"; nor valid {charset}, the charset it declares"
    raise RejectedDocument(
        Reason.ENCODING,
        f"{where}: not valid UTF-8 ({detail}); convert it to UTF-8 first, e.g. iconv -f WINDOWS-1252 -t UTF-8",
    )
