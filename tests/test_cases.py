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
