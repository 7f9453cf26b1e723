"""The JSON Schemas worth reading: $id and version on each, every Case and Decision property
titled (Chinese term) and described (Chinese and English), every enum value labelled, the
Decision open to added fields and the Case closed."""
from __future__ import annotations

import pytest

from yingsu.schemas import batch_error_schema, case_schema, decision_schema, docket_schema


def _properties(schema: dict):
    """(path, property, the definition it refers to or None) of every property, nested ones included."""
    defs = schema.get("$defs", {})

    def ref_of(node: dict) -> dict | None:
        for alt in [node, *node.get("anyOf", ()), node.get("items") or {}]:
            if isinstance(alt, dict) and "$ref" in alt:
                return defs[alt["$ref"].rsplit("/", 1)[-1]]
            if isinstance(alt, dict) and isinstance(alt.get("items"), dict) and "$ref" in alt["items"]:
                return defs[alt["items"]["$ref"].rsplit("/", 1)[-1]]
        return None

    def walk(model: dict, prefix: str, depth: int):
        for name, prop in (model.get("properties") or {}).items():
            path = f"{prefix}.{name}" if prefix else name
            target = ref_of(prop)
            yield path, prop, target
            if target is not None and "enum" not in target and depth < 6:
                yield from walk(target, path, depth + 1)

    yield from walk(schema, "", 0)


@pytest.mark.parametrize("schema", [case_schema(), decision_schema()], ids=["case", "decision"])
def test_every_property_has_a_chinese_title_and_a_chinese_and_english_description(schema):
    seen = 0
    for path, prop, target in _properties(schema):
        seen += 1
        assert prop.get("title") and not prop["title"].isascii(), path
        assert prop["title"] in prop["description"] and path.rsplit(".", 1)[-1] in prop["description"], path
        if target is not None and "enum" in target:
            labels = target.get("x-enum-labels", {})
            assert set(labels) == set(target["enum"]), (path, set(target["enum"]) - set(labels))
            assert all(not t.isascii() for t in labels.values()), path
    assert seen > 40


def test_each_schema_has_id_and_version():
    ids = set()
    for schema in (case_schema(), decision_schema(), docket_schema(), batch_error_schema()):
        assert schema["$id"].startswith("urn:yingsu:schema:") and schema["$id"].endswith(":" + schema["version"])
        assert schema["$schema"].endswith("2020-12/schema")
        ids.add(schema["$id"])
    assert len(ids) == 4


def test_the_decision_is_open_to_added_fields_and_the_case_is_not():
    def closed(node) -> bool:
        if isinstance(node, dict):
            return node.get("additionalProperties") is False or any(closed(v) for v in node.values())
        return isinstance(node, list) and any(closed(v) for v in node)

    assert not closed(decision_schema()) and not closed(docket_schema())
    assert case_schema()["additionalProperties"] is False


def test_the_provenance_and_warning_details_are_in_the_decision_schema():
    props = decision_schema()["properties"]
    assert {"provenance", "warning_details", "warnings"} <= set(props)
    assert batch_error_schema()["required"] == ["line", "error"]
