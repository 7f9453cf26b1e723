"""The working-day calendar against an independent source: the `chinesecalendar` package.

yingsu's calendar (yingsu.calendar: the `holidays` package plus the package's
official_arrangements.yaml) and chinesecalendar (`chinese_calendar.is_workday`) are compared
on every day from 2004-01-01 to 2026-12-31 (chinesecalendar 1.11 covers 2004–2026). Every
day they disagree on is listed below with the State Council notice (国务院办公厅关于××××年
部分节假日安排的通知) that settles it. The test asserts that

- the listed days are exactly the days they disagree on (a new disagreement fails), and
- on every listed day chinesecalendar is the one that is wrong: where yingsu was wrong, the
  fix goes into src/yingsu/data/official_arrangements.yaml (package data), not into code.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from yingsu.calendar import ARRANGEMENTS_ENV, default_calendar, set_default_calendar

if os.environ.get("CI"):
    import chinese_calendar  # in CI the test extras are installed: a missing package is a failure
else:
    chinese_calendar = pytest.importorskip("chinese_calendar", reason='pip install ".[test]" (chinesecalendar)')

FIRST, LAST = date(2004, 1, 1), date(2026, 12, 31)


@dataclass(frozen=True)
class Disagreement:
    working: bool  # what the notice makes the day: True = 上班 (working day), False = 休息
    notice: str  # the notice that settles it, with its document number
    reason: str


KNOWN: dict[date, Disagreement] = {
    # chinesecalendar is wrong. The 2006 notice moved New Year's weekend: “一、元旦：1月1日—3日
    # 放假，共3天。其中1月1日为法定假日，将12月31日（星期六）、1月1日（星期日）两个公休日调至
    # 1月2日（星期一）、3日（星期二），12月31日（星期六）上班。” Saturday 2005-12-31 was therefore
    # a make-up working day. chinesecalendar has the rest days 2006-01-02/03 but files the
    # make-up day under neither year (its 2005 data come from the 2005 notice only); yingsu
    # (holidays: `(JAN, 3, DEC, 31, 2005)`) has it. Certain: the notice's text is explicit.
    date(2005, 12, 31): Disagreement(
        working=True,
        notice="国务院办公厅关于2006年部分节假日安排的通知（国办发明电〔2005〕35号）",
        reason="12月31日（星期六）上班",
    ),
}


@pytest.fixture(scope="module")
def yingsu_calendar():
    """The default calendar as shipped: holidays + official_arrangements.yaml, no deployment files."""
    saved = os.environ.pop(ARRANGEMENTS_ENV, None)
    set_default_calendar(None)
    try:
        yield default_calendar()
    finally:
        if saved is not None:
            os.environ[ARRANGEMENTS_ENV] = saved
        set_default_calendar(None)


def every_day():
    d = FIRST
    while d <= LAST:
        yield d
        d += timedelta(days=1)


def test_chinesecalendar_covers_2004_to_2026():
    # the comparison's range is what the installed chinesecalendar covers; it must reach 2026
    assert isinstance(chinese_calendar.is_workday(FIRST), bool)
    assert isinstance(chinese_calendar.is_workday(LAST), bool)
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(FIRST - timedelta(days=1))


def test_every_day_2004_to_2026_agrees_but_for_the_listed_days(yingsu_calendar):
    compared = 0
    disagreements: dict[date, tuple[bool, bool]] = {}
    for d in every_day():
        compared += 1
        ours, theirs = yingsu_calendar.is_working_day(d), chinese_calendar.is_workday(d)
        if ours != theirs:
            disagreements[d] = (ours, theirs)
    assert compared == (LAST - FIRST).days + 1 == 8401
    new = {d.isoformat(): f"yingsu {'work' if o else 'rest'}, chinesecalendar {'work' if t else 'rest'}"
           for d, (o, t) in disagreements.items() if d not in KNOWN}
    gone = sorted(d.isoformat() for d in KNOWN if d not in disagreements)
    assert not new, f"new disagreements: settle each from its notice and list it in KNOWN: {new}"
    assert not gone, f"listed days no longer disagree (remove them from KNOWN): {gone}"


@pytest.mark.parametrize("day", sorted(KNOWN), ids=[d.isoformat() for d in sorted(KNOWN)])
def test_on_every_listed_day_yingsu_follows_the_notice(day, yingsu_calendar):
    known = KNOWN[day]
    assert yingsu_calendar.is_working_day(day) is known.working, known.notice
    assert chinese_calendar.is_workday(day) is not known.working
    assert "国办发明电〔" in known.notice


def test_the_2006_new_year_block_around_the_listed_day(yingsu_calendar):
    # 2006-01-01..03 rest (both sources), 2005-12-31 Saturday 上班 (the notice; yingsu only)
    for d in (date(2006, 1, 1), date(2006, 1, 2), date(2006, 1, 3)):
        assert not yingsu_calendar.is_working_day(d) and not chinese_calendar.is_workday(d)
    assert date(2005, 12, 31).weekday() == 5 and yingsu_calendar.is_working_day(date(2005, 12, 31))


def test_the_compared_years_are_official_in_yingsu(yingsu_calendar):
    # every compared year has an official arrangement, so no compared day is provisional
    assert all(yingsu_calendar.is_official(y) for y in range(FIRST.year, LAST.year + 1))
