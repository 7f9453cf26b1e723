"""The decision (应诉决定) yingsu returns for a case, with the basis of every part.

Field names and enum values are the public contract (shared/spec/contract.md).
"""
from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Role(StrEnum):
    """应诉中的角色: who a unit is in the case, not its name."""

    defendant = "defendant"  # 被诉行政机关本身
    act_maker = "act_maker"  # 被诉行政行为作出（实施）单位
    justice_bureau = "justice_bureau"  # 司法局、司法行政部门
    reconsideration_body = "reconsideration_body"  # 行政复议机构
    government_office = "government_office"  # 人民政府办公室
    lead_department = "lead_department"  # 牵头部门
    co_department = "co_department"  # 其他共同作出部门
    responsible_unit = "responsible_unit"  # 职责归属单位（不作为）
    functional_department = "functional_department"  # 相关职能部门
    township = "township"  # 相关街镇
    disclosure_handler = "disclosure_handler"  # 信息公开事项的具体承办机关
    first_instance_undertaker = "first_instance_undertaker"  # 一审应诉承办单位
    successor = "successor"  # 继续履行其职能的单位
    legal_adviser_office = "legal_adviser_office"  # 法律顾问室
    government = "government"  # 本级人民政府 (in designated_by only)


class Duty(StrEnum):
    """承办方式."""

    lead = "lead"  # 主承办
    joint = "joint"  # 共同承办
    co = "co"  # 协同承办
    support = "support"  # 配合、协助


class Scope(StrEnum):
    """承办范围."""

    whole = "whole"
    original_act = "original_act"  # 原行政行为部分
    reconsideration = "reconsideration"  # 复议部分


class AppearanceLevel(StrEnum):
    """负责人出庭要求."""

    head = "head"  # 正职/主要负责人应当出庭
    principal = "principal"  # 负责人应当出庭
    default = "default"  # 负责人应当出庭，有正当理由可委托相应工作人员（不得仅委托律师）
    exempt = "exempt"  # 可以不出庭
    not_applicable = "not_applicable"  # 本规定不适用（无庭审等）


class LossDefinition(StrEnum):
    """败诉的定义来源."""

    ordinance = "ordinance"  # 本规定界定了败诉
    default = "default"  # 本规定未界定，适用默认定义


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Out):
    """依据: ruleset, article, item and a verbatim quote of the ordinance.

    Where an article's opening clause (chapeau, 引导语: 有下列情形之一的，…应当…) decides and the
    item only says which case it is, `chapeau` holds the opening clause and `quote` the item;
    both are verbatim passages of the same article.
    """

    ruleset: str
    article: str
    item: str | None = None
    quote: str
    document: str | None = None  # which document of a combined text (偃师: 规范 / 细则)
    rule: str | None = None  # the rule id that carries this citation
    note: str | None = None  # the reading chosen where the text needed one
    chapeau: str | None = None  # the article's opening clause that decides (added field)

    @property
    def wording(self) -> str:
        """The cited words as one text: the chapeau, then the item (有下列情形之一的，…：……（一）…)."""
        if not self.chapeau:
            return self.quote
        return f"{self.chapeau}……{self.item or ''}{self.quote}"


class RulesetInfo(_Out):
    """规则集: which ordinance decided, and whether it was in force."""

    id: str
    title: str
    number: str | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    in_force: bool
    version: str | None = None  # 版本: which dated version of the city's ruleset decided (added field)


class CalendarInfo(_Out):
    """工作日历来源."""

    source: str
    official_years: list[int]


class Unit(_Out):
    """应诉承办单位."""

    role: Role
    name: str
    duty: Duty
    scope: Scope


class Undertaking(_Out):
    """应诉承办单位 / 应诉责任机关."""

    units: list[Unit] = Field(default_factory=list)
    designated_by: list[Role] = Field(default_factory=list)
    basis: list[Citation] = Field(default_factory=list)


class Appearance(_Out):
    """负责人出庭."""

    level: AppearanceLevel
    who: str | None = None
    basis: list[Citation] = Field(default_factory=list)
    who_basis: Citation | None = None  # the rule that names `who` (added field)


class Deadline(_Out):
    """期限."""

    id: str
    title: str
    due: date
    rule: str
    amount: int
    start: str
    start_date: date | None = None  # the date counted from (added field)
    provisional: bool = False
    basis: Citation


class Pending(_Out):
    """A deadline that applies but whose start is not yet known."""

    id: str
    waits_for: str


class Loss(_Out):
    """败诉."""

    is_loss: bool | None = None
    definition: LossDefinition
    basis: list[Citation] = Field(default_factory=list)


class RulesetDigest(_Out):
    """规则集出处: the content hash of the files a ruleset was loaded from."""

    id: str
    version: str | None = None  # the ruleset version that decided (dated versions)
    sha256: str  # SHA-256 (hex) of the files below, as read at load
    files: list[str] = Field(default_factory=list)  # rules.yaml and the ordinance (or statute) text


class CalendarData(_Out):
    """日历数据出处: the holidays package and the official arrangements the dates were counted with."""

    holidays: str  # the holidays package's version
    arrangements: list[str] = Field(default_factory=list)  # arrangement files (package, $YINGSU_ARRANGEMENTS)
    sha256: str  # SHA-256 of holidays' version and every arrangement's days


class Provenance(_Out):
    """出处: what produced this Decision (added field)."""

    yingsu: str  # the yingsu version
    ruleset: RulesetDigest  # the city's ruleset
    base: RulesetDigest  # the national base (statutory periods, default 败诉)
    calendar: CalendarData


class WarningDetail(_Out):
    """提示及其代码: a warning's stable machine-readable code beside its Chinese text (added field)."""

    code: str
    text: str
    subject: str | None = None  # what it is about: a fact, a rule id, a deadline id


class Decision(_Out):
    """决定: the four answers for one case under one city's ruleset."""

    city: str
    ruleset: RulesetInfo
    calendar: CalendarInfo
    undertaking: Undertaking
    appearance: Appearance
    deadlines: list[Deadline] = Field(default_factory=list)
    pending: list[Pending] = Field(default_factory=list)
    loss: Loss
    warnings: list[str] = Field(default_factory=list)
    trace: list[str] = Field(default_factory=list)
    warning_details: list[WarningDetail] = Field(default_factory=list)  # the warnings, each with its code (added)
    provenance: Provenance | None = None  # what produced this Decision (added; set by every evaluate)
