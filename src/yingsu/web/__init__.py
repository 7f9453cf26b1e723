"""法制工作人员网页 (the officer's page): a case form, the decision, the comparison and the docket.

`router` (a FastAPI APIRouter) serves the page at `/` and its assets from the package
(src/yingsu/web/static/, nothing from outside: it works on an intranet without internet), and
the page's JSON endpoints under /web/api/, which return views made by yingsu.presentation and
Chinese validation messages (yingsu.officer_errors). yingsu.service.create_app() includes it.
Needs the `serve` extra (fastapi).
"""
from __future__ import annotations

import json
from datetime import date
from importlib import resources

try:
    from fastapi import APIRouter, Request
    from fastapi.responses import JSONResponse, Response
except ImportError as e:  # pragma: no cover - the serve extra is missing
    raise ImportError("yingsu.web needs FastAPI: pip install 'yingsu[serve]'") from e

from pydantic import ValidationError

from ..errors import YingsuError

router = APIRouter(include_in_schema=False)

_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png"}
MAX_CASE = 1024 * 1024
MAX_DOCKET = 32 * 1024 * 1024


def _static(name: str) -> bytes | None:
    base = resources.files(__package__) / "static"
    if "/" in name or "\\" in name or name.startswith("."):
        return None
    f = base / name
    return f.read_bytes() if f.is_file() else None


@router.get("/")
def page() -> Response:
    return Response(_static("index.html"), media_type=_TYPES[".html"], headers={"Cache-Control": "no-cache"})


@router.get("/web/static/{name}")
def asset(name: str) -> Response:
    data = _static(name)
    if data is None:
        return JSONResponse({"message": "没有这个文件"}, status_code=404)
    ext = name[name.rfind("."):]
    return Response(data, media_type=_TYPES.get(ext, "application/octet-stream"))


def _error(message: str, status: int = 422, problems=None) -> JSONResponse:
    return JSONResponse({"message": message, "problems": problems or []}, status_code=status)


async def _json(request: Request):
    body = await request.body()
    if len(body) > MAX_CASE:
        raise _Bad("提交的内容太大")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _Bad("提交的内容不是有效的 JSON") from None


class _Bad(Exception):
    def __init__(self, message: str, problems=None):
        super().__init__(message)
        self.message, self.problems = message, problems or []


def _case(data):
    from ..models import Case
    from ..officer_errors import problems

    if not isinstance(data, dict) or not isinstance(data.get("case"), dict):
        raise _Bad("请求应为 {\"case\": {…}}")
    try:
        return Case.model_validate(data["case"])
    except ValidationError as e:
        ps = problems(e)
        raise _Bad("案件有误，请按提示修改", ps) from None
    except RecursionError:
        raise _Bad("案件嵌套太深") from None


def _today(data) -> date | None:
    text = data.get("today") if isinstance(data, dict) else None
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise _Bad("“今天”不是有效的日期") from None


def _handle(fn):
    async def run(request: Request):
        try:
            return JSONResponse(await fn(request))
        except _Bad as e:
            return _error(e.message, problems=e.problems)
        except YingsuError as e:
            return _error(str(e))
        except Exception:  # never a traceback on the officer's page
            return _error("服务器内部错误，请联系系统管理员", status=500)

    run.__name__ = fn.__name__
    return run


@router.get("/web/api/form")
def form() -> JSONResponse:
    from .views import form_spec

    return JSONResponse(form_spec())


async def _decision(request: Request):
    from ..engine import evaluate
    from .views import decision_view

    data = await _json(request)
    case, today = _case(data), _today(data)
    d = evaluate(case, today=today)
    return {"view": decision_view(d, today), "decision": d.model_dump(mode="json")}


async def _compare(request: Request):
    from ..engine import compare
    from .views import compare_view

    data = await _json(request)
    case, today = _case(data), _today(data)
    return compare_view(compare(case, today=today))


router.add_api_route("/web/api/decision", _handle(_decision), methods=["POST"])
router.add_api_route("/web/api/compare", _handle(_compare), methods=["POST"])


# ---- docket: the uploaded file's bytes as the body, its name in ?name= ---------------------


async def _docket_of(request: Request):
    from .docket_io import evaluate_upload

    body = await request.body()
    if not body:
        raise _Bad("没有收到文件")
    if len(body) > MAX_DOCKET:
        raise _Bad("文件太大（上限 32 MB）")
    name = request.query_params.get("name") or "docket.csv"
    today = request.query_params.get("today")
    try:
        today_d = date.fromisoformat(today) if today else None
    except ValueError:
        raise _Bad("“今天”不是有效的日期") from None
    return evaluate_upload(body, name, today_d), name


async def _docket(request: Request):
    from .views import docket_view

    docket, _ = await _docket_of(request)
    return docket_view(docket)


router.add_api_route("/web/api/docket", _handle(_docket), methods=["POST"])


@router.post("/web/api/docket.ics")
async def docket_ics(request: Request) -> Response:
    from .docket_io import ics_bytes

    try:
        docket, _ = await _docket_of(request)
        data = ics_bytes(docket)
    except _Bad as e:
        return _error(e.message)
    except YingsuError as e:
        return _error(str(e))
    return Response(data, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="agenda.ics"'})


@router.post("/web/api/docket.xlsx")
async def docket_xlsx(request: Request) -> Response:
    from .docket_io import xlsx_bytes

    try:
        docket, _ = await _docket_of(request)
        data = xlsx_bytes(docket)
    except _Bad as e:
        return _error(e.message)
    except YingsuError as e:
        return _error(str(e))
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": 'attachment; filename="agenda.xlsx"'})
