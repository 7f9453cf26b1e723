"""Explanation (说明): a decision as text a legal-affairs officer reads, each line with its basis.

All words come from yingsu.presentation (and through it the label catalogue); no contract id
is printed.
"""
from __future__ import annotations

from datetime import date

from .decision import Citation, Decision
from .presentation import (
    citation_text,
    counting_text,
    date_text,
    days_left_text,
    designated_text,
    level_text,
    officer_text,
    pending_text,
    ruleset_text,
    unit_text,
    verdict_text,
)
from .labels import label


def cite(c: Citation) -> str:
    """【新洲 第九条（一）】“…” — the citation as one bracketed reference and its quote."""
    return citation_text(c)


def explain(decision: Decision, today: date | None = None) -> str:
    """The decision as Chinese text: one line per finding, each followed by its basis.

    With `today`, each deadline also says how many days remain."""
    d = decision
    out = [ruleset_text(d.ruleset, d.city)]
    out.append("")
    out.append("一、应诉承办单位")
    for u in d.undertaking.units:
        out.append(f"  {unit_text(u)}")
    if d.undertaking.designated_by:
        out.append(f"  {designated_text(d.undertaking.designated_by)}")
    if not d.undertaking.units and not d.undertaking.designated_by:
        out.append("  无法确定（见提示）")
    out.extend(f"    依据：{cite(c)}" for c in d.undertaking.basis)
    out.append("")
    out.append("二、负责人出庭")
    a = d.appearance
    out.append(f"  {level_text(a.level)}" + (f"：{a.who}" if a.who else ""))
    out.extend(f"    依据：{cite(c)}" for c in a.basis)
    out.append("")
    out.append("三、期限")
    for dl in d.deadlines:
        extra = [days_left_text(dl.due, today)] if today is not None else []
        if dl.provisional:
            extra.append("暂定")
        flag = f"（{'；'.join(extra)}）" if extra else ""
        out.append(f"  {date_text(dl.due)}{flag}  {label('deadline', dl.id)}")
        out.append(f"    计算：{counting_text(dl.rule, dl.amount, dl.start, dl.start_date)}")
        out.append(f"    依据：{cite(dl.basis)}")
    for p in d.pending:
        out.append(f"  {pending_text(p)}")
    if not d.deadlines and not d.pending:
        out.append("  无")
    out.append("")
    out.append("四、是否败诉")
    out.append(f"  {verdict_text(d.loss)}")
    out.extend(f"    依据：{cite(c)}" for c in d.loss.basis)
    notes = [c for c in _all_citations(d) if c.note]
    if d.warnings or notes:
        out.append("")
        out.append("提示")
        out.extend(f"  ! {officer_text(w)}" for w in d.warnings)
        seen = set()
        for c in notes:
            if c.rule not in seen:
                seen.add(c.rule)
                out.append(f"  * {c.document or ''}{c.article}{c.item or ''}：{officer_text(c.note)}")
    return "\n".join(out)


def _all_citations(d: Decision) -> list[Citation]:
    return [*d.undertaking.basis, *d.appearance.basis, *(x.basis for x in d.deadlines), *d.loss.basis]
