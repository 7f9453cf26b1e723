"""Adding a city is data only: no Python module names a city (its id, 简称 or 地方) in code.
Docstrings and comments may give examples; string values in code may not."""
from __future__ import annotations

import ast
from pathlib import Path

import yingsu
from yingsu.cities import city_ids, city_labels, city_places

SRC = Path(yingsu.__file__).resolve().parent
PENDING = {"docket.py"}  # its CITY_LABELS move to yingsu.cities.city_labels() with the docket package


def _code_strings(tree: ast.AST):
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node


def test_no_module_names_a_city():
    names = set(city_ids()) | set(city_labels().values()) | set(city_places().values())
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name in PENDING and path.parent == SRC:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _code_strings(tree):
            hits = [n for n in names if n in node.value]
            if hits:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {hits}")
    assert found == []
