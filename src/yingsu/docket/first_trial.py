"""年度第一件开庭审理案件: derived over the docket, per defendant and year."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..models import Case, City, Session
from ..rulesets import get_ruleset
from .models import DocketEntry, FirstTrial


def _defendant_key(case: Case) -> tuple[str, str]:
    """(group key, label): the defendant's name, else its kind and level (the ruleset's default level)."""
    d = case.defendant
    if d.name and d.name.strip():
        return f"{case.city.value}|name|{d.name.strip()}", d.name.strip()
    level = d.level or get_ruleset(case.city.value).default_level
    lv = level.value if level is not None else "?"
    return f"{case.city.value}|kind|{d.kind.value}|{lv}", f"（未署名的 {d.kind.value}/{lv}）"


def _is_trial(case: Case) -> bool:
    """A 开庭审理 case: session trial, or no session given (a hearing date is a 开庭日期)."""
    return case.proceeding.session in (Session.trial, None)


def _first_trials(entries: list[DocketEntry]) -> dict[str, tuple[FirstTrial, list[str]]]:
    """Per case: the derived first_trial_of_year and the warnings about it."""
    groups: dict[tuple[str, int], list[tuple[date, int, DocketEntry]]] = defaultdict(list)
    for order, e in enumerate(entries):
        h = e.case.events.hearing
        if h is not None and _is_trial(e.case):
            groups[(_defendant_key(e.case)[0], h.year)].append((h, order, e))
    first_of: dict[tuple[str, int], DocketEntry] = {}
    ties: dict[str, list[str]] = {}
    for key, items in groups.items():
        items.sort(key=lambda x: (x[0], x[1]))
        first_of[key] = items[0][2]
        same_day = [x[2].id for x in items if x[0] == items[0][0]]
        if len(same_day) > 1:
            ties[items[0][2].id] = same_day[1:]

    by_id = {e.id: e for e in entries}
    out: dict[str, tuple[FirstTrial, list[str]]] = {}
    for e in entries:
        case, msgs = e.case, []
        given = case.proceeding.first_trial_of_year
        h = case.events.hearing
        label = _defendant_key(case)[1]
        art = "（新洲 第十四条）" if case.city is City.xianzhou else ""
        if not _is_trial(case):
            derived, year, first_id = False, h.year if h else None, None
        elif h is None:
            derived, year, first_id = None, None, None
        else:
            year = h.year
            first_e = first_of[(_defendant_key(case)[0], year)]
            derived, first_id = first_e.id == e.id, first_e.id
        used = given if derived is None else derived
        if derived is None and given:
            msgs.append(
                "proceeding.first_trial_of_year 为 true，但案件没有开庭日期（events.hearing），清单无法核实，按所填值处理"
            )
        elif derived is not None and given is not None and given != derived:
            if derived:
                msgs.append(
                    f"proceeding.first_trial_of_year 填为 false，但清单中 {label} {year} 年没有更早的开庭审理案件："
                    f"本案（开庭 {h}）是年度第一件，按 true 处理{art}"
                )
            elif not _is_trial(case):
                msgs.append(
                    f"proceeding.first_trial_of_year 填为 true，但本案不是开庭审理（proceeding.session: "
                    f"{case.proceeding.session.value}）：按 false 处理{art}"
                )
            else:
                fe = by_id[first_id]
                msgs.append(
                    f"proceeding.first_trial_of_year 填为 true，但清单中 {label} {year} 年第一件开庭审理的是 {first_id}"
                    f"（开庭 {fe.case.events.hearing}），本案开庭 {h}：按 false 处理{art}"
                )
        if e.id in ties:
            msgs.append(
                f"{label} {year} 年的首个开庭日 {h} 有多件案件开庭（另有 {'、'.join(ties[e.id])}）："
                "按清单顺序以本案为年度第一件，请核实"
            )
        out[e.id] = (FirstTrial(given=given, derived=derived, used=used, year=year, first_case=first_id), msgs)
    return out


