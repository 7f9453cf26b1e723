"""The officer's page (法制工作人员网页) through its HTTP endpoints: the form from the Case
schema, the decision and comparison views, Chinese validation messages, the docket upload
(UTF-8 and GB18030 CSV, .xlsx) and the downloads; nothing loaded from outside the package."""
from __future__ import annotations

import io
import re
from importlib import resources

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from yingsu.web.local import make_app  # noqa: E402

CASE = {
    "city": "xianzhou",
    "defendant": {"kind": "government", "name": "武汉市新洲区人民政府"},
    "reconsideration": {"government_role": "co_defendant", "outcome": "upheld"},
    "act": {"maker": "区市场监督管理局", "maker_kind": "department"},
    "events": {"served": "2026-03-02"},
}
CSV = (
    "id,city,defendant.kind,defendant.name,events.served,events.hearing,proceeding.session\n"
    "XZ-1,xianzhou,government,武汉市新洲区人民政府,2026-03-02,2026-04-15,trial\n"
    "ZW-1,zhongwei,department,中卫市自然资源局,2026-05-06,,\n"
)


@pytest.fixture(scope="module")
def client():
    return TestClient(make_app())


def test_the_page_and_its_assets_come_from_the_package(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "<html lang=\"zh-CN\">" in page.text
    for name in ("app.js", "style.css"):
        assert client.get(f"/web/static/{name}").status_code == 200
    assert client.get("/web/static/..%2Fviews.py").status_code == 404


def test_no_asset_loads_anything_from_outside():
    static = resources.files("yingsu.web") / "static"
    for f in static.iterdir():
        if f.name.endswith((".html", ".js", ".css")):
            text = f.read_text(encoding="utf-8")
            assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I), f.name
            assert "@import" not in text and "@font-face" not in text, f.name


def test_the_form_follows_the_case_file_order_with_chinese_labels(client):
    spec = client.get("/web/api/form").json()
    assert [s["title"] for s in spec["sections"]] == [
        "城市", "被告", "复议", "被诉行为", "审理程序", "情形", "出庭要求", "日期", "裁判结果"]
    city = spec["sections"][0]["fields"][0]
    assert city["type"] == "choice" and {"value": "xianzhou", "label": "新洲"} in city["choices"]
    events = spec["sections"][7]["fields"][0]["fields"]
    assert events[0] == {"path": "events.served", "label": "收到起诉状副本和应诉通知书",
                         "help": "收到起诉状副本、应诉通知书之日", "type": "date"}
    circumstances = spec["sections"][5]["fields"][0]
    assert circumstances["type"] == "multi" and circumstances["choices"][0]["label"] == "重大公共利益"


def test_article_9_item_1_co_defendant_decision_view(client):
    r = client.post("/web/api/decision", json={"case": CASE, "today": "2026-03-03"})
    assert r.status_code == 200
    v = r.json()["view"]
    assert v["undertaking"]["units"] == ["区市场监督管理局（共同承办·原行政行为部分）", "区司法局（共同承办·复议部分）"]
    assert v["undertaking"]["basis"][0]["head"] == "【新洲 第九条（一）】"
    answer = next(d for d in v["deadlines"] if d["title"] == "提交答辩状及证据、依据")
    assert answer["due"] == "2026年3月17日 星期二" and answer["days_left"] == "还有14天"
    assert answer["counting"] == "收到起诉状副本和应诉通知书（2026年3月2日）之日起15日，届满日遇节假日顺延"
    assert answer["basis"]["head"] == "【行政诉讼法 第六十七条】"
    assert r.json()["decision"]["undertaking"]["units"][1]["role"] == "justice_bureau"  # the JSON keeps the ids


def test_validation_messages_are_chinese_with_the_field_path(client):
    bad = {**CASE, "defendant": {"kind": "court"}, "events": {"served": "2026-02-30"}}
    r = client.post("/web/api/decision", json={"case": bad})
    assert r.status_code == 422
    ps = r.json()["problems"]
    assert [(p["field"], p["code"], p["label"]) for p in ps] == [
        ("defendant.kind", "enum", "被告类型"), ("events.served", "value_error", "收到起诉状副本和应诉通知书")]
    assert ps[1]["message"].startswith("不是有效的日期")


def test_compare_has_a_column_per_city_and_marks_differences(client):
    v = client.post("/web/api/compare", json={"case": CASE}).json()
    assert v["cities"] == ["偃师", "忻州", "新洲", "德州", "中卫"]
    rows = {r["label"]: r for r in v["rows"]}
    assert rows["应诉承办单位"]["differs"] and not rows["提交答辩状及证据、依据"]["differs"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_docket_upload_reads_a_csv_in_utf8_or_gb18030(client, encoding):
    r = client.post("/web/api/docket?name=清单.csv&today=2026-06-01", content=CSV.encode(encoding))
    assert r.status_code == 200, r.text
    v = r.json()
    assert v["cases"] == 2 and v["by_city"] == {"新洲": 1, "中卫": 1}
    assert v["chart"].startswith("<svg") and "</svg>" in v["chart"]
    assert any(a["case"] == "XZ-1" and a["title"] == "提交答辩状及证据、依据" for a in v["agenda"])


def test_docket_upload_reads_an_excel_workbook(client):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for line in CSV.strip().splitlines():
        wb.active.append(line.split(","))
    buf = io.BytesIO()
    wb.save(buf)
    r = client.post("/web/api/docket?name=清单.xlsx", content=buf.getvalue())
    assert r.status_code == 200, r.text
    assert r.json()["cases"] == 2


def test_docket_downloads_ics_and_excel(client):
    ics = client.post("/web/api/docket.ics?name=d.csv&today=2026-06-01", content=CSV.encode())
    assert ics.status_code == 200 and ics.content.startswith(b"BEGIN:VCALENDAR")
    xlsx = client.post("/web/api/docket.xlsx?name=d.csv&today=2026-06-01", content=CSV.encode())
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_docket_upload_of_an_unknown_kind_of_file_is_a_chinese_message(client):
    r = client.post("/web/api/docket?name=d.txt", content=b"abc")
    assert r.status_code == 422 and "不支持的文件类型" in r.json()["message"]


# --- any input: a Chinese message, never a server error ------------------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from yingsu.models import Case  # noqa: E402

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)
# case-shaped bodies: the Case's own keys with any JSON values (most are wrong), and any `today`
_CASE_LIKE = st.fixed_dictionaries(
    {"case": st.dictionaries(st.sampled_from(sorted(Case.model_fields)), _JSON, max_size=6)},
    optional={"today": _JSON},
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_CASE_LIKE | _JSON)
def test_the_pages_decision_and_compare_answer_any_json_with_a_chinese_message_never_a_server_error(client, body):
    for path in ("/web/api/decision", "/web/api/compare"):
        r = client.post(path, json=body)
        assert r.status_code in (200, 422), (path, body, r.text)
        if r.status_code == 422:
            message = r.json()["message"]
            assert message and re.search(r"[\u4e00-\u9fff]", message), message
