"""Property-based: requests generated from /openapi.json (valid and invalid ones) never get a
5xx, and every answer matches the schema it declares (bodies and status codes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from dateline.api import Dateline
from dateline.pipeline import Pipeline
from dateline.server import create_app
from dateline.settings import Settings

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]
EXAMPLES = 60  # per operation and mode: about 30 s for the whole API on a 2-core machine
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Any:
    from test_server import ARTICLES

    folder = tmp_path_factory.mktemp("schema")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    dl = Dateline(folder / "t.db", Settings(), pipeline=pipeline)
    assert dl.ingest([folder]).added == len(ARTICLES)
    return create_app(dl, token="t0ken", max_body_bytes=20_000)


def _runner(case_strategy: Any) -> Callable[[], None]:
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=case_strategy)
    def run(case: Any) -> None:
        case.call_and_validate(checks=CHECKS, headers={"Authorization": "Bearer t0ken"})  # POST ingests too

    return run


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_request_gets_a_server_error(app: Any, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        op = result.ok()
        operations += 1
        try:
            _runner(op.as_strategy(generation_mode=mode))()
        except Unsatisfiable:  # nothing to make invalid (no parameters): nothing to test in this mode
            continue
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{op.method.upper()} {op.path}: {str(exc)[:2000]}")
    assert operations >= 11
    assert not failures, "\n\n".join(failures)
    if mode is GenerationMode.POSITIVE:  # generated articles went through the whole ingest
        from fastapi.testclient import TestClient

        summary = TestClient(app).get("/api/summary").json()
        assert summary["documents"] + summary["rejections"] > 4, summary
