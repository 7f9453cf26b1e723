"""Dated versions (版本): a fixture town (tests/fixtures/rulesets/fixture_town, fictional text,
not law) holds two versions, 2024 (2024-01-01 … 2025-12-31) and 2026 (from 2026-01-01, replaces
2024). Its folder is added beside the real rulesets through YINGSU_RULESETS, in a separate
process (the city list is read once, when yingsu is imported)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from yingsu.errors import RulesetError
from yingsu.versions import _check

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "rulesets"
REAL = HERE.parent / "rulesets"
ENV = {**os.environ, "YINGSU_RULESETS": os.pathsep.join([str(FIXTURES), str(REAL)])}

SCRIPT = r"""
import json, sys
from datetime import date
import yingsu

def case(**events):
    return yingsu.Case.model_validate({"city": "fixture_town", "defendant": {"kind": "government"},
                                       "act": {"maker": "镇农业服务中心"}, "events": events})

def brief(d):
    return {"version": d.ruleset.version, "in_force": d.ruleset.in_force, "title": d.ruleset.title,
            "roles": [u.role.value for u in d.undertaking.units],
            "transfer": [(x.amount, x.due.isoformat()) for x in d.deadlines if x.id == "transfer"],
            "warnings": d.warnings}

out = {}
out["served_2025"] = brief(yingsu.evaluate(case(served="2025-06-03")))
out["served_2026"] = brief(yingsu.evaluate(case(served="2026-06-01")))
out["last_day_of_2024"] = brief(yingsu.evaluate(case(served="2025-12-31")))
out["first_day_of_2026"] = brief(yingsu.evaluate(case(served="2026-01-01")))
out["before_both"] = brief(yingsu.evaluate(case(served="2023-05-04")))
out["no_served_2025"] = brief(yingsu.evaluate(case(), today=date(2025, 7, 1)))
out["no_served_2027"] = brief(yingsu.evaluate(case(), today=date(2027, 7, 1)))
old = yingsu.evaluate(case(), today=date(2025, 7, 1))
again = yingsu.evaluate(case(), today=date(2025, 7, 1), version=old.ruleset.version)
out["reproduced"] = old.model_dump(mode="json") == again.model_dump(mode="json")
out["pinned_2024_on_2026_case"] = brief(yingsu.evaluate(case(served="2026-06-01"), version="2024"))
out["cities"] = list(yingsu.Case.model_json_schema()["$defs"]["City"]["enum"])
from yingsu.cities import city_labels
out["labels"] = city_labels()
json.dump(out, sys.stdout, ensure_ascii=False)
"""


@pytest.fixture(scope="module")
def results():
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=ENV, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def yingsu(*args):
    return subprocess.run([sys.executable, "-m", "yingsu", *args], capture_output=True, text=True, env=ENV, timeout=120)


def test_a_case_served_in_2025_is_decided_by_the_2024_version(results):
    r = results["served_2025"]
    assert (r["version"], r["in_force"], r["roles"], r["transfer"]) == ("2024", True, ["justice_bureau"], [[2, "2025-06-05"]])


def test_a_case_served_in_2026_is_decided_by_the_2026_version(results):
    r = results["served_2026"]
    assert (r["version"], r["in_force"], r["roles"], r["transfer"]) == ("2026", True, ["act_maker"], [[3, "2026-06-04"]])
    assert r["title"] == "测试镇行政应诉工作办法（2026年修订）"


def test_the_versions_meet_at_midnight(results):
    assert results["last_day_of_2024"]["version"] == "2024" and results["last_day_of_2024"]["in_force"]
    assert results["first_day_of_2026"]["version"] == "2026" and results["first_day_of_2026"]["in_force"]


def test_a_case_served_before_every_version_gets_the_first_and_is_not_in_force(results):
    r = results["before_both"]
    assert (r["version"], r["in_force"]) == ("2024", False)
    assert any("不在施行期间" in w for w in r["warnings"])


def test_without_a_served_date_the_version_in_force_today_decides(results):
    assert results["no_served_2025"]["version"] == "2024"
    assert results["no_served_2027"]["version"] == "2026"


def test_an_old_decision_is_reproduced_exactly_by_pinning_its_version(results):
    assert results["reproduced"] is True
    pinned = results["pinned_2024_on_2026_case"]
    assert (pinned["version"], pinned["roles"], pinned["in_force"]) == ("2024", ["justice_bureau"], False)


def test_the_city_list_and_labels_come_from_the_folders(results):
    assert results["cities"][-1] == "fixture_town"  # order: 99 in its header
    assert results["cities"][:5] == ["yanshi", "xinzhou", "xianzhou", "dezhou", "zhongwei"]
    assert results["labels"]["fixture_town"] == "测试镇"


def test_rules_of_one_version_and_check_of_every_version():
    r = yingsu("rules", "fixture_town", "--version", "2024")
    assert r.returncode == 0 and "版本 2024" in r.stdout and "justice-office" in r.stdout
    r = yingsu("rules", "fixture_town", "--version", "2026")
    assert r.returncode == 0 and "版本 2026" in r.stdout and "act-maker" in r.stdout
    r = yingsu("rules", "fixture_town", "--version", "1999")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no version '1999'" in r.stderr
    r = yingsu("check")
    assert r.returncode == 0, r.stderr
    assert "fixture_town 2024: 3 rules" in r.stdout and "fixture_town 2026: 3 rules" in r.stdout


def test_the_fixture_cases_run_under_yingsu_test():
    r = yingsu("test", "fixture_town", "--coverage")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "通过 4 件" in r.stdout and "未被任何案例适用 0 条" in r.stdout


def _v(version, start, end, replaces=None):
    return SimpleNamespace(id="town", version=version, effective_from=start, effective_to=end,
                           replaces=replaces, file=f"town/{version}/rules.yaml")


def test_overlapping_windows_are_an_error_naming_both_versions():
    with pytest.raises(RulesetError, match="'b'.*overlaps version 'a'"):
        _check([_v("a", date(2024, 1, 1), date(2025, 6, 30)), _v("b", date(2025, 6, 30), None)])
    with pytest.raises(RulesetError, match="overlaps"):
        _check([_v("a", date(2024, 1, 1), None), _v("b", date(2026, 1, 1), None)])  # open end


def test_a_gap_between_versions_is_a_warning():
    warnings = _check([_v("a", date(2024, 1, 1), date(2025, 6, 30)), _v("b", date(2025, 8, 1), None)])
    assert len(warnings) == 1 and "空档" in warnings[0]
    assert _check([_v("a", date(2024, 1, 1), date(2025, 6, 30)), _v("b", date(2025, 7, 1), None)]) == []


def test_replaces_must_name_an_earlier_version():
    with pytest.raises(RulesetError, match="not another version"):
        _check([_v("a", date(2024, 1, 1), date(2024, 12, 31)), _v("b", date(2025, 1, 1), None, replaces="z")])
    with pytest.raises(RulesetError, match="does not start earlier"):
        _check([_v("a", date(2024, 1, 1), date(2024, 12, 31), replaces="b"), _v("b", date(2025, 1, 1), None)])
