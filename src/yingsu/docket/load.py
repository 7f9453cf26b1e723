"""Reading a docket file (读取案件清单): YAML or JSON lists of cases, CSV through yingsu.docket.tabular."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Sequence

import yaml
from pydantic import ValidationError

from ..caseio import DuplicateKeyError, case_error, json_object_pairs
from ..errors import CaseError, RulesetError
from ..models import Case
from ..yamlsafe import MAX_EXPANDED_NODES, LineDict, LineList, LineLoader, check_expansion, load_text, read_file
from .models import DocketEntry

MAX_DOCKET_BYTES = 64 * 1024 * 1024  # thousands of cases fit easily; a larger file is refused unread


def load_docket(path: str | Path, *, progress: Callable[[int, int], None] | None = None) -> list[DocketEntry]:
    """Read a docket: a YAML or JSON list of cases (or of ``{id, case}``), or a CSV file.

    Every error is a CaseError naming the file, the entry or row (and line) and the field.
    `progress(done, total)` is called while reading (YAML: characters; JSON: entries; CSV: lines).
    """
    p = Path(path)
    try:
        text = read_file(p, MAX_DOCKET_BYTES)
    except RulesetError as e:
        raise CaseError(e.reason, source=str(p)) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CaseError("the file is empty", source=str(p))
    suffix = p.suffix.lower()
    if suffix == ".csv":
        from .tabular import parse_docket_csv

        return parse_docket_csv(text, str(p), progress=progress)
    if suffix == ".json":
        try:
            data = json.loads(text, object_pairs_hook=json_object_pairs)
        except json.JSONDecodeError as e:
            raise CaseError(f"not valid JSON (line {e.lineno}, column {e.colno}): {e.msg}", source=str(p)) from None
        except DuplicateKeyError as e:
            raise CaseError(f"not valid JSON: duplicate key {e.key!r}", source=str(p)) from None
        except RecursionError:
            raise CaseError("not valid JSON: nested too deeply", source=str(p)) from None
        return _entries(data, str(p), lambda: _try_lines(text, str(p)), progress)
    try:
        data = load_yaml_docket(text, str(p), progress)
    except RulesetError as e:
        where = f" (line {e.line})" if e.line else ""
        raise CaseError(f"not a valid YAML docket{where}: {e.reason}", source=str(p)) from None
    return _entries(data, str(p), lambda: data)


def load_yaml_docket(text: str, file: str, progress: Callable[[int, int], None] | None = None) -> Any:
    """A YAML docket read entry by entry, with yingsu.yamlsafe's reader and its guards.

    yamlsafe caps one document at MAX_EXPANDED_NODES values, which a docket of a few thousand
    cases exceeds. Here the cap applies to each entry, and the values of all entries together
    (aliases expanded) may not exceed the file's length in characters plus that cap: a docket
    without aliases always fits, an alias bomb spread over many entries does not.
    """
    loader = LineLoader(text)
    budget = len(text) + MAX_EXPANDED_NODES
    try:
        loader.get_event()  # stream start
        loader.get_event()  # document start
        if not loader.check_event(yaml.SequenceStartEvent):
            return load_text(text, file)  # not a list: read whole, for its error
        start = loader.get_event()
        out = LineList()
        out.line, out.item_lines = start.start_mark.line + 1, []
        total = 0
        while not loader.check_event(yaml.SequenceEndEvent):
            node = loader.compose_node(None, None)
            total += check_expansion(node)  # per entry: alias cycles, MAX_EXPANDED_NODES; its expanded size
            if total > budget:
                raise RulesetError("more values than the file's size allows once YAML aliases are expanded "
                                   "(an alias bomb?)", line=node.start_mark.line + 1)
            out.item_lines.append(node.start_mark.line + 1)
            out.append(loader.construct_document(node))
            if progress is not None:
                progress(node.end_mark.index, len(text))
        loader.get_event()  # sequence end
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise RulesetError("a docket is one YAML document", line=loader.peek_event().start_mark.line + 1)
        return out
    except RulesetError as e:
        raise RulesetError(e.reason, file, e.line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        reason = (e.problem or str(e)).strip()
        if isinstance(e, yaml.constructor.ConstructorError):
            reason = f"unsupported YAML tag or value ({reason}); only plain YAML is read"
        raise RulesetError(reason, file, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as e:
        raise RulesetError(f"not valid YAML: {e}", file) from None
    except (RecursionError, ValueError) as e:
        raise RulesetError(f"a value cannot be read: {type(e).__name__}", file) from None
    finally:
        loader.dispose()


def _try_lines(text: str, source: str) -> Any:
    """The same JSON read with the line-keeping YAML reader, to name lines in errors (best effort)."""
    try:
        return load_text(text, source)
    except RulesetError:
        return None


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _entries(data: Any, source: str, lines: Callable[[], Any],
             progress: Callable[[int, int], None] | None = None) -> list[DocketEntry]:
    """Validate the entries. `lines()` gives the same data with line numbers (called only if needed)."""
    if not isinstance(data, list):
        raise CaseError(
            f"a docket must be a list of cases (or of {{id, case}}), not {_kind(data)}", source=source
        )
    located: list[Any] = []

    def locate(i: int) -> tuple[Any, int | None]:
        if not located:
            located.append(lines())
        node = located[0]
        if isinstance(node, LineList) and i < len(node):
            return node[i], node.line_of(i)
        return None, None

    out: list[DocketEntry] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(data, start=1):
        cid, case = _entry(item, f"{source}: entry {i}", lambda: locate(i - 1))
        if cid is None:
            cid = f"#{i}"
        if cid in seen:
            line = locate(i - 1)[1]
            where = f"{source}: entry {i}" + (f" (line {line})" if line else "")
            raise CaseError(f"id: '{cid}' is already the id of entry {seen[cid]}", source=where)
        seen[cid] = i
        out.append(DocketEntry(id=cid, case=case))
        if progress is not None and not isinstance(data, LineList):  # YAML reported while parsing
            progress(i, len(data))
    return out


def _entry(item: Any, where: str, locate: Callable[[], tuple[Any, int | None]]) -> tuple[str | None, Case]:
    def here() -> str:
        line = locate()[1]
        return where + (f" (line {line})" if line else "")

    if not isinstance(item, dict):
        raise CaseError(f"an entry must be a case or {{id, case}}, not {_kind(item)}", source=here())
    if "case" not in item:
        return None, _validate(item, where, locate)
    extra = sorted(str(k) for k in item if k not in ("id", "case"))
    if extra:
        raise CaseError(f"unknown key(s) {', '.join(extra)} beside 'case' (allowed: id, case)", source=here())
    cid = item.get("id")
    if cid is None or isinstance(cid, bool) or not isinstance(cid, (str, int)) or not str(cid).strip():
        raise CaseError("id: must be non-empty text or a number", source=here())

    def inner() -> tuple[Any, int | None]:
        node, line = locate()
        if isinstance(node, LineDict) and "case" in node:
            return node["case"], node.line_of("case")
        return None, line

    return str(cid).strip(), _validate(item["case"], where, inner)


def _validate(raw: Any, where: str, locate: Callable[[], tuple[Any, int | None]] | None = None) -> Case:
    """Validate one case; the error names the entry and, when known, the line of the field."""
    if not isinstance(raw, dict):
        line = locate()[1] if locate else None
        raise CaseError(f"a case must be a mapping of fields, not {_kind(raw)}",
                        source=where + (f" (line {line})" if line else ""))
    try:
        return Case.model_validate(raw)
    except RecursionError:
        raise CaseError("the case is nested too deeply", source=where) from None
    except ValidationError as e:
        line = None
        if locate is not None:
            node, line = locate()
            line = _line_of(node, e.errors()[0]["loc"]) or line
        raise case_error(e, where + (f" (line {line})" if line else "")) from None


def _line_of(node: Any, loc: Sequence[Any]) -> int | None:
    if node is None:
        return None
    line = getattr(node, "line", None)
    for key in loc:
        if isinstance(node, LineDict) and key in node:
            line, node = node.line_of(key), node[key]
        elif isinstance(node, LineList) and isinstance(key, int) and key < len(node):
            line, node = node.line_of(key), node[key]
        else:
            break
    return line

