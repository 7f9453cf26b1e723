"""Dockets as tables (表格): CSV, one row per case, one column per Case field."""
from __future__ import annotations

import csv
import io
import types
from datetime import date, datetime
import typing
from typing import Any, Callable

from pydantic import BaseModel

from ..errors import CaseError
from ..models import Case
from .load import _validate, parse_done
from .models import DocketEntry, trusted

LIST_SEPARATORS = (";", "；")  # list cells in CSV: the ASCII semicolon or the full-width one


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
    cols["done"] = "done"  # the docket's own column: the deadlines met, answer:2026-03-10;archive
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
        done: dict[str, date | None] = {}
        for col, cell in zip(header, cells):
            cell = cell.strip()
            if not cell:
                continue
            kind = CSV_COLUMNS[col]
            if kind == "id":
                cid = cell
                continue
            if kind == "done":
                done = parse_done({k.strip(): (v.strip() or True) if sep else True
                                   for k, sep, v in (x.partition(":") for x in _split(cell))}, lambda: where)
                continue
            value = _cell(kind, cell, col, where)
            _put(data, col, value, kind, where)
        data = {k: v for k, v in data.items() if not k.startswith("__absent__")}
        case = _validate(data, where)
        if cid in seen:
            raise CaseError(f"id: '{cid}' is already the id of row {seen[cid]}", source=where)
        seen[cid] = row_no
        out.append(trusted(DocketEntry, id=cid, case=case, done=done))  # checked parts: no second validation
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



def parse_docket_xlsx(data: bytes, source: str = "<docket.xlsx>",
                      progress: Callable[[int, int], None] | None = None) -> list[DocketEntry]:
    """A docket from an Excel workbook (.xlsx): its first sheet, laid out as the CSV (a header row
    of column names, one row per case); dates may be Excel dates. Needs openpyxl (yingsu[excel])."""
    try:
        import openpyxl  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise CaseError("reading .xlsx needs the optional 'openpyxl' package: pip install \"yingsu[excel]\"",
                        source=source) from None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = wb.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        raise CaseError("not a readable Excel workbook (.xlsx)", source=source) from None
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    for row in rows:
        w.writerow([_xlsx_cell(v) for v in row])
    return parse_docket_csv(out.getvalue(), source, progress=progress)


def _xlsx_cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == datetime.min.time() else v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).replace("\r", " ").replace("\n", " ")
