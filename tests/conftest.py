"""Shared fixtures: the real NLP pipeline, loaded once per test session (a few seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_postgres import backend, db_factory, db_url, postgres  # noqa: F401  (SQLite and PostgreSQL)

from dateline.pipeline import Pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The standard pipeline (annotate -> time -> entities -> events) with default settings."""
    return Pipeline.load()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``; tests that use it skip when it is absent (a fresh clone)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED
