"""Ingest: files, folders, JSON Lines and stdin in; SourceItems, Documents and Rejections out.

    read_sources(paths, limits=SourceLimits(), stdin=None) -> Iterator[SourceItem | Rejection]
    build_document(item) -> Document            # raises dateline.errors.RejectedDocument
    iter_documents(paths, ...) -> Iterator[Document | Rejection]   # both, never raising

See README.md in this folder for the decisions on formats, encodings and bad input.
"""

from .cleaning import Cleaned, clean_lines
from .document import assemble, build_document, iter_documents, prepare
from .language import check_english
from .limits import SourceLimits
from .reader import FORMATS, read_sources

__all__ = [
    "FORMATS",
    "Cleaned",
    "SourceLimits",
    "assemble",
    "build_document",
    "check_english",
    "clean_lines",
    "iter_documents",
    "prepare",
    "read_sources",
]
