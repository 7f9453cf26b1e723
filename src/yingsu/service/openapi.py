"""The OpenAPI 3.1 document: FastAPI's routes plus the project's own schemas (Case, Decision,
Docket, BatchError, Problem) as components, and every error response as problem+json."""
from __future__ import annotations

import copy
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from ..schemas import batch_error_schema, case_schema, decision_schema, docket_schema
from .problems import PROBLEM_JSON, Problem

ERROR_STATUSES = {"post": ("400", "404", "413", "415", "422", "500"), "get": ("404", "422", "500")}
DESCRIPTION = """\
yingsu decides, for an administrative-litigation case (行政应诉案件), under the ordinance of the
case's city: the undertaking unit (应诉承办单位), whether the principal must appear (负责人出庭),
the deadlines on the Chinese working-day calendar (期限) and whether an outcome is a loss (败诉),
each with its citation (article, item, verbatim quote). Every Decision carries its
`provenance`; responses carry the same in `Yingsu-*` headers. Errors are RFC 9457
`application/problem+json` with a stable `code`.
"""


def _component(comps: dict, name: str, schema: dict) -> None:
    """Put a standalone JSON Schema (with $defs) into components as `name` and `name.Def`."""
    schema = copy.deepcopy(schema)
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):  # an $id would change the base of the #/components refs inside
        if key in schema:
            schema[f"x-{key[1:]}"] = schema.pop(key)
    prefix = f"#/components/schemas/{name}."

    def fix(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                node["$ref"] = prefix + ref[len("#/$defs/"):]
            for v in node.values():
                fix(v)
        elif isinstance(node, list):
            for v in node:
                fix(v)

    fix(schema)
    fix(defs)
    comps[name] = schema
    for k, v in defs.items():
        comps[f"{name}.{k}"] = v


def install(app: FastAPI) -> None:
    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(title=app.title, version=app.version, summary=app.summary, description=DESCRIPTION,
                          routes=app.routes, openapi_version="3.1.0")
        doc["paths"] = {**app.state.operations, **doc.get("paths", {})}  # the plain routes (app._post)
        comps = doc.setdefault("components", {}).setdefault("schemas", {})
        for generated in ("HTTPValidationError", "ValidationError"):
            comps.pop(generated, None)
        _component(comps, "Case", case_schema())
        _component(comps, "Decision", decision_schema())
        _component(comps, "Docket", docket_schema())
        _component(comps, "BatchError", batch_error_schema())
        _component(comps, "Problem", Problem.model_json_schema())
        comps["CompareRequest"] = {
            "type": "object", "title": "CompareRequest 比较请求", "required": ["case"], "additionalProperties": False,
            "properties": {
                "case": {"$ref": "#/components/schemas/Case"},
                "cities": {"type": "array", "items": {"type": "string"}, "title": "cities 城市",
                           "description": "城市: the city ids (or Chinese names) to compare under; default: every city"},
            },
        }
        problem = {"description": "a problem (RFC 9457)",
                   "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        for path in doc.get("paths", {}).values():
            for method, op in path.items():
                responses = op.setdefault("responses", {})
                for status in ERROR_STATUSES.get(method, ERROR_STATUSES["post"]):
                    responses[status] = copy.deepcopy(problem)
        app.openapi_schema = doc
        return doc

    app.openapi = openapi
