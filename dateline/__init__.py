"""dateline: news articles in, a dated and sourced record of PLOVER events out.

The stable public API::

    from dateline import Dateline
    dl = Dateline("news.db")
    dl.ingest(["news/"])
    dl.timeline(actor="...")

Everything else is internal.  The library never configures logging.
"""

from __future__ import annotations

from .api import Dateline
from .errors import DatelineError, Reason
from .records import Analysis, Document, Event, EventDate, Party, Place, Quantity
from .settings import Settings
from .views import EventView, IngestReport

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Dateline",
    "DatelineError",
    "Document",
    "Event",
    "EventDate",
    "EventView",
    "IngestReport",
    "Party",
    "Place",
    "Quantity",
    "Reason",
    "Settings",
    "__version__",
]
