"""yingsu (应诉): Chinese local ordinances on administrative-litigation response as executable, cited rules.

    import yingsu
    case = yingsu.load_case("case.yaml")      # or yingsu.Case.model_validate(data)
    decision = yingsu.evaluate(case)          # the ruleset is chosen by case.city
    yingsu.compare(case)                      # the same facts under every city
"""
from __future__ import annotations

from .caseio import case_schema, decision_schema, load_case, parse_case
from .decision import Decision
from .engine import compare, evaluate
from .errors import CalendarError, CaseError, RulesetError, YingsuError
from .models import Case

# Imported on first use (start-up time: `yingsu evaluate` needs neither).
_LAZY = {
    "evaluate_docket": "docket", "load_docket": "docket", "periodic": "docket",  # a year's docket
    "evaluate_many": "batch",  # any number of cases, streamed (yingsu batch)
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'yingsu' has no attribute {name!r}")

__all__ = [
    "evaluate_many",
    "evaluate_docket",
    "load_docket",
    "periodic",
    "Case",
    "CaseError",
    "CalendarError",
    "Decision",
    "RulesetError",
    "YingsuError",
    "case_schema",
    "compare",
    "decision_schema",
    "evaluate",
    "load_case",
    "parse_case",
]
__version__ = "0.1.0"
