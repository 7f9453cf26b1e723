"""Read-only routes (rulesets, schemas, calendar, health) and the docket route."""
from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from fastapi import FastAPI, Path as PathParam
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..calendar import MAX_YEAR, MIN_YEAR, default_calendar
from ..errors import YingsuError
from ..rulesets import BASE_RULESET, Ruleset, available_cities, get_base, get_ruleset
from .problems import ProblemError

JSON = "application/json"


def _json(data: Any, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"), status_code=status,
                    media_type=JSON, headers=headers)


def city_of(text: str, allow_base: bool = False) -> str:
    """A city id from an id or (with yingsu.labels) a Chinese name; 404 unknown_city otherwise."""
    known = list(available_cities()) + ([BASE_RULESET] if allow_base else [])
    if text in known:
        return text
    try:
        from ..labels import city_id  # h6's catalogue: 新洲, 新洲区 → xianzhou
    except ImportError:
        city_id = None
    if city_id is not None:
        try:
            found = city_id(text)
        except (ValueError, YingsuError):
            found = None
        if found in known:
            return found
    raise ProblemError("unknown_city", f"no ruleset for city {text!r} (known: {', '.join(known)})",
                       [{"field": "city", "problem": f"unknown city {text!r}", "code": "unknown_city"}])


def cities_of(value: Any) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise ProblemError("invalid_request", "cities: a list of city ids",
                           [{"field": "cities", "problem": "a list of city ids", "code": "list_type"}])
    out = []
    for i, c in enumerate(value):
        try:
            out.append(city_of(c))
        except ProblemError as e:
            e.status, e.code = 422, "invalid_request"
            e.errors = [{"field": f"cities.{i}", "problem": e.detail, "code": "unknown_city"}]
            raise
    return out


def _ruleset(rs: Ruleset) -> dict[str, Any]:
    from ..provenance import ruleset_hash

    return {
        "id": rs.id,
        "label": rs.label,
        "place": rs.place,
        "title": rs.title,
        "number": rs.number,
        "issued_by": rs.issued_by,
        "effective_from": rs.effective_from,
        "effective_to": rs.effective_to,
        "rules": len(rs.rules),
        "sha256": ruleset_hash(rs).sha256,
    }


def add(app: FastAPI, today_query) -> None:
    from ..schemas import batch_error_schema, case_schema, decision_schema, docket_schema

    @app.get("/healthz", tags=["meta"], summary="the service is up; its version and rulesets")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "cities": list(available_cities())}

    @app.get("/v1/rulesets", tags=["rulesets"], summary="every ruleset: city, title, number, validity, hash")
    async def rulesets() -> list[dict[str, Any]]:
        return [_ruleset(get_ruleset(c)) for c in available_cities()] + [_ruleset(get_base())]

    @app.get("/v1/rulesets/{city}", tags=["rulesets"], summary="one ruleset's rules with articles and quotes")
    async def ruleset(city: str = PathParam(description="city id (or its Chinese name), or national")):
        cid = city_of(city, allow_base=True)
        rs = get_base() if cid == BASE_RULESET else get_ruleset(cid)
        out = _ruleset(rs)
        out["rules"] = [
            {"id": r.id, "decision": r.decision.value, "document": r.document, "article": r.article, "item": r.item,
             "quote": r.quote, "note": r.note}
            for r in rs.rules
        ]
        return _json(out)

    @app.get("/v1/rulesets/{city}/coverage", tags=["rulesets"],
             summary="every article: the rules that encode it or why none does")
    async def coverage(city: str = PathParam(description="city id (or its Chinese name)")):
        from ..coverage import coverage as rows

        rs = get_ruleset(city_of(city))
        return [{"document": r.document, "article": r.article, "rules": list(r.rules), "reason": r.reason,
                 "covered": r.covered} for r in rows(rs)]

    @app.get("/v1/schema/case", tags=["schemas"], summary="JSON Schema of the Case (input)")
    async def schema_case() -> dict[str, Any]:
        return case_schema()

    @app.get("/v1/schema/decision", tags=["schemas"], summary="JSON Schema of the Decision (output)")
    async def schema_decision() -> dict[str, Any]:
        return decision_schema()

    @app.get("/v1/schema/docket", tags=["schemas"], summary="JSON Schema of the Docket (POST /v1/docket)")
    async def schema_docket() -> dict[str, Any]:
        return docket_schema()

    @app.get("/v1/schema/batch-error", tags=["schemas"], summary="JSON Schema of a batch error record")
    async def schema_batch_error() -> dict[str, Any]:
        return batch_error_schema()

    @app.get("/v1/calendar/{year}", tags=["calendar"],
             summary="a year's working days, rest days and make-up working days; official or provisional")
    async def calendar_year(year: int = PathParam(ge=MIN_YEAR, le=MAX_YEAR, description="calendar year")):
        return await run_in_threadpool(calendar_of, year)

    from .docket_route import add as add_docket

    add_docket(app, today_query)


def calendar_of(year: int) -> dict[str, Any]:
    """工作日历 of one year: every working day, the weekdays off (法定节假日、调休休息日) and
    the weekend days worked (调休上班日)."""
    cal = default_calendar()
    day, end = date(year, 1, 1), date(year, 12, 31)
    working, rest, makeup = [], [], []
    while day <= end:
        w = cal.is_working_day(day)
        weekend = day.weekday() >= 5
        if w:
            working.append(day.isoformat())
            if weekend:
                makeup.append(day.isoformat())
        elif not weekend:
            rest.append(day.isoformat())
        day += timedelta(days=1)
    official = cal.is_official(year)
    return {
        "year": year,
        "official": official,
        "provisional": not official,
        "source": cal.year_source(year),
        "working_days": working,
        "rest_days": rest,
        "makeup_working_days": makeup,
    }
