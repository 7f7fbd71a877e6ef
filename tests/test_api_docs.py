"""docs/api.md documents every public method of Dateline and every field of the returned records."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest

from dateline.api import Dateline
from dateline.views import DocumentView, EventView, IngestReport, SourceView

TEXT = (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
METHODS = [n for n, _ in inspect.getmembers(Dateline, inspect.isfunction) if not n.startswith("_")]


@pytest.mark.parametrize("name", METHODS)
def test_every_method_is_documented_with_its_parameters(name: str) -> None:
    row = next((line for line in TEXT.splitlines() if line.startswith(f"| `{name}(")), None)
    assert row is not None, f"docs/api.md has no row for Dateline.{name}"
    params = [p for p in inspect.signature(getattr(Dateline, name)).parameters if p != "self"]
    signature = row.split("`")[1]
    assert all(p in signature for p in params), (name, params, signature)


@pytest.mark.parametrize("record", [EventView, SourceView, DocumentView, IngestReport])
def test_every_field_is_documented(record: type) -> None:
    paragraphs = TEXT.split("## Records returned", 1)[1].split("\n\n")
    section = next(p for p in paragraphs if p.startswith(f"`{record.__name__}`"))
    for f in dataclasses.fields(record):
        assert f"`{f.name}`" in section, f"{record.__name__}.{f.name} is not in docs/api.md"
