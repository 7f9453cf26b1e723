"""Evaluating a docket (案件清单): every case decided, then what only the docket can tell."""
from __future__ import annotations

from datetime import date
from typing import Callable, Iterable

from ..engine import evaluate
from ..errors import CaseError
from ..models import Case
from .agenda import _agenda
from .figures import _figures
from .first_trial import _defendant_key, _first_trials
from .models import Docket, DocketCase, DocketEntry

def evaluate_docket(
    cases: Iterable[DocketEntry | Case | tuple[str, Case]],
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Docket:
    """Decide every case of a docket; derive first_trial_of_year; yearly figures; the agenda.

    `cases`: DocketEntry items (from load_docket), Cases (ids '#1', '#2', …) or (id, Case)
    pairs. `today` (default: the real today) marks overdue deadlines. `progress(done, total)` is
    called while the cases are decided.
    """
    today = today or date.today()
    entries = _as_entries(cases)
    warnings: list[str] = []
    notes: list[str] = [
        "年度指标只计本清单中的案件：同一年度未列入清单的案件不在分子、分母之内。",
        "年度第一件开庭审理案件（新洲 第十四条）按清单推导：假定清单包含该被告当年全部开庭审理的案件；"
        "proceeding.session 未填写而有开庭日期的，按开庭审理处理。",
        "期限是否已经完成不在案件数据中：“已过期”只表示届满日早于今天。",
    ]

    first = _first_trials(entries)
    unnamed = sorted({label for key, label in (_defendant_key(e.case) for e in entries) if "|kind|" in key
                      and not key.split("|")[2] == "government"})
    if unnamed:
        notes.append(
            "未署名的被告按类型和层级归为同一被告：" + "、".join(unnamed)
            + "；据此推导的年度第一件开庭案件和按机关的指标可能不准，请填写 defendant.name。"
        )

    decided: list[DocketCase] = []
    total = len(entries)
    for n, e in enumerate(entries, start=1):
        ft, case_warnings = first[e.id]
        case = e.case
        if ft.used != case.proceeding.first_trial_of_year:
            case = case.model_copy(
                update={"proceeding": case.proceeding.model_copy(update={"first_trial_of_year": ft.used})}
            )
        decision = evaluate(case, today=today)
        decided.append(DocketCase(
            id=e.id, city=case.city.value, defendant=_defendant_key(case)[1], first_trial_of_year=ft,
            decision=decision, warnings=case_warnings,
        ))
        warnings.extend(f"{e.id}：{w}" for w in case_warnings)
        if progress is not None:
            progress(n, total)

    figures = _figures(entries, decided, today)
    agenda, pending = _agenda(entries, decided, today)
    years = sorted({x.due.year for x in agenda} | {f.year for f in figures})
    return Docket(today=today, years=years, cases=decided, figures=figures, agenda=agenda, pending=pending,
                  warnings=warnings, notes=notes)


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


