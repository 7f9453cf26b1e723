"""校验提示 (validation messages for officers): a case's validation errors in Chinese.

Built from pydantic's error types (the same checks and the same `code` as the API and
`--json`, which keep English): each problem names the field by its Chinese label and says
what is wrong in Chinese; the field path stays in parentheses for integrators.
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from .labels import field_label, label, values

# pydantic error type -> Chinese problem ({ge}, {le}: from the error's ctx)
_BY_TYPE = {
    "missing": "必须填写",
    "extra_forbidden": "案件中没有这一项（请删除或检查拼写）",
    "bool_type": "应填“是”或“否”",
    "bool_parsing": "应填“是”或“否”",
    "int_type": "应填整数",
    "int_parsing": "应填整数",
    "int_from_float": "应填整数",
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "应大于 {gt}",
    "string_type": "应填文字",
    "list_type": "应为列表（可填多项）",
    "model_type": "应为一组字段",
    "dict_type": "应为一组字段",
    "model_attributes_type": "应为一组字段",
    "date_type": "应填日期（年-月-日）",
    "invalid_key": "字段名应为文字",
    "too_long": "项数太多",
}

# contradictions (models._contradictions) whose shape is known: regex -> Chinese sentence
_F = r"([a-z_]+(?:\.[a-z_]+)*)"
_CONTRADICTIONS = (
    (re.compile(rf"^{_F} \(([\d-]+)\) is before {_F} \(([\d-]+)\)$"),
     lambda a, da, b, db: f"“{_field(a)}”（{da}）早于“{_field(b)}”（{db}）"),
    (re.compile(rf"^{_F} is given but {_F} is '(\w+)'"),
     lambda a, b, v: f"填写了“{_field(a)}”，但“{_field(b)}”是“{_value(b, v)}”"),
    (re.compile(rf"^{_F} is given but {_F} is not"), lambda a, b: f"填写了“{_field(a)}”，但没有填写“{_field(b)}”"),
    (re.compile(rf"^{_F} is given but {_F} is false"), lambda a, b: f"填写了“{_field(a)}”，但“{_field(b)}”为“否”"),
    (re.compile(rf"^{_F} lists the same \w+ twice"), lambda a: f"“{_field(a)}”中有重复的项"),
)


def _field(path: str) -> str:
    try:
        return field_label(path)
    except KeyError:
        return path


def _value(path: str, value: str) -> str:
    """The label of an enum value of a field (or the value itself when the field has none)."""
    try:
        return label(path, value)
    except KeyError:
        return value


def _choices(path: str) -> str:
    try:
        table = values("city") if path == "city" else values(path)
    except KeyError:
        return ""
    return "、".join(table.values())


def _path(loc: tuple) -> str:
    """The dotted field path (list indexes left out), control characters escaped: one line."""
    text = ".".join(str(x) for x in loc if not isinstance(x, int))
    if len(text) > 60:
        text = text[:59] + "…"
    return text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _contradiction(message: str) -> str:
    """models joins several contradictions with '; ': each becomes one Chinese clause."""
    return "案件事实相互矛盾：" + "；".join(_one_contradiction(m) for m in message.split("; "))


def _one_contradiction(message: str) -> str:
    for pattern, sentence in _CONTRADICTIONS:
        m = pattern.match(message)
        if m:
            return sentence(*m.groups())
    named = [_field(p) for p in dict.fromkeys(re.findall(r"[a-z_]+\.[a-z_]+", message))]
    what = "、".join(f"“{n}”" for n in named) if named else "所填各项"
    return f"{what}不能同时成立"


def problem_text(err: dict[str, Any]) -> dict[str, str]:
    """One pydantic error as {field, code, label, message}: message is Chinese."""
    path = _path(err.get("loc", ()))
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    msg = str(err.get("msg", ""))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if kind == "enum":
        choices = _choices(path)
        chinese = "不是可选的值" + (f"；可选：{choices}" if choices else "")
    elif kind == "value_error" and not path:
        chinese = _contradiction(msg)
    elif kind == "value_error" and path.startswith("events."):
        chinese = "超出可以计算期限的日期范围" if "outside" in msg else "不是有效的日期（年-月-日，例如 2026-03-02）"
    elif kind in _BY_TYPE:
        try:
            chinese = _BY_TYPE[kind].format(**ctx)
        except (KeyError, IndexError):
            chinese = _BY_TYPE[kind]
    else:
        chinese = "填写有误"
    return {"field": path or None, "code": kind, "label": _field(path) if path else "", "message": chinese}


def problems(e: ValidationError) -> list[dict[str, str]]:
    """Every problem of a validation error, each with its Chinese message."""
    return [problem_text(err) for err in e.errors(include_url=False, include_input=False)]


def problem_line(p: dict[str, str]) -> str:
    """被告类型：不是可选的值；可选：…（defendant.kind）."""
    if not p.get("field"):
        return p["message"]
    return f"{p['label']}：{p['message']}（{p['field']}）"


def officer_message(e: ValidationError, limit: int = 5) -> str:
    """The first few problems on one line, in Chinese."""
    ps = problems(e)
    text = "；".join(problem_line(p) for p in ps[:limit])
    if len(ps) > limit:
        text += f"；另有 {len(ps) - limit} 处"
    return "案件有误：" + text
