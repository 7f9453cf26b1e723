"""The facts (案件事实) that rule conditions may test, and how each is read off a case.

A ruleset can only name facts listed here: the loader checks every condition against this
table (its name, its type, and for enumerations its allowed values) before any case runs.
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from enum import StrEnum
from typing import Any, Callable

from . import models as m


class FactType(StrEnum):
    """What kind of value a fact holds, which decides the operators a condition may use."""

    enum = "enum"
    enum_list = "enum_list"
    flag = "flag"
    text = "text"
    text_list = "text_list"
    count = "count"
    date = "date"


@dataclass(frozen=True, slots=True)
class Fact:
    name: str
    type: FactType
    read: Callable[[m.Case], Any]
    values: frozenset[str] = frozenset()  # allowed values for enum facts
    meaning: str = ""
    # A cheaper reading for conditions only: enum members and lists as the case holds them.
    # A StrEnum member hashes and compares as its value, and the list operators (in, any_of,
    # all_of, none_of, missing) treat a list as the set of its items, so every condition
    # gives the same answer on `test` as on `read`.
    test: Callable[[m.Case], Any] | None = None


def _enum(e: type[StrEnum]) -> frozenset[str]:
    return frozenset(x.value for x in e)


def _v(x):
    """An enum member as its plain string value (conditions compare strings)."""
    return x.value if isinstance(x, StrEnum) else x


def _requesters(case: m.Case, *, rank: m.Rank | None = None, written: bool = False) -> frozenset[str]:
    return frozenset(
        r.by.value
        for r in case.principal_requests
        if (rank is None or r.rank is rank) and (not written or r.written is True)
    )


def _opt_value(x):
    """An optional enum member as its plain value, or None."""
    return None if x is None else x._value_


def _fact(
    name: str, type: FactType, read: Callable[[m.Case], Any], values: frozenset[str] = frozenset(),
    meaning: str = "", test: Callable[[m.Case], Any] | None = None,
) -> Fact:
    return Fact(name, type, read, values, meaning, test or read)


_E: frozenset = frozenset()


def _rec(c: m.Case):
    return c.reconsideration


def _out(c: m.Case):
    return c.outcome


def _build() -> dict[str, Fact]:
    E = FactType
    facts: list[Fact] = [
        _fact("city", E.enum, lambda c: c.city._value_, _enum(m.City), "城市", lambda c: c.city),
        _fact("defendant.kind", E.enum, lambda c: c.defendant.kind._value_, _enum(m.DefendantKind), "被告类型",
              lambda c: c.defendant.kind),
        _fact("defendant.level", E.enum, lambda c: _opt_value(c.defendant.level), _enum(m.Level), "被告层级",
              lambda c: c.defendant.level),
        _fact("defendant.name", E.text, lambda c: c.defendant.name, meaning="被告名称"),
        _fact("reconsideration", E.flag, lambda c: c.reconsideration is not None, meaning="经本级政府行政复议"),
        _fact(
            "reconsideration.government_role",
            E.enum,
            lambda c: None if (r := _rec(c)) is None else _opt_value(r.government_role),
            _enum(m.GovernmentRole),
            "复议机关诉讼地位",
            lambda c: None if (r := _rec(c)) is None else r.government_role,
        ),
        _fact(
            "reconsideration.outcome",
            E.enum,
            lambda c: None if (r := _rec(c)) is None else _opt_value(r.outcome),
            _enum(m.ReconsiderationOutcome),
            "复议结果",
            lambda c: None if (r := _rec(c)) is None else r.outcome,
        ),
        _fact("act.maker", E.text, lambda c: c.act.maker, meaning="作出单位"),
        _fact("act.maker_kind", E.enum, lambda c: _opt_value(c.act.maker_kind), _enum(m.MakerKind), "作出单位类型",
              lambda c: c.act.maker_kind),
        _fact("act.in_government_name", E.flag, lambda c: c.act.in_government_name, meaning="以政府名义作出"),
        _fact("act.approved_by_government", E.flag, lambda c: c.act.approved_by_government, meaning="报经政府批准"),
        _fact("act.inaction", E.flag, lambda c: c.act.inaction, meaning="行政不作为"),
        _fact("act.responsible_unit", E.text, lambda c: c.act.responsible_unit, meaning="职责归属单位"),
        _fact("act.departments", E.text_list, lambda c: tuple(c.act.departments), meaning="共同作出部门",
              test=lambda c: c.act.departments),
        _fact(
            "act.joint",
            E.flag,
            lambda c: len(c.act.departments) >= 2,
            meaning="两个以上部门共同作出 (derived: act.departments lists two or more)",
        ),
        _fact("act.lead_department", E.text, lambda c: c.act.lead_department, meaning="牵头部门"),
        _fact("act.lead_has_duty", E.flag, lambda c: c.act.lead_has_duty, meaning="牵头部门具备法定职责"),
        _fact("act.maker_abolished", E.flag, lambda c: c.act.maker_abolished, meaning="作出单位被撤销"),
        _fact("act.successor", E.text, lambda c: c.act.successor, meaning="继续履行职能的单位"),
        _fact("act.category", E.enum, lambda c: _opt_value(c.act.category), _enum(m.Category), "案件类别",
              lambda c: c.act.category),
        _fact("proceeding.instance", E.enum, lambda c: _opt_value(c.proceeding.instance), _enum(m.Instance), "审级",
              lambda c: c.proceeding.instance),
        _fact("proceeding.appellant", E.enum, lambda c: _opt_value(c.proceeding.appellant), _enum(m.Appellant),
              "上诉人", lambda c: c.proceeding.appellant),
        _fact("proceeding.first_instance_lost", E.flag, lambda c: c.proceeding.first_instance_lost, meaning="一审败诉"),
        _fact(
            "proceeding.first_instance_undertaker",
            E.text,
            lambda c: c.proceeding.first_instance_undertaker,
            meaning="一审应诉承办单位",
        ),
        _fact("proceeding.procedure", E.enum, lambda c: _opt_value(c.proceeding.procedure), _enum(m.Procedure),
              "审理程序", lambda c: c.proceeding.procedure),
        _fact("proceeding.session", E.enum, lambda c: _opt_value(c.proceeding.session), _enum(m.Session), "庭审形式",
              lambda c: c.proceeding.session),
        _fact(
            "proceeding.first_trial_of_year",
            E.flag,
            lambda c: c.proceeding.first_trial_of_year,
            meaning="年度第一件开庭审理案件",
        ),
        _fact("proceeding.plaintiffs", E.count, lambda c: c.proceeding.plaintiffs, meaning="原告人数"),
        _fact(
            "circumstances",
            E.enum_list,
            lambda c: frozenset(x._value_ for x in c.circumstances) if c.circumstances else _E,
            _enum(m.Circumstance),
            "案件情形",
            lambda c: c.circumstances,
        ),
        _fact(
            "requests.by",
            E.enum_list,
            lambda c: _requesters(c) if c.principal_requests else _E,
            _enum(m.Requester),
            "要求负责人出庭的主体 (any rank, written or not)",
        ),
        _fact(
            "requests.head_by",
            E.enum_list,
            lambda c: _requesters(c, rank=m.Rank.head) if c.principal_requests else _E,
            _enum(m.Requester),
            "要求正职负责人出庭的主体",
        ),
        _fact(
            "requests.written_by",
            E.enum_list,
            lambda c: _requesters(c, written=True) if c.principal_requests else _E,
            _enum(m.Requester),
            "书面要求（建议、通知）负责人出庭的主体",
        ),
        _fact(
            "requests.written_head_by",
            E.enum_list,
            lambda c: _requesters(c, rank=m.Rank.head, written=True) if c.principal_requests else _E,
            _enum(m.Requester),
            "书面要求正职负责人出庭的主体",
        ),
        _fact("principal_unavailable", E.flag, lambda c: c.principal_unavailable, meaning="负责人有正当理由不能出庭"),
        _fact("principal_appeared", E.flag, lambda c: c.principal_appeared, meaning="负责人已出庭"),
        _fact("outcome", E.flag, lambda c: c.outcome is not None, meaning="已有裁判结果"),
        _fact(
            "outcome.document",
            E.enum,
            lambda c: None if (o := _out(c)) is None else _opt_value(o.document),
            _enum(m.Document),
            "结案文书",
            lambda c: None if (o := _out(c)) is None else o.document,
        ),
        _fact(
            "outcome.dispositions",
            E.enum_list,
            lambda c: _E if (o := _out(c)) is None or not o.dispositions else frozenset(x._value_ for x in o.dispositions),
            _enum(m.Disposition),
            "裁判结果",
            lambda c: _E if (o := _out(c)) is None else o.dispositions,
        ),
    ]
    for name in m.EVENT_NAMES:
        facts.append(_fact(f"events.{name}", E.date, attrgetter(f"events.{name}"), meaning="日期"))
    return {f.name: f for f in facts}


FACTS: dict[str, Fact] = _build()

# Facts that only exist once an earlier decision has been taken (data flows one way:
# the loss decision is taken before deadlines, so deadline rules may test it).
DECIDED_FACTS: dict[str, Fact] = {
    "loss.is_loss": Fact("loss.is_loss", FactType.flag, lambda c: None, meaning="是否败诉 (the loss decision)"),
}


class FactValues(dict):
    """Fact values by name, where a fact that is not there reads as None (missing).

    Compiled conditions (yingsu.conditions) look facts up with `values[name]`; a mapping
    handed to a condition is read through this class, so an absent name is a missing fact,
    as with `mapping.get(name)`.
    """

    __slots__ = ()

    def __missing__(self, name: str) -> Any:
        return None


def read_facts(case: m.Case, assumed: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every fact of the case by name; `assumed` fills facts the case leaves missing."""
    values = {name: fact.read(case) for name, fact in FACTS.items()}
    if assumed:
        for name, value in assumed.items():
            if values.get(name) is None:
                values[name] = value
    return values
