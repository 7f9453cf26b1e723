"""A year's docket (年度案件清单): many cases at once, the yearly figures against each city's
own targets, the agenda of every deadline, the periodic duties, and calendar export.

    import yingsu
    entries = yingsu.load_docket("examples/docket-2026.yaml")   # YAML/JSON list, or CSV
    docket = yingsu.evaluate_docket(entries, today=date(2026, 11, 23))
    docket.figures          # yearly rates per city, each with its article and quote
    docket.agenda           # every deadline in date order, who acts, overdue marks
    yingsu.periodic("yanshi", 2026)                           # periodic duties of a year

What the docket adds to the per-case decisions:

- `proceeding.first_trial_of_year` (新洲 第十四条: 年度第一件开庭审理案件) is *derived* from the
  docket: per defendant (its name, else its kind and level) and calendar year, the case with
  the earliest hearing among the trial cases is the first. A given value that contradicts the
  docket is overridden, with a warning.
- Yearly figures against the targets in ``rulesets/<city>/targets.yaml`` (data, not code): each
  figure quotes its article; what the Case does not record (出声, who of the principals
  appeared, 失信名单, 复议纠错率…) is said, never guessed; a target whose text is uncertain
  (新洲 第十六条 “？5%”) is carried as every possible reading.
- The agenda: all deadlines of all cases and the periodic duties of the year (`periodic`),
  in date order, with the unit that must act and overdue marks relative to `today`.
- iCalendar export (RFC 5545) through the optional `icalendar` package (``yingsu[ics]``).
"""
from __future__ import annotations

from .evaluate import evaluate_docket
from .ics import agenda_ics, write_ics
from .load import MAX_DOCKET_BYTES, load_docket, load_yaml_docket
from .models import (
    AgendaItem, Docket, DocketCase, DocketEntry, Figure, FirstTrial, PendingItem, PeriodicDuty, Target, Threshold,
)
from .report import render_docket
from .tabular import CSV_COLUMNS, parse_docket_csv
from .targets import METRICS, load_targets, periodic

__all__ = [
    "AgendaItem",
    "CSV_COLUMNS",
    "Docket",
    "DocketCase",
    "DocketEntry",
    "Figure",
    "FirstTrial",
    "MAX_DOCKET_BYTES",
    "METRICS",
    "PendingItem",
    "PeriodicDuty",
    "Target",
    "Threshold",
    "agenda_ics",
    "evaluate_docket",
    "load_docket",
    "load_targets",
    "load_yaml_docket",
    "parse_docket_csv",
    "periodic",
    "render_docket",
    "write_ics",
]
