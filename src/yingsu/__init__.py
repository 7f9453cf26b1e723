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
from .docket import evaluate_docket, load_docket, periodic  # a year's docket (yingsu docket)
from .batch import evaluate_many  # any number of cases, streamed (yingsu batch)

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
