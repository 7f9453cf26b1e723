"""The agenda as a calendar (日历, iCalendar RFC 5545) — optional: pip install "yingsu[ics]".

An office subscribes to it and re-imports it: each event's UID is made from the case id and
the deadline id (a periodic duty: the city, the duty and its period), never from a position or
a date, so re-importing after a case was added or a date moved updates events instead of
duplicating them. Each duty has a reminder (VALARM) before its date; the title names the
acting unit; every text is Chinese officer text with no control characters.
"""
from __future__ import annotations

import hashlib
import unicodedata
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable

from ..errors import YingsuError
from ..labels import city_label
from ..presentation import citation_text, date_text, officer_text
from .models import AgendaItem, Docket

REMINDER = timedelta(days=3)  # the alarm: three days before the day (at its start)
_STATUS = {"done": "已完成", "overdue": "逾期", "open": "未到期", "hearing": "开庭"}


def _icalendar():
    try:
        import icalendar  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise YingsuError(
            "calendar export needs the optional 'icalendar' package: pip install \"yingsu[ics]\""
        ) from None
    return icalendar


def _clean(text: str) -> str:
    """One line of text without control characters (a line break, a bidi override become a space)."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") else ch for ch in text)


def uid(item: AgendaItem) -> str:
    """Stable across re-imports: from the case id and the deadline id (periodic: city, duty, period)."""
    key = (f"case\x1f{item.case_id}\x1f{item.deadline}" if item.case_id is not None
           else f"periodic\x1f{item.city}\x1f{item.deadline}\x1f{item.period}")
    return f"{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}@yingsu"


def agenda_ics(docket: Docket | Iterable[AgendaItem]) -> bytes:
    """The agenda as an iCalendar file: one all-day event per deadline, periodic duty and hearing."""
    ical = _icalendar()
    cal = ical.Calendar()
    cal.add("prodid", "-//yingsu//docket//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "行政应诉期限")
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    items = docket.agenda if isinstance(docket, Docket) else docket
    for item in items:
        cal.add_component(_event(ical, item, stamp))
    return cal.to_ical()


def _event(ical, item: AgendaItem, stamp: datetime):
    ev = ical.Event()
    ev.add("uid", uid(item))
    ev.add("dtstamp", stamp)
    ev.add("dtstart", item.due)
    ev.add("dtend", date.fromordinal(item.due.toordinal() + 1))
    who = "、".join(item.units) or ("待" + "、".join(item.designated_by) + "指定" if item.designated_by else "承办单位未确定")
    case = f"{item.case_id}，" if item.case_id else ""
    mark = "【已完成】" if item.status == "done" else ""
    ev.add("summary", _clean(f"{mark}{item.title}：{who}（{case}{city_label(item.city)}）"))
    lines = []
    if item.case_id:
        lines.append(f"案件：{item.case_id}")
    lines.append(f"日期：{date_text(item.due)}（{_STATUS[item.status]}"
                 + (f"，{date_text(item.done_on)}完成" if item.done_on else "") + "）")
    if item.units:
        lines.append(f"承办：{'、'.join(item.units)}")
    if item.designated_by:
        lines.append(f"待{'、'.join(item.designated_by)}指定应诉承办单位")
    if item.period:
        lines.append(f"报告期：{item.period}")
    if item.provisional:
        lines.append("暂定：该年尚无国务院节假日安排")
    if item.basis is not None:
        lines.append(f"依据：{citation_text(item.basis)}")
        if item.basis.note:
            lines.append(f"解读：{officer_text(item.basis.note)}")
    ev.add("description", "\n".join(_clean(x) for x in lines))
    ev.add("categories", [city_label(item.city), {"case": "案件期限", "periodic": "周期性义务", "hearing": "开庭"}[item.kind]])
    ev.add("transp", "TRANSPARENT")
    if item.status in ("open", "overdue", "hearing"):
        alarm = ical.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _clean(f"提醒：{item.title}（{date_text(item.due)}）"))
        alarm.add("trigger", -REMINDER)
        ev.add_component(alarm)
    return ev


def write_ics(docket: Docket | Iterable[AgendaItem], path: str | Path) -> Path:
    """Write the agenda as an .ics file (complete or not at all: a temporary file renamed); returns the path."""
    data = agenda_ics(docket)
    p = Path(path)
    tmp = p.with_name(f".{p.name}.part")
    try:
        tmp.write_bytes(data)
        tmp.replace(p)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise YingsuError(f"{p}: cannot write the calendar: {e.strerror}") from None
    return p
