"""A year's docket (年度案件清单): many cases at once, the yearly figures against each city's
own targets, the agenda of every deadline, the periodic duties, and calendar export.

    import yingsu
    entries = yingsu.load_docket("examples/docket-2026.yaml")   # YAML/JSON list, CSV, .xlsx
    docket = yingsu.evaluate_docket(entries, today=date(2026, 11, 23))
    docket.figures          # yearly figures per city, each with its article and quote
    docket.agenda           # every deadline in date order, who acts, overdue marks
    yingsu.periodic(city, 2026)                               # periodic duties of a year

Everything legal is data: the targets, their thresholds and readings and the periodic duties
in rulesets/<city>/targets.yaml, what each figure counts (and what the Case cannot tell) in
rulesets/national/metrics.yaml, and the first trial of the year, derived over the docket, is
cited from the rules that need it. Modules, one job each:

    models       the docket's pydantic models          load     YAML / JSON dockets
    tabular      CSV and .xlsx dockets                 targets  targets, metrics, periodic duties
    facts        the Decision's and docket's facts     first_trial  the first trial of the year
    figures      one generic tally for every metric    agenda   deadlines and periodic duties
    evaluate     the two passes over a docket          report   the Chinese text report
    jsonout      the Docket JSON, streamed             compact  kept cases' shared field sets
    ics          iCalendar export (yingsu[ics])         case_json  each case's JSON from shared parts
"""
from __future__ import annotations

from .evaluate import evaluate_docket
from .ics import agenda_ics, write_ics
from .load import MAX_DOCKET_BYTES, load_docket, load_yaml_docket, open_docket, parse_docket_bytes
from .models import (
    AgendaItem, Docket, DocketCase, DocketEntry, Figure, FirstTrial, PendingItem, PeriodicDuty, Target, Threshold,
)
from .report import render_docket
from .tabular import CSV_COLUMNS, parse_docket_csv, parse_docket_xlsx
from .workbook import agenda_xlsx
from .targets import load_targets, metrics, periodic

__all__ = [
    "AgendaItem",
    "CSV_COLUMNS",
    "Docket",
    "DocketCase",
    "DocketEntry",
    "Figure",
    "FirstTrial",
    "MAX_DOCKET_BYTES",
    "PendingItem",
    "PeriodicDuty",
    "Target",
    "Threshold",
    "agenda_ics",
    "agenda_xlsx",
    "evaluate_docket",
    "load_docket",
    "load_targets",
    "metrics",
    "load_yaml_docket",
    "open_docket",
    "parse_docket_bytes",
    "parse_docket_csv",
    "parse_docket_xlsx",
    "periodic",
    "render_docket",
    "write_ics",
]
