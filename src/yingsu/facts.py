"""The facts (案件事实) that rule conditions may test, and how each is read off a case.

A ruleset can only name facts listed here: the loader checks every condition against this
table (its name, its type, and for enumerations its allowed values) before any case runs.
"""
from __future__ import annotations

from dataclasses import dataclass
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


def _build() -> dict[str, Fact]:
    facts: list[Fact] = [
        Fact("city", FactType.enum, lambda c: c.city.value, _enum(m.City), "城市"),
        Fact("defendant.kind", FactType.enum, lambda c: c.defendant.kind.value, _enum(m.DefendantKind), "被告类型"),
        Fact("defendant.level", FactType.enum, lambda c: _v(c.defendant.level), _enum(m.Level), "被告层级"),
        Fact("defendant.name", FactType.text, lambda c: c.defendant.name, meaning="被告名称"),
        Fact("reconsideration", FactType.flag, lambda c: c.reconsideration is not None, meaning="经本级政府行政复议"),
        Fact(
            "reconsideration.government_role",
            FactType.enum,
            lambda c: _v(c.reconsideration.government_role) if c.reconsideration else None,
            _enum(m.GovernmentRole),
            "复议机关诉讼地位",
        ),
        Fact(
            "reconsideration.outcome",
            FactType.enum,
            lambda c: _v(c.reconsideration.outcome) if c.reconsideration else None,
            _enum(m.ReconsiderationOutcome),
            "复议结果",
        ),
        Fact("act.maker", FactType.text, lambda c: c.act.maker, meaning="作出单位"),
        Fact("act.maker_kind", FactType.enum, lambda c: _v(c.act.maker_kind), _enum(m.MakerKind), "作出单位类型"),
        Fact("act.in_government_name", FactType.flag, lambda c: c.act.in_government_name, meaning="以政府名义作出"),
        Fact("act.approved_by_government", FactType.flag, lambda c: c.act.approved_by_government, meaning="报经政府批准"),
        Fact("act.inaction", FactType.flag, lambda c: c.act.inaction, meaning="行政不作为"),
        Fact("act.responsible_unit", FactType.text, lambda c: c.act.responsible_unit, meaning="职责归属单位"),
        Fact("act.departments", FactType.text_list, lambda c: tuple(c.act.departments), meaning="共同作出部门"),
        Fact(
            "act.joint",
            FactType.flag,
            lambda c: len(c.act.departments) >= 2,
            meaning="两个以上部门共同作出 (derived: act.departments lists two or more)",
        ),
        Fact("act.lead_department", FactType.text, lambda c: c.act.lead_department, meaning="牵头部门"),
        Fact("act.lead_has_duty", FactType.flag, lambda c: c.act.lead_has_duty, meaning="牵头部门具备法定职责"),
        Fact("act.maker_abolished", FactType.flag, lambda c: c.act.maker_abolished, meaning="作出单位被撤销"),
        Fact("act.successor", FactType.text, lambda c: c.act.successor, meaning="继续履行职能的单位"),
        Fact("act.category", FactType.enum, lambda c: _v(c.act.category), _enum(m.Category), "案件类别"),
        Fact("proceeding.instance", FactType.enum, lambda c: _v(c.proceeding.instance), _enum(m.Instance), "审级"),
        Fact("proceeding.appellant", FactType.enum, lambda c: _v(c.proceeding.appellant), _enum(m.Appellant), "上诉人"),
        Fact("proceeding.first_instance_lost", FactType.flag, lambda c: c.proceeding.first_instance_lost, meaning="一审败诉"),
        Fact(
            "proceeding.first_instance_undertaker",
            FactType.text,
            lambda c: c.proceeding.first_instance_undertaker,
            meaning="一审应诉承办单位",
        ),
        Fact("proceeding.procedure", FactType.enum, lambda c: _v(c.proceeding.procedure), _enum(m.Procedure), "审理程序"),
        Fact("proceeding.session", FactType.enum, lambda c: _v(c.proceeding.session), _enum(m.Session), "庭审形式"),
        Fact(
            "proceeding.first_trial_of_year",
            FactType.flag,
            lambda c: c.proceeding.first_trial_of_year,
            meaning="年度第一件开庭审理案件",
        ),
        Fact("proceeding.plaintiffs", FactType.count, lambda c: c.proceeding.plaintiffs, meaning="原告人数"),
        Fact(
            "circumstances",
            FactType.enum_list,
            lambda c: frozenset(x.value for x in c.circumstances),
            _enum(m.Circumstance),
            "案件情形",
        ),
        Fact(
            "requests.by",
            FactType.enum_list,
            lambda c: _requesters(c),
            _enum(m.Requester),
            "要求负责人出庭的主体 (any rank, written or not)",
        ),
        Fact(
            "requests.head_by",
            FactType.enum_list,
            lambda c: _requesters(c, rank=m.Rank.head),
            _enum(m.Requester),
            "要求正职负责人出庭的主体",
        ),
        Fact(
            "requests.written_by",
            FactType.enum_list,
            lambda c: _requesters(c, written=True),
            _enum(m.Requester),
            "书面要求（建议、通知）负责人出庭的主体",
        ),
        Fact(
            "requests.written_head_by",
            FactType.enum_list,
            lambda c: _requesters(c, rank=m.Rank.head, written=True),
            _enum(m.Requester),
            "书面要求正职负责人出庭的主体",
        ),
        Fact("principal_unavailable", FactType.flag, lambda c: c.principal_unavailable, meaning="负责人有正当理由不能出庭"),
        Fact("principal_appeared", FactType.flag, lambda c: c.principal_appeared, meaning="负责人已出庭"),
        Fact("outcome", FactType.flag, lambda c: c.outcome is not None, meaning="已有裁判结果"),
        Fact(
            "outcome.document",
            FactType.enum,
            lambda c: _v(c.outcome.document) if c.outcome else None,
            _enum(m.Document),
            "结案文书",
        ),
        Fact(
            "outcome.dispositions",
            FactType.enum_list,
            lambda c: frozenset(x.value for x in c.outcome.dispositions) if c.outcome else frozenset(),
            _enum(m.Disposition),
            "裁判结果",
        ),
    ]
    for name in m.EVENT_NAMES:
        facts.append(
            Fact(f"events.{name}", FactType.date, (lambda n: lambda c: getattr(c.events, n))(name), meaning="日期")
        )
    return {f.name: f for f in facts}


FACTS: dict[str, Fact] = _build()

# Facts that only exist once an earlier decision has been taken (data flows one way:
# the loss decision is taken before deadlines, so deadline rules may test it).
DECIDED_FACTS: dict[str, Fact] = {
    "loss.is_loss": Fact("loss.is_loss", FactType.flag, lambda c: None, meaning="是否败诉 (the loss decision)"),
}


def read_facts(case: m.Case, assumed: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every fact of the case by name; `assumed` fills facts the case leaves missing."""
    values = {name: fact.read(case) for name, fact in FACTS.items()}
    if assumed:
        for name, value in assumed.items():
            if values.get(name) is None:
                values[name] = value
    return values
