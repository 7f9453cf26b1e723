"""Arrangement files (节假日安排文件) that cannot be true are refused; a file that replaces a
year the package has must say so, and so must every Decision it touches; the files are read
with the bounded reader (no hang, no RecursionError); the index covers the years asked."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

import yingsu
from yingsu.calendar import ARRANGEMENTS_ENV, WorkingCalendar, load_arrangements, set_default_calendar, statutory_holidays
from yingsu.errors import RulesetError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "xianzhou-government-sued.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "arr.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def iso(days) -> str:
    return "[" + ", ".join(d.isoformat() for d in sorted(days)) + "]"


def weekday_statutory(year: int) -> set[date]:
    return {d for d in statutory_holidays(year) if d.weekday() < 5}


def refused(tmp_path, text: str, words: str, known=None) -> RulesetError:
    path = write(tmp_path, text)
    with pytest.raises(RulesetError) as e:
        load_arrangements(path, known)
    assert words in str(e.value), str(e.value)
    assert e.value.file == str(path) and e.value.line is not None
    return e.value


def test_statutory_holidays_of_2027_by_the_2025_rules():
    assert len(statutory_holidays(2027)) == 13  # 元旦1 春节4 清明1 劳动2 端午1 中秋1 国庆3
    assert date(2027, 2, 5) in statutory_holidays(2027)  # 除夕 (since 2025)


def test_every_day_of_a_year_a_rest_day_is_refused(tmp_path):
    every = [date(2027, 1, 1) + timedelta(i) for i in range(365)]
    refused(tmp_path, f"2027:\n  source: x\n  rest_days: {iso(every)}\n", "meaningless")


def test_every_weekday_a_rest_day_is_refused(tmp_path):
    weekdays = [d for d in (date(2027, 1, 1) + timedelta(i) for i in range(365)) if d.weekday() < 5]
    refused(tmp_path, f"2027:\n  source: x\n  rest_days: {iso(weekdays)}\n", "调休 rest days besides")


def test_a_rest_day_on_a_saturday_that_is_no_holiday_is_refused(tmp_path):
    rest = weekday_statutory(2027) | {date(2027, 3, 6)}
    err = refused(tmp_path, f"2027:\n  source: x\n  rest_days:\n" + "".join(f"    - {d}\n" for d in sorted(rest)),
                  "2027-03-06 is a Saturday")
    assert err.line == 4 + sorted(rest).index(date(2027, 3, 6))


def test_a_statutory_holiday_left_out_is_refused(tmp_path):
    rest = weekday_statutory(2027) - {date(2027, 10, 1)}
    refused(tmp_path, f"2027:\n  source: x\n  rest_days: {iso(rest)}\n", "statutory holidays 2027-10-01")


def test_too_many_make_up_days_are_refused(tmp_path):
    weekends = [d for d in (date(2027, 3, 1) + timedelta(i) for i in range(120)) if d.weekday() >= 5][:16]
    refused(tmp_path, f"2027:\n  source: x\n  rest_days: {iso(weekday_statutory(2027))}\n  working_days: {iso(weekends)}\n",
            "16 make-up working days")


def test_a_plausible_year_loads():
    arr = load_arrangements(ROOT / "src" / "yingsu" / "data" / "official_arrangements.yaml")
    assert isinstance(arr, dict)


def test_a_file_may_not_silently_replace_a_year_the_package_has(tmp_path):
    # the review's case: a 2026 file listing only 01-01 replaced the Spring Festival
    refused(tmp_path, "2026:\n  source: x\n  rest_days: [2026-01-01]\n", "replaces_official: true")


def test_replaces_official_needs_a_reason(tmp_path):
    text = f"2026:\n  source: x\n  replaces_official: true\n  rest_days: {iso(weekday_statutory(2026))}\n"
    refused(tmp_path, text, "needs a 'reason:'")


def test_replaces_official_only_for_a_year_the_package_has(tmp_path):
    text = f"2027:\n  source: x\n  replaces_official: true\n  reason: r\n  rest_days: {iso(weekday_statutory(2027))}\n"
    refused(tmp_path, text, "no official data for 2027")


REPLACING_2026 = (
    "2026:\n  source: 部署方更正 (test)\n  replaces_official: true\n  reason: 测试：更正官方数据\n"
    f"  rest_days: {iso(weekday_statutory(2026))}\n"
)


def test_a_declared_replacement_loads_and_every_decision_it_touches_says_so(tmp_path, monkeypatch):
    path = write(tmp_path, REPLACING_2026)
    arr = load_arrangements(path)
    assert arr[2026].replaces_official and arr[2026].reason == "测试：更正官方数据"
    monkeypatch.setenv(ARRANGEMENTS_ENV, str(path))
    set_default_calendar(None)
    try:
        cal = yingsu.calendar.default_calendar()
        assert cal.replaced_years == (2026,)
        assert cal.is_working_day(date(2026, 2, 20))  # the file's days, not holidays' Spring Festival block
        decision = yingsu.evaluate(yingsu.load_case(EXAMPLE))
        notes = [w for w in decision.warnings if "替换官方数据" in w]
        assert notes and all("测试：更正官方数据" in w for w in notes)
        assert len(notes) == len([d for d in decision.deadlines if d.start_date.year == 2026 or d.due.year == 2026])
        untouched = yingsu.evaluate(yingsu.Case.model_validate(
            {"city": "xianzhou", "defendant": {"kind": "government"}, "events": {"served": "2024-03-01"}}))
        assert not [w for w in untouched.warnings if "替换官方数据" in w]
    finally:
        monkeypatch.delenv(ARRANGEMENTS_ENV)
        set_default_calendar(None)


def test_a_program_that_replaces_a_holidays_year_is_marked_too():
    from yingsu.calendar import Arrangement

    cal = WorkingCalendar({2026: Arrangement(2026, frozenset({date(2026, 3, 2)}), frozenset(), "test")})
    assert cal.replaced_years == (2026,)
    assert cal.replaced_years_between(date(2025, 12, 1), date(2026, 1, 5)) == (2026,)


# --- the bounded reader ------------------------------------------------------------------


def evaluate_with(arrangements: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           ARRANGEMENTS_ENV: arrangements, "YINGSU_CACHE_DIR": "off"}
    return subprocess.run([sys.executable, "-m", "yingsu", "evaluate", str(EXAMPLE)], capture_output=True,
                          timeout=timeout, cwd=ROOT, env=env)


def one_line(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err and err.count("\n") == 1, err
    return err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_refused_unread():
    assert "not a regular file" in one_line(evaluate_with("/dev/zero"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "arr.fifo"
    os.mkfifo(fifo)
    assert "FIFO" in one_line(evaluate_with(str(fifo), timeout=30))


def test_a_directory_is_refused(tmp_path):
    assert "directory" in one_line(evaluate_with(str(tmp_path)))


def test_a_file_nested_5000_deep_is_an_error_not_a_recursion(tmp_path):
    path = write(tmp_path, "2027: " + "[" * 5000 + "]" * 5000 + "\n")
    err = one_line(evaluate_with(str(path)))
    assert str(path) in err and "nested more than" in err


def test_a_huge_file_is_refused(tmp_path):
    path = write(tmp_path, "# " + "x" * (2 * 1024 * 1024) + "\n{}\n")
    assert "over the limit" in one_line(evaluate_with(str(path)))


# --- the index is built for the years asked ----------------------------------------------


def test_the_first_query_indexes_only_the_years_around_it():
    cal = WorkingCalendar()
    assert cal.indexed_years is None
    cal.is_working_day(date(2026, 3, 2))
    first, last = cal.indexed_years
    assert 2024 <= first <= 2026 <= last <= 2028  # not 1990–2060
    assert cal.working_day_after(date(2026, 2, 13), 2) == date(2026, 2, 24)
    cal.is_working_day(date(2040, 1, 2))  # grows on demand
    assert cal.indexed_years[1] >= 2040
