"""Validity windows (施行期间) of every ruleset, tested at their exact boundaries.

- yanshi: from 2023-03-29 (自发布／印发之日起施行), no end;
- xinzhou: 2023-07-01 to 2028-06-30 (有效期5年, 第二十五条);
- xianzhou: published 2022-0X-0X with the same illegible digit for month and day (6—9):
  in force from 2022-06-06 at the earliest, certainly from 2022-09-09; in between it is in
  force with a warning that it may not yet have been;
- dezhou: from 2020-07-30 (自公布之日起施行), no end;
- zhongwei: 2022-07-17 to 2027-07-16.

`in_force` is judged on events.served, or on `today` when the case has no served date.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest

import yingsu

NOT_IN_FORCE = "本规定不在施行期间"
MAYBE_NOT_YET = "可能早于本规定施行之日"

WINDOWS = {
    "yanshi": (date(2023, 3, 29), None, None),
    "xinzhou": (date(2023, 7, 1), date(2028, 6, 30), None),
    "xianzhou": (date(2022, 6, 6), None, date(2022, 9, 9)),
    "dezhou": (date(2020, 7, 30), None, None),
    "zhongwei": (date(2022, 7, 17), date(2027, 7, 16), None),
}


def decide(city: str, served: date | None, today: date = date(2026, 11, 23)):
    data = {"city": city, "defendant": {"kind": "government"}}
    if served is not None:
        data["events"] = {"served": served.isoformat()}
    return yingsu.evaluate(yingsu.Case.model_validate(data), today=today)


def validity_warnings(decision) -> list[str]:
    return [w for w in decision.warnings if NOT_IN_FORCE in w or MAYBE_NOT_YET in w]


def expected(city: str, on: date) -> tuple[bool, str | None]:
    start, end, latest = WINDOWS[city]
    if on < start or (end is not None and on > end):
        return False, NOT_IN_FORCE
    if latest is not None and on < latest:
        return True, MAYBE_NOT_YET
    return True, None


def test_the_rulesets_declare_the_windows_of_their_ordinances():
    for city, (start, end, _) in WINDOWS.items():
        info = decide(city, start).ruleset
        assert (info.id, info.effective_from, info.effective_to) == (city, start, end)


BOUNDARIES = [
    # (city, date, in force, warning)
    ("yanshi", date(2023, 3, 28), False, NOT_IN_FORCE),
    ("yanshi", date(2023, 3, 29), True, None),
    ("yanshi", date(2023, 3, 30), True, None),
    ("yanshi", date(2198, 12, 31), True, None),  # no end
    ("xinzhou", date(2023, 6, 30), False, NOT_IN_FORCE),
    ("xinzhou", date(2023, 7, 1), True, None),
    ("xinzhou", date(2028, 6, 30), True, None),
    ("xinzhou", date(2028, 7, 1), False, NOT_IN_FORCE),
    ("xianzhou", date(2022, 6, 5), False, NOT_IN_FORCE),
    ("xianzhou", date(2022, 6, 6), True, MAYBE_NOT_YET),
    ("xianzhou", date(2022, 7, 7), True, MAYBE_NOT_YET),
    ("xianzhou", date(2022, 8, 8), True, MAYBE_NOT_YET),
    ("xianzhou", date(2022, 9, 8), True, MAYBE_NOT_YET),
    ("xianzhou", date(2022, 9, 9), True, None),
    ("xianzhou", date(2022, 9, 10), True, None),
    ("dezhou", date(2020, 7, 29), False, NOT_IN_FORCE),
    ("dezhou", date(2020, 7, 30), True, None),
    ("dezhou", date(2198, 12, 31), True, None),
    ("zhongwei", date(2022, 7, 16), False, NOT_IN_FORCE),
    ("zhongwei", date(2022, 7, 17), True, None),
    ("zhongwei", date(2027, 7, 16), True, None),
    ("zhongwei", date(2027, 7, 17), False, NOT_IN_FORCE),
]


@pytest.mark.parametrize("city, on, in_force, warning", BOUNDARIES, ids=[f"{c}-{d}" for c, d, *_ in BOUNDARIES])
def test_in_force_at_the_boundaries_of_served(city, on, in_force, warning):
    assert expected(city, on) == (in_force, warning)  # the table agrees with WINDOWS
    d = decide(city, on)
    assert d.ruleset.in_force is in_force
    found = validity_warnings(d)
    if warning is None:
        assert found == []
    else:
        assert len(found) == 1 and warning in found[0] and on.isoformat() in found[0]
        assert found[0].startswith("收到应诉通知书之日")


@pytest.mark.parametrize("city, on, in_force, warning", BOUNDARIES, ids=[f"{c}-{d}" for c, d, *_ in BOUNDARIES])
def test_without_a_served_date_today_decides(city, on, in_force, warning):
    d = decide(city, None, today=on)
    assert d.ruleset.in_force is in_force
    found = validity_warnings(d)
    assert (found[0].startswith("今天") and on.isoformat() in found[0]) if warning else found == []


@pytest.mark.parametrize("city", sorted(WINDOWS))
def test_every_day_around_each_boundary(city):
    """Every day from 10 days before to 10 days after each boundary agrees with the window."""
    start, end, latest = WINDOWS[city]
    for edge in (e for e in (start, end, latest) if e is not None):
        for k in range(-10, 11):
            on = edge + timedelta(days=k)
            in_force, warning = expected(city, on)
            d = decide(city, on)
            assert d.ruleset.in_force is in_force, (city, on)
            found = validity_warnings(d)
            assert (len(found) == 1 and warning in found[0]) if warning else found == [], (city, on, found)


def test_the_served_date_not_today_decides_when_both_are_known():
    # served inside the window, today long after its end: still in force
    d = decide("xinzhou", date(2028, 6, 30), today=date(2030, 1, 1))
    assert d.ruleset.in_force is True and validity_warnings(d) == []
    d = decide("zhongwei", date(2022, 7, 16), today=date(2024, 1, 1))
    assert d.ruleset.in_force is False


def test_a_decision_out_of_force_is_still_given():
    """Not in force is a warning, not a refusal: the decision is given for reference."""
    d = decide("xinzhou", date(2029, 1, 2))
    assert d.ruleset.in_force is False
    assert d.appearance.level is not None and d.undertaking.basis
    assert "结论仅供参考" in validity_warnings(d)[0]
