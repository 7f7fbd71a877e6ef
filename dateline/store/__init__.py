"""Storage of documents, analyses, reports, events and rejections (SQLAlchemy Core).

SQLite by default (a file path), any SQLAlchemy URL otherwise; the schema lives in
:mod:`dateline.store.schema`.
"""

from .database import SaveResult, Store
from .engine import database_url
from .read import EventFilter
from .schema import SCHEMA_VERSION
from .write import DocStatus, Status

__all__ = ["SCHEMA_VERSION", "DocStatus", "EventFilter", "SaveResult", "Status", "Store", "database_url"]
