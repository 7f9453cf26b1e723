"""The docket's data (案件清单的数据): its entries, targets, periodic duties and results."""
from __future__ import annotations

from datetime import date
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..decision import Citation, Decision
from ..models import Case

M = TypeVar("M", bound=BaseModel)

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# BaseModel's own slots, set and read through their descriptors: what object.__setattr__ and
# getattr find for them, without looking them up on every call (a docket builds several models
# per case; map() over these is C code end to end)
_new = object.__new__
_dict_of = BaseModel.__dict__["__dict__"].__get__
_fields_set_of = BaseModel.__dict__["__pydantic_fields_set__"].__get__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def trusted(cls: type[M], **values: Any) -> M:
    """A model of values already checked, every field given (信任的数据): what
    ``cls.model_construct(**values)`` builds, without its loop over the fields and their defaults
    (a docket builds several per case). The field names are one set per class, shared."""
    m = _new(cls)
    _set_dict(m, values)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = set(cls.model_fields)
    if len(values) != len(names):
        raise TypeError(f"{cls.__name__}: every field must be given ({', '.join(names)})")
    _set_fields_set(m, names)
    _set_extra(m, None)
    _set_private(m, None)
    return m


_FIELDS: dict[type, set[str]] = {}


def replaced(model: M, name: str, value: Any) -> M:
    """``model.model_copy(update={name: value})`` for a frozen model and a checked value: a new
    object with the other values shared, without pydantic's generic copy."""
    m = _new(type(model))
    _set_dict(m, {**model.__dict__, name: value})
    _set_fields_set(m, model.__pydantic_fields_set__ | {name})
    _set_extra(m, model.__pydantic_extra__)
    _set_private(m, model.__pydantic_private__)
    return m


# --- input -------------------------------------------------------------------------------

class DocketEntry(_Model):
    """One case of the docket with its id (from the file, or its position: '#1', '#2', …) and
    what of it is done (已完成): deadline id -> the date it was met (None: met, date not given)."""

    id: str
    case: Case
    done: dict[str, date | None] = Field(default_factory=dict)


# --- targets and periodic duties (data: rulesets/<city>/targets.yaml) ---------------------

Op = Literal[">=", "<=", "<", ">"]


class Threshold(_Model):
    """目标值: one legible value, every possible reading of an uncertain one, or an unknown one."""

    op: Op
    text: str  # as the ordinance writes it: “？5%”, “5%以内”
    value: float | None = None
    candidates: list[float] = Field(default_factory=list)  # an uncertain text: every reading
    likely: float | None = None  # the most likely reading (shown, never used alone)
    unknown: str | None = None  # the value is set elsewhere and is not known here


class Target(_Model):
    """A yearly figure a city's ordinance asks for (or measures), with its article and quote."""

    id: str
    city: str
    title: str
    metric: str
    scope: Literal["agency", "all"] = "all"  # agency: the ordinance sets it for each 行政机关
    threshold: Threshold | None = None
    basis: Citation


class PeriodicSpec(_Model):
    id: str
    city: str
    months: list[int]
    day: int | Literal["last"]
    covers: Literal["previous_quarter", "previous_year"]
    unit: str
    to: str | None = None
    basis: Citation


class PeriodicDuty(_Model):
    """A periodic duty (周期性义务) of one year: due on a fixed date, not moved (rule `fixed`)."""

    id: str
    city: str
    title: str
    due: date
    rule: Literal["fixed"] = "fixed"
    period: str  # what it reports on: 2025年第四季度, 2025年度
    unit: str
    to: str | None = None
    provisional: bool = False
    basis: Citation


# --- output ------------------------------------------------------------------------------

class FirstTrial(_Model):
    """年度第一件开庭审理案件: the given value, the docket's, and the one used."""

    given: bool | None = None
    derived: bool | None = None  # None: cannot be derived (no hearing date)
    used: bool | None = None
    year: int | None = None
    first_case: str | None = None  # id of that defendant's first trial case of the year


class DocketCase(_Model):
    id: str
    city: str
    defendant: str  # the defendant as the docket groups it: its name, else kind/level
    first_trial_of_year: FirstTrial
    decision: Decision
    warnings: list[str] = Field(default_factory=list)  # what the docket found about this case
    done: dict[str, date | None] = Field(default_factory=dict)  # the entry's done record


Status = Literal["met", "not_met", "undetermined", "not_computable", "no_target", "no_data"]


class Reading(_Model):
    threshold: float
    met: bool


class Excluded(_Model):
    reason: str
    count: int


class DefendantFigure(_Model):
    defendant: str
    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None
    status: Status


class Figure(_Model):
    """A yearly figure of one city against its target (or without one), with its basis."""

    id: str
    city: str
    year: int
    title: str
    metric: str
    kind: Literal["rate", "count"] = "rate"
    basis: Citation
    threshold: Threshold | None = None
    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None
    bound: Literal["exact", "upper"] | None = None  # upper: the true figure is at most `value`
    status: Status
    readings: list[Reading] = Field(default_factory=list)
    computed_from: str
    cannot_compute: str | None = None
    shown_as: str | None = None  # how the report introduces the figure (an upper bound's stand-in)
    excluded: list[Excluded] = Field(default_factory=list)
    by_defendant: list[DefendantFigure] = Field(default_factory=list)


AgendaStatus = Literal["done", "overdue", "open", "hearing"]


class AgendaItem(_Model):
    """One dated duty: a case deadline, a periodic duty or a hearing (开庭), with who must act.

    status: done (已完成: the docket's `done` record says so), overdue (逾期: past and not
    recorded as done), open (未到期), hearing (a hearing date, not a duty)."""

    due: date
    kind: Literal["case", "periodic", "hearing"]
    city: str
    case_id: str | None = None
    deadline: str
    title: str
    units: list[str] = Field(default_factory=list)
    designated_by: list[str] = Field(default_factory=list)  # still to be designated by
    period: str | None = None
    rule: str
    provisional: bool = False
    overdue: bool  # past its date and not recorded as done
    days_left: int
    basis: Citation | None = None  # None for a hearing date (set by the court, not by an article)
    status: AgendaStatus = "open"
    done_on: date | None = None  # when it was met, if the done record says


class PendingItem(_Model):
    case_id: str
    city: str
    deadline: str
    title: str
    waits_for: str


class Docket(_Model):
    """The result of a docket: every case decided, the yearly figures, the agenda."""

    today: date
    years: list[int]
    cases: list[DocketCase]
    figures: list[Figure]
    agenda: list[AgendaItem]
    pending: list[PendingItem]
    warnings: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # what the figures and the agenda assume

