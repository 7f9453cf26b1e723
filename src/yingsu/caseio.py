"""Reading cases (案件) from YAML or JSON files, and the JSON Schemas of Case and Decision.

Every failure is a CaseError naming the file, the field and the problem.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .decision import Decision
from .errors import CaseError, RulesetError
from .models import Case
from .yamlsafe import load_text, read_file

MAX_CASE_BYTES = 1024 * 1024  # one case is a few kilobytes; anything over 1 MiB is refused unread


def load_case(path: str | Path) -> Case:
    """Read one case from a .yaml/.yml or .json file."""
    p = Path(path)
    try:
        text = read_file(p, MAX_CASE_BYTES)
    except RulesetError as e:
        raise CaseError(e.reason, source=str(p)) from None
    return parse_case(text, source=str(p), json_only=p.suffix.lower() == ".json")


def parse_case(text: str, source: str = "<case>", json_only: bool = False) -> Case:
    """Parse and validate one case from YAML (a superset of JSON) or strict JSON text."""
    if not text.strip():
        raise CaseError("the file is empty", source=source)
    if json_only:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise CaseError(f"not valid JSON (line {e.lineno}, column {e.colno}): {e.msg}", source=source) from None
    else:
        try:
            data = load_text(text, source)
        except RulesetError as e:
            where = f" (line {e.line})" if e.line else ""
            raise CaseError(f"not a valid YAML case{where}: {e.reason}", source=source) from None
    return case_from_data(data, source)


def case_from_data(data: Any, source: str = "<case>") -> Case:
    """Validate plain data as a Case, turning pydantic's errors into one CaseError."""
    if not isinstance(data, dict):
        raise CaseError(f"a case must be a mapping of fields, not {type(data).__name__}", source=source)
    try:
        return Case.model_validate(data)
    except ValidationError as e:
        raise case_error(e, source) from None


def case_error(e: ValidationError, source: str | None = None) -> CaseError:
    """The first few validation problems as one message, each naming its field."""
    parts = []
    first_field = None
    for err in e.errors()[:5]:
        loc = ".".join(str(x) for x in err["loc"]) or None
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (not in the contract)"
        elif err["type"] == "missing":
            msg = "required field is missing"
        first_field = first_field or loc
        parts.append(f"{loc}: {msg}" if loc else msg)
    more = e.error_count() - len(parts)
    if more > 0:
        parts.append(f"and {more} more")
    return CaseError("; ".join(parts), field=None, source=source)


def case_schema() -> dict:
    """JSON Schema of the Case (input)."""
    return Case.model_json_schema()


def decision_schema() -> dict:
    """JSON Schema of the Decision (output)."""
    return Decision.model_json_schema(mode="serialization")
