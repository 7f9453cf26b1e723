"""Titles and descriptions for every property of the Case and Decision schemas (字段说明).

From yingsu.labels.field_doc(path) → (title, description) where h6's label catalogue is
installed; otherwise from the models' field descriptions and docstrings. Enum values are
listed with their labels (`x-enum-labels`, `oneOf` with `const`+`title`).
"""
from __future__ import annotations

from typing import Callable


def _field_doc() -> Callable[[str], tuple[str, str] | None]:
    try:
        from .labels import field_doc
    except ImportError:
        field_doc = None

    def doc(path: str):
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
