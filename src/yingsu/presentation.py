"""呈现 (presentation): the one place that turns a decision's parts into officer text.

Citations, dates with their weekday, days remaining, counting rules in words, units and
appearance levels, as the CLI text, the comparison, the docket report, the .ics and the web
page show them. Every Chinese word comes from the label catalogue (yingsu.labels); the
contract's English ids never reach an officer's page: `officer_text` translates the ids a
rule note or warning mentions (act.maker, retrial, default) into their labels.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .decision import Citation, Deadline, Loss, Pending, RulesetInfo, Unit
from .labels import city_label, field_label, fields, label, term, values

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


# ---- dates -----------------------------------------------------------------------------------


def date_text(d: date | None, weekday: bool = True) -> str:
    """2026年3月17日 星期二 (without the weekday: 2026年3月17日)."""
    if d is None:
        return "—"
    text = f"{d.year}年{d.month}月{d.day}日"
    return f"{text} {WEEKDAYS[d.weekday()]}" if weekday else text


def days_left_text(due: date, today: date) -> str:
    """还有14天 / 今日到期 / 已逾期3天."""
    n = (due - today).days
    if n > 0:
        return f"还有{n}天"
    if n == 0:
        return "今日到期"
    return f"已逾期{-n}天"


# ---- citations -------------------------------------------------------------------------------


def ruleset_label(ruleset_id: str) -> str:
    """新洲 for xianzhou, 全国 for the national base; the id itself never."""
    try:
        return city_label(ruleset_id)
    except KeyError:
        return "（未知规则集）"


def citation_ref(c: Citation) -> str:
    """第九条（一）, 规范第十条 (偃师, two documents), 行政诉讼法第六十七条 (the national base)."""
    return f"{c.document or ''}{c.article}{c.item or ''}"


def citation_text(c: Citation, quote: bool = True) -> str:
    """【新洲 第九条（一）】“…”: the bracketed reference and the verbatim quote.

    A statute of the national base is named by itself (【行政诉讼法 第六十七条】), a city's
    ordinance by the city's short name."""
    if c.document and c.ruleset == "national":
        head = f"{c.document} {c.article}{c.item or ''}"
    else:
        head = f"{ruleset_label(c.ruleset)} {citation_ref(c)}"
    return f"【{head}】“{c.quote}”" if quote else f"【{head}】"


def refs_text(citations: list[Citation] | Citation | None) -> str:
    """第十二条；行政诉讼法第三条: the distinct short references of several citations."""
    if not citations:
        return ""
    if isinstance(citations, Citation):
        citations = [citations]
    refs: list[str] = []
    for c in citations:
        r = citation_ref(c)
        if r not in refs:
            refs.append(r)
    return "；".join(refs)


def ruleset_text(info: RulesetInfo, city: str | None = None) -> str:
    """新洲区…办法（试行）（文号不详）  城市：新洲（武汉市新洲区）  施行中：是."""
    from .labels import city_place

    cid = city or info.id
    try:
        where = f"{city_label(cid)}（{city_place(cid)}）"
    except (KeyError, Exception):  # a ruleset the installed package does not know by that id
        where = "（未知）"
    return f"{info.title}（{info.number or '文号不详'}）  城市：{where}  施行中：{'是' if info.in_force else '否'}"


# ---- units, appearance, loss ------------------------------------------------------------------


def unit_text(unit: Unit, short: bool = False) -> str:
    """区司法局（共同承办·复议部分）; the scope is left out when it is the whole case (short)."""
    duty = label("duty", unit.duty)
    if short and unit.scope.value == "whole":
        return f"{unit.name}（{duty}）"
    return f"{unit.name}（{duty}·{label('scope', unit.scope)}）"


def designated_text(roles) -> str:
    """尚待指定：由本级人民政府确定应诉承办单位."""
    who = "、".join(label("role", r) for r in roles)
    return f"尚待指定：由{who}确定应诉承办单位"


def level_text(level, short: bool = False) -> str:
    """The appearance duty in words (short: 负责人出庭（可委托）)."""
    return label("level.short" if short else "level", level)


def verdict_text(loss: Loss, short: bool = False) -> str:
    """败诉 / 不属于败诉 / 尚无裁判结果, and the definition it rests on."""
    verdict = {True: "败诉", False: "不属于败诉", None: "尚无裁判结果"}[loss.is_loss]
    if short:
        return verdict + ("" if loss.definition.value == "ordinance" else "（默认定义）")
    return f"{verdict}（{label('loss.definition', loss.definition)}）"


def bool_text(value: bool | None) -> str:
    return {True: "是", False: "否", None: "未填写"}[value]


# ---- deadlines ----------------------------------------------------------------------------------


def start_label(start: str) -> str:
    """What a deadline counts from: an event (收到裁判文书) or another deadline (…期限届满)."""
    ev = values("event")
    if start in ev:
        return ev[start]
    dl = values("deadline")
    if start in dl:
        return f"“{dl[start]}”期限届满"
    return "起算日"


def counting_text(rule: str, amount: int, start: str, start_date: date | None = None) -> str:
    """收到起诉状副本和应诉通知书之日起15日，届满日遇节假日顺延 (with the start date when known)."""
    what = start_label(start)
    if start_date is not None:
        what += f"（{date_text(start_date, weekday=False)}）"
    pattern = label("counting.words", rule)
    return pattern.format(start=what, n=amount)


def unit_of(rule: str) -> str:
    """日 / 个工作日 / 个月 …: the unit after the number."""
    return label("counting", rule)


def deadline_text(deadline: Deadline, today: date | None = None) -> str:
    """提交答辩状及证据、依据：2026年3月17日 星期二（还有14天；暂定）——收到…之日起15日，…"""
    extra = []
    if today is not None:
        extra.append(days_left_text(deadline.due, today))
    if deadline.provisional:
        extra.append("暂定")
    shown = f"（{'；'.join(extra)}）" if extra else ""
    counting = counting_text(deadline.rule, deadline.amount, deadline.start, deadline.start_date)
    return f"{label('deadline', deadline.id)}：{date_text(deadline.due)}{shown}——{counting}"


def pending_text(p: Pending) -> str:
    """提起上诉：待定，尚缺“收到裁判文书”."""
    return f"{label('deadline', p.id)}：待定，尚缺“{waits_label(p.waits_for)}”"


def waits_label(name: str) -> str:
    """The missing fact a pending deadline waits for: an event, a deadline or a case field."""
    ev = values("event")
    if name in ev:
        return ev[name]
    dl = values("deadline")
    if name in dl:
        return dl[name]
    try:
        return field_label(name)
    except KeyError:
        return "相关日期"


# ---- notes and warnings: the contract's ids inside free text ------------------------------------

# an identifier of the contract inside a note: act.maker, high_social_concern, retrial
_IDENT = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*(?![A-Za-z0-9_])")
# a gloss for integrators: （provisional）, （act_maker）, （default）, (priority 1)
_GLOSS = re.compile(r"[（(]\s*[A-Za-z_][A-Za-z0-9_.:,\s]*[）)]")

# which tables a bare word is looked up in, in this order (the first that knows it wins)
_ORDER = (
    "deadline", "periodic", "event", "level.short", "role", "duty", "scope", "loss.definition",
    "defendant.kind", "defendant.level", "reconsideration.government_role", "reconsideration.outcome",
    "act.maker_kind", "act.category", "proceeding.instance", "proceeding.appellant",
    "proceeding.procedure", "proceeding.session", "circumstances", "principal_requests.by",
    "principal_requests.rank", "outcome.document", "outcome.dispositions", "counting",
)


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, str]:
    vocab: dict[str, str] = {}
    for kind in reversed(_ORDER):  # earlier kinds overwrite later ones
        vocab.update(values(kind))
    for path, (title, _h, _e) in fields().items():
        vocab[path] = title
        vocab.setdefault(path.rsplit(".", 1)[-1], title)
    try:
        vocab.update(values("city"))
    except Exception:  # rulesets not loadable: the city ids stay untranslated, never a crash
        pass
    for word in ("true", "false", "null"):
        vocab[word] = {"true": "是", "false": "否", "null": "未填写"}[word]
    return vocab


def _word(token: str) -> str | None:
    found = _vocabulary().get(token)
    if found is not None:
        return found
    return term(token)


def officer_text(text: str) -> str:
    """A rule note or warning with every contract id replaced by its Chinese label.

    A parenthesised gloss of ids only (“暂定（provisional）”, “（default）”) is dropped: it repeats,
    for integrators, what the Chinese before it says. Words the catalogue does not know (A角)
    stay as they are."""

    def gloss(m: re.Match) -> str:
        inner = m.group(0)[1:-1]
        tokens = _IDENT.findall(inner)
        return "" if tokens and all(_word(t) is not None for t in tokens) else m.group(0)

    text = _GLOSS.sub(gloss, text)
    return _IDENT.sub(lambda m: _word(m.group(0)) or m.group(0), text)


def contract_ids() -> set[str]:
    """Every ASCII id of the contract an officer must never read: city ids, roles, enum values,
    deadline ids, field paths (for the tests that scan officer output)."""
    ids: set[str] = set()
    for kind in _ORDER:
        ids.update(values(kind))
    ids.update(values("city"))
    ids.add("national")
    ids.update(p for p in fields() if "." in p or "_" in p)
    return ids
