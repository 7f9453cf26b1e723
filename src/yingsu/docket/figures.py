"""Yearly figures (年度指标) of each city against its targets: one generic tally for every metric.

What a metric counts is data (rulesets/national/metrics.yaml, yingsu.docket.targets.Metric);
this module only counts: per case, the first exclusion that holds leaves it out (with its
reason), else a case in the denominator (or counted) adds to its year, and to its defendant's.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Callable, Iterable, NamedTuple

from ..decision import Decision
from ..models import Case
from ..rulesets import CITIES
from .facts import CaseValues
from .models import DefendantFigure, Excluded, Figure, Reading, Status, Target, Threshold
from .targets import Metric, load_targets, metrics


class _Tally:
    """Numerators and denominators of one metric, per (year, defendant); the year's own figures
    are their sums (read once, when the figures are made)."""

    __slots__ = ("cells", "excluded", "_years")

    def __init__(self) -> None:
        self.cells: dict[tuple[int, str], list[int]] = {}  # (year, defendant) -> [numerator, denominator]
        self.excluded: dict[tuple[int | None, str], int] = {}  # (year, reason) -> cases left out
        self._years: dict[int, list[tuple[str, int, int]]] | None = None  # the cells by year, once counted

    def add(self, year: int, defendant: str, hit: bool) -> None:
        cell = self.cells.get((year, defendant))
        if cell is None:
            self.cells[year, defendant] = [1 if hit else 0, 1]
        else:
            cell[0] += hit
            cell[1] += 1

    def skip(self, year: int | None, reason: str) -> None:
        key = (year, reason)
        self.excluded[key] = self.excluded.get(key, 0) + 1

    def years(self) -> set[int]:
        return {y for y, _ in self.cells}

    def of_year(self, year: int) -> tuple[int, int, list[tuple[str, int, int]]]:
        """(numerator, denominator, [(defendant, numerator, denominator)] by defendant) of a year
        (read once counting is done)."""
        if self._years is None:
            self._years = defaultdict(list)
            for (y, who), (n, d) in sorted(self.cells.items()):
                self._years[y].append((who, n, d))
        by = self._years.get(year, [])
        return sum(n for _, n, _ in by), sum(d for _, _, d in by), by

    def excluded_in(self, year: int | None) -> list[tuple[str, int]]:
        return sorted((r, c) for (y, r), c in self.excluded.items() if y == year)


class _Counting(NamedTuple):
    """How a metric counts one case, as its compiled tests (`.fast`, read once per docket
    rather than once per case): the dates that place it in a year, the exclusions with their
    reasons, the denominator (or what a count counts), the numerator, the undated reason."""

    year: tuple[str, ...]
    exclude: tuple[tuple[Callable[[CaseValues], bool], str], ...]
    denominator: Callable[[CaseValues], bool]
    numerator: Callable[[CaseValues], bool] | None
    undated: str | None

    @classmethod
    def of(cls, m: Metric) -> "_Counting":
        return cls(m.year, tuple((when.fast, reason) for when, reason in m.exclude), m.denominator.fast,
                   None if m.numerator is None else m.numerator.fast, m.undated)


class Tallies:
    """The figures' counts, one decided case at a time (a linear pass; nothing per case is kept)."""

    def __init__(self, today: date):
        self.today = today
        self._metrics: dict[str, list[Metric]] = {}  # city -> the computable metrics its targets name
        self._t: dict[str, dict[str, _Tally]] = {}
        # city -> the metrics grouped by how they count: the group's counting (_Counting) and its one tally
        self._groups: dict[str, list[tuple[_Counting, _Tally]]] = {}
        self._served: dict[str, set[int]] = defaultdict(set)

    def _city(self, city: str) -> list[Metric]:
        found = self._metrics.get(city)
        if found is None:
            known = metrics(city)
            used = dict.fromkeys(t.metric for t in load_targets(city)[0])
            found = [known[m] for m in used if known[m].figure != "not_computable"]
            self._metrics[city] = found
            # metrics that count alike (the same conditions, dates and reasons: targets compiles
            # equal conditions once) are counted once per case, into one tally they share
            groups: dict[tuple, tuple[Metric, _Tally]] = {}
            tallies = self._t[city] = {}
            for m in found:
                key = (m.numerator, m.denominator, m.year, m.exclude, m.undated)
                if key not in groups:
                    groups[key] = (m, _Tally())
                tallies[m.id] = groups[key][1]
            self._groups[city] = [(_Counting.of(m), tally) for m, tally in groups.values()]
        return found

    def add(self, case: Case, decision: Decision, city: str, defendant: str) -> None:
        groups = self._groups.get(city)
        if groups is None:
            self._city(city)
            groups = self._groups[city]
        served = case.events.served
        if served is not None:
            self._served[city].add(served.year)
        values = CaseValues()
        values.case, values.decision, values.today = case, decision, self.today
        for (year_from, exclude, denominator, numerator, undated), tally in groups:
            year = None
            for name in year_from:
                d = values[name]
                if d is not None:
                    year = d.year
                    break
            for left_out, reason in exclude:
                if left_out(values):
                    tally.skip(year, reason)
                    break
            else:
                if denominator(values):
                    if year is None:
                        tally.skip(None, undated)
                    else:
                        tally.add(year, defendant, True if numerator is None else numerator(values))

    def figures(self) -> list[Figure]:
        out: list[Figure] = []
        for city in CITIES:
            if city not in self._t:
                continue
            t = self._t[city]
            years = sorted({y for tally in t.values() for y in tally.years()})
            if not years:  # nothing counted yet: the years the city's cases were served
                years = sorted(self._served[city])
            targets = load_targets(city)[0]
            known = metrics(city)
            for year in years:
                for target in targets:
                    out.append(_figure(target, known[target.metric], year, t.get(target.metric)))
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


def _figure(target: Target, metric: Metric, year: int, tally: _Tally | None) -> Figure:
    rate = metric.kind == "rate"
    common = dict(
        id=target.id, city=target.city, year=year, title=target.title, metric=target.metric, kind=metric.kind,
        basis=target.basis, threshold=target.threshold, computed_from=metric.computed_from,
        cannot_compute=metric.cannot_compute, shown_as=metric.shown_as,
    )
    if tally is None:  # not computable from the Case
        return Figure(**common, status="not_computable")
    num, den, cells = tally.of_year(year)
    value = (num / den if den else None) if rate else float(num)
    status, readings = _status(value, target.threshold, metric.figure)
    by = []
    if target.scope == "agency" or target.threshold is None:
        for who, n, d in cells:
            v = (n / d if d else None) if rate else float(n)
            by.append(DefendantFigure(defendant=who, numerator=n, denominator=d if rate else None,
                                      value=v, status=_status(v, target.threshold, metric.figure)[0]))
    # exclusions of this year, and those that could not be given a year at all (shown in every year)
    excluded = [Excluded(reason=r, count=c) for y in (year, None) for r, c in tally.excluded_in(y)]
    return Figure(
        **common, numerator=num, denominator=den if rate else None, value=value,
        bound=metric.figure, status=status, readings=readings, excluded=excluded, by_defendant=by,
    )


def figures_of(rows: Iterable[tuple[Case, Decision, str, str]], today: date) -> list[Figure]:
    """The figures of (case, decision, city, defendant) rows."""
    t = Tallies(today)
    for row in rows:
        t.add(*row)
    return t.figures()
