"""The FastAPI application: routes /v1/…, problem+json errors, the offline docs page.

Handlers read the body themselves (size limit first, then the library's own JSON checks:
duplicate keys, nesting), so a request gets exactly the answers and the messages of the CLI;
the OpenAPI document still names the Case and Decision schemas for every route. Decisions are
written with `model_dump_json` straight into the response (no second validation).
"""
from __future__ import annotations

import importlib.util
import json
import logging
from datetime import date
from typing import Any, Callable

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response, StreamingResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import Route

from .. import __version__
from ..caseio import MAX_CASE_BYTES, DuplicateKeyError, json_object_pairs
from ..decision import Decision
from ..engine import compare, evaluate
from ..errors import CalendarError, CaseError, RulesetError, YingsuError
from ..models import Case
from . import resources as res
from .body import read_body, require_media_type, stream_lines
from .problems import PROBLEM_JSON, Problem, ProblemError, field_errors, problem_bytes

log = logging.getLogger("yingsu.service")

JSON = "application/json"
NDJSON = "application/x-ndjson"
ICS = "text/calendar"
JSON_TYPES = (JSON,)
NDJSON_TYPES = (NDJSON, "application/jsonl", "application/x-jsonlines", "application/ndjson", "text/plain")


def _problem_responses(*codes: int) -> dict:
    return {c: {"model": Problem, "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            for c in codes}


def build_app() -> FastAPI:
    from .evaluate_route import ServiceApp  # it imports this module's helpers

    app = ServiceApp(
        title="yingsu 行政应诉规则服务",
        version=__version__,
        summary="Case → Decision under the ordinance of the case's city, every answer cited",
        docs_url=None,  # FastAPI's /docs loads Swagger UI from a CDN; ours is served from the package
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.operations = {}  # OpenAPI operations of the plain routes (see _post)
    _handlers(app)
    _routes(app)
    res.add_docs(app)
    if importlib.util.find_spec("yingsu.web") is not None:  # the officer's page (yingsu.web), when installed
        from .. import web

        app.include_router(web.router)
    from .openapi import install

    install(app)
    _warm()
    return app


def _warm() -> None:
    """Load every ruleset and the calendar before the first request (a broken ruleset stops the
    start, not a request)."""
    from ..calendar import default_calendar
    from ..rulesets import available_cities, get_base, get_ruleset

    get_base()
    for city in available_cities():
        get_ruleset(city)
    default_calendar()


# --- errors ------------------------------------------------------------------------------

def _problem(err: ProblemError, request: Request) -> Response:
    return Response(problem_bytes(err, request.url.path), status_code=err.status, media_type=PROBLEM_JSON,
                    headers=err.headers)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def on_problem(request: Request, exc: ProblemError):
        return _problem(exc, request)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type"}.get(
            exc.status_code)
        err = ProblemError(code or "invalid_request", str(exc.detail), status=exc.status_code,
                           headers=dict(exc.headers or {}))
        return _problem(err, request)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError):
        errors = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ())]
            errors.append({"field": ".".join(loc) or None, "problem": str(e.get("msg", "")), "code": e.get("type", "")})
        detail = "; ".join(f"{x['field']}: {x['problem']}" for x in errors[:5])
        return _problem(ProblemError("invalid_request", detail, errors), request)

    @app.exception_handler(Exception)
    async def on_anything(request: Request, exc: Exception):  # never a traceback to the client
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _problem(ProblemError("internal_error", f"{type(exc).__name__}: the error is logged"), request)


def _yingsu_problem(e: Exception) -> ProblemError:
    if isinstance(e, CaseError):
        return ProblemError("invalid_case", str(e), [{"field": e.field, "problem": str(e), "code": "invalid_case"}])
    if isinstance(e, CalendarError):
        return ProblemError("outside_calendar", str(e), [{"field": None, "problem": str(e), "code": "outside_calendar"}])
    if isinstance(e, RulesetError):
        log.error("ruleset error: %s", e)
        return ProblemError("ruleset_error", str(e))
    return ProblemError("invalid_request", str(e))


def _decide(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except YingsuError as e:
        raise _yingsu_problem(e) from None


# --- bodies ------------------------------------------------------------------------------

def parse_json(data: bytes) -> Any:
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        raise ProblemError("not_utf8", f"byte {e.start + 1} of the body is not UTF-8") from None
    if not text.strip():
        raise ProblemError("malformed_json", "the body is empty: expected a JSON object")
    try:
        return json.loads(text, object_pairs_hook=json_object_pairs)
    except json.JSONDecodeError as e:
        raise ProblemError("malformed_json", f"not valid JSON (line {e.lineno}, column {e.colno}): {e.msg}") from None
    except DuplicateKeyError as e:
        raise ProblemError("malformed_json", f"not valid JSON: duplicate key {e.key!r}") from None
    except RecursionError:
        raise ProblemError("malformed_json", "not valid JSON: nested too deeply") from None


def case_of(data: Any, prefix: str = "") -> Case:
    """A Case from plain data; a ProblemError (422, one entry per field) otherwise."""
    if not isinstance(data, dict):
        raise ProblemError("invalid_case", "a case must be a JSON object",
                           [{"field": prefix or None, "problem": "a case must be a JSON object", "code": "model_type"}])
    try:
        return Case.model_validate(data)
    except ValidationError as e:
        errors = field_errors(e, prefix)
        detail = "; ".join(f"{x['field']}: {x['problem']}" if x["field"] else x["problem"] for x in errors[:5])
        raise ProblemError("invalid_case", detail, errors) from None
    except RecursionError:
        raise ProblemError("invalid_case", "the case is nested too deeply") from None


def decide(case: Case, today: date | None) -> Decision:
    """The Decision of one case; a library error as a problem."""
    return _decide(lambda: evaluate(case, today=today))


def decision_json(decision: Decision) -> bytes:
    """The Decision's JSON as UTF-8 bytes, straight from pydantic's serializer (model_dump_json's text, encoded)."""
    return decision.__pydantic_serializer__.to_json(decision)


def provenance_headers(decisions: list[Decision]) -> dict[str, str]:
    from .headers import headers

    return headers(decisions)


class LineStream(StreamingResponse):
    """A streamed response that reads nothing from the client while it streams: the body's
    lines are still being read by the generator (Starlette's disconnect listener, used for
    ASGI < 2.4 servers, would consume them). A closed connection ends the request body."""

    async def __call__(self, scope, receive, send) -> None:
        try:
            await self.stream_response(send)
        except OSError:
            raise ClientDisconnect() from None
        if self.background is not None:
            await self.background()


# --- routes ------------------------------------------------------------------------------

TODAY = Query(None, description="the date used when a case has no served date (default: today)")
TODAY_PARAMETER = {"name": "today", "in": "query", "required": False,
                   "description": "the date used when a case has no served date (default: today)",
                   "schema": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}}


def today_of(request: Request) -> date | None:
    return today_from_text(request.query_params.get("today"))


def today_from_text(text: str | None) -> date | None:
    """The `today` query parameter as a date (None when absent); 400 when it is not a date."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ProblemError("invalid_request", f"today: {text!r} is not a date (YYYY-MM-DD)",
                           [{"field": "query.today", "problem": "not a date (YYYY-MM-DD)", "code": "date_from_datetime_parsing"}]) from None


def _post(app: FastAPI, path: str, endpoint, summary: str, body: dict, ok: dict, errors: tuple[int, ...]) -> None:
    """A deciding route as a plain Starlette route (FastAPI's per-request parameter machinery
    costs several times a decision; these routes read their body and `today` themselves),
    with its OpenAPI operation written here from the same schemas."""
    app.router.routes.insert(0, Route(path, endpoint, methods=["POST"]))
    app.state.operations[path] = {"post": {"tags": ["decide"], "summary": summary, "operationId": path.strip("/").replace("/", "_"),
                                 "parameters": [TODAY_PARAMETER], "requestBody": body,
                                 "responses": {**ok, **{str(k): v for k, v in _problem_responses(*errors).items()}}}}


def _routes(app: FastAPI) -> None:
    from . import routes_meta

    from .evaluate_route import EvaluateEndpoint  # the hot path, on bare ASGI

    _post(app, "/v1/evaluate", EvaluateEndpoint(), "one Case → its Decision",
          {"required": True, "content": {JSON: {"schema": {"$ref": "#/components/schemas/Case"}}}},
          {"200": {"description": "the Decision", "content": {JSON: {"schema": {"$ref": "#/components/schemas/Decision"}}}}},
          (400, 413, 415, 422))

    async def compare_case(request: Request) -> Response:
        require_media_type(request, JSON_TYPES)
        today = today_of(request)
        data = parse_json(await read_body(request, MAX_CASE_BYTES))
        if not isinstance(data, dict) or "case" not in data:
            raise ProblemError("invalid_request", "the body is {\"case\": {...}, \"cities\": [...]} (cities optional)",
                               [{"field": "case", "problem": "required field is missing", "code": "missing"}])
        unknown = set(data) - {"case", "cities"}
        if unknown:
            field = sorted(map(str, unknown))[0]
            raise ProblemError("invalid_request", f"{field}: unknown field (not in the contract)",
                               [{"field": field, "problem": "unknown field (not in the contract)", "code": "extra_forbidden"}])
        case = case_of(data["case"], "case")
        cities = routes_meta.cities_of(data.get("cities"))
        decisions = _decide(lambda: compare(case, cities, today=today))
        body = b"{" + b",".join(json.dumps(c).encode() + b":" + decision_json(d) for c, d in decisions.items()) + b"}"
        return Response(body, media_type=JSON, headers=provenance_headers(list(decisions.values())))

    _post(app, "/v1/compare", compare_case, "one Case under several cities → a Decision per city",
          {"required": True, "content": {JSON: {"schema": {"$ref": "#/components/schemas/CompareRequest"}}}},
          {"200": {"description": "a Decision per city, keyed by city id, in the contract's order of cities",
                   "content": {JSON: {"schema": {"type": "object",
                                                 "additionalProperties": {"$ref": "#/components/schemas/Decision"}}}}}},
          (400, 413, 415, 422))

    async def batch(request: Request) -> Response:
        require_media_type(request, NDJSON_TYPES)
        today = today_of(request)
        from ..batch import _decide_lines  # the CLI's own per-line decision and error record

        async def lines():
            n = 1
            async for raw in stream_lines(request, MAX_CASE_BYTES):
                yield _decide_lines((n, [raw], today))[2]
                n += 1

        from .headers import every_ruleset

        return LineStream(lines(), media_type=NDJSON, headers=every_ruleset())

    _post(app, "/v1/batch", batch, "NDJSON cases → NDJSON decisions, streamed line by line",
          {"required": True, "description": "one Case (JSON object) per line", "content": {NDJSON: {"schema": {"type": "string"}}}},
          {"200": {"description": "one line per input line, in order: the Decision, or a BatchError record "
                                  "`{\"line\": N, \"error\": \"…\"}`",
                   "content": {NDJSON: {"schema": {"type": "string"}}}}},
          (415, 422))

    routes_meta.add(app, TODAY)
