"""POST /v1/docket: a docket (JSON, YAML, CSV in UTF-8 or GB18030, .xlsx) → the
Docket JSON, or the agenda as iCalendar with `Accept: text/calendar`."""
from __future__ import annotations

from datetime import date

import yaml
from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from .. import docket as dk
from ..errors import CaseError, YingsuError
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


def entries_of(data: bytes, name: str):
    """The docket's entries, read as `yingsu docket` reads a file of that name."""
    try:
        return dk.parse_docket_bytes(data, name)
    except ImportError:  # the format's optional reader (openpyxl for .xlsx) is not installed
        raise ProblemError("unsupported_media_type",
                           f"this installation cannot read {name.rsplit('.', 1)[-1]} dockets "
                           "(pip install \"yingsu[excel]\"); send CSV, JSON or YAML") from None


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
        except yaml.YAMLError as e:  # a reader error the docket loader lets through (control characters)
            raise ProblemError("malformed_yaml", f"{FORMATS[mt]}: not valid YAML: {str(e).splitlines()[0]}") from None
        except YingsuError as e:
            if "icalendar" in str(e):
                raise ProblemError("not_implemented", str(e)) from None
            raise ProblemError("invalid_docket", str(e)) from None
        return Response(content, media_type=media)
