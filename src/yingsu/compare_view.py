"""Comparison view (比较表): one case under several cities, one column per city.

Rows whose cells differ between cities are marked with ≠ so the differences stand out.
The table is Markdown, readable in a terminal and in docs/comparison.md alike.
"""
from __future__ import annotations

from .catalogue import DEADLINES
from .decision import Citation, Decision
from .explain import DUTY_LABELS, LEVEL_LABELS, SCOPE_LABELS

_SHORT_LEVEL = {
    "head": "正职出庭",
    "principal": "负责人出庭",
    "default": "负责人出庭（可委托）",
    "exempt": "可不出庭",
    "not_applicable": "不适用",
}
assert set(_SHORT_LEVEL) == set(LEVEL_LABELS)


def _ref(citations: list[Citation] | Citation | None) -> str:
    if not citations:
        return ""
    if isinstance(citations, Citation):
        citations = [citations]
    refs = []
    for c in citations:
        r = f"{c.document or ''}{c.article}{c.item or ''}"
        if c.ruleset == "national":
            r = f"{c.document}{c.article}{c.item or ''}"
        if r not in refs:
            refs.append(r)
    return "；".join(refs)


def comparison_rows(decisions: dict[str, Decision]) -> list[tuple[str, dict[str, tuple[str, str]]]]:
    """(row label, {city: (value, basis)}) for every row of the comparison."""
    rows: list[tuple[str, dict[str, tuple[str, str]]]] = []

    def row(label, cell):
        rows.append((label, {city: cell(d) for city, d in decisions.items()}))

    def units(d: Decision) -> tuple[str, str]:
        parts = [
            f"{u.name}（{DUTY_LABELS[u.duty.value]}{'' if u.scope.value == 'whole' else '·' + SCOPE_LABELS[u.scope.value]}）"
            for u in d.undertaking.units
        ]
        if d.undertaking.designated_by:
            parts.append("待指定：" + "、".join(r.value for r in d.undertaking.designated_by))
        return ("；".join(parts) or "无法确定", _ref(d.undertaking.basis))

    row("应诉承办单位", units)
    row("负责人出庭", lambda d: (_SHORT_LEVEL[d.appearance.level.value], _ref(d.appearance.basis)))
    row("出庭人", lambda d: (d.appearance.who or "—", _ref(d.appearance.who_basis)))
    ids = [i for i in DEADLINES if any(_has(d, i) for d in decisions.values())]
    for i in ids:
        def cell(d: Decision, i=i) -> tuple[str, str]:
            for dl in d.deadlines:
                if dl.id == i:
                    return (dl.due.isoformat() + ("（暂定）" if dl.provisional else ""), _ref(dl.basis))
            for p in d.pending:
                if p.id == i:
                    return (f"待定（缺 {p.waits_for}）", "")
            return ("—", "")

        row(f"{DEADLINES[i]}（{i}）", cell)
    verdict = {True: "败诉", False: "不是败诉", None: "尚无结果"}
    row(
        "是否败诉",
        lambda d: (
            verdict[d.loss.is_loss] + ("" if d.loss.definition.value == "ordinance" else "（默认定义）"),
            _ref(d.loss.basis),
        ),
    )
    row("施行中", lambda d: ("是" if d.ruleset.in_force else "否", ""))
    return rows


def _has(d: Decision, deadline_id: str) -> bool:
    return any(x.id == deadline_id for x in d.deadlines) or any(p.id == deadline_id for p in d.pending)


def render_table(decisions: dict[str, Decision], basis: bool = False) -> str:
    """The comparison as a Markdown table; ≠ marks rows that differ between cities."""
    cities = list(decisions)
    lines = ["| | " + " | ".join(cities) + " |", "|---|" + "---|" * len(cities)]
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
