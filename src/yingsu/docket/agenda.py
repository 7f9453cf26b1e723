"""The agenda (待办期限): every deadline of every case and the periodic duties, in date order."""
from __future__ import annotations

from datetime import date

from ..catalogue import DEADLINES, ROLE_LABELS
from ..decision import Decision, Duty
from ..rulesets import CITIES
from .models import AgendaItem, DocketCase, DocketEntry, PendingItem
from .targets import periodic

# --- the agenda --------------------------------------------------------------------------

def _acting(decision: Decision) -> tuple[list[str], list[str]]:
    """Who must act on a case's deadlines: the lead and joint undertaking units (else all units)."""
    units = [u for u in decision.undertaking.units if u.duty in (Duty.lead, Duty.joint)] or decision.undertaking.units
    names = list(dict.fromkeys(u.name for u in units))
    return names, [ROLE_LABELS[r] for r in decision.undertaking.designated_by]


def _agenda(entries: list[DocketEntry], decided: list[DocketCase], today: date) -> tuple[list[AgendaItem], list[PendingItem]]:
    order = list(DEADLINES)
    rows: list[tuple[tuple, AgendaItem]] = []
    pending: list[PendingItem] = []
    for n, dc in enumerate(decided):
        units, by = _acting(dc.decision)
        for dl in dc.decision.deadlines:
            item = AgendaItem(
                due=dl.due, kind="case", city=dc.city, case_id=dc.id, deadline=dl.id, title=dl.title,
                units=units, designated_by=by, rule=dl.rule, provisional=dl.provisional,
                overdue=dl.due < today, days_left=(dl.due - today).days, basis=dl.basis,
            )
            rows.append(((dl.due, 1, n, order.index(dl.id)), item))
        for p in dc.decision.pending:
            pending.append(PendingItem(case_id=dc.id, city=dc.city, deadline=p.id, title=DEADLINES[p.id],
                                       waits_for=p.waits_for))
    # the docket's years: those its cases were served in (else those its deadlines fall in)
    years = sorted({e.case.events.served.year for e in entries if e.case.events.served}) or sorted(
        {key[0].year for key, _ in rows}) or [today.year]
    cities = [c for c in CITIES if any(dc.city == c for dc in decided)]
    for year in years:
        for city in cities:
            # the duties falling due in the year, and the next year's reports on this year
            duties = periodic(city, year) + [d for d in periodic(city, year + 1) if d.period.startswith(f"{year}年")]
            for duty in duties:
                item = AgendaItem(
                    due=duty.due, kind="periodic", city=city, deadline=duty.id, title=f"{duty.title}（{duty.period}）",
                    units=[duty.unit], period=duty.period, rule=duty.rule, provisional=duty.provisional,
                    overdue=duty.due < today, days_left=(duty.due - today).days, basis=duty.basis,
                )
                rows.append(((duty.due, 0, CITIES.index(city), 0), item))
    rows.sort(key=lambda r: r[0])
    return [item for _, item in rows], pending


