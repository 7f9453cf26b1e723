"""Comparison view (比较表): one case under several cities, one column per city.

Rows whose cells differ between cities are marked with ≠ so the differences stand out.
The table is Markdown, readable in a terminal and in docs/comparison.md alike.
"""
from __future__ import annotations

from .decision import Decision
from .labels import city_label, label, values
from .presentation import date_text, designated_text, level_text, refs_text, unit_text, verdict_text, waits_label


def comparison_rows(decisions: dict[str, Decision]) -> list[tuple[str, dict[str, tuple[str, str]]]]:
    """(row label, {city: (value, basis)}) for every row of the comparison."""
    rows: list[tuple[str, dict[str, tuple[str, str]]]] = []

    def row(label, cell):
        rows.append((label, {city: cell(d) for city, d in decisions.items()}))

    def units(d: Decision) -> tuple[str, str]:
        parts = [unit_text(u, short=True) for u in d.undertaking.units]
        if d.undertaking.designated_by:
            parts.append(designated_text(d.undertaking.designated_by))
        return ("；".join(parts) or "无法确定", refs_text(d.undertaking.basis))

    row("应诉承办单位", units)
    row("负责人出庭", lambda d: (level_text(d.appearance.level, short=True), refs_text(d.appearance.basis)))
    row("出庭人", lambda d: (d.appearance.who or "—", refs_text(d.appearance.who_basis)))
    ids = [i for i in values("deadline") if any(_has(d, i) for d in decisions.values())]
    for i in ids:
        def cell(d: Decision, i=i) -> tuple[str, str]:
            for dl in d.deadlines:
                if dl.id == i:
                    return (date_text(dl.due) + ("（暂定）" if dl.provisional else ""), refs_text(dl.basis))
            for p in d.pending:
                if p.id == i:
                    return (f"待定（尚缺“{waits_label(p.waits_for)}”）", "")
            return ("—", "")

        row(label("deadline", i), cell)
    row("是否败诉", lambda d: (verdict_text(d.loss, short=True), refs_text(d.loss.basis)))
    row("施行中", lambda d: ("是" if d.ruleset.in_force else "否", ""))
    return rows


def _has(d: Decision, deadline_id: str) -> bool:
    return any(x.id == deadline_id for x in d.deadlines) or any(p.id == deadline_id for p in d.pending)


def render_table(decisions: dict[str, Decision], basis: bool = False) -> str:
    """The comparison as a Markdown table; ≠ marks rows that differ between cities."""
    cities = list(decisions)
    lines = ["| | " + " | ".join(city_label(c) for c in cities) + " |", "|---|" + "---|" * len(cities)]
    for label, cells in comparison_rows(decisions):
        values = [cells[c][0] for c in cities]
        differs = len(set(values)) > 1
        shown = []
        for c in cities:
            value, ref = cells[c]
            text = f"**{value}**" if differs else value
            if basis and ref:
                text += f"<br>〔{ref}〕"
            shown.append(text.replace("|", "\\|"))
        lines.append(f"| {'≠ ' if differs else ''}{label} | " + " | ".join(shown) + " |")
    return "\n".join(lines)
