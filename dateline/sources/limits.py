"""Limits that protect ingestion from oversized or runaway input."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLimits:
    """Limits applied while reading sources.

    ``max_document_bytes``: one article (a file, a JSON Lines record, stdin) larger than this is
    rejected as ``too-large`` without being read whole.  ``max_jsonl_file_bytes``: a JSON Lines
    file holds many articles, so it has its own, larger bound (``None``: no bound; each line is
    still held to ``max_document_bytes``).  ``sniff_bytes``: how much of stdin is looked at to
    decide its format.  ``follow_symlinks``: whether folders are walked through symbolic links.
    """

    max_document_bytes: int = 5 * 1024 * 1024
    max_jsonl_file_bytes: int | None = None
    sniff_bytes: int = 64 * 1024
    follow_symlinks: bool = False

    def __post_init__(self) -> None:
        if self.max_document_bytes <= 0:
            raise ValueError("max_document_bytes must be positive")
        if self.sniff_bytes <= 0:
            raise ValueError("sniff_bytes must be positive")
