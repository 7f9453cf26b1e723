"""The agenda as an Excel workbook (期限日程 .xlsx) — optional: pip install "yingsu[excel]"."""
from __future__ import annotations

import io
from typing import Iterable

from ..errors import YingsuError
from ..labels import city_label
from ..presentation import citation_text, date_text, days_left_text
from .models import AgendaItem, Docket

HEADERS = ("截止日期", "状态", "剩余", "城市", "案件", "事项", "承办单位", "完成日期", "暂定", "依据")
_STATUS = {"done": "已完成", "overdue": "逾期", "open": "未到期", "hearing": "开庭"}


def agenda_xlsx(docket: Docket | Iterable[AgendaItem], today=None) -> bytes:
    """One row per agenda item, Chinese headers and values (no English id), in date order."""
    try:
        import openpyxl  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise YingsuError("writing .xlsx needs the optional 'openpyxl' package: pip install \"yingsu[excel]\"") from None
    if isinstance(docket, Docket):
        items, today = docket.agenda, docket.today
    else:
        items = docket
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("期限日程")
    ws.append(HEADERS)
    for a in items:
        who = "、".join(a.units) or ("待" + "、".join(a.designated_by) + "指定" if a.designated_by else "未确定")
        ws.append([
            date_text(a.due), _STATUS[a.status], days_left_text(a.due, today) if today else "",
            city_label(a.city), a.case_id or "（周期性义务）", a.title, who,
            date_text(a.done_on, weekday=False) if a.done_on else "", "是" if a.provisional else "",
            citation_text(a.basis, quote=False) if a.basis is not None else "",
        ])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
