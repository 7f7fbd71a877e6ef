"""docs/http.md cannot go stale: every route and every query parameter of the API is in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dateline.server import create_app

DOC = (Path(__file__).resolve().parents[1] / "docs" / "http.md").read_text(encoding="utf-8")
SCHEMA = create_app(":memory:").openapi()
OPERATIONS = [(method.upper(), path, op) for path, ops in SCHEMA["paths"].items() for method, op in ops.items()]


def test_the_api_has_routes() -> None:
    assert len(OPERATIONS) >= 11
    assert all(path.startswith("/api/") for _, path, _ in OPERATIONS)


@pytest.mark.parametrize(("method", "path", "op"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_every_route_and_parameter_is_documented(method: str, path: str, op: dict) -> None:
    heading = f"### `{method} {re.sub(r'{[^}]+}', '{id}', path)}`"
    assert heading in DOC, f"docs/http.md has no section {heading}"
    for param in op.get("parameters", []):
        if param["in"] == "query":
            assert f"`{param['name']}`" in DOC, f"{method} {path}: parameter {param['name']} is not in docs/http.md"


def test_every_error_code_is_documented() -> None:
    from dateline.server.errors import STATUS_CODES

    for status, code in STATUS_CODES.items():
        assert f"`{code}`" in DOC and f"| {status} |" in DOC, code


def test_the_serve_command_is_documented() -> None:
    from dateline.cli import cli

    serve = cli.commands["serve"]
    assert "dateline [--db PATH_OR_URL] serve" in DOC
    for option in serve.params:
        assert all(name in DOC for name in option.opts if name.startswith("--") and name != "--help"), option.opts
