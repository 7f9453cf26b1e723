"""Reading cases (案件) from YAML or JSON files, and the JSON Schemas of Case and Decision.

Every failure is a CaseError naming the file, the field and the problem.
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import CaseError, RulesetError
from .models import Case, show
from .yamlsafe import MAX_INT_DIGITS, assumed_note, load_text, one_line, read_text

MAX_CASE_BYTES = 1024 * 1024  # one case is a few kilobytes; anything over 1 MiB is refused unread


class InputNote(UserWarning):
    """Something yingsu assumed while reading a file (e.g. its encoding), said out loud."""


def load_case(path: str | Path, notes: list[str] | None = None) -> Case:
    """Read one case from a .yaml/.yml or .json file.

    UTF-8 (with or without a byte-order mark), UTF-16/UTF-32 with a byte-order mark, or
    GB18030/GBK (assumed when the bytes are not UTF-8 but are valid GB18030). An assumption
    is said: appended to `notes` when given, else as an InputNote warning; and an error in
    such a file says how it was read.
    """
    p = Path(path)
    source = _one_line(str(p))
    try:
        text, encoding = read_text(p, MAX_CASE_BYTES)
    except RulesetError as e:
        raise CaseError(e.reason, source=source) from None
    note = assumed_note(encoding)
    try:
        case = parse_case(text, source=source, json_only=p.suffix.lower() == ".json")
    except CaseError as e:
        if note is None:
            raise
        raise CaseError(f"{e.message} ({note})", e.field, e.source) from None
    if note is not None:
        if notes is not None:
            notes.append(f"{source}: {note}")
        else:
            warnings.warn(InputNote(f"{source}: {note}"), stacklevel=2)
    return case


def parse_case(text: str, source: str = "<case>", json_only: bool = False) -> Case:
    """Parse and validate one case from YAML (a superset of JSON) or strict JSON text."""
    text = text.removeprefix("\ufeff")  # a byte-order mark, as Windows editors write it
    if not text.strip():
        raise CaseError("the file is empty", source=source)
    if json_only:
        data = loads_json(text, source)
    else:
        try:
            data = load_text(text, source)
        except RulesetError as e:
            where = f" (line {e.line})" if e.line else ""
            raise CaseError(f"not a valid YAML case{where}: {_one_line(e.reason)}", source=source) from None
    return case_from_data(data, source)


class _NumberTooLong(ValueError):
    def __init__(self, digits: int):
        super().__init__(digits)
        self.digits = digits


class _NotJsonConstant(ValueError):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def _json_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _NumberTooLong(digits)
    return int(text)


def _json_constant(name: str):
    raise _NotJsonConstant(name)


def loads_json(text: str, source: str = "<json>") -> Any:
    """Strict JSON (no NaN or Infinity, no repeated key, no integer of more than MAX_INT_DIGITS
    digits), or one CaseError naming the source, the line and column where JSON says them."""
    try:
        return json.loads(text, object_pairs_hook=json_object_pairs, parse_int=_json_int,
                          parse_constant=_json_constant)
    except json.JSONDecodeError as e:
        raise CaseError(f"not valid JSON (line {e.lineno}, column {e.colno}): {e.msg}", source=source) from None
    except DuplicateKeyError as e:
        raise CaseError(f"not valid JSON: duplicate key {show(e.key)}", source=source) from None
    except _NumberTooLong as e:
        raise CaseError(f"not valid JSON: a number of {e.digits} digits is too long to be read "
                        f"(at most {MAX_INT_DIGITS})", source=source) from None
    except _NotJsonConstant as e:
        raise CaseError(f"not valid JSON: {e.name} is not a JSON number", source=source) from None
    except RecursionError:
        raise CaseError("not valid JSON: nested too deeply", source=source) from None


class DuplicateKeyError(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def json_object_pairs(pairs: list[tuple[str, Any]]) -> dict:
    """A JSON object whose keys are unique (as in YAML: a repeated key is an error, not last-wins)."""
    out = dict(pairs)
    if len(out) != len(pairs):  # rare: find the first repeated key to name it
        seen: set = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return out


def case_from_data(data: Any, source: str = "<case>") -> Case:
    """Validate plain data as a Case, turning pydantic's errors into one CaseError."""
    if not isinstance(data, dict):
        kind = "null" if data is None else "a list" if isinstance(data, list) else type(data).__name__
        raise CaseError(f"a case must be a mapping of fields, not {kind}", source=source)
    try:
        return Case.model_validate(data)
    except ValidationError as e:
        raise case_error(e, source) from None
    except RecursionError:
        raise CaseError("the case is nested too deeply", source=source) from None


def case_error(e: ValidationError, source: str | None = None) -> CaseError:
    """The first few validation problems as one message (one line), each naming its field."""
    parts = []
    for err in e.errors(include_input=False, include_url=False)[:5]:
        loc = ".".join(_show_key(x) for x in err["loc"]) or None
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (not in the contract)"
        elif err["type"] == "missing":
            msg = "required field is missing"
        elif err["type"] == "invalid_key":
            msg = "a field name must be text"
        parts.append(_one_line(f"{loc}: {msg}" if loc else msg))
    more = e.error_count() - len(parts)
    if more > 0:
        parts.append(f"and {more} more")
    err = CaseError("; ".join(parts), field=None, source=source)
    err.validation = e  # kept for officer outputs, which say it in Chinese (yingsu.officer_errors)
    return err


def _show_key(key: Any) -> str:
    """A field name (or list index) for a message: plain names as they are, anything else quoted."""
    if isinstance(key, int) and not isinstance(key, bool):
        return str(key)
    if isinstance(key, str) and key.isprintable() and key.strip() == key and key and len(key) <= 60:
        return key
    return show(key)


_one_line = one_line


def case_schema() -> dict:
    """JSON Schema of the Case (input), with $id, version and every field described (yingsu.schemas)."""
    from .schemas import case_schema

    return case_schema()


def decision_schema() -> dict:
    """JSON Schema of the Decision (output), open to added fields (yingsu.schemas)."""
    from .schemas import decision_schema

    return decision_schema()
