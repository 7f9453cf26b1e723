"""Officer-facing output (面向法制工作人员的输出) carries no English id of the contract.

For every example scenario: the CLI text of `yingsu evaluate` (under each city) and of
`yingsu compare --basis`, and the text of the web page's decision and comparison views. A city
id, role, enum value, deadline id or field path of the contract found in any of them fails.
(The .ics is checked with the docket, tests/test_officer_text.py::test_ics_*.)
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from yingsu import compare, load_case
from yingsu.cli import main
from yingsu.presentation import contract_ids
from yingsu.web.views import compare_view, decision_view

SCENARIOS = sorted((Path(__file__).parent.parent / "examples" / "scenarios").glob("*.yaml"))
TODAY = date(2026, 11, 23)
TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
# keys of a view that the page posts back or sorts by, never shown
HIDDEN_KEYS = {"status_id", "due_iso"}


def english_ids(text: str) -> set[str]:
    ids = contract_ids()
    return {t for t in TOKEN.findall(text) if t in ids}


def _strings(view, key=None):
    if isinstance(view, dict):
        for k, v in view.items():
            if k not in HIDDEN_KEYS:
                yield from _strings(v, k)
    elif isinstance(view, list):
        for v in view:
            yield from _strings(v, key)
    elif isinstance(view, str):
        yield view


def test_the_scan_finds_an_english_id():
    assert english_ids("规则集：xianzhou；answer 2026-10-13 起；暂定（provisional）；act.maker") == {
        "xianzhou", "answer", "act.maker"}
    assert english_ids("分管区领导（A角；由B角）") == set()


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_cli_text_has_no_contract_id(path, capsys, tmp_path):
    text = path.read_text(encoding="utf-8")
    for city in ("yanshi", "xinzhou", "xianzhou", "dezhou", "zhongwei"):
        case = tmp_path / f"{city}.yaml"
        case.write_text(re.sub(r"(?m)^city: .*$", f"city: {city}", text), encoding="utf-8")
        assert main(["evaluate", str(case), "--today", TODAY.isoformat()]) == 0
        out = capsys.readouterr().out
        assert english_ids(out) == set(), (city, english_ids(out))
    assert main(["compare", str(path), "--basis", "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert english_ids(out) == set()


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_web_views_have_no_contract_id(path):
    decisions = compare(load_case(path), today=TODAY)
    for city, d in decisions.items():
        for s in _strings(decision_view(d, TODAY)):
            assert english_ids(s) == set(), (city, s)
    for s in _strings(compare_view(decisions)):
        assert english_ids(s) == set(), s


def test_the_comparison_document_has_no_contract_id_outside_its_file_names():
    text = (Path(__file__).parent.parent / "docs" / "comparison.md").read_text(encoding="utf-8")
    assert "待指定：defendant" not in text and "缺 judgment_served" not in text
    assert english_ids(re.sub(r"`[^`]*`", "", text)) == set()


def test_ics_of_the_scenarios_has_no_contract_id_outside_its_uids():
    icalendar = pytest.importorskip("icalendar")
    from yingsu.docket import agenda_ics, evaluate_docket

    entries = [(f"情景{p.stem[:2]}", load_case(p)) for p in SCENARIOS]
    cal = icalendar.Calendar.from_ical(agenda_ics(evaluate_docket(entries, today=TODAY)))
    events = list(cal.walk("VEVENT"))
    assert len(events) > len(SCENARIOS)
    for component in cal.walk():
        for key, value in component.items():
            if key in ("UID", "PRODID", "DTSTAMP", "DTSTART", "DTEND", "TRIGGER"):
                continue  # UIDs are built from case and deadline ids, by design; not shown
            text = value.to_ical().decode() if hasattr(value, "to_ical") else str(value)
            assert english_ids(text) == set(), (key, text)
