"""网页视图 (page views): what the officer's page shows, as plain data built by yingsu.presentation.

The page only lays these out; every word (labels, dates, counting in words, citations) is made
here in Python from the one presentation layer, so the page, the CLI and the printed decision
say the same thing. No contract id is in a view's text (only in `value`/`id` keys the page
posts back).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from ..compare_view import comparison_rows
from ..decision import Citation, Decision
from ..labels import city_label, field_help, field_label, label, values
from ..models import Case
from ..presentation import (
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

# the case form, in the order of a case file: (section title, top-level fields)
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("城市", ("city",)),
    ("被告", ("defendant",)),
    ("复议", ("reconsideration",)),
    ("被诉行为", ("act",)),
    ("审理程序", ("proceeding",)),
    ("情形", ("circumstances",)),
    ("出庭要求", ("principal_requests", "principal_unavailable", "principal_appeared")),
    ("日期", ("events",)),
    ("裁判结果", ("outcome",)),
)


# ---- the form, from the Case JSON Schema -----------------------------------------------------


def _resolve(schema: dict, node: dict) -> dict:
    """Follow $ref and drop the null branch of an optional field."""
    defs = schema.get("$defs", {})
    if "$ref" in node:
        return _resolve(schema, defs[node["$ref"].rsplit("/", 1)[-1]])
    if "anyOf" in node:
        branches = [b for b in node["anyOf"] if b.get("type") != "null"]
        if len(branches) == 1:
            merged = {k: v for k, v in node.items() if k != "anyOf"}
            return {**_resolve(schema, branches[0]), **{k: v for k, v in merged.items() if k in ("default",)}}
    return node


def _choices(path: str, enum: list[str]) -> list[dict[str, str]]:
    kind = "city" if path == "city" else path
    return [{"value": v, "label": label(kind, v)} for v in enum]


def _field(schema: dict, path: str, node: dict) -> dict[str, Any]:
    node = _resolve(schema, node)
    spec: dict[str, Any] = {"path": path, "label": field_label(path), "help": field_help(path)}
    kind = node.get("type")
    if "enum" in node:
        spec.update(type="choice", choices=_choices(path, node["enum"]))
    elif kind == "boolean":
        spec["type"] = "yesno"
    elif kind == "integer":
        spec.update(type="integer", min=node.get("minimum", 0))
    elif kind == "string" and node.get("format") == "date":
        spec["type"] = "date"
    elif kind == "string":
        spec["type"] = "text"
    elif kind == "array":
        item = _resolve(schema, node.get("items", {}))
        if "enum" in item:
            spec.update(type="multi", choices=_choices(path, item["enum"]))
        elif item.get("type") == "object":
            spec.update(type="repeat", fields=[_field(schema, f"{path}.{k}", v) for k, v in item["properties"].items()])
        else:
            spec["type"] = "lines"
    elif kind == "object" or "properties" in node:
        spec.update(type="group", fields=[_field(schema, f"{path}.{k}", v) for k, v in node["properties"].items()])
    else:
        spec["type"] = "text"
    return spec


def form_spec() -> dict[str, Any]:
    """The case form: sections in case-file order, each field with its label, help and choices."""
    schema = Case.model_json_schema()
    props = schema["properties"]
    sections = []
    for title, names in SECTIONS:
        fields = []
        for name in names:
            spec = _field(schema, name, props[name])
            if name == "city":
                spec["required"] = True
            fields.append(spec)
        sections.append({"title": title, "fields": fields})
    required = {"defendant.kind"}
    for s in sections:
        for f in s["fields"]:
            for sub in f.get("fields", []):
                if sub["path"] in required:
                    sub["required"] = True
    return {"sections": sections}


# ---- the decision ----------------------------------------------------------------------------


def _cite(c: Citation | None) -> dict[str, str] | None:
    if c is None:
        return None
    return {"head": citation_text(c, quote=False), "quote": c.wording}


def decision_view(d: Decision, today: date | None = None) -> dict[str, Any]:
    """The decision as the page shows and prints it."""
    today = today or date.today()
    notes, seen = [], set()
    for c in [*d.undertaking.basis, *d.appearance.basis, *(x.basis for x in d.deadlines), *d.loss.basis]:
        if c.note and c.rule not in seen:
            seen.add(c.rule)
            notes.append({"head": citation_text(c, quote=False), "text": officer_text(c.note)})
    return {
        "city": city_label(d.city),
        "ruleset": ruleset_text(d.ruleset, d.city),
        "title": d.ruleset.title,
        "in_force": d.ruleset.in_force,
        "today": date_text(today),
        "undertaking": {
            "units": [unit_text(u) for u in d.undertaking.units],
            "designated": designated_text(d.undertaking.designated_by) if d.undertaking.designated_by else None,
            "basis": [_cite(c) for c in d.undertaking.basis],
        },
        "appearance": {
            "level": level_text(d.appearance.level),
            "who": d.appearance.who,
            "basis": [_cite(c) for c in d.appearance.basis],
            "who_basis": None if d.appearance.who_basis in d.appearance.basis else _cite(d.appearance.who_basis),
        },
        "deadlines": [
            {
                "title": label("deadline", x.id),
                "due": date_text(x.due),
                "days_left": days_left_text(x.due, today),
                "overdue": x.due < today,
                "counting": counting_text(x.rule, x.amount, x.start, x.start_date),
                "provisional": x.provisional,
                "basis": _cite(x.basis),
            }
            for x in d.deadlines
        ],
        "pending": [pending_text(p) for p in d.pending],
        "loss": {"verdict": verdict_text(d.loss), "is_loss": d.loss.is_loss, "basis": [_cite(c) for c in d.loss.basis]},
        "warnings": [officer_text(w) for w in d.warnings],
        "notes": notes,
    }


def compare_view(decisions: dict[str, Decision]) -> dict[str, Any]:
    """The same case under several cities: one column per city, rows that differ marked."""
    cities = list(decisions)
    rows = []
    for row_label, cells in comparison_rows(decisions):
        shown = [{"value": cells[c][0], "ref": cells[c][1]} for c in cities]
        rows.append({"label": row_label, "differs": len({s["value"] for s in shown}) > 1, "cells": shown})
    return {"cities": [city_label(c) for c in cities], "rows": rows}


# ---- the docket ------------------------------------------------------------------------------


def _percent(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def docket_view(docket) -> dict[str, Any]:
    """Figures by city (with the chart), the agenda and the docket's warnings."""
    from .chart import figures_svg

    by_city: dict[str, dict[str, Any]] = {}
    for f in docket.figures:
        group = by_city.setdefault(f"{f.city}/{f.year}", {"city": city_label(f.city), "year": f.year, "figures": []})
        t = f.threshold
        rate = f.metric.endswith("_rate")
        target = "无数值目标"
        if t is not None:
            op = {"<=": "≤", "<": "<", ">=": "≥", ">": ">"}.get(getattr(t, "op", ""), "")
            amount = _percent(t.value) if rate else f"{t.value:g} 件" if t.value is not None else ""
            target = f"{op} {amount}（原文：{t.text}）" if t.value is not None else f"原文：{t.text}"
        value = _percent(f.value) if rate else ("—" if f.value is None else f"{f.value:g} 件")
        if f.bound == "upper" and f.value is not None:
            value = f"至多 {value}"
        counts = f"{f.numerator}/{f.denominator}" if f.numerator is not None and f.denominator is not None else ""
        group["figures"].append({
            "title": f.title,
            "value": value,
            "counts": counts,
            "target": target,
            "status": label("figure.status", f.status),
            "status_id": f.status,
            "cannot": officer_text(f.cannot_compute) if f.cannot_compute else None,
            "basis": _cite(f.basis),
        })
    today = docket.today
    agenda = []
    for a in docket.agenda:
        status = getattr(a, "status", "overdue" if a.overdue else "open")
        if status == "done":
            left = "已完成" + (f"（{date_text(a.done_on, weekday=False)}）" if getattr(a, "done_on", None) else "")
        elif status == "hearing":
            left = "开庭（" + days_left_text(a.due, today) + "）"
        else:
            left = days_left_text(a.due, today)
        agenda.append({
            "due": date_text(a.due),
            "due_iso": a.due.isoformat(),
            "days_left": left,
            "status": label("agenda.status", status),
            "overdue": a.overdue,
            "city": city_label(a.city),
            "case": a.case_id or "（定期工作）",
            "title": label("deadline", a.deadline) if a.kind == "case" else a.title,
            "units": "、".join(a.units) or ("待由" + "、".join(a.designated_by) + "确定" if a.designated_by else ""),
            "provisional": a.provisional,
            "basis": citation_text(a.basis, quote=False) if a.basis is not None else "",
        })
    counts: dict[str, int] = {}
    for c in docket.cases:
        counts[city_label(c.city)] = counts.get(city_label(c.city), 0) + 1
    return {
        "today": date_text(today),
        "cases": len(docket.cases),
        "by_city": counts,
        "groups": list(by_city.values()),
        "chart": figures_svg(docket.figures),
        "agenda": agenda,
        "overdue": sum(1 for a in docket.agenda if a.overdue),
        "done": sum(1 for a in docket.agenda if getattr(a, "status", "") == "done"),
        "pending": len(docket.pending),
        "warnings": [officer_text(w) for w in docket.warnings],
        "notes": [officer_text(n) for n in docket.notes],
    }


def city_choices() -> list[dict[str, str]]:
    return [{"value": c, "label": n} for c, n in values("city").items()]
