"""The literate view (逐条对照): the ordinance text article by article, with the rules that
encode each (their conditions and results in words, the quote, the reading chosen) and the
reason for each article left unencoded. The page a legal reviewer signs off.

Markdown by default; `html=True` gives one self-contained page (inline style, no script, no
external asset).
"""
from __future__ import annotations

import html as _html
from typing import Any

from .catalogue import DEADLINES, ROLE_LABELS
from .coverage import coverage
from .facts import FACTS
from .rulesets import TODO, DecisionKind, Ruleset
from .structure import parse
from .yamlsafe import load_text, read_file

_KIND = {
    DecisionKind.undertaking: "应诉承办单位",
    DecisionKind.appearance: "负责人出庭",
    DecisionKind.loss: "败诉认定",
    DecisionKind.deadline: "期限",
    DecisionKind.notice: "提示",
}
_DUTY = {"lead": "主承办", "joint": "共同承办", "co": "协同承办", "support": "配合、协助"}
_SCOPE = {"whole": "全案", "original_act": "原行政行为部分", "reconsideration": "复议部分"}
_LEVEL = {
    "head": "正职（主要）负责人应当出庭",
    "principal": "负责人应当出庭",
    "default": "负责人应当出庭，有正当理由可委托相应工作人员",
    "exempt": "可以不出庭",
    "not_applicable": "不适用（无庭审）",
}
_COUNTING = {
    "calendar_days": "日",
    "working_days": "个工作日",
    "months": "个月",
    "days_before": "日前",
    "working_days_before": "个工作日前",
}
_EVENTS = {
    "served": "收到起诉状副本和应诉通知书",
    "forwarded": "承办单位收到转送材料",
    "hearing": "开庭",
    "judgment_served": "收到裁判文书",
    "judgment_effective": "裁判生效",
    "case_closed": "收到结案法律文书",
    "suggestion_received": "收到司法建议书",
}


def _value(fact: str, value: Any) -> str:
    """A fact's value in words (the label catalogue where it is installed, else the id)."""
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, int):
        return str(value)
    try:
        from .labels import label  # the officer labels (yingsu.labels), when present
    except ImportError:
        return f"「{value}」"
    for kind in (fact, fact.split(".")[-1]):
        try:
            return label(kind, value)
        except Exception:  # noqa: BLE001 - a value without a label falls back to its id
            continue
    return f"「{value}」"


def _fact(name: str) -> str:
    fact = FACTS.get(name)
    if fact is not None and fact.meaning:
        return fact.meaning.split(" (")[0]
    if name == "loss.is_loss":
        return "败诉"
    return name


def condition_words(when: Any) -> str:
    """A rule's `when:` in words; '任何案件' when it has none."""
    if not when:
        return "任何案件"
    return "，且".join(_entry(k, v) for k, v in when.items())


def _entry(key: str, value: Any) -> str:
    if key == "any":
        return "（" + "）或（".join(condition_words(v) for v in value) + "）"
    if key == "all":
        return "（" + "）且（".join(condition_words(v) for v in value) + "）"
    if key == "not":
        return f"并非（{condition_words(value)}）"
    name = _fact(key)
    listy = FACTS.get(key) is not None and FACTS[key].type.value.endswith("_list")
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "present":
            return f"{name}已写明" if arg else f"{name}未写明"
        if op == "not":
            return f"{name}不是{_value(key, arg)}"
        if op == "in":
            words = [("未写明" if a is None else _value(key, a)) for a in arg]
            return f"{name}为{'、'.join(words)}之一"
        if op == "any_of":
            return f"{name}含{'、'.join(_value(key, a) for a in arg)}之一"
        if op == "all_of":
            return f"{name}同时含{'、'.join(_value(key, a) for a in arg)}"
        if op == "none_of":
            return f"{name}不含{'、'.join(_value(key, a) for a in arg)}"
        if op == "gte":
            return f"{name}不少于 {arg}"
        if op == "lte":
            return f"{name}不多于 {arg}"
    if value is None:
        return f"{name}未写明"
    if listy:
        return f"{name}含{_value(key, value)}"
    return f"{name}为{_value(key, value)}"


def result_words(kind: DecisionKind, then: dict, rs: Ruleset) -> str:
    if kind is DecisionKind.undertaking:
        parts = []
        for u in then.get("units") or []:
            role = u.get("role")
            name = u.get("name") or rs.name_of(role, None) or ROLE_LABELS.get(role, role)
            parts.append(f"{name}（{_DUTY.get(u.get('duty', 'lead'))}，{_SCOPE.get(u.get('scope', 'whole'))}）")
        by = then.get("designated_by") or []
        if by:
            parts.append("由" + "、".join(rs.name_of(r, None) or ROLE_LABELS.get(r, r) for r in by) + "指定（确定）承办单位")
        return "；".join(parts)
    if kind is DecisionKind.appearance:
        words = _LEVEL.get(then.get("level"), "") if then.get("level") else "（只指明出庭的人）"
        return words + (f"：{then['who']}" if then.get("who") else "")
    if kind is DecisionKind.loss:
        return "视为败诉" if then.get("is_loss") else "不视为败诉"
    if kind is DecisionKind.deadline:
        start = then.get("start")
        anchor = _EVENTS.get(start) or DEADLINES.get(start, start)
        amount, rule = then.get("amount"), then.get("rule")
        if rule in ("days_before", "working_days_before"):
            span = f"{anchor}{amount}{_COUNTING[rule]}"
        else:
            span = f"{anchor}后 {amount} {_COUNTING.get(rule, rule)}内"
        return f"{DEADLINES.get(then.get('id'), then.get('id'))}：{span}"
    return f"提示：{then.get('warning')}"


def _raw_rules(rs: Ruleset) -> dict[str, dict]:
    """The rules as written (for their conditions in words), by id."""
    data = load_text(read_file(rs.file), rs.file)
    return {r.get("id"): r for r in data.get("rules") or [] if isinstance(r, dict)}


def sections(rs: Ruleset) -> list[dict]:
    """Per article, in the text's order: its text (paragraphs and items), rules, reason."""
    raw = _raw_rules(rs)
    parsed = {(a.document, a.number): a for a in parse(rs.source.text).articles}
    by_id = {r.id: r for r in rs.rules}
    out = []
    for row in coverage(rs):
        article = parsed.get((row.document, row.article))
        text = article.text if article else rs.source.article(row.article, row.document)
        rules = []
        for rid in row.rules:
            rule, node = by_id[rid], raw.get(rid, {})
            rules.append({
                "id": rid,
                "kind": _KIND[rule.decision],
                "item": rule.item,
                "quote": rule.quote,
                "when": condition_words(node.get("when")),
                "then": result_words(rule.decision, node.get("then") or {}, rs),
                "note": rule.note,
            })
        reason = row.reason if row.reason != TODO else None
        out.append({"document": row.document, "article": row.article, "text": text, "rules": rules,
                    "reason": reason, "todo": row.reason == TODO})
    return out


def _title(rs: Ruleset) -> str:
    from .versions import timeline

    several = rs.id != "national" and len(timeline(rs.id).versions) > 1
    return f"{rs.title}（版本 {rs.version}）" if several else rs.title


def render_markdown(rs: Ruleset) -> str:
    out = [f"# {_title(rs)}：逐条对照", ""]
    meta = [f"文号：{rs.number or '无'}", f"制定机关：{rs.issued_by or '—'}",
            f"施行：{rs.effective_from or '不能确定'} 至 {rs.effective_to or '（未定期限）'}"]
    out += ["；".join(meta), ""]
    secs = sections(rs)
    encoded = sum(1 for s in secs if s["rules"])
    out += [f"共 {len(secs)} 条：{encoded} 条有规则编码，{len(secs) - encoded} 条未编码（各附理由）。", ""]
    for s in secs:
        head = f"{s['document']} {s['article']}" if s["document"] else s["article"]
        out.append(f"## {head}")
        out.append("")
        for line in (s["text"] or "").split("\n"):
            out.append(f"> {line}")
        out.append("")
        if s["rules"]:
            for r in s["rules"]:
                item = r["item"] or ""
                out.append(f"- **{r['kind']}** `{r['id']}` {item}")
                out.append(f"  - 条件：{r['when']}")
                out.append(f"  - 结论：{r['then']}")
                out.append(f"  - 原文：“{r['quote']}”")
                if r["note"]:
                    out.append(f"  - 解读：{r['note']}")
        elif s["todo"]:
            out.append("- **待处理**：尚未编码，也未写明理由（TODO）。")
        else:
            out.append(f"- **未编码**：{s['reason']}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


_STYLE = """
body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.7;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;border-top:1px solid #ccc;padding-top:.8em;margin-top:1.6em}
blockquote{margin:.5em 0;padding:.3em 1em;background:#f6f4ee;border-left:4px solid #b9a77a}
blockquote p{margin:.2em 0}.rule{margin:.5em 0 .5em 1em;padding:.4em .8em;border:1px solid #d8d8d8;border-radius:4px}
.kind{font-weight:bold}.id{font-family:monospace;color:#555;font-size:.9em}.none{color:#555;margin-left:1em}
.todo{color:#a00;font-weight:bold;margin-left:1em}dt{font-weight:bold;float:left;width:3.5em}dd{margin-left:4em}
"""


def render_html(rs: Ruleset) -> str:
    e = _html.escape
    secs = sections(rs)
    encoded = sum(1 for s in secs if s["rules"])
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{e(_title(rs))}：逐条对照</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{e(_title(rs))}：逐条对照</h1>",
        f"<p>文号：{e(rs.number or '无')}；制定机关：{e(rs.issued_by or '—')}；施行：{e(str(rs.effective_from or '不能确定'))}"
        f" 至 {e(str(rs.effective_to or '（未定期限）'))}</p>",
        f"<p>共 {len(secs)} 条：{encoded} 条有规则编码，{len(secs) - encoded} 条未编码（各附理由）。</p>",
    ]
    for s in secs:
        head = f"{s['document']} {s['article']}" if s["document"] else s["article"]
        anchor = e(head.replace(" ", "-"))
        out.append(f'<section id="{anchor}"><h2>{e(head)}</h2><blockquote>')
        out.extend(f"<p>{e(line)}</p>" for line in (s["text"] or "").split("\n"))
        out.append("</blockquote>")
        for r in s["rules"]:
            out.append(f'<div class="rule"><span class="kind">{e(r["kind"])}</span> <span class="id">{e(r["id"])}</span>'
                       f' {e(r["item"] or "")}<dl>'
                       f"<dt>条件</dt><dd>{e(r['when'])}</dd><dt>结论</dt><dd>{e(r['then'])}</dd>"
                       f"<dt>原文</dt><dd>“{e(r['quote'])}”</dd>"
                       + (f"<dt>解读</dt><dd>{e(r['note'])}</dd>" if r["note"] else "")
                       + "</dl></div>")
        if not s["rules"]:
            if s["todo"]:
                out.append('<p class="todo">待处理：尚未编码，也未写明理由（TODO）。</p>')
            else:
                out.append(f'<p class="none">未编码：{e(s["reason"] or "")}</p>')
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
