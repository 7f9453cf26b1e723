"""The HTTP service, called over a real loopback connection (python -m yingsu serve on
127.0.0.1 and a free port): every route, problem+json errors, limits and provenance headers."""
from __future__ import annotations

import io
import json
from pathlib import Path

import httpx
import pytest

import yingsu
from yingsu.batch import run_jsonl
from yingsu.caseio import MAX_CASE_BYTES
from service_server import running_server

ROOT = Path(__file__).resolve().parents[1]
CASE = json.loads((ROOT / "examples" / "xianzhou-government-sued.json").read_text(encoding="utf-8"))
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def api():
    with running_server() as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


def problem(r: httpx.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    body = r.json()
    assert body["status"] == status and body["code"] == code and body["type"] == f"urn:yingsu:problem:{code}"
    assert body["title"] and body["detail"]
    return body


# --- deciding ------------------------------------------------------------------------------

def test_evaluate_returns_the_libraries_decision_with_provenance_headers(api):
    r = api.post("/v1/evaluate", json=CASE)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    expected = yingsu.evaluate(yingsu.Case.model_validate(CASE)).model_dump(mode="json")
    got = r.json()
    assert got == expected
    assert got["undertaking"]["units"][0]["name"] == "区住房和城乡建设局"
    assert {"id": "answer", "due": "2026-10-13"}.items() <= next(d for d in got["deadlines"] if d["id"] == "answer").items()
    prov = got["provenance"]
    assert r.headers["yingsu-version"] == yingsu.__version__ == prov["yingsu"]
    assert r.headers["yingsu-ruleset"] == f"xianzhou=sha256:{prov['ruleset']['sha256']}"
    assert r.headers["yingsu-base"] == f"national=sha256:{prov['base']['sha256']}"
    assert prov["calendar"]["sha256"] in r.headers["yingsu-calendar"]


def test_evaluate_reads_the_body_of_a_request_offering_an_http2_upgrade(api):
    # Java's HttpClient offers h2c on every plain-HTTP request; the body must still be read
    upgrade = {"Connection": "Upgrade, HTTP2-Settings", "Upgrade": "h2c", "HTTP2-Settings": "AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA"}
    r = api.post("/v1/evaluate", json=CASE, headers=upgrade)
    assert r.status_code == 200, r.text
    assert r.json()["city"] == "xianzhou"


def test_evaluate_today_parameter_is_used_without_a_served_date(api):
    case = {"city": "zhongwei", "defendant": {"kind": "government"}}
    in_force = api.post("/v1/evaluate?today=2024-01-01", json=case).json()
    lapsed = api.post("/v1/evaluate?today=2028-01-01", json=case).json()
    assert in_force["ruleset"]["in_force"] is True and lapsed["ruleset"]["in_force"] is False
    assert "ruleset_not_in_force" in [w["code"] for w in lapsed["warning_details"]]


def test_compare_gives_a_decision_per_city_in_the_contracts_order(api):
    r = api.post("/v1/compare", json={"case": CASE, "cities": ["zhongwei", "yanshi"]})
    assert r.status_code == 200
    body = r.json()
    assert list(body) == ["zhongwei", "yanshi"]
    assert body["zhongwei"]["city"] == "zhongwei" and body["yanshi"]["ruleset"]["id"] == "yanshi"
    assert "zhongwei=sha256:" in r.headers["yingsu-ruleset"] and "yanshi=sha256:" in r.headers["yingsu-ruleset"]
    every = api.post("/v1/compare", json={"case": CASE}).json()
    assert list(every) == list(yingsu.rulesets.available_cities())


def test_compare_accepts_a_chinese_city_name_and_names_an_unknown_one(api):
    assert list(api.post("/v1/compare", json={"case": CASE, "cities": ["新洲"]}).json()) == ["xianzhou"]
    body = problem(api.post("/v1/compare", json={"case": CASE, "cities": ["xianzhou", "atlantis"]}), 422, "invalid_request")
    assert body["errors"][0]["field"] == "cities.1"


def test_batch_streams_one_line_per_line_exactly_as_yingsu_batch(api):
    lines = [json.dumps(CASE), "not json", json.dumps({"city": "xianzhou"}), "", json.dumps(CASE | {"city": "dezhou"})]
    body = ("\n".join(lines) + "\n").encode()
    cli = io.BytesIO()
    run_jsonl(io.BytesIO(body), cli)
    with api.stream("POST", "/v1/batch", content=body, headers={"content-type": "application/x-ndjson"}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
        got = list(r.iter_lines())
        for city in yingsu.rulesets.available_cities():  # any ruleset may decide a line
            assert f"{city}=sha256:" in r.headers["yingsu-ruleset"]
    assert got == cli.getvalue().decode().splitlines()
    assert json.loads(got[1]) == {"line": 2, "error": json.loads(got[1])["error"]} and "JSON" in json.loads(got[1])["error"]
    assert "defendant" in json.loads(got[2])["error"]
    assert json.loads(got[4])["city"] == "dezhou"


def test_batch_line_over_the_clis_limit_is_an_error_record_and_the_next_line_is_decided(api):
    long_line = b'{"city": "' + b"x" * (MAX_CASE_BYTES + 10) + b'"}'
    body = long_line + b"\n" + json.dumps(CASE).encode() + b"\n"
    r = api.post("/v1/batch", content=body, headers={"content-type": "application/x-ndjson"})
    first, second = r.text.splitlines()
    assert json.loads(first)["line"] == 1 and "longer than" in json.loads(first)["error"]
    assert json.loads(second)["city"] == "xianzhou"


def test_docket_gives_the_docket_json_and_with_accept_text_calendar_the_ics(api):
    yaml_docket = (ROOT / "examples" / "docket-2026.yaml").read_bytes()
    r = api.post("/v1/docket?today=2026-11-23", content=yaml_docket, headers={"content-type": "application/yaml"})
    assert r.status_code == 200, r.text
    docket = r.json()
    assert docket["today"] == "2026-11-23" and len(docket["cases"]) == 240 and docket["agenda"]
    ics = api.post("/v1/docket?today=2026-11-23", content=yaml_docket,
                   headers={"content-type": "application/yaml", "accept": "text/calendar"})
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR") and ics.text.count("BEGIN:VEVENT") == len(docket["agenda"])
    one = api.post("/v1/docket", json=[{"id": "A-1", "case": CASE}])
    assert one.status_code == 200 and one.json()["cases"][0]["id"] == "A-1"


def test_docket_error_names_the_entry_and_field(api):
    body = problem(api.post("/v1/docket", json=[CASE, {"city": "xianzhou"}]), 422, "invalid_docket")
    assert "entry 2" in body["detail"] and "defendant" in body["detail"]
    assert "yingsu-docket-" not in body["detail"]  # the client's docket, not a temporary file


# --- errors -------------------------------------------------------------------------------

def test_invalid_case_is_problem_json_with_each_field_path_and_code(api):
    bad = {"city": "xianzhou", "defendant": {"kind": "emperor"}, "act": {"colour": "red"}}
    body = problem(api.post("/v1/evaluate", json=bad), 422, "invalid_case")
    fields = {e["field"]: e["code"] for e in body["errors"]}
    assert fields == {"defendant.kind": "enum", "act.colour": "extra_forbidden"}
    assert all(e["problem"] for e in body["errors"])


def test_contradicting_facts_are_422_naming_the_fields(api):
    bad = CASE | {"events": {"served": "2026-09-28", "judgment_served": "2026-01-01"}}
    body = problem(api.post("/v1/evaluate", json=bad), 422, "invalid_case")
    assert "judgment_served" in body["detail"]


@pytest.mark.parametrize("content", [b"{", b'{"city": "xianzhou", "city": "yanshi"}', b"", b"\xff\xfe{}"])
def test_malformed_bodies_are_400(api, content):
    r = api.post("/v1/evaluate", content=content, headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["code"] in ("malformed_json", "not_utf8")


def test_a_case_that_is_not_an_object_is_422(api):
    problem(api.post("/v1/evaluate", json=[CASE]), 422, "invalid_case")


def test_wrong_media_type_is_415(api):
    r = api.post("/v1/evaluate", content=b"city=xianzhou", headers={"content-type": "application/x-www-form-urlencoded"})
    problem(r, 415, "unsupported_media_type")
    problem(api.post("/v1/docket", content=b"<x/>", headers={"content-type": "text/xml"}), 415, "unsupported_media_type")


def test_body_over_the_clis_limit_is_413_without_reading_it(api):
    big = b" " * (MAX_CASE_BYTES + 1)
    problem(api.post("/v1/evaluate", content=big, headers={"content-type": "application/json"}), 413, "too_large")

    def chunks():  # no Content-Length: refused while reading
        for _ in range(17):
            yield b" " * 65536

    problem(api.post("/v1/evaluate", content=chunks(), headers={"content-type": "application/json"}), 413, "too_large")


def test_unknown_route_and_method_are_problems(api):
    problem(api.get("/v1/nothing"), 404, "not_found")
    problem(api.get("/v1/evaluate"), 405, "method_not_allowed")
    problem(api.get("/v1/calendar/1900"), 422, "invalid_request")


def test_a_date_the_calendar_cannot_count_is_422_not_500(api):
    r = api.post("/v1/evaluate", json={"city": "xianzhou", "defendant": {"kind": "government"},
                                       "events": {"served": "2198-12-31"}})
    assert r.status_code in (200, 422), r.text
    if r.status_code == 422:
        assert r.json()["code"] in ("invalid_case", "outside_calendar")


# --- reading -------------------------------------------------------------------------------

def test_rulesets_list_every_city_and_the_base_with_its_hash(api):
    body = api.get("/v1/rulesets").json()
    ids = [r["id"] for r in body]
    assert ids == [*yingsu.rulesets.available_cities(), "national"]
    x = next(r for r in body if r["id"] == "xianzhou")
    assert x["label"] == "新洲" and x["effective_from"] == "2022-06-06" and len(x["sha256"]) == 64


def test_one_ruleset_has_its_rules_with_articles_and_quotes(api):
    body = api.get("/v1/rulesets/xianzhou").json()
    rule = next(r for r in body["rules"] if r["id"] == "xianzhou.undertaking.9-2.state-land-expropriation")
    assert rule["article"] == "第九条" and rule["item"] == "（二）" and "相关职能部门为应诉责任机关" in rule["quote"]
    assert api.get("/v1/rulesets/新洲").json()["id"] == "xianzhou"
    assert api.get("/v1/rulesets/national").json()["id"] == "national"
    problem(api.get("/v1/rulesets/atlantis"), 404, "unknown_city")


def test_coverage_lists_every_article(api):
    rows = api.get("/v1/rulesets/xianzhou/coverage").json()
    assert rows[0]["article"] == "第一条" and all(r["covered"] for r in rows)
    assert any("xianzhou.undertaking.9-2.state-land-expropriation" in r["rules"] for r in rows)


def test_schemas_carry_id_and_version(api):
    for name in ("case", "decision", "docket", "batch-error"):
        s = api.get(f"/v1/schema/{name}").json()
        assert s["$id"].startswith(f"urn:yingsu:schema:{name}:") and s["version"]
    decision = api.get("/v1/schema/decision").json()
    assert "additionalProperties" not in decision  # open to added fields
    assert api.get("/v1/schema/case").json()["additionalProperties"] is False  # unknown keys are rejected


def test_calendar_year_has_working_rest_and_makeup_days(api):
    y2026 = api.get("/v1/calendar/2026").json()
    assert y2026["official"] is True and y2026["provisional"] is False
    assert "2026-10-01" in y2026["rest_days"] and "2026-10-01" not in y2026["working_days"]
    assert y2026["makeup_working_days"] and set(y2026["makeup_working_days"]) <= set(y2026["working_days"])
    later = api.get("/v1/calendar/2040").json()
    assert later["official"] is False and later["provisional"] is True


def test_healthz_and_openapi_3_1(api):
    assert api.get("/healthz").json()["status"] == "ok"
    doc = api.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    for path in ("/v1/evaluate", "/v1/compare", "/v1/batch", "/v1/docket", "/v1/rulesets", "/v1/rulesets/{city}",
                 "/v1/rulesets/{city}/coverage", "/v1/schema/case", "/v1/schema/decision", "/v1/calendar/{year}",
                 "/healthz"):
        assert path in doc["paths"], path
    assert doc["paths"]["/v1/evaluate"]["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Case"}


def test_docs_page_loads_nothing_from_outside(api):
    page = api.get("/docs")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("docs.js", "docs.css"):
        r = api.get(f"/docs/{asset}")
        assert r.status_code == 200
        assert "http://" not in r.text and "https://" not in r.text and "//cdn" not in r.text
    assert "http://" not in page.text and "https://" not in page.text


DOCKET_ROWS = [["id", "city", "defendant.kind", "defendant.name", "events.served"],
               ["A-1", "xianzhou", "government", "武汉市新洲区人民政府", "2026-09-28"]]


def test_docket_csv_in_gb18030_as_excel_saves_it(api):
    rows = DOCKET_ROWS
    csv_bytes = "\r\n".join(",".join(r) for r in rows).encode("gb18030")
    r = api.post("/v1/docket", content=csv_bytes, headers={"content-type": "text/csv"})
    assert r.status_code == 200, r.text
    assert r.json()["cases"][0]["id"] == "A-1"


def test_docket_xlsx(api):
    from yingsu.docket import tabular

    if not hasattr(tabular, "parse_docket_xlsx"):
        pytest.skip("yingsu.docket reads no .xlsx yet (parse_docket_xlsx)")
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in DOCKET_ROWS:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    r = api.post("/v1/docket", content=buf.getvalue(), headers={"content-type": xlsx})
    assert r.status_code == 200, r.text
    assert r.json()["cases"][0]["id"] == "A-1"


# --- in process: what a real request cannot provoke ------------------------------------------

def test_an_internal_failure_is_still_problem_json_and_logged(monkeypatch, caplog):
    from fastapi.testclient import TestClient

    from yingsu.service import app as service_app

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(service_app, "evaluate", broken)
    with TestClient(service_app.build_app(), raise_server_exceptions=False) as client:
        r = client.post("/v1/evaluate", json=CASE)
    assert r.status_code == 500 and r.headers["content-type"].startswith(PROBLEM)
    assert r.json()["code"] == "internal_error" and "boom" not in r.text  # no internals to the client
    assert any("internal error" in rec.getMessage() for rec in caplog.records)


def test_without_the_serve_extra_serve_says_what_to_install(monkeypatch, capsys):
    import sys

    from yingsu.cli import main

    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi now fails
    assert main(["serve", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and 'pip install "yingsu[serve]"' in err


def test_serve_listens_on_loopback_unless_told_otherwise():
    from yingsu.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.workers) == ("127.0.0.1", 8000, 1)
