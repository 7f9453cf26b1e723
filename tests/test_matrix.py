"""The scenario matrix: at least 20 realistic scenarios, and docs/comparison.md is current."""
from __future__ import annotations

from pathlib import Path

import yingsu
from yingsu.matrix import MATRIX_TODAY, render_matrix, scenario_files

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "examples" / "scenarios"


def test_there_are_at_least_20_scenarios_and_all_are_valid_cases():
    files = scenario_files(SCENARIOS)
    assert len(files) >= 20
    for f in files:
        yingsu.load_case(f)


def test_docs_comparison_is_current():
    committed = (ROOT / "docs" / "comparison.md").read_text(encoding="utf-8")
    assert committed == render_matrix(SCENARIOS), "docs/comparison.md is stale: run `yingsu matrix`"


def _compare(name: str):
    return yingsu.compare(yingsu.load_case(SCENARIOS / name), today=MATRIX_TODAY)


def test_a_bare_confirmed_illegal_judgment_is_a_loss_in_zhongwei_but_not_in_xianzhou():
    d = _compare("07-bare-confirmed-illegal.yaml")
    assert d["zhongwei"].loss.is_loss is True and d["zhongwei"].loss.basis[0].article == "第十二条"
    assert d["xianzhou"].loss.is_loss is False and d["xianzhou"].loss.basis[0].article == "第二十七条"
    assert "| ≠ 是否败诉 |" in render_matrix(SCENARIOS)


def test_yanshi_simplified_procedure_exemption_does_not_exist_in_xinzhou():
    d = _compare("09-simplified-procedure.yaml")
    assert d["yanshi"].appearance.level.value == "exempt"
    assert d["yanshi"].appearance.basis[0].article == "第十条" and d["yanshi"].appearance.basis[0].document == "细则"
    assert d["xinzhou"].appearance.level.value == "default"


def test_a_court_suggestion_outranks_the_simplified_procedure_exemption():
    d = _compare("10-simplified-procedure-court-suggestion.yaml")
    assert d["yanshi"].appearance.level.value == "principal"
    assert d["yanshi"].appearance.basis[0].article == "第十一条"


def test_service_before_national_day_counts_over_the_holiday():
    d = _compare("08-served-before-national-day.yaml")
    for city, decision in d.items():
        answer = next(x for x in decision.deadlines if x.id == "answer")
        assert answer.due.isoformat() == "2026-10-13", city
