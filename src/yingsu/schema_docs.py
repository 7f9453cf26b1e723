"""Titles and descriptions for every property of the Case and Decision schemas (字段说明).

From yingsu.labels.field_doc(path) → (title, description) where h6's label catalogue is
installed; otherwise from the models' field descriptions and docstrings. Enum values are
listed with their labels (`x-enum-labels`, `oneOf` with `const`+`title`).
"""
from __future__ import annotations

from typing import Any, Callable


# The fields this module's owner added to the Decision (the catalogue documents the contract's).
OWN_DOCS: dict[str, tuple[str, str]] = {
    "provenance": ("出处", "出处：作出本决定所依据的程序版本、规则集文本和日历数据。provenance: what produced this Decision"),
    "provenance.yingsu": ("程序版本", "程序版本：yingsu 的版本号。provenance.yingsu: the yingsu version"),
    "provenance.ruleset": ("规则集出处", "规则集出处：本市规则集文件的内容散列。provenance.ruleset: the city's ruleset files and their hash"),
    "provenance.base": ("基础规则出处", "基础规则出处：全国基础规则（法定期限、默认败诉定义）文件的内容散列。provenance.base: the national base's files and their hash"),
    "provenance.ruleset.id": ("规则集", "规则集：规则集标识。id of the ruleset"),
    "provenance.base.id": ("规则集", "规则集：规则集标识。id of the ruleset"),
    "provenance.ruleset.sha256": ("内容散列", "内容散列：规则文件和条文原文的 SHA-256，任何一个字符改变，散列即改变。SHA-256 over the files as read at load"),
    "provenance.base.sha256": ("内容散列", "内容散列：规则文件和法律原文的 SHA-256。SHA-256 over the files as read at load"),
    "provenance.ruleset.files": ("文件", "文件：参与散列的文件（规则、条文原文）。the files hashed: rules and ordinance text"),
    "provenance.base.files": ("文件", "文件：参与散列的文件（规则、法律原文）。the files hashed: rules and statute text"),
    "provenance.calendar": ("日历数据出处", "日历数据出处：节假日数据包版本和官方节假日安排的散列。provenance.calendar: the calendar data"),
    "provenance.calendar.holidays": ("节假日数据包版本", "节假日数据包版本：holidays 包的版本号。the holidays package's version"),
    "provenance.calendar.arrangements": ("节假日安排文件", "节假日安排文件：随包提供和运行时（YINGSU_ARRANGEMENTS）加入的安排文件。arrangement files in use"),
    "provenance.calendar.sha256": ("日历数据散列", "日历数据散列：holidays 版本和每年节假日安排（休息日、调休上班日）的 SHA-256。SHA-256 of the calendar data"),
    "warning_details": ("提示代码", "提示代码：每条提示的稳定代码和原文，与 warnings 一一对应。warning_details: each warning with a stable code"),
    "warning_details.code": ("代码", "代码：提示的稳定机读代码（见 README）。stable machine-readable code of the warning"),
    "warning_details.text": ("提示", "提示：提示原文（与 warnings 中的相同）。the warning's text, as in warnings"),
    "warning_details.subject": ("涉及", "涉及：提示涉及的事实、规则或期限标识。what it is about: a fact, a rule id or a deadline id"),
}


def _field_doc() -> Callable[[str], tuple[str, str] | None]:
    try:
        from .labels import field_doc
    except ImportError:
        field_doc = None

    def doc(path: str):
        if path in OWN_DOCS:
            return OWN_DOCS[path]
        if field_doc is None:
            return None
        try:
            found = field_doc(path)
        except (KeyError, ValueError, LookupError):
            return None
        return found if found and found[0] else None

    return doc


def _enum_label(kind: str, value: str) -> str | None:
    try:
        from .labels import label
    except ImportError:
        return None
    try:
        text = label(kind, value)
    except (KeyError, ValueError, LookupError):
        return None
    return text if text and text != value else None


def document(schema: dict, root: str) -> dict:
    """Fill title/description of every property, walking $defs by the paths that reach them."""
    doc = _field_doc()
    defs = schema.get("$defs", {})

    def target(node: dict) -> dict | None:
        ref = node.get("$ref")
        if ref is None:
            for key in ("anyOf", "allOf", "oneOf"):
                for alt in node.get(key, ()):
                    if "$ref" in alt:
                        return defs.get(alt["$ref"].rsplit("/", 1)[-1])
            items = node.get("items")
            if isinstance(items, dict):
                return target(items)
            return None
        return defs.get(ref.rsplit("/", 1)[-1])

    seen: set[tuple[int, str]] = set()

    def walk(model: dict, prefix: str) -> None:
        for name, prop in (model.get("properties") or {}).items():
            path = f"{prefix}.{name}" if prefix else name
            found = doc(path)
            if found:
                prop["title"], prop["description"] = found[0], found[1]
            else:
                prop.setdefault("title", name)
                if "description" not in prop:
                    sub = target(prop)
                    if sub is not None and sub.get("description"):
                        prop["description"] = sub["description"].strip().splitlines()[0]
            sub = target(prop)
            if sub is not None:
                if "enum" in sub:
                    _enum_doc(sub, path, name)
                elif (id(sub), path) not in seen and len(path.split(".")) < 6:
                    seen.add((id(sub), path))
                    walk(sub, path)

    walk(schema, "")
    return schema


def _enum_doc(node: dict, path: str, name: str) -> None:
    """Each value with its Chinese label: `x-enum-labels` and a line in the description."""
    if "x-enum-labels" in node:
        return
    labels = {v: _enum_label(path, v) or _enum_label(name, v) for v in node["enum"]}
    if any(labels.values()):
        node["x-enum-labels"] = {v: t for v, t in labels.items() if t}
        listed = "；".join(f"{v} {t}" for v, t in node["x-enum-labels"].items())
        node["description"] = f"{(node.get('description') or '').strip()} 取值 values: {listed}".strip()
