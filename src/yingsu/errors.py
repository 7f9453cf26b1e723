"""Errors that yingsu raises on purpose: every one names what is wrong and where.

错误：案件（Case）、规则集（ruleset）或日历数据（calendar data）有误时给出的明确提示。
"""
from __future__ import annotations


class YingsuError(Exception):
    """Base of every error yingsu raises deliberately (the CLI prints it as one line, exit 2)."""


class CaseError(YingsuError, ValueError):
    """A case (案件) that is malformed or contradicts itself; `field` names the offending field."""

    def __init__(self, message: str, field: str | None = None, source: str | None = None):
        self.field = field
        self.source = source
        self.message = message
        where = f"{source}: " if source else ""
        what = f"{field}: " if field else ""
        super().__init__(f"{where}{what}{message}")


class RulesetError(YingsuError):
    """A ruleset (规则集) or data file that fails validation; names file and line."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        self.file = file
        self.line = line
        self.reason = message
        where = file or "<ruleset>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class CalendarError(YingsuError):
    """A date outside what the working-day calendar (工作日历) can count, or bad arrangement data."""
