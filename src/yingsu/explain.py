"""Explanation (说明): a decision as text a legal-affairs officer reads, each line with its basis."""
from __future__ import annotations

from .catalogue import DEADLINES, ROLE_LABELS
from .decision import Citation, Decision

LEVEL_LABELS = {
    "head": "正职（主要）负责人应当出庭",
    "principal": "负责人应当出庭",
    "default": "负责人应当出庭；有正当理由不能出庭的，委托相应工作人员出庭（不得仅委托律师）",
    "exempt": "负责人可以不出庭",
    "not_applicable": "不适用（无庭审可出庭）",
}
DUTY_LABELS = {"lead": "主承办", "joint": "共同承办", "co": "协同承办", "support": "配合、协助"}
SCOPE_LABELS = {"whole": "全案", "original_act": "原行政行为部分", "reconsideration": "复议部分"}
RULE_LABELS = {
    "calendar_days": "日",
    "working_days": "个工作日",
    "months": "个月",
    "days_before": "日前",
    "working_days_before": "个工作日前",
}
EVENT_LABELS = {
    "served": "收到起诉状副本和应诉通知书",
    "forwarded": "承办单位收到转送材料",
    "hearing": "开庭",
    "judgment_served": "收到裁判文书",
    "judgment_effective": "裁判生效",
    "case_closed": "收到结案法律文书",
    "suggestion_received": "收到司法建议书",
    "outcome.document": "裁判文书种类",
}


def cite(c: Citation) -> str:
    """【新洲 第九条（一）】“…” — the citation as one bracketed reference and its quote."""
    doc = f"{c.document}" if c.document else ""
    return f"【{c.ruleset} {doc}{c.article}{c.item or ''}】“{c.wording}”"


def explain(decision: Decision) -> str:
    """The decision as Chinese text: one line per finding, each followed by its basis."""
    d = decision
    rs = d.ruleset
    out = [f"{rs.title}（{rs.number or '文号不详'}）  规则集：{rs.id}  施行中：{'是' if rs.in_force else '否'}"]
    out.append("")
    out.append("一、应诉承办单位")
    for u in d.undertaking.units:
        out.append(f"  {u.name}：{DUTY_LABELS[u.duty.value]}（{SCOPE_LABELS[u.scope.value]}）")
    if d.undertaking.designated_by:
        who = "、".join(ROLE_LABELS[r] for r in d.undertaking.designated_by)
        out.append(f"  尚待指定：由{who}确定应诉承办单位")
    if not d.undertaking.units and not d.undertaking.designated_by:
        out.append("  无法确定（见提示）")
    out.extend(f"    依据：{cite(c)}" for c in d.undertaking.basis)
    out.append("")
    out.append("二、负责人出庭")
    a = d.appearance
    out.append(f"  {LEVEL_LABELS[a.level.value]}" + (f"：{a.who}" if a.who else ""))
    out.extend(f"    依据：{cite(c)}" for c in a.basis)
    out.append("")
    out.append("三、期限")
    for dl in d.deadlines:
        flag = "（暂定）" if dl.provisional else ""
        start = EVENT_LABELS.get(dl.start, dl.start)
        out.append(
            f"  {dl.due.isoformat()}{flag}  {dl.title}（{start} {dl.start_date} 起 {dl.amount}{RULE_LABELS[dl.rule]}）"
        )
        out.append(f"    依据：{cite(dl.basis)}")
    for p in d.pending:
        out.append(f"  待定  {DEADLINES[p.id]}：尚缺“{EVENT_LABELS.get(p.waits_for, p.waits_for)}”")
    if not d.deadlines and not d.pending:
        out.append("  无")
    out.append("")
    out.append("四、是否败诉")
    verdict = {True: "败诉", False: "不属于败诉", None: "尚无裁判结果"}[d.loss.is_loss]
    source = "本规定的界定" if d.loss.definition.value == "ordinance" else "默认定义（本规定未界定败诉）"
    out.append(f"  {verdict}（{source}）")
    out.extend(f"    依据：{cite(c)}" for c in d.loss.basis)
    notes = [c for c in _all_citations(d) if c.note]
    if d.warnings or notes:
        out.append("")
        out.append("提示")
        out.extend(f"  ! {w}" for w in d.warnings)
        seen = set()
        for c in notes:
            if c.rule not in seen:
                seen.add(c.rule)
                out.append(f"  * {c.article}{c.item or ''}：{c.note}")
    return "\n".join(out)


def _all_citations(d: Decision) -> list[Citation]:
    return [*d.undertaking.basis, *d.appearance.basis, *(x.basis for x in d.deadlines), *d.loss.basis]
