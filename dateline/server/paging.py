"""Opaque cursors: the sort key of the last item of a page, base64url-encoded JSON.

A cursor names the listing and sort it belongs to, so it cannot be replayed against another;
anything that does not decode to the expected key types is an ``invalid-parameter`` error.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from .errors import ApiError, invalid


def encode(kind: str, key: Sequence[Any]) -> str:
    values = [v.isoformat() if isinstance(v, date) else v for v in key]
    raw = json.dumps([kind, values], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(cursor: str, kind: str, types: Sequence[type]) -> list[Any]:
    """The key in ``cursor``, each value converted to its type in ``types``."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        found_kind, values = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise invalid("cursor", "not a cursor given by this API") from exc
    if found_kind != kind:
        raise invalid("cursor", f"this cursor belongs to another listing or sort ({found_kind!r})")
    if not isinstance(values, list) or len(values) != len(types):
        raise invalid("cursor", "not a cursor given by this API")
    try:
        return [_convert(v, t) for v, t in zip(values, types, strict=True)]
    except (TypeError, ValueError) as exc:
        raise invalid("cursor", "not a cursor given by this API") from exc


def _convert(value: Any, t: type) -> Any:
    if t is date:
        if not isinstance(value, str):
            raise TypeError("date expected")
        return date.fromisoformat(value)
    if t is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if t is int and isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > 2**62:
            raise ValueError("out of range")
        return value
    if t is str and isinstance(value, str):
        return value
    raise TypeError(f"{t.__name__} expected")


def check_limit(limit: int, maximum: int) -> int:
    if not 1 <= limit <= maximum:
        raise ApiError(422, "invalid-parameter", f"limit: must be between 1 and {maximum}")
    return limit
