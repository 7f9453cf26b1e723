"""The lawyer-written cases (rulesets/<city>/cases/*.yaml): one test per case, and every rule of
every city fired by at least one case (through Decision.trace)."""
from __future__ import annotations

import pytest

from yingsu.casebook import load_cases, match, run_case
from yingsu.cities import city_ids


def _cases():
    for city in city_ids():
        for case in load_cases(city):
            yield pytest.param(case, id=f"{city}:{case.name}")


@pytest.mark.parametrize("case", list(_cases()))
def test_lawyer_case(case):
    outcome = run_case(case)
    assert outcome.passed, outcome.message()


@pytest.mark.parametrize("city", city_ids())
def test_every_city_has_cases(city):
    assert len(load_cases(city)) >= 10


def test_partial_match_checks_only_what_is_given():
    actual = {"appearance": {"level": "head", "who": "x"}, "deadlines": [{"id": "answer", "due": "2026-03-17"}],
              "warnings": ["收到应诉通知书之日本规定不在施行期间"], "undertaking": {"units": [{"role": "a"}, {"role": "b"}]}}
    assert list(match({"appearance": {"level": "head"}}, actual, "")) == []
    assert list(match({"deadlines": {"answer": {"due": "2026-03-17"}}}, actual, "")) == []
    assert list(match({"warnings": ["不在施行期间"]}, actual, "")) == []


def test_partial_match_names_the_field_that_differs():
    actual = {"appearance": {"level": "default"}, "deadlines": [{"id": "answer", "due": "2026-03-17"}],
              "warnings": [], "undertaking": {"units": [{"role": "a"}, {"role": "b"}]}}
    assert list(match({"appearance": {"level": "head"}}, actual, "")) == ["appearance.level 应为 head，实为 default"]
    assert "deadlines.transfer 应当出现" in list(match({"deadlines": {"transfer": {"due": "x"}}}, actual, ""))[0]
    assert "不应出现" in list(match({"deadlines": {"answer": None}}, actual, ""))[0]
    assert "应有 1 项，实有 2 项" in list(match({"undertaking": {"units": [{"role": "a"}]}}, actual, ""))[0]
    assert "含“参照”的提示" in list(match({"warnings": ["参照"]}, actual, ""))[0]


def test_a_failing_case_names_its_file_line_and_the_field(tmp_path):
    from yingsu.casebook import load_file

    path = tmp_path / "wrong.yaml"
    path.write_text(
        "- name: 故意写错的期望\n"
        "  article: 第九条（一）\n"
        "  case: {defendant: {kind: government}, reconsideration: {government_role: sole_defendant, outcome: changed}}\n"
        "  expect:\n"
        "    undertaking: {units: [{role: act_maker}]}\n"
        "    appearance: {level: head}\n",
        encoding="utf-8",
    )
    (case,) = load_file(path, "xianzhou")
    outcome = run_case(case)
    lines = outcome.message().split("\n")
    assert len(lines) == 2
    assert all(line.startswith(f"{path}:1 「故意写错的期望」：") for line in lines)
    assert "undertaking.units[0].role 应为 act_maker，实为 justice_bureau" in lines[0]
    assert "appearance.level 应为 head，实为 default" in lines[1]


def test_a_case_that_fires_no_rule_of_its_article_fails(tmp_path):
    from yingsu.casebook import load_file

    path = tmp_path / "article.yaml"
    path.write_text("- name: 条文不对\n  article: 第十三条\n  case: {defendant: {kind: department}}\n"
                    "  expect: {appearance: {level: default}}\n", encoding="utf-8")
    (case,) = load_file(path, "xianzhou")
    assert "没有第十三条的规则被适用" in run_case(case).message()


@pytest.mark.parametrize("text, problem", [
    ("- name: x\n  article: 九\n  case: {}\n  expect: {loss: {}}\n", "must read 第X条"),
    ("- name: x\n  article: 第九条\n  case: {}\n  expect: {lose: {}}\n", "unknown key 'lose' in expect"),
    ("- name: x\n  article: 第九条\n  expect: {loss: {}}\n", "missing 'case'"),
    ("{name: x}\n", "non-empty list"),
    ("- name: x\n  article: 第九条\n  case: {city: zhongwei}\n  expect: {loss: {}}\n", "not this folder's city"),
])
def test_a_bad_case_file_is_one_error_naming_file_and_line(tmp_path, text, problem):
    from yingsu.casebook import load_file
    from yingsu.errors import RulesetError

    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError, match=problem) as e:
        load_file(path, "xianzhou")
    assert str(path) in str(e.value) and "\n" not in str(e.value)


def test_facts_that_do_not_validate_are_reported_not_raised(tmp_path):
    from yingsu.casebook import load_file

    path = tmp_path / "facts.yaml"
    path.write_text("- name: 错误事实\n  article: 第八条\n  case: {defendant: {kind: ministry}}\n"
                    "  expect: {loss: {is_loss: null}}\n", encoding="utf-8")
    (case,) = load_file(path, "xianzhou")
    assert "案件事实有误" in run_case(case).message() and "defendant.kind" in run_case(case).message()


def test_yingsu_test_command(capsys):
    from yingsu.cli import main

    assert main(["test", "zhongwei", "--coverage"]) == 0
    out = capsys.readouterr().out
    assert "未通过 0 件" in out and "未被任何案例适用 0 条" in out
    assert main(["test", "nowhere"]) == 2


def test_a_basis_lists_the_deciding_citation_first_then_others_in_order():
    actual = {"appearance": {"basis": [{"article": "第十九条", "item": "（一）"}, {"article": "第十七条"},
                                        {"ruleset": "national", "article": "第三条"}]}}
    assert list(match({"appearance": {"basis": [{"item": "（一）"}]}}, actual, "")) == []
    assert list(match({"appearance": {"basis": [{"item": "（一）"}, {"ruleset": "national"}]}}, actual, "")) == []
    assert list(match({"appearance": {"basis": [{"article": "第十七条"}]}}, actual, ""))  # not the deciding one
    assert list(match({"appearance": {"basis": [{"ruleset": "national"}, {"article": "第十七条"}]}}, actual, ""))
