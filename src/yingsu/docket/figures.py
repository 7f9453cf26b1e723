"""Yearly figures (年度指标) of each city against its targets."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..decision import AppearanceLevel
from ..models import Case
from ..rulesets import CITIES
from .models import DefendantFigure, DocketCase, DocketEntry, Excluded, Figure, Reading, Status, Target, Threshold
from .targets import METRICS, load_targets

# --- yearly figures ----------------------------------------------------------------------

_DUTY_LEVELS = {AppearanceLevel.head, AppearanceLevel.principal, AppearanceLevel.default}


def _outcome_year(case: Case) -> int | None:
    ev = case.events
    d = ev.judgment_served or ev.judgment_effective or ev.case_closed
    return d.year if d else None


class _Tally:
    """Numerators and denominators of one metric, per year and per (year, defendant)."""

    def __init__(self) -> None:
        self.num: dict[int, int] = defaultdict(int)
        self.den: dict[int, int] = defaultdict(int)
        self.by: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        self.excluded: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(self, year: int, defendant: str, hit: bool) -> None:
        self.den[year] += 1
        self.num[year] += int(hit)
        cell = self.by[year][defendant]
        cell[0] += int(hit)
        cell[1] += 1

    def skip(self, year: int | None, reason: str) -> None:
        self.excluded[year][reason] += 1


def _tallies(entries: list[DocketEntry], decided: list[DocketCase], today: date) -> dict[str, dict[str, _Tally]]:
    """city -> metric -> tally, for the computable metrics."""
    out: dict[str, dict[str, _Tally]] = defaultdict(lambda: defaultdict(_Tally))
    for e, dc in zip(entries, decided):
        case, d, city, who = e.case, dc.decision, dc.city, dc.defendant
        t = out[city]
        # 败诉率
        year = _outcome_year(case)
        if d.loss.is_loss is None:
            if case.outcome is not None:
                t["loss_rate"].skip(year, "有裁判结果但无法判定是否败诉")
        elif year is None:
            t["loss_rate"].skip(None, "有裁判结果但没有收到裁判文书、生效或结案日期（未计入任何年度）")
        else:
            t["loss_rate"].add(year, who, bool(d.loss.is_loss))
        # 负责人出庭率
        hy = case.events.hearing.year if case.events.hearing else None
        level = d.appearance.level
        if level in _DUTY_LEVELS:
            if hy is None:
                t["principal_appearance_rate"].skip(None, "负责人应当出庭但没有开庭日期（未计入任何年度）")
            elif case.principal_appeared is None and case.events.hearing > today:
                t["principal_appearance_rate"].skip(hy, "尚未开庭（开庭日期在今天之后）")
            elif case.principal_appeared is None:
                t["principal_appearance_rate"].skip(hy, "负责人应当出庭但未记载是否出庭（principal_appeared）")
            else:
                t["principal_appearance_rate"].add(hy, who, case.principal_appeared)
        elif level is AppearanceLevel.exempt and hy is not None:
            t["principal_appearance_rate"].skip(hy, "负责人可以不出庭（exempt），不计入")
        # 司法建议书
        s = case.events.suggestion_received
        if s is not None:
            t["judicial_suggestion_failure"].add(s.year, who, True)
    return out


def _status(value: float | None, th: Threshold | None, bound: str | None) -> tuple[Status, list[Reading]]:
    if th is None:
        return "no_target", []
    if th.unknown is not None:
        return "not_computable", []
    if value is None:
        return "no_data", []
    levels = th.candidates or [th.value]
    ok = {">=": lambda v, x: v >= x, "<=": lambda v, x: v <= x, "<": lambda v, x: v < x, ">": lambda v, x: v > x}[th.op]
    readings = [Reading(threshold=x, met=ok(value, x)) for x in levels]
    met_all = all(r.met for r in readings)
    met_none = not any(r.met for r in readings)
    if bound == "upper":
        # the true figure is at most `value`: only "at least" targets missed, or "at most" targets met, are certain
        if th.op in (">=", ">"):
            return ("not_met" if met_none else "undetermined"), readings
        return ("met" if met_all else "undetermined"), readings
    if met_all:
        return "met", readings
    if met_none:
        return "not_met", readings
    return "undetermined", readings


def _figures(entries: list[DocketEntry], decided: list[DocketCase], today: date) -> list[Figure]:
    tallies = _tallies(entries, decided, today)
    out: list[Figure] = []
    for city in CITIES:
        if city not in tallies:
            continue
        targets, _ = load_targets(city)
        t = tallies[city]
        years = sorted({y for name in ("loss_rate", "principal_appearance_rate") for y in t[name].den})
        if not years:  # nothing tried or decided yet: the years the city's cases were served
            years = sorted({e.case.events.served.year for e in entries
                            if e.case.city.value == city and e.case.events.served}) or []
        for year in years:
            for target in targets:
                out.append(_figure(target, year, t))
    return out


def _figure(target: Target, year: int, t: dict[str, _Tally]) -> Figure:
    metric = METRICS[target.metric]
    source = "principal_appearance_rate" if target.metric == "principal_speaking_rate" else target.metric
    common = dict(
        id=target.id, city=target.city, year=year, title=target.title, metric=target.metric, basis=target.basis,
        threshold=target.threshold, computed_from=metric.computed_from, cannot_compute=metric.cannot_compute,
    )
    if not metric.computable:
        return Figure(**common, status="not_computable")
    tally = t[source]
    den = tally.den.get(year, 0)
    num = tally.num.get(year, 0)
    if metric.kind == "rate":
        value = num / den if den else None
    else:
        value = float(num)
    status, readings = _status(value, target.threshold, metric.bound)
    by = []
    if target.scope == "agency" or target.threshold is None:
        for who, (n, d) in sorted(tally.by.get(year, {}).items()):
            v = (n / d if d else None) if metric.kind == "rate" else float(n)
            by.append(DefendantFigure(defendant=who, numerator=n, denominator=d if metric.kind == "rate" else None,
                                      value=v, status=_status(v, target.threshold, metric.bound)[0]))
    # exclusions of this year, and those that could not be given a year at all (shown in every year)
    excluded = [Excluded(reason=r, count=c) for y in (year, None) for r, c in sorted(tally.excluded.get(y, {}).items())]
    return Figure(
        **common, numerator=num, denominator=den if metric.kind == "rate" else None, value=value,
        bound=metric.bound, status=status, readings=readings, excluded=excluded, by_defendant=by,
    )


