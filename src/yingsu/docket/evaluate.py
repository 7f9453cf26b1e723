"""Evaluating a docket (案件清单): every case decided, then what only the docket can tell.

Two linear passes over the entries: the first keeps what the first trial of the year needs
(yingsu.docket.first_trial.Key), the second decides each case once and hands it on (to a list,
or to a writer that streams it), while the figures and the agenda count it in compact form.
Nothing else is kept per case, so a docket of any size runs in memory proportional to its
agenda, not to its decisions.
"""
from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable, Iterator, Sequence

from ..engine import evaluate
from ..errors import CaseError
from ..facts import FACTS
from ..models import Case
from ..rulesets import CITIES
from .agenda import Agenda
from .figures import Tallies
from .first_trial import citations_text, derive, key_of, read_in, with_used
from .models import AgendaItem, Docket, DocketCase, DocketEntry, Figure, PendingItem, trusted
from .targets import first_trial_spec

Progress = Callable[[int, int], None]


@dataclass
class DocketRun:
    """A decided docket without its cases (they went to `on_case`): figures, agenda, notes."""

    today: date
    count: int
    by_city: dict[str, int]
    years: list[int]
    figures: list[Figure]
    agenda: Agenda
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def pending(self) -> list[PendingItem]:
        return self.agenda.pending

    def agenda_items(self) -> Iterator[AgendaItem]:
        return self.agenda.items()


@contextmanager
def gc_paused(exiting: bool = False):
    """No cyclic garbage collection while a docket runs: the decisions hold no cycles, and a
    collection over the many live objects of a large docket costs more than the decisions.

    `exiting`: the process ends after the docket (yingsu docket). What was made meanwhile is then
    moved to the collector's permanent generation (gc.freeze) rather than scanned once more as
    young objects when collection resumes."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if exiting:
            gc.freeze()
        if was:
            gc.enable()


def _notes(keys) -> list[str]:
    spec = first_trial_spec()
    notes = ["年度指标只计本清单中的案件：同一年度未列入清单的案件不在分子、分母之内。"]
    if spec is not None:
        notes.append(f"{FACTS[spec.fact].meaning}{citations_text()}按清单推导：假定清单包含该被告当年全部开庭审理的案件；"
                     + (spec.note or ""))
    notes.append("期限是否已经完成按清单的完成记录（done）：没有完成记录的期限，“逾期”只表示届满日早于今天。")
    unnamed = sorted({k.label for k in keys if "|kind|" in k.group and k.group.split("|")[2] != "government"})
    if unnamed:
        notes.append(
            "未署名的被告按类型和层级归为同一被告：" + "、".join(unnamed)
            + "；据此推导的年度第一件开庭案件和按机关的指标可能不准，请填写 defendant.name。"
        )
    return notes


def run_docket(entries: Sequence[DocketEntry], *, today: date, on_case: Callable[[DocketCase], None] | None = None,
               progress: Progress | None = None) -> DocketRun:
    """Decide every entry (iterated twice: `entries` must be re-iterable) and count the docket."""
    spec = first_trial_spec()
    keys, cities, served, memo = [], [], set(), {}
    for e in entries:  # pass 1: what the derivation needs
        case = e.case
        keys.append(key_of(e.id, case, spec, memo))
        cities.append(case.city._value_)  # an Enum's .value is a Python property
        when = case.events.served
        if when is not None:
            served.add(when.year)
    firsts, case_warnings = derive(keys, cities)
    warnings = [f"{k.id}：{w}" for k, ws in zip(keys, case_warnings) for w in ws]
    notes = _notes(keys)
    labels = [k.label for k in keys]
    del keys

    tallies, agenda = Tallies(today), Agenda(today)
    total = len(firsts)
    copied = {c: read_in(c) for c in set(cities)}  # where the derived fact is read: the case copied with it
    for n, e in enumerate(entries):  # pass 2: each case decided once
        eid, case, done = e.id, e.case, e.done
        ft = firsts[n]
        city = cities[n]
        if copied[city]:
            case = with_used(case, ft.used)
        decision = evaluate(case, today=today)
        tallies.add(case, decision, city, labels[n])
        problems = agenda.add(eid, city, decision, case.events.hearing, done)
        if problems:
            case_warnings[n] = [*case_warnings[n], *problems]
            warnings.extend(f"{eid}：{w}" for w in problems)
        if on_case is not None:
            on_case(trusted(DocketCase, id=eid, city=city, defendant=labels[n], first_trial_of_year=ft.model(),
                            decision=decision, warnings=case_warnings[n], done=done))
        if progress is not None:
            progress(n + 1, total)

    figures = tallies.figures()
    by_city = Counter(cities)
    present = [c for c in CITIES if c in by_city]
    agenda.add_periodic(sorted(served) or agenda.case_years() or [today.year], present)
    years = sorted(agenda.years() | {f.year for f in figures})
    return DocketRun(today=today, count=total, by_city=dict(by_city), years=years, figures=figures, agenda=agenda,
                     warnings=warnings, notes=notes)


def evaluate_docket(
    cases: Iterable[DocketEntry | Case | tuple[str, Case]],
    *,
    today: date | None = None,
    progress: Progress | None = None,
) -> Docket:
    """Decide every case of a docket; derive first_trial_of_year; yearly figures; the agenda.

    `cases`: DocketEntry items (from load_docket), Cases (ids '#1', '#2', …) or (id, Case)
    pairs. `today` (default: the real today) marks overdue deadlines. `progress(done, total)` is
    called while the cases are decided.
    """
    today = today or date.today()
    entries = _as_entries(cases)
    decided: list[DocketCase] = []
    with gc_paused():
        run = run_docket(entries, today=today, on_case=decided.append, progress=progress)
        agenda = list(run.agenda_items())
    return Docket(today=today, years=run.years, cases=decided, figures=run.figures, agenda=agenda,
                  pending=run.pending, warnings=run.warnings, notes=run.notes)


def _as_entries(cases: Iterable[DocketEntry | Case | tuple[str, Case]]) -> list[DocketEntry]:
    out: list[DocketEntry] = []
    seen: set[str] = set()
    for i, c in enumerate(cases, start=1):
        if isinstance(c, DocketEntry):
            e = c
        elif isinstance(c, Case):
            e = DocketEntry(id=f"#{i}", case=c)
        elif isinstance(c, tuple) and len(c) == 2 and isinstance(c[1], Case):
            e = DocketEntry(id=str(c[0]), case=c[1])
        else:
            raise TypeError(
                "evaluate_docket() takes DocketEntry items (load_docket), yingsu.Case objects or (id, Case) pairs; "
                f"item {i} is {type(c).__name__}"
            )
        if e.id in seen:
            raise CaseError(f"id: '{e.id}' is given to two cases of the docket", source=f"item {i}")
        seen.add(e.id)
        out.append(e)
    return out
