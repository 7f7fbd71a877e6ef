"""The publication date of a document, from an ordered fallback chain of clues.

    metadata -> meta-tag -> published-line -> dateline -> url -> inferred

See ``chain.py``; each link lives in ``links.py``.
"""

from .chain import DEFAULT_CHAIN, NO_DATE, find_publication_date
from .links import LINKS
from .parsing import FoundDate, copyright_year, find_date, parse_metadata_value
from .stamps import Stamp

__all__ = [
    "DEFAULT_CHAIN",
    "LINKS",
    "NO_DATE",
    "FoundDate",
    "Stamp",
    "copyright_year",
    "find_date",
    "find_publication_date",
    "parse_metadata_value",
]
