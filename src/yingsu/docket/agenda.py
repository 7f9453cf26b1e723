"""The agenda (待办期限): every deadline of every case and the periodic duties, in date order.

Collected one decided case at a time in compact rows (a tuple per deadline, the units once per
case); AgendaItem models are built only when the agenda is read.
"""
from __future__ import annotations

from datetime import date
from typing import Iterator

from ..catalogue import DEADLINES, ROLE_LABELS
from ..decision import Decision, Duty
from ..rulesets import CITIES
from .models import AgendaItem, PendingItem
from .targets import periodic

_ORDER = {d: i for i, d in enumerate(DEADLINES)}


def acting(decision: Decision) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who must act on a case's deadlines: the lead and joint undertaking units (else all units)."""
    units = [u for u in decision.undertaking.units if u.duty in (Duty.lead, Duty.joint)] or decision.undertaking.units
    names = tuple(dict.fromkeys(u.name for u in units))
    return names, tuple(ROLE_LABELS[r] for r in decision.undertaking.designated_by)


class Agenda:
    """The agenda's rows, added case by case; read back as AgendaItems in date order."""

    def __init__(self, today: date):
        self.today = today
        self._cases: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []  # id, city, units, designated_by
        self._rows: list[tuple] = []
        self._periodic: list[tuple] = []
        self.pending: list[PendingItem] = []
        self._sorted = False

    def add(self, case_id: str, city: str, decision: Decision) -> None:
        n = len(self._cases)
        units, by = acting(decision)
        self._cases.append((case_id, city, units, by))
        for dl in decision.deadlines:
            self._rows.append((dl.due, 1, n, _ORDER.get(dl.id, len(_ORDER)), dl.id, dl.title, dl.rule,
                               dl.provisional, dl.basis))
        for p in decision.pending:
            self.pending.append(PendingItem(case_id=case_id, city=city, deadline=p.id, title=DEADLINES[p.id],
                                            waits_for=p.waits_for))
        self._sorted = False

    def add_periodic(self, years: list[int], cities: list[str]) -> None:
        """The periodic duties of the docket's years: those due in a year, and the next year's reports on it."""
        for year in years:
            for city in cities:
                duties = periodic(city, year) + [d for d in periodic(city, year + 1) if d.period.startswith(f"{year}年")]
                for duty in duties:
                    item = AgendaItem(
                        due=duty.due, kind="periodic", city=city, deadline=duty.id,
                        title=f"{duty.title}（{duty.period}）", units=[duty.unit], period=duty.period,
                        rule=duty.rule, provisional=duty.provisional, overdue=duty.due < self.today,
                        days_left=(duty.due - self.today).days, basis=duty.basis,
                    )
                    self._rows.append((duty.due, 0, CITIES.index(city), 0, item))
        self._sorted = False

    def case_years(self) -> list[int]:
        return sorted({r[0].year for r in self._rows if r[1] == 1})

    def years(self) -> set[int]:
        return {r[0].year for r in self._rows}

    def __len__(self) -> int:
        return len(self._rows)

    def overdue(self) -> int:
        return sum(r[0] < self.today for r in self._rows)

    def items(self) -> Iterator[AgendaItem]:
        """Every item in date order (built one at a time)."""
        if not self._sorted:
            self._rows.sort(key=lambda r: r[:4])
            self._sorted = True
        today = self.today
        for row in self._rows:
            if row[1] == 0:
                yield row[4]
                continue
            due, _, n, _, did, title, rule, provisional, basis = row
            case_id, city, units, by = self._cases[n]
            yield AgendaItem(
                due=due, kind="case", city=city, case_id=case_id, deadline=did, title=title, units=list(units),
                designated_by=list(by), rule=rule, provisional=provisional, overdue=due < today,
                days_left=(due - today).days, basis=basis,
            )
