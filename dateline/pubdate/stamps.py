"""Time-stamp lines ("Published: 5 Nov. 2024, 08:30") as found by the cleaner."""

from __future__ import annotations

from dataclasses import dataclass

from .parsing import FoundDate


@dataclass(frozen=True)
class Stamp:
    """A time-stamp line and the date it gives.

    ``kind`` is ``published``, ``posted``, ``date``, ``bare`` (a line that is only a date near
    the top) or ``updated``; lower ``rank`` wins; ``confidence`` comes with the label."""

    line: str
    kind: str
    rank: int
    confidence: float
    found: FoundDate
