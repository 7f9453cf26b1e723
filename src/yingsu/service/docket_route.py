"""POST /v1/docket: a docket (JSON, YAML, CSV; .xlsx where yingsu.docket reads it) → the
Docket JSON, or the agenda as iCalendar with `Accept: text/calendar`."""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from .. import docket as dk
from ..errors import CaseError, RulesetError, YingsuError
from .body import read_body, require_media_type
from .problems import ProblemError

# media type -> the file name the docket reader dispatches on
FORMATS: dict[str, str] = {
    "application/json": "docket.json",
    "application/yaml": "docket.yaml",
    "application/x-yaml": "docket.yaml",
    "text/yaml": "docket.yaml",
    "text/csv": "docket.csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "docket.xlsx",
}
ICS = "text/calendar"


def entries_of(data: bytes, name: str) -> list:
    """The docket's entries; yingsu.docket.parse_docket_bytes where it exists (every format)."""
    parse = getattr(dk, "parse_docket_bytes", None)
    if parse is not None:
        return parse(data, name)
    if name.endswith(".xlsx"):
        raise ProblemError("unsupported_media_type", "this installation reads .xlsx dockets not yet; send CSV, JSON or YAML")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        raise CaseError(f"not UTF-8 text (byte {e.start + 1})", source=name) from None
    if not text.strip():
        raise CaseError("the file is empty", source=name)
    if name.endswith(".csv"):
        return dk.parse_docket_csv(text, name)
    if name.endswith(".json"):
        try:
            parsed = json.loads(text, object_pairs_hook=dk.json_object_pairs)
        except (json.JSONDecodeError, dk.DuplicateKeyError, RecursionError) as e:
            raise CaseError(f"not valid JSON: {e}", source=name) from None
        return dk._entries(parsed, name, lambda: dk._try_lines(text, name))
    try:
        parsed = dk.load_yaml_docket(text, name)
    except RulesetError as e:
        where = f" (line {e.line})" if e.line else ""
        raise CaseError(f"not a valid YAML docket{where}: {e.reason}", source=name) from None
    return dk._entries(parsed, name, lambda: parsed)


def _wants_ics(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return any(part.split(";", 1)[0].strip().lower() == ICS for part in accept.split(","))


def add(app: FastAPI, today_query) -> None:
    body = {"requestBody": {"required": True, "description": "a docket: a list of cases (or of {id, case}), or CSV rows",
                            "content": {mt: {"schema": {"type": "string"} if "json" not in mt else {"type": "array", "items": {}}}
                                        for mt in FORMATS}}}
    ok = {200: {"description": "the Docket JSON, or with `Accept: text/calendar` the agenda as iCalendar",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Docket"}},
                            ICS: {"schema": {"type": "string"}}}}}
    from .app import _problem_responses

    @app.post("/v1/docket", tags=["docket"], summary="a year's docket → figures against targets and the agenda",
              openapi_extra=body, responses={**ok, **_problem_responses(400, 413, 415, 422)}, response_class=Response)
    async def docket(request: Request, today: date | None = today_query):
        mt = require_media_type(request, tuple(FORMATS)) or "application/json"
        if mt.endswith("+json"):
            mt = "application/json"
        data = await read_body(request, dk.MAX_DOCKET_BYTES)
        ics = _wants_ics(request)

        def run() -> tuple[bytes, str]:
            entries = entries_of(data, FORMATS[mt])
            result = dk.evaluate_docket(entries, today=today)
            if ics:
                return dk.agenda_ics(result), ICS
            return result.model_dump_json().encode("utf-8"), "application/json"

        try:
            content, media = await run_in_threadpool(run)
        except CaseError as e:
            raise ProblemError("invalid_docket", str(e), [{"field": e.field, "problem": str(e), "code": "invalid_docket"}]) from None
        except YingsuError as e:
            if "icalendar" in str(e):
                raise ProblemError("not_implemented", str(e)) from None
            raise ProblemError("invalid_docket", str(e)) from None
        return Response(content, media_type=media)
