"""案件清单上传 (docket upload): an uploaded file's bytes to a Docket, and the agenda downloads.

Uses yingsu.docket's `parse_docket_bytes` and `agenda_xlsx` where the installed docket has
them; otherwise reads the bytes itself (CSV in UTF-8 or GB18030, .xlsx by openpyxl, YAML or
JSON) through the docket's own text parsers, and writes the agenda workbook here.
"""
from __future__ import annotations

import io
import os
import tempfile
from datetime import date

from ..errors import YingsuError
from ..labels import city_label, label
from ..presentation import citation_text, date_text, days_left_text

SUFFIXES = (".csv", ".xlsx", ".yaml", ".yml", ".json")


def _decode(data: bytes, name: str) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise YingsuError(f"{name}：文件既不是 UTF-8 也不是 GB18030 编码")


def _xlsx_to_csv(data: bytes, name: str) -> str:
    try:
        import openpyxl
    except ImportError:
        raise YingsuError("读取 Excel 文件需要 openpyxl：pip install 'yingsu[excel]'") from None
    import csv

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise YingsuError(f"{name}：不是有效的 Excel（.xlsx）文件") from None
    out = io.StringIO()
    w = csv.writer(out)
    for row in wb.worksheets[0].iter_rows(values_only=True):
        w.writerow(["" if v is None else (v.isoformat()[:10] if hasattr(v, "isoformat") else v) for v in row])
    return out.getvalue()


def parse_upload(data: bytes, name: str):
    """The docket entries of an uploaded file, by its name's extension."""
    from .. import docket

    suffix = os.path.splitext(name.lower())[1]
    if suffix not in SUFFIXES:
        raise YingsuError(f"{name}：不支持的文件类型（可用：CSV、Excel .xlsx、YAML、JSON）")
    parse_bytes = getattr(docket, "parse_docket_bytes", None)
    if parse_bytes is not None:
        return parse_bytes(data, name)
    if suffix == ".xlsx":
        return docket.parse_docket_csv(_xlsx_to_csv(data, name), name)
    text = _decode(data, name)
    if suffix == ".csv":
        return docket.parse_docket_csv(text, name)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, os.path.basename(name) or "docket" + suffix)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return docket.load_docket(path)


def evaluate_upload(data: bytes, name: str, today: date | None = None):
    from ..docket import evaluate_docket

    return evaluate_docket(parse_upload(data, name), today=today)


def ics_bytes(docket) -> bytes:
    from ..docket import agenda_ics

    try:
        return agenda_ics(docket)
    except ImportError as e:
        raise YingsuError(str(e)) from None


HEADERS = ("截止日期", "剩余", "城市", "案件", "事项", "承办单位", "暂定", "依据")


def xlsx_bytes(docket) -> bytes:
    """The agenda as an Excel workbook (one row per deadline), Chinese headers and values."""
    from .. import docket as docket_mod

    made = getattr(docket_mod, "agenda_xlsx", None)
    if made is not None:
        return made(docket)
    try:
        import openpyxl
    except ImportError:
        raise YingsuError("生成 Excel 文件需要 openpyxl：pip install 'yingsu[excel]'") from None
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "期限日程"
    ws.append(HEADERS)
    for a in docket.agenda:
        title = a.title if a.kind == "periodic" else label("deadline", a.deadline)
        ws.append([
            date_text(a.due), days_left_text(a.due, docket.today), city_label(a.city), a.case_id or "（定期工作）",
            title, "、".join(a.units), "是" if a.provisional else "", citation_text(a.basis, quote=False),
        ])
    for col, width in zip("ABCDEFGH", (22, 12, 8, 16, 36, 30, 6, 24)):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
