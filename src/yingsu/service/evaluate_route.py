"""POST /v1/evaluate (评估单个案件) as a bare ASGI endpoint: the service's hot path.

It is the call the case-management systems make per case, so the application answers it
before FastAPI's middleware stack and router (ServiceApp), without Starlette's Request object
or body stream. What it answers is exactly what the other routes answer (the same media-type
and size checks, the same JSON and Case checks, the same problem+json bodies and provenance
headers): only the plumbing is thinner. An unexpected exception is logged and answered with
the same 500 problem as the app's own handler gives.
"""
from __future__ import annotations

from datetime import date
from typing import Any, AsyncIterator, Callable

from fastapi import FastAPI
from starlette.requests import ClientDisconnect

from ..caseio import MAX_CASE_BYTES
from .app import JSON, JSON_TYPES, case_of, decide, decision_json, log, parse_json, provenance_headers, today_from_text
from .body import check_media_type, media_type_of, read_chunks
from .problems import PROBLEM_JSON, ProblemError, problem_bytes


def _headers_of(scope: dict) -> tuple[str | None, str | None]:
    content_type = content_length = None
    for name, value in scope["headers"]:
        if name == b"content-type":
            content_type = value.decode("latin-1")
        elif name == b"content-length":
            content_length = value.decode("latin-1")
    return content_type, content_length


def _today(query_string: bytes) -> date | None:
    if not query_string:
        return None
    from starlette.datastructures import QueryParams

    return today_from_text(QueryParams(query_string).get("today"))


async def _chunks(receive: Callable) -> AsyncIterator[bytes]:
    """The body's chunks from ASGI receive (what Starlette's Request.stream does)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        if chunk:
            yield chunk
        if not message.get("more_body", False):
            return


async def _send(send: Callable, status: int, media_type: str, body: bytes, headers: dict[str, str]) -> None:
    raw = [(b"content-type", media_type.encode("latin-1")), (b"content-length", str(len(body)).encode("latin-1"))]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


PATH = "/v1/evaluate"


def is_evaluate(scope: dict) -> bool:
    """Is this request POST /v1/evaluate (at the root: a mounted app goes through the router)?"""
    return scope["type"] == "http" and scope["path"] == PATH and scope["method"] == "POST" and not scope.get("root_path")


class ServiceApp(FastAPI):
    """The FastAPI application, with POST /v1/evaluate (the call made per case) answered before
    the middleware stack and the router. The route is still registered (EvaluateEndpoint), so
    the OpenAPI document lists it and an app mounted under a path still reaches it. Once any
    middleware is added to the app (CORS, authentication, …), every request goes through it."""

    async def __call__(self, scope, receive, send) -> None:
        if not self.user_middleware and is_evaluate(scope):
            await evaluate(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


class EvaluateEndpoint:
    """One Case (JSON) → its Decision (JSON), with the provenance headers. An ASGI app, not a
    function, so that Starlette's Route hands it the raw scope (a function gets a Request)."""

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        await evaluate(scope, receive, send)


async def evaluate(scope: dict, receive: Callable, send: Callable) -> None:
    """Answer POST /v1/evaluate: the Decision, or the problem (never a traceback)."""
    try:
        await _evaluate(scope, receive, send)
    except Exception:  # what the app's handler for any exception does, for a request that skips it
        log.exception("internal error on POST %s", scope["path"])
        err = ProblemError("internal_error", "the error is logged")
        await _send(send, err.status, PROBLEM_JSON, problem_bytes(err, scope["path"]), {})


async def _evaluate(scope: dict, receive: Callable, send: Callable) -> None:
    try:
        content_type, content_length = _headers_of(scope)
        check_media_type(media_type_of(content_type), JSON_TYPES)
        today = _today(scope.get("query_string", b""))
        case = case_of(parse_json(await read_chunks(_chunks(receive), content_length, MAX_CASE_BYTES)))
        decision: Any = decide(case, today)
    except ProblemError as err:
        await _send(send, err.status, PROBLEM_JSON, problem_bytes(err, scope["path"]), err.headers)
        return
    await _send(send, 200, JSON, decision_json(decision), provenance_headers([decision]))
