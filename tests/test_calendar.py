"""The working-day calendar (工作日历): 2026's published 调休, arrangement files, the index."""
from __future__ import annotations

import functools
import os
import time
from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yingsu.calendar import (
    ARRANGEMENTS_ENV,
    Arrangement,
    WorkingCalendar,
    default_calendar,
    load_arrangements,
    set_default_calendar,
)
from yingsu.errors import CalendarError, RulesetError

CAL = WorkingCalendar()


@pytest.fixture
def fresh_default():
    """Forget the cached default calendar before and after the test."""
    set_default_calendar(None)
    yield
    set_default_calendar(None)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(i) for i in range((last - first).days + 1)]


# -- 2026, from the State Council's notice (国办发明电〔2025〕7号) ----------------------


def test_2026_spring_festival_rest_days_are_not_working_days():
    for d in [*days(date(2026, 2, 16), date(2026, 2, 20)), date(2026, 2, 23)]:
        assert not CAL.is_working_day(d), d
    # the Sunday and weekend inside the block are rest days too
    for d in (date(2026, 2, 15), date(2026, 2, 21), date(2026, 2, 22)):
        assert not CAL.is_working_day(d), d


def test_2026_spring_festival_make_up_saturdays_are_working_days():
    assert date(2026, 2, 14).weekday() == 5 and date(2026, 2, 28).weekday() == 5
    assert CAL.is_working_day(date(2026, 2, 14))
    assert CAL.is_working_day(date(2026, 2, 28))


def test_2026_national_day_rest_and_make_up_days():
    for d in days(date(2026, 10, 1), date(2026, 10, 7)):
        assert not CAL.is_working_day(d), d
    assert date(2026, 10, 10).weekday() == 5 and CAL.is_working_day(date(2026, 10, 10))
    assert date(2026, 9, 20).weekday() == 6 and CAL.is_working_day(date(2026, 9, 20))
    assert CAL.is_working_day(date(2026, 10, 8))


def test_ordinary_weekend_and_weekday():
    assert not CAL.is_working_day(date(2026, 3, 7))  # Saturday
    assert not CAL.is_working_day(date(2026, 3, 8))  # Sunday
    assert CAL.is_working_day(date(2026, 3, 9))  # Monday


def test_offsets_step_over_the_spring_festival_and_use_make_up_saturdays():
    fri = date(2026, 2, 13)
    assert CAL.working_day_after(fri, 1) == date(2026, 2, 14)  # 调休上班 Saturday
    assert CAL.working_day_after(fri, 2) == date(2026, 2, 24)
    assert CAL.working_day_before(date(2026, 2, 24), 1) == date(2026, 2, 14)
    assert CAL.working_day_before(date(2026, 2, 24), 2) == fri
    assert CAL.next_working_day_on_or_after(date(2026, 2, 15)) == date(2026, 2, 24)
    assert CAL.next_working_day_on_or_after(date(2026, 2, 24)) == date(2026, 2, 24)
    assert CAL.previous_working_day_on_or_before(date(2026, 2, 23)) == date(2026, 2, 14)
    assert CAL.previous_working_day_on_or_before(date(2026, 2, 13)) == fri


def test_offsets_reject_a_count_below_one():
    with pytest.raises(CalendarError):
        CAL.working_day_after(date(2026, 1, 5), 0)
    with pytest.raises(CalendarError):
        CAL.working_day_before(date(2026, 1, 5), -1)
    with pytest.raises(CalendarError):
        CAL.working_day_after(date(2026, 1, 5), True)


def test_non_date_is_refused():
    with pytest.raises(CalendarError):
        CAL.is_working_day("2026-01-05")


# -- official and provisional years -----------------------------------------------------


def test_official_years_are_those_holidays_carries_and_2027_is_provisional():
    assert CAL.is_official(2026)
    assert CAL.is_official(2001)
    assert not CAL.is_official(2027)
    assert not CAL.is_official(2000)
    assert CAL.official_years == tuple(range(2001, 2027))


def test_provisional_years_of_a_span_in_either_order():
    assert CAL.provisional_years(date(2026, 12, 1), date(2027, 1, 20)) == (2027,)
    assert CAL.provisional_years(date(2027, 1, 20), date(2026, 12, 1)) == (2027,)
    assert CAL.provisional_years(date(2026, 1, 1), date(2026, 12, 31)) == ()
    assert CAL.provisional_years(date(1999, 6, 1), date(2001, 6, 1)) == (1999, 2000)


def test_source_names_the_holidays_version():
    assert CAL.source == f"holidays {holidays.__version__}"


def test_provisional_year_uses_holidays_statutory_rules_as_is():
    # 2027 New Year's Day (a Friday) comes from the statutory rules.
    assert not CAL.is_working_day(date(2027, 1, 1))
    assert CAL.is_working_day(date(2027, 1, 4))


# -- arrangement files (节假日安排) ----------------------------------------------------

VALID_2027 = """\
# test data, not a real notice: every statutory holiday on a weekday, 7 调休 rest days, 2 make-up days
2027:
  source: 测试用安排 (not a real notice)
  rest_days: [2027-01-01, 2027-02-05, 2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11, 2027-02-12,
              2027-04-05, 2027-06-09, 2027-09-15, 2027-10-01, 2027-10-04, 2027-10-05]
  working_days: [2027-02-20, 2027-02-21]
"""


def write(tmp_path, text: str, name: str = "arr.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loading_a_valid_file_makes_2027_official_and_replaces_its_days(tmp_path):
    path = write(tmp_path, VALID_2027)
    arr = load_arrangements(path)
    assert set(arr) == {2027}
    assert arr[2027].working_days == frozenset({date(2027, 2, 20), date(2027, 2, 21)})
    assert arr[2027].source == "测试用安排 (not a real notice)"

    before = WorkingCalendar()
    cal = WorkingCalendar(arr, label="arr.yaml")
    assert not before.is_official(2027) and cal.is_official(2027)
    assert 2027 in cal.official_years
    assert cal.source == f"holidays {holidays.__version__} + arr.yaml"
    assert cal.provisional_years(date(2026, 12, 1), date(2027, 3, 1)) == ()

    sat = date(2027, 2, 20)
    assert sat.weekday() == 5
    assert not before.is_working_day(sat) and cal.is_working_day(sat)
    assert before.is_working_day(date(2027, 2, 12)) and not cal.is_working_day(date(2027, 2, 12))
    # The arrangement REPLACES holidays' data: 05-03 (holidays' observed Labour Day), not listed, is a working day.
    assert not before.is_working_day(date(2027, 5, 3)) and cal.is_working_day(date(2027, 5, 3))
    # Other years are untouched.
    assert not cal.is_working_day(date(2026, 2, 16))
    # 02-05 and 02-08..12 listed, 02-06/07 and 02-13/14 a weekend: the first after 02-04 is 02-15
    assert cal.working_day_after(date(2027, 2, 4), 1) == date(2027, 2, 15)
    assert cal.working_day_after(date(2027, 2, 4), 2) == date(2027, 2, 16)
    assert cal.working_day_after(date(2027, 2, 19), 1) == sat


def test_an_arrangement_can_override_a_year_holidays_carries():
    arr = Arrangement(2026, frozenset({date(2026, 3, 2)}), frozenset(), "test override")
    cal = WorkingCalendar({2026: arr})
    assert not cal.is_working_day(date(2026, 3, 2))
    assert cal.is_working_day(date(2026, 2, 16))  # holidays' Spring Festival replaced
    assert not cal.is_working_day(date(2026, 2, 14))  # and its make-up Saturday with it


def test_arrangement_dataclass_validates_itself():
    with pytest.raises(CalendarError, match="2026-12-31"):
        Arrangement(2027, frozenset({date(2026, 12, 31)}), frozenset(), "x")
    with pytest.raises(CalendarError, match="weekday"):
        Arrangement(2027, frozenset(), frozenset({date(2027, 2, 22)}), "x")
    with pytest.raises(CalendarError, match="both"):
        Arrangement(2027, frozenset({date(2027, 2, 20)}), frozenset({date(2027, 2, 20)}), "x")
    with pytest.raises(CalendarError):
        WorkingCalendar({2028: Arrangement(2027, frozenset(), frozenset(), "x")})


def test_empty_files_hold_no_arrangements(tmp_path):
    assert load_arrangements(write(tmp_path, "# nothing yet\n{}\n")) == {}
    assert load_arrangements(write(tmp_path, "# nothing at all\n", "b.yaml")) == {}


def test_the_package_data_file_loads():
    from importlib import resources

    res = resources.files("yingsu") / "data" / "official_arrangements.yaml"
    assert res.is_file()
    from yingsu.calendar import parse_arrangements

    assert isinstance(parse_arrangements(res.read_text(encoding="utf-8"), "pkg"), dict)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param(
            "2027:\n  source: x\n  rest_days:\n    - 2027-01-01\n    - 2026-12-31\n",
            5,
            "not in 2027",
            id="date-outside-its-year",
        ),
        pytest.param(
            "2027:\n  source: x\n  rest_days: [2027-01-01]\n  working_days:\n    - 2027-02-20\n    - 2027-02-22\n",
            6,
            "Monday",
            id="working-day-on-a-weekday",
        ),
        pytest.param(
            "2027:\n  source: x\n  rest_days: [2027-02-20]\n  working_days:\n    - 2027-02-20\n",
            5,
            "both a rest day and a working day",
            id="overlap",
        ),
        pytest.param(
            "2027:\n  source: x\n  rest_days: [2027-01-01]\n  holidays: [2027-01-02]\n",
            4,
            "unknown key 'holidays'",
            id="unknown-key",
        ),
        pytest.param(
            "# header\n2027:\n  rest_days: [2027-01-01]\n",
            2,
            "missing required key 'source'",
            id="missing-source",
        ),
        pytest.param(
            "2027:\n  source: x\n  rest_days: [2027-01-01, 2027-02-05, 2027-02-08, 2027-04-05, 2027-06-09, 2027-09-15, 2027-10-01]\n1949:\n  source: x\n  rest_days: [1949-01-01]\n",
            4,
            "outside",
            id="year-out-of-range",
        ),
        pytest.param(
            "'2027':\n  source: x\n  rest_days: [2027-01-01]\n",
            1,
            "integer",
            id="year-as-text",
        ),
        pytest.param(
            "2027:\n  source: x\n  rest_days: [2027-01-01, 2027-02-05, 2027-02-08, 2027-04-05, 2027-06-09, 2027-09-15, 2027-10-01]\n2027:\n  source: y\n  rest_days: [2027-01-01]\n",
            4,
            "twice",
            id="duplicate-year",
        ),
        pytest.param(
            "2027:\n  source: x\n  rest_days: [2027-02-30]\n",
            3,
            "",
            id="impossible-date",
        ),
        pytest.param(
            "2027:\n  source: x\n  rest_days: [2027-01-01]\n  working_days: [2027-02-20, 2027-02-20]\n",
            4,
            "twice",
            id="duplicate-day",
        ),
        pytest.param(
            "2027:\n  source: x\n  rest_days: [2027-01-01\n",
            None,
            "invalid YAML",
            id="broken-yaml",
        ),
        pytest.param(
            "2027:\n  source: &s x\n  rest_days: [2027-01-01]\n2028:\n  source: *s\n  rest_days: [2028-01-01]\n",
            None,
            "aliases",
            id="alias",
        ),
    ],
)
def test_bad_arrangement_files_name_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    with pytest.raises(RulesetError) as info:
        load_arrangements(path)
    err = info.value
    assert err.file == str(path)
    if line is not None:
        assert err.line == line
        assert f"{path}:{line}" in str(err)
    else:
        assert err.line is not None
    assert words in str(err)


def test_a_python_tag_is_refused_and_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f'2027: !!python/object/apply:os.system ["echo pwned > {marker}"]\n'
    path = write(tmp_path, text)
    with pytest.raises(RulesetError) as info:
        load_arrangements(path)
    assert info.value.file == str(path)
    assert info.value.line == 1
    assert "python/object/apply" in str(info.value)
    assert not marker.exists()


def test_a_missing_file_is_a_ruleset_error_naming_it(tmp_path):
    with pytest.raises(RulesetError) as info:
        load_arrangements(tmp_path / "nope.yaml")
    assert "nope.yaml" in str(info.value)


# -- the default calendar ---------------------------------------------------------------


def test_default_calendar_is_cached_and_holidays_based(fresh_default, monkeypatch):
    monkeypatch.delenv(ARRANGEMENTS_ENV, raising=False)
    assert default_calendar() is default_calendar()
    assert default_calendar().is_official(2026)
    assert not default_calendar().is_official(2027)


def test_default_calendar_honours_the_environment_variable(fresh_default, monkeypatch, tmp_path):
    path = write(tmp_path, VALID_2027)
    other = write(tmp_path, "{}\n", "empty.yaml")
    monkeypatch.setenv(ARRANGEMENTS_ENV, f"{other}{os.pathsep}{path}")
    default_calendar.cache_clear()
    cal = default_calendar()
    assert cal.is_official(2027)
    assert cal.is_working_day(date(2027, 2, 20))
    assert str(path) in cal.source and cal.source.startswith(f"holidays {holidays.__version__} + ")


def test_default_calendar_reports_a_bad_environment_file(fresh_default, monkeypatch, tmp_path):
    monkeypatch.setenv(ARRANGEMENTS_ENV, str(tmp_path / "missing.yaml"))
    default_calendar.cache_clear()
    with pytest.raises(RulesetError, match="missing.yaml"):
        default_calendar()


def test_set_default_calendar_overrides_and_resets(fresh_default):
    mine = WorkingCalendar()
    set_default_calendar(mine)
    assert default_calendar() is mine
    set_default_calendar(None)
    assert default_calendar() is not mine


# -- the index --------------------------------------------------------------------------


def test_a_query_far_outside_the_initial_span_works():
    cal = WorkingCalendar()
    d = date(2150, 6, 1)
    nxt = cal.working_day_after(d, 1)
    assert nxt > d and nxt.weekday() < 5
    assert cal.working_day_before(nxt, 1) == cal.previous_working_day_on_or_before(d)
    assert cal.is_working_day(date(1951, 3, 1)) == (date(1951, 3, 1).weekday() < 5)
    # and the nearer years still answer the same after the index grew both ways
    assert cal.working_day_after(date(2026, 2, 13), 2) == date(2026, 2, 24)


def test_a_date_before_1950_raises_naming_the_date():
    with pytest.raises(CalendarError, match="1949-12-31"):
        WorkingCalendar().is_working_day(date(1949, 12, 31))
    with pytest.raises(CalendarError, match="2200-01-01"):
        WorkingCalendar().working_day_after(date(2200, 1, 1), 1)


def test_offsets_that_leave_the_calendar_raise():
    with pytest.raises(CalendarError, match="1950-01-03"):
        CAL.working_day_before(date(1950, 1, 3), 5)
    with pytest.raises(CalendarError, match="2199-12-20"):
        CAL.working_day_after(date(2199, 12, 20), 50)


def test_a_large_offset_grows_the_index_far_enough():
    cal = WorkingCalendar()
    d = cal.working_day_after(date(2026, 1, 1), 20000)  # ~80 years of working days
    assert d.year > 2100
    assert cal.working_day_before(d, 20000) == cal.previous_working_day_on_or_before(date(2026, 1, 1))


def test_offsets_come_from_an_index_not_a_day_by_day_walk():
    cal = WorkingCalendar()
    cal.is_working_day(date(2026, 1, 1))  # build the index
    start = date(1995, 1, 1).toordinal()
    t0 = time.perf_counter()
    for i in range(20000):
        d = date.fromordinal(start + (i * 37) % 20000)
        cal.working_day_after(d, 2000)
        cal.working_day_before(d, 2000)
    # a day-by-day walk would need ~2e8 steps here; the index needs 4e4 lookups
    assert time.perf_counter() - t0 < 2.0


# -- properties ---------------------------------------------------------------------------

DATES = st.dates(min_value=date(1995, 1, 1), max_value=date(2040, 12, 31))


@settings(max_examples=300, deadline=None)
@given(d=DATES, n=st.integers(1, 400))
def test_working_day_after_is_a_working_day_strictly_after(d, n):
    w = CAL.working_day_after(d, n)
    assert w > d and CAL.is_working_day(w)
    b = CAL.working_day_before(d, n)
    assert b < d and CAL.is_working_day(b)


@settings(max_examples=300, deadline=None)
@given(d=DATES, n=st.integers(1, 400))
def test_before_undoes_after(d, n):
    back = CAL.working_day_before(CAL.working_day_after(d, n), n)
    if CAL.is_working_day(d):
        assert back == d
    else:
        assert back == CAL.previous_working_day_on_or_before(d)


def _naive_after(d: date, n: int) -> date:
    while n:
        d += timedelta(1)
        n -= CAL.is_working_day(d)
    return d


def _naive_before(d: date, n: int) -> date:
    while n:
        d -= timedelta(1)
        n -= CAL.is_working_day(d)
    return d


@settings(max_examples=300, deadline=None)
@given(d=st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 12, 31)), n=st.integers(1, 40))
def test_index_agrees_with_a_naive_day_by_day_loop(d, n):
    assert CAL.working_day_after(d, n) == _naive_after(d, n)
    assert CAL.working_day_before(d, n) == _naive_before(d, n)


@functools.cache
def _china(year: int) -> holidays.HolidayBase:
    return holidays.China(years=year)


@settings(max_examples=300, deadline=None)
@given(d=st.dates(min_value=date(2001, 1, 1), max_value=date(2026, 12, 31)))
def test_official_years_match_holidays_directly(d):
    """Independent of the index: weekday and not a holiday, or a 调休 make-up weekend day."""
    china = _china(d.year)
    expected = (d.weekday() < 5 and d not in china) or d in china.weekend_workdays
    assert CAL.is_working_day(d) == expected
