"""Counting periods (期间计算) on the working-day calendar (工作日历).

The six counting rules of the contract:

- ``calendar_days``: the start day is not counted (期间开始的日不计算在期间内); due = start + n;
  a due day that is not a working day moves to the next working day (期间届满的最后一日是
  法定休假日的，以法定休假日后的第一日为期间届满的日期 — 民事诉讼法 on 期间, applied by
  行政诉讼法 第一百零一条).
- ``working_days``: the n-th working day (工作日) after the start day.
- ``months``: the same day n months later (the month's last day where there is none), then
  as ``calendar_days``.
- ``days_before``: anchor − n days; a non-working day moves to the previous working day.
- ``working_days_before``: the n-th working day before the anchor.
- ``fixed``: a date of the year (periodic duties, e.g. an annual report); not moved —
  see `fixed_date`.

An amount of 0 means the start (or anchor) itself, moved like the rule's result would be:
forward for ``calendar_days``, ``months`` and ``working_days``, backward for ``days_before``
and ``working_days_before``.

Each result carries the years it crossed that lack an official 调休 arrangement
(`Count.provisional_years`): such a deadline may move once the State Council publishes that
year's arrangement. Every count is O(1) once the calendar's index covers the years.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from yingsu.calendar import MAX_YEAR, MIN_YEAR, WorkingCalendar, default_calendar
from yingsu.errors import CalendarError

__all__ = ["Count", "CountingRule", "count", "fixed_date"]


class CountingRule(StrEnum):
    """计算规则: how a deadline is counted from its start (or back from its anchor)."""

    calendar_days = "calendar_days"  # 日（自然日），届满日遇休息日顺延
    working_days = "working_days"  # 工作日
    months = "months"  # 月，届满日遇休息日顺延
    days_before = "days_before"  # 某日前 n 日，遇休息日提前
    working_days_before = "working_days_before"  # 某日前 n 个工作日
    fixed = "fixed"  # 每年固定日期，不顺延


@dataclass(frozen=True)
class Count:
    """A counted deadline (期限届满日) and the years without an official arrangement it crossed."""

    due: date
    provisional_years: tuple[int, ...] = ()
    replaced_years: tuple[int, ...] = ()  # years whose official data an arrangement file replaced

    @property
    def provisional(self) -> bool:
        """True when the counting crossed a year whose 调休 arrangement is not yet published."""
        return bool(self.provisional_years)


def count(
    rule: CountingRule | str,
    start: date,
    amount: int,
    calendar: WorkingCalendar | None = None,
) -> Count:
    """Count `amount` units from `start` by `rule` (any rule but ``fixed``).

    `start` is the start day for the forward rules and the anchor for the ``*_before`` rules.
    Raises CalendarError for an unknown rule, ``fixed``, a negative or non-integer amount, or
    dates outside the calendar.
    """
    try:
        rule = CountingRule(rule)
    except ValueError:
        raise CalendarError(
            f"unknown counting rule {rule!r} (one of: {', '.join(r.value for r in CountingRule)})"
        ) from None
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise CalendarError(f"{rule.value}: the amount must be an integer >= 0, got {amount!r}")
    cal = calendar if calendar is not None else default_calendar()

    if rule is CountingRule.calendar_days:
        due = cal.next_working_day_on_or_after(_shift(start, amount, rule))
    elif rule is CountingRule.months:
        due = cal.next_working_day_on_or_after(_add_months(start, amount))
    elif rule is CountingRule.working_days:
        due = cal.working_day_after(start, amount) if amount else cal.next_working_day_on_or_after(start)
    elif rule is CountingRule.days_before:
        due = cal.previous_working_day_on_or_before(_shift(start, -amount, rule))
    elif rule is CountingRule.working_days_before:
        due = (
            cal.working_day_before(start, amount)
            if amount
            else cal.previous_working_day_on_or_before(start)
        )
    else:
        raise CalendarError("the fixed rule names a date of the year; use fixed_date(year, month, day)")
    return Count(due, cal.provisional_years(start, due), cal.replaced_years_between(start, due))


def fixed_date(year: int, month: int, day: int, calendar: WorkingCalendar | None = None) -> Count:
    """A fixed date of the year (每年固定日期) for periodic duties; not moved even on a rest day.

    Provisional when `year` has no official arrangement (the date itself is certain, but
    whether it is a working day is not).
    """
    for name, value in (("year", year), ("month", month), ("day", day)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise CalendarError(f"fixed date: {name} must be an integer, got {value!r}")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarError(f"fixed date: year {year} is outside {MIN_YEAR}–{MAX_YEAR}")
    try:
        due = date(year, month, day)
    except ValueError as e:
        raise CalendarError(f"fixed date {year:04d}-{month:02d}-{day:02d} does not exist: {e}") from None
    cal = calendar if calendar is not None else default_calendar()
    return Count(due, cal.provisional_years(due, due))


def _shift(start: date, days: int, rule: CountingRule) -> date:
    try:
        return start + timedelta(days=days)
    except (OverflowError, TypeError) as e:
        raise CalendarError(f"{rule.value}: cannot count {days} days from {start!r}: {e}") from None


def _add_months(start: date, months: int) -> date:
    if not isinstance(start, date):
        raise CalendarError(f"expected a date, got {type(start).__name__} {start!r}")
    if months > (MAX_YEAR - MIN_YEAR + 1) * 12:
        raise CalendarError(f"months: {months} months from {start.isoformat()} leaves the calendar")
    # relativedelta keeps the day, or takes the month's last day where there is none.
    return start + relativedelta(months=months)
