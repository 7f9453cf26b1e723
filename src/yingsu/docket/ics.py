"""The agenda as a calendar (日历, iCalendar RFC 5545) — optional: pip install "yingsu[ics]"."""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable

from ..errors import YingsuError
from .models import AgendaItem, Docket
from .report import _cite_text, city_label

def _icalendar():
    try:
        import icalendar  # noqa: PLC0415 - optional dependency
    except ImportError:
        raise YingsuError(
            "calendar export needs the optional 'icalendar' package: pip install \"yingsu[ics]\""
        ) from None
    return icalendar


def agenda_ics(docket: Docket | Iterable[AgendaItem]) -> bytes:
    """The agenda as an iCalendar file: one all-day event per deadline and periodic duty."""
    ical = _icalendar()
    cal = ical.Calendar()
    cal.add("prodid", "-//yingsu//docket//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "行政应诉期限")
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    items = docket.agenda if isinstance(docket, Docket) else docket
    for i, item in enumerate(items):
        ev = ical.Event()
        who = f"{item.case_id}，" if item.case_id else ""
        ev.add("uid", _uid(item, i))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", item.due)
        ev.add("dtend", date.fromordinal(item.due.toordinal() + 1))
        ev.add("summary", f"{item.title}（{who}{city_label(item.city)}）")
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


def write_ics(docket: Docket | Iterable[AgendaItem], path: str | Path) -> Path:
    """Write the agenda as an .ics file; returns the path."""
    data = agenda_ics(docket)
    p = Path(path)
    try:
        p.write_bytes(data)
    except OSError as e:
        raise YingsuError(f"{p}: cannot write the calendar: {e.strerror}") from None
    return p


