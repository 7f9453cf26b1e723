"""Yearly targets (年度考核指标) and periodic duties (周期性义务): rulesets/<city>/targets.yaml."""
from __future__ import annotations

from calendar import monthrange
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ..catalogue import PERIODIC
from ..counting import fixed_date
from ..decision import Citation
from ..errors import RulesetError, YingsuError
from ..rulesets import CITIES, get_ruleset, rulesets_dir
from ..sources import quote_problem
from ..yamlsafe import LineDict, LineList, check_keys, load_text, read_file
from .models import PeriodicDuty, PeriodicSpec, Target, Threshold


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

