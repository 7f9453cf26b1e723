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
    expr: str = ""  # the reading as a Python expression over the case `c` (what `read` evaluates)
    # A cheaper reading for conditions only: enum members and lists as the case holds them.
    # A StrEnum member hashes and compares as its value, and the list operators (in, any_of,
    # all_of, none_of, missing) treat a list as the set of its items, so every condition
    # gives the same answer on `test` as on `expr`.
    test: str = ""


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


# What a fact's expression may use besides the case `c`. `_s` turns an enum member into its
# plain string value (a StrEnum member's text is its value); `_E` is the empty set.
READ_SCOPE: dict[str, Any] = {
    "__builtins__": {"frozenset": frozenset, "tuple": tuple, "len": len, "map": map},
    "_s": str.__str__,
    "_E": frozenset(),
    "_requesters": _requesters,
    "_HEAD": m.Rank.head,
}


def _opt(path: str) -> str:
    """An optional enum field as its value, or None."""
    return f"(None if (x := {path}) is None else _s(x))"


def _fact(
    name: str, type: FactType, expr: str, values: frozenset[str] = frozenset(), meaning: str = "", test: str = ""
) -> Fact:
    read = eval(f"lambda c: {expr}", READ_SCOPE)  # noqa: S307 - the fixed expressions of this table
    return Fact(name, type, read, values, meaning, expr, test or expr)



def _build() -> dict[str, Fact]:
    E = FactType
    facts: list[Fact] = [
        _fact("city", E.enum, "c.city._value_", _enum(m.City), "城市", "c.city"),
        _fact("defendant.kind", E.enum, "c.defendant.kind._value_", _enum(m.DefendantKind), "被告类型", "c.defendant.kind"),
        _fact("defendant.level", E.enum, _opt("c.defendant.level"), _enum(m.Level), "被告层级", "c.defendant.level"),
        _fact("defendant.name", E.text, "c.defendant.name", meaning="被告名称"),
        _fact("reconsideration", E.flag, "c.reconsideration is not None", meaning="经本级政府行政复议"),
        _fact(
            "reconsideration.government_role",
            E.enum,
            "(None if (r := c.reconsideration) is None or (x := r.government_role) is None else _s(x))",
            _enum(m.GovernmentRole),
            "复议机关诉讼地位",
            "(None if (r := c.reconsideration) is None else r.government_role)",
        ),
        _fact(
            "reconsideration.outcome",
            E.enum,
            "(None if (r := c.reconsideration) is None or (x := r.outcome) is None else _s(x))",
            _enum(m.ReconsiderationOutcome),
            "复议结果",
            "(None if (r := c.reconsideration) is None else r.outcome)",
        ),
        _fact("act.maker", E.text, "c.act.maker", meaning="作出单位"),
        _fact("act.maker_kind", E.enum, _opt("c.act.maker_kind"), _enum(m.MakerKind), "作出单位类型", "c.act.maker_kind"),
        _fact("act.in_government_name", E.flag, "c.act.in_government_name", meaning="以政府名义作出"),
        _fact("act.approved_by_government", E.flag, "c.act.approved_by_government", meaning="报经政府批准"),
        _fact("act.inaction", E.flag, "c.act.inaction", meaning="行政不作为"),
        _fact("act.responsible_unit", E.text, "c.act.responsible_unit", meaning="职责归属单位"),
        _fact("act.departments", E.text_list, "tuple(c.act.departments)", meaning="共同作出部门", test="c.act.departments"),
        _fact(
            "act.joint",
            E.flag,
            "len(c.act.departments) >= 2",
            meaning="两个以上部门共同作出 (derived: act.departments lists two or more)",
        ),
        _fact("act.lead_department", E.text, "c.act.lead_department", meaning="牵头部门"),
        _fact("act.lead_has_duty", E.flag, "c.act.lead_has_duty", meaning="牵头部门具备法定职责"),
        _fact("act.maker_abolished", E.flag, "c.act.maker_abolished", meaning="作出单位被撤销"),
        _fact("act.successor", E.text, "c.act.successor", meaning="继续履行职能的单位"),
        _fact("act.category", E.enum, _opt("c.act.category"), _enum(m.Category), "案件类别", "c.act.category"),
        _fact("proceeding.instance", E.enum, _opt("c.proceeding.instance"), _enum(m.Instance), "审级", "c.proceeding.instance"),
        _fact("proceeding.appellant", E.enum, _opt("c.proceeding.appellant"), _enum(m.Appellant), "上诉人", "c.proceeding.appellant"),
        _fact("proceeding.first_instance_lost", E.flag, "c.proceeding.first_instance_lost", meaning="一审败诉"),
        _fact(
            "proceeding.first_instance_undertaker",
            E.text,
            "c.proceeding.first_instance_undertaker",
            meaning="一审应诉承办单位",
        ),
        _fact("proceeding.procedure", E.enum, _opt("c.proceeding.procedure"), _enum(m.Procedure), "审理程序", "c.proceeding.procedure"),
        _fact("proceeding.session", E.enum, _opt("c.proceeding.session"), _enum(m.Session), "庭审形式", "c.proceeding.session"),
        _fact(
            "proceeding.first_trial_of_year",
            E.flag,
            "c.proceeding.first_trial_of_year",
            meaning="年度第一件开庭审理案件",
        ),
        _fact("proceeding.plaintiffs", E.count, "c.proceeding.plaintiffs", meaning="原告人数"),
        _fact(
            "circumstances",
            E.enum_list,
            "(frozenset(map(_s, x)) if (x := c.circumstances) else _E)",
            _enum(m.Circumstance),
            "案件情形",
            "c.circumstances",
        ),
        _fact(
            "requests.by",
            E.enum_list,
            "(_requesters(c) if c.principal_requests else _E)",
            _enum(m.Requester),
            "要求负责人出庭的主体 (any rank, written or not)",
        ),
        _fact(
            "requests.head_by",
            E.enum_list,
            "(_requesters(c, rank=_HEAD) if c.principal_requests else _E)",
            _enum(m.Requester),
            "要求正职负责人出庭的主体",
        ),
        _fact(
            "requests.written_by",
            E.enum_list,
            "(_requesters(c, written=True) if c.principal_requests else _E)",
            _enum(m.Requester),
            "书面要求（建议、通知）负责人出庭的主体",
        ),
        _fact(
            "requests.written_head_by",
            E.enum_list,
            "(_requesters(c, rank=_HEAD, written=True) if c.principal_requests else _E)",
            _enum(m.Requester),
            "书面要求正职负责人出庭的主体",
        ),
        _fact("principal_unavailable", E.flag, "c.principal_unavailable", meaning="负责人有正当理由不能出庭"),
        _fact("principal_appeared", E.flag, "c.principal_appeared", meaning="负责人已出庭"),
        _fact("outcome", E.flag, "c.outcome is not None", meaning="已有裁判结果"),
        _fact(
            "outcome.document",
            E.enum,
            "(None if (o := c.outcome) is None or (x := o.document) is None else _s(x))",
            _enum(m.Document),
            "结案文书",
            "(None if (o := c.outcome) is None else o.document)",
        ),
        _fact(
            "outcome.dispositions",
            E.enum_list,
            "(_E if (o := c.outcome) is None or not (x := o.dispositions) else frozenset(map(_s, x)))",
            _enum(m.Disposition),
            "裁判结果",
            "(_E if (o := c.outcome) is None else o.dispositions)",
        ),
    ]
    for name in m.EVENT_NAMES:
        facts.append(_fact(f"events.{name}", E.date, f"c.events.{name}", meaning="日期"))
    return {f.name: f for f in facts}


FACTS: dict[str, Fact] = _build()

# Facts that only exist once an earlier decision has been taken (data flows one way:
# the loss decision is taken before deadlines, so deadline rules may test it).
DECIDED_FACTS: dict[str, Fact] = {
    "loss.is_loss": Fact("loss.is_loss", FactType.flag, lambda c: None, meaning="是否败诉 (the loss decision)", expr="None"),
}


class FactValues(dict):
    """Fact values by name, where a fact that is not there reads as None (missing).

    Compiled conditions (yingsu.conditions) look facts up with `values[name]`; any mapping
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
