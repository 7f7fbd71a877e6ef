"""dateline: news articles in, a dated and sourced record of PLOVER events out."""

from __future__ import annotations

__version__ = "0.1.0"
