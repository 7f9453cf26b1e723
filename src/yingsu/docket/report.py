"""The docket as Chinese text (清单报告) for the command line."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Iterable, Iterator, NamedTuple

from ..decision import Citation, Pending, Unit
from ..presentation import ruleset_label as city_label, date_text, days_left_text, designated_text, level_text, officer_text, pending_text, unit_text, waits_label
from ..rulesets import CITIES
from .models import AgendaItem, Docket, DocketCase, Threshold



class _Memo(dict):
    """Texts made by `make` from their key, each once (at most `limit` kept)."""

    __slots__ = ("make", "limit")

    def __init__(self, make, limit: int = 50_000):
        super().__init__()
        self.make, self.limit = make, limit

    def __missing__(self, key):
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.make(key)
        return value


class ReportTexts(_Memo):
    """The texts a report repeats (报告的重复文字), each made once per report: the cities' 简称
    by id (the header's label: presentation.ruleset_label looks the city up among the ruleset
    folders, too slow to repeat for every line), and the lines many cases share."""

    __slots__ = ("_units", "appearance", "_pending", "warning", "date", "open_deadline")

    def __init__(self):
        super().__init__(city_label)
        self._units: dict[tuple, str] = {}
        self.appearance = _Memo(lambda k: f"    负责人出庭：{level_text(k[0])}" + (f"（{k[1]}）" if k[1] else ""))
        self._pending: dict[tuple[str, str], str] = {}
        self.warning = _Memo(lambda w: f"    ! {officer_text(w)}")
        self.date = dates = _Memo(date_text)  # the lambdas hold the memos, not the report's texts: no cycle
        # a deadline not done: its line depends on its title, date and today only
        self.open_deadline = _Memo(lambda k: deadline_line(k[0], dates[k[1]], k[2],
                                                           days_left_text(k[1], k[3]) if k[3] else ""))

    def units(self, units: list[Unit], designated_by: list) -> str:
        """承办：… of the undertaking units (keyed by their texts: comparing models costs more)."""
        key = (tuple((u.name, u.duty, u.scope) for u in units), tuple(designated_by))
        line = self._units.get(key)
        if line is None:
            if len(self._units) >= 50_000:
                self._units.clear()
            text = "；".join(unit_text(x, short=True) for x in units)
            if designated_by:
                text = "；".join(x for x in (text, designated_text(designated_by)) if x)
            line = self._units[key] = f"    承办：{text or '未确定'}"
        return line

    def pending(self, p: Pending) -> str:
        key = (p.id, p.waits_for)
        line = self._pending.get(key)
        if line is None:
            line = self._pending[key] = f"    待定：{pending_text(p)}"
        return line


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


def _ref(c: Citation, labels: ReportTexts | None = None) -> str:
    where = f"{c.document or ''}{c.article}{c.item or ''}"
    if c.ruleset == "national":
        return where
    return f"{labels[c.ruleset] if labels is not None else city_label(c.ruleset)} {where}"


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
    by_city = Counter(c.city for c in docket.cases)
    view = _View(docket.today, len(docket.cases), by_city, docket.warnings, docket.notes, docket.figures,
                 docket.agenda, len(docket.agenda), sum(a.overdue for a in docket.agenda), docket.pending,
                 sum(a.status == "done" for a in docket.agenda))
    labels = ReportTexts()
    lines = list(report_lines(view, source, labels))
    if docket.cases:
        lines += ["", "三、逐案情况"]
        for c in docket.cases:
            lines += case_lines(c, docket.today, labels)
    return "\n".join(lines)


def deadline_line(title: str, due_text: str, provisional: bool, state: str) -> str:
    """期限：… of one deadline with its date's text and its state (days left, or done)."""
    return f"    期限：{title}：{due_text}" + (f"（{state}）" if state else "") + ("，暂定" if provisional else "")


def case_lines(c: DocketCase, today=None, labels: ReportTexts | None = None) -> list[str]:
    """One case's section: its units, the appearance, its deadlines, its warnings."""
    d = c.decision
    t = labels if labels is not None else ReportTexts()
    out = ["", f"  {c.id}  {t[c.city]}  {c.defendant}"]
    u = d.undertaking
    out.append(t.units(u.units, u.designated_by))
    out.append(t.appearance[d.appearance.level, d.appearance.who])
    done = c.done
    for dl in d.deadlines:
        if done and dl.id in done:
            when = done[dl.id]
            out.append(deadline_line(dl.title, t.date[dl.due], dl.provisional,
                                     f"已完成{'：' + date_text(when, weekday=False) if when else ''}"))
        else:
            out.append(t.open_deadline[dl.title, dl.due, dl.provisional, today])
    for p in d.pending:
        out.append(t.pending(p))
    for w in c.warnings:
        out.append(t.warning[w])
    for w in d.warnings:
        out.append(t.warning[w])
    return out


class _View(NamedTuple):
    today: date
    count: int
    by_city: dict[str, int]
    warnings: list[str]
    notes: list[str]
    figures: list
    agenda: Iterable[AgendaItem]
    agenda_len: int
    overdue: int
    pending: list
    done: int = 0


def run_view(run) -> _View:
    """The report's view of a DocketRun (yingsu.docket.evaluate): the agenda read as it is written."""
    return _View(run.today, run.count, run.by_city, run.warnings, run.notes, run.figures, run.agenda.rows(),
                 len(run.agenda), run.agenda.overdue(), run.agenda.pending_rows, run.agenda.done())


def report_lines(docket: _View, source: str | None = None, labels: ReportTexts | None = None) -> Iterator[str]:
    """The report, line by line (the agenda is not held whole)."""
    out = _Out()
    names = labels if labels is not None else ReportTexts()
    by_city = docket.by_city
    counts = "、".join(f"{names[c]} {by_city[c]}" for c in CITIES if c in by_city)
    out.append(f"案件清单{('：' + source) if source else ''}  共 {docket.count} 件（{counts}）  今天：{docket.today}")
    if docket.warnings:
        out.append("")
        out.append(f"清单核对（{len(docket.warnings)} 条）")
        out.extend(f"  ! {officer_text(w)}" for w in docket.warnings)
    out.append("")
    out.append("说明")
    out.extend(f"  * {officer_text(n)}" for n in docket.notes)

    out.append("")
    out.append("一、年度指标")
    current = None
    for f in docket.figures:
        if (f.city, f.year) != current:
            current = (f.city, f.year)
            out.append("")
            out.append(f"{names[f.city]} {f.year} 年")
        rate = f.kind == "rate"
        target = f"：目标 {_threshold_text(f.threshold, rate)}" if f.threshold else ""
        out.append(f"  {f.title}{target}")
        if f.value is not None:
            figure = f"{f.numerator}/{f.denominator} = {_pct(f.value)}" if rate else f"{f.numerator} 件"
            proxy = f.shown_as or ("上限 " if f.bound == "upper" else "")
            detail = ""
            if f.readings and len(f.readings) > 1 and f.status == "undetermined":
                ok = [_pct(r.threshold) for r in f.readings if r.met]
                no = [_pct(r.threshold) for r in f.readings if not r.met]
                detail = f"（按 {'、'.join(ok) or '—'} 达标，按 {'、'.join(no) or '—'} 未达标）"
            out.append(f"    {proxy}{figure}：{_STATUS_LABELS[f.status]}{detail}")
        elif f.status in ("no_data", "not_computable"):
            out.append(f"    {_STATUS_LABELS[f.status]}")
        if f.cannot_compute:
            out.append(f"    不能计算的部分：{officer_text(f.cannot_compute)}")
        for x in f.excluded:
            out.append(f"    未计入：{officer_text(x.reason)} {x.count} 件")
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
        out.append(f"    依据：【{_ref(f.basis, names)}】“{f.basis.wording}”")
        if f.basis.note:
            out.append(f"    解读：{officer_text(f.basis.note)}")

    out.append("")
    out.append(f"二、待办期限（{docket.agenda_len} 项，按日期；! 为逾期 {docket.overdue} 项，✓ 为已完成 {docket.done} 项，"
               "~ 为暂定日期，开庭日期一并列出）")
    yield from out.flush()
    marks = {"overdue": "!", "done": "✓"}
    whos = _Memo(_who)
    refs: dict[int, str] = {}  # by the citation's identity: the agenda's rows share their rules' citations
    for a in docket.agenda:
        mark = marks.get(a.status, " ")
        prov = "~" if a.provisional else " "
        who = whos[tuple(a.units), tuple(a.designated_by)]
        case = a.case_id if a.case_id else "周期性"
        ref = ""
        if a.basis is not None:
            ref = refs.get(id(a.basis))
            if ref is None:
                ref = refs[id(a.basis)] = f"  〔{_ref(a.basis, names)}〕"
        done = f"（{a.done_on} 完成）" if a.done_on else ""
        yield f"  {a.due}{prov}{mark} {case}  {names[a.city]}  {a.title}{done}  — {who}{ref}"
    if docket.pending:
        out.append("")
        waits: dict[str, int] = defaultdict(int)
        for p in docket.pending:
            waits[p.waits_for] += 1
        detail = "、".join(f"等待“{waits_label(k)}” {v} 项" for k, v in sorted(waits.items(), key=lambda kv: -kv[1]))
        out.append(f"待定期限（起算日未知，不在日程中）：{len(docket.pending)} 项（{detail}）")
    yield from out.flush()


def _who(key: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
    units, designated_by = key
    who = "、".join(units)
    if designated_by:
        who += f"（待{'、'.join(designated_by)}指定）"
    return who or "承办单位未确定（见该案提示）"


class _Out(list):
    def flush(self) -> list[str]:
        lines = list(self)
        self.clear()
        return lines

