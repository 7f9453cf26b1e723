"""Provenance (出处) in every Decision: the yingsu version, the content hash of the ruleset
files that decided it and of the national base, and the calendar data. One changed
character in a ruleset changes its hash (tested on a copy under YINGSU_RULESETS)."""
from __future__ import annotations

import json
import os
from datetime import date
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import yingsu
from yingsu.calendar import default_calendar
from yingsu.models import City
from yingsu.rulesets import clear_cache, rulesets_dir
from service_server import running_server

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "xianzhou-government-sued.json"
WARNING_CODES = {"assumed_fact", "ruleset_notice", "no_undertaking_rule", "loss_undetermined",
                 "provisional_calendar", "ruleset_not_in_force", "ruleset_effective_date_uncertain"}


ORIGINAL = rulesets_dir()


def decide(root: Path | None = None) -> yingsu.Decision:
    """The example decided under the rulesets of `root` (default: whatever is in use)."""
    if root is None:
        return yingsu.evaluate(yingsu.load_case(EXAMPLE))
    saved = os.environ.get("YINGSU_RULESETS")
    os.environ["YINGSU_RULESETS"] = str(root)
    clear_cache()
    try:
        return yingsu.evaluate(yingsu.load_case(EXAMPLE))
    finally:
        if saved is None:
            os.environ.pop("YINGSU_RULESETS")
        else:
            os.environ["YINGSU_RULESETS"] = saved
        clear_cache()


@pytest.fixture
def copied(tmp_path, monkeypatch):
    """A copy of the installed rulesets, in use through YINGSU_RULESETS."""
    target = tmp_path / "rulesets"
    shutil.copytree(rulesets_dir(), target)
    monkeypatch.setenv("YINGSU_RULESETS", str(target))
    clear_cache()
    yield target
    monkeypatch.delenv("YINGSU_RULESETS", raising=False)
    clear_cache()


def change_one_character(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(old) == len(new) == 1 and old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_decision_names_the_version_rulesets_and_calendar_that_produced_it():
    p = decide().provenance
    assert p.yingsu == yingsu.__version__
    assert p.ruleset.id == "xianzhou" and p.ruleset.files == ["rules.yaml", "ordinance.txt"]
    assert p.base.id == "national" and p.base.files == ["rules.yaml", "statutes.txt"]
    assert all(len(h) == 64 for h in (p.ruleset.sha256, p.base.sha256, p.calendar.sha256))
    import holidays

    assert p.calendar.holidays == holidays.__version__


def test_the_hash_is_of_the_content_not_the_place(copied):
    assert decide().provenance == decide(ORIGINAL).provenance


def test_one_changed_character_of_a_rules_note_changes_the_ruleset_hash_only(copied):
    before = decide()
    change_one_character(copied / "xianzhou" / "rules.yaml", "该", "此")  # in a note: nothing else changes
    clear_cache()
    after = decide()
    assert after.provenance.ruleset.sha256 != before.provenance.ruleset.sha256
    assert after.provenance.base == before.provenance.base and after.provenance.calendar == before.provenance.calendar
    plain = lambda d: d.model_dump(mode="json", exclude={"provenance", "undertaking", "appearance", "loss", "deadlines"})
    assert plain(after) == plain(before)  # the blocks that used to be all a reader had are identical


def test_one_changed_character_of_the_ordinance_text_changes_the_ruleset_hash(copied):
    before = decide().provenance
    change_one_character(copied / "xianzhou" / "ordinance.txt", "印", "发")  # the notice's title line
    clear_cache()
    after = decide().provenance
    assert after.ruleset.sha256 != before.ruleset.sha256 and after.base == before.base


def test_one_changed_character_of_the_statutes_changes_the_base_hash(copied):
    before = decide().provenance
    text = (copied / "national" / "statutes.txt").read_text(encoding="utf-8")
    (copied / "national" / "statutes.txt").write_text(text + "\n#", encoding="utf-8")
    clear_cache()
    after = decide().provenance
    assert after.base.sha256 != before.base.sha256 and after.ruleset == before.ruleset


def test_a_run_time_arrangement_file_changes_the_calendar_hash(tmp_path, monkeypatch):
    before = decide().provenance.calendar
    f = tmp_path / "2030.yaml"
    # a plausible year: its statutory holidays that fall on weekdays are all rest days
    rest = "2030-01-01, 2030-02-04, 2030-02-05, 2030-04-05, 2030-05-01, 2030-05-02, 2030-06-05, 2030-09-12, " \
           "2030-10-01, 2030-10-02, 2030-10-03"
    f.write_text(f"2030:\n  source: 测试用通知\n  rest_days: [{rest}]\n  working_days: []\n", encoding="utf-8")
    monkeypatch.setenv("YINGSU_ARRANGEMENTS", str(f))
    default_calendar.cache_clear()
    try:
        after = decide().provenance.calendar
    finally:
        monkeypatch.delenv("YINGSU_ARRANGEMENTS")
        default_calendar.cache_clear()
    assert after.sha256 != before.sha256 and str(f) in after.arrangements
    assert decide().provenance.calendar == before


def test_cli_json_carries_the_provenance(copied):
    change_one_character(copied / "xianzhou" / "rules.yaml", "该", "此")
    env = {**os.environ, "YINGSU_RULESETS": str(copied)}
    out = subprocess.run([sys.executable, "-m", "yingsu", "evaluate", str(EXAMPLE), "--json"], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["provenance"]["ruleset"]["sha256"] == decide().provenance.ruleset.sha256
    assert json.loads(out)["provenance"]["ruleset"]["sha256"] != decide(ORIGINAL).provenance.ruleset.sha256


def test_service_headers_follow_a_changed_ruleset(copied):
    change_one_character(copied / "xianzhou" / "rules.yaml", "该", "此")
    case = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    with running_server(env={"YINGSU_RULESETS": str(copied)}) as url:
        r = httpx.post(url + "/v1/evaluate", json=case, timeout=60)
    clear_cache()
    changed = r.json()["provenance"]["ruleset"]["sha256"]
    assert r.headers["yingsu-ruleset"] == f"xianzhou=sha256:{changed}"
    assert changed == decide().provenance.ruleset.sha256 != decide(ORIGINAL).provenance.ruleset.sha256


@pytest.mark.parametrize("scenario", sorted((ROOT / "examples" / "scenarios").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_warning_has_a_stable_code_beside_its_text(scenario):
    case = yingsu.load_case(scenario)
    for city in yingsu.rulesets.available_cities():
        d = yingsu.evaluate(case.model_copy(update={"city": City(city)}), today=date(2026, 11, 23))
        assert [w.text for w in d.warning_details] == d.warnings
        assert {w.code for w in d.warning_details} <= WARNING_CODES
