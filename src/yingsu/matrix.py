"""Scenario matrix (情景对比): every scenario case under every city, rendered as one document.

`yingsu matrix` writes docs/comparison.md from examples/scenarios/; a test fails when the
committed document no longer matches what the rulesets say.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .caseio import load_case
from .compare_view import render_table
from .engine import compare
from .errors import YingsuError
from .presentation import date_text
from .rulesets import available_cities as decisions_cities

_DIGITS = "零一二三四五六七八九"


def _count(n: int) -> str:
    """A small count in Chinese numerals (五, 十二), as the title reads; larger ones in digits."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    return str(n)


# Decisions that fall back on "today" (in force, with no served date) use this fixed day, so
# the document only changes when the rules or the calendar data do.
MATRIX_TODAY = date(2026, 11, 23)


def scenario_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise YingsuError(f"{folder}: no scenarios folder")
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
    if not files:
        raise YingsuError(f"{folder}: no scenario files (.yaml, .yml, .json)")
    return files


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return path.stem


def render_matrix(folder: Path) -> str:
    """The comparison document: per scenario, its facts file, its title and the city table."""
    out = [
        f"# 情景对比：同一案件在{_count(len(decisions_cities()))}个城市的应诉决定",
        "",
        "本文件由 `yingsu matrix` 根据 `examples/scenarios/` 生成，请勿手工修改。",
        "标 ≠ 的行各城市结论不同；每格的依据见〔〕。",
        f"期限按工作日历（节假日数据）计算；未写明收到起诉状日期的案件按 {date_text(MATRIX_TODAY, weekday=False)} 判断。",
        "",
    ]
    for path in scenario_files(folder):
        case = load_case(path)
        decisions = compare(case, today=MATRIX_TODAY)
        out.append(f"## {path.stem}：{_title(path)}")
        out.append("")
        out.append(f"案件事实：`examples/scenarios/{path.name}`")
        out.append("")
        out.append(render_table(decisions, basis=True))
        out.append("")
    return "\n".join(out)
