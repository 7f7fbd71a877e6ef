"""Publication date inferred from the text of an article that states none."""

from __future__ import annotations

from dateline.records import PublicationDate


def infer_reference_date(text: str) -> PublicationDate | None:
    """Placeholder until the inference lands: returns None (too little evidence)."""
    return None
