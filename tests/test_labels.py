"""The label catalogue (标签目录) and the presentation layer (呈现): one Chinese name for every
id of the contract, city names from the ruleset headers, dates and counting rules in words."""
from __future__ import annotations

import typing
from datetime import date
from enum import Enum

import pytest
from pydantic import BaseModel

from yingsu import catalogue, labels, presentation
from yingsu.decision import Citation, Decision
from yingsu.errors import YingsuError
from yingsu.models import Case
from yingsu.rulesets import available_cities, get_ruleset


def _paths(model: type[BaseModel], prefix: str = ""):
    """(field path, enum class or None) of every field of a model, nested models included."""
    for name, f in model.model_fields.items():
        path = prefix + name
        inner: list = []
        for a in typing.get_args(f.annotation) or (f.annotation,):
            inner += list(typing.get_args(a)) or [a]
        enum = next((a for a in inner if isinstance(a, type) and issubclass(a, Enum)), None)
        yield path, enum
        for a in inner:
            if isinstance(a, type) and issubclass(a, BaseModel):
                yield from _paths(a, path + ".")


@pytest.mark.parametrize("model", [Case, Decision])
def test_every_field_of_the_case_and_the_decision_has_a_chinese_title_and_an_english_description(model):
    for path, _ in _paths(model):
        doc = labels.field_doc(path)
        assert doc is not None, path
        title, description = doc
        assert title and not title.isascii(), path
        assert title in description and path.rsplit(".", 1)[-1] in description, path


@pytest.mark.parametrize("model", [Case, Decision])
def test_every_enum_value_of_the_contract_has_a_label(model):
    for path, enum in _paths(model):
        if enum is None or path == "city":
            continue
        for member in enum:
            text = labels.label(path, member)
            assert text and not text.isascii(), (path, member.value)


def test_city_names_come_from_the_ruleset_headers_not_from_python():
    for city in available_cities():
        rs = get_ruleset(city)
        assert labels.label("city", city) == rs.label
        assert labels.city_place(city) == rs.place
    assert labels.city_label("national") == "全国"


@pytest.mark.parametrize("text", ["xianzhou", "新洲", "新洲区", "武汉市新洲区", " 新洲 "])
def test_city_id_accepts_the_id_the_short_name_and_the_place(text):
    assert labels.city_id(text) == "xianzhou"


def test_city_id_refuses_an_unknown_city_naming_the_known_ones():
    with pytest.raises(YingsuError, match="北京.*新洲（xianzhou）"):
        labels.city_id("北京")


def test_deadline_catalogue_and_role_labels_are_the_label_catalogue():
    assert catalogue.DEADLINES == labels.values("deadline")
    assert list(catalogue.DEADLINES)[:3] == ["answer", "appeal", "retrial"]
    assert {r.value: v for r, v in catalogue.ROLE_LABELS.items()} == labels.values("role")
    assert catalogue.PERIODIC == labels.values("periodic")


def test_field_label_of_an_event_and_of_a_citation_inside_the_decision():
    assert labels.field_label("events.served") == "收到起诉状副本和应诉通知书"
    assert labels.field_label("deadlines.basis.quote") == "原文"
    assert labels.field_label("appearance.who_basis.article") == "条"
    assert labels.field_doc("no.such.field") is None


def test_unknown_label_is_an_error_not_english_text():
    with pytest.raises(KeyError):
        labels.label("role", "mayor")


def test_date_with_weekday():
    assert presentation.date_text(date(2026, 3, 17)) == "2026年3月17日 星期二"
    assert presentation.date_text(date(2026, 3, 17), weekday=False) == "2026年3月17日"


def test_days_remaining():
    due = date(2026, 3, 17)
    assert presentation.days_left_text(due, date(2026, 3, 3)) == "还有14天"
    assert presentation.days_left_text(due, due) == "今日到期"
    assert presentation.days_left_text(due, date(2026, 3, 20)) == "已逾期3天"


def test_counting_rule_in_words():
    assert (
        presentation.counting_text("calendar_days", 15, "served")
        == "收到起诉状副本和应诉通知书之日起15日，届满日遇节假日顺延"
    )
    assert (
        presentation.counting_text("working_days_before", 5, "answer", date(2026, 3, 17))
        == "“提交答辩状及证据、依据”期限届满（2026年3月17日）前5个工作日"
    )


def test_citation_names_the_city_or_the_statute_never_the_ruleset_id():
    c = Citation(ruleset="xianzhou", article="第九条", item="（一）", quote="以区政府作为单独被告的")
    assert presentation.citation_text(c) == "【新洲 第九条（一）】“以区政府作为单独被告的”"
    n = Citation(ruleset="national", document="行政诉讼法", article="第六十七条", quote="十五日内")
    assert presentation.citation_text(n) == "【行政诉讼法 第六十七条】“十五日内”"
    y = Citation(ruleset="yanshi", document="规范", article="第十条", quote="…")
    assert presentation.citation_ref(y) == "规范第十条"


def test_officer_text_translates_the_ids_inside_notes_and_warnings():
    w = "retrial：2027 年尚无国务院节假日安排数据，按法定节假日推算，日期为暂定（provisional）"
    assert presentation.officer_text(w) == "申请再审：2027 年尚无国务院节假日安排数据，按法定节假日推算，日期为暂定"
    assert presentation.officer_text("牵头部门的名称取 act.lead_department") == "牵头部门的名称取 牵头部门"
    assert presentation.officer_text("由B角出庭") == "由B角出庭"
