"""What a docket's conditions may test (清单指标的事实): the case's facts, the Decision's, the docket's.

The metrics of rulesets/national/metrics.yaml are conditions compiled by the rules' own
ConditionCompiler; beside the case facts (yingsu.facts) they may test
  loss.is_loss, appearance.level      the Decision of the case
  events.<event>.after_today          the event's date is after the docket's today
"""
from __future__ import annotations

from datetime import date
from typing import Any, Callable

from ..decision import AppearanceLevel, Decision
from ..facts import FACTS, Fact, FactType
from ..models import EVENT_NAMES, Case

Reader = Callable[[Case, Decision, date], Any]


def _none(case: Case) -> None:  # a Fact's own reader: these facts are read by READERS
    return None


def _after_today(name: str) -> Reader:
    def read(case: Case, decision: Decision, today: date) -> bool | None:
        d = getattr(case.events, name)
        return None if d is None else d > today
    return read


DOCKET_FACTS: dict[str, Fact] = {
    "loss.is_loss": Fact("loss.is_loss", FactType.flag, _none, meaning="是否败诉"),
    "appearance.level": Fact("appearance.level", FactType.enum, _none,
                             frozenset(x.value for x in AppearanceLevel), "负责人出庭要求"),
    **{f"events.{n}.after_today": Fact(f"events.{n}.after_today", FactType.flag, _none, meaning="日期在今天之后")
       for n in EVENT_NAMES},
}

READERS: dict[str, Reader] = {
    "loss.is_loss": lambda c, d, t: d.loss.is_loss,
    "appearance.level": lambda c, d, t: d.appearance.level._value_,
    **{f"events.{n}.after_today": _after_today(n) for n in EVENT_NAMES},
}


_CASE_READ: dict[str, Callable[[Case], Any]] = {
    # the condition reading where there is one (yingsu.facts.Fact.test)
    name: fact.test or fact.read for name, fact in FACTS.items()
}


class CaseValues(dict):
    """The fact values of one decided case (`.case`, `.decision`, `.today`), read when a
    condition first asks for them. Made empty and given its three attributes (no Python
    __init__: one is made per case)."""

    __slots__ = ("case", "decision", "today")

    def __missing__(self, name: str) -> Any:
        read = _CASE_READ.get(name)  # a case's fact read off the case, else the Decision's or the docket's
        value = self[name] = read(self.case) if read is not None else READERS[name](self.case, self.decision, self.today)
        return value
