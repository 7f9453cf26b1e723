"""JSON Schemas (数据结构说明) of what yingsu reads and writes: Case, Decision, Docket and the
batch error record, each with `$id` and a version, every property titled and described.

Titles and descriptions come from the label catalogue (yingsu.labels.field_doc: the Chinese
term and the English meaning) where it is installed, else from the models' docstrings. The
Decision schema is open (`additionalProperties` allowed): the contract lets fields be added,
so a client validating against it keeps working when they are.
"""
from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

SCHEMA_VERSION = "1.1.0"  # 1.x: the contract's fields; 1.1 adds provenance and warning_details
_BASE_ID = "urn:yingsu:schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _stamp(schema: dict, name: str, title: str, description: str) -> dict:
    from . import __version__

    out = {"$schema": DIALECT, "$id": f"{_BASE_ID}:{name}:{SCHEMA_VERSION}", "version": SCHEMA_VERSION,
           "x-yingsu-version": __version__}
    schema = dict(schema)
    schema["title"] = title
    schema["description"] = description
    out.update(schema)
    return out


def _open(schema: dict) -> dict:
    """Every object of an output schema tolerates added properties (the contract adds, never removes)."""
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("additionalProperties") is False:
                del node["additionalProperties"]
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    return schema


def _documented(schema: dict, root: str) -> dict:
    from .schema_docs import document

    return document(schema, root)


@lru_cache(maxsize=None)
def _case() -> dict:
    from .models import Case

    return _stamp(_documented(Case.model_json_schema(), "case"), "case", "Case",
                  "案件 Case: a case handed to yingsu: the facts of one administrative-litigation case. Unknown keys are rejected.")


@lru_cache(maxsize=None)
def _decision() -> dict:
    from .decision import Decision

    schema = _open(_documented(Decision.model_json_schema(mode="serialization"), "decision"))
    return _stamp(schema, "decision", "Decision",
                  "应诉决定 Decision: what yingsu decided for a case under one city's ruleset: undertaking, appearance, deadlines, "
                  "loss, each with its citation; open to added fields.")


@lru_cache(maxsize=None)
def _docket() -> dict:
    from .docket import Docket

    return _stamp(_open(Docket.model_json_schema(mode="serialization")), "docket", "Docket",
                  "年度案件清单 Docket: a docket decided: every case, the yearly figures against each city's targets, the agenda.")


@lru_cache(maxsize=None)
def _batch_error() -> dict:
    schema = {
        "type": "object",
        "required": ["line", "error"],
        "properties": {
            "line": {"type": "integer", "minimum": 1, "title": "行号 line",
                     "description": "行号: the input line (counted from 1) this record stands for"},
            "error": {"type": "string", "title": "错误 error",
                      "description": "错误: what is wrong with that line, one line naming the field"},
        },
    }
    return _stamp(schema, "batch-error", "BatchError",
                  "批量错误记录 BatchError: the output line of `yingsu batch` and POST /v1/batch for an input line that could not be decided.")


def case_schema() -> dict:
    """JSON Schema of the Case (input)."""
    return copy.deepcopy(_case())


def decision_schema() -> dict:
    """JSON Schema of the Decision (output)."""
    return copy.deepcopy(_decision())


def docket_schema() -> dict:
    """JSON Schema of the Docket JSON (yingsu docket --json, POST /v1/docket)."""
    return copy.deepcopy(_docket())


def batch_error_schema() -> dict:
    """JSON Schema of a batch error record ({"line": N, "error": "..."})."""
    return copy.deepcopy(_batch_error())
