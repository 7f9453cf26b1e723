"""Lawyer-written test cases (案例): `rulesets/<city>/cases/*.yaml`, run by `yingsu test`.

A case file is a list of cases. Each case has a name, the article it exercises, the facts
(a Case without `city`: the folder names the city) and the expected answer, any part of the
Decision JSON, matched partially:

    - name: 区政府单独被告，区司法局为应诉责任机关
      article: 第九条（一）          # 第X条, optionally with its item; `document:` where a text holds several
      case:
        defendant: {kind: government}
        reconsideration: {government_role: sole_defendant, outcome: changed}
      expect:
        undertaking: {units: [{role: justice_bureau, duty: lead, scope: whole}]}
        appearance: {level: default}
        deadlines: {answer: {due: 2026-03-17}, internal_review: null}   # by id; null: must not be there
        warnings: [不在施行期间]      # each text occurs in some warning; [] means no warning at all

Matching: a mapping checks only the keys it gives; a list checks every element in order and
its length; `deadlines` and `pending` may be given as a mapping by deadline id; `warnings`
checks that each given text occurs in a warning; a `basis` lists citations the decision cites
in that order, the first being the deciding one (others may stand between the ones given). Optional per case: `today:` (default
2026-11-23, so the answer does not change with the day) and `version:` (pin a version).

The article is checked too: some rule of that article (and document) must fire, so a case
cannot pass for the wrong reason. Which rules the cases fire (Decision.trace) is the rule
coverage: `yingsu test --coverage` lists the rules no case fires.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .caseio import case_error
from .cities import city_folder, city_ids
from .decision import Decision
from .errors import RulesetError
from .yamlsafe import check_keys, load_text, read_file

CASES_DIR = "cases"
DEFAULT_TODAY = date(2026, 11, 23)
_KEYS = {"name", "article", "document", "case", "expect", "today", "version", "note"}
_BY_ID = {"deadlines", "pending"}
_ARTICLE = re.compile(r"^(第[〇零一二三四五六七八九十百]+条)(（[〇零一二三四五六七八九十百]+）)?$")


@dataclass(frozen=True)
class LawCase:
    """One lawyer-written case."""

    city: str
    file: str
    line: int | None
    name: str
    article: str
    item: str | None
    document: str | None
    facts: dict
    expect: dict
    today: date
    version: str | None

    @property
    def where(self) -> str:
        """file:line, relative to the working folder where it lies below it."""
        file = self.file
        try:
            file = os.path.relpath(file)
        except ValueError:  # another drive (Windows)
            pass
        if file.startswith(".."):
            file = self.file
        return f"{file}:{self.line}" if self.line else file


@dataclass
class Outcome:
    """What running one case found: the differences (empty: it passed) and the rules it fired."""

    case: LawCase
    problems: list[str] = field(default_factory=list)
    trace: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.problems

    def message(self) -> str:
        """One line per difference, naming the file, the case and the field."""
        return "\n".join(f"{self.case.where} 「{self.case.name}」：{p}" for p in self.problems)


def case_files(city: str) -> list[Path]:
    """The case files of a city: `cases/` of the city folder and of each version folder."""
    folder = city_folder(city)
    if folder is None:
        return []
    dirs = [folder.path / CASES_DIR] + [v.folder / CASES_DIR for v in folder.versions if v.id is not None]
    return [p for d in dirs if d.is_dir() for p in sorted(d.iterdir()) if p.suffix in (".yaml", ".yml")]


def load_cases(city: str) -> list[LawCase]:
    """Every case of a city, validated as data (facts are validated when the case runs)."""
    return [c for path in case_files(city) for c in load_file(path, city)]


def load_file(path: Path, city: str) -> list[LawCase]:
    file = str(path)
    data = load_text(read_file(path), file)
    if not isinstance(data, list) or not data:
        raise RulesetError("a case file is a non-empty list of cases (- name: …)", file, 1)
    out = []
    for i, node in enumerate(data):
        line = data.line_of(i)
        if not isinstance(node, dict):
            raise RulesetError("each case is a mapping (name, article, case, expect)", file, line)
        check_keys(node, _KEYS, "a case", file)
        for key in ("name", "article", "case", "expect"):
            if node.get(key) is None:
                raise RulesetError(f"the case is missing '{key}'", file, node.line or line)
        m = _ARTICLE.match(str(node["article"]).strip())
        if not m:
            raise RulesetError(f"article '{node['article']}' must read 第X条 or 第X条（X）", file, node.line_of("article"))
        facts, expect = node["case"], node["expect"]
        if not isinstance(facts, dict):
            raise RulesetError("case: must be the facts of a case (a mapping)", file, node.line_of("case"))
        if "city" in facts and facts["city"] != city:
            raise RulesetError(f"case.city '{facts['city']}' is not this folder's city '{city}'", file, node.line_of("case"))
        if not isinstance(expect, dict) or not expect:
            raise RulesetError("expect: must be a mapping of Decision fields", file, node.line_of("expect"))
        check_keys(expect, set(Decision.model_fields), "expect", file)
        today = node.get("today", DEFAULT_TODAY)
        if not isinstance(today, date):
            raise RulesetError("today: must be a date (YYYY-MM-DD)", file, node.line_of("today"))
        out.append(
            LawCase(
                city=city,
                file=file,
                line=node.line or line,
                name=str(node["name"]),
                article=m.group(1),
                item=m.group(2),
                document=node.get("document"),
                facts={**facts, "city": city},
                expect=expect,
                today=today,
                version=node.get("version"),
            )
        )
    return out


def run_case(case: LawCase) -> Outcome:
    """Decide the case and compare the decision with what it expects."""
    from .engine import evaluate
    from .models import Case
    from .versions import get_version

    try:
        facts = Case.model_validate(case.facts)
    except ValidationError as e:
        return Outcome(case, [f"案件事实有误：{case_error(e)}"])
    decision = evaluate(facts, today=case.today, version=case.version)
    actual = decision.model_dump(mode="json")
    problems = list(match(case.expect, actual, ""))
    rs = get_version(case.city, decision.ruleset.version)
    fired = [r for r in _rules_by_id(rs) if r.id in set(decision.trace)]
    if not any(r.article == case.article and (case.document is None or r.document == case.document) for r in fired):
        where = f"{case.document} {case.article}" if case.document else case.article
        problems.append(f"没有{where}的规则被适用（适用的规则：{'、'.join(decision.trace) or '无'}）")
    return Outcome(case, problems, tuple(decision.trace))


def _rules_by_id(rs):
    return [r for rules in rs.by_decision.values() for r in rules] or rs.rules


def _show(value: Any) -> str:
    if value is None:
        return "空（null）"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        import json

        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 120 else text[:119] + "…"
    return str(value)


def _plain(value: Any) -> Any:
    """YAML values as the Decision JSON has them (dates as ISO text)."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def match(expected: Any, actual: Any, path: str):
    """Yield one Chinese line per difference between the expected part and the actual decision."""
    here = path or "决定"
    if isinstance(expected, dict):
        if isinstance(actual, list) and path.split(".")[-1] in _BY_ID:
            by_id = {x.get("id"): x for x in actual if isinstance(x, dict)}
            for key, want in expected.items():
                got = by_id.get(key)
                if want is None:
                    if got is not None:
                        yield f"{path}.{key} 不应出现，实际有：{_show(got)}"
                elif got is None:
                    yield f"{path}.{key} 应当出现，实际没有（有：{'、'.join(map(str, by_id)) or '无'}）"
                else:
                    yield from match(want, got, f"{path}.{key}")
            return
        if not isinstance(actual, dict):
            yield f"{here} 应为 {_show(expected)}，实为 {_show(actual)}"
            return
        for key, want in expected.items():
            sub = f"{path}.{key}" if path else str(key)
            if key not in actual:
                yield f"{sub}：决定中没有这一字段"
                continue
            yield from match(want, actual[key], sub)
        return
    if isinstance(expected, list):
        if not isinstance(actual, list):
            yield f"{here} 应为 {_show(expected)}，实为 {_show(actual)}"
            return
        if path.split(".")[-1] == "warnings":
            if not expected and actual:
                yield f"{path} 应当没有提示，实际有：{_show(actual)}"
            for text in expected:
                if not any(str(text) in w for w in actual):
                    yield f"{path} 应当有含“{text}”的提示，实际：{_show(actual) if actual else '无'}"
            return
        if path.split(".")[-1] == "basis":
            yield from _basis(expected, actual, path)
            return
        if len(expected) != len(actual):
            yield f"{here} 应有 {len(expected)} 项，实有 {len(actual)} 项：{_show(actual)}"
            return
        for i, (want, got) in enumerate(zip(expected, actual)):
            yield from match(want, got, f"{path}[{i}]")
        return
    if _plain(expected) != actual:
        yield f"{here} 应为 {_show(_plain(expected))}，实为 {_show(actual)}"


def _basis(expected: list, actual: list, path: str):
    """A basis lists citations the decision must cite, in this order; the first must be the
    decision's first (the deciding) citation; others may stand between them."""
    start = 0
    for i, want in enumerate(expected):
        found = None
        for k in range(start, len(actual)):
            if not list(match(want, actual[k], f"{path}[{k}]")):
                found = k
                break
            if i == 0:
                break  # the first expected citation is the deciding one
        if found is None:
            where = "第一项（决定所依据的）" if i == 0 else f"第 {i + 1} 项"
            yield f"{path} 的{where}应为 {_show(want)}，实为 {_show(actual[start:] if i else actual[:1])}"
            return
        start = found + 1


def run_city(city: str) -> list[Outcome]:
    return [run_case(c) for c in load_cases(city)]


@dataclass(frozen=True)
class RuleCoverage:
    """Which rules of a city's rulesets (every version) its cases fire."""

    city: str
    fired: dict[str, int]  # rule id -> how many cases fire it
    unfired: tuple[tuple[str | None, str], ...]  # (version, rule id) no case fires


def rule_coverage(city: str, outcomes: list[Outcome] | None = None) -> RuleCoverage:
    from .versions import timeline

    outcomes = run_city(city) if outcomes is None else outcomes
    fired: dict[str, int] = {}
    for o in outcomes:
        for rid in set(o.trace):
            fired[rid] = fired.get(rid, 0) + 1
    unfired = tuple(
        (rs.version, r.id) for rs in timeline(city).versions for r in rs.rules if r.id not in fired
    )
    return RuleCoverage(city, fired, unfired)


def cities_with_cases() -> list[str]:
    return [c for c in city_ids() if case_files(c)]


def render_run(outcomes: list[Outcome]) -> str:
    """The report of `yingsu test`: one line per failing field, then the counts."""
    lines = [o.message() for o in outcomes if not o.passed]
    passed = sum(o.passed for o in outcomes)
    lines.append(f"案例 {len(outcomes)} 件：通过 {passed} 件，未通过 {len(outcomes) - passed} 件")
    return "\n".join(lines)


def render_coverage(cov: RuleCoverage, total: int) -> str:
    from .cities import city_labels

    lines = [f"{city_labels().get(cov.city, cov.city)}：规则 {total} 条，案例适用 {total - len(cov.unfired)} 条，未被任何案例适用 {len(cov.unfired)} 条"]
    for version, rid in cov.unfired:
        lines.append(f"  未适用：{rid}" + (f"（版本 {version}）" if version else ""))
    return "\n".join(lines)
