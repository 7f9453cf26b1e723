"""The case (案件) that a legal-affairs office hands to yingsu, as typed pydantic models.

Field names and enum values are the public contract (shared/spec/contract.md): they may be
added to, never renamed. Every model forbids unknown keys, and facts that contradict each
other are rejected with a message naming the fields.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, ValidationError, model_validator

from .calendar import MAX_YEAR, MIN_YEAR
from .cities import city_ids

# Strict where a lenient parse would be a silent wrong answer ("yes" is not a boolean).
Flag = StrictBool | None


def _whole_number(value: object) -> object:
    """A count is a plain decimal whole number; YAML 1.1's other forms arrive as text (yamlsafe)."""
    if isinstance(value, str):
        raise ValueError(
            f"Input should be a valid integer written in plain decimal digits (e.g. 30), got the text {show(value)}"
        )
    return value


Count = Annotated[int, BeforeValidator(_whole_number), Field(ge=1, strict=True)]

MAX_TEXT = 200  # characters of one name; the longest unit name in the ordinances has 30
# Bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069) are format
# characters (Cf) like the other invisible marks, and are refused with them.
_BAD_CATEGORIES = {
    "Cc": "a control character",
    "Cf": "an invisible formatting or bidirectional character",
    "Cs": "a lone surrogate",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
}


def plain_line(value: object, what: str = "a name") -> object:
    """名称: one line of plain text. Refuses line breaks, control characters, lone surrogates
    and bidirectional overrides (they forge lines or reorder the officer's report, and cannot
    be written as UTF-8); trims spaces at the ends; refuses an empty name. (Before pydantic's
    own str check, which would refuse a surrogate without saying why; non-text goes on to it.)"""
    if not isinstance(value, str):
        return value
    for c in ("" if value.isprintable() else value):  # isprintable: none of them, in C
        bad = _BAD_CATEGORIES.get(unicodedata.category(c))
        if bad is not None:
            raise ValueError(f"{show(value)} contains {bad} (U+{ord(c):04X}): {what} is one line of plain text")
    value = value.strip()
    if not value:
        raise ValueError(f"{what} may not be empty or only spaces")
    return value


Name = Annotated[str, Field(max_length=MAX_TEXT), BeforeValidator(plain_line)]


def _spaceless(name: str) -> str:
    return "".join(name.split())


# Event dates must leave room for the deadlines counted from them (at most a few months)
# inside the working-day calendar (yingsu.calendar covers MIN_YEAR..MAX_YEAR).
FIRST_EVENT_DATE = date(MIN_YEAR + 1, 1, 1)
LAST_EVENT_DATE = date(MAX_YEAR - 1, 12, 31)


def show(value: object, limit: int = 60) -> str:
    """A value as it may appear in a one-line error message: quoted, escaped, shortened."""
    if isinstance(value, (list, dict, tuple, set, frozenset)):
        # never repr a container: an aliased YAML structure can be exponentially large
        kind = "mapping" if isinstance(value, dict) else "list"
        return f"a {kind} of {len(value)} item{'s' if len(value) != 1 else ''}"
    try:
        text = repr(value)
    except ValueError:  # an int too long to print (sys.get_int_max_str_digits)
        text = "a number too long to print"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind_of(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "null"
    return f"a {type(value).__name__}"


def _iso_date(value: object) -> object:
    """Accept a date or an ISO 8601 'YYYY-MM-DD' string; a number or a datetime is refused."""
    if isinstance(value, datetime):
        raise ValueError("expected a date (YYYY-MM-DD), got a date with a time")
    if isinstance(value, str):
        # only YYYY-MM-DD: fromisoformat alone would also read 2026-W10-1 and 20260302
        try:
            value = date.fromisoformat(value.strip()) if _ISO_DATE.match(value.strip()) else _bad_date(value)
        except ValueError:
            _bad_date(value)
    if isinstance(value, date):
        if not FIRST_EVENT_DATE <= value <= LAST_EVENT_DATE:
            raise ValueError(
                f"{value.isoformat()} is outside the dates yingsu can count "
                f"({FIRST_EVENT_DATE.isoformat()} to {LAST_EVENT_DATE.isoformat()})"
            )
        return value
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        raise ValueError(f"expected a date (YYYY-MM-DD), got {_kind_of(value)}")
    raise ValueError(f"expected a date (YYYY-MM-DD), got {_kind_of(value)} {show(value)}")


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _bad_date(value: str):
    raise ValueError(f"{show(value)} is not a real date in the form YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


# 城市（规则集）: one per ruleset folder (yingsu.cities), in the order the headers give; no
# Python file names a city.
City = StrEnum("City", [(c, c) for c in city_ids()], module=__name__)
City.__doc__ = "城市（规则集）: one ruleset folder per city (rulesets/<city>/)."


class DefendantKind(StrEnum):
    """被告类型."""

    government = "government"  # 人民政府
    department = "department"  # 政府工作部门、直属机构
    township = "township"  # 乡镇人民政府、街道办事处
    management_committee = "management_committee"  # 开发区、景区管委会
    authorized_org = "authorized_org"  # 法律法规规章授权组织


class Level(StrEnum):
    """层级: 市级 or 县级（县、市、区）."""

    city = "city"
    county = "county"


class GovernmentRole(StrEnum):
    """复议机关的诉讼地位: 单独被告 or 共同被告."""

    sole_defendant = "sole_defendant"
    co_defendant = "co_defendant"


class ReconsiderationOutcome(StrEnum):
    """行政复议结果."""

    upheld = "upheld"  # 维持（含驳回复议请求）
    changed = "changed"  # 撤销、变更、确认违法
    inadmissible = "inadmissible"  # 不予受理、以不符合受理条件驳回
    no_decision = "no_decision"  # 逾期未作决定


class MakerKind(StrEnum):
    """被诉行政行为的实际作出单位类型."""

    department = "department"
    township = "township"
    management_committee = "management_committee"
    government_office = "government_office"  # 政府办公室
    lower_government = "lower_government"  # 下级人民政府
    temporary_body = "temporary_body"  # 临时机构
    entrusted_org = "entrusted_org"  # 受委托组织


class Category(StrEnum):
    """案件类别."""

    state_land_house_expropriation = "state_land_house_expropriation"  # 国有土地上房屋征收
    collective_land_expropriation = "collective_land_expropriation"  # 集体土地征收
    information_disclosure = "information_disclosure"  # 政府信息公开
    natural_resource_rights = "natural_resource_rights"  # 自然资源所有权使用权确认
    forced_demolition = "forced_demolition"  # 强制拆除
    production_suspension = "production_suspension"  # 责令停产停业
    license_revocation = "license_revocation"  # 暂扣、撤销、吊销许可证
    administrative_detention = "administrative_detention"  # 行政拘留
    other = "other"


class Instance(StrEnum):
    """审级."""

    first = "first"  # 一审
    second = "second"  # 二审
    retrial = "retrial"  # 再审


class Appellant(StrEnum):
    """上诉人."""

    plaintiff = "plaintiff"
    agency = "agency"


class Procedure(StrEnum):
    """审理程序: 普通程序 or 简易程序（法院书面通知）."""

    ordinary = "ordinary"
    simple = "simple"


class Session(StrEnum):
    """庭审形式."""

    trial = "trial"  # 开庭审理
    evidence_exchange = "evidence_exchange"  # 证据交换
    hearing = "hearing"  # 听证
    inquiry = "inquiry"  # 调查、询问
    none = "none"  # 未开庭径行裁判
    not_accepted = "not_accepted"  # 立案阶段不予受理


class Circumstance(StrEnum):
    """案件情形."""

    major_public_interest = "major_public_interest"  # 重大公共利益
    high_social_concern = "high_social_concern"  # 社会高度关注
    mass_incident_risk = "mass_incident_risk"  # 可能引发群体性事件
    major_social_impact = "major_social_impact"  # 社会影响重大
    mass_litigation = "mass_litigation"  # 群体性诉讼
    major_safety_accident = "major_safety_accident"  # 重大安全责任事故
    environmental_protection = "environmental_protection"  # 环境资源保护
    foreign_related_major = "foreign_related_major"  # 重大涉外
    supreme_court_review = "supreme_court_review"  # 最高人民法院提审
    procuratorate_public_interest = "procuratorate_public_interest"  # 检察机关公益诉讼
    petition_backlog = "petition_backlog"  # 信访积案
    livelihood_loss = "livelihood_loss"  # 停产停业或丧失生活主要经济来源
    personal_liberty = "personal_liberty"  # 行政拘留涉及重大人身自由
    head_required_by_law = "head_required_by_law"  # 法律法规规定正职出庭


class Requester(StrEnum):
    """要求负责人出庭的主体."""

    court = "court"  # 人民法院
    government = "government"  # 本级人民政府
    superior = "superior"  # 上级主管部门


class Rank(StrEnum):
    """要求出庭的负责人级别."""

    principal = "principal"  # 负责人
    head = "head"  # 正职、主要负责人


class Document(StrEnum):
    """结案文书."""

    judgment = "judgment"  # 判决
    ruling = "ruling"  # 裁定
    mediation = "mediation"  # 调解书
    withdrawal = "withdrawal"  # 撤诉


class Disposition(StrEnum):
    """裁判结果."""

    revoked = "revoked"  # 撤销
    partially_revoked = "partially_revoked"  # 部分撤销
    redo = "redo"  # 判决重新作出
    perform_duty = "perform_duty"  # 履行法定职责
    payment = "payment"  # 履行给付义务
    confirmed_illegal = "confirmed_illegal"  # 确认违法
    void = "void"  # 确认无效
    modified = "modified"  # 变更
    compensation = "compensation"  # 赔偿
    claims_dismissed = "claims_dismissed"  # 驳回诉讼请求
    suit_dismissed = "suit_dismissed"  # 驳回起诉


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Defendant(_Strict):
    """被告: the sued agency."""

    kind: DefendantKind
    level: Level | None = None  # None: the ruleset's default level applies
    name: Name | None = None


class Reconsideration(_Strict):
    """行政复议: present only when the government is sued because of its own reconsideration decision."""

    government_role: GovernmentRole | None = None
    outcome: ReconsiderationOutcome | None = None


class Act(_Strict):
    """被诉行政行为."""

    maker: Name | None = None
    maker_kind: MakerKind | None = None
    in_government_name: Flag = None
    approved_by_government: Flag = None
    inaction: Flag = None
    responsible_unit: Name | None = None
    departments: list[Name] = Field(default_factory=list)
    lead_department: Name | None = None
    lead_has_duty: Flag = None
    maker_abolished: Flag = None
    successor: Name | None = None
    category: Category | None = None


class Proceeding(_Strict):
    """诉讼程序."""

    instance: Instance | None = None
    appellant: Appellant | None = None
    first_instance_lost: Flag = None
    first_instance_undertaker: Name | None = None
    procedure: Procedure | None = None
    session: Session | None = None
    first_trial_of_year: Flag = None
    plaintiffs: Count | None = None


class PrincipalRequest(_Strict):
    """要求负责人出庭: who asked, for which rank, in writing or not."""

    by: Requester
    rank: Rank = Rank.principal
    written: Flag = None


class Events(_Strict):
    """诉讼节点日期."""

    served: IsoDate | None = None  # 收到起诉状副本、应诉通知书
    forwarded: IsoDate | None = None  # 承办单位收到转送材料
    hearing: IsoDate | None = None  # 开庭日期
    judgment_served: IsoDate | None = None  # 收到判决书、裁定书、调解书
    judgment_effective: IsoDate | None = None  # 生效
    case_closed: IsoDate | None = None  # 收到结案法律文书
    suggestion_received: IsoDate | None = None  # 收到司法建议书


class Outcome(_Strict):
    """裁判结果."""

    document: Document | None = None
    dispositions: list[Disposition] = Field(default_factory=list)


EVENT_NAMES: tuple[str, ...] = tuple(Events.model_fields)

# (later event, earlier event): the later may not precede the earlier.
_EVENT_ORDER: tuple[tuple[str, str], ...] = (
    ("forwarded", "served"),
    ("hearing", "served"),
    ("judgment_served", "served"),
    ("judgment_effective", "judgment_served"),
    ("judgment_effective", "served"),
    ("case_closed", "served"),
    ("case_closed", "judgment_served"),
    ("suggestion_received", "served"),
)
_JUDGMENT_ONLY = frozenset(Disposition) - {Disposition.suit_dismissed}
# 实体裁判: every disposition but 驳回起诉 decides the merits. Only 驳回起诉 may be ruled without
# a court session at first instance (最高法解释 第六十九条第三款: 认为不需要开庭审理的，可以迳行
# 裁定驳回起诉); only an appeal court may judge without a hearing (行政诉讼法 第八十六条), as a
# retrial under the second-instance procedure may.
MERITS = _JUDGMENT_ONLY
MAX_CASE_DEPTH = 8  # a case nests 3 deep (principal_requests.0.by); input deeper is refused before validation


class Case(_Strict):
    """案件: the facts of one administrative case, as the contract defines them."""

    city: City
    defendant: Defendant
    reconsideration: Reconsideration | None = None
    act: Act = Field(default_factory=Act)
    proceeding: Proceeding = Field(default_factory=Proceeding)
    circumstances: list[Circumstance] = Field(default_factory=list)
    principal_requests: list[PrincipalRequest] = Field(default_factory=list)
    principal_unavailable: Flag = None
    principal_appeared: Flag = None
    events: Events = Field(default_factory=Events)
    outcome: Outcome | None = None

    @model_validator(mode="wrap")
    @classmethod
    def _not_too_deep(cls, data: Any, handler: Any) -> Any:
        # Checked only when validation fails (a valid case pays nothing): input nested deeper
        # than any field is named as such, before pydantic's own repr of it can recurse.
        try:
            return handler(data)
        except (ValidationError, RecursionError):
            _check_depth(data)
            raise

    @model_validator(mode="after")
    def _facts_agree(self) -> Case:
        problems = list(_contradictions(self))
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _check_depth(data: Any) -> None:
    """Refuse input nested deeper than MAX_CASE_DEPTH, naming where (iteratively: a list nested
    100,000 deep must be a validation error, not a RecursionError while pydantic reprs it)."""
    level = [data]
    for _ in range(MAX_CASE_DEPTH + 1):  # one level of containers at a time, no paths kept
        children: list = []
        for value in level:
            if isinstance(value, dict):
                children.extend(value.values())
            elif isinstance(value, (list, tuple)):
                children.extend(value)
        if not any(isinstance(c, (dict, list, tuple)) for c in children):
            return
        level = children
    raise ValueError(f"{_deep_path(data)}: nested more than {MAX_CASE_DEPTH} levels deep (a case nests at most 3)")


def _deep_path(data: Any) -> str:
    """Where input first goes deeper than MAX_CASE_DEPTH, as field.0.0.… (for the message)."""
    stack: list[tuple[Any, tuple]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_CASE_DEPTH:
            return ".".join(str(p) for p in path[:3]) + ".…"
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, (list, tuple)) else ()
        stack.extend((v, (*path, k if isinstance(k, (str, int)) else show(k))) for k, v in items
                     if isinstance(v, (dict, list, tuple)))
    return "the case"


_RECONSIDERATION_ROLE = {
    ReconsiderationOutcome.changed: (
        "a reconsideration body that changed the act is its sole defendant (行政诉讼法 第二十六条第二款)"
    ),
    ReconsiderationOutcome.inadmissible: (
        "a refusal to accept (不予受理、以不符合受理条件驳回) is not upholding the act (最高法解释 第一百三十三条): "
        "the plaintiff sues the original agency, or the reconsideration body alone"
    ),
    ReconsiderationOutcome.no_decision: (
        "when the reconsideration body did not decide in time, the plaintiff sues the original agency, or the "
        "reconsideration body alone for its failure (行政诉讼法 第二十六条第三款)"
    ),
}


def _contradictions(case: Case):
    """Yield one message per pair of facts that cannot both be true, naming the fields."""
    ev = case.events
    for later, earlier in _EVENT_ORDER:
        a, b = getattr(ev, later), getattr(ev, earlier)
        if a is not None and b is not None and a < b:
            yield f"events.{later} ({a}) is before events.{earlier} ({b})"
    rec = case.reconsideration
    if rec is not None:
        if case.defendant.kind is not DefendantKind.government:
            yield (
                "reconsideration is given but defendant.kind is "
                f"'{case.defendant.kind}': it describes a government sued over its own reconsideration"
            )
        if rec.government_role is GovernmentRole.co_defendant and rec.outcome in _RECONSIDERATION_ROLE:
            yield (
                "reconsideration.government_role 'co_defendant' contradicts reconsideration.outcome "
                f"'{rec.outcome}': {_RECONSIDERATION_ROLE[rec.outcome]}"
            )
        if rec.government_role is GovernmentRole.sole_defendant and rec.outcome is ReconsiderationOutcome.upheld:
            yield (
                "reconsideration.government_role 'sole_defendant' contradicts reconsideration.outcome 'upheld': "
                "a reconsideration body that upheld the act is sued together with the agency that made it, "
                "as co_defendant (行政诉讼法 第二十六条第二款; 最高法解释 第一百三十四条)"
            )
    yield from _act_contradictions(case.act)
    pr = case.proceeding
    if pr.instance is Instance.first:
        for name in ("appellant", "first_instance_lost", "first_instance_undertaker"):
            if getattr(pr, name) is not None:
                yield f"proceeding.{name} is given but proceeding.instance is 'first'"
    if pr.instance is None:
        for name in ("appellant", "first_instance_lost", "first_instance_undertaker"):
            if getattr(pr, name) is not None:
                yield (
                    f"proceeding.{name} is given but proceeding.instance is not: give proceeding.instance "
                    "('second' or 'retrial'); a case with a first instance behind it is not read as first instance"
                )
    no_session = pr.session in (Session.none, Session.not_accepted)
    if no_session and ev.hearing is not None:
        yield f"events.hearing is given but proceeding.session is '{pr.session}' (no court session)"
    if no_session and case.principal_appeared:
        yield f"principal_appeared is true but proceeding.session is '{pr.session}' (no court session to appear at)"
    if case.principal_appeared and case.principal_unavailable:
        yield (
            "principal_appeared and principal_unavailable are both true: a principal with a valid reason not to "
            "appear (正当理由) did not appear; give the one that happened"
        )
    out = case.outcome
    if out is not None:
        ds = set(out.dispositions)
        if len(ds) != len(out.dispositions):
            yield "outcome.dispositions lists the same disposition twice"
        if out.document in (Document.withdrawal, Document.mediation) and ds:
            yield f"outcome.dispositions must be empty when outcome.document is '{out.document}'"
        if out.document is Document.judgment and Disposition.suit_dismissed in ds:
            yield "outcome.dispositions 'suit_dismissed' (驳回起诉) is a ruling, but outcome.document is 'judgment'"
        if out.document is Document.ruling and ds & _JUDGMENT_ONLY:
            wrong = ", ".join(sorted(d.value for d in ds & _JUDGMENT_ONLY))
            yield f"outcome.dispositions '{wrong}' are judgments, but outcome.document is 'ruling'"
        # 驳回诉讼请求 may stand beside any granting disposition (部分撤销…驳回原告其他诉讼请求)
        if Disposition.suit_dismissed in ds and len(ds) > 1:
            yield "outcome.dispositions 'suit_dismissed' (驳回起诉) cannot stand with another disposition"
        merits = ", ".join(sorted(d.value for d in ds & MERITS)) if no_session else ""
        if pr.session is Session.not_accepted and (merits or out.document in (Document.judgment, Document.mediation)):
            what = f"outcome.dispositions '{merits}' decide" if merits else f"outcome.document '{out.document}' decides"
            yield (
                f"{what} the merits, but proceeding.session is 'not_accepted' (立案阶段不予受理): "
                "a case the court did not accept has no judgment on the merits"
            )
        elif pr.session is Session.none and merits and pr.instance in (None, Instance.first):
            where = "'first'" if pr.instance else "not given (first instance)"
            yield (
                f"outcome.dispositions '{merits}' decide the merits, but proceeding.session is 'none' and "
                f"proceeding.instance is {where}: without a court session a first-instance court can only rule "
                "suit_dismissed (迳行裁定驳回起诉, 最高法解释 第六十九条第三款); an appeal court may judge without "
                "a hearing (行政诉讼法 第八十六条): give proceeding.instance 'second'"
            )


def _act_contradictions(act: Act):
    if len(set(act.departments)) != len(act.departments):
        yield "act.departments lists the same department twice"
    elif len(act.departments) > 1:
        seen: dict[str, str] = {}
        for d in act.departments:
            other = seen.setdefault(_spaceless(d), d)
            if other != d:
                yield (
                    f"act.departments lists {show(other)} and {show(d)}, which differ only by spaces: "
                    "give each department once, written the same way"
                )
    lead = act.lead_department
    if lead is not None and act.departments and lead not in act.departments:
        near = [d for d in act.departments if _spaceless(d) == _spaceless(lead)]
        hint = f" (it differs from {show(near[0])} only by spaces)" if near else ""
        yield f"act.lead_department {show(lead)} is not among act.departments{hint}"
    if lead is not None and len(act.departments) < 2:
        if not (act.maker_kind is MakerKind.temporary_body and not act.departments):
            yield (
                "act.lead_department is given but act.departments does not list two or more departments "
                "(only a temporary body's lead department, act.maker_kind 'temporary_body', may be given alone)"
            )
    if act.lead_has_duty is not None and lead is None:
        yield "act.lead_has_duty is given but act.lead_department is not"
    if act.successor is not None and act.maker_abolished is False:
        yield "act.successor is given but act.maker_abolished is false"
