"""Yearly targets (年度考核指标), what they count (计算口径) and periodic duties (周期性义务).

All of it is data, read by the rulesets' own reader (yingsu.rulesets._Reader: file and line in
every error, unknown keys refused) with the rules' quote proof (rulesets.read_citation) and
the rules' condition compiler:

- rulesets/national/metrics.yaml: every metric (numerator, denominator, the dates that place a
  case in a year, exclusions, exact / upper bound / not computable and why) and how the first
  trial of the year is derived;
- rulesets/<city>/targets.yaml: the city's targets (article, quote, the metric, the threshold as
  the text gives it), its own metrics if any, and its periodic duties.
"""
from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..catalogue import PERIODIC
from ..conditions import ConditionCompiler, Predicate
from ..counting import fixed_date
from ..decision import Citation
from ..errors import YingsuError
from ..facts import FACTS, FactType
from ..rulesets import BASE_RULESET, CITIES, Ruleset, _Reader, get_ruleset, read_citation, rulesets_dir
from ..sources import Document
from ..cache import load_yaml  # = yamlsafe.load_text, the parse tree cached as the rules' is
from ..yamlsafe import LineDict, read_file
from .facts import DOCKET_FACTS
from .models import PeriodicDuty, PeriodicSpec, Target, Threshold

METRICS_FILE = "metrics.yaml"  # in the base ruleset's folder
_METRIC_KEYS = {"kind", "figure", "numerator", "denominator", "count", "year", "exclude", "undated",
                "computed_from", "cannot_compute", "shown_as"}
_FIRST_TRIAL_KEYS = {"fact", "date", "trial", "note"}
_TARGET_KEYS = {"id", "title", "article", "item", "document", "quote", "metric", "scope", "threshold", "note"}
_THRESHOLD_KEYS = {"op", "text", "value", "candidates", "likely", "unknown"}
_PERIODIC_KEYS = {"id", "article", "item", "document", "quote", "months", "day", "covers", "unit", "to", "note"}


@dataclass(frozen=True)
class Metric:
    """What one yearly figure counts: conditions compiled once, texts as the data gives them."""

    id: str
    kind: str  # rate | count
    figure: str  # exact | upper | not_computable
    numerator: Predicate | None
    denominator: Predicate | None  # for a count: the cases counted
    year: tuple[str, ...]
    exclude: tuple[tuple[Predicate, str], ...]
    undated: str | None
    computed_from: str
    cannot_compute: str | None
    shown_as: str | None


@dataclass(frozen=True)
class FirstTrialSpec:
    """How the first trial of the year is derived: the fact it decides, the date, what a trial is."""

    fact: str
    date: str
    trial: Predicate
    note: str | None


def _compiler(r: _Reader) -> ConditionCompiler:
    c = ConditionCompiler(r.file)
    c.facts.update(DOCKET_FACTS)  # the Decision's and the docket's facts beside the case's
    return c


def _metrics(r: _Reader, node: Any, line: int | None, known: dict[str, Metric]) -> dict[str, Metric]:
    node = r.mapping(node, "metrics", line)
    compiler = _compiler(r)
    out: dict[str, Metric] = {}
    by_text: dict[str, Predicate] = {}

    def compile_(cond: Any, at: int | None) -> Predicate:
        # equal conditions (a YAML alias, a condition written twice) are one predicate, so that
        # yingsu.docket.figures tests them once for all the metrics that share them
        key = repr(cond)
        found = by_text.get(key)
        if found is None:
            found = by_text[key] = compiler.compile(cond, at)
        return found

    for mid, m in node.items():
        ml = node.line_of(mid)
        if not isinstance(mid, str) or not mid.strip():
            raise r.error("a metric id must be non-empty text", ml)
        if mid in known or mid in out:
            raise r.error(f"metric '{mid}' is already defined", ml)
        m = r.mapping(m, f"metric '{mid}'", ml, _METRIC_KEYS)
        kind = m.get("kind")
        if kind not in ("rate", "count"):
            raise r.error(f"metric '{mid}': kind must be rate or count", m.line_of("kind"))
        figure = m.get("figure")
        if figure not in ("exact", "upper", "not_computable"):
            raise r.error(f"metric '{mid}': figure must be exact, upper or not_computable", m.line_of("figure"))
        conds = ("numerator", "denominator") if kind == "rate" else ("count",)
        wrong = ("count",) if kind == "rate" else ("numerator", "denominator")
        for key in wrong:
            if key in m:
                raise r.error(f"metric '{mid}': a {kind} has no '{key}'", m.line_of(key))
        cannot = r.text(m.get("cannot_compute"), f"metric '{mid}': cannot_compute", m.line_of("cannot_compute"),
                        required=figure != "exact")
        compiled: dict[str, Predicate | None] = {}
        if figure == "not_computable":
            for key in (*conds, "year", "exclude", "undated"):
                if key in m:
                    raise r.error(f"metric '{mid}': a metric that is not computable counts nothing ('{key}')",
                                  m.line_of(key))
            year: tuple[str, ...] = ()
        else:
            for key in conds:
                if m.get(key) is None:
                    raise r.error(f"metric '{mid}': '{key}' (a condition) is required", m.line)
                compiled[key] = compile_(m[key], m.line_of(key))
            year = _year(r, m, mid)
        exclude = []
        for i, x in enumerate(m.get("exclude") or []):
            xl = m["exclude"].line_of(i)
            x = r.mapping(x, f"metric '{mid}': an exclusion", xl, {"when", "reason"})
            if x.get("when") is None:
                raise r.error(f"metric '{mid}': an exclusion needs 'when'", xl)
            exclude.append((compile_(x["when"], x.line_of("when")),
                            r.text(x.get("reason"), f"metric '{mid}': exclusion reason", x.line_of("reason"))))
        out[mid] = Metric(
            id=mid, kind=kind, figure=figure,
            numerator=compiled.get("numerator"), denominator=compiled.get("denominator") or compiled.get("count"),
            year=year, exclude=tuple(exclude),
            undated=r.text(m.get("undated"), f"metric '{mid}': undated", m.line_of("undated"),
                           required=figure != "not_computable"),
            computed_from=r.text(m.get("computed_from"), f"metric '{mid}': computed_from", m.line_of("computed_from")),
            cannot_compute=cannot,
            shown_as=r.text(m.get("shown_as"), f"metric '{mid}': shown_as", m.line_of("shown_as"), required=False),
        )
    return out


def _year(r: _Reader, m: LineDict, mid: str) -> tuple[str, ...]:
    dates = m.get("year")
    if not isinstance(dates, list) or not dates:
        raise r.error(f"metric '{mid}': year must list the dates that place a case in a year", m.line_of("year"))
    for d in dates:
        if d not in FACTS or FACTS[d].type is not FactType.date:
            raise r.error(f"metric '{mid}': year: '{d}' is not a date of the case", m.line_of("year"))
    return tuple(dates)


@lru_cache(maxsize=None)
def _base() -> tuple[dict[str, Metric], FirstTrialSpec | None]:
    path = rulesets_dir() / BASE_RULESET / METRICS_FILE
    if not path.is_file():
        return {}, None
    r = _Reader(path)
    doc = r.mapping(load_yaml(read_file(path), r.file), "metrics.yaml", 1, {"metrics", "first_trial"})
    metrics = _metrics(r, doc.get("metrics") or LineDict(), doc.line_of("metrics"), {})
    spec = None
    if doc.get("first_trial") is not None:
        ft = r.mapping(doc["first_trial"], "first_trial", doc.line_of("first_trial"), _FIRST_TRIAL_KEYS)
        fact = ft.get("fact")
        if fact not in FACTS or FACTS[fact].type is not FactType.flag:
            raise r.error(f"first_trial.fact '{fact}' is not a true/false fact of the case", ft.line_of("fact"))
        when = ft.get("date")
        if when not in FACTS or FACTS[when].type is not FactType.date:
            raise r.error(f"first_trial.date '{when}' is not a date of the case", ft.line_of("date"))
        spec = FirstTrialSpec(fact=fact, date=when, trial=ConditionCompiler(r.file).compile(ft.get("trial"), ft.line_of("trial")),
                              note=r.text(ft.get("note"), "first_trial.note", ft.line_of("note"), required=False))
    return metrics, spec


def first_trial_spec() -> FirstTrialSpec | None:
    """How the first trial of the year is derived (None: the base ruleset does not say)."""
    return _base()[1]


@lru_cache(maxsize=None)
def _city(city: str) -> tuple[tuple[Target, ...], tuple[PeriodicSpec, ...], dict[str, Metric]]:
    rs = get_ruleset(city)
    base, _ = _base()
    path = rulesets_dir() / city / "targets.yaml"
    if not path.is_file():
        return (), (), dict(base)
    r = _Reader(path)
    doc = r.mapping(load_yaml(read_file(path), r.file), "targets.yaml", 1, {"targets", "periodic", "metrics"})
    metrics = dict(base)
    if doc.get("metrics") is not None:
        metrics.update(_metrics(r, doc["metrics"], doc.line_of("metrics"), base))
    ids: dict[str, int | None] = {}
    targets = tuple(_target(r, rs, n, line, metrics, ids) for n, line in _items(r, doc, "targets"))
    specs = tuple(_periodic(r, rs, n, line, ids) for n, line in _items(r, doc, "periodic"))
    return targets, specs, metrics


def load_targets(city: str) -> tuple[tuple[Target, ...], tuple[PeriodicSpec, ...]]:
    """The targets and periodic duties of a city, validated, with file and line in every error.

    A city without ``targets.yaml`` has neither. Every quote is proved in its article.
    """
    targets, specs, _ = _city(city)
    return targets, specs


def metrics(city: str) -> dict[str, Metric]:
    """The metrics a city's targets may name: the base ruleset's and the city's own."""
    return _city(city)[2]


def clear_cache() -> None:
    _base.cache_clear()
    _city.cache_clear()


load_targets.cache_clear = clear_cache  # type: ignore[attr-defined]  # as when it was cached itself


def _items(r: _Reader, doc: LineDict, key: str) -> list[tuple[LineDict, int | None]]:
    node = doc.get(key)
    if node is None:
        return []
    if not isinstance(node, list):
        raise r.error(f"'{key}:' must be a list", doc.line_of(key))
    return [(x, node.line_of(i)) for i, x in enumerate(node)]


def _new_id(r: _Reader, n: LineDict, ids: dict[str, int | None]) -> str:
    tid = r.text(n.get("id"), "id", n.line_of("id"))
    if tid in ids:
        raise r.error(f"duplicate id '{tid}' (first at line {ids[tid]})", n.line_of("id"))
    ids[tid] = n.line_of("id")
    return tid


def _cite(r: _Reader, rs: Ruleset, n: LineDict, what: str, rule_id: str) -> Citation:
    for key in ("article", "quote"):
        if n.get(key) is None:
            raise r.error(f"{what} is missing '{key}'", n.line)
    documents = rs.source.documents if rs.source is not None else (Document(None),)
    article, item, quote, document = read_citation(r, n, rs, documents, what)
    return Citation(ruleset=rs.id, article=article, item=item, quote=quote, document=document, rule=rule_id,
                    note=r.text(n.get("note"), f"{what}: note", n.line_of("note"), required=False))


def _target(r: _Reader, rs: Ruleset, n: Any, line: int | None, metrics: dict[str, Metric], ids) -> Target:
    n = r.mapping(n, "a target", line, _TARGET_KEYS)
    tid = _new_id(r, n, ids)
    metric = r.text(n.get("metric"), f"'{tid}': metric", n.line_of("metric"))
    if metric not in metrics:
        raise r.error(f"'{tid}': unknown metric '{metric}' (known: {', '.join(metrics)})", n.line_of("metric"))
    scope = n.get("scope", "all")
    if scope not in ("agency", "all"):
        raise r.error(f"'{tid}': scope '{scope}' is not one of: agency, all", n.line_of("scope"))
    return Target(id=tid, city=rs.id, title=r.text(n.get("title"), f"'{tid}': title", n.line_of("title")),
                  metric=metric, scope=scope, threshold=_threshold(r, n, tid), basis=_cite(r, rs, n, f"'{tid}'", tid))


def _periodic(r: _Reader, rs: Ruleset, n: Any, line: int | None, ids) -> PeriodicSpec:
    n = r.mapping(n, "a periodic duty", line, _PERIODIC_KEYS)
    pid = _new_id(r, n, ids)
    if pid not in PERIODIC:
        raise r.error(f"periodic duty id '{pid}' is not one of: {', '.join(PERIODIC)}", n.line_of("id"))
    months = n.get("months")
    if (not isinstance(months, list) or not months
            or any(isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= 12 for m in months)):
        raise r.error(f"'{pid}': months must be a list of month numbers 1–12", n.line_of("months"))
    day = n.get("day")
    if day != "last" and (isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31):
        raise r.error(f"'{pid}': day must be a day of the month 1–31 or 'last'", n.line_of("day"))
    if day != "last":
        for m in months:
            if day > monthrange(2024, m)[1]:
                raise r.error(f"'{pid}': month {m} has no day {day}", n.line_of("day"))
    covers = n.get("covers")
    if covers not in ("previous_quarter", "previous_year"):
        raise r.error(f"'{pid}': covers must be previous_quarter or previous_year", n.line_of("covers"))
    return PeriodicSpec(id=pid, city=rs.id, months=months, day=day, covers=covers,
                        unit=r.text(n.get("unit"), f"'{pid}': unit", n.line_of("unit")),
                        to=r.text(n.get("to"), f"'{pid}': to", n.line_of("to"), required=False),
                        basis=_cite(r, rs, n, f"'{pid}'", f"{rs.id}.periodic.{pid}"))


def _threshold(r: _Reader, node: LineDict, tid: str) -> Threshold | None:
    t = node.get("threshold")
    if t is None:
        return None
    t = r.mapping(t, f"threshold of '{tid}'", node.line_of("threshold"), _THRESHOLD_KEYS)
    if t.get("op") not in (">=", "<=", "<", ">"):
        raise r.error(f"'{tid}': threshold op must be one of >=, <=, <, >", t.line_of("op"))
    text = r.text(t.get("text"), f"'{tid}': threshold text (as the ordinance writes it)", t.line_of("text"))
    given = [k for k in ("value", "candidates", "unknown") if t.get(k) is not None]
    if len(given) != 1:
        raise r.error(f"'{tid}': a threshold has exactly one of value, candidates, unknown", t.line)

    def number(v: Any, where: str) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
            raise r.error(f"'{tid}': {where} must be a number >= 0 (a rate as a fraction: 0.95)", t.line_of(where))
        return float(v)

    value = number(t["value"], "value") if "value" in given else None
    candidates = []
    if "candidates" in given:
        if not isinstance(t["candidates"], list) or len(t["candidates"]) < 2:
            raise r.error(f"'{tid}': candidates must list two or more possible readings", t.line_of("candidates"))
        candidates = sorted(number(v, "candidates") for v in t["candidates"])
    likely = number(t["likely"], "likely") if t.get("likely") is not None else None
    if likely is not None and likely not in candidates:
        raise r.error(f"'{tid}': likely must be one of the candidates", t.line_of("likely"))
    unknown = r.text(t.get("unknown"), f"'{tid}': unknown (what the value depends on)", t.line_of("unknown"),
                     required=False)
    return Threshold(op=t["op"], text=text, value=value, candidates=candidates, likely=likely, unknown=unknown)


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


def check_all() -> int:
    """Load every city's targets and the metrics (for `yingsu check`); the number of targets."""
    return sum(len(load_targets(c)[0]) for c in CITIES if (rulesets_dir() / c / "rules.yaml").is_file())

