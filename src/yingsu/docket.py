"""A year's docket (年度案件清单): many cases at once, the yearly figures against each city's
own targets, the agenda of every deadline, the periodic duties, and calendar export.

    import yingsu
    entries = yingsu.load_docket("examples/docket-2026.yaml")   # YAML/JSON list, or CSV
    docket = yingsu.evaluate_docket(entries, today=date(2026, 11, 23))
    docket.figures          # yearly rates per city, each with its article and quote
    docket.agenda           # every deadline in date order, who acts, overdue marks
    yingsu.periodic("yanshi", 2026)                           # periodic duties of a year

What the docket adds to the per-case decisions:

- `proceeding.first_trial_of_year` (新洲 第十四条: 年度第一件开庭审理案件) is *derived* from the
  docket: per defendant (its name, else its kind and level) and calendar year, the case with
  the earliest hearing among the trial cases is the first. A given value that contradicts the
  docket is overridden, with a warning.
- Yearly figures against the targets in ``rulesets/<city>/targets.yaml`` (data, not code): each
  figure quotes its article; what the Case does not record (出声, who of the principals
  appeared, 失信名单, 复议纠错率…) is said, never guessed; a target whose text is uncertain
  (新洲 第十六条 “？5%”) is carried as every possible reading.
- The agenda: all deadlines of all cases and the periodic duties of the year (`periodic`),
  in date order, with the unit that must act and overdue marks relative to `today`.
- iCalendar export (RFC 5545) through the optional `icalendar` package (``yingsu[ics]``).
"""
from __future__ import annotations

import csv
import io
import json
import types
import typing
from calendar import monthrange
from collections import defaultdict
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, Sequence

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .caseio import DuplicateKeyError, json_object_pairs, case_error  # the same JSON rules as one case
from .catalogue import DEADLINES, PERIODIC, ROLE_LABELS
from .counting import fixed_date
from .decision import AppearanceLevel, Citation, Decision, Duty
from .engine import evaluate
from .errors import CaseError, RulesetError, YingsuError
from .models import Case, City, Session
from .rulesets import CITIES, get_ruleset, rulesets_dir
from .sources import quote_problem
from .yamlsafe import MAX_EXPANDED_NODES, LineDict, LineList, check_expansion, check_keys, LineLoader, load_text, read_file

__all__ = [
    "AgendaItem",
    "Docket",
    "DocketCase",
    "DocketEntry",
    "Figure",
    "PeriodicDuty",
    "Target",
    "agenda_ics",
    "evaluate_docket",
    "load_docket",
    "load_targets",
    "periodic",
    "write_ics",
]

MAX_DOCKET_BYTES = 64 * 1024 * 1024  # thousands of cases fit easily; a larger file is refused unread
CITY_LABELS = {"yanshi": "偃师", "xinzhou": "忻州", "xianzhou": "新洲", "dezhou": "德州", "zhongwei": "中卫"}
LIST_SEPARATORS = (";", "；")  # list cells in CSV: the ASCII semicolon or the full-width one


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- input -------------------------------------------------------------------------------

class DocketEntry(_Model):
    """One case of the docket with its id (from the file, or its position: '#1', '#2', …)."""

    id: str
    case: Case


# --- targets and periodic duties (data: rulesets/<city>/targets.yaml) ---------------------

Op = Literal[">=", "<=", "<", ">"]


class Threshold(_Model):
    """目标值: one legible value, every possible reading of an uncertain one, or an unknown one."""

    op: Op
    text: str  # as the ordinance writes it: “？5%”, “5%以内”
    value: float | None = None
    candidates: list[float] = Field(default_factory=list)  # an uncertain text: every reading
    likely: float | None = None  # the most likely reading (shown, never used alone)
    unknown: str | None = None  # the value is set elsewhere and is not known here


class Target(_Model):
    """A yearly figure a city's ordinance asks for (or measures), with its article and quote."""

    id: str
    city: str
    title: str
    metric: str
    scope: Literal["agency", "all"] = "all"  # agency: the ordinance sets it for each 行政机关
    threshold: Threshold | None = None
    basis: Citation


class PeriodicSpec(_Model):
    id: str
    city: str
    months: list[int]
    day: int | Literal["last"]
    covers: Literal["previous_quarter", "previous_year"]
    unit: str
    to: str | None = None
    basis: Citation


class PeriodicDuty(_Model):
    """A periodic duty (周期性义务) of one year: due on a fixed date, not moved (rule `fixed`)."""

    id: str
    city: str
    title: str
    due: date
    rule: Literal["fixed"] = "fixed"
    period: str  # what it reports on: 2025年第四季度, 2025年度
    unit: str
    to: str | None = None
    provisional: bool = False
    basis: Citation


# --- output ------------------------------------------------------------------------------

class FirstTrial(_Model):
    """年度第一件开庭审理案件 (新洲 第十四条): the given value, the docket's, and the one used."""

    given: bool | None = None
    derived: bool | None = None  # None: cannot be derived (no hearing date)
    used: bool | None = None
    year: int | None = None
    first_case: str | None = None  # id of that defendant's first trial case of the year


class DocketCase(_Model):
    id: str
    city: str
    defendant: str  # the defendant as the docket groups it: its name, else kind/level
    first_trial_of_year: FirstTrial
    decision: Decision
    warnings: list[str] = Field(default_factory=list)  # what the docket found about this case


Status = Literal["met", "not_met", "undetermined", "not_computable", "no_target", "no_data"]


class Reading(_Model):
    threshold: float
    met: bool


class Excluded(_Model):
    reason: str
    count: int


class DefendantFigure(_Model):
    defendant: str
    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None
    status: Status


class Figure(_Model):
    """A yearly figure of one city against its target (or without one), with its basis."""

    id: str
    city: str
    year: int
    title: str
    metric: str
    basis: Citation
    threshold: Threshold | None = None
    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None
    bound: Literal["exact", "upper"] | None = None  # upper: the true figure is at most `value`
    status: Status
    readings: list[Reading] = Field(default_factory=list)
    computed_from: str
    cannot_compute: str | None = None
    excluded: list[Excluded] = Field(default_factory=list)
    by_defendant: list[DefendantFigure] = Field(default_factory=list)


class AgendaItem(_Model):
    """One dated duty: a case deadline or a periodic duty, with who must act."""

    due: date
    kind: Literal["case", "periodic"]
    city: str
    case_id: str | None = None
    deadline: str
    title: str
    units: list[str] = Field(default_factory=list)
    designated_by: list[str] = Field(default_factory=list)  # still to be designated by
    period: str | None = None
    rule: str
    provisional: bool = False
    overdue: bool
    days_left: int
    basis: Citation


class PendingItem(_Model):
    case_id: str
    city: str
    deadline: str
    title: str
    waits_for: str


class Docket(_Model):
    """The result of a docket: every case decided, the yearly figures, the agenda."""

    today: date
    years: list[int]
    cases: list[DocketCase]
    figures: list[Figure]
    agenda: list[AgendaItem]
    pending: list[PendingItem]
    warnings: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # what the figures and the agenda assume


# =========================================================================================
# Loading a docket
# =========================================================================================

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


# --- CSV ---------------------------------------------------------------------------------

def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the non-None type, whether it is a list) of a field annotation."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0] if len(args) == 1 else annotation
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0], True
    return annotation, False


def _base(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _csv_columns() -> dict[str, str]:
    """Every CSV column, from the Case model: name -> kind (text, bool, int, list, requests, presence)."""
    cols: dict[str, str] = {"id": "id"}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, f in model.model_fields.items():
            inner, is_list = _unwrap(f.annotation)
            col = prefix + name
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                if is_list:
                    cols[col] = "requests"
                else:
                    if not f.is_required() and f.default is None:
                        cols[col] = "presence"  # e.g. reconsideration: true with no details
                    walk(inner, col + ".")
                continue
            base = _base(inner)
            if is_list:
                cols[col] = "list"
            elif base is bool:
                cols[col] = "bool"
            elif base is int:
                cols[col] = "int"
            else:
                cols[col] = "text"

    walk(Case, "")
    return cols


CSV_COLUMNS: dict[str, str] = _csv_columns()


def parse_docket_csv(text: str, source: str = "<docket.csv>",
                     progress: Callable[[int, int], None] | None = None) -> list[DocketEntry]:
    """A docket from CSV text: a header row of column names, then one row per case."""
    total_lines = text.count("\n") + 1
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise CaseError("the file is empty", source=source) from None
    except csv.Error as e:
        raise CaseError(f"line 1: not valid CSV: {e}", source=source) from None
    header = [h.strip() for h in header]
    for i, h in enumerate(header):
        if h not in CSV_COLUMNS:
            raise CaseError(
                f"line 1, column {i + 1} '{h}': unknown column (see the README's Docket section for the columns)",
                source=source,
            )
        if h in header[:i]:
            raise CaseError(f"line 1: column '{h}' appears twice", source=source)
    for required in ("city", "defendant.kind"):
        if required not in header:
            raise CaseError(f"line 1: the required column '{required}' is missing", source=source)
    out: list[DocketEntry] = []
    seen: dict[str, int] = {}
    row_no, last_line = 0, 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            where = f"{source}: row {row_no + 1} (line {last_line + 1})"
            raise CaseError(f"not valid CSV: {e}", source=where) from None
        line, last_line = last_line + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue  # a blank line
        row_no += 1
        where = f"{source}: row {row_no} (line {line})"
        if len(cells) != len(header):
            raise CaseError(f"{len(cells)} cells, but the header has {len(header)} columns", source=where)
        data: dict[str, Any] = {}
        cid = f"#{row_no}"
        for col, cell in zip(header, cells):
            cell = cell.strip()
            if not cell:
                continue
            kind = CSV_COLUMNS[col]
            if kind == "id":
                cid = cell
                continue
            value = _cell(kind, cell, col, where)
            _put(data, col, value, kind, where)
        data = {k: v for k, v in data.items() if not k.startswith("__absent__")}
        case = _validate(data, where)
        if cid in seen:
            raise CaseError(f"id: '{cid}' is already the id of row {seen[cid]}", source=where)
        seen[cid] = row_no
        out.append(DocketEntry(id=cid, case=case))
        if progress is not None:
            progress(min(last_line, total_lines), total_lines)
    return out


def _split(cell: str) -> list[str]:
    for sep in LIST_SEPARATORS[1:]:
        cell = cell.replace(sep, LIST_SEPARATORS[0])
    return [x.strip() for x in cell.split(LIST_SEPARATORS[0]) if x.strip()]


def _cell(kind: str, cell: str, col: str, where: str) -> Any:
    if kind in ("bool", "presence"):
        low = cell.lower()
        if low not in ("true", "false"):
            raise CaseError(f"{col}: '{cell}' is not true or false", source=where)
        return low == "true"
    if kind == "int":
        try:
            return int(cell)
        except ValueError:
            raise CaseError(f"{col}: '{cell}' is not a whole number", source=where) from None
    if kind == "list":
        return _split(cell)
    if kind == "requests":
        out = []
        for item in _split(cell):
            parts = [x.strip() for x in item.split(":")]
            if len(parts) > 3 or not parts[0]:
                raise CaseError(f"{col}: '{item}' is not by[:rank[:written|oral]]", source=where)
            req: dict[str, Any] = {"by": parts[0]}
            if len(parts) > 1 and parts[1]:
                req["rank"] = parts[1]
            if len(parts) > 2 and parts[2]:
                if parts[2] not in ("written", "oral"):
                    raise CaseError(f"{col}: '{item}': the third part is 'written' or 'oral'", source=where)
                req["written"] = parts[2] == "written"
            out.append(req)
        return out
    return cell


def _put(data: dict[str, Any], col: str, value: Any, kind: str, where: str) -> None:
    if kind == "presence":
        if value:
            data.setdefault(col, {})
        elif any(k.startswith(col + ".") for k in data) or isinstance(data.get(col), dict) and data[col]:
            raise CaseError(f"{col}: false, but {col}.* columns are filled", source=where)
        else:
            data[f"__absent__{col}"] = True
        return
    *parents, leaf = col.split(".")
    node = data
    for i, part in enumerate(parents):
        if data.get("__absent__" + ".".join(parents[: i + 1])):
            raise CaseError(f"{col}: given, but column {'.'.join(parents[: i + 1])} is false", source=where)
        node = node.setdefault(part, {})
    node[leaf] = value


# =========================================================================================
# Targets and periodic duties: rulesets/<city>/targets.yaml
# =========================================================================================

class Metric(BaseModel):
    """How a metric is computed from the decisions, and what it cannot be computed from."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["rate", "count"]
    computable: bool = True  # False: the Case does not hold what it needs
    computed_from: str
    bound: Literal["exact", "upper"] | None = None
    cannot_compute: str | None = None


METRICS: dict[str, Metric] = {
    "loss_rate": Metric(
        kind="rate",
        bound="exact",
        computed_from=(
            "败诉案件数 / 有裁判结果的案件数（decision.loss.is_loss 不为空，含撤诉、调解），败诉按本市规定的界定"
            "（未界定的按默认定义）；按收到裁判文书日期（无则生效日期、结案日期）的年份计入年度"
        ),
    ),
    "principal_appearance_rate": Metric(
        kind="rate",
        bound="exact",
        computed_from=(
            "负责人出庭的案件数 / 负责人应当出庭的案件数（出庭要求为 head、principal、default，"
            "且已记载 principal_appeared）；按开庭日期的年份计入年度"
        ),
    ),
    "principal_speaking_rate": Metric(
        kind="rate",
        bound="upper",
        computed_from=(
            "以负责人出庭率代替：负责人出庭的案件数 / 负责人应当出庭的案件数（出庭要求为 head、principal、default，"
            "且已记载 principal_appeared）；按开庭日期的年份计入年度"
        ),
        cannot_compute=(
            "“出声”（出庭负责人在庭审中发言）不在案件数据中：以出庭率代替，它是出庭出声率的上限，"
            "低于目标即确定未达标，达到目标则无法确定"
        ),
    ),
    "head_speaking_rate": Metric(
        kind="rate",
        computable=False,
        computed_from="无法计算",
        cannot_compute=(
            "出庭的是否为正职负责人、是否出声都不在案件数据中（principal_appeared 只记载负责人是否出庭），"
            "分母（正职应出庭的案件范围）本办法也未界定"
        ),
    ),
    "enforcement_blacklist": Metric(
        kind="count",
        computable=False,
        computed_from="无法计算",
        cannot_compute="是否被人民法院列入失信被执行人名单不在案件数据中",
    ),
    "judicial_suggestion_failure": Metric(
        kind="count",
        bound="upper",
        computed_from="收到司法建议书的案件数（events.suggestion_received），按收到日期的年份计入年度",
        cannot_compute=(
            "司法建议书是否因不履行应诉职责而发、是否通报、是否造成严重影响不在案件数据中：收到司法建议书的案件数"
            "是上限，为 0 即确定不存在该情形，大于 0 则无法确定"
        ),
    ),
    "loss_and_correction_rate": Metric(
        kind="rate",
        computable=False,
        computed_from="无法计算（败诉率见同年败诉率一项）",
        cannot_compute=(
            "行政复议案件被纠错率不在案件数据中（清单只有行政诉讼案件），“上级设定考核标准”本规范未载明"
        ),
    ),
}

_TARGET_KEYS = {"id", "title", "article", "item", "document", "quote", "metric", "scope", "threshold", "note"}
_THRESHOLD_KEYS = {"op", "text", "value", "candidates", "likely", "unknown"}
_PERIODIC_KEYS = {"id", "article", "item", "document", "quote", "months", "day", "covers", "unit", "to", "note"}


@lru_cache(maxsize=None)
def load_targets(city: str) -> tuple[tuple[Target, ...], tuple[PeriodicSpec, ...]]:
    """The targets and periodic duties of a city, validated, with file and line in every error.

    A city without ``targets.yaml`` has neither. Every quote is proved in its article.
    """
    rs = get_ruleset(city)
    path = rulesets_dir() / city / "targets.yaml"
    if not path.is_file():
        return (), ()
    f = str(path)
    data = load_text(read_file(path), f)

    def err(message: str, line: int | None) -> RulesetError:
        return RulesetError(message, f, line)

    if not isinstance(data, LineDict):
        raise err("targets.yaml must be a mapping with 'targets:' and 'periodic:'", 1)
    for key in data:
        if key not in ("targets", "periodic"):
            raise err(f"unknown key '{key}' (allowed: targets, periodic)", data.line_of(key))

    def items(key: str) -> list[tuple[LineDict, int | None]]:
        node = data.get(key)
        if node is None:
            return []
        if not isinstance(node, LineList):
            raise err(f"'{key}:' must be a list", data.line_of(key))
        out = []
        for i, x in enumerate(node):
            if not isinstance(x, LineDict):
                raise err(f"an entry of '{key}' must be a mapping", node.line_of(i))
            out.append((x, node.line_of(i)))
        return out

    def text(node: LineDict, key: str, required: bool = True) -> str | None:
        v = node.get(key)
        if v is None and not required:
            return None
        if not isinstance(v, str) or not v.strip():
            raise err(f"'{key}' must be non-empty text", node.line_of(key) if key in node else node.line)
        return v

    def citation(node: LineDict, rule_id: str) -> Citation:
        article = text(node, "article")
        item = text(node, "item", required=False)
        document = text(node, "document", required=False)
        quote = text(node, "quote")
        segment = rs.source.article(article, document) if rs.source else None
        if segment is None:
            where = f"{document} {article}" if document else article
            raise err(f"'{rule_id}': article {where} is not in {rs.id}'s ordinance", node.line_of("article"))
        problem = quote_problem(quote, segment)
        if problem:
            raise err(f"'{rule_id}': {problem}: {quote}", node.line_of("quote"))
        return Citation(ruleset=city, article=article, item=item, quote=quote, document=document,
                        rule=rule_id if "." in rule_id else f"{city}.periodic.{rule_id}",
                        note=text(node, "note", required=False))

    ids: dict[str, int | None] = {}

    def new_id(node: LineDict) -> str:
        tid = text(node, "id")
        if tid in ids:
            raise err(f"duplicate id '{tid}' (first at line {ids[tid]})", node.line_of("id"))
        ids[tid] = node.line_of("id")
        return tid

    targets = []
    for node, _ in items("targets"):
        check_keys(node, _TARGET_KEYS, "a target", f)
        tid = new_id(node)
        metric = text(node, "metric")
        if metric not in METRICS:
            raise err(f"'{tid}': unknown metric '{metric}' (known: {', '.join(METRICS)})", node.line_of("metric"))
        scope = node.get("scope", "all")
        if scope not in ("agency", "all"):
            raise err(f"'{tid}': scope '{scope}' is not one of: agency, all", node.line_of("scope"))
        targets.append(Target(
            id=tid, city=city, title=text(node, "title"), metric=metric, scope=scope,
            threshold=_threshold(node, tid, err), basis=citation(node, tid),
        ))

    periodic_specs = []
    for node, _ in items("periodic"):
        check_keys(node, _PERIODIC_KEYS, "a periodic duty", f)
        pid = new_id(node)
        if pid not in PERIODIC:
            raise err(f"periodic duty id '{pid}' is not one of: {', '.join(PERIODIC)}", node.line_of("id"))
        months = node.get("months")
        if (not isinstance(months, list) or not months
                or any(isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= 12 for m in months)):
            raise err(f"'{pid}': months must be a list of month numbers 1–12", node.line_of("months"))
        day = node.get("day")
        if day != "last" and (isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31):
            raise err(f"'{pid}': day must be a day of the month 1–31 or 'last'", node.line_of("day"))
        if day != "last":
            for m in months:
                if day > monthrange(2024, m)[1]:
                    raise err(f"'{pid}': month {m} has no day {day}", node.line_of("day"))
        covers = node.get("covers")
        if covers not in ("previous_quarter", "previous_year"):
            raise err(f"'{pid}': covers must be previous_quarter or previous_year", node.line_of("covers"))
        periodic_specs.append(PeriodicSpec(
            id=pid, city=city, months=months, day=day, covers=covers, unit=text(node, "unit"),
            to=text(node, "to", required=False), basis=citation(node, pid),
        ))
    return tuple(targets), tuple(periodic_specs)


def _threshold(node: LineDict, tid: str, err) -> Threshold | None:
    t = node.get("threshold")
    if t is None:
        return None
    line = node.line_of("threshold")
    if not isinstance(t, LineDict):
        raise err(f"'{tid}': threshold must be a mapping {{op, text, value | candidates | unknown}}", line)
    for key in t:
        if key not in _THRESHOLD_KEYS:
            raise err(f"'{tid}': unknown key '{key}' in threshold (allowed: {', '.join(sorted(_THRESHOLD_KEYS))})",
                      t.line_of(key))
    if t.get("op") not in (">=", "<=", "<", ">"):
        raise err(f"'{tid}': threshold op must be one of >=, <=, <, >", t.line_of("op"))
    if not isinstance(t.get("text"), str) or not t["text"].strip():
        raise err(f"'{tid}': threshold text (as the ordinance writes it) is required", t.line)
    given = [k for k in ("value", "candidates", "unknown") if t.get(k) is not None]
    if len(given) != 1:
        raise err(f"'{tid}': a threshold has exactly one of value, candidates, unknown", t.line)

    def number(v: Any, where: str) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
            raise err(f"'{tid}': {where} must be a number >= 0 (a rate as a fraction: 0.95)", t.line_of(where))
        return float(v)

    value = number(t["value"], "value") if "value" in given else None
    candidates = []
    if "candidates" in given:
        if not isinstance(t["candidates"], list) or len(t["candidates"]) < 2:
            raise err(f"'{tid}': candidates must list two or more possible readings", t.line_of("candidates"))
        candidates = sorted(number(v, "candidates") for v in t["candidates"])
    likely = number(t["likely"], "likely") if t.get("likely") is not None else None
    if likely is not None and likely not in candidates:
        raise err(f"'{tid}': likely must be one of the candidates", t.line_of("likely"))
    unknown = t.get("unknown")
    if unknown is not None and (not isinstance(unknown, str) or not unknown.strip()):
        raise err(f"'{tid}': unknown must say what the value depends on", t.line_of("unknown"))
    return Threshold(op=t["op"], text=t["text"], value=value, candidates=candidates, likely=likely, unknown=unknown)


def periodic(city: str, year: int) -> list[PeriodicDuty]:
    """The periodic duties of a city that fall due in `year`, each with its article and quote.

    Dates are fixed dates of the year (counting rule ``fixed``: not moved to a working day).
    """
    if str(city) not in CITIES:
        raise YingsuError(f"unknown city '{city}' (known: {', '.join(CITIES)})")
    if isinstance(year, bool) or not isinstance(year, int):
        raise YingsuError(f"year must be a whole number, got {year!r}")
    _, specs = load_targets(str(city))
    out = []
    for spec in specs:
        for month in spec.months:
            day = monthrange(year, month)[1] if spec.day == "last" else spec.day
            counted = fixed_date(year, month, day)
            if spec.covers == "previous_quarter":
                q = (month - 1) // 3  # the quarter before the one this month starts
                period = f"{year - 1}年第四季度" if q == 0 else f"{year}年第{'一二三'[q - 1]}季度"
            else:
                period = f"{year - 1}年度"
            out.append(PeriodicDuty(
                id=spec.id, city=str(city), title=PERIODIC[spec.id], due=counted.due, period=period,
                unit=spec.unit, to=spec.to, provisional=counted.provisional, basis=spec.basis,
            ))
    return sorted(out, key=lambda d: d.due)


# =========================================================================================
# Evaluating a docket
# =========================================================================================

def _defendant_key(case: Case) -> tuple[str, str]:
    """(group key, label): the defendant's name, else its kind and level (the ruleset's default level)."""
    d = case.defendant
    if d.name and d.name.strip():
        return f"{case.city.value}|name|{d.name.strip()}", d.name.strip()
    level = d.level or get_ruleset(case.city.value).default_level
    lv = level.value if level is not None else "?"
    return f"{case.city.value}|kind|{d.kind.value}|{lv}", f"（未署名的 {d.kind.value}/{lv}）"


def _is_trial(case: Case) -> bool:
    """A 开庭审理 case: session trial, or no session given (a hearing date is a 开庭日期)."""
    return case.proceeding.session in (Session.trial, None)


def evaluate_docket(
    cases: Iterable[DocketEntry | Case | tuple[str, Case]],
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Docket:
    """Decide every case of a docket; derive first_trial_of_year; yearly figures; the agenda.

    `cases`: DocketEntry items (from load_docket), Cases (ids '#1', '#2', …) or (id, Case)
    pairs. `today` (default: the real today) marks overdue deadlines. `progress(done, total)` is
    called while the cases are decided.
    """
    today = today or date.today()
    entries = _as_entries(cases)
    warnings: list[str] = []
    notes: list[str] = [
        "年度指标只计本清单中的案件：同一年度未列入清单的案件不在分子、分母之内。",
        "年度第一件开庭审理案件（新洲 第十四条）按清单推导：假定清单包含该被告当年全部开庭审理的案件；"
        "proceeding.session 未填写而有开庭日期的，按开庭审理处理。",
        "期限是否已经完成不在案件数据中：“已过期”只表示届满日早于今天。",
    ]

    first = _first_trials(entries)
    unnamed = sorted({label for key, label in (_defendant_key(e.case) for e in entries) if "|kind|" in key
                      and not key.split("|")[2] == "government"})
    if unnamed:
        notes.append(
            "未署名的被告按类型和层级归为同一被告：" + "、".join(unnamed)
            + "；据此推导的年度第一件开庭案件和按机关的指标可能不准，请填写 defendant.name。"
        )

    decided: list[DocketCase] = []
    total = len(entries)
    for n, e in enumerate(entries, start=1):
        ft, case_warnings = first[e.id]
        case = e.case
        if ft.used != case.proceeding.first_trial_of_year:
            case = case.model_copy(
                update={"proceeding": case.proceeding.model_copy(update={"first_trial_of_year": ft.used})}
            )
        decision = evaluate(case, today=today)
        decided.append(DocketCase(
            id=e.id, city=case.city.value, defendant=_defendant_key(case)[1], first_trial_of_year=ft,
            decision=decision, warnings=case_warnings,
        ))
        warnings.extend(f"{e.id}：{w}" for w in case_warnings)
        if progress is not None:
            progress(n, total)

    figures = _figures(entries, decided, today)
    agenda, pending = _agenda(entries, decided, today)
    years = sorted({x.due.year for x in agenda} | {f.year for f in figures})
    return Docket(today=today, years=years, cases=decided, figures=figures, agenda=agenda, pending=pending,
                  warnings=warnings, notes=notes)


def _as_entries(cases: Iterable[DocketEntry | Case | tuple[str, Case]]) -> list[DocketEntry]:
    out: list[DocketEntry] = []
    seen: set[str] = set()
    for i, c in enumerate(cases, start=1):
        if isinstance(c, DocketEntry):
            e = c
        elif isinstance(c, Case):
            e = DocketEntry(id=f"#{i}", case=c)
        elif isinstance(c, tuple) and len(c) == 2 and isinstance(c[1], Case):
            e = DocketEntry(id=str(c[0]), case=c[1])
        else:
            raise TypeError(
                "evaluate_docket() takes DocketEntry items (load_docket), yingsu.Case objects or (id, Case) pairs; "
                f"item {i} is {type(c).__name__}"
            )
        if e.id in seen:
            raise CaseError(f"id: '{e.id}' is given to two cases of the docket", source=f"item {i}")
        seen.add(e.id)
        out.append(e)
    return out


def _first_trials(entries: list[DocketEntry]) -> dict[str, tuple[FirstTrial, list[str]]]:
    """Per case: the derived first_trial_of_year and the warnings about it."""
    groups: dict[tuple[str, int], list[tuple[date, int, DocketEntry]]] = defaultdict(list)
    for order, e in enumerate(entries):
        h = e.case.events.hearing
        if h is not None and _is_trial(e.case):
            groups[(_defendant_key(e.case)[0], h.year)].append((h, order, e))
    first_of: dict[tuple[str, int], DocketEntry] = {}
    ties: dict[str, list[str]] = {}
    for key, items in groups.items():
        items.sort(key=lambda x: (x[0], x[1]))
        first_of[key] = items[0][2]
        same_day = [x[2].id for x in items if x[0] == items[0][0]]
        if len(same_day) > 1:
            ties[items[0][2].id] = same_day[1:]

    by_id = {e.id: e for e in entries}
    out: dict[str, tuple[FirstTrial, list[str]]] = {}
    for e in entries:
        case, msgs = e.case, []
        given = case.proceeding.first_trial_of_year
        h = case.events.hearing
        label = _defendant_key(case)[1]
        art = "（新洲 第十四条）" if case.city is City.xianzhou else ""
        if not _is_trial(case):
            derived, year, first_id = False, h.year if h else None, None
        elif h is None:
            derived, year, first_id = None, None, None
        else:
            year = h.year
            first_e = first_of[(_defendant_key(case)[0], year)]
            derived, first_id = first_e.id == e.id, first_e.id
        used = given if derived is None else derived
        if derived is None and given:
            msgs.append(
                "proceeding.first_trial_of_year 为 true，但案件没有开庭日期（events.hearing），清单无法核实，按所填值处理"
            )
        elif derived is not None and given is not None and given != derived:
            if derived:
                msgs.append(
                    f"proceeding.first_trial_of_year 填为 false，但清单中 {label} {year} 年没有更早的开庭审理案件："
                    f"本案（开庭 {h}）是年度第一件，按 true 处理{art}"
                )
            elif not _is_trial(case):
                msgs.append(
                    f"proceeding.first_trial_of_year 填为 true，但本案不是开庭审理（proceeding.session: "
                    f"{case.proceeding.session.value}）：按 false 处理{art}"
                )
            else:
                fe = by_id[first_id]
                msgs.append(
                    f"proceeding.first_trial_of_year 填为 true，但清单中 {label} {year} 年第一件开庭审理的是 {first_id}"
                    f"（开庭 {fe.case.events.hearing}），本案开庭 {h}：按 false 处理{art}"
                )
        if e.id in ties:
            msgs.append(
                f"{label} {year} 年的首个开庭日 {h} 有多件案件开庭（另有 {'、'.join(ties[e.id])}）："
                "按清单顺序以本案为年度第一件，请核实"
            )
        out[e.id] = (FirstTrial(given=given, derived=derived, used=used, year=year, first_case=first_id), msgs)
    return out


# --- yearly figures ----------------------------------------------------------------------

_DUTY_LEVELS = {AppearanceLevel.head, AppearanceLevel.principal, AppearanceLevel.default}


def _outcome_year(case: Case) -> int | None:
    ev = case.events
    d = ev.judgment_served or ev.judgment_effective or ev.case_closed
    return d.year if d else None


class _Tally:
    """Numerators and denominators of one metric, per year and per (year, defendant)."""

    def __init__(self) -> None:
        self.num: dict[int, int] = defaultdict(int)
        self.den: dict[int, int] = defaultdict(int)
        self.by: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        self.excluded: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(self, year: int, defendant: str, hit: bool) -> None:
        self.den[year] += 1
        self.num[year] += int(hit)
        cell = self.by[year][defendant]
        cell[0] += int(hit)
        cell[1] += 1

    def skip(self, year: int | None, reason: str) -> None:
        self.excluded[year][reason] += 1


def _tallies(entries: list[DocketEntry], decided: list[DocketCase], today: date) -> dict[str, dict[str, _Tally]]:
    """city -> metric -> tally, for the computable metrics."""
    out: dict[str, dict[str, _Tally]] = defaultdict(lambda: defaultdict(_Tally))
    for e, dc in zip(entries, decided):
        case, d, city, who = e.case, dc.decision, dc.city, dc.defendant
        t = out[city]
        # 败诉率
        year = _outcome_year(case)
        if d.loss.is_loss is None:
            if case.outcome is not None:
                t["loss_rate"].skip(year, "有裁判结果但无法判定是否败诉")
        elif year is None:
            t["loss_rate"].skip(None, "有裁判结果但没有收到裁判文书、生效或结案日期（未计入任何年度）")
        else:
            t["loss_rate"].add(year, who, bool(d.loss.is_loss))
        # 负责人出庭率
        hy = case.events.hearing.year if case.events.hearing else None
        level = d.appearance.level
        if level in _DUTY_LEVELS:
            if hy is None:
                t["principal_appearance_rate"].skip(None, "负责人应当出庭但没有开庭日期（未计入任何年度）")
            elif case.principal_appeared is None and case.events.hearing > today:
                t["principal_appearance_rate"].skip(hy, "尚未开庭（开庭日期在今天之后）")
            elif case.principal_appeared is None:
                t["principal_appearance_rate"].skip(hy, "负责人应当出庭但未记载是否出庭（principal_appeared）")
            else:
                t["principal_appearance_rate"].add(hy, who, case.principal_appeared)
        elif level is AppearanceLevel.exempt and hy is not None:
            t["principal_appearance_rate"].skip(hy, "负责人可以不出庭（exempt），不计入")
        # 司法建议书
        s = case.events.suggestion_received
        if s is not None:
            t["judicial_suggestion_failure"].add(s.year, who, True)
    return out


def _status(value: float | None, th: Threshold | None, bound: str | None) -> tuple[Status, list[Reading]]:
    if th is None:
        return "no_target", []
    if th.unknown is not None:
        return "not_computable", []
    if value is None:
        return "no_data", []
    levels = th.candidates or [th.value]
    ok = {">=": lambda v, x: v >= x, "<=": lambda v, x: v <= x, "<": lambda v, x: v < x, ">": lambda v, x: v > x}[th.op]
    readings = [Reading(threshold=x, met=ok(value, x)) for x in levels]
    met_all = all(r.met for r in readings)
    met_none = not any(r.met for r in readings)
    if bound == "upper":
        # the true figure is at most `value`: only "at least" targets missed, or "at most" targets met, are certain
        if th.op in (">=", ">"):
            return ("not_met" if met_none else "undetermined"), readings
        return ("met" if met_all else "undetermined"), readings
    if met_all:
        return "met", readings
    if met_none:
        return "not_met", readings
    return "undetermined", readings


def _figures(entries: list[DocketEntry], decided: list[DocketCase], today: date) -> list[Figure]:
    tallies = _tallies(entries, decided, today)
    out: list[Figure] = []
    for city in CITIES:
        if city not in tallies:
            continue
        targets, _ = load_targets(city)
        t = tallies[city]
        years = sorted({y for name in ("loss_rate", "principal_appearance_rate") for y in t[name].den})
        if not years:  # nothing tried or decided yet: the years the city's cases were served
            years = sorted({e.case.events.served.year for e in entries
                            if e.case.city.value == city and e.case.events.served}) or []
        for year in years:
            for target in targets:
                out.append(_figure(target, year, t))
    return out


def _figure(target: Target, year: int, t: dict[str, _Tally]) -> Figure:
    metric = METRICS[target.metric]
    source = "principal_appearance_rate" if target.metric == "principal_speaking_rate" else target.metric
    common = dict(
        id=target.id, city=target.city, year=year, title=target.title, metric=target.metric, basis=target.basis,
        threshold=target.threshold, computed_from=metric.computed_from, cannot_compute=metric.cannot_compute,
    )
    if not metric.computable:
        return Figure(**common, status="not_computable")
    tally = t[source]
    den = tally.den.get(year, 0)
    num = tally.num.get(year, 0)
    if metric.kind == "rate":
        value = num / den if den else None
    else:
        value = float(num)
    status, readings = _status(value, target.threshold, metric.bound)
    by = []
    if target.scope == "agency" or target.threshold is None:
        for who, (n, d) in sorted(tally.by.get(year, {}).items()):
            v = (n / d if d else None) if metric.kind == "rate" else float(n)
            by.append(DefendantFigure(defendant=who, numerator=n, denominator=d if metric.kind == "rate" else None,
                                      value=v, status=_status(v, target.threshold, metric.bound)[0]))
    # exclusions of this year, and those that could not be given a year at all (shown in every year)
    excluded = [Excluded(reason=r, count=c) for y in (year, None) for r, c in sorted(tally.excluded.get(y, {}).items())]
    return Figure(
        **common, numerator=num, denominator=den if metric.kind == "rate" else None, value=value,
        bound=metric.bound, status=status, readings=readings, excluded=excluded, by_defendant=by,
    )


# --- the agenda --------------------------------------------------------------------------

def _acting(decision: Decision) -> tuple[list[str], list[str]]:
    """Who must act on a case's deadlines: the lead and joint undertaking units (else all units)."""
    units = [u for u in decision.undertaking.units if u.duty in (Duty.lead, Duty.joint)] or decision.undertaking.units
    names = list(dict.fromkeys(u.name for u in units))
    return names, [ROLE_LABELS[r] for r in decision.undertaking.designated_by]


def _agenda(entries: list[DocketEntry], decided: list[DocketCase], today: date) -> tuple[list[AgendaItem], list[PendingItem]]:
    order = list(DEADLINES)
    rows: list[tuple[tuple, AgendaItem]] = []
    pending: list[PendingItem] = []
    for n, dc in enumerate(decided):
        units, by = _acting(dc.decision)
        for dl in dc.decision.deadlines:
            item = AgendaItem(
                due=dl.due, kind="case", city=dc.city, case_id=dc.id, deadline=dl.id, title=dl.title,
                units=units, designated_by=by, rule=dl.rule, provisional=dl.provisional,
                overdue=dl.due < today, days_left=(dl.due - today).days, basis=dl.basis,
            )
            rows.append(((dl.due, 1, n, order.index(dl.id)), item))
        for p in dc.decision.pending:
            pending.append(PendingItem(case_id=dc.id, city=dc.city, deadline=p.id, title=DEADLINES[p.id],
                                       waits_for=p.waits_for))
    # the docket's years: those its cases were served in (else those its deadlines fall in)
    years = sorted({e.case.events.served.year for e in entries if e.case.events.served}) or sorted(
        {key[0].year for key, _ in rows}) or [today.year]
    cities = [c for c in CITIES if any(dc.city == c for dc in decided)]
    for year in years:
        for city in cities:
            # the duties falling due in the year, and the next year's reports on this year
            duties = periodic(city, year) + [d for d in periodic(city, year + 1) if d.period.startswith(f"{year}年")]
            for duty in duties:
                item = AgendaItem(
                    due=duty.due, kind="periodic", city=city, deadline=duty.id, title=f"{duty.title}（{duty.period}）",
                    units=[duty.unit], period=duty.period, rule=duty.rule, provisional=duty.provisional,
                    overdue=duty.due < today, days_left=(duty.due - today).days, basis=duty.basis,
                )
                rows.append(((duty.due, 0, CITIES.index(city), 0), item))
    rows.sort(key=lambda r: r[0])
    return [item for _, item in rows], pending


# =========================================================================================
# Calendar export (iCalendar, RFC 5545) — optional: pip install "yingsu[ics]"
# =========================================================================================

def _icalendar():
    try:
        import icalendar  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise YingsuError(
            "calendar export needs the optional 'icalendar' package: pip install \"yingsu[ics]\""
        ) from None
    return icalendar


def _cite_text(c: Citation) -> str:
    return f"【{_ref(c)}】“{c.quote}”"


def agenda_ics(docket: Docket) -> bytes:
    """The agenda as an iCalendar file: one all-day event per deadline and periodic duty."""
    ical = _icalendar()
    cal = ical.Calendar()
    cal.add("prodid", "-//yingsu//docket//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "行政应诉期限")
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    for i, item in enumerate(docket.agenda):
        ev = ical.Event()
        who = f"{item.case_id}，" if item.case_id else ""
        ev.add("uid", _uid(item, i))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", item.due)
        ev.add("dtend", date.fromordinal(item.due.toordinal() + 1))
        ev.add("summary", f"{item.title}（{who}{CITY_LABELS.get(item.city, item.city)}）")
        lines = []
        if item.case_id:
            lines.append(f"案件：{item.case_id}")
        if item.units:
            lines.append(f"承办：{'、'.join(item.units)}")
        if item.designated_by:
            lines.append(f"待{'、'.join(item.designated_by)}指定应诉承办单位")
        if not item.units and not item.designated_by:
            lines.append("承办单位未确定（见该案提示）")
        if item.period:
            lines.append(f"报告期：{item.period}")
        lines.append(f"期限：{item.deadline}（{item.rule}）" + ("，暂定：该年尚无国务院节假日安排" if item.provisional else ""))
        lines.append(f"依据：{_cite_text(item.basis)}")
        ev.add("description", "\n".join(lines))
        ev.add("categories", [item.city, item.kind])
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal.to_ical()


def _uid(item: AgendaItem, i: int) -> str:
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_" for ch in (item.case_id or item.city))
    return f"{safe}-{item.deadline}-{item.due.isoformat()}-{i}@yingsu"


def write_ics(docket: Docket, path: str | Path) -> Path:
    """Write the agenda as an .ics file; returns the path."""
    data = agenda_ics(docket)
    p = Path(path)
    try:
        p.write_bytes(data)
    except OSError as e:
        raise YingsuError(f"{p}: cannot write the calendar: {e.strerror}") from None
    return p


# =========================================================================================
# Text for the command line
# =========================================================================================

_STATUS_LABELS = {
    "met": "达标",
    "not_met": "未达标",
    "undetermined": "无法确定",
    "not_computable": "无法计算",
    "no_target": "无数值目标（仅统计）",
    "no_data": "无数据",
}
_OP_LABELS = {">=": "≥", "<=": "≤", "<": "<", ">": ">"}


def _pct(x: float) -> str:
    return f"{x * 100:.1f}".rstrip("0").rstrip(".") + "%"


def _ref(c: Citation) -> str:
    where = f"{c.document or ''}{c.article}{c.item or ''}"
    return where if c.ruleset == "national" else f"{CITY_LABELS.get(c.ruleset, c.ruleset)} {where}"


def _threshold_text(th: Threshold, rate: bool) -> str:
    fmt = _pct if rate else (lambda x: f"{x:g}")
    op = _OP_LABELS[th.op]
    if th.unknown:
        return f"{op} {th.text}：{th.unknown}"
    if th.candidates:
        likely = f"，最可能 {fmt(th.likely)}" if th.likely is not None else ""
        return f"{op} {th.text}（文字不确定，可能为 {'、'.join(fmt(x) for x in th.candidates)}{likely}）"
    return f"{op} {fmt(th.value)}（原文：{th.text}）"


def render_docket(docket: Docket, source: str | None = None) -> str:
    """The docket as Chinese text: per-city yearly figures with their articles, then the agenda."""
    out: list[str] = []
    by_city: dict[str, int] = defaultdict(int)
    for c in docket.cases:
        by_city[c.city] += 1
    counts = "、".join(f"{CITY_LABELS[c]} {by_city[c]}" for c in CITIES if c in by_city)
    out.append(f"案件清单{('：' + source) if source else ''}  共 {len(docket.cases)} 件（{counts}）  今天：{docket.today}")
    if docket.warnings:
        out.append("")
        out.append(f"清单核对（{len(docket.warnings)} 条）")
        out.extend(f"  ! {w}" for w in docket.warnings)
    out.append("")
    out.append("说明")
    out.extend(f"  * {n}" for n in docket.notes)

    out.append("")
    out.append("一、年度指标")
    current = None
    for f in docket.figures:
        if (f.city, f.year) != current:
            current = (f.city, f.year)
            out.append("")
            out.append(f"{CITY_LABELS.get(f.city, f.city)}（{f.city}）{f.year} 年")
        metric = METRICS[f.metric]
        rate = metric.kind == "rate"
        target = f"：目标 {_threshold_text(f.threshold, rate)}" if f.threshold else ""
        out.append(f"  {f.title}{target}")
        if f.value is not None:
            figure = f"{f.numerator}/{f.denominator} = {_pct(f.value)}" if rate else f"{f.numerator} 件"
            proxy = "按出庭率（出声率的上限）" if f.metric == "principal_speaking_rate" else (
                "上限 " if f.bound == "upper" else "")
            detail = ""
            if f.readings and len(f.readings) > 1 and f.status == "undetermined":
                ok = [_pct(r.threshold) for r in f.readings if r.met]
                no = [_pct(r.threshold) for r in f.readings if not r.met]
                detail = f"（按 {'、'.join(ok) or '—'} 达标，按 {'、'.join(no) or '—'} 未达标）"
            out.append(f"    {proxy}{figure}：{_STATUS_LABELS[f.status]}{detail}")
        elif f.status in ("no_data", "not_computable"):
            out.append(f"    {_STATUS_LABELS[f.status]}")
        if f.cannot_compute:
            out.append(f"    不能计算的部分：{f.cannot_compute}")
        for x in f.excluded:
            out.append(f"    未计入：{x.reason} {x.count} 件")
        if f.threshold is not None and f.by_defendant:
            missed = [d for d in f.by_defendant if d.status == "not_met"]
            if missed:
                shown = "；".join(
                    f"{d.defendant} {d.numerator}/{d.denominator} = {_pct(d.value)}" if rate and d.value is not None
                    else f"{d.defendant} {d.numerator} 件" for d in missed
                )
                out.append(f"    未达标的机关（{len(missed)}/{len(f.by_defendant)}）：{shown}")
            undetermined = sum(d.status == "undetermined" for d in f.by_defendant)
            if undetermined:
                out.append(f"    无法确定的机关：{undetermined}/{len(f.by_defendant)}")
        out.append(f"    依据：【{_ref(f.basis)}】“{f.basis.quote}”")
        if f.basis.note:
            out.append(f"    解读：{f.basis.note}")

    out.append("")
    overdue = sum(a.overdue for a in docket.agenda)
    out.append(f"二、待办期限（{len(docket.agenda)} 项，按日期；! 为已过期 {overdue} 项，~ 为暂定日期）")
    for a in docket.agenda:
        mark = "!" if a.overdue else " "
        prov = "~" if a.provisional else " "
        who = "、".join(a.units)
        if a.designated_by:
            who += f"（待{'、'.join(a.designated_by)}指定）"
        who = who or "承办单位未确定（见该案提示）"
        case = a.case_id if a.case_id else "周期性"
        out.append(
            f"  {a.due}{prov}{mark} {case}  {CITY_LABELS.get(a.city, a.city)}  {a.title}  — {who}  〔{_ref(a.basis)}〕"
        )
    if docket.pending:
        out.append("")
        waits: dict[str, int] = defaultdict(int)
        for p in docket.pending:
            waits[p.waits_for] += 1
        detail = "、".join(f"等待 {k} {v} 项" for k, v in sorted(waits.items(), key=lambda kv: -kv[1]))
        out.append(f"待定期限（起算日未知，不在日程中）：{len(docket.pending)} 项（{detail}）")
    return "\n".join(out)
