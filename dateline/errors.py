"""The one error catalogue of dateline.

Every failure that a user can meet has a reason code here.  A bad document becomes a
stored ``Rejection`` carrying one of the ``Reason`` codes, never a silent ``None``; the
batch goes on.  Library code raises subclasses of ``DatelineError``.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a document was rejected.  The value is the stored code."""

    EMPTY = "empty"  # no text at all, or nothing left after removing page furniture
    BINARY = "binary"  # not text (NUL bytes, a known binary signature)
    TOO_LARGE = "too-large"  # over the ``max_document_bytes`` setting
    ENCODING = "encoding"  # not decodable as UTF-8 (nor as a declared/sniffed encoding)
    NOT_ENGLISH = "not-english"  # the language check says the text is not English
    MALFORMED_HTML = "malformed-html"  # HTML from which no article text could be extracted
    MALFORMED_JSON = "malformed-json"  # a JSON Lines line that is not a JSON object
    MISSING_FIELD = "missing-field"  # a JSON record without ``text`` or ``html``
    UNSUPPORTED = "unsupported"  # a file type dateline does not read
    UNREADABLE = "unreadable"  # the file could not be opened
    PIPELINE = "pipeline-error"  # an unexpected failure while analysing the document
    DUPLICATE = "duplicate"  # the same text is already stored under another document id
    STORE = "store-error"  # the analysis could not be written (a constraint failed); nothing was kept


class DatelineError(Exception):
    """Base of every error raised by dateline."""


class RejectedDocument(DatelineError):
    """Raised by a stage for a document that must be stored as a rejection."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class ConfigError(DatelineError):
    """A setting is unknown or has a value of the wrong type."""


class PipelineError(DatelineError):
    """The pipeline cannot be built: a stage needs something no earlier stage sets."""


class StoreError(DatelineError):
    """The store cannot be opened or written."""


class NotFound(DatelineError):
    """A requested document, event or actor does not exist."""


class InvalidQuery(DatelineError, ValueError):
    """A query argument cannot be understood (e.g. a date that is not YYYY, YYYY-MM or YYYY-MM-DD)."""
