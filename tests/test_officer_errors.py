"""校验提示: a case's validation errors in Chinese for officers (field label, problem, path),
built from pydantic's error types; --json keeps the English message."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from yingsu.cli import main
from yingsu.models import Case
from yingsu.officer_errors import officer_message, problems


def _problems(data):
    with pytest.raises(ValidationError) as e:
        Case.model_validate(data)
    return problems(e.value), officer_message(e.value)


def test_an_unknown_choice_names_the_field_and_lists_the_choices_in_chinese():
    ps, line = _problems({"city": "xianzhou", "defendant": {"kind": "court"}})
    assert ps == [{"field": "defendant.kind", "code": "enum", "label": "被告类型",
                   "message": ps[0]["message"]}]
    assert "不是可选的值" in line and "人民政府" in line and "（defendant.kind）" in line
    assert "government" not in line


def test_a_missing_field_and_an_unknown_key():
    ps, line = _problems({"defendant": {"kind": "government"}, "colour": "red"})
    assert [p["code"] for p in ps] == ["missing", "extra_forbidden"]
    assert "城市（规则集）：必须填写（city）" in line
    assert "colour：案件中没有这一项" in line


def test_a_date_that_is_not_a_date():
    _, line = _problems({"city": "xianzhou", "defendant": {"kind": "government"}, "events": {"served": "2026-02-30"}})
    assert "收到起诉状副本和应诉通知书：不是有效的日期" in line


def test_facts_that_contradict_each_other_are_named_by_their_labels():
    _, line = _problems({"city": "xianzhou", "defendant": {"kind": "government"},
                         "events": {"served": "2026-03-02", "hearing": "2026-03-01"}})
    assert line == "案件有误：案件事实相互矛盾：“开庭”（2026-03-01）早于“收到起诉状副本和应诉通知书”（2026-03-02）"


def test_cli_text_mode_says_it_in_chinese_and_json_mode_in_english(tmp_path, capsys):
    f = tmp_path / "case.yaml"
    f.write_text("city: xianzhou\ndefendant: {kind: court}\n", encoding="utf-8")
    assert main(["evaluate", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"yingsu: {f}: 案件有误：被告类型：不是可选的值") and err.count("\n") == 1
    assert main(["evaluate", str(f), "--json"]) == 2
    err = capsys.readouterr().err
    assert "案件有误" not in err and "defendant.kind: Input should be" in err
