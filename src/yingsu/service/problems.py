"""Problem details (RFC 9457, application/problem+json): every error the service returns.

Each problem carries a stable machine-readable `code` (never reworded: clients branch on
it), the HTTP status, a one-line `detail`, and for a case that fails validation one entry
per field in `errors` (`field`: the dotted path, `problem`, `code`).
"""
from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

PROBLEM_JSON = "application/problem+json"

# code -> (status, title). The codes are part of the API: add, never rename.
CODES: dict[str, tuple[int, str]] = {
    "malformed_json": (400, "The body is not valid JSON"),
    "malformed_yaml": (400, "The body is not valid YAML"),
    "not_utf8": (400, "The body is not UTF-8 text"),
    "not_found": (404, "No such resource"),
    "unknown_city": (404, "No ruleset for this city"),
    "method_not_allowed": (405, "Method not allowed"),
    "not_acceptable": (406, "The requested media type cannot be produced"),
    "too_large": (413, "The body is larger than the service accepts"),
    "unsupported_media_type": (415, "Unsupported media type"),
    "invalid_case": (422, "The case is not valid"),
    "invalid_request": (422, "The request is not valid"),
    "invalid_docket": (422, "The docket is not valid"),
    "outside_calendar": (422, "A date lies outside the working-day calendar"),
    "not_implemented": (501, "Not available on this installation"),
    "ruleset_error": (500, "A ruleset of this installation is invalid"),
    "internal_error": (500, "Internal error"),
}


class FieldProblem(BaseModel):
    """One field that is wrong (出错的字段)."""

    model_config = ConfigDict(extra="allow")
    field: str | None = Field(None, description="dotted path of the field, e.g. defendant.kind (null: the whole body)")
    problem: str = Field(description="what is wrong, in one line")
    code: str = Field(description="stable machine-readable code of the problem (pydantic's error type)")


class Problem(BaseModel):
    """RFC 9457 problem details (错误说明)."""

    model_config = ConfigDict(extra="allow", title="Problem")
    type: str = Field(description="URN naming the problem type: urn:yingsu:problem:<code>")
    title: str
    status: int
    detail: str | None = None
    code: str = Field(description="stable machine-readable code (see README: Service errors)")
    errors: list[FieldProblem] = Field(default_factory=list)


class ProblemError(Exception):
    """Raised inside a handler; turned into a problem+json response."""

    def __init__(self, code: str, detail: str | None = None, errors: list[dict] | None = None,
                 status: int | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail or code)
        self.code = code
        self.status = status or CODES[code][0]
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}

    def body(self, instance: str | None = None) -> dict[str, Any]:
        title = CODES.get(self.code, (self.status, self.code))[1]
        out: dict[str, Any] = {
            "type": f"urn:yingsu:problem:{self.code}",
            "title": title,
            "status": self.status,
            "detail": self.detail or title,
            "code": self.code,
            "errors": self.errors,
        }
        if instance:
            out["instance"] = instance
        return out


def problem_bytes(err: ProblemError, instance: str | None = None) -> bytes:
    return json.dumps(err.body(instance), ensure_ascii=False).encode("utf-8")


def field_errors(e: ValidationError, prefix: str = "") -> list[dict]:
    """pydantic's errors as FieldProblems: dotted path, one-line problem, pydantic's type as code."""
    out = []
    for err in e.errors(include_input=False, include_url=False):
        loc = ".".join(str(x) for x in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown field (not in the contract)"
        elif err["type"] == "missing":
            msg = "required field is missing"
        path = ".".join(p for p in (prefix, loc) if p) or None
        out.append({"field": path, "problem": _one_line(msg), "code": err["type"]})
    return out


def _one_line(text: str) -> str:
    return text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
