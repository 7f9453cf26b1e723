"""Property-based API testing (schemathesis) against the running service's own OpenAPI
document: requests generated from the schemas, valid and not, for every operation. No
response may be a 5xx, and every response must match the schema and media type it is
documented with."""
from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from service_server import running_server

EXAMPLES_PER_OPERATION = 25  # ~13 operations: a few hundred requests


@schemathesis.serializer("application/x-ndjson", "application/jsonl", "application/x-jsonlines",
                         "application/ndjson", "text/plain", "application/yaml", "application/x-yaml", "text/yaml",
                         "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
def _as_text(ctx, value):
    """Bodies of the text routes (batch lines, docket files) as the generated string, or JSON."""
    import json

    if isinstance(value, bytes):
        return value
    return (value if isinstance(value, str) else json.dumps(value)).encode("utf-8")


@pytest.fixture(scope="module")
def served():
    """The running service and the OpenAPI document it serves."""
    with running_server() as url:
        yield url, httpx.get(url + "/openapi.json", timeout=30).json()


def _operations():
    from yingsu.service import create_app

    doc = create_app().openapi()  # only to name the operations at collection; the test uses the served one
    return [(method.upper(), path) for path, item in doc["paths"].items() for method in item]


@pytest.mark.parametrize(("method", "path"), _operations(), ids=lambda x: x)
def test_no_server_error_and_every_response_matches_its_schema(served, method, path):
    url, doc = served
    operation = schemathesis.openapi.from_dict(doc)[path][method]
    checks = [not_a_server_error, response_schema_conformance, content_type_conformance, status_code_conformance]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(base_url=url, checks=checks, timeout=60)

    run()
