"""The six counting rules (期间计算) on the 2026 calendar and its 调休 days.

2026 facts used below (国办发明电〔2025〕7号): Spring Festival rest 02-15..02-23, make-up
Saturdays 02-14 and 02-28; National Day rest 10-01..10-07, make-up Sunday 09-20 and
Saturday 10-10. 2027 has no official arrangement in holidays 0.109 (provisional).
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yingsu.calendar import Arrangement, WorkingCalendar, default_calendar, set_default_calendar
from yingsu.counting import Count, CountingRule, count, fixed_date
from yingsu.errors import CalendarError

CAL = WorkingCalendar()
R = CountingRule


def due(rule, start, amount, cal=CAL) -> date:
    return count(rule, start, amount, cal).due


def test_the_six_rules_are_named_as_in_the_contract():
    assert [r.value for r in CountingRule] == [
        "calendar_days",
        "working_days",
        "months",
        "days_before",
        "working_days_before",
        "fixed",
    ]


# -- calendar_days -------------------------------------------------------------------------


def test_calendar_days_due_on_a_working_day_is_not_moved():
    # 09-28 + 15 = 10-13, a Tuesday after the National Day break
    assert date(2026, 10, 13).weekday() == 1
    assert count(R.calendar_days, date(2026, 9, 28), 15, CAL) == Count(date(2026, 10, 13), ())


def test_calendar_days_due_in_the_national_day_holiday_moves_to_the_first_working_day():
    # 09-20 + 15 = 10-05, inside the 10-01..10-07 rest; 10-08 is the first working day
    assert due(R.calendar_days, date(2026, 9, 20), 15) == date(2026, 10, 8)


def test_calendar_days_due_on_a_make_up_saturday_stays():
    # 02-13 + 15 = 02-28, a Saturday made a working day
    assert due(R.calendar_days, date(2026, 2, 13), 15) == date(2026, 2, 28)


def test_calendar_days_due_on_an_ordinary_weekend_moves_to_monday():
    assert due(R.calendar_days, date(2026, 3, 2), 5) == date(2026, 3, 9)  # 03-07 is a Saturday


def test_calendar_days_start_day_is_not_counted():
    assert due(R.calendar_days, date(2026, 3, 2), 1) == date(2026, 3, 3)


# -- working_days --------------------------------------------------------------------------


def test_working_days_across_the_spring_festival_count_the_make_up_saturday():
    # after Fri 02-13: Sat 02-14 is a working day (1st); 02-15..02-23 rest; Tue 02-24 (2nd)
    assert due(R.working_days, date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert due(R.working_days, date(2026, 2, 13), 2) == date(2026, 2, 24)


def test_working_days_across_national_day():
    # after Mon 09-28: 09-29 (1), 09-30 (2), rest 10-01..07, 10-08 (3), 10-09 (4), Sat 10-10 (5)
    assert due(R.working_days, date(2026, 9, 28), 5) == date(2026, 10, 10)
    assert due(R.working_days, date(2026, 9, 28), 6) == date(2026, 10, 12)


# -- months --------------------------------------------------------------------------------


def test_months_to_a_missing_month_end_takes_the_last_day_and_a_make_up_saturday_stays():
    # 2025-08-31 + 6 months: no 02-31, so 02-28 (Sat, make-up working day) — not moved
    assert count(R.months, date(2025, 8, 31), 6, CAL) == Count(date(2026, 2, 28), ())


def test_months_to_a_missing_day_in_a_30_day_month():
    assert due(R.months, date(2026, 3, 31), 3) == date(2026, 6, 30)  # Tuesday


def test_months_clamped_to_a_sunday_moves_forward():
    # 03-31 + 2 months -> 05-31, a Sunday -> Mon 06-01
    assert date(2026, 5, 31).weekday() == 6
    assert due(R.months, date(2026, 3, 31), 2) == date(2026, 6, 1)


def test_months_into_national_day_moves_past_it():
    assert due(R.months, date(2026, 8, 1), 2) == date(2026, 10, 8)


def test_months_to_february_of_a_leap_year():
    assert due(R.months, date(2024, 1, 31), 1) == date(2024, 2, 29)  # Thursday


# -- days_before / working_days_before -----------------------------------------------------


def test_days_before_landing_on_a_weekend_moves_to_the_previous_working_day():
    # 03-22 - 15 = Sat 03-07 -> Fri 03-06
    assert due(R.days_before, date(2026, 3, 22), 15) == date(2026, 3, 6)


def test_days_before_landing_on_a_sunday_after_a_make_up_saturday():
    # 03-16 - 15 = Sun 03-01 -> Sat 02-28, which is a make-up working day
    assert due(R.days_before, date(2026, 3, 16), 15) == date(2026, 2, 28)


def test_days_before_landing_in_national_day_moves_before_it():
    # 10-20 - 15 = 10-05 (rest) -> 09-30
    assert due(R.days_before, date(2026, 10, 20), 15) == date(2026, 9, 30)


def test_working_days_before_across_national_day():
    # before Fri 10-09: 10-08 (1), rest 10-07..10-01, 09-30 (2), 09-29 (3)
    assert due(R.working_days_before, date(2026, 10, 9), 3) == date(2026, 9, 29)
    # before Mon 10-12: Sun 10-11 rest, Sat 10-10 working
    assert due(R.working_days_before, date(2026, 10, 12), 1) == date(2026, 10, 10)


def test_working_days_before_across_the_spring_festival():
    # before Wed 02-25: 02-24 (1), 02-23..02-15 rest, Sat 02-14 (2)
    assert due(R.working_days_before, date(2026, 2, 25), 2) == date(2026, 2, 14)


# -- amount 0 ------------------------------------------------------------------------------


def test_amount_zero_is_the_start_moved_in_the_rules_direction():
    holiday = date(2026, 10, 3)
    assert due(R.calendar_days, holiday, 0) == date(2026, 10, 8)
    assert due(R.months, holiday, 0) == date(2026, 10, 8)
    assert due(R.working_days, holiday, 0) == date(2026, 10, 8)
    assert due(R.days_before, holiday, 0) == date(2026, 9, 30)
    assert due(R.working_days_before, holiday, 0) == date(2026, 9, 30)
    workday = date(2026, 10, 9)
    for rule in (R.calendar_days, R.months, R.working_days, R.days_before, R.working_days_before):
        assert due(rule, workday, 0) == workday


# -- provisional years ----------------------------------------------------------------------


def test_a_deadline_in_2027_is_provisional():
    c = count(R.calendar_days, date(2027, 3, 1), 15, CAL)
    assert c.due == date(2027, 3, 16)
    assert c.provisional and c.provisional_years == (2027,)


def test_a_deadline_in_2026_is_not_provisional():
    c = count(R.working_days, date(2026, 3, 2), 10, CAL)
    assert not c.provisional and c.provisional_years == ()


def test_a_span_crossing_into_2027_is_provisional_for_2027_only():
    c = count(R.calendar_days, date(2026, 12, 20), 30, CAL)
    assert c.due == date(2027, 1, 19)
    assert c.provisional_years == (2027,)
    back = count(R.days_before, date(2027, 1, 10), 20, CAL)
    assert back.due == date(2026, 12, 21)
    assert back.provisional_years == (2027,)


def test_an_arrangement_for_2027_removes_the_provisional_mark():
    arr = Arrangement(2027, frozenset({date(2027, 1, 1)}), frozenset(), "test data")
    cal = WorkingCalendar({2027: arr})
    assert not count(R.calendar_days, date(2026, 12, 20), 30, cal).provisional


@pytest.fixture
def fresh_default():
    set_default_calendar(None)
    yield
    set_default_calendar(None)


def test_count_uses_the_default_calendar_when_none_is_given(fresh_default):
    arr = Arrangement(2027, frozenset({date(2027, 3, 16)}), frozenset(), "test data")
    set_default_calendar(WorkingCalendar({2027: arr}))
    c = count("calendar_days", date(2027, 3, 1), 15)
    assert c == Count(date(2027, 3, 17), ())
    set_default_calendar(None)
    assert count("calendar_days", date(2027, 3, 1), 15) == Count(date(2027, 3, 16), (2027,))
    assert default_calendar().is_official(2026)


# -- fixed ---------------------------------------------------------------------------------


def test_fixed_date_is_not_moved_even_on_a_holiday():
    assert fixed_date(2026, 10, 1, CAL) == Count(date(2026, 10, 1), ())


def test_fixed_date_in_a_year_without_arrangement_is_provisional():
    c = fixed_date(2027, 3, 31, CAL)
    assert c.due == date(2027, 3, 31) and c.provisional_years == (2027,)


def test_fixed_date_that_does_not_exist_is_refused():
    with pytest.raises(CalendarError, match="2026-02-30"):
        fixed_date(2026, 2, 30, CAL)
    with pytest.raises(CalendarError):
        fixed_date(1949, 1, 1, CAL)


def test_count_refuses_the_fixed_rule():
    with pytest.raises(CalendarError, match="fixed_date"):
        count(R.fixed, date(2026, 1, 1), 0, CAL)


# -- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", [-1, 1.5, True, "3", None])
def test_a_bad_amount_is_refused(amount):
    with pytest.raises(CalendarError):
        count(R.calendar_days, date(2026, 1, 5), amount, CAL)


def test_an_unknown_rule_is_refused():
    with pytest.raises(CalendarError, match="fortnights"):
        count("fortnights", date(2026, 1, 5), 1, CAL)


def test_a_count_leaving_the_calendar_is_refused():
    with pytest.raises(CalendarError):
        count(R.calendar_days, date(2199, 12, 1), 400, CAL)
    with pytest.raises(CalendarError):
        count(R.days_before, date(1950, 1, 5), 10, CAL)
    with pytest.raises(CalendarError):
        count(R.months, date(2026, 1, 1), 10**9, CAL)


def test_a_rule_given_as_text_counts_like_the_enum():
    assert count("working_days", date(2026, 2, 13), 2, CAL) == count(R.working_days, date(2026, 2, 13), 2, CAL)


# -- properties ------------------------------------------------------------------------------

STARTS = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))
RELATIVE = [R.calendar_days, R.working_days, R.months, R.days_before, R.working_days_before]


@settings(max_examples=300, deadline=None)
@given(start=STARTS, n=st.integers(0, 400))
def test_calendar_days_due_is_the_first_working_day_on_or_after_start_plus_n(start, n):
    d = due(R.calendar_days, start, n)
    assert d >= start + timedelta(n)
    assert CAL.is_working_day(d)
    day = start + timedelta(n)
    while day < d:  # everything skipped was a rest day
        assert not CAL.is_working_day(day)
        day += timedelta(1)


@settings(max_examples=300, deadline=None)
@given(start=STARTS, n=st.integers(0, 400))
def test_days_before_due_is_the_last_working_day_on_or_before_anchor_minus_n(start, n):
    d = due(R.days_before, start, n)
    assert d <= start - timedelta(n) and CAL.is_working_day(d)
    assert all(not CAL.is_working_day(d + timedelta(k)) for k in range(1, (start - timedelta(n) - d).days + 1))


@settings(max_examples=300, deadline=None)
@given(
    rule=st.sampled_from(RELATIVE),
    a=STARTS,
    gap=st.integers(0, 60),
    n=st.integers(0, 40),
)
def test_a_later_start_never_gives_an_earlier_due(rule, a, gap, n):
    b = a + timedelta(gap)
    assert due(rule, a, n) <= due(rule, b, n)


@settings(max_examples=300, deadline=None)
@given(rule=st.sampled_from(RELATIVE), start=STARTS, n=st.integers(0, 60))
def test_every_relative_count_lands_on_a_working_day_and_records_its_years(rule, start, n):
    c = count(rule, start, n, CAL)
    assert CAL.is_working_day(c.due)
    lo, hi = sorted((start, c.due))
    assert c.provisional_years == tuple(y for y in range(lo.year, hi.year + 1) if not CAL.is_official(y))
